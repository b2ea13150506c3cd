//! The compact binary form of a design's JSON that `v2` links compress: a JSON tree written as
//! tagged values where every string after its first use is a back-reference, every object
//! whose keys were seen before names that key list by number, and whole numbers are varints.
//! Generic over the JSON, so any format version packs the same way. About 15% shorter links
//! than compressing the JSON itself (`cargo bench --bench scale` prints link lengths).
//!
//! Unpacking is bounded: output JSON is capped (a back-reference repeated a million times would
//! otherwise expand without limit) and nesting is capped, so hostile links stop with an error.

use crate::model::document::Json;
use crate::model::hash::{HashMap, HashMapExt};
use crate::model::json_tree::J;

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const INT: u8 = 3;
const NEW_STRING: u8 = 4;
const STRING_REF: u8 = 5;
const LIST: u8 = 6;
const NEW_OBJECT: u8 = 7;
const OBJECT_REF: u8 = 8;
const NUMBER_TEXT: u8 = 9;
const KNOWN_STRING: u8 = 10;

/// Strings most designs hold (the format's field names, node types, common values), written as
/// their position here. Links depend on the positions: only ever append.
const KNOWN: &[&str] = &[
    "version",
    "name",
    "region",
    "vpcs",
    "subnets",
    "route_tables",
    "nodes",
    "flows",
    "id",
    "cidr_blocks",
    "enable_dns_support",
    "enable_dns_hostnames",
    "layout",
    "security_groups",
    "network_acls",
    "x",
    "y",
    "w",
    "h",
    "ingress",
    "egress",
    "protocol",
    "from_port",
    "to_port",
    "peer",
    "cidr",
    "security_group",
    "prefix_list",
    "number",
    "allow",
    "vpc",
    "availability_zone",
    "main",
    "routes",
    "propagations",
    "destination",
    "target",
    "at",
    "kind",
    "type",
    "subnet",
    "connectivity",
    "service",
    "private_dns",
    "attachments",
    "requester",
    "accepter",
    "cidrs",
    "vpn",
    "private_dns_only_for_inbound_resolver_endpoint",
    "dns_domains",
    "dns_forwards",
    "records",
    "direction",
    "rules",
    "endpoint_service",
    "port",
    "targets",
    "acceptance_required",
    "private_dns_name",
    "attachment",
    "associations",
    "domain",
    "endpoint",
    "value",
    "alias",
    "a",
    "cname",
    "policy",
    "from",
    "to",
    "gb_per_month",
    "host",
    "requests",
    "principal",
    "action",
    "resource",
    "node",
    "internet",
    "tcp",
    "udp",
    "icmp",
    "all",
    "public",
    "private",
    "inbound",
    "outbound",
    "ec2",
    "lambda",
    "eks",
    "rds",
    "aws_service",
    "internet_gateway",
    "nat_gateway",
    "gateway_endpoint",
    "interface_endpoint",
    "transit_gateway",
    "vpn_gateway",
    "vpc_peering",
    "on_premises",
    "private_hosted_zone",
    "resolver_endpoint",
    "us-east-1",
    "us-east-1a",
    "us-east-1b",
    "us-east-1c",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-1",
    "0.0.0.0/0",
    "10.0.0.0/8",
    "10.0.0.0/16",
    "s3",
    "dynamodb",
    "secretsmanager",
    "sts",
    "ecr.api",
    "ecr.dkr",
    "kms",
    "logs",
    "ssm",
    "sqs",
    "sns",
    "monitoring",
    "execute-api",
];

/// Deeper than any design (Design > nodes > kind > records > value is 6).
const MAX_DEPTH: usize = 32;

pub fn pack(tree: &J) -> Vec<u8> {
    let mut p = Packer {
        out: Vec::new(),
        strings: HashMap::new(),
        new_strings: 0,
        shapes: HashMap::new(),
    };
    p.value(tree);
    p.out
}

struct Packer<'t> {
    out: Vec<u8>,
    /// How each string seen so far is written: its reference number, or `KNOWN_BIT` and its
    /// place in `KNOWN` (scanning `KNOWN` for every string of a large design was a third of the
    /// time of its link).
    strings: HashMap<&'t str, usize>,
    /// Strings written out so far: the next one's reference number.
    new_strings: usize,
    shapes: HashMap<Vec<&'t str>, usize>,
}

