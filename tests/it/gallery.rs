//! The template gallery (`vpc_planner::gallery`): every template's file is there and opens
//! without an error, every example file is in the gallery, and each template is what its
//! description says, as the model computes it (paths, DNS answers, what the design lacks).

use vpc_planner::gallery::{FIRST, TEMPLATES};
use vpc_planner::model::design::{Design, NodeKind};
use vpc_planner::model::dns::{self, Outcome};
use vpc_planner::model::routing::{self, Trace, Verdict};
use vpc_planner::model::validate::{Severity, validate};
use vpc_planner::model::{cost, document};

fn open(file: &str) -> Design {
    let text = std::fs::read_to_string(format!("static/examples/{file}"))
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    document::from_json(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn traces(d: &Design) -> Vec<Trace> {
    routing::trace_all(d)
}

/// The ids each flow's path passes, by flow name.
fn path<'a>(d: &Design, t: &'a [Trace], flow_name: &str) -> (&'a Trace, Vec<&'a str>) {
    let flow = d
        .flows
        .iter()
        .find(|f| f.name == flow_name)
        .unwrap_or_else(|| panic!("no flow {flow_name}"));
    let t = t.iter().find(|t| t.flow == flow.id).expect("traced");
    (t, t.hops.iter().map(|h| h.at.as_str()).collect())
}

fn kind_count(d: &Design, pick: impl Fn(&NodeKind) -> bool) -> usize {
    d.nodes.iter().filter(|n| pick(&n.kind)).count()
}

#[test]
fn every_template_opens_cleanly_and_every_example_is_in_the_gallery() {
    assert!(TEMPLATES.len() >= 6);
    for t in TEMPLATES {
        let d = open(t.file);
        let errors: Vec<_> = validate(&d)
            .into_iter()
            .filter(|x| x.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", t.file);
        assert!(!d.flows.is_empty(), "{}: a template shows flows", t.file);
        for tr in traces(&d) {
            assert!(
                !matches!(tr.verdict, Verdict::Dropped { .. }),
                "{}: flow {} is dropped: {:?}",
                t.file,
                tr.flow,
                tr.verdict
            );
        }
        assert!(
            !t.title.is_empty() && t.description.len() > 40,
            "{}",
            t.file
        );
    }
    let listed: Vec<&str> = TEMPLATES.iter().map(|t| t.file).collect();
    for path in crate::fixture::files_in("static/examples", "json") {
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            listed.contains(&file.as_str()),
            "{file} is not in the gallery"
        );
    }
    assert_eq!(
        document::from_json(FIRST).unwrap(),
        open(TEMPLATES[0].file),
        "a fresh browser opens the first template"
    );
}

#[test]
fn the_s3_pipeline_is_private_through_its_gateway_endpoint_with_no_nat() {
    let d = open("s3-data-pipeline.json");
    assert_eq!(
        kind_count(&d, |k| matches!(
            k,
            NodeKind::NatGateway { .. } | NodeKind::InternetGateway { .. }
        )),
        0
    );
    let t = traces(&d);
    for f in &d.flows {
        let (tr, via) = path(&d, &t, &f.name);
        assert_eq!(tr.verdict, Verdict::Private, "{}", f.name);
        assert!(
            via.contains(&"vpce-1"),
            "{} passes the S3 gateway endpoint: {via:?}",
            f.name
        );
    }
    // A gateway endpoint has no per-GB charge: the 15 TB a month cost nothing to move.
    let estimate = cost::estimate(&d);
    assert!(
        d.flows.iter().all(|f| estimate.flow_total(&f.id) == 0.0),
        "{estimate:?}"
    );
}

#[test]
fn secrets_manager_and_sts_resolve_to_the_interface_endpoints_from_the_app_subnets() {
    let d = open("secrets-sts-private-dns.json");
    let subnet = d.subnets.iter().find(|s| s.name == "app-a").unwrap();
    for (name, endpoint) in [
        ("secretsmanager.eu-central-1.amazonaws.com", "vpce-1"),
        ("sts.eu-central-1.amazonaws.com", "vpce-2"),
    ] {
        let answer = dns::resolve(&d, dns::asker(&d, &subnet.id).unwrap(), name).unwrap();
        assert_eq!(answer.outcome, Outcome::Private, "{name}");
        let json = serde_json::to_string(&answer.records).unwrap();
        assert!(
            json.contains(endpoint),
            "{name} answers with {endpoint}'s interfaces: {json}"
        );
    }
    assert!(
        routing::trace_all(&d)
            .iter()
            .all(|t| t.verdict == Verdict::Private)
    );
    assert_eq!(
        kind_count(&d, |k| matches!(
            k,
            NodeKind::NatGateway { .. } | NodeKind::InternetGateway { .. }
        )),
        0,
        "no way out to the internet"
    );
}

#[test]
fn the_hybrid_template_reaches_on_premises_and_back_over_the_transit_gateway() {
    let d = open("hybrid-vpn-transit-gateway.json");
    let t = traces(&d);
    let (tr, via) = path(&d, &t, "dc backups to S3");
    assert_eq!(tr.verdict, Verdict::Private);
    assert!(
        via.contains(&"tgw-1") && via.contains(&"vpce-2"),
        "on-premises to S3 through the transit gateway and the S3 interface endpoint: {via:?}"
    );
    let (tr, via) = path(&d, &t, "dev build to the artifact store");
    assert_eq!(tr.verdict, Verdict::Private);
    assert!(via.contains(&"tgw-1"), "{via:?}");
    // The outbound rule answers corp.example.com from the dev VPC too.
    let dev = d.subnets.iter().find(|s| s.name == "dev-a").unwrap();
    let answer = dns::resolve(
        &d,
        dns::asker(&d, &dev.id).unwrap(),
        "artifacts.corp.example.com",
    )
    .unwrap();
    assert!(
        answer
            .steps
            .iter()
            .any(|s| serde_json::to_string(s).unwrap().contains("rslvr-2")),
        "{answer:?}"
    );
}

#[test]
fn spokes_reach_the_central_endpoints_through_private_hosted_zones_and_the_transit_gateway() {
    let d = open("centralised-interface-endpoints.json");
    let spoke = d.subnets.iter().find(|s| s.name == "team-a-a").unwrap();
    let answer = dns::resolve(
        &d,
        dns::asker(&d, &spoke.id).unwrap(),
        "secretsmanager.us-east-1.amazonaws.com",
    )
    .unwrap();
    assert_eq!(answer.outcome, Outcome::Private);
    assert!(
        serde_json::to_string(&answer.steps)
            .unwrap()
            .contains("phz-1"),
        "the private hosted zone answers: {answer:?}"
    );
    let t = traces(&d);
    for f in &d.flows {
        let (tr, via) = path(&d, &t, &f.name);
        assert_eq!(tr.verdict, Verdict::Private, "{}", f.name);
        assert!(
            via.contains(&"tgw-1"),
            "{} crosses the transit gateway: {via:?}",
            f.name
        );
        assert!(
            via.iter().any(|h| h.starts_with("vpce-")),
            "{} ends at a central endpoint: {via:?}",
            f.name
        );
    }
    // One set of endpoints serves every VPC: the spokes have none of their own.
    assert!(
        d.nodes
            .iter()
            .filter(|n| matches!(&n.kind, NodeKind::InterfaceEndpoint { .. }))
            .all(|n| matches!(&n.kind, NodeKind::InterfaceEndpoint { vpc, .. } if vpc == "vpc-1"))
    );
}

#[test]
fn ml_training_reads_the_directory_bucket_through_the_s3express_gateway_endpoint() {
    let d = open("s3-express-ml-training.json");
    let t = traces(&d);
    for name in ["training reads", "checkpoints"] {
        let (tr, via) = path(&d, &t, name);
        assert_eq!(tr.verdict, Verdict::Private, "{name}");
        assert!(
            via.contains(&"vpce-1"),
            "{name} uses the s3express gateway endpoint: {via:?}"
        );
    }
    let (_, via) = path(&d, &t, "stage dataset");
    assert!(
        via.contains(&"vpce-2") && !via.contains(&"vpce-1"),
        "standard S3 has its own endpoint: {via:?}"
    );
}
