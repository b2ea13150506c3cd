//! Routing scenarios: `tests/scenarios/routing/*.json`, each a small design, the AWS behaviour
//! it pins (with its source), the validation errors it must raise, and the expected verdict of
//! each flow: private, internet or dropped (with the drop's code), and items the path must pass
//! in order. The full trace of each file is snapshotted as text in
//! `snapshots/it__traces__<file>.snap`; adding a scenario is adding a file.

use crate::fixture::wrapped_scenarios;
use serde::Deserialize;
use vpc_planner::model::Severity;
use vpc_planner::model::routing::{Verdict, trace};
use vpc_planner::model::validate::validate;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    rule: String,
    source: String,
    errors: Vec<String>,
    expect: Vec<Expect>,
    /// Read as a design by `wrapped_scenarios`.
    #[serde(rename = "design")]
    _design: serde::de::IgnoredAny,
}

/// What a flow of a scenario must do: its verdict, the drop's code, items it passes in order.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Expect {
    pub flow: String,
    pub verdict: String,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub via: Vec<String>,
}

fn scenarios() -> Vec<(String, Scenario, vpc_planner::model::Design)> {
    wrapped_scenarios("tests/scenarios/routing")
}

fn verdict_kind(v: &Verdict) -> (&'static str, Option<&'static str>) {
    match v {
        Verdict::Private => ("private", None),
        Verdict::Internet { .. } => ("internet", None),
        Verdict::Dropped { code, .. } => ("dropped", Some(code)),
    }
}

/// Traces every flow of a scenario against its expectations; every flow must have one.
pub(crate) fn check_flows(
    name: &str,
    design: &vpc_planner::model::Design,
    expect: &[Expect],
    failures: &mut Vec<String>,
) {
    for flow in &design.flows {
        assert!(
            expect.iter().any(|e| e.flow == flow.id),
            "{name}: flow {} has no expectation",
            flow.id
        );
    }
    for e in expect {
        let flow = design
            .flow(&e.flow)
            .unwrap_or_else(|| panic!("{name}: no flow {}", e.flow));
        let t = trace(design, flow);
        let (kind, code) = verdict_kind(&t.verdict);
        if kind != e.verdict || code != e.code.as_deref() {
            failures.push(format!(
                "{name}: flow {} is {kind} {code:?}, expected {} {:?}\n{}",
                e.flow,
                e.verdict,
                e.code,
                t.describe(design)
            ));
            continue;
        }
        // `via` must appear in the path in this order.
        let path = t.path();
        let mut rest = path.iter();
        for step in &e.via {
            if !rest.any(|p| p == step) {
                failures.push(format!(
                    "{name}: flow {} does not pass {step} where expected; path {path:?}",
                    e.flow
                ));
                break;
            }
        }
    }
}

