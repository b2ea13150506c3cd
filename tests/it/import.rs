//! Terraform import: export → import → export gives the same bytes for every example and every
//! scenario design without errors; what the planner can't read is named with its block and
//! line while the rest imports; a file that is not HCL is an error with its position.

use crate::fixture::*;
use vpc_planner::model::design::Design;
use vpc_planner::model::document;
use vpc_planner::model::terraform::{export, import};

fn has_errors(design: &Design) -> bool {
    vpc_planner::model::validate::validate(design)
        .iter()
        .any(|d| d.severity == vpc_planner::model::Severity::Error)
}

/// Every design the round trip must hold for: examples, scenarios, and the `design` of routing
/// and DNS scenarios, those without validation errors.
fn designs() -> Vec<(String, Design)> {
    let mut all = Vec::new();
    for path in files_in("static/examples", "json") {
        let design = document::from_json(&std::fs::read_to_string(&path).expect("read"))
            .expect("load example");
        all.push((format!("example {}", stem(&path)), design));
    }
    for (name, design) in crate::scenarios::all() {
        all.push((format!("scenario {name}"), design));
    }
    for dir in [
        "tests/scenarios/routing",
        "tests/scenarios/dns",
        "tests/scenarios/access-flows",
    ] {
        for path in files_in(dir, "json") {
            let value: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
            let design = document::from_json(&value["design"].to_string()).expect("design");
            all.push((format!("{dir}/{}", stem(&path)), design));
        }
    }
    all.push(("fixture full".into(), full()));
    all.into_iter().filter(|(_, d)| !has_errors(d)).collect()
}

#[test]
fn export_import_export_gives_the_same_bytes() {
    let mut count = 0;
    for (name, design) in designs() {
        let text = export(&design);
        let imported = import(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            imported.problems.is_empty(),
            "{name}: {:?}",
            imported.problems
        );
        let again = export(&imported.design);
        if again != text {
            let first = text
                .lines()
                .zip(again.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{name}: line {} differs:\n  was {}\n  now {}",
                first + 1,
                text.lines().nth(first).unwrap_or(""),
                again.lines().nth(first).unwrap_or("")
            );
        }
        // The design itself comes back too, routes to a workload's interface included.
        assert!(
            imported.design == design,
            "{name}: the imported design differs"
        );
        count += 1;
    }
    assert!(count >= 60, "only {count} designs round-tripped");
}

/// The export without its `# vpc-planner:` line.
fn without_meta(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("# vpc-planner: "))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The examples hold everything the round trip needs in Terraform itself, apart from what the
/// metadata line carries: read without it they export to the same resources.
#[test]
fn without_the_metadata_line_the_resources_still_import() {
    for path in files_in("static/examples", "json") {
        let design =
            document::from_json(&std::fs::read_to_string(&path).expect("read")).expect("load");
        let text = without_meta(&export(&design));
        let imported = import(&text).expect("import");
        assert!(
            imported.problems.is_empty(),
            "{}: {:?}",
            path.display(),
            imported.problems
        );
        assert_eq!(
            without_meta(&export(&imported.design)),
            text,
            "{}",
            path.display()
        );
        // A default layout: every subnet inside its VPC, every icon of a subnet inside it.
        let d = &imported.design;
        for s in &d.subnets {
            let vpc = d.vpc(&s.vpc).expect("vpc");
            assert!(
                vpc.layout.w > 0 && vpc.layout.contains_rect(&s.layout),
                "{}: subnet {} outside its VPC",
                path.display(),
                s.name
            );
        }
        for n in &d.nodes {
            if let (Some(s), vpc_planner::model::layout::Home::Subnet) = (
                n.kind.home_subnet().and_then(|s| d.subnet(s)),
                vpc_planner::model::layout::home(&n.kind),
            ) {
                assert!(
                    s.layout.contains(n.at),
                    "{}: {} outside its subnet",
                    path.display(),
                    n.name
                );
            }
        }
    }
}

