//! Terraform export: file snapshots of every example and scenario, each parsed back as HCL;
//! user text that comes out as the same literal string; determinism; resource names.

use crate::fixture::*;
use hcl::{Block, Body, Expression};
use vpc_planner::model::design::Design;
use vpc_planner::model::terraform::{self, export, identifier};

/// Parses an export as HCL, or fails the test with the text around the error.
pub fn parse(hcl_text: &str) -> Body {
    match hcl::parse(hcl_text) {
        Ok(body) => body,
        Err(e) => panic!(
            "the export is not valid HCL: {e}\n{}",
            hcl_text.chars().take(3000).collect::<String>()
        ),
    }
}

/// `(type, name)` of every resource block.
pub fn resources(body: &Body) -> Vec<(String, String)> {
    body.blocks()
        .filter(|b| b.identifier() == "resource")
        .map(|b| {
            let labels: Vec<String> = b.labels().iter().map(|l| l.as_str().to_string()).collect();
            (labels[0].clone(), labels[1].clone())
        })
        .collect()
}

fn resource<'a>(body: &'a Body, ty: &str, name: &str) -> Option<&'a Block> {
    body.blocks().find(|b| {
        b.identifier() == "resource"
            && b.labels().len() == 2
            && b.labels()[0].as_str() == ty
            && b.labels()[1].as_str() == name
    })
}

/// The `tags.Name` of every resource of a type, read with hcl-edit (hcl-rs re-escapes
/// template literals lossily, see MIS_ESCAPED): each must be `${var.name_prefix}` followed by
/// literal text only (an interpolation in the user's text would show as another element).
fn tag_names(text: &str, ty: &str) -> Vec<String> {
    use hcl_edit::expr::{Expression as E, ObjectKey};
    use hcl_edit::structure::Structure;
    use hcl_edit::template::Element;
    let body = hcl_edit::parser::parse_body(text).expect("hcl-edit parses the export");
    let mut out = Vec::new();
    for s in body.iter() {
        let Structure::Block(b) = s else { continue };
        if b.ident.as_str() != "resource" || b.labels[0].as_str() != ty {
            continue;
        }
        let tags = b.body.iter().find_map(|s| match s {
            Structure::Attribute(a) if a.key.as_str() == "tags" => Some(&a.value),
            _ => None,
        });
        let Some(E::Object(tags)) = tags else {
            panic!("no tags object in {ty}")
        };
        let name = tags
            .iter()
            .find(|(k, _)| matches!(k, ObjectKey::Ident(i) if i.as_str() == "Name"))
            .map(|(_, v)| v.expr())
            .expect("tags.Name");
        let E::StringTemplate(t) = name else {
            panic!("tags.Name is not a template: {name:?}")
        };
        let mut elements = t.iter();
        match elements.next() {
            Some(Element::Interpolation(i)) if i.expr.to_string().trim() == "var.name_prefix" => {}
            other => panic!("tags.Name does not start with var.name_prefix: {other:?}"),
        }
        out.push(
            elements
                .map(|e| match e {
                    Element::Literal(l) => l.as_str().to_string(),
                    other => panic!("user text became template code: {other:?}"),
                })
                .collect(),
        );
    }
    out
}

/// Every resource name is unique within its type (Terraform refuses duplicates).
fn assert_unique_resources(body: &Body, context: &str) {
    let all = resources(body);
    let mut seen = std::collections::HashSet::new();
    for r in &all {
        assert!(
            seen.insert(r),
            "{context}: duplicate resource {} \"{}\"",
            r.0,
            r.1
        );
    }
}

fn has_errors(design: &Design) -> bool {
    vpc_planner::model::validate::validate(design)
        .iter()
        .any(|d| d.severity == vpc_planner::model::Severity::Error)
}

