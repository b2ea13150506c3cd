//! Share links: the whole design in the URL fragment, versioned and compressed.
//!
//! Fragment format: `v1.` followed by the compact design JSON, raw-DEFLATE compressed
//! (miniz_oxide, best compression) and base64url-encoded without padding. The `v1` names this
//! link encoding; the design inside carries its own format version.

use super::design::Design;
use super::document::{self, LoadError};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::fmt;

pub const LINK_PREFIX: &str = "v1.";
/// A link may inflate to at most this much JSON; more is refused as a decompression bomb.
pub const MAX_INFLATED_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// No design in the fragment at all.
    Empty,
    /// A fragment that is not a VPC Planner link.
    NotALink,
    /// A link encoding from a newer VPC Planner.
    NewerLink { version: String },
    /// Characters outside base64url: the link was altered or mangled in transit.
    Garbled,
    /// The compressed data ends early or is corrupt: usually a link cut short when copied.
    Truncated,
    /// The design inside would exceed `MAX_INFLATED_BYTES`.
    TooLarge,
    /// The design inside could not be read.
    Design(LoadError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => write!(f, "the link holds no design"),
            ShareError::NotALink => write!(f, "this is not a VPC Planner share link"),
            ShareError::NewerLink { version } => write!(
                f,
                "this link was made by a newer VPC Planner (link format {}); reload the page to get the latest version",
                super::text::clip(version)
            ),
            ShareError::Garbled => write!(f, "the link is damaged: it contains characters a share link never has"),
            ShareError::Truncated => write!(f, "the link is incomplete or damaged; it may have been cut short when it was copied"),
            ShareError::TooLarge => write!(f, "the design in this link is larger than {} MB, more than the planner opens", MAX_INFLATED_BYTES / (1024 * 1024)),
            ShareError::Design(e) => write!(f, "the link's design could not be read: {e}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The fragment (without `#`) that carries `design`.
pub fn encode(design: &Design) -> String {
    let json = document::to_json_compact(design);
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
    format!("{LINK_PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// Reads a design from a fragment, with or without its leading `#`.
pub fn decode(fragment: &str) -> Result<Design, ShareError> {
    let fragment = fragment.trim();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if fragment.is_empty() {
        return Err(ShareError::Empty);
    }
    let Some(payload) = fragment.strip_prefix(LINK_PREFIX) else {
        return Err(match fragment.split_once('.') {
            Some((v, _)) if is_link_version(v) => ShareError::NewerLink { version: v.to_string() },
            _ => ShareError::NotALink,
        });
    };
    let bytes = URL_SAFE_NO_PAD.decode(payload).map_err(|e| match e {
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol { .. } => ShareError::Truncated,
        _ => ShareError::Garbled,
    })?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_INFLATED_BYTES).map_err(|e| {
        match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::Truncated,
        }
    })?;
    let text = String::from_utf8(json).map_err(|_| ShareError::Truncated)?;
    document::from_json(&text).map_err(ShareError::Design)
}

/// `v2`, `v17`: the shape of a link-format version this build may not know yet.
fn is_link_version(v: &str) -> bool {
    v.len() > 1 && v.starts_with('v') && v[1..].chars().all(|c| c.is_ascii_digit())
}