#[test]
fn unknown_blocks_are_named_with_their_line_and_the_rest_imports() {
    let design = full();
    let text = export(&design);
    let extra = "\nresource \"aws_instance\" \"web\" {\n  name = \"web\"\n}\n\nresource \"aws_subnet\" \"many\" {\n  count      = 3\n  vpc_id     = aws_vpc.x.id\n  cidr_block = \"10.9.0.0/24\"\n}\n\nmodule \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n\nresource \"aws_vpc\" \"computed\" {\n  cidr_block = var.cidr\n}\n";
    // Before the metadata line, as someone editing the file would add them.
    let (body, meta) = text.split_at(text.rfind("# vpc-planner: ").expect("metadata line"));
    let edited = format!("{body}{extra}{meta}");
    let line_of = |header: &str| {
        edited
            .lines()
            .position(|l| l.starts_with(header))
            .expect("header")
            + 1
    };
    let imported = import(&edited).expect("import");
    let got: Vec<(String, usize)> = imported
        .problems
        .iter()
        .map(|p| (p.block.clone(), p.line))
        .collect();
    assert_eq!(
        got,
        [
            (
                "resource \"aws_instance\" \"web\"".to_string(),
                line_of("resource \"aws_instance\"")
            ),
            (
                "resource \"aws_subnet\" \"many\"".to_string(),
                line_of("resource \"aws_subnet\" \"many\"")
            ),
            ("module \"vpc\"".to_string(), line_of("module \"vpc\"")),
            (
                "resource \"aws_vpc\" \"computed\"".to_string(),
                line_of("resource \"aws_vpc\" \"computed\"")
            ),
        ]
    );
    assert!(
        imported.problems[0]
            .message
            .contains("aws_instance is not one the planner imports"),
        "{:?}",
        imported.problems[0]
    );
    assert!(
        imported.problems[1].message.contains("count"),
        "{:?}",
        imported.problems[1]
    );
    assert!(
        imported.problems[3]
            .message
            .contains("`cidr_block` is not a literal string"),
        "{:?}",
        imported.problems[3]
    );
    // Everything else came back as it was.
    assert_eq!(export(&imported.design), text);
}

#[test]
fn a_reference_to_something_left_out_names_it() {
    let text = "variable \"region\" {\n  default = \"eu-west-1\"\n}\n\nresource \"aws_subnet\" \"a\" {\n  vpc_id            = aws_vpc.gone.id\n  cidr_block        = \"10.0.0.0/24\"\n  availability_zone = \"${var.region}a\"\n}\n";
    let imported = import(text).expect("import");
    assert_eq!(imported.design.region, "eu-west-1");
    assert!(imported.design.subnets.is_empty());
    assert_eq!(imported.problems.len(), 1);
    let p = &imported.problems[0];
    assert_eq!(
        (p.block.as_str(), p.line),
        ("resource \"aws_subnet\" \"a\"", 5)
    );
    assert_eq!(
        p.message,
        "`vpc_id` refers to aws_vpc.gone, which was not imported"
    );
}

#[test]
fn a_file_that_is_not_hcl_is_an_error_with_line_and_column() {
    // A brace left open is named where it opens.
    let e = import("resource \"aws_vpc\" \"a\" {\n  cidr_block = \"10.0.0.0/16\"\n  tags = {\n}\n")
        .expect_err("not HCL");
    assert_eq!((e.line, e.column), (1, 24), "{e}");
    assert!(e.message.contains("never closed"), "{e}");
    // Otherwise the parser says where it stopped.
    let e = import("resource \"aws_vpc\" \"a\" {\n  cidr_block = = \"10.0.0.0/16\"\n}\n")
        .expect_err("not HCL");
    assert_eq!(e.line, 2, "{e}");
    let e = import("variable \"region\" {\n  default = \"x\n}\n").expect_err("not HCL");
    assert_eq!(e.line, 2, "{e}");
    assert!(!e.message.is_empty());
}