const KNOWN_BIT: usize = 1 << 31;

impl<'t> Packer<'t> {
    fn varint(&mut self, mut n: u64) {
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.out.push(b);
                return;
            }
            self.out.push(b | 0x80);
        }
    }

    fn string(&mut self, s: &'t str) {
        let seen = match self.strings.get(s) {
            Some(&seen) => seen,
            None => {
                let Some(i) = KNOWN.iter().position(|k| *k == s) else {
                    self.out.push(NEW_STRING);
                    self.varint(s.len() as u64);
                    self.out.extend_from_slice(s.as_bytes());
                    self.strings.insert(s, self.new_strings);
                    self.new_strings += 1;
                    return;
                };
                self.strings.insert(s, KNOWN_BIT | i);
                KNOWN_BIT | i
            }
        };
        let tag = if seen & KNOWN_BIT == 0 {
            STRING_REF
        } else {
            KNOWN_STRING
        };
        self.out.push(tag);
        self.varint((seen & !KNOWN_BIT) as u64);
    }

    fn value(&mut self, v: &'t J) {
        match v {
            J::Null => self.out.push(NULL),
            J::Bool(false) => self.out.push(FALSE),
            J::Bool(true) => self.out.push(TRUE),
            J::Num(text) => match whole(text) {
                Some(n) => {
                    self.out.push(INT);
                    self.varint(((n << 1) ^ (n >> 63)) as u64);
                }
                None => {
                    self.out.push(NUMBER_TEXT);
                    self.varint(text.len() as u64);
                    self.out.extend_from_slice(text.as_bytes());
                }
            },
            J::Str(s) => self.string(s),
            J::List(items) => {
                self.out.push(LIST);
                self.varint(items.len() as u64);
                for item in items {
                    self.value(item);
                }
            }
            J::Obj(fields) => {
                let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
                if let Some(&i) = self.shapes.get(&keys) {
                    self.out.push(OBJECT_REF);
                    self.varint(i as u64);
                } else {
                    self.out.push(NEW_OBJECT);
                    self.varint(keys.len() as u64);
                    for (k, _) in fields {
                        self.string(k);
                    }
                    self.shapes.insert(keys, self.shapes.len());
                }
                for (_, v) in fields {
                    self.value(v);
                }
            }
        }
    }
}

/// A JSON number that is a whole number within i64 (`12`, `-3`, `10.0`).
fn whole(text: &str) -> Option<i64> {
    let digits = text.strip_suffix(".0").unwrap_or(text);
    if digits.contains(['.', 'e', 'E']) || digits == "-0" {
        return None;
    }
    digits.parse().ok()
}

/// Why packed bytes could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum UnpackError {
    /// Ends early, or holds something no packer writes.
    Damaged,
    /// The JSON would exceed the limit.
    TooLarge,
}

/// The JSON text packed in `bytes`, at most `limit` bytes of it.
pub fn unpack(bytes: &[u8], limit: usize) -> Result<String, UnpackError> {
    let mut u = Unpacker {
        bytes,
        at: 0,
        strings: Vec::new(),
        shapes: Vec::new(),
        json: Json(String::new()),
        limit,
    };
    u.value(0)?;
    if u.at != bytes.len() {
        return Err(UnpackError::Damaged);
    }
    Ok(u.json.0)
}

/// A string read: a known one, or one met in the data, by position.
#[derive(Clone, Copy)]
enum Str {
    Known(usize),
    Met(usize),
}

fn text(met: &[String], s: Str) -> &str {
    match s {
        Str::Known(i) => KNOWN[i],
        Str::Met(i) => &met[i],
    }
}

struct Unpacker<'b> {
    bytes: &'b [u8],
    at: usize,
    /// The strings met so far (not the known ones), for references.
    strings: Vec<String>,
    shapes: Vec<Vec<Str>>,
    json: Json,
    limit: usize,
}