/// Every reference (`aws_vpc.prod.id`, `var.region`, `data.aws_prefix_list.s3.id`, and the
/// same inside `"${…}"` templates) names a block the file declares: what `terraform validate`
/// checks first.
fn assert_references_resolve(body: &Body, context: &str) {
    use std::collections::HashSet;
    let mut declared: HashSet<String> = HashSet::new();
    for b in body.blocks() {
        let labels: Vec<&str> = b.labels().iter().map(|l| l.as_str()).collect();
        match (b.identifier(), labels.as_slice()) {
            ("resource", [ty, name]) => declared.insert(format!("{ty}.{name}")),
            ("data", [ty, name]) => declared.insert(format!("data.{ty}.{name}")),
            ("variable", [name]) => declared.insert(format!("var.{name}")),
            _ => false,
        };
    }
    fn check(path: &[String], declared: &HashSet<String>, context: &str) {
        let key = match path.first().map(String::as_str) {
            Some("data") if path.len() >= 3 => path[..3].join("."),
            Some("var") if path.len() >= 2 => path[..2].join("."),
            Some(root) if root.starts_with("aws_") && path.len() >= 2 => path[..2].join("."),
            _ => return,
        };
        assert!(
            declared.contains(&key),
            "{context}: {} refers to {key}, which the file does not declare",
            path.join(".")
        );
    }
    fn walk(e: &Expression, declared: &HashSet<String>, context: &str) {
        match e {
            Expression::Variable(v) => check(&[v.as_str().to_string()], declared, context),
            Expression::Traversal(t) => {
                let mut path = Vec::new();
                if let Expression::Variable(v) = &t.expr {
                    path.push(v.as_str().to_string());
                }
                for op in &t.operators {
                    match op {
                        hcl::expr::TraversalOperator::GetAttr(id) => {
                            path.push(id.as_str().to_string())
                        }
                        hcl::expr::TraversalOperator::Index(i) => walk(i, declared, context),
                        _ => {}
                    }
                }
                check(&path, declared, context);
            }
            Expression::Array(items) => items.iter().for_each(|i| walk(i, declared, context)),
            Expression::Object(o) => o.values().for_each(|v| walk(v, declared, context)),
            Expression::FuncCall(f) => f.args.iter().for_each(|a| walk(a, declared, context)),
            Expression::TemplateExpr(t) => {
                let text = t.to_string();
                for part in text.split("${").skip(1) {
                    let inner = part.split('}').next().unwrap_or("");
                    check(
                        &inner.split('.').map(str::to_string).collect::<Vec<_>>(),
                        declared,
                        context,
                    );
                }
            }
            _ => {}
        }
    }
    fn body_walk(b: &Body, declared: &HashSet<String>, context: &str) {
        for a in b.attributes() {
            walk(a.expr(), declared, context);
        }
        for blk in b.blocks() {
            body_walk(blk.body(), declared, context);
        }
    }
    body_walk(body, &declared, context);
}

/// The argument schema of the AWS provider (tests/data/aws-provider-schema.json, extracted by
/// tools/aws_provider_schema.py from the provider's published schema).
fn provider_schema() -> &'static serde_json::Value {
    static SCHEMA: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/aws-provider-schema.json");
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file"))
            .expect("schema json")
    })
}

/// Every resource and data block uses only arguments and blocks the AWS provider schema has,
/// and sets every required one: what `terraform validate` checks against the provider.
fn assert_matches_provider_schema(body: &Body, context: &str) {
    const META: &[&str] = &["depends_on", "count", "for_each", "provider", "lifecycle"];
    fn check(body: &Body, schema: &serde_json::Value, at: &str, context: &str) {
        let args = &schema["arguments"];
        let blocks = &schema["blocks"];
        for a in body.attributes() {
            let key = a.key();
            assert!(
                args.get(key).is_some() || META.contains(&key),
                "{context}: {at} has no argument {key} in the AWS provider schema"
            );
        }
        for b in body.blocks() {
            let id = b.identifier();
            let Some(inner) = blocks.get(id) else {
                panic!("{context}: {at} has no block {id} in the AWS provider schema")
            };
            check(b.body(), inner, &format!("{at}.{id}"), context);
        }
        if let Some(map) = args.as_object() {
            for (name, spec) in map {
                if spec["required"] == true {
                    assert!(
                        body.attributes().any(|a| a.key() == name),
                        "{context}: {at} lacks the required argument {name}"
                    );
                }
            }
        }
    }
    let types = &provider_schema()["types"];
    for b in body.blocks() {
        let labels: Vec<&str> = b.labels().iter().map(|l| l.as_str()).collect();
        let key = match (b.identifier(), labels.as_slice()) {
            ("resource", [ty, _]) => ty.to_string(),
            ("data", [ty, _]) => format!("data.{ty}"),
            _ => continue,
        };
        let Some(schema) = types.get(&key) else {
            panic!(
                "{context}: {key} is not in tests/data/aws-provider-schema.json (add it to tools/aws_provider_schema.py)"
            )
        };
        check(
            b.body(),
            schema,
            &format!("{key}.{}", labels.last().unwrap_or(&"")),
            context,
        );
    }
}