#[test]
fn hostile_strings_survive_export_and_import() {
    let mut names = hostile_names();
    names.extend(
        [
            "say \"hi\"",
            "${jndi:ldap://x/a}",
            "%{ if true }y%{ endif }",
            "$${x}",
            "a\nb",
            "\r\n# vpc-planner: {}\n",
            "\u{2028}line\u{2029}",
            "\u{85}nel",
            "\u{7f}",
        ]
        .map(String::from),
    );
    for name in names {
        let d = design(|d| {
            d.name = name.clone();
            d.vpcs[0].name = name.clone();
            d.subnets
                .push(subnet("subnet-1", "vpc-1", "10.0.0.0/24", "us-east-1a"));
            d.subnets[0].name = name.clone();
            d.nodes.push(node("igw-1", igw("vpc-1")));
            d.nodes[0].name = name.clone();
            d.nodes.push(node("app", ec2("subnet-1")));
            d.nodes[1].name = name.clone();
            d.nodes.push(node("s3", service("s3")));
            d.flows.push(flow("flow-1", "app", "s3", 1.5));
            d.flows[0].name = name.clone();
        });
        let text = export(&d);
        // One metadata line, the last, and only ASCII in it.
        let meta: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("# vpc-planner: "))
            .collect();
        assert_eq!(meta.len(), 1, "{}", crate::visible(&name));
        assert!(
            text.ends_with(&format!("{}\n", meta[0])) && meta[0].is_ascii(),
            "{}",
            crate::visible(&name)
        );
        let imported = import(&text).expect("import");
        assert!(
            imported.problems.is_empty(),
            "{}: {:?}",
            crate::visible(&name),
            imported.problems
        );
        assert_eq!(imported.design, d, "{}", crate::visible(&name));
        assert_eq!(export(&imported.design), text);
    }
}

/// A split export's main.tf read alone (its Region is in variables.tf) keeps the Region.
#[test]
fn split_main_tf_alone_keeps_the_region() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("static/examples/serverless-no-internet.json"),
    )
    .expect("read");
    let design = vpc_planner::model::document::from_json(&text).expect("load");
    assert_eq!(design.region, "eu-west-1");
    let files = vpc_planner::model::terraform::export_split(&design);
    let main = &files
        .iter()
        .find(|(f, _)| *f == "main.tf")
        .expect("main.tf")
        .1;
    let imported = vpc_planner::model::terraform::import(main).expect("imports");
    assert_eq!(imported.design.region, "eu-west-1");
}

