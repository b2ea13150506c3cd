//! Policy JSON: any text parses to a policy or a list of located problems, never a panic; a
//! policy written canonically parses back to the same policy.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vpc_planner::model::access;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(policy) = access::parse(text) {
        assert!(access::parse(&policy.to_json()).as_ref() == Ok(&policy), "a policy changed on a canonical write");
        let _ = policy.endpoint_problems();
    }
});
