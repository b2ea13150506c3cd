//! Terraform import: export → import → export gives the same bytes for every example and every
//! scenario design without errors; what the planner can't read is named with its block and
//! line while the rest imports; a file that is not HCL is an error with its position.

use crate::fixture::*;
use vpc_planner::model::design::Design;
use vpc_planner::model::document;
use vpc_planner::model::terraform::{export, import};

fn has_errors(design: &Design) -> bool {
    vpc_planner::model::validate::validate(design).iter().any(|d| d.severity == vpc_planner::model::Severity::Error)
}

/// Every design the round trip must hold for: examples, scenarios, and the `design` of routing
/// and DNS scenarios, those without validation errors.
fn designs() -> Vec<(String, Design)> {
    let mut all = Vec::new();
    for path in files_in("static/examples", "json") {
        let design = document::from_json(&std::fs::read_to_string(&path).expect("read")).expect("load example");
        all.push((format!("example {}", stem(&path)), design));
    }
    for (name, design) in crate::scenarios::all() {
        all.push((format!("scenario {name}"), design));
    }
    for dir in ["tests/scenarios/routing", "tests/scenarios/dns"] {
        for path in files_in(dir, "json") {
            let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
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
        assert!(imported.problems.is_empty(), "{name}: {:?}", imported.problems);
        let again = export(&imported.design);
        if again != text {
            let first = text.lines().zip(again.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!("{name}: line {} differs:\n  was {}\n  now {}", first + 1, text.lines().nth(first).unwrap_or(""), again.lines().nth(first).unwrap_or(""));
        }
        count += 1;
    }
    eprintln!("{count} designs round-tripped");
    assert!(count >= 60, "only {count} designs round-tripped");
}