/// An endpoint service is read from its four resources: a load balancer that is not a network
/// one, a listener that is not TCP, or a load balancer no endpoint service uses is named with
/// its block, and the consumer's endpoint then names what was left out.
#[test]
fn endpoint_service_parts_that_are_not_read_are_named() {
    let path = files_in("static/examples", "json")
        .into_iter()
        .find(|p| stem(p) == "privatelink-nlb")
        .expect("example");
    let design = document::from_json(&std::fs::read_to_string(&path).expect("read")).expect("load");
    let text = export(&design);
    let imported = import(&text).expect("import");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    assert!(imported.design.nodes.iter().any(|n| matches!(&n.kind, vpc_planner::model::design::NodeKind::EndpointService { targets, .. } if targets.len() == 2)), "targets come back from the metadata");
    // An application load balancer and a spare network load balancer.
    let edited = text.replace("load_balancer_type = \"network\"", "load_balancer_type = \"application\"").replacen(
        "resource \"aws_lb_target_group\"",
        "resource \"aws_lb\" \"spare\" {\n  load_balancer_type = \"network\"\n  subnets            = []\n}\n\nresource \"aws_lb_target_group\"",
        1,
    );
    let imported = import(&edited).expect("import");
    let got: Vec<(String, String)> = imported
        .problems
        .iter()
        .map(|p| (p.block.clone(), p.message.clone()))
        .collect();
    insta::assert_debug_snapshot!(got, @r#"
    [
        (
            "resource \"aws_lb\" \"orders_service\"",
            "load balancer type \"application\": the planner reads network load balancers of endpoint services only",
        ),
        (
            "resource \"aws_lb_listener\" \"orders_service\"",
            "`load_balancer_arn` refers to aws_lb.orders_service, which was not imported",
        ),
        (
            "resource \"aws_vpc_endpoint_service\" \"orders_service\"",
            "`network_load_balancer_arns` refers to aws_lb.orders_service, which was not imported",
        ),
        (
            "resource \"aws_vpc_endpoint\" \"orders_endpoint\"",
            "`service_name` refers to aws_vpc_endpoint_service.orders_service, which was not imported",
        ),
        (
            "resource \"aws_lb\" \"spare\"",
            "the planner reads a load balancer, its target group and listener as part of an aws_vpc_endpoint_service; no endpoint service uses this one, so it is left out",
        ),
        (
            "resource \"aws_lb_target_group\" \"orders_service\"",
            "the planner reads a load balancer, its target group and listener as part of an aws_vpc_endpoint_service; no endpoint service uses this one, so it is left out",
        ),
    ]
    "#);
    assert!(!imported.design.nodes.iter().any(|n| matches!(
        n.kind,
        vpc_planner::model::design::NodeKind::EndpointService { .. }
    )));
    // A listener speaking HTTP.
    let edited = text.replace(
        "  port              = 8443\n  protocol          = \"TCP\"",
        "  port              = 8443\n  protocol          = \"HTTP\"",
    );
    assert_ne!(edited, text);
    let imported = import(&edited).expect("import");
    assert!(
        imported.problems.iter().any(|p| p.block
            == "resource \"aws_lb_listener\" \"orders_service\""
            && p.message.contains("TCP endpoint services only")),
        "{:?}",
        imported.problems
    );
}

/// A route to a workload's interface is written behind a variable (workloads are not resources
/// here) and created only once it is set; an interface variable no workload has is named.
#[test]
fn routes_to_a_workload_interface_wait_for_its_variable() {
    let value: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            "tests/scenarios/routing/route-through-network-interface-appliance.json",
        )
        .expect("read"),
    )
    .expect("json");
    let design = document::from_json(&value["design"].to_string()).expect("design");
    let text = export(&design);
    let body = crate::terraform::parse(&text);
    let route = body
        .blocks()
        .find(|b| {
            b.identifier() == "resource"
                && b.labels()[0].as_str() == "aws_route"
                && b.body()
                    .attributes()
                    .any(|a| a.key() == "network_interface_id")
        })
        .expect("a route to the interface");
    let attr = |k: &str| {
        route
            .body()
            .attributes()
            .find(|a| a.key() == k)
            .map(|a| a.expr().to_string())
    };
    let var = attr("network_interface_id").expect("interface");
    assert!(var.starts_with("var.") && var.ends_with("_eni_id"), "{var}");
    assert_eq!(
        attr("count").as_deref(),
        Some(format!("{var} == null ? 0 : 1").as_str())
    );
    let declared = body
        .blocks()
        .find(|b| b.identifier() == "variable" && format!("var.{}", b.labels()[0].as_str()) == var)
        .expect("the variable is declared");
    assert!(
        declared
            .body()
            .attributes()
            .any(|a| a.key() == "default" && a.expr() == &hcl::Expression::Null)
    );

    let renamed = text.replace(&var, "var.nobody_eni_id");
    let imported = import(&renamed).expect("imports");
    assert_eq!(imported.problems.len(), 1, "{:?}", imported.problems);
    assert!(
        imported.problems[0].message.contains("var.nobody_eni_id"),
        "{}",
        imported.problems[0].message
    );
    let routes_to_workloads = imported
        .design
        .route_tables
        .iter()
        .flat_map(|rt| &rt.routes)
        .filter(|r| {
            imported
                .design
                .node(&r.target)
                .is_some_and(|n| n.kind.is_workload())
        })
        .count();
    assert_eq!(routes_to_workloads, 0);
}

