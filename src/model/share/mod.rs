//! Share links: the whole design in the URL fragment, versioned and compressed.
//!
//! Fragment format: `v4.` followed by the design's compact JSON packed into a binary tree
//! (`pack.rs`: strings and object key lists written once, then referenced), raw-DEFLATE
//! compressed (miniz_oxide, best compression) against a preset dictionary (`dictionary.rs`), and
//! base64url-encoded without padding. Older links still open: `v3.` (the same against a
//! smaller dictionary), `v2.` (no dictionary) and `v1.` (compressed JSON, not packed). The `v4`
//! names this link encoding; the design inside carries its own format version.
//!
//! The browser app packs and compresses links in its background worker, so that the encoder is
//! not in the start bundle (−10.7 KB gzip); when the worker can't answer, the page writes a
//! `v1.` link with the JSON in stored DEFLATE blocks (`encode_stored`), longer but readable.

mod dictionary;
mod pack;

use dictionary::Preset;
/// For tests that read a payload with their own inflater.
#[doc(hidden)]
pub use dictionary::{DICTIONARY, VOCABULARY};

use super::design::Design;
use super::document::{self, LoadError};
use std::fmt;

pub const LINK_PREFIX: &str = "v4.";
/// Links written before the dictionary's vocabulary.
pub const V3_PREFIX: &str = "v3.";
/// Links written before the preset dictionary: packed, compressed on their own.
pub const V2_PREFIX: &str = "v2.";
/// Links written before packing: compressed JSON.
pub const V1_PREFIX: &str = "v1.";
/// A link may inflate to at most this much (and unpack to at most this much JSON); more is
/// refused as a decompression bomb.
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
            ShareError::Garbled => write!(
                f,
                "the link is damaged: it contains characters a share link never has"
            ),
            ShareError::Truncated => write!(
                f,
                "the link is incomplete or damaged; it may have been cut short when it was copied"
            ),
            ShareError::TooLarge => write!(
                f,
                "the design in this link is larger than {} MB, more than the planner opens",
                MAX_INFLATED_BYTES / (1024 * 1024)
            ),
            ShareError::Design(e) => write!(f, "the link's design could not be read: {e}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The fragment (without `#`) that carries `design`.
pub fn encode(design: &Design) -> String {
    encode_compact_json(&document::to_json_compact(design))
}

/// `encode` for a caller that has the design's compact JSON already (`document::to_json_compact`),
/// as the autosave does: the JSON is written once for both.
pub fn encode_compact_json(json: &str) -> String {
    // The design writer's JSON always reads back; were it not to, the JSON itself goes in a v1 link.
    match crate::model::json_tree::read_tree(json) {
        Ok(tree) => {
            let packed = pack::pack(&tree);
            match dictionary::deflate(&packed) {
                Some(deflated) => format!("{LINK_PREFIX}{}", base64url(&deflated)),
                None => format!("{V2_PREFIX}{}", base64url(&compress(&packed))),
            }
        }
        Err(_) => format!("{V1_PREFIX}{}", base64url(&compress(json.as_bytes()))),
    }
}

/// A link written without compressing: a v1 link whose DEFLATE stream holds the JSON in stored
/// blocks (RFC 1951 §3.2.4), which every version's decoder reads. About 4/3 of the JSON's
/// length. The compressor lives in the background worker, so the page keeps only this for when
/// the worker can't answer (it failed to load, or the page is left before its answer).
pub fn encode_stored(json: &str) -> String {
    format!("{V1_PREFIX}{}", base64url(&stored(json.as_bytes())))
}

/// `bytes` as a DEFLATE stream of stored (uncompressed) blocks.
fn stored(bytes: &[u8]) -> Vec<u8> {
    const MAX_BLOCK: usize = u16::MAX as usize;
    let mut out = Vec::with_capacity(bytes.len() + (bytes.len() / MAX_BLOCK + 1) * 5);
    let mut blocks = bytes.chunks(MAX_BLOCK).peekable();
    loop {
        let block = blocks.next().unwrap_or_default();
        let last = blocks.peek().is_none();
        // BFINAL on the last block, BTYPE 00 (stored); the header's other bits pad to a byte.
        out.push(u8::from(last));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
        if last {
            return out;
        }
    }
}

fn compress(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, dictionary::LEVEL)
}

