//! Loading design files: versions, JSON errors with their position, and the defaults of
//! omitted fields (which carry AWS meaning: DNS support on, DNS hostnames off, as Terraform).

use vpc_planner::model::design::NodeKind;
use vpc_planner::model::document::{self, LoadError};

fn check(text: &str) -> String {
    match document::from_json(text) {
        Ok(d) => format!("ok: version {}, {} VPC(s)", d.version, d.vpcs.len()),
        Err(e) => format!("{e:?}\n{e}"),
    }
}

#[test]
fn versions() {
    insta::assert_snapshot!(check(r#"{"version":1,"region":"us-east-1"}"#), @"ok: version 4, 0 VPC(s)");
    insta::assert_snapshot!(check(r#"{"region":"us-east-1"}"#), @r#"
        NoVersion
        this is not a VPC Planner design: it has no "version"
        "#);
    insta::assert_snapshot!(check(r#"{"version":0,"region":"us-east-1"}"#), @r"
        UnknownVersion { found: 0 }
        format version 0 does not exist
        ");
    insta::assert_snapshot!(check(r#"{"version":5,"region":"us-east-1","whatever":[]}"#), @"
    NewerVersion { found: 5 }
    this design was made by a newer VPC Planner (format version 5; this one reads up to 4); reload the page to get the latest version
    ");
    // A newer version is refused before its content is read (it may hold unknown fields).
    assert_eq!(
        document::from_json(r#"{"version":7,"vpcs":"not a list"}"#),
        Err(LoadError::NewerVersion { found: 7 })
    );
    assert_eq!(
        document::from_json(r#"{"version":"1","region":"us-east-1"}"#),
        Err(LoadError::BadVersion {
            found: "\"1\"".into()
        })
    );
    assert_eq!(
        document::from_json(r#"{"version":null,"region":"us-east-1"}"#),
        Err(LoadError::NoVersion)
    );
}

#[test]
fn json_errors_are_located() {
    insta::assert_snapshot!(check("{\n  \"version\": 1,\n  \"region\": \"us-east-1\",\n}"), @r#"
        Json { line: 4, column: 1, message: "trailing comma" }
        the design is not valid: trailing comma (line 4, column 1)
        "#);
    insta::assert_snapshot!(check("{\"version\": 1, \"region\": \"us-east-1\"} trailing"), @r#"
        Json { line: 1, column: 39, message: "trailing characters" }
        the design is not valid: trailing characters (line 1, column 39)
        "#);
    insta::assert_snapshot!(check("{\"version\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"id\": \"vpc-1\"}]}"), @r#"
        Json { line: 1, column: 62, message: "missing field `name`" }
        the design is not valid: missing field `name` (line 1, column 62)
        "#);
    insta::assert_snapshot!(check("{\"version\": 1, \"region\": \"us-east-1\", \"colour\": \"red\"}"), @r#"
        Json { line: 1, column: 46, message: "unknown field `colour`, expected one of `version`, `name`, `region`, `vpcs`, `subnets`, `route_tables`, `nodes`, `flows`" }
        the design is not valid: unknown field `colour`, expected one of `version`, `name`, `region`, `vpcs`, `subnets`, `route_tables`, `nodes`, `flows` (line 1, column 46)
        "#);
    insta::assert_snapshot!(check("{\"version\": 1, \"region\": \"us-east-1\", \"flows\": [{\"id\": \"f\", \"from\": \"a\", \"to\": \"internet\", \"gb_per_month\": 1e999}]}"), @r#"
        Json { line: 1, column: 112, message: "number out of range" }
        the design is not valid: number out of range (line 1, column 112)
        "#);
}

#[test]
fn omitted_fields_take_the_aws_and_terraform_defaults() {
    let d = document::from_json(
        r#"{"version":1,"region":"us-east-1",
            "vpcs":[{"id":"vpc-1","name":"v","cidr_blocks":["10.0.0.0/16"],"layout":{"x":0,"y":0,"w":1,"h":1}}],
            "subnets":[{"id":"subnet-1","vpc":"vpc-1","name":"s","availability_zone":"us-east-1a","cidr":"10.0.0.0/24","layout":{"x":0,"y":0,"w":1,"h":1}}],
            "route_tables":[{"id":"rtb-1","vpc":"vpc-1","name":"r"}],
            "nodes":[{"id":"nat-1","name":"n","at":{"x":0,"y":0},"kind":{"type":"nat_gateway","subnet":"subnet-1"}},
                     {"id":"vpce-1","name":"e","at":{"x":0,"y":0},"kind":{"type":"interface_endpoint","vpc":"vpc-1","service":"sqs","subnets":["subnet-1"]}}]}"#,
    )
    .expect("loads");
    use vpc_planner::model::design::{NatConnectivity, NodeKind};
    assert!(
        d.vpcs[0].enable_dns_support,
        "enableDnsSupport defaults to true"
    );
    assert!(
        !d.vpcs[0].enable_dns_hostnames,
        "enableDnsHostnames defaults to false (Terraform)"
    );
    assert!(!d.route_tables[0].main);
    assert!(
        matches!(
            d.nodes[0].kind,
            NodeKind::NatGateway {
                connectivity: NatConnectivity::Public,
                ..
            }
        ),
        "NAT gateways are public by default"
    );
    assert!(
        matches!(
            d.nodes[1].kind,
            NodeKind::InterfaceEndpoint {
                private_dns: false,
                ..
            }
        ),
        "private DNS defaults to false (Terraform)"
    );
}

#[test]
fn not_an_object_names_no_internal_type() {
    for text in ["[]", "\"x\"", "42"] {
        let message = document::from_json(text).expect_err("refused").to_string();
        assert!(!message.contains("VersionProbe"), "{text}: {message}");
    }
}

#[test]
fn version_that_is_not_a_whole_number() {
    for text in [
        r#"{"version":1.0,"region":"us-east-1"}"#,
        r#"{"version":-1}"#,
        r#"{"version":100000000000000000000}"#,
    ] {
        let message = document::from_json(text).expect_err("refused").to_string();
        assert!(!message.contains("has no \"version\""), "{text}: {message}");
    }
}

#[test]
fn columns_are_one_based() {
    assert_eq!(document::from_json(""), Err(LoadError::Empty));
    assert_eq!(document::from_json(" \n\t"), Err(LoadError::Empty));
    for text in ["{\"version\": 1,\n", "{", "\n\n{\"version\": 1"] {
        match document::from_json(text) {
            Err(LoadError::Json { line, column, .. }) => assert!(
                line >= 1 && column >= 1,
                "{text:?}: line {line}, column {column}"
            ),
            other => panic!("{text:?}: {other:?}"),
        }
    }
}

/// Version 1 documents (before security groups, network ACLs, transit gateways, VPNs and
/// peering) still open, and are written back as the current version with nothing lost.
#[test]
fn version_1_migrates_to_the_current_version() {
    let v1 = r#"{"version":1,"region":"us-east-1","vpcs":[{"id":"vpc-1","name":"a","cidr_blocks":["10.0.0.0/16"],"layout":{"x":0,"y":0,"w":10,"h":10}}],"flows":[]}"#;
    let d = document::from_json(v1).expect("v1 reads");
    assert_eq!(d.version, 4);
    assert_eq!(d.vpcs[0].cidr_blocks, ["10.0.0.0/16"]);
    let again = document::from_json(&document::to_json_compact(&d)).expect("written form reads");
    assert_eq!(again, d);
    assert!(document::to_json_compact(&d).starts_with(r#"{"version":4,"#));
}

/// Version 2 documents (before private hosted zones, Resolver endpoints, on-premises DNS and
/// flow names) open as the current version and trace the same.
#[test]
fn version_2_migrates_to_the_current_version() {
    let v2 = r#"{"version":2,"region":"us-east-1","vpcs":[{"id":"vpc-1","name":"a","cidr_blocks":["10.0.0.0/16"],"layout":{"x":0,"y":0,"w":10,"h":10}}],
        "nodes":[{"id":"dc","name":"dc","at":{"x":0,"y":0},"kind":{"type":"on_premises","cidrs":["192.168.0.0/16"]}}],
        "flows":[{"id":"f","from":"dc","to":"internet","gb_per_month":1.0,"port":22}]}"#;
    let d = document::from_json(v2).expect("v2 reads");
    assert_eq!(d.version, 4);
    assert_eq!(d.flows[0].host, None);
    assert!(
        matches!(&d.nodes[0].kind, NodeKind::OnPremises { dns_domains, dns_forwards, .. } if dns_domains.is_empty() && dns_forwards.is_empty())
    );
    assert!(document::to_json_compact(&d).starts_with(r#"{"version":4,"#));
}

/// Version 3 documents (before endpoint services) open as version 4: an interface endpoint
/// keeps its AWS service and names no endpoint service, and is written back the same apart
/// from the version.
#[test]
fn version_3_migrates_to_version_4() {
    let v3 = r#"{"version":3,"region":"us-east-1","vpcs":[{"id":"vpc-1","name":"a","cidr_blocks":["10.0.0.0/16"],"enable_dns_support":true,"enable_dns_hostnames":true,"layout":{"x":0,"y":0,"w":10,"h":10}}],"nodes":[{"id":"vpce-1","name":"e","at":{"x":0,"y":0},"kind":{"type":"interface_endpoint","vpc":"vpc-1","service":"sqs","subnets":[],"private_dns":true}}]}"#;
    let d = document::from_json(v3).expect("v3 reads");
    assert_eq!(d.version, 4);
    assert!(
        matches!(&d.nodes[0].kind, NodeKind::InterfaceEndpoint { service, endpoint_service: None, .. } if service == "sqs")
    );
    assert_eq!(
        document::to_json_compact(&d),
        v3.replacen(r#""version":3"#, r#""version":4"#, 1)
    );
}

/// An endpoint service and an interface endpoint to it: the fields and their defaults
/// (acceptance required, as the console), and an endpoint that names no AWS service.
#[test]
fn endpoint_service_fields_and_defaults() {
    let text = r#"{"version":4,"region":"us-east-1","nodes":[
        {"id":"svc","name":"s","at":{"x":0,"y":0},"kind":{"type":"endpoint_service","vpc":"vpc-b","subnets":["b1"],"port":8443}},
        {"id":"ep","name":"e","at":{"x":0,"y":0},"kind":{"type":"interface_endpoint","vpc":"vpc-a","endpoint_service":"svc","subnets":["a1"]}}]}"#;
    let d = document::from_json(text).expect("reads");
    assert_eq!(
        d.nodes[0].kind,
        NodeKind::EndpointService {
            vpc: "vpc-b".into(),
            subnets: vec!["b1".into()],
            port: 8443,
            targets: vec![],
            acceptance_required: true,
            private_dns_name: None
        }
    );
    assert!(
        matches!(&d.nodes[1].kind, NodeKind::InterfaceEndpoint { service, endpoint_service: Some(s), .. } if service.is_empty() && s == "svc")
    );
    let written = document::to_json_compact(&d);
    assert!(written.contains(r#""kind":{"type":"interface_endpoint","vpc":"vpc-a","endpoint_service":"svc","subnets":["a1"],"private_dns":false}"#), "{written}");
    assert!(
        written.contains(r#""port":8443,"acceptance_required":true}"#),
        "{written}"
    );
    assert_eq!(document::from_json(&written).expect("reads back"), d);
}

/// The pretty form is exactly serde_json's pretty printer's, for every scenario and example
/// (hostile names with quotes, backslashes and braces included).
#[test]
fn pretty_json_matches_serde_json() {
    let files = crate::fixture::files_in("tests/scenarios", "json")
        .into_iter()
        .chain(crate::fixture::files_in("static/examples", "json"));
    for path in files {
        let d = document::from_json(&std::fs::read_to_string(&path).expect("read")).expect("load");
        assert_eq!(
            document::to_json_pretty(&d),
            serde_json::to_string_pretty(&d).expect("pretty"),
            "{}",
            path.display()
        );
    }
    let mut d = vpc_planner::model::Design::empty("us-east-1");
    d.name = "a \"quoted\" {name}, [with] \\ and: commas".into();
    assert_eq!(
        document::to_json_pretty(&d),
        serde_json::to_string_pretty(&d).expect("pretty")
    );
}

/// A node kind is read by its `type`: a field of another kind, a missing field or an unknown
/// type is refused with serde's usual wording, located in the file.
#[test]
fn node_kind_fields_are_checked_per_type() {
    let with_kind = |kind: &str| {
        let text = format!(
            r#"{{"version":2,"region":"us-east-1","nodes":[{{"id":"n","name":"n","at":{{"x":0,"y":0}},"kind":{kind}}}]}}"#
        );
        match document::from_json(&text) {
            Ok(d) => format!("ok: {:?}", d.nodes[0].kind),
            Err(e) => e.to_string(),
        }
    };
    insta::assert_snapshot!(with_kind(r#"{"type":"ec2","subnet":"s","vpc":"v"}"#), @"the design is not valid: unknown field `vpc`, expected one of `subnet` (line 1, column 128)");
    insta::assert_snapshot!(with_kind(r#"{"type":"nat_gateway"}"#), @"the design is not valid: missing field `subnet` (line 1, column 113)");
    insta::assert_snapshot!(with_kind(r#"{"type":"router","subnet":"s"}"#), @"the design is not valid: unknown variant `router`, expected one of `ec2`, `lambda`, `eks`, `rds`, `aws_service`, `internet_gateway`, `nat_gateway`, `gateway_endpoint`, `interface_endpoint`, `transit_gateway`, `vpn_gateway`, `vpc_peering`, `on_premises`, `private_hosted_zone`, `resolver_endpoint`, `endpoint_service` (line 1, column 121)");
    insta::assert_snapshot!(with_kind(r#"{"type":"gateway_endpoint","vpc":"v","service":"s3","route_tables":["rtb-1"]}"#), @r#"ok: GatewayEndpoint { vpc: "v", service: "s3", route_tables: ["rtb-1"] }"#);
    insta::assert_snapshot!(with_kind(r#"{"type":"transit_gateway","route_tables":[{"name":"a","associations":["vpc-1"]}]}"#), @r#"ok: TransitGateway { attachments: [], route_tables: [TgwRouteTable { name: "a", associations: ["vpc-1"], propagations: [], routes: [] }] }"#);
    insta::assert_snapshot!(with_kind(r#"{"type":"gateway_endpoint","vpc":"v","service":"s3","route_tables":[{"name":"a"}]}"#), @"the design is not valid: `route_tables` of a gateway endpoint lists route table ids (line 1, column 173)");
    insta::assert_snapshot!(with_kind(r#"{"type":"endpoint_service","vpc":"v","subnets":["s"]}"#), @"the design is not valid: missing field `port` (line 1, column 144)");
    insta::assert_snapshot!(with_kind(r#"{"type":"endpoint_service","vpc":"v","subnets":["s"],"port":443,"service":"s3"}"#), @"the design is not valid: unknown field `service`, expected one of `vpc`, `subnets`, `port`, `targets`, `acceptance_required`, `private_dns_name` (line 1, column 170)");
    insta::assert_snapshot!(with_kind(r#"{"type":"endpoint_service","vpc":"v","subnets":["s"],"port":70000}"#), @"the design is not valid: invalid value: integer `70000`, expected u16 (line 1, column 155)");
    insta::assert_snapshot!(with_kind(r#"{"type":"ec2","colour":"red"}"#), @"the design is not valid: unknown field `colour`, expected one of `type`, `subnet`, `connectivity`, `service`, `region`, `vpc`, `route_tables`, `subnets`, `private_dns`, `attachments`, `requester`, `accepter`, `cidrs`, `vpn`, `private_dns_only_for_inbound_resolver_endpoint`, `dns_domains`, `dns_forwards`, `domain`, `vpcs`, `records`, `direction`, `rules`, `endpoint_service`, `port`, `targets`, `acceptance_required`, `private_dns_name` (line 1, column 112)");
}

/// The document is read by one table-driven visitor instead of serde's derived code (it keeps
/// the browser bundle smaller); it must accept, refuse and locate exactly as the derive does.
/// The scenario designs are read by both; in the examples every value is replaced by values of every JSON type,
/// every key left out, an unknown key added to each object, each object written as an array
/// of its fields, and each key doubled; both readers must give the same design or the same
/// error at the same place.
#[test]
fn the_table_driven_reader_reads_as_serde_derive_does() {
    use serde_json::Value;
    fn same(text: &str, cases: &mut usize) {
        *cases += 1;
        let read = document::from_json_unchecked(text);
        assert_eq!(read, document::from_json_serde(text), "{text}");
        // The hand-written writer writes what serde_json writes for the derived `Serialize`.
        if let Ok(d) = read {
            assert_eq!(
                document::to_json_compact(&d),
                serde_json::to_string(&d).expect("json"),
                "{text}"
            );
        }
    }
    fn paths(v: &Value, at: &mut Vec<Vec<String>>, here: Vec<String>) {
        match v {
            Value::Object(m) => m
                .iter()
                .for_each(|(k, v)| paths(v, at, [here.clone(), vec![k.clone()]].concat())),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, v)| paths(v, at, [here.clone(), vec![i.to_string()]].concat())),
            _ => {}
        }
        at.push(here);
    }
    fn at<'a>(v: &'a mut Value, path: &[String]) -> &'a mut Value {
        path.iter().fold(v, |v, k| match v {
            Value::Array(a) => &mut a[k.parse::<usize>().expect("index")],
            v => &mut v[k.as_str()],
        })
    }
    let pool = [
        "null",
        "true",
        "0",
        "1",
        "-1",
        "1.5",
        "70000",
        "4294967296",
        "-2147483649",
        "\"\"",
        "\"x\"",
        "\"tcp\"",
        "\"internet\"",
        "[]",
        "[\"a\"]",
        "[1]",
        "[{}]",
        "{}",
        "{\"node\":\"n\"}",
        "{\"node\":1}",
        "{\"internet\":null}",
        "{\"cidr\":\"10.0.0.0/8\",\"x\":1}",
        "{\"a\":[\"10.0.0.1\"]}",
        "{\"type\":\"ec2\",\"subnet\":\"s\"}",
        "{\"type\":\"transit_gateway\",\"route_tables\":[\"a\",{\"name\":\"b\"}]}",
        "[{\"name\":\"t\"}]",
        "[\"a\",1]",
    ];
    let mut cases = 0;
    for dir in [
        "tests/scenarios",
        "tests/scenarios/cost",
        "tests/scenarios/dns",
        "tests/scenarios/routing",
    ] {
        for path in crate::fixture::files_in(dir, "json") {
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
            same(&doc.get("design").unwrap_or(&doc).to_string(), &mut cases);
        }
    }
    // The examples hold every kind of item; each is mutated every way.
    for path in crate::fixture::files_in("static/examples", "json") {
        let text = std::fs::read_to_string(&path).expect("read");
        let mut doc: Value = serde_json::from_str(&text).expect("json");
        // Scenario files hold their design under "design".
        if doc.get("design").is_some() {
            doc = doc["design"].take();
        }
        same(&doc.to_string(), &mut cases);
        let mut all = Vec::new();
        paths(&doc, &mut all, Vec::new());
        for p in &all {
            for replacement in pool {
                let mut d = doc.clone();
                *at(&mut d, p) = serde_json::from_str(replacement).expect("pool");
                same(&d.to_string(), &mut cases);
            }
            let mut d = doc.clone();
            if let Value::Object(m) = at(&mut d, p) {
                let keys: Vec<String> = m.keys().cloned().collect();
                for k in &keys {
                    let mut e = doc.clone();
                    at(&mut e, p).as_object_mut().expect("object").remove(k);
                    same(&e.to_string(), &mut cases);
                    // The same key twice: insert its text again after the first.
                    let mut e = doc.clone();
                    let value = at(&mut e, p)[k.as_str()].to_string();
                    let marker = "\"__twice__\":0";
                    at(&mut e, p)
                        .as_object_mut()
                        .expect("object")
                        .insert("__twice__".into(), Value::from(0));
                    same(
                        &e.to_string().replacen(
                            marker,
                            &format!("{}:{value}", Value::from(k.clone())),
                            1,
                        ),
                        &mut cases,
                    );
                }
                m.insert("colour".into(), Value::from("red"));
                same(&d.to_string(), &mut cases);
                // Written as an array of its values, whole and cut short.
                let mut e = doc.clone();
                let values: Vec<Value> = at(&mut e, p)
                    .as_object()
                    .expect("object")
                    .values()
                    .cloned()
                    .collect();
                for n in 0..=values.len() {
                    *at(&mut e, p) = Value::Array(values[..n].to_vec());
                    same(&e.to_string(), &mut cases);
                }
            }
        }
    }
    assert!(cases > 10_000, "only {cases} cases");
}

/// The hand-written JSON writer escapes as serde_json does, and writes floats as it does.
#[test]
fn the_writer_writes_what_serde_json_writes() {
    let mut d = vpc_planner::model::Design::empty("us-east-1");
    d.name = (0u8..0x80)
        .map(char::from)
        .chain("é ✓ 😀 \u{2028}".chars())
        .collect();
    let text = document::to_json_pretty(&vpc_planner::model::Design::empty("x"));
    assert_eq!(
        text,
        serde_json::to_string_pretty(&vpc_planner::model::Design::empty("x")).expect("json")
    );
    for gb in [
        0.0,
        1.0,
        0.000001,
        123456.789,
        1e9,
        1e-7,
        f64::NAN,
        f64::INFINITY,
        -0.0,
        5e-324,
    ] {
        let json = r#"{"version":3,"region":"r","flows":[{"id":"f","from":"a","to":"internet","gb_per_month":1}]}"#;
        let mut with_flow = document::from_json(json).expect("design");
        with_flow.name = d.name.clone();
        with_flow.flows[0].gb_per_month = gb;
        assert_eq!(
            document::to_json_compact(&with_flow),
            serde_json::to_string(&with_flow).expect("json"),
            "{gb}"
        );
    }
}

// ---- every format version, from files those versions wrote ----------------------------------

/// Is every key and value of `old` in `new` (objects compared key by key, lists item by item)?
/// Returns the first path where it is not.
fn missing_in(old: &serde_json::Value, new: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => o.iter().find_map(|(k, v)| match n.get(k) {
            Some(nv) => missing_in(v, nv, &format!("{path}.{k}")),
            None => Some(format!("{path}.{k}")),
        }),
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => o
            .iter()
            .zip(n)
            .enumerate()
            .find_map(|(i, (a, b))| missing_in(a, b, &format!("{path}[{i}]"))),
        (a, b) if a == b => None,
        _ => Some(path.to_string()),
    }
}

/// tests/data/versions/ holds designs saved by the builds of each format version (taken from
/// the repository's history, not written for the test). Each opens as the current version with
/// every field it had kept, validates without errors, traces every flow, and saves and reopens
/// unchanged.
#[test]
fn files_of_every_format_version_open_with_nothing_lost() {
    use vpc_planner::model::design::FORMAT_VERSION;
    use vpc_planner::model::routing::trace_all;
    use vpc_planner::model::validate::{Severity, validate};
    let files = crate::fixture::files_in("tests/data/versions", "json");
    let mut versions_seen: Vec<u64> = Vec::new();
    let mut report = String::new();
    for path in &files {
        let name = crate::fixture::stem(path);
        let text = std::fs::read_to_string(path).expect("read fixture");
        let mut old: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
        versions_seen.push(old["version"].as_u64().expect("fixture has a version"));
        let design = document::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(design.version, FORMAT_VERSION, "{name}");
        old["version"] = FORMAT_VERSION.into();
        let new: serde_json::Value =
            serde_json::from_str(&document::to_json_compact(&design)).expect("written JSON");
        assert_eq!(
            missing_in(&old, &new, ""),
            None,
            "{name}: a field was lost in migration"
        );
        let errors: Vec<_> = validate(&design)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.message)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert_eq!(
            document::from_json(&document::to_json_pretty(&design)).as_ref(),
            Ok(&design),
            "{name}"
        );
        report.push_str(&format!("{name}:\n"));
        for trace in trace_all(&design) {
            report.push_str(&format!("  {}: {}\n", trace.flow, trace.summary(&design)));
        }
    }
    versions_seen.sort();
    let expected: Vec<u64> = (1..=u64::from(FORMAT_VERSION)).collect();
    assert_eq!(versions_seen, expected, "a fixture for each format version");
    insta::assert_snapshot!("every_format_version_traces", report);
}

// ---- limits on what a design may hold --------------------------------------------------------

#[test]
fn a_design_past_a_limit_is_refused_with_the_limit_named() {
    use vpc_planner::model::document::{MAX_DESIGN_BYTES, MAX_LIST_ITEMS, MAX_TEXT_BYTES};
    let huge = format!(
        r#"{{"version":4,"region":"us-east-1","name":"{}"}}"#,
        "a".repeat(MAX_DESIGN_BYTES)
    );
    assert_eq!(
        document::from_json(&huge),
        Err(LoadError::TooLarge { bytes: huge.len() })
    );
    insta::assert_snapshot!(document::from_json(&huge).unwrap_err().to_string(), @"the design is 17 MB, larger than the 16 MB the planner opens");

    let long_name = format!(
        r#"{{"version":4,"region":"us-east-1","name":"{}"}}"#,
        "a".repeat(MAX_TEXT_BYTES + 1)
    );
    insta::assert_snapshot!(document::from_json(&long_name).unwrap_err().to_string(), @"the design is not valid: a text of 1048577 bytes is longer than the 1048576 a design may hold (line 1, column 1048620)");

    let blocks = vec![r#""10.0.0.0/16""#; MAX_LIST_ITEMS + 1].join(",");
    let long_list = format!(
        r#"{{"version":4,"region":"us-east-1","vpcs":[{{"id":"v","name":"v","cidr_blocks":[{blocks}],"layout":{{"x":0,"y":0,"w":10,"h":10}}}}]}}"#
    );
    insta::assert_snapshot!(document::from_json(&long_list).unwrap_err().to_string(), @"the design is not valid: a list of more than 20000 items is more than a design may hold (line 1, column 280092)");

    // Nesting: a design's shape has no place deeper than a few levels, so a deep list is refused
    // at the first level that does not fit; policies (JSON inside a string) stop at 128 levels.
    let deep = format!(
        r#"{{"version":4,"region":"us-east-1","name":{}1{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    insta::assert_snapshot!(document::from_json(&deep).unwrap_err().to_string(), @"the design is not valid: invalid type: sequence, expected a string (line 1, column 41)");
    let deep_policy = format!(
        r#"{{"Version":"2012-10-17","Statement":{}1{}}}"#,
        "[".repeat(3_000),
        "]".repeat(3_000)
    );
    let problems = vpc_planner::model::access::parse(&deep_policy).unwrap_err();
    insta::assert_snapshot!(format!("{problems:?}"), @r#"[Problem { statement: None, sid: None, element: "", kind: Syntax { line: 1, column: 163, message: "recursion limit exceeded" } }]"#);
}

/// Hostile but legal: a 100,000-character name full of markup, template syntax, quotes, a
/// right-to-left override and emoji opens, and saves and reopens unchanged (validation reports
/// the name as longer than AWS allows; see tests/scenarios/hostile-names.json for how it renders).
#[test]
fn hostile_long_names_open_and_survive_a_round_trip() {
    let hostile = "<script>alert(1)</script><svg onload=alert(2)>${var.x}%{if}\"'\\\u{202e}🦀";
    let name: String = hostile.chars().cycle().take(100_000).collect();
    let text = format!(
        r#"{{"version":4,"region":"us-east-1","name":{}}}"#,
        serde_json::to_string(&name).unwrap()
    );
    let design = document::from_json(&text).expect("opens");
    assert_eq!(design.name, name);
    assert_eq!(
        document::from_json(&document::to_json_compact(&design)),
        Ok(design.clone())
    );
    assert_eq!(
        vpc_planner::model::share::decode(&vpc_planner::model::share::encode(&design)),
        Ok(design)
    );
}

proptest::proptest! {
    /// Any name, control characters, quotes, backslashes and all, is written as serde_json
    /// writes it, and reads back as it was.
    #[test]
    fn any_name_is_written_as_serde_json_writes_it(name in proptest::prelude::any::<String>()) {
        let mut d = document::from_json(r#"{"version":4,"region":"us-east-1"}"#).expect("reads");
        d.name = name.clone();
        let written = document::to_json_compact(&d);
        let expected = format!("\"name\":{}", serde_json::to_string(&name).expect("writes"));
        // An empty name is left out.
        proptest::prop_assert!(name.is_empty() || written.contains(&expected), "{} lacks {}", written, expected);
        proptest::prop_assert_eq!(document::from_json(&written).expect("reads back").name, name);
    }
}
