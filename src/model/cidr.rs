//! CIDR text as users type it, and the address arithmetic the planner needs (via ipnet).

use super::text::clip;
use ipnet::Ipv4Net;
use std::fmt;
use std::net::Ipv4Addr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CidrError {
    /// Not of the form a.b.c.d/n.
    NotCidr { text: String },
    /// An IPv6 block where only IPv4 is supported so far.
    Ipv6 { text: String },
    /// Host bits are set; AWS would silently use the canonical block instead.
    HostBits { text: String, canonical: Ipv4Net },
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CidrError::NotCidr { text } if text.trim().is_empty() => {
                write!(f, "a CIDR block is required, e.g. 10.0.0.0/16")
            }
            CidrError::NotCidr { text } => write!(
                f,
                "\"{}\" is not an IPv4 CIDR block; write it as address/prefix, e.g. 10.0.0.0/16",
                clip(text)
            ),
            CidrError::Ipv6 { text } => write!(
                f,
                "\"{}\" is an IPv6 block; only IPv4 CIDR blocks are supported here",
                clip(text)
            ),
            CidrError::HostBits { text, canonical } => write!(
                f,
                "{} has host bits set; the block it names is {canonical}",
                clip(text)
            ),
        }
    }
}

/// Parses an IPv4 CIDR block exactly: no surrounding spaces, no host bits.
pub fn parse_v4(text: &str) -> Result<Ipv4Net, CidrError> {
    match read(text) {
        Some(net) if net.network() == net.addr() => Ok(net),
        Some(net) => Err(CidrError::HostBits {
            text: text.to_string(),
            canonical: net.trunc(),
        }),
        None if text.contains(':') => Err(CidrError::Ipv6 {
            text: text.to_string(),
        }),
        None => Err(CidrError::NotCidr {
            text: text.to_string(),
        }),
    }
}

/// `text` as an IPv4 block, host bits and all: the text ipnet's `Ipv4Net::from_str` accepts
/// (four octets of one to three digits below 256, then `/` and a prefix of one or two digits up
/// to 32), read straight from the bytes. ipnet's general parser was 4% of an analysis, which
/// reads every subnet's and route's block; tests check both agree on any text.
pub fn read(text: &str) -> Option<Ipv4Net> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut octets = [0u8; 4];
    for (i, octet) in octets.iter_mut().enumerate() {
        if i > 0 {
            (bytes.get(at) == Some(&b'.')).then_some(())?;
            at += 1;
        }
        *octet = u8::try_from(number(bytes, &mut at, 3, 256)?).ok()?;
    }
    (bytes.get(at) == Some(&b'/')).then_some(())?;
    at += 1;
    let len = number(bytes, &mut at, 2, 33)?;
    if at != bytes.len() {
        return None;
    }
    Ipv4Net::new(Ipv4Addr::from(octets), u8::try_from(len).ok()?).ok()
}

/// `net` as text, as its `Display` writes it (`10.0.0.0/16`), without the formatting
/// machinery: every hop names the route that won and its runner-up, and `to_string` of a block
/// was 5% of an analysis.
pub fn text(net: &Ipv4Net) -> String {
    let mut out = address_text(net.addr());
    out.push('/');
    push_decimal(&mut out, net.prefix_len());
    out
}

/// An address in dotted-quad form, as `Display` writes it, without `fmt`.
pub fn address_text(ip: Ipv4Addr) -> String {
    let mut out = String::with_capacity(18);
    for (i, octet) in ip.octets().into_iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        push_decimal(&mut out, octet);
    }
    out
}

fn push_decimal(out: &mut String, n: u8) {
    if n >= 100 {
        out.push(char::from(b'0' + n / 100));
    }
    if n >= 10 {
        out.push(char::from(b'0' + n / 10 % 10));
    }
    out.push(char::from(b'0' + n % 10));
}

/// Decimal digits at `at` (at least one, at most `max_digits`), their value below `upto`.
fn number(bytes: &[u8], at: &mut usize, max_digits: usize, upto: u32) -> Option<u32> {
    let digits = bytes
        .get(*at..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > max_digits {
        return None;
    }
    let value = bytes
        .get(*at..*at + digits)?
        .iter()
        .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    *at += digits;
    (value < upto).then_some(value)
}

/// Whether `net` holds `ip`. The same answer as ipnet's `contains`, in integer arithmetic:
/// at `opt-level = "z"` that one compares addresses as byte arrays through a `memcmp` call,
/// which was 7% of a whole analysis (every route of every table a hop consults).
pub fn holds(net: &Ipv4Net, ip: Ipv4Addr) -> bool {
    (u32::from(ip) ^ u32::from(net.network())) & u32::from(net.netmask()) == 0
}

/// Whether `outer` holds all of `inner`: ipnet's `contains` for blocks, in integer arithmetic
/// (`holds` says why).
pub fn covers(outer: &Ipv4Net, inner: &Ipv4Net) -> bool {
    inner.prefix_len() >= outer.prefix_len() && holds(outer, inner.network())
}

pub fn overlaps(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    holds(a, b.network()) || holds(b, a.network())
}

/// The private ranges of RFC 1918, which AWS recommends for VPCs.
pub const RFC1918: [&str; 3] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/// The RFC 1918 range a block lies in, if any.
pub fn rfc1918_range(net: &Ipv4Net) -> Option<Ipv4Net> {
    RFC1918
        .iter()
        .filter_map(|r| r.parse::<Ipv4Net>().ok())
        .find(|r| covers(r, net))
}

/// The first block of `prefix_len` inside one of `within` that overlaps none of `taken`.
pub fn first_free(within: &[Ipv4Net], taken: &[Ipv4Net], prefix_len: u8) -> Option<Ipv4Net> {
    within.iter().find_map(|outer| {
        outer
            .subnets(prefix_len)
            .ok()?
            .find(|candidate| !taken.iter().any(|t| overlaps(candidate, t)))
    })
}

/// The usable host addresses of a subnet: AWS reserves the first four and the last one.
pub fn usable_addresses(net: &Ipv4Net) -> u64 {
    (1u64 << (32 - u32::from(net.prefix_len()))).saturating_sub(5)
}

/// The address of the Amazon DNS server in a VPC: the primary block's base plus two.
pub fn amazon_dns_address(primary: &Ipv4Net) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(primary.network()).wrapping_add(2))
}