/// How a link's payload was written.
enum Encoding {
    /// v1: compressed JSON.
    Json,
    /// v2: packed, compressed on its own.
    Packed,
    /// v3 and v4: packed, compressed against a preset dictionary.
    PackedWithDictionary(Preset),
}

/// Reads a design from a fragment, with or without its leading `#`.
pub fn decode(fragment: &str) -> Result<Design, ShareError> {
    let fragment = fragment.trim();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if fragment.is_empty() {
        return Err(ShareError::Empty);
    }
    let (encoding, payload) = [
        (LINK_PREFIX, Encoding::PackedWithDictionary(Preset::V4)),
        (V3_PREFIX, Encoding::PackedWithDictionary(Preset::V3)),
        (V2_PREFIX, Encoding::Packed),
        (V1_PREFIX, Encoding::Json),
    ]
    .into_iter()
    .find_map(|(prefix, encoding)| fragment.strip_prefix(prefix).map(|p| (encoding, p)))
    .ok_or_else(|| match fragment.split_once('.') {
        Some((v, _)) if is_link_version(v) => ShareError::NewerLink {
            version: v.to_string(),
        },
        _ => ShareError::NotALink,
    })?;
    let bytes = from_base64url(payload)?;
    let inflated = match encoding {
        Encoding::PackedWithDictionary(preset) => {
            dictionary::inflate(&bytes, MAX_INFLATED_BYTES, preset)
        }
        Encoding::Packed | Encoding::Json => {
            miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_INFLATED_BYTES)
                .map_err(|e| e.status)
        }
    }
    .map_err(|status| match status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
        _ => ShareError::Truncated,
    })?;
    let text = match encoding {
        Encoding::Json => String::from_utf8(inflated).map_err(|_| ShareError::Truncated)?,
        Encoding::Packed | Encoding::PackedWithDictionary(_) => {
            pack::unpack(&inflated, MAX_INFLATED_BYTES).map_err(|e| match e {
                pack::UnpackError::TooLarge => ShareError::TooLarge,
                pack::UnpackError::Damaged => ShareError::Truncated,
            })?
        }
    };
    document::from_json(&text).map_err(ShareError::Design)
}

/// `v2`, `v17`: the shape of a link-format version this build may not know yet.
fn is_link_version(v: &str) -> bool {
    v.len() > 1 && v.starts_with('v') && v[1..].chars().all(|c| c.is_ascii_digit())
}

// base64url without padding (RFC 4648 §5), written out: the base64 crate's general engine costs
// more of the browser bundle than these few lines. A native test checks both against the crate.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Bytes as base64url without padding.
#[doc(hidden)]
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Reads base64url without padding. A character outside the alphabet (padding included) means a
/// mangled link; a length or last character no encoder writes means one cut short.
#[doc(hidden)]
pub fn from_base64url(text: &str) -> Result<Vec<u8>, ShareError> {
    let mut sextets = Vec::with_capacity(text.len());
    for b in text.bytes() {
        match ALPHABET.iter().position(|a| *a == b) {
            Some(v) => sextets.push(v as u32),
            None => return Err(ShareError::Garbled),
        }
    }
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        if chunk.len() == 1 {
            return Err(ShareError::Truncated);
        }
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, v)| n | v << (18 - 6 * i));
        let bytes = chunk.len() - 1;
        // Bits past the last whole byte must be zero, as an encoder leaves them.
        if n & (0xFF_FFFF >> (8 * bytes)) != 0 {
            return Err(ShareError::Truncated);
        }
        out.extend((0..bytes).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    Ok(out)
}