#[test]
fn every_routing_scenario_traces_as_expected() {
    let all = scenarios();
    assert!(all.len() >= 30, "only {} routing scenarios", all.len());
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
        check_flows(name, design, &s.expect, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn trace_of_every_routing_scenario() {
    for (name, s, design) in scenarios() {
        let traces: Vec<String> = design
            .flows
            .iter()
            .map(|f| trace(&design, f).describe(&design))
            .collect();
        let text = format!("{}\n({})\n---\n{}", s.rule, s.source, traces.join("\n"));
        insta::assert_snapshot!(name.as_str(), text);
    }
}

/// `trace` with its words taken out: what `trace_all` should give for the same flow. The DNS
/// answer's steps lose the words that `quiet`, the same flow traced without words, left out:
/// the steps on the way to an answer; the failures that end a query keep theirs, since they
/// are the reason the flow is dropped. Step by step, the two must otherwise be equal.
fn without_words(
    mut t: vpc_planner::model::routing::Trace,
    quiet: &vpc_planner::model::routing::Trace,
) -> vpc_planner::model::routing::Trace {
    if let (Some(answer), Some(q)) = (&mut t.dns, &quiet.dns) {
        if answer.steps.len() == q.steps.len() {
            for (s, q) in answer.steps.iter_mut().zip(&q.steps) {
                if q.text.is_empty() {
                    s.text.clear();
                }
            }
        }
    }
    for h in &mut t.hops {
        h.text.clear();
        if let Some(r) = &mut h.route {
            r.table_name.clear();
            r.destination.clear();
            r.target.clear();
            r.why.clear();
        }
    }
    t
}

/// The analysis traces every flow without words (`trace_all`); it must follow exactly the path
/// `trace` puts in words: the same hops, routes, zones, verdict, DNS answer and judged requests.
/// And `trace` has words for every step.
#[test]
fn tracing_without_words_follows_the_same_path() {
    use vpc_planner::model::routing::{trace, trace_all};
    // Every routing, DNS and access scenario, then the gallery's designs.
    let designs = ["routing", "dns", "access-flows"]
        .into_iter()
        .flat_map(|dir| {
            crate::fixture::wrapped_scenarios::<serde_json::Value>(&format!(
                "tests/scenarios/{dir}"
            ))
        })
        .map(|(name, _, d)| (name, d))
        .chain(
            crate::fixture::files_in("static/examples", "json")
                .into_iter()
                .map(|p| {
                    let text = std::fs::read_to_string(&p).unwrap();
                    (
                        p.display().to_string(),
                        vpc_planner::model::document::from_json(&text).unwrap(),
                    )
                }),
        );
    let (mut hops, mut quiet_dns_steps) = (0, 0);
    for (name, design) in designs {
        let quiet = trace_all(&design);
        assert_eq!(quiet.len(), design.flows.len(), "{name}");
        for (q, flow) in quiet.iter().zip(&design.flows) {
            let worded = trace(&design, flow);
            assert!(
                worded.hops.iter().all(|h| !h.text.is_empty()),
                "{name}: {}",
                worded.describe(&design)
            );
            assert!(
                worded
                    .hops
                    .iter()
                    .filter_map(|h| h.route.as_ref())
                    .all(|r| !r.why.is_empty() && !r.target.is_empty()),
                "{name}: {}",
                worded.describe(&design)
            );
            assert!(q.hops.iter().all(|h| h.text.is_empty()), "{name}");
            assert_eq!(q, &without_words(worded, q), "{name}");
            hops += q.hops.len();
            quiet_dns_steps += q
                .dns
                .iter()
                .flat_map(|a| &a.steps)
                .filter(|s| s.text.is_empty())
                .count();
        }
    }
    assert!(
        hops > 500,
        "the scenarios have paths to compare ({hops} hops)"
    );
    assert!(
        quiet_dns_steps > 50,
        "the analysis resolves names without putting the steps in words ({quiet_dns_steps})"
    );
}

mod properties {
    use super::{scenarios, without_words};
    use proptest::prelude::*;
    use vpc_planner::model::design::{Flow, FlowTarget, Protocol};
    use vpc_planner::model::routing::{Verdict, trace, trace_all};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any design this build can read, however broken, traces without panicking, and every
        /// verdict is explained: a drop has a code and a reason.
        #[test]
        fn tracing_never_panics(design in crate::share::design()) {
            for t in trace_all(&design) {
                if let Verdict::Dropped { code, reason } = &t.verdict {
                    prop_assert!(!code.is_empty() && !reason.is_empty());
                }
            }
        }

        /// In any design, however broken, the analysis's traces without words are `trace`'s.
        #[test]
        fn any_design_traces_the_same_without_words(design in crate::share::design()) {
            for (q, flow) in trace_all(&design).into_iter().zip(&design.flows) {
                let worded = without_words(trace(&design, flow), &q);
                prop_assert_eq!(q, worded);
            }
        }

        /// A flow between any two nodes of any routing scenario, on any port and protocol,
        /// traces to a verdict (no loop, no panic); when it is not dropped, its path starts at
        /// the source.
        #[test]
        fn any_flow_in_any_scenario_has_a_verdict(pick in any::<(usize, usize, usize, u16, u8, bool)>()) {
            let all = scenarios();
            let (_, _, design) = &all[pick.0 % all.len()];
            let nodes = &design.nodes;
            let from = &nodes[pick.1 % nodes.len()];
            let to = if pick.5 { FlowTarget::Internet } else { FlowTarget::Node(nodes[pick.2 % nodes.len()].id.clone()) };
            let protocol = [Protocol::Tcp, Protocol::Udp, Protocol::Icmp, Protocol::All][usize::from(pick.4 % 4)];
            let flow = Flow { id: "probe".into(), name: String::new(), from: from.id.clone(), to, gb_per_month: 1.0, protocol, port: pick.3, host: None, requests: Vec::new() };
            let mut d = design.clone();
            d.flows.push(flow.clone());
            let t = trace(&d, &flow);
            prop_assert!(t.hops.len() < 64, "{}", t.describe(&d));
            if !t.verdict.is_dropped() {
                prop_assert_eq!(t.path().first().copied(), Some(from.id.as_str()));
            }
        }
    }
}