/// Keeps the export in target/tf-exports/ for the HashiCorp parser check (e2e/hcl-check.mjs).
fn keep_for_hcl_check(context: &str, text: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tf-exports");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(
        dir.join(format!("{}.tf", identifier(context, "export"))),
        text,
    );
}

fn check_export(design: &Design, context: &str) -> String {
    let text = export(design);
    let body = parse(&text);
    assert_matches_provider_schema(&body, context);
    keep_for_hcl_check(context, &text);
    // A design with errors is exported under a WARNING header and may not apply (duplicate
    // ids give duplicate resources); one without errors must.
    if !has_errors(design) {
        assert_unique_resources(&body, context);
        assert_references_resolve(&body, context);
        assert!(
            !text.contains("NOT EXPORTED"),
            "{context}: parts of the design are not exported"
        );
    }
    assert_eq!(
        export(design),
        text,
        "{context}: export is not deterministic"
    );
    text
}

#[test]
fn examples() {
    for path in files_in("static/examples", "json") {
        let text = std::fs::read_to_string(&path).expect("read example");
        let design = vpc_planner::model::document::from_json(&text).expect("load example");
        let name = format!("example-{}", stem(&path));
        let hcl_text = check_export(&design, &name);
        assert!(
            !hcl_text.contains("WARNING"),
            "{name} exports with a warning"
        );
        insta::assert_snapshot!(name.as_str(), hcl_text);
    }
}

#[test]
fn scenarios() {
    for (name, design) in crate::scenarios::all() {
        let hcl_text = check_export(&design, &name);
        insta::assert_snapshot!(format!("scenario-{name}").as_str(), hcl_text);
    }
}

/// Every routing and DNS scenario without validation errors exports to HCL whose references
/// all resolve; a few that use every connectivity and DNS resource are snapshotted.
#[test]
fn routing_and_dns_scenarios() {
    const SNAPSHOTTED: &[&str] = &[
        "s3-policies-on-the-path",
        "transit-gateway-isolated-route-tables",
        "vpn-on-transit-gateway",
        "security-group-reference",
        "network-acl-lowest-number-wins",
        "peering-with-routes-both-ways",
        "central-endpoint-private-hosted-zone",
        "outbound-forwarding-rule",
    ];
    let mut count = 0;
    for dir in [
        "tests/scenarios/routing",
        "tests/scenarios/dns",
        "tests/scenarios/access-flows",
    ] {
        for (name, _, design) in wrapped_scenarios::<serde::de::IgnoredAny>(dir) {
            if has_errors(&design) {
                continue;
            }
            let hcl_text = check_export(&design, &name);
            count += 1;
            if SNAPSHOTTED.contains(&name.as_str()) {
                insta::assert_snapshot!(format!("connectivity-{name}").as_str(), hcl_text);
            }
        }
    }
    assert!(count >= 50, "only {count} scenarios exported");
}

#[test]
fn full_fixture() {
    let hcl_text = check_export(&full(), "full");
    insta::assert_snapshot!("fixture-full", hcl_text);
}

#[test]
fn empty_design() {
    let hcl_text = check_export(&Design::empty("eu-west-1"), "empty");
    insta::assert_snapshot!("empty-design", hcl_text);
}

/// Names full of HCL syntax come back, after parsing, as exactly the same literal string.
/// Exports a design whose VPC, subnet and internet gateway are all named `name`; returns the
/// three `tags.Name` values as parsed back from the HCL.
fn names_back(name: &str) -> Vec<String> {
    let d = design(|d| {
        d.vpcs[0].name = name.to_string();
        d.subnets
            .push(subnet("subnet-1", "vpc-1", "10.0.0.0/24", "us-east-1a"));
        d.subnets[0].name = name.to_string();
        d.nodes.push(node("igw-1", igw("vpc-1")));
        d.nodes[0].name = name.to_string();
    });
    let text = export(&d);
    parse(&text);
    ["aws_vpc", "aws_subnet", "aws_internet_gateway"]
        .iter()
        .flat_map(|ty| tag_names(&text, ty))
        .collect()
}

