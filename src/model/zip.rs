//! A .zip archive of text files, for downloading a split Terraform export as one file. Entries
//! are stored, not compressed: the files are small, and every unzip tool reads stored entries.
//! Layout per PKWARE's APPNOTE 6.3 (local headers and data, then the central directory, then the
//! end record). Timestamps are fixed at 1980-01-01 so the same files give the same bytes.

/// The archive of `(name, contents)` pairs, in order.
pub fn stored(files: &[(&str, &str)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, text) in files {
        let (name, data) = (name.as_bytes(), text.as_bytes());
        let offset = u32_of(out.len());
        let crc = crc32(data);
        // Local file header.
        put32(&mut out, 0x0403_4b50);
        common(&mut out, crc, data.len(), name.len());
        out.extend_from_slice(name);
        out.extend_from_slice(data);
        // Its central directory entry.
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, 20); // made by: version 2.0
        common(&mut central, crc, data.len(), name.len());
        put16(&mut central, 0); // comment length
        put16(&mut central, 0); // disk number
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(name);
    }
    let (start, size) = (u32_of(out.len()), u32_of(central.len()));
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    let count = u16::try_from(files.len()).unwrap_or(u16::MAX);
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, size);
    put32(&mut out, start);
    put16(&mut out, 0);
    out
}

/// The fields local headers and central entries share, from "version needed" to "extra length".
fn common(out: &mut Vec<u8>, crc: u32, len: usize, name_len: usize) {
    put16(out, 20); // version needed: 2.0
    put16(out, 0x0800); // flags: names are UTF-8
    put16(out, 0); // method: stored
    put16(out, 0); // time 00:00
    put16(out, (1 << 5) | 1); // date 1980-01-01
    put32(out, crc);
    put32(out, u32_of(len));
    put32(out, u32_of(len));
    put16(out, u16::try_from(name_len).unwrap_or(u16::MAX));
    put16(out, 0); // extra field length
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// CRC-32 as zip uses it (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit: the
/// files are a few KB, and no table costs the bundle nothing.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        // The CRC-32 check value of "123456789".
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