impl Unpacker<'_> {
    fn byte(&mut self) -> Result<u8, UnpackError> {
        let b = *self.bytes.get(self.at).ok_or(UnpackError::Damaged)?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, UnpackError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(UnpackError::Damaged)
    }

    fn count(&mut self) -> Result<usize, UnpackError> {
        // No count can exceed the bytes left: each item takes at least one.
        let n = self.varint()?;
        usize::try_from(n)
            .ok()
            .filter(|n| *n <= self.bytes.len() - self.at)
            .ok_or(UnpackError::Damaged)
    }

    fn room(&self) -> Result<(), UnpackError> {
        if self.json.0.len() > self.limit {
            Err(UnpackError::TooLarge)
        } else {
            Ok(())
        }
    }

    /// Reads a string: new, a reference to an earlier one, or a known one.
    fn string(&mut self) -> Result<Str, UnpackError> {
        match self.byte()? {
            KNOWN_STRING => {
                let i = self.count_any()?;
                if i < KNOWN.len() {
                    Ok(Str::Known(i))
                } else {
                    Err(UnpackError::Damaged)
                }
            }
            NEW_STRING => {
                let len = self.count()?;
                let text = std::str::from_utf8(&self.bytes[self.at..self.at + len])
                    .map_err(|_| UnpackError::Damaged)?;
                self.at += len;
                self.strings.push(text.to_string());
                Ok(Str::Met(self.strings.len() - 1))
            }
            STRING_REF => {
                let i = self.count_any()?;
                if i < self.strings.len() {
                    Ok(Str::Met(i))
                } else {
                    Err(UnpackError::Damaged)
                }
            }
            _ => Err(UnpackError::Damaged),
        }
    }

    fn count_any(&mut self) -> Result<usize, UnpackError> {
        usize::try_from(self.varint()?).map_err(|_| UnpackError::Damaged)
    }

    fn value(&mut self, depth: usize) -> Result<(), UnpackError> {
        if depth > MAX_DEPTH {
            return Err(UnpackError::Damaged);
        }
        self.room()?;
        match self
            .bytes
            .get(self.at)
            .copied()
            .ok_or(UnpackError::Damaged)?
        {
            NEW_STRING | STRING_REF | KNOWN_STRING => {
                let s = self.string()?;
                self.json.str(text(&self.strings, s));
            }
            tag => {
                self.at += 1;
                match tag {
                    NULL => self.json.0.push_str("null"),
                    FALSE => self.json.0.push_str("false"),
                    TRUE => self.json.0.push_str("true"),
                    INT => {
                        let z = self.varint()?;
                        let n = ((z >> 1) as i64) ^ -((z & 1) as i64);
                        self.json.0.push_str(&n.to_string());
                    }
                    NUMBER_TEXT => {
                        let len = self.count()?;
                        let text = &self.bytes[self.at..self.at + len];
                        // Only what a JSON number may hold: the design reader judges the rest.
                        if text.is_empty()
                            || !text
                                .iter()
                                .all(|b| b.is_ascii_digit() || b"+-.eE".contains(b))
                        {
                            return Err(UnpackError::Damaged);
                        }
                        self.json
                            .0
                            .push_str(std::str::from_utf8(text).map_err(|_| UnpackError::Damaged)?);
                        self.at += len;
                    }
                    LIST => {
                        let n = self.count()?;
                        self.json.0.push('[');
                        for _ in 0..n {
                            self.json.sep();
                            self.value(depth + 1)?;
                        }
                        self.json.0.push(']');
                    }
                    NEW_OBJECT | OBJECT_REF => {
                        let keys = if tag == NEW_OBJECT {
                            let n = self.count()?;
                            let keys = (0..n)
                                .map(|_| self.string())
                                .collect::<Result<Vec<_>, _>>()?;
                            self.shapes.push(keys.clone());
                            keys
                        } else {
                            let i = self.count_any()?;
                            self.shapes.get(i).cloned().ok_or(UnpackError::Damaged)?
                        };
                        self.json.open();
                        for k in keys {
                            self.json.key(text(&self.strings, k));
                            self.value(depth + 1)?;
                        }
                        self.json.close();
                    }
                    _ => return Err(UnpackError::Damaged),
                }
            }
        }
        self.room()
    }
}
