//! The native test suite: one integration binary, one module per model feature.
//!
//! Tests are data driven: each module has a `check` helper that runs one feature on a small
//! fixture (see `fixture`) and compares a compact text rendering with an inline insta snapshot.
//! A snapshot is an assertion: when one changes, read every changed line against AWS
//! behaviour (../shared/reference/aws-networking.md) before accepting it.
//!
//! Data files: `tests/scenarios/*.json` are designs whose validation and Terraform are
//! snapshotted per file (`snapshots/`); adding a scenario is adding a file.
//!
//! Running: `cargo test --test it`. After an intended change, `cargo insta review` (or run with
//! `INSTA_UPDATE=always INSTA_FORCE_PASS=1` and accept the `.snap` / `.pending-snap` files),
//! then read every changed line. Known model bugs are tests marked
//! `#[ignore = "model bug: ..."]` holding the expected behaviour: `cargo test --test it --
//! --ignored` lists them; when one passes, remove its `ignore`.

mod fixture;

mod access;
mod cli;
mod cost;
mod dns;
mod document;
mod edit;
mod editing;
mod editor;
mod examples;
mod gallery;
mod generate;
mod import;
mod invariants;
mod layout;
mod palette;
mod routing;
mod saves;
mod scenarios;
mod share;
mod templates;
mod terraform;
mod traces;
mod validate;

/// Renders user text for a snapshot: control and bidirectional-override characters become
/// `\u{..}` escapes, so a snapshot shows exactly what is there (and stays legal Rust source).
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
