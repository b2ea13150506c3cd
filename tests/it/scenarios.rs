//! Scenario files: every `tests/scenarios/*.json` loads, and its validation is snapshotted in
//! `snapshots/it__scenarios__<file name>.snap`. Adding a scenario is adding a file (then
//! review its new snapshot). Their Terraform is snapshotted in `terraform.rs`.

use crate::fixture::{files_in, stem};
use crate::validate::render;
use vpc_planner::model::document;
use vpc_planner::model::validate::validate;

/// The scenarios, loaded, with their names.
pub fn all() -> Vec<(String, vpc_planner::model::Design)> {
    let files = files_in("tests/scenarios", "json");
    assert!(
        files.len() >= 12,
        "the scenarios folder lost files: {files:?}"
    );
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("read scenario");
            let design =
                document::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (stem(path), design)
        })
        .collect()
}

#[test]
fn validation_of_every_scenario() {
    for (name, design) in all() {
        let text = format!(
            "{}\n---\n{}",
            crate::visible(&vpc_planner::model::text::clip(&design.name)),
            render(&validate(&design))
        );
        insta::assert_snapshot!(name.as_str(), text);
    }
}

/// Scenario files are written in the model's own format: loading and writing one gives the
/// same text back, so a scenario never depends on defaults that could change silently.
#[test]
fn scenarios_are_in_canonical_form() {
    for path in files_in("tests/scenarios", "json") {
        let text = std::fs::read_to_string(&path).expect("read scenario");
        let design = document::from_json(&text).expect("load scenario");
        assert_eq!(
            document::to_json_pretty(&design) + "\n",
            text,
            "{} is not in canonical form",
            path.display()
        );
    }
}
