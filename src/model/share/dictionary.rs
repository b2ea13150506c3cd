//! The preset dictionaries links are compressed against. DEFLATE may refer back into these
//! bytes as if they came just before the link's own, so what most designs share (the packed
//! field names and object shapes of VPCs, subnets, route tables, nodes and flows; `subnet-`,
//! `10.0.`, `/24`, `private-a`, `0.0.0.0/0`) costs a few bits instead of being spelt out in
//! every link. It is what zlib calls a preset dictionary (RFC 1950 §2.2, FDICT), used with raw
//! DEFLATE: both ends know it, the link carries none of it.
//!
//! - `v3`: `dictionary.bin`, the packed form (`pack.rs`) of `dictionary.json`, a design written
//!   for the purpose and not one of the gallery's, so the gallery measures it fairly.
//! - `v4`: the same, then `vocabulary.txt`: the words people name designs, items and flows with
//!   (AWS service and architecture terms, workload roles, environments), and an endpoint policy
//!   in the layout the policy editor's templates write. Written from the catalogue, the palette,
//!   the policy templates and AWS's own terms, not from the gallery's names.
//!
//! Every link depends on every byte of its dictionary: never edit these files; a better
//! dictionary is a new link version.

use miniz_oxide::deflate::core::{
    CompressorOxide, TDEFLFlush, TDEFLStatus, compress, create_comp_flags_from_zip_params,
};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};

/// miniz_oxide's best compression: links are written rarely and read by people.
pub(super) const LEVEL: u8 = 10;

pub const DICTIONARY: &[u8] = include_bytes!("dictionary.bin");
/// What `v4` adds after `DICTIONARY`.
pub const VOCABULARY: &[u8] = include_bytes!("vocabulary.txt");

/// Which dictionary a link was compressed against.
#[derive(Clone, Copy)]
pub(super) enum Preset {
    V3,
    V4,
}

impl Preset {
    fn bytes(self) -> Vec<u8> {
        match self {
            Preset::V3 => DICTIONARY.to_vec(),
            Preset::V4 => [DICTIONARY, VOCABULARY].concat(),
        }
    }
}

/// `bytes` as raw DEFLATE that may refer back into the `v4` dictionary. `None` only if the
/// compressor does not finish as documented; the caller then writes a link without it.
pub(super) fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    // Negative window bits: raw DEFLATE, no zlib header (the link's prefix says what it is).
    let mut compressor =
        CompressorOxide::new(create_comp_flags_from_zip_params(LEVEL.into(), -15, 0));
    // The dictionary goes through the compressor first, so later matches can reach into it. A
    // sync flush ends its blocks on a byte boundary and keeps the window; what was written for
    // it is dropped, as the reader has the dictionary already.
    run(
        &mut compressor,
        &Preset::V4.bytes(),
        TDEFLFlush::Sync,
        TDEFLStatus::Okay,
    )?;
    run(
        &mut compressor,
        bytes,
        TDEFLFlush::Finish,
        TDEFLStatus::Done,
    )
}

/// One call with room for everything: DEFLATE grows incompressible data by at most 5 bytes per
/// 16 KB stored block, so input + 1/8 + 256 bytes always suffices.
fn run(
    compressor: &mut CompressorOxide,
    input: &[u8],
    flush: TDEFLFlush,
    expected: TDEFLStatus,
) -> Option<Vec<u8>> {
    let mut out = vec![0; input.len() + input.len() / 8 + 256];
    let (status, read, wrote) = compress(compressor, input, &mut out, flush);
    (status == expected && read == input.len()).then(|| {
        out.truncate(wrote);
        out
    })
}

/// Raw DEFLATE written against `preset`, inflated to at most `limit` bytes. `HasMoreOutput`
/// means the limit was reached; any other status, damaged or cut-short data.
pub(super) fn inflate(bytes: &[u8], limit: usize, preset: Preset) -> Result<Vec<u8>, TINFLStatus> {
    // The output buffer begins with the dictionary, so back-references can reach into it.
    let mut out = preset.bytes();
    let start = out.len();
    out.resize(
        start + bytes.len().saturating_mul(4).clamp(64, limit.max(64)),
        0,
    );
    let mut decompressor = Box::<DecompressorOxide>::default();
    let (mut input, mut at) = (bytes, start);
    loop {
        let (status, read, wrote) = decompress(
            &mut decompressor,
            input,
            &mut out,
            at,
            inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        );
        at += wrote;
        match status {
            TINFLStatus::Done if at - start <= limit => {
                out.truncate(at);
                return Ok(out.split_off(start));
            }
            TINFLStatus::Done => return Err(TINFLStatus::HasMoreOutput),
            TINFLStatus::HasMoreOutput => {
                input = input.get(read..).ok_or(TINFLStatus::Failed)?;
                let room = out.len() - start;
                if room >= limit {
                    return Err(TINFLStatus::HasMoreOutput);
                }
                out.resize(start + room.saturating_mul(2).min(limit), 0);
            }
            other => return Err(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document;

    /// The dictionary is `dictionary.json` packed, byte for byte as this build packs it.
    #[test]
    fn dictionary_is_the_design_packed() {
        let json = include_str!("dictionary.json");
        let design = document::from_json(json).expect("the dictionary's design reads");
        let compact = document::to_json_compact(&design);
        let tree = crate::model::json_tree::read_tree(&compact).expect("tree");
        assert_eq!(super::super::pack::pack(&tree), DICTIONARY);
    }

    /// Round trips at the edges: nothing, one byte, the dictionary itself, and bytes that do
    /// not compress.
    #[test]
    fn round_trips() {
        let noise: Vec<u8> = (0u32..40_000)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for bytes in [&[][..], &[7][..], DICTIONARY, &noise] {
            let deflated = deflate(bytes).expect("deflates");
            assert_eq!(
                inflate(&deflated, 1 << 20, Preset::V4).as_deref(),
                Ok(bytes)
            );
        }
    }

    /// Matches reach into both parts of the dictionary: each, compressed against the whole, is
    /// a small fraction of it compressed alone.
    #[test]
    fn matches_reach_into_the_dictionary() {
        for part in [DICTIONARY, VOCABULARY] {
            let with = deflate(part).expect("deflates").len();
            let alone = miniz_oxide::deflate::compress_to_vec(part, LEVEL).len();
            assert!(with * 10 < alone, "{with} vs {alone}");
        }
    }

    #[test]
    fn inflating_stops_at_the_limit() {
        let deflated = deflate(&[b'a'; 10_000]).expect("deflates");
        assert_eq!(
            inflate(&deflated, 9_999, Preset::V4),
            Err(TINFLStatus::HasMoreOutput)
        );
        assert_eq!(
            inflate(&deflated, 10_000, Preset::V4).map(|b| b.len()),
            Ok(10_000)
        );
    }
}
