//! The native test suite: one integration binary, one module per model feature.
//!
//! Tests are data driven: each module has a `check` helper that runs one feature on a small
//! fixture (see `fixture`) and compares a compact text rendering with an inline insta snapshot.
//! A snapshot is an assertion: when one changes, read every changed line against AWS
//! behaviour (../shared/reference/aws-networking.md) before accepting it.
//!
//! Data files: `tests/scenarios/*.json` are designs whose validation (and, where the design is
//! meant to deploy, Terraform) is snapshotted per file; adding a scenario is adding a file.

mod fixture;

mod cli;
mod document;
mod edit;
mod examples;
mod invariants;
mod layout;
mod palette;
mod scenarios;
mod share;
mod terraform;
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