/// Strings that hcl-rs 0.20 escapes wrongly (hcl-primitives `escape_markers` skips the
/// character after every `$` or `%` once a first marker was found): `$${` and `%%{` after a
/// marker lose a character, and `%${` / `$%{` after a marker stay live template sequences.
const MIS_ESCAPED: &[&str] = &[
    "$${not} %%{an escape}",
    "${a} %%{b}",
    "${a}%${b}",
    "${x}%${file(\"/etc/passwd\")}",
    "%{a}$%{ if true }x%{ endif }",
    "$${x} and %%{y}",
];

#[test]
fn user_text_stays_literal() {
    let mut names: Vec<String> = hostile_names()
        .into_iter()
        .filter(|n| !MIS_ESCAPED.contains(&n.as_str()))
        .collect();
    names.extend(
        [
            "say \"hi\"",
            "C:\\path\\",
            "${jndi:ldap://example.com/a}",
            "%{ if true }yes%{ endif }",
            "${",
            "%%{ alone }",
            "$${alone}",
            "$$${three}",
            "%{",
            "$",
            "a\nb\n",
            "\r\n\r",
            "}\"\n]\n{",
            "= \"x\" # not a comment",
            "/* not a comment */ // nor this",
            "<<EOT\nheredoc\nEOT",
        ]
        .map(String::from),
    );
    for name in names {
        let back = names_back(&name);
        assert_eq!(back.len(), 3);
        for got in back {
            assert!(
                got == name,
                "{} came back as {}",
                crate::visible(&name),
                crate::visible(&got)
            );
        }
    }
}

