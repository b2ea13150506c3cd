//! Terraform import: any text imports (with problems named) or is an error, never a panic; what
//! imports exports to Terraform that imports again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vpc_planner::model::terraform;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(imported) = terraform::import(text) {
        let exported = terraform::export(&imported.design);
        assert!(terraform::import(&exported).is_ok(), "an export of an import does not import");
    }
});
