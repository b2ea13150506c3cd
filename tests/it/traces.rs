//! Routing scenarios: `tests/scenarios/routing/*.json`, each a small design, the AWS behaviour
//! it pins (with its source), the validation errors it must raise, and the expected verdict of
//! each flow: private, internet or dropped (with the drop's code), and items the path must pass
//! in order. The full trace of each file is snapshotted as text in
//! `snapshots/it__traces__<file>.snap`; adding a scenario is adding a file.

use crate::fixture::{files_in, stem};
use serde::Deserialize;
use vpc_planner::model::routing::{trace, Verdict};
use vpc_planner::model::validate::validate;
use vpc_planner::model::{document, Severity};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    rule: String,
    source: String,
    errors: Vec<String>,
    expect: Vec<Expect>,
    design: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    flow: String,
    verdict: String,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    via: Vec<String>,
}

fn scenarios() -> Vec<(String, Scenario, vpc_planner::model::Design)> {
    files_in("tests/scenarios/routing", "json")
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read scenario");
            let s: Scenario = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let design = document::from_json(&s.design.to_string()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (stem(&path), s, design)
        })
        .collect()
}

fn verdict_kind(v: &Verdict) -> (&'static str, Option<&'static str>) {
    match v {
        Verdict::Private => ("private", None),
        Verdict::Internet { .. } => ("internet", None),
        Verdict::Dropped { code, .. } => ("dropped", Some(code)),
    }
}

#[test]
fn every_routing_scenario_traces_as_expected() {
    let all = scenarios();
    assert!(all.len() >= 30, "only {} routing scenarios", all.len());
    let mut failures = Vec::new();
    for (name, s, design) in &all {
        assert!(!s.rule.is_empty() && !s.source.is_empty(), "{name}: say which AWS behaviour it pins and where that is documented");
        let mut errors: Vec<String> = validate(design).into_iter().filter(|d| d.severity == Severity::Error).map(|d| d.code.to_string()).collect();
        errors.sort();
        errors.dedup();
        if errors != s.errors {
            failures.push(format!("{name}: validation errors {errors:?}, expected {:?}", s.errors));
        }
        for flow in &design.flows {
            assert!(s.expect.iter().any(|e| e.flow == flow.id), "{name}: flow {} has no expectation", flow.id);
        }
        for e in &s.expect {
            let flow = design.flow(&e.flow).unwrap_or_else(|| panic!("{name}: no flow {}", e.flow));
            let t = trace(design, flow);
            let (kind, code) = verdict_kind(&t.verdict);
            if kind != e.verdict || code != e.code.as_deref() {
                failures.push(format!("{name}: flow {} is {kind} {code:?}, expected {} {:?}\n{}", e.flow, e.verdict, e.code, t.describe(design)));
                continue;
            }
            // `via` must appear in the path in this order.
            let path = t.path();
            let mut rest = path.iter();
            for step in &e.via {
                if !rest.any(|p| p == step) {
                    failures.push(format!("{name}: flow {} does not pass {step} where expected; path {path:?}", e.flow));
                    break;
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn trace_of_every_routing_scenario() {
    for (name, s, design) in scenarios() {
        let traces: Vec<String> = design.flows.iter().map(|f| trace(&design, f).describe(&design)).collect();
        let text = format!("{}\n({})\n---\n{}", s.rule, s.source, traces.join("\n"));
        insta::assert_snapshot!(name.as_str(), text);
    }
}
