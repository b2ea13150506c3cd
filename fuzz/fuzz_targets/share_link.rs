//! A share link: any fragment text, and any bytes as the packed payload of a well-formed v2
//! link (so the fuzzer reaches the unpacker past base64 and DEFLATE), decode to a design or an
//! error, never a panic; a decoded design encodes to a link that decodes to it again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vpc_planner::model::share;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let link = if mode % 2 == 0 {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        format!("{}{}", share::V2_PREFIX, share::base64url(&miniz_oxide::deflate::compress_to_vec(rest, 1)))
    };
    if let Ok(design) = share::decode(&link) {
        assert!(share::decode(&share::encode(&design)).as_ref() == Ok(&design), "a design changed through a link");
    }
});
