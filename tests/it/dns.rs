//! DNS scenarios: `tests/scenarios/dns/*.json`, each a small design, the AWS behaviour it pins
//! (with its source), the validation errors it must raise, what names resolve to from where
//! (outcome and addresses), and the verdict of each flow now that flows look their names up
//! first. The explanation of every query and the trace of every flow are snapshotted as text
//! in `snapshots/it__dns__<file>.snap`; adding a scenario is adding a file.

use crate::fixture::wrapped_scenarios;
use crate::traces::{Expect, check_flows};
use serde::Deserialize;
use vpc_planner::model::dns::{self, Outcome, Record};
use vpc_planner::model::routing::trace;
use vpc_planner::model::validate::validate;
use vpc_planner::model::{Design, Severity};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    rule: String,
    source: String,
    errors: Vec<String>,
    queries: Vec<Query>,
    flows: Vec<Expect>,
    /// Read as a design by `wrapped_scenarios`.
    #[serde(rename = "design")]
    _design: serde::de::IgnoredAny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Query {
    from: String,
    name: String,
    outcome: String,
    /// `10.0.1.11@sm-ep` (an interface of a node), `10.0.2.50` (an address), `onprem:dc`,
    /// `service:s3@us-east-1[/use1-az4]`, `internet`.
    answers: Vec<String>,
}

fn scenarios() -> Vec<(String, Scenario, Design)> {
    wrapped_scenarios("tests/scenarios/dns")
}

fn outcome_name(o: Outcome) -> &'static str {
    match o {
        Outcome::Private => "private",
        Outcome::Public => "public",
        Outcome::NxDomain => "nx_domain",
        Outcome::NoAnswer => "no_answer",
    }
}

fn record_text(r: &Record) -> String {
    match r {
        Record::Interface { ip, node, .. } => format!("{ip}@{node}"),
        Record::Address { ip } => ip.to_string(),
        Record::OnPremises { node, .. } => format!("onprem:{node}"),
        Record::Service {
            service,
            region,
            zone_id: Some(z),
        } => format!("service:{service}@{region}/{z}"),
        Record::Service {
            service,
            region,
            zone_id: None,
        } => format!("service:{service}@{region}"),
        Record::Internet => "internet".into(),
    }
}

#[test]
fn every_dns_scenario_resolves_and_traces_as_expected() {
    let all = scenarios();
    assert!(all.len() >= 12, "only {} DNS scenarios", all.len());
    let mut failures = Vec::new();
    for (name, s, design) in &all {
        assert!(
            !s.rule.is_empty() && !s.source.is_empty(),
            "{name}: say which AWS behaviour it pins and where that is documented"
        );
        let mut errors: Vec<String> = validate(design)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.code.to_string())
            .collect();
        errors.sort();
        errors.dedup();
        if errors != s.errors {
            failures.push(format!(
                "{name}: validation errors {errors:?}, expected {:?}",
                s.errors
            ));
        }
        for q in &s.queries {
            let asker = dns::asker(design, &q.from).unwrap_or_else(|e| panic!("{name}: {e}"));
            let answer =
                dns::resolve(design, asker, &q.name).unwrap_or_else(|e| panic!("{name}: {e}"));
            let got: Vec<String> = answer.records.iter().map(record_text).collect();
            if outcome_name(answer.outcome) != q.outcome || got != q.answers {
                failures.push(format!(
                    "{name}: {} from {} is {} {got:?}, expected {} {:?}\n{}",
                    q.name,
                    q.from,
                    outcome_name(answer.outcome),
                    q.outcome,
                    q.answers,
                    answer.describe(design)
                ));
            }
        }
        check_flows(name, design, &s.flows, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn explanation_of_every_dns_scenario() {
    for (name, s, design) in scenarios() {
        let mut text = format!("{}\n({})\n", s.rule, s.source);
        for q in &s.queries {
            let asker = dns::asker(&design, &q.from).expect("place");
            let answer = dns::resolve(&design, asker, &q.name).expect("name");
            text.push_str(&format!(
                "--- from {}\n{}",
                q.from,
                answer.describe(&design)
            ));
        }
        for f in &design.flows {
            text.push_str(&format!("---\n{}", trace(&design, f).describe(&design)));
        }
        insta::assert_snapshot!(name.as_str(), text);
    }
}

/// Asking from places that are not places, and names DNS can't carry, are typed errors with a
/// message; hostile names come back escaped.
#[test]
fn bad_places_and_names_are_refused_with_a_message() {
    let (_, _, design) = scenarios()
        .into_iter()
        .find(|(n, ..)| n == "private-dns-on")
        .expect("scenario");
    let show = |place: &str, name: &str| match dns::asker(&design, place)
        .and_then(|a| dns::resolve(&design, a, name))
    {
        Ok(a) => format!("ok: {}", a.summary(&design)),
        Err(e) => format!("error: {e}"),
    };
    insta::assert_snapshot!(show("nowhere", "x.com"), @"error: nowhere is not a subnet, VPC, workload or on-premises network of the design");
    insta::assert_snapshot!(show("sm-ep", "x.com"), @"error: DNS questions are asked from a subnet, a VPC, a workload or an on-premises network, not from an interface endpoint");
    insta::assert_snapshot!(show("app", "<script>alert(1)</script>"), @"error: <script>alert(1)</script> holds '<'; DNS names use letters, digits, hyphens and dots");
    insta::assert_snapshot!(show("app", "a..b"), @"error: a..b has an empty label (two dots in a row, or a dot at the start)");
    insta::assert_snapshot!(show("app", &"x".repeat(300)), @"error: a DNS name has at most 253 characters; this one has 300");
    insta::assert_snapshot!(show("app", "SecretsManager.US-EAST-1.amazonaws.com."), @"ok: 10.0.1.11 (sm-ep), 10.0.2.10 (sm-ep) (private)");
}

mod properties {
    use super::scenarios;
    use proptest::prelude::*;
    use vpc_planner::model::dns;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Any string asked from any place of any scenario gives an answer or a typed error,
        /// never a panic, and an answer always explains itself.
        #[test]
        fn any_name_from_anywhere_answers_or_refuses(pick in any::<usize>(), name in ".{0,300}") {
            let all = scenarios();
            let (_, _, design) = &all[pick % all.len()];
            let places: Vec<&str> = design.subnets.iter().map(|s| s.id.as_str()).chain(design.nodes.iter().map(|n| n.id.as_str())).collect();
            let place = places[pick % places.len()];
            if let Ok(asker) = dns::asker(design, place) {
                if let Ok(answer) = dns::resolve(design, asker, &name) {
                    prop_assert!(!answer.steps.is_empty());
                }
            }
        }
    }
}

/// A flow drawn to one service but naming another is a warning on its `host` field.
#[test]
fn a_flow_naming_another_service_is_warned_about() {
    let (_, _, mut design) = scenarios()
        .into_iter()
        .find(|(n, ..)| n == "private-dns-on")
        .expect("scenario");
    design.flows[0].host = Some("sts.us-east-1.amazonaws.com".into());
    let found: Vec<String> = validate(&design)
        .into_iter()
        .filter(|d| d.field == "host")
        .map(|d| format!("{:?} {} {}", d.severity, d.code, d.message))
        .collect();
    insta::assert_snapshot!(found.join("\n"), @"Warning flow.host_other_service sts.us-east-1.amazonaws.com is a name of AWS STS, but the flow goes to AWS Secrets Manager");
    design.flows[0].host = Some("SecretsManager.us-east-1.amazonaws.com".into());
    assert!(validate(&design).iter().all(|d| d.field != "host"));
}
