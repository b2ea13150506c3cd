//! Architecture invariants, checked on the source text of src/model:
//! the model knows nothing about the browser, and never unwraps or panics on its way.

use std::path::{Path, PathBuf};

fn model_sources() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src/model").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).expect("read source");
                out.push((path, text));
            }
        }
    }
    assert!(out.len() >= 10, "src/model has only {} files", out.len());
    out.sort();
    out
}

/// The text of a source file without comments and without `#[cfg(test)]` items (a test
/// module or function may use unwrap freely). Line numbers are kept.
fn code_outside_tests(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut skip_depth: Option<i32> = None;
    let mut pending_cfg_test = false;
    let mut depth = 0i32;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split("//").next().unwrap_or("");
        let trimmed = line.trim();
        if trimmed.starts_with("#[cfg(test)]") {
            pending_cfg_test = true;
            continue;
        }
        let opens = line.matches('{').count() as i32;
        let closes = line.matches('}').count() as i32;
        if pending_cfg_test && opens > 0 && skip_depth.is_none() {
            skip_depth = Some(depth);
            pending_cfg_test = false;
        }
        depth += opens - closes;
        if let Some(d) = skip_depth {
            if depth <= d {
                skip_depth = None;
            }
            continue;
        }
        out.push((i + 1, line.to_string()));
    }
    out
}