#[test]
fn mis_escaped_markers_stay_literal() {
    for name in MIS_ESCAPED {
        for got in names_back(name) {
            assert!(
                got == *name,
                "{} came back as {}",
                crate::visible(name),
                crate::visible(&got)
            );
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
    /// Any name made of HCL's special characters comes back as the same literal string.
    #[test]
    fn any_name_stays_literal(name in "[$%{}a\\n\"]{0,10}") {
        for got in names_back(&name) {
            proptest::prop_assert_eq!(got, name.clone());
        }
    }
}

/// Other user strings that reach the export (CIDR blocks, zones, service keys, the Region)
/// are escaped as well: the export always parses, and never interpolates them.
#[test]
fn other_user_strings_are_escaped() {
    for text in hostile_names()
        .into_iter()
        .filter(|n| !MIS_ESCAPED.contains(&n.as_str()))
    {
        let d = design(|d| {
            d.region = text.clone();
            d.vpcs[0].cidr_blocks = vec![text.clone(), text.clone()];
            d.subnets.push(subnet("subnet-1", "vpc-1", &text, &text));
            d.route_tables
                .push(rtb("rtb-1", "vpc-1", &["subnet-1"], &[(&text, "igw-1")]));
            d.nodes.push(node("igw-1", igw("vpc-1")));
            d.nodes.push(node(
                "vpce-1",
                interface_endpoint("vpc-1", &text, &["subnet-1"], true),
            ));
            d.nodes
                .push(node("vpce-2", gateway_endpoint("vpc-1", &text, &["rtb-1"])));
        });
        let body = parse(&export(&d));
        assert_unique_resources(&body, "hostile strings");
        let region = body
            .blocks()
            .find(|b| b.identifier() == "variable" && b.labels()[0].as_str() == "region")
            .and_then(|b| {
                b.body()
                    .attributes()
                    .find(|a| a.key() == "default")
                    .map(|a| a.expr().clone())
            });
        assert_eq!(region, Some(Expression::String(text.clone())));
        let vpc = resource(&body, "aws_vpc", "main").expect("aws_vpc.main");
        let cidr = vpc
            .body()
            .attributes()
            .find(|a| a.key() == "cidr_block")
            .map(|a| a.expr().clone());
        assert_eq!(cidr, Some(Expression::String(text.clone())));
    }
}

#[test]
fn deterministic() {
    let d = full();
    let first = export(&d);
    for _ in 0..10 {
        assert_eq!(export(&d.clone()), first);
    }
}

#[test]
fn identifiers() {
    let cases = [
        "prod",
        "Prod VPC",
        "  --a--b--  ",
        "123abc",
        "",
        "___",
        "🚀",
        "Zürich-1",
        "${jndi}",
        "a\"b\\c",
        "ÅSTRÖM",
        "x".repeat(100).leak(),
    ];
    let got: Vec<String> = cases
        .iter()
        .map(|text| format!("{text:?} -> {}", identifier(text, "vpc")))
        .collect();
    insta::assert_snapshot!(got.join("\n"), @r#"
        "prod" -> prod
        "Prod VPC" -> prod_vpc
        "  --a--b--  " -> a_b
        "123abc" -> vpc_123abc
        "" -> vpc
        "___" -> vpc
        "🚀" -> vpc
        "Zürich-1" -> z_rich_1
        "${jndi}" -> jndi
        "a\"b\\c" -> a_b_c
        "ÅSTRÖM" -> str_m
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" -> xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
        "#);
    // Always an identifier Terraform accepts, at most 60 characters, whatever the input.
    for text in hostile_names()
        .iter()
        .map(String::as_str)
        .chain(cases.iter().copied())
    {
        let id = identifier(text, "vpc");
        assert!(id.len() <= 60, "{id}");
        assert!(
            id.chars().next().is_some_and(|c| c.is_ascii_lowercase()),
            "{id} does not start with a letter"
        );
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{id}"
        );
        assert!(!id.ends_with('_'), "{id}");
    }
}

/// Items with the same name (or names that make the same identifier) get distinct resource
/// names, per resource type.
#[test]
fn same_names_get_distinct_resource_names() {
    let d = design(|d| {
        d.vpcs.push(vpc("vpc-2", "10.1.0.0/16"));
        d.vpcs.push(vpc("vpc-3", "10.2.0.0/16"));
        d.vpcs[1].name = "main".into();
        d.vpcs[2].name = "Main!".into();
        d.vpcs.push(vpc("vpc-4", "10.3.0.0/16"));
        d.vpcs[3].name = "main_2".into();
        d.subnets
            .push(subnet("subnet-1", "vpc-1", "10.0.0.0/24", "us-east-1a"));
        d.subnets
            .push(subnet("subnet-2", "vpc-2", "10.1.0.0/24", "us-east-1a"));
        d.subnets[0].name = "main".into();
        d.subnets[1].name = "main".into();
    });
    let body = parse(&export(&d));
    assert_unique_resources(&body, "same names");
    let names: Vec<String> = resources(&body)
        .iter()
        .map(|(t, n)| format!("{t}.{n}"))
        .collect();
    insta::assert_snapshot!(names.join("\n"), @r"
        aws_vpc.main
        aws_vpc.main_2
        aws_vpc.main_3
        aws_vpc.main_2_2
        aws_subnet.main
        aws_subnet.main_2
        ");
}

#[test]
fn warning_header_counts_errors() {
    let head = |d: &Design| export(d).lines().take(3).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!(head(&base()), @r"
        # Generated by VPC Planner. Review, then run: terraform init && terraform apply

        terraform {
        ");
    insta::assert_snapshot!(head(&design(|d| d.vpcs[0].cidr_blocks = vec!["x".into()])), @r"
        # Generated by VPC Planner. Review, then run: terraform init && terraform apply
        # WARNING: the design has 1 problem; AWS will refuse parts of this until they are fixed.
        ");
    insta::assert_snapshot!(head(&design(|d| d.vpcs[0].cidr_blocks = vec!["x".into(), "y".into()])), @r"
        # Generated by VPC Planner. Review, then run: terraform init && terraform apply
        # WARNING: the design has 2 problems; AWS will refuse parts of this until they are fixed.
        ");
}

#[test]
fn align_assignments_like_terraform_fmt() {
    let input = "a = 1\nlong_name = 2\nblock {\n  x = \"$${\"\n  yy = { a = 1 }\n  zzz = [\n    1,\n  ]\n  w = 3\n  \"quoted key\" = \"%%{\"\n}\n";
    insta::assert_snapshot!(terraform::align_assignments(input), @r#"
        a         = 1
        long_name = 2
        block {
          x  = "$${"
          yy = { a = 1 }
          zzz = [
            1,
          ]
          w            = 3
          "quoted key" = "%%{"
        }
        "#);
}

/// A subnet listed twice in one table's associations: validate says nothing, so the export
/// must still be applicable.
#[test]
fn subnet_listed_twice_in_a_table() {
    let d = design(|d| {
        d.subnets
            .push(subnet("subnet-1", "vpc-1", "10.0.0.0/24", "us-east-1a"));
        d.route_tables
            .push(rtb("rtb-1", "vpc-1", &["subnet-1", "subnet-1"], &[]));
    });
    let errors = vpc_planner::model::validate::validate(&d);
    let body = parse(&export(&d));
    if errors.is_empty() {
        assert_unique_resources(&body, "subnet listed twice");
    }
}

#[test]
fn endpoint_association_names_collide() {
    let d = design(|d| {
        d.route_tables.push(main_rtb("rtb-1", "vpc-1", &[]));
        d.route_tables.push(rtb("rtb-2", "vpc-1", &[], &[]));
        d.route_tables[0].name = "b_c".into();
        d.route_tables[1].name = "c".into();
        d.nodes
            .push(node("vpce-1", gateway_endpoint("vpc-1", "s3", &["rtb-1"])));
        d.nodes.push(node(
            "vpce-2",
            gateway_endpoint("vpc-1", "dynamodb", &["rtb-2"]),
        ));
        d.nodes[0].name = "a".into();
        d.nodes[1].name = "a_b".into();
    });
    assert_eq!(vpc_planner::model::validate::validate(&d), []);
    assert_unique_resources(&parse(&export(&d)), "endpoint associations");
}

/// The provider-schema check itself catches an argument the provider doesn't have and a
/// missing required one.
#[test]
fn the_provider_schema_check_catches_mistakes() {
    let unknown = std::panic::catch_unwind(|| {
        assert_matches_provider_schema(
            &parse("resource \"aws_vpc\" \"x\" {\n  cidr = \"10.0.0.0/16\"\n}\n"),
            "probe",
        )
    });
    let message = unknown
        .err()
        .and_then(|e| e.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    assert!(message.contains("has no argument cidr"), "{message}");
    let missing = std::panic::catch_unwind(|| {
        assert_matches_provider_schema(
            &parse("resource \"aws_route\" \"x\" {\n  destination_cidr_block = \"0.0.0.0/0\"\n}\n"),
            "probe",
        )
    });
    let message = missing
        .err()
        .and_then(|e| e.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    assert!(
        message.contains("lacks the required argument route_table_id"),
        "{message}"
    );
}

/// The split export is the single file in three: the same blocks, in the same order within
/// each file, and `terraform --split DIR` writes them.
#[test]
fn split_files_hold_the_same_blocks() {
    for path in files_in("static/examples", "json") {
        let design =
            vpc_planner::model::document::from_json(&std::fs::read_to_string(&path).expect("read"))
                .expect("load");
        let single = parse(&export(&design));
        let key = |b: &Block| format!("{} {:?} {:?}", b.identifier(), b.labels(), b.body());
        let mut want: Vec<String> = single.blocks().map(key).collect();
        let mut got: Vec<String> = Vec::new();
        for (file, text) in terraform::export_split(&design) {
            let body = parse(&text);
            let kinds: std::collections::HashSet<&str> =
                body.blocks().map(|b| b.identifier()).collect();
            match file {
                "variables.tf" => assert_eq!(kinds, ["variable"].into(), "{file}"),
                "outputs.tf" => assert_eq!(kinds, ["output"].into(), "{file}"),
                _ => assert!(
                    !kinds.contains("variable") && !kinds.contains("output"),
                    "{file}"
                ),
            }
            got.extend(body.blocks().map(key));
        }
        want.sort();
        got.sort();
        assert_eq!(got, want, "{}", stem(&path));
    }
}

/// The split export as a .zip that Python's zipfile (an independent reader) tests clean and
/// extracts to exactly the three files.
#[test]
fn split_export_as_a_zip() {
    let path = files_in("static/examples", "json")
        .into_iter()
        .find(|p| stem(p) == "hybrid-dns")
        .expect("example");
    let design =
        vpc_planner::model::document::from_json(&std::fs::read_to_string(&path).expect("read"))
            .expect("load");
    let files = terraform::export_split(&design);
    let pairs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let bytes = vpc_planner::model::zip::stored(&pairs);
    assert_eq!(
        vpc_planner::model::zip::stored(&pairs),
        bytes,
        "deterministic"
    );
    let dir = TempDir::new("zip");
    let archive = dir.0.join("terraform.zip");
    std::fs::write(&archive, &bytes).expect("write zip");
    let out = dir.0.join("out");
    let status = std::process::Command::new("python3")
        .args(["-m", "zipfile", "-t"])
        .arg(&archive)
        .status()
        .expect("python3");
    assert!(status.success(), "zipfile -t failed");
    let status = std::process::Command::new("python3")
        .args(["-m", "zipfile", "-e"])
        .arg(&archive)
        .arg(&out)
        .status()
        .expect("python3");
    assert!(status.success(), "zipfile -e failed");
    for (name, text) in &files {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).expect("extracted"),
            *text,
            "{name}"
        );
    }
}
