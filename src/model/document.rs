//! The design as a JSON file: reading any version this build understands, writing the current one.

use super::design::{Design, FORMAT_VERSION};
use serde::Deserialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or JSON of the wrong shape; line and column are 1-based.
    Json { line: usize, column: usize, message: String },
    /// JSON without a `version`: not a VPC Planner design.
    NoVersion,
    /// Written by a newer VPC Planner; reading it could silently drop what it added.
    NewerVersion { found: u64 },
    /// A version that never existed.
    UnknownVersion { found: u64 },
    /// A `version` that is not a whole number.
    BadVersion { found: String },
    /// Valid JSON, but not an object (`[]`, `"text"`, `3`).
    NotAnObject,
    /// Nothing at all, or only white space.
    Empty,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Json { line, column, message } => {
                write!(f, "the design is not valid: {message} (line {line}, column {column})")
            }
            LoadError::NoVersion => write!(f, "this is not a VPC Planner design: it has no \"version\""),
            LoadError::NewerVersion { found } => write!(
                f,
                "this design was made by a newer VPC Planner (format version {found}; this one reads up to {FORMAT_VERSION}); reload the page to get the latest version"
            ),
            LoadError::UnknownVersion { found } => write!(f, "format version {found} does not exist"),
            LoadError::BadVersion { found } => {
                write!(f, "\"version\" must be a whole number such as {FORMAT_VERSION}, not {}", super::text::clip(found))
            }
            LoadError::NotAnObject => write!(f, "a design is a JSON object, {{ … }}, with a \"version\""),
            LoadError::Empty => write!(f, "the design is empty"),
        }
    }
}

impl std::error::Error for LoadError {}

#[derive(Deserialize)]
struct VersionProbe {
    // The raw text of the value: reading it as a `serde_json::Value` would link Value's parser
    // and printer into the browser bundle for this one field.
    version: Option<Box<serde_json::value::RawValue>>,
}

fn json_error(e: serde_json::Error) -> LoadError {
    // serde_json's messages end with " at line L column C"; the numbers are kept apart.
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    // serde_json reports column 0 at the very end of the input; columns here start at 1.
    LoadError::Json { line: e.line().max(1), column: e.column().max(1), message }
}

/// Reads a design from JSON text, checking its version first.
pub fn from_json(text: &str) -> Result<Design, LoadError> {
    let start = text.trim_start();
    if start.is_empty() {
        return Err(LoadError::Empty);
    }
    if !start.starts_with('{') {
        // Let serde_json point at broken JSON; valid JSON of another shape gets a plain message.
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(json_error)?;
        return Err(LoadError::NotAnObject);
    }
    let probe: VersionProbe = serde_json::from_str(text).map_err(json_error)?;
    let raw = probe.version.as_deref().map(|v| v.get().trim()).unwrap_or("null");
    if raw == "null" {
        return Err(LoadError::NoVersion);
    }
    // A whole number is digits only: "1.0", "-1", "1e0" and strings are not.
    let version = raw
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| raw.parse::<u64>().ok())
        .flatten()
        .ok_or_else(|| LoadError::BadVersion { found: raw.to_string() })?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(LoadError::NewerVersion { found: version });
    }
    if version == 0 {
        return Err(LoadError::UnknownVersion { found: version });
    }
    let mut design: Design = serde_json::from_str(text).map_err(json_error)?;
    // Version 1 is version 2 without security groups, network ACLs, transit gateways, VPNs,
    // peering and flow ports; version 2 is version 3 without private hosted zones, Resolver
    // endpoints, on-premises DNS and flow names. Every field a later version added has a
    // default, so migrating is relabelling.
    design.version = FORMAT_VERSION;
    Ok(design)
}

/// The design as pretty JSON, the form of saved files and the examples.
pub fn to_json_pretty(design: &Design) -> String {
    // Serialising these plain data types cannot fail; an empty string would only hide a bug.
    indent(&to_json_compact(design))
}

/// The design as compact JSON, the form inside share links and autosaves.
pub fn to_json_compact(design: &Design) -> String {
    serde_json::to_string(design).unwrap_or_default()
}

/// Compact JSON laid out as serde_json's pretty printer does (two-space indent, `": "`, empty
/// `[]` and `{}` kept on one line). One serializer instead of two keeps the bundle smaller.
fn indent(compact: &str) -> String {
    let bytes = compact.as_bytes();
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start = 0;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                out.push_str(&compact[start..=i]);
                start = i + 1;
                let close = if b == b'{' { b'}' } else { b']' };
                if bytes.get(i + 1) == Some(&close) {
                    out.push(close as char);
                    i += 2;
                    start = i;
                    continue;
                }
                depth += 1;
                newline(&mut out, depth);
            }
            b'}' | b']' => {
                out.push_str(&compact[start..i]);
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(b as char);
                start = i + 1;
            }
            b',' => {
                out.push_str(&compact[start..=i]);
                start = i + 1;
                newline(&mut out, depth);
            }
            b':' => {
                out.push_str(&compact[start..=i]);
                out.push(' ');
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&compact[start..]);
    out
}
