//! The domain: the design document and everything computed from it. Pure Rust: no browser,
//! no IO, no panics on user input. Each rule of AWS behaviour lives in exactly one module here.

pub mod access;
pub mod catalog;
pub mod cidr;
pub mod clipboard;
pub mod cost;
pub mod design;
pub mod dns;
pub mod document;
pub mod edit;
pub mod generate;
pub mod hash;
pub mod json_tree;
pub mod lanes;
pub mod layout;
pub mod lookup;
pub mod palette;
pub mod routing;
pub mod share;
pub mod sort;
pub mod terraform;
pub mod text;
pub mod validate;
pub mod zip;

pub use design::Design;
pub use validate::{Diagnostic, Severity};
