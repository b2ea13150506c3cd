//! A design file: any text reads to a design or a located error, never a panic; a design
//! that reads writes back to JSON that reads to the same design.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vpc_planner::model::document;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(design) = document::from_json(text) {
        let again = document::from_json(&document::to_json_compact(&design)).expect("a written design reads back");
        assert!(again == design, "a design changed on a write and read");
        let _ = vpc_planner::model::validate::validate(&design);
    }
});