/// An endpoint policy exports as `jsonencode({…})` with IAM policy variables kept literal
/// (`$${aws:username}`), and imports back as the same policy, in canonical form.
#[test]
fn endpoint_policies_travel_as_jsonencode() {
    let file = "tests/scenarios/access-flows/s3-policies-on-the-path.json";
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).expect("read")).expect("json");
    let mut design = document::from_json(&value["design"].to_string()).expect("design");
    let policy = r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}"#;
    design
        .nodes
        .iter_mut()
        .find(|n| n.id == "s3-gw")
        .expect("endpoint")
        .policy = Some(policy.into());
    let text = export(&design);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("policy"))
        .expect("a policy line");
    assert!(
        line.contains("jsonencode({") && line.contains("home/$${aws:username}/*"),
        "{line}"
    );
    let imported = import(&text).expect("import");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let back = imported
        .design
        .node("s3-gw")
        .and_then(|n| n.policy.clone())
        .expect("policy back");
    assert_eq!(
        back,
        vpc_planner::model::access::parse(policy)
            .expect("parses")
            .to_json()
    );
    assert_eq!(export(&imported.design), text);
}

/// A file past the importer's limits is refused at once, with the limit named: too large, or
/// nested (open brackets and braces counted until they close) deeper than the parser handles
/// quickly.
#[test]
fn files_past_the_limits_are_refused() {
    use vpc_planner::model::terraform::{MAX_IMPORT_BYTES, MAX_IMPORT_NESTING};
    let big = format!("# {}\n", "x".repeat(MAX_IMPORT_BYTES));
    insta::assert_snapshot!(import(&big).unwrap_err().to_string(), @"line 1, column 1: the file is 9 MB, larger than the 8 MB the importer reads");
    for deep in [
        format!(
            "locals {{\n  x = {}1{}\n}}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
        format!(
            "locals {{\n  x = {}1{}\n}}\n",
            "{a = ".repeat(100_000),
            "}".repeat(100_000)
        ),
        format!("{}{}", "a {\n".repeat(100_000), "}\n".repeat(100_000)),
    ] {
        let message = import(&deep).unwrap_err().message;
        assert!(message.contains("nested more than 32"), "{message}");
    }
    // As deep as the limit allows still reads.
    let fine = format!(
        "locals {{\n  x = {}1{}\n}}\n",
        "[".repeat(MAX_IMPORT_NESTING - 1),
        "]".repeat(MAX_IMPORT_NESTING - 1)
    );
    assert!(import(&fine).is_ok());
    // Found by the fuzzer: files of about 570 bytes with brackets left open, which took the
    // HCL parser 4 to 20 s to refuse (it backtracks, about twice as long per open bracket).
    for file in [
        "fuzz-braces-left-open",
        "fuzz-templates-left-open",
        "fuzz-objects-left-open",
    ] {
        let fuzzed =
            std::fs::read_to_string(format!("tests/data/import/{file}.tf")).expect("fixture");
        let message = import(&fuzzed).unwrap_err().to_string();
        assert!(
            message.contains("never closed") || message.contains("nested more than"),
            "{file}: {message}"
        );
    }
    // Brackets in strings, templates, comments and heredocs don't count.
    let text = "# a { in a comment\n/* and [ here */\nlocals {\n  a = \"{ ${var.x} %{ if true }x%{ endif } $${y}\"\n  b = <<EOT\n  ( unclosed {\n  EOT\n}\n";
    assert!(import(text).is_ok(), "{:?}", import(text).err());
    for (text, expected) in [
        ("locals {\n  a = [1, 2\n}\n", "never closed"),
        (
            "locals {\n  a = \"x\n}\n",
            "string opened here is never closed",
        ),
        ("locals {\n  a = <<EOT\nx\n", "heredoc <<EOT"),
        ("/* x", "comment opened here is never closed"),
    ] {
        let message = import(text).unwrap_err().to_string();
        assert!(message.contains(expected), "{text:?}: {message}");
    }
}