/// Each `slice::sort*` call site is its own copy of the standard sort in the browser's wasm
/// (2–4 KB each); the model sorts through model/sort.rs's single instance instead.
#[test]
fn the_model_sorts_through_one_sort() {
    let call = |line: &str| {
        [
            ".sort(",
            ".sort_by(",
            ".sort_by_key(",
            ".sort_by_cached_key(",
            ".sort_unstable",
        ]
        .iter()
        .any(|m| line.contains(m))
    };
    let mut hits = Vec::new();
    for (path, text) in model_sources() {
        if path.ends_with("sort.rs") {
            continue;
        }
        for (n, line) in code_outside_tests(&text) {
            if call(&line) {
                hits.push(format!("{}:{n}: {}", path.display(), line.trim()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "sort with crate::model::sort instead:\n{}",
        hits.join("\n")
    );
    // The check sees a call where there is one.
    assert!(call("    names.sort_by(|a, b| a.cmp(b));"));
}

#[test]
fn model_knows_nothing_of_the_browser() {
    let mut hits = Vec::new();
    for (path, text) in model_sources() {
        for (n, line) in text.lines().enumerate() {
            for word in [
                "yew",
                "web_sys",
                "web-sys",
                "gloo",
                "wasm_bindgen",
                "wasm-bindgen",
                "js_sys",
            ] {
                if line.contains(word) {
                    hits.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        hits.is_empty(),
        "src/model names browser crates:\n{}",
        hits.join("\n")
    );
}

#[test]
fn model_never_unwraps_or_panics() {
    let mut hits = Vec::new();
    for (path, text) in model_sources() {
        for (n, line) in code_outside_tests(&text) {
            for bad in [
                ".unwrap()",
                ".expect(",
                "panic!(",
                "unreachable!(",
                "todo!(",
                "unimplemented!(",
            ] {
                if line.contains(bad) {
                    hits.push(format!("{}:{n}: {}", path.display(), line.trim()));
                }
            }
        }
    }
    assert!(
        hits.is_empty(),
        "src/model may panic on user data:\n{}",
        hits.join("\n")
    );
}

/// The scanner itself: it finds what it must and skips test code.
#[test]
fn scanner_sees_code_and_skips_tests() {
    let text = "fn a() { x.unwrap() }\n// y.unwrap()\n#[cfg(test)]\nmod tests {\n    fn b() {\n        z.unwrap();\n    }\n}\nfn c() { w.expect(\"e\") }\n";
    let kept: Vec<String> = code_outside_tests(text)
        .into_iter()
        .map(|(n, l)| format!("{n}: {l}"))
        .collect();
    assert_eq!(
        kept,
        [
            "1: fn a() { x.unwrap() }",
            "2: ",
            "9: fn c() { w.expect(\"e\") }"
        ]
    );
}

// ---- properties of the model on arbitrary designs ---------------------------------------

use crate::share::design as any_design;
use proptest::prelude::*;
use vpc_planner::model::validate::{DESIGN_SUBJECT, validate};
use vpc_planner::model::{edit, terraform};

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Validation never panics, and every diagnostic is on an item of the design (or on the
    /// design itself), so the editor can always select what a message is about.
    #[test]
    fn every_diagnostic_has_a_subject(d in any_design()) {
        let ids: std::collections::HashSet<&str> = d.ids().collect();
        for diag in validate(&d) {
            prop_assert!(diag.subject == DESIGN_SUBJECT || ids.contains(diag.subject.as_str()), "{} on {:?}", diag.code, diag.subject);
            prop_assert!(!diag.message.is_empty());
        }
    }

    /// The export never panics, whatever the design.
    #[test]
    fn export_never_panics(d in any_design()) {
        let _ = terraform::export(&d);
    }

    /// Deleting any items and undoing gives the design back, byte for byte.
    #[test]
    fn delete_then_undo_is_identity(d in any_design(), picks in proptest::collection::vec(any::<proptest::sample::Index>(), 0..4)) {
        let ids: Vec<String> = d.ids().map(String::from).collect();
        // Designs with duplicate ids are pinned in `delete_with_duplicate_ids_undoes`.
        let unique: std::collections::HashSet<&String> = ids.iter().collect();
        prop_assume!(unique.len() == ids.len());
        let chosen: Vec<String> = if ids.is_empty() { Vec::new() } else { picks.iter().map(|i| ids[i.index(ids.len())].clone()).collect() };
        let mut after = d.clone();
        let inverse = edit::delete(&d, &chosen).apply(&mut after);
        let inverse = match inverse {
            Ok(inverse) => inverse,
            Err(e) => return Err(TestCaseError::fail(format!("delete {chosen:?} failed: {e}"))),
        };
        inverse.apply(&mut after).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(vpc_planner::model::document::to_json_pretty(&after), vpc_planner::model::document::to_json_pretty(&d));
    }
}

/// A design loaded with two items sharing an id (validate reports id.duplicate): deleting one
/// and undoing must still give the design back.
#[test]
fn delete_with_duplicate_ids_undoes() {
    use vpc_planner::model::design::{Design, Flow, FlowTarget, Node, NodeKind, Point};
    let mut d = Design::empty("us-east-1");
    d.nodes.push(Node {
        id: "x".into(),
        name: "x".into(),
        at: Point { x: 0, y: 0 },
        kind: NodeKind::Ec2 { subnet: "s".into() },
        security_groups: Vec::new(),
        policy: None,
    });
    d.flows.push(Flow {
        id: "x".into(),
        name: String::new(),
        from: "x".into(),
        to: FlowTarget::Internet,
        gb_per_month: 1.0,
        protocol: Default::default(),
        port: 443,
        host: None,
        requests: Vec::new(),
    });
    let mut after = d.clone();
    let inverse = edit::delete(&d, &["x".to_string()])
        .apply(&mut after)
        .expect("delete applies");
    let undo = inverse.apply(&mut after);
    assert!(undo.is_ok(), "undo failed: {undo:?}");
    assert_eq!(after, d);
}

/// The browser's importer (src/bin/importer.rs) runs `terraform::import` on wasm32,
/// which reads the metadata line with serde: nothing in the model may derive `Deserialize` (or
/// give it serde attributes) for native builds only. The app's bundle pays nothing for it, since
/// it never calls those impls.
#[test]
fn deserialize_is_derived_on_every_target() {
    let mut hits = Vec::new();
    for (path, text) in model_sources() {
        for (n, line) in code_outside_tests(&text) {
            let native_only = line
                .contains(r#"cfg_attr(not(target_arch = "wasm32"), derive(Deserialize"#)
                || line.contains(r#"cfg_attr(not(target_arch = "wasm32"), serde("#);
            if native_only {
                hits.push(format!("{}:{n}: {}", path.display(), line.trim()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "Deserialize for native builds only; the import worker needs it on wasm32 too:\n{}",
        hits.join("\n")
    );
}

/// CIDR text as a user types or pastes it (fuzzed at length by fuzz/fuzz_targets/cidr_text.rs):
/// a block's text parses back to the same block, and a design holding any such text in its
/// VPC's and subnets' blocks validates, traces, prices and adds an AZ without a panic.
fn cidr_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}/[0-9]{1,2}",
        "[0-9./:a-fA-F ]{0,24}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn pasted_cidr_text_never_panics(vpc in cidr_like(), a in cidr_like(), b in cidr_like()) {
        use vpc_planner::model::{cidr, cost, lanes, routing};
        for text in [&vpc, &a, &b] {
            if let Ok(net) = cidr::parse_v4(text) {
                prop_assert_eq!(cidr::parse_v4(&net.to_string()), Ok(net));
            }
        }
        let mut d = crate::fixture::full();
        if let Some(first) = d.vpcs.first_mut() {
            first.cidr_blocks = vec![vpc.clone()];
        }
        for (subnet, text) in d.subnets.iter_mut().zip([&a, &b]) {
            subnet.cidr = text.clone();
        }
        let _ = validate(&d);
        let _ = routing::trace_all(&d);
        let _ = cost::estimate(&d);
        let vpc_id = d.vpcs.first().map(|v| v.id.clone()).unwrap_or_default();
        let _ = lanes::add_az(&d, &vpc_id);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Security groups found through the design's index are those a scan of its VPCs finds:
    /// the first of a duplicated id, none for an id no VPC has, also after two groups trade
    /// places without the index being cleared.
    #[test]
    fn indexed_lookups_answer_as_scans(d in crate::share::design(), pick in any::<(usize, usize)>()) {
        use vpc_planner::model::design::{Design, SecurityGroup, Vpc};
        type Found = Option<(*const Vpc, *const SecurityGroup)>;
        let scan = |d: &Design, id: &str| -> Found {
            d.vpcs.iter().find_map(|v| v.security_groups.iter().find(|g| g.id == id).map(|g| (v as *const Vpc, g as *const SecurityGroup)))
        };
        let indexed = |d: &Design, id: &str| -> Found {
            d.security_group(id).map(|(v, g)| (v as *const Vpc, g as *const SecurityGroup))
        };
        let mut d = d;
        let places: Vec<(usize, usize)> = d.vpcs.iter().enumerate().flat_map(|(i, v)| (0..v.security_groups.len()).map(move |j| (i, j))).collect();
        let mut ids: Vec<String> = d.vpcs.iter().flat_map(|v| v.security_groups.iter().map(|g| g.id.clone())).collect();
        ids.push("sg-in-no-vpc".into());
        for id in &ids {
            prop_assert_eq!(indexed(&d, id), scan(&d, id), "{}", id);
        }
        if places.len() >= 2 {
            let (a, b) = (places[pick.0 % places.len()], places[pick.1 % places.len()]);
            let (ga, gb) = (d.vpcs[a.0].security_groups[a.1].clone(), d.vpcs[b.0].security_groups[b.1].clone());
            d.vpcs[a.0].security_groups[a.1] = gb;
            d.vpcs[b.0].security_groups[b.1] = ga;
            for id in &ids {
                prop_assert_eq!(indexed(&d, id), scan(&d, id), "{} after a swap", id);
            }
        }
    }
}

/// A route table's prefix-list routes, found through the index of gateway endpoints by table,
/// are those of the gateway endpoints that name it, in the nodes' order, in generated landing
/// zones (each VPC's S3 endpoint serves its private tables).
#[test]
fn prefix_list_routes_are_the_gateway_endpoints_of_the_table() {
    use vpc_planner::model::design::NodeKind;
    use vpc_planner::model::generate::{Size, generate};
    use vpc_planner::model::routing::table::{Origin, Target, effective_routes};
    let mut routes_seen = 0;
    for seed in 0..4 {
        let d = generate(seed, Size::about(300));
        for rt in &d.route_tables {
            let routes = effective_routes(&d, rt);
            let indexed: Vec<&str> = routes
                .iter()
                .filter(|r| r.origin == Origin::PrefixList)
                .map(|r| match &r.target {
                    Target::Node(id) => id.as_str(),
                    _ => "",
                })
                .collect();
            let scanned: Vec<&str> = d
                .nodes
                .iter()
                .filter(|n| matches!(&n.kind, NodeKind::GatewayEndpoint { route_tables, .. } if route_tables.contains(&rt.id)))
                .map(|n| n.id.as_str())
                .collect();
            assert_eq!(indexed, scanned, "seed {seed}, {}", rt.id);
            routes_seen += indexed.len();
        }
    }
    assert!(
        routes_seen > 10,
        "the designs have prefix-list routes ({routes_seen})"
    );
}
