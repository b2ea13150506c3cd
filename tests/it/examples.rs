//! The bundled examples (static/examples/*.json): each loads, is version 1, validates with
//! no error, and fits in a share link short enough to paste anywhere.

use crate::fixture::{files_in, stem};
use vpc_planner::model::design::FORMAT_VERSION;
use vpc_planner::model::validate::{Severity, validate};
use vpc_planner::model::{document, share};

/// Longest share link we accept for an example (chat tools and some browsers cut longer ones).
const MAX_LINK_CHARS: usize = 2_500;

#[test]
fn every_example_loads_validates_and_shares() {
    let files = files_in("static/examples", "json");
    assert!(!files.is_empty(), "no examples found");
    for path in files {
        let name = stem(&path);
        let text = std::fs::read_to_string(&path).expect("read example");
        let design = document::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(design.version, FORMAT_VERSION, "{name}");
        let errors: Vec<_> = validate(&design)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert_eq!(errors, [], "{name} has errors");
        let link = share::encode(&design);
        println!(
            "{name}: share link of {} characters (limit {MAX_LINK_CHARS})",
            link.len()
        );
        assert!(
            link.len() < MAX_LINK_CHARS,
            "{name}: share link of {} characters",
            link.len()
        );
        assert_eq!(share::decode(&link), Ok(design.clone()), "{name}");
        // Saved in canonical form, so saving it again changes nothing.
        assert_eq!(
            document::to_json_pretty(&design) + "\n",
            text,
            "{name} is not in canonical form"
        );
    }
}

/// The examples show the features they are named for, without warnings either.
#[test]
fn examples_have_no_warnings() {
    for path in files_in("static/examples", "json") {
        let text = std::fs::read_to_string(&path).expect("read example");
        let design = document::from_json(&text).expect("load");
        let rendered = crate::validate::render(&validate(&design));
        assert_eq!(rendered, "", "{}", stem(&path));
    }
}
