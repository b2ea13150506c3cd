//! The design as a JSON file: reading any version this build understands, writing the current one.

use super::design::{Design, FORMAT_VERSION};
use serde::Deserialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or JSON of the wrong shape; line and column are 1-based.
    Json {
        line: usize,
        column: usize,
        message: String,
    },
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
    /// Longer than `MAX_DESIGN_BYTES`.
    TooLarge { bytes: usize },
}

/// Limits on what a design may hold: far above any real design (the 5,000-resource benchmark
/// design is about 2 MB, its longest list about 1,500 items, and AWS caps names at 255
/// characters), and low enough that a hostile file is refused at once instead of freezing the
/// tab while it is read and drawn.
pub const MAX_DESIGN_BYTES: usize = 16 * 1024 * 1024;
/// Items in any one list of the design (VPCs, subnets, nodes, flows, routes, rules, …).
pub const MAX_LIST_ITEMS: usize = 20_000;
/// Bytes in any one text of the design (a name, a policy, a description).
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Json {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "the design is not valid: {message} (line {line}, column {column})"
                )
            }
            LoadError::NoVersion => {
                write!(f, "this is not a VPC Planner design: it has no \"version\"")
            }
            LoadError::NewerVersion { found } => write!(
                f,
                "this design was made by a newer VPC Planner (format version {found}; this one reads up to {FORMAT_VERSION}); reload the page to get the latest version"
            ),
            LoadError::UnknownVersion { found } => {
                write!(f, "format version {found} does not exist")
            }
            LoadError::BadVersion { found } => {
                write!(
                    f,
                    "\"version\" must be a whole number such as {FORMAT_VERSION}, not {}",
                    super::text::clip(found)
                )
            }
            LoadError::NotAnObject => {
                write!(f, "a design is a JSON object, {{ … }}, with a \"version\"")
            }
            LoadError::Empty => write!(f, "the design is empty"),
            LoadError::TooLarge { bytes } => write!(
                f,
                "the design is {} MB, larger than the {} MB the planner opens",
                bytes.div_ceil(1024 * 1024),
                MAX_DESIGN_BYTES / (1024 * 1024)
            ),
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
    LoadError::Json {
        line: e.line().max(1),
        column: e.column().max(1),
        message,
    }
}

/// Reads a design from JSON text, checking its version first.
pub fn from_json(text: &str) -> Result<Design, LoadError> {
    check_version(text)?;
    let mut design = read_design(text).map_err(json_error)?;
    // Version 1 is version 2 without security groups, network ACLs, transit gateways, VPNs,
    // peering and flow ports; version 2 is version 3 without private hosted zones, Resolver
    // endpoints, on-premises DNS and flow names; version 3 is version 4 without endpoint
    // services (and interface endpoints that name one instead of an AWS service). Every field
    // a later version added has a default, so migrating is relabelling.
    design.version = FORMAT_VERSION;
    Ok(design)
}

/// The format version of a design's JSON, if this build reads it; the rest of the design is
/// skipped, not read (listing saved versions looks only at this).
pub fn check_version(text: &str) -> Result<u64, LoadError> {
    if text.len() > MAX_DESIGN_BYTES {
        return Err(LoadError::TooLarge { bytes: text.len() });
    }
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
    let raw = probe
        .version
        .as_deref()
        .map(|v| v.get().trim())
        .unwrap_or("null");
    if raw == "null" {
        return Err(LoadError::NoVersion);
    }
    // A whole number is digits only: "1.0", "-1", "1e0" and strings are not.
    let version = raw
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| raw.parse::<u64>().ok())
        .flatten()
        .ok_or_else(|| LoadError::BadVersion {
            found: raw.to_string(),
        })?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(LoadError::NewerVersion { found: version });
    }
    if version == 0 {
        return Err(LoadError::UnknownVersion { found: version });
    }
    Ok(version)
}

/// The design as pretty JSON, the form of saved files and the examples.
pub fn to_json_pretty(design: &Design) -> String {
    // Serialising these plain data types cannot fail; an empty string would only hide a bug.
    indent(&to_json_compact(design))
}

/// The design as compact JSON, the form inside share links and autosaves: byte for byte what
/// serde_json writes for the derived `Serialize` (tested), written by hand because serde's
/// serializer code for these types costs about 3 KB gzip of the browser bundle.
pub fn to_json_compact(design: &Design) -> String {
    let mut w = Json(String::with_capacity(4096));
    w.design(design);
    w.0
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

// ---- reading the design ---------------------------------------------------------------------
// Serde's derive gives every document type its own visitor, and serde_json its own copy of the
// parsing code for each: about 30 KB gzip of the browser bundle. Here one visitor, steered by a
// table of each type's fields (`Shape`), reads the whole document into a loose tree (`J`), and
// plain functions turn the tree into the types. It calls serde_json exactly as the derived code
// does (same methods, same order, same error constructors), so what is accepted and every
// message and position stay the same; tests/it/document.rs compares the two readers natively.

use super::design::{
    AccessRequest, AclRule, DnsForward, Flow, FlowTarget, ForwardRule, NatConnectivity, NetworkAcl,
    Node, NodeKind, Point, Protocol, RawKind, RecordValue, Rect, ResolverDirection, Route,
    RouteTable, RouteTables, SecurityGroup, SgPeer, SgRule, Subnet, TgwAttachment, TgwRoute,
    TgwRouteTable, Vpc, ZoneRecord,
};
use serde::de::{
    self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
};

/// What a JSON value must be.
enum Shape {
    Str,
    Bool,
    U16,
    U32,
    I32,
    F64,
    /// `Option<T>`: null or the inner shape.
    Opt(&'static Shape),
    List(&'static Shape),
    /// A struct with `deny_unknown_fields`: its name, its fields' names in declaration order,
    /// and each field's shape and whether it may be left out.
    Obj(
        &'static str,
        &'static [&'static str],
        &'static [(&'static Shape, Need)],
    ),
    /// An externally tagged enum: its name and variants (`None`: a unit variant).
    Enum(
        &'static str,
        &'static [&'static str],
        &'static [Option<&'static Shape>],
    ),
    /// A node's `kind`: a `RawKind` object, then checked against its `type`.
    Kind,
    /// A kind's `route_tables`: ids or transit gateway route tables.
    RouteTables,
    /// One entry of `route_tables`.
    RouteTableEntry,
}

/// Whether a struct field may be left out.
#[derive(Clone, Copy, PartialEq)]
enum Need {
    Req,
    /// `#[serde(default)]`: left out of an object or off the end of an array.
    Def,
    /// An `Option` without a default: left out of an object only.
    Opt,
}

/// The loose tree: what was read, checked against its shape.
enum J {
    Null,
    Bool(bool),
    Int(i64),
    Num(f64),
    Str(String),
    List(Vec<J>),
    /// A struct's fields by index; `None`: left out.
    Obj(Vec<Option<J>>),
    /// An enum's variant and its value (`Null` for a unit variant).
    Variant(usize, Box<J>),
    Kind(Box<NodeKind>),
    RouteTables(RouteTables),
}

const STR: Shape = Shape::Str;
const BOOL: Shape = Shape::Bool;
const U16: Shape = Shape::U16;
const I32: Shape = Shape::I32;
const F64: Shape = Shape::F64;
const STRS: Shape = Shape::List(&STR);
const OPT_STR: Shape = Shape::Opt(&STR);
const OPT_BOOL: Shape = Shape::Opt(&BOOL);
const OPT_STRS: Shape = Shape::Opt(&STRS);

const PROTOCOL: Shape = Shape::Enum(
    "Protocol",
    &["tcp", "udp", "icmp", "all"],
    &[None, None, None, None],
);
const NAT_CONNECTIVITY: Shape =
    Shape::Enum("NatConnectivity", &["public", "private"], &[None, None]);
const RESOLVER_DIRECTION: Shape =
    Shape::Enum("ResolverDirection", &["inbound", "outbound"], &[None, None]);
const SG_PEER: Shape = Shape::Enum(
    "SgPeer",
    &["cidr", "security_group", "prefix_list"],
    &[Some(&STR), Some(&STR), Some(&STR)],
);
const RECORD_VALUE: Shape = Shape::Enum(
    "RecordValue",
    &["alias", "a", "cname"],
    &[Some(&STR), Some(&STRS), Some(&STR)],
);
const FLOW_TARGET: Shape = Shape::Enum("FlowTarget", &["node", "internet"], &[Some(&STR), None]);

const RECT: Shape = Shape::Obj(
    "Rect",
    &["x", "y", "w", "h"],
    &[
        (&I32, Need::Req),
        (&I32, Need::Req),
        (&I32, Need::Req),
        (&I32, Need::Req),
    ],
);
const POINT: Shape = Shape::Obj(
    "Point",
    &["x", "y"],
    &[(&I32, Need::Req), (&I32, Need::Req)],
);
const SG_RULE: Shape = Shape::Obj(
    "SgRule",
    &["protocol", "from_port", "to_port", "peer"],
    &[
        (&PROTOCOL, Need::Req),
        (&U16, Need::Def),
        (&U16, Need::Def),
        (&SG_PEER, Need::Req),
    ],
);
const SG_RULES: Shape = Shape::List(&SG_RULE);
const SECURITY_GROUP: Shape = Shape::Obj(
    "SecurityGroup",
    &["id", "name", "ingress", "egress"],
    &[
        (&STR, Need::Req),
        (&STR, Need::Req),
        (&SG_RULES, Need::Def),
        (&SG_RULES, Need::Def),
    ],
);
const ACL_RULE: Shape = Shape::Obj(
    "AclRule",
    &[
        "number",
        "protocol",
        "from_port",
        "to_port",
        "cidr",
        "allow",
    ],
    &[
        (&U16, Need::Req),
        (&PROTOCOL, Need::Req),
        (&U16, Need::Def),
        (&U16, Need::Def),
        (&STR, Need::Req),
        (&BOOL, Need::Req),
    ],
);
const ACL_RULES: Shape = Shape::List(&ACL_RULE);
const NETWORK_ACL: Shape = Shape::Obj(
    "NetworkAcl",
    &["id", "name", "subnets", "ingress", "egress"],
    &[
        (&STR, Need::Req),
        (&STR, Need::Req),
        (&STRS, Need::Def),
        (&ACL_RULES, Need::Def),
        (&ACL_RULES, Need::Def),
    ],
);
const VPC: Shape = Shape::Obj(
    "Vpc",
    &[
        "id",
        "name",
        "cidr_blocks",
        "enable_dns_support",
        "enable_dns_hostnames",
        "layout",
        "security_groups",
        "network_acls",
    ],
    &[
        (&STR, Need::Req),
        (&STR, Need::Req),
        (&STRS, Need::Req),
        (&BOOL, Need::Def),
        (&BOOL, Need::Def),
        (&RECT, Need::Req),
        (&Shape::List(&SECURITY_GROUP), Need::Def),
        (&Shape::List(&NETWORK_ACL), Need::Def),
    ],
);
const SUBNET: Shape = Shape::Obj(
    "Subnet",
    &["id", "vpc", "name", "availability_zone", "cidr", "layout"],
    &[
        (&STR, Need::Req),
        (&STR, Need::Req),
        (&STR, Need::Req),
        (&STR, Need::Req),
        (&STR, Need::Req),
        (&RECT, Need::Req),
    ],
);
const ROUTE: Shape = Shape::Obj(
    "Route",
    &["destination", "target"],
    &[(&STR, Need::Req), (&STR, Need::Req)],
);
const ROUTE_TABLE: Shape = Shape::Obj(
    "RouteTable",
    &[
        "id",
        "vpc",
        "name",
        "main",
        "subnets",
        "routes",
        "propagations",
    ],
    &[
        (&STR, Need::Req),
        (&STR, Need::Req),
        (&STR, Need::Req),
        (&BOOL, Need::Def),
        (&STRS, Need::Def),
        (&Shape::List(&ROUTE), Need::Def),
        (&STRS, Need::Def),
    ],
);
const TGW_ATTACHMENT: Shape = Shape::Obj(
    "TgwAttachment",
    &["vpc", "subnets"],
    &[(&STR, Need::Req), (&STRS, Need::Req)],
);
const TGW_ROUTE: Shape = Shape::Obj(
    "TgwRoute",
    &["destination", "attachment"],
    &[(&STR, Need::Req), (&OPT_STR, Need::Def)],
);
const TGW_ROUTE_TABLE: Shape = Shape::Obj(
    "TgwRouteTable",
    &["name", "associations", "propagations", "routes"],
    &[
        (&STR, Need::Req),
        (&STRS, Need::Def),
        (&STRS, Need::Def),
        (&Shape::List(&TGW_ROUTE), Need::Def),
    ],
);
const DNS_FORWARD: Shape = Shape::Obj(
    "DnsForward",
    &["domain", "endpoint"],
    &[(&STR, Need::Req), (&STR, Need::Req)],
);
const ZONE_RECORD: Shape = Shape::Obj(
    "ZoneRecord",
    &["name", "value"],
    &[(&STR, Need::Def), (&RECORD_VALUE, Need::Req)],
);
const FORWARD_RULE: Shape = Shape::Obj(
    "ForwardRule",
    &["domain", "target", "vpcs"],
    &[(&STR, Need::Req), (&STR, Need::Req), (&STRS, Need::Def)],
);
const RAW_KIND: Shape = Shape::Obj(
    "RawKind",
    &[
        "type",
        "subnet",
        "connectivity",
        "service",
        "region",
        "vpc",
        "route_tables",
        "subnets",
        "private_dns",
        "attachments",
        "requester",
        "accepter",
        "cidrs",
        "vpn",
        "private_dns_only_for_inbound_resolver_endpoint",
        "dns_domains",
        "dns_forwards",
        "domain",
        "vpcs",
        "records",
        "direction",
        "rules",
        "endpoint_service",
        "port",
        "targets",
        "acceptance_required",
        "private_dns_name",
    ],
    &[
        (&STR, Need::Req),
        (&OPT_STR, Need::Opt),
        (&Shape::Opt(&NAT_CONNECTIVITY), Need::Opt),
        (&OPT_STR, Need::Opt),
        (&OPT_STR, Need::Opt),
        (&OPT_STR, Need::Opt),
        (&Shape::Opt(&Shape::RouteTables), Need::Opt),
        (&OPT_STRS, Need::Opt),
        (&OPT_BOOL, Need::Opt),
        (&Shape::Opt(&Shape::List(&TGW_ATTACHMENT)), Need::Opt),
        (&OPT_STR, Need::Opt),
        (&OPT_STR, Need::Opt),
        (&OPT_STRS, Need::Opt),
        (&OPT_STR, Need::Opt),
        (&OPT_BOOL, Need::Opt),
        (&OPT_STRS, Need::Opt),
        (&Shape::Opt(&Shape::List(&DNS_FORWARD)), Need::Opt),
        (&OPT_STR, Need::Opt),
        (&OPT_STRS, Need::Opt),
        (&Shape::Opt(&Shape::List(&ZONE_RECORD)), Need::Opt),
        (&Shape::Opt(&RESOLVER_DIRECTION), Need::Opt),
        (&Shape::Opt(&Shape::List(&FORWARD_RULE)), Need::Opt),
        (&OPT_STR, Need::Opt),
        (&Shape::Opt(&U16), Need::Opt),
        (&OPT_STRS, Need::Opt),
        (&OPT_BOOL, Need::Opt),
        (&OPT_STR, Need::Opt),
    ],
);
const NODE: Shape = Shape::Obj(
    "Node",
    &["id", "name", "at", "kind", "security_groups", "policy"],
    &[
        (&STR, Need::Req),
        (&STR, Need::Req),
        (&POINT, Need::Req),
        (&Shape::Kind, Need::Req),
        (&STRS, Need::Def),
        (&OPT_STR, Need::Def),
    ],
);
const ACCESS_REQUEST: Shape = Shape::Obj(
    "AccessRequest",
    &["principal", "action", "resource"],
    &[(&STR, Need::Req), (&STR, Need::Req), (&STR, Need::Req)],
);
const FLOW: Shape = Shape::Obj(
    "Flow",
    &[
        "id",
        "name",
        "from",
        "to",
        "gb_per_month",
        "protocol",
        "port",
        "host",
        "requests",
    ],
    &[
        (&STR, Need::Req),
        (&STR, Need::Def),
        (&STR, Need::Req),
        (&FLOW_TARGET, Need::Req),
        (&F64, Need::Req),
        (&PROTOCOL, Need::Def),
        (&U16, Need::Def),
        (&OPT_STR, Need::Def),
        (&Shape::List(&ACCESS_REQUEST), Need::Def),
    ],
);
const DESIGN: Shape = Shape::Obj(
    "Design",
    &[
        "version",
        "name",
        "region",
        "vpcs",
        "subnets",
        "route_tables",
        "nodes",
        "flows",
    ],
    &[
        (&Shape::U32, Need::Req),
        (&STR, Need::Def),
        (&STR, Need::Req),
        (&Shape::List(&VPC), Need::Def),
        (&Shape::List(&SUBNET), Need::Def),
        (&Shape::List(&ROUTE_TABLE), Need::Def),
        (&Shape::List(&NODE), Need::Def),
        (&Shape::List(&FLOW), Need::Def),
    ],
);

/// Reads one value of a shape; the one visitor of the document.
#[derive(Clone, Copy)]
struct Read(&'static Shape);

impl<'de> DeserializeSeed<'de> for Read {
    type Value = J;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<J, D::Error> {
        match self.0 {
            Shape::Str => d.deserialize_string(self),
            Shape::Bool => d.deserialize_bool(self),
            Shape::U16 => d.deserialize_u16(self),
            Shape::U32 => d.deserialize_u32(self),
            Shape::I32 => d.deserialize_i32(self),
            Shape::F64 => d.deserialize_f64(self),
            Shape::Opt(_) => d.deserialize_option(self),
            Shape::List(_) | Shape::RouteTables => d.deserialize_seq(self),
            Shape::Obj(name, names, _) => d.deserialize_struct(name, names, self),
            Shape::Enum(name, variants, _) => d.deserialize_enum(name, variants, self),
            // As `NodeKind`'s own `Deserialize`: the whole object first, then its `type`'s rules,
            // so a rule's error is located after the object.
            Shape::Kind => match Read(&RAW_KIND).deserialize(d)? {
                J::Obj(f) => raw_kind(F(f))
                    .into_kind()
                    .map(|k| J::Kind(Box::new(k)))
                    .map_err(de::Error::custom),
                _ => Err(de::Error::custom("a node kind is an object")),
            },
            Shape::RouteTableEntry => d.deserialize_any(self),
        }
    }
}

impl Read {
    fn unsigned<E: de::Error>(self, v: u64, max: u64) -> Result<J, E> {
        if v <= max {
            Ok(J::Int(v as i64))
        } else {
            Err(E::invalid_value(Unexpected::Unsigned(v), &self))
        }
    }
}

impl<'de> Visitor<'de> for Read {
    type Value = J;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // The words serde's own visitors use, so messages stay the same.
        match self.0 {
            Shape::Str => f.write_str("a string"),
            Shape::Bool => f.write_str("a boolean"),
            Shape::U16 => f.write_str("u16"),
            Shape::U32 => f.write_str("u32"),
            Shape::I32 => f.write_str("i32"),
            Shape::F64 => f.write_str("f64"),
            Shape::Opt(_) => f.write_str("option"),
            Shape::List(_) => f.write_str("a sequence"),
            Shape::Obj(name, _, _) => write!(f, "struct {name}"),
            Shape::Enum(name, _, _) => write!(f, "enum {name}"),
            Shape::Kind => f.write_str("struct RawKind"),
            Shape::RouteTables => {
                f.write_str("a list of route table ids or of transit gateway route tables")
            }
            Shape::RouteTableEntry => {
                f.write_str("a route table id or a transit gateway route table")
            }
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<J, E> {
        match self.0 {
            Shape::Bool => Ok(J::Bool(v)),
            _ => Err(E::invalid_type(Unexpected::Bool(v), &self)),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<J, E> {
        match self.0 {
            Shape::U16 => self.unsigned(v, u16::MAX.into()),
            Shape::U32 => self.unsigned(v, u32::MAX.into()),
            Shape::I32 => self.unsigned(v, i32::MAX as u64),
            Shape::F64 => Ok(J::Num(v as f64)),
            _ => Err(E::invalid_type(Unexpected::Unsigned(v), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<J, E> {
        match self.0 {
            Shape::U16 | Shape::U32 if v >= 0 => self.unsigned(
                v as u64,
                if matches!(self.0, Shape::U16) {
                    u16::MAX.into()
                } else {
                    u32::MAX.into()
                },
            ),
            Shape::U16 | Shape::U32 => Err(E::invalid_value(Unexpected::Signed(v), &self)),
            Shape::I32 if i32::try_from(v).is_ok() => Ok(J::Int(v)),
            Shape::I32 => Err(E::invalid_value(Unexpected::Signed(v), &self)),
            Shape::F64 => Ok(J::Num(v as f64)),
            _ => Err(E::invalid_type(Unexpected::Signed(v), &self)),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<J, E> {
        match self.0 {
            Shape::F64 => Ok(J::Num(v)),
            _ => Err(E::invalid_type(Unexpected::Float(v), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<J, E> {
        if v.len() > MAX_TEXT_BYTES {
            return Err(E::custom(format_args!(
                "a text of {} bytes is longer than the {MAX_TEXT_BYTES} a design may hold",
                v.len()
            )));
        }
        match self.0 {
            Shape::Str | Shape::RouteTableEntry => Ok(J::Str(v.to_string())),
            _ => Err(E::invalid_type(Unexpected::Str(v), &self)),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<J, E> {
        Err(E::invalid_type(Unexpected::Unit, &self))
    }

    fn visit_none<E: de::Error>(self) -> Result<J, E> {
        match self.0 {
            Shape::Opt(_) => Ok(J::Null),
            _ => Err(E::invalid_type(Unexpected::Option, &self)),
        }
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<J, D::Error> {
        match self.0 {
            Shape::Opt(inner) => Read(inner).deserialize(d),
            _ => Err(de::Error::invalid_type(Unexpected::Option, &self)),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J, A::Error> {
        match self.0 {
            Shape::List(item) => {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element_seed(Read(item))? {
                    if out.len() == MAX_LIST_ITEMS {
                        return Err(de::Error::custom(format_args!(
                            "a list of more than {MAX_LIST_ITEMS} items is more than a design may hold"
                        )));
                    }
                    out.push(v);
                }
                Ok(J::List(out))
            }
            // A struct written as an array of its fields in order, as serde's derive accepts.
            Shape::Obj(name, _, fields) => {
                let mut out = Vec::with_capacity(fields.len());
                for (i, (shape, need)) in fields.iter().enumerate() {
                    match seq.next_element_seed(Read(shape))? {
                        Some(v) => out.push(Some(v)),
                        None if *need == Need::Def => out.push(None),
                        None => {
                            let s = if fields.len() == 1 { "" } else { "s" };
                            return Err(de::Error::invalid_length(
                                i,
                                &format!("struct {name} with {} element{s}", fields.len()).as_str(),
                            ));
                        }
                    }
                }
                Ok(J::Obj(out))
            }
            Shape::RouteTables => {
                let (mut ids, mut tables) = (Vec::new(), Vec::new());
                while let Some(entry) = seq.next_element_seed(Read(&Shape::RouteTableEntry))? {
                    match entry {
                        J::Str(id) => ids.push(id),
                        J::Obj(f) => tables.push(tgw_route_table(F(f))),
                        _ => {}
                    }
                }
                match (ids.is_empty(), tables.is_empty()) {
                    (_, true) => Ok(J::RouteTables(RouteTables::Ids(ids))),
                    (true, false) => Ok(J::RouteTables(RouteTables::Tables(tables))),
                    _ => Err(de::Error::custom("`route_tables` mixes ids and tables")),
                }
            }
            _ => Err(de::Error::invalid_type(Unexpected::Seq, &self)),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J, A::Error> {
        // An entry of a transit gateway's `route_tables` is read as its struct.
        let shape = if matches!(self.0, Shape::RouteTableEntry) {
            &TGW_ROUTE_TABLE
        } else {
            self.0
        };
        let Shape::Obj(_, names, fields) = shape else {
            return Err(de::Error::invalid_type(Unexpected::Map, &self));
        };
        let mut out: Vec<Option<J>> = fields.iter().map(|_| None).collect();
        while let Some(i) = map.next_key_seed(Key(names))? {
            if out[i].is_some() {
                return Err(de::Error::duplicate_field(names[i]));
            }
            out[i] = Some(map.next_value_seed(Read(fields[i].0))?);
        }
        // The first required field left out, in declaration order, as the derive reports.
        if let Some(i) = (0..fields.len()).find(|&i| fields[i].1 == Need::Req && out[i].is_none()) {
            return Err(de::Error::missing_field(names[i]));
        }
        Ok(J::Obj(out))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<J, A::Error> {
        let Shape::Enum(_, _, payloads) = self.0 else {
            return Err(de::Error::invalid_type(Unexpected::Enum, &self));
        };
        let (i, variant) = data.variant_seed(Variant(self.0))?;
        let value = match payloads.get(i).copied().flatten() {
            Some(shape) => variant.newtype_variant_seed(Read(shape))?,
            None => {
                variant.unit_variant()?;
                J::Null
            }
        };
        Ok(J::Variant(i, Box::new(value)))
    }
}

/// A struct's key, as the index of its field; an unknown key is refused with the field list.
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|n| *n == v)
            .ok_or_else(|| E::unknown_field(v, self.0))
    }
}

/// An enum's variant, as its index; an unknown one is refused with the variant list.
struct Variant(&'static Shape);

impl<'de> DeserializeSeed<'de> for Variant {
    type Value = usize;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Variant {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("variant identifier")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        let Shape::Enum(_, names, _) = self.0 else {
            return Err(E::custom("not an enum"));
        };
        names
            .iter()
            .position(|n| *n == v)
            .ok_or_else(|| E::unknown_variant(v, names))
    }
}

/// A struct's fields as read; the reader has checked every shape, so the accessors only unwrap
/// (a mismatch, which cannot happen, gives the default rather than a panic).
struct F(Vec<Option<J>>);

impl F {
    fn take(&mut self, i: usize) -> Option<J> {
        self.0
            .get_mut(i)
            .and_then(Option::take)
            .filter(|j| !matches!(j, J::Null))
    }
    fn opt_str(&mut self, i: usize) -> Option<String> {
        match self.take(i) {
            Some(J::Str(s)) => Some(s),
            _ => None,
        }
    }
    fn str(&mut self, i: usize) -> String {
        self.opt_str(i).unwrap_or_default()
    }
    fn opt_bool(&mut self, i: usize) -> Option<bool> {
        match self.take(i) {
            Some(J::Bool(b)) => Some(b),
            _ => None,
        }
    }
    fn int(&mut self, i: usize, default: i64) -> i64 {
        match self.take(i) {
            Some(J::Int(n)) => n,
            _ => default,
        }
    }
    fn port(&mut self, i: usize, default: u16) -> u16 {
        u16::try_from(self.int(i, default.into())).unwrap_or(default)
    }
    fn pos(&mut self, i: usize) -> i32 {
        i32::try_from(self.int(i, 0)).unwrap_or(0)
    }
    fn variant(&mut self, i: usize) -> Option<(usize, J)> {
        match self.take(i) {
            Some(J::Variant(v, value)) => Some((v, *value)),
            _ => None,
        }
    }
    fn opt_list<T>(&mut self, i: usize, item: fn(J) -> Option<T>) -> Option<Vec<T>> {
        match self.take(i) {
            Some(J::List(items)) => Some(items.into_iter().filter_map(item).collect()),
            _ => None,
        }
    }
    fn list<T>(&mut self, i: usize, item: fn(J) -> Option<T>) -> Vec<T> {
        self.opt_list(i, item).unwrap_or_default()
    }
    fn strs(&mut self, i: usize) -> Vec<String> {
        self.list(i, string)
    }
    fn opt_strs(&mut self, i: usize) -> Option<Vec<String>> {
        self.opt_list(i, string)
    }
}

fn string(j: J) -> Option<String> {
    match j {
        J::Str(s) => Some(s),
        _ => None,
    }
}

/// An object's fields, for the converters below.
fn obj(j: J) -> Option<F> {
    match j {
        J::Obj(f) => Some(F(f)),
        _ => None,
    }
}

fn rect(f: &mut F, i: usize) -> Rect {
    match f.take(i).and_then(obj) {
        Some(mut r) => Rect {
            x: r.pos(0),
            y: r.pos(1),
            w: r.pos(2),
            h: r.pos(3),
        },
        None => Rect::default(),
    }
}

fn protocol(f: &mut F, i: usize) -> Protocol {
    match f.variant(i) {
        Some((1, _)) => Protocol::Udp,
        Some((2, _)) => Protocol::Icmp,
        Some((3, _)) => Protocol::All,
        _ => Protocol::Tcp,
    }
}

fn sg_rule(j: J) -> Option<SgRule> {
    let mut f = obj(j)?;
    let peer = match f.variant(3) {
        Some((1, v)) => SgPeer::SecurityGroup(string(v)?),
        Some((2, v)) => SgPeer::PrefixList(string(v)?),
        Some((_, v)) => SgPeer::Cidr(string(v)?),
        None => return None,
    };
    Some(SgRule {
        protocol: protocol(&mut f, 0),
        from_port: f.port(1, 0),
        to_port: f.port(2, super::design::max_port()),
        peer,
    })
}

fn acl_rule(j: J) -> Option<AclRule> {
    let mut f = obj(j)?;
    Some(AclRule {
        number: f.port(0, 0),
        protocol: protocol(&mut f, 1),
        from_port: f.port(2, 0),
        to_port: f.port(3, super::design::max_port()),
        cidr: f.str(4),
        allow: f.opt_bool(5).unwrap_or(false),
    })
}

fn vpc(j: J) -> Option<Vpc> {
    let mut f = obj(j)?;
    Some(Vpc {
        id: f.str(0),
        name: f.str(1),
        cidr_blocks: f.strs(2),
        enable_dns_support: f.opt_bool(3).unwrap_or_else(super::design::yes),
        enable_dns_hostnames: f.opt_bool(4).unwrap_or(false),
        layout: rect(&mut f, 5),
        security_groups: f.list(6, |j| {
            let mut f = obj(j)?;
            Some(SecurityGroup {
                id: f.str(0),
                name: f.str(1),
                ingress: f.list(2, sg_rule),
                egress: f.list(3, sg_rule),
            })
        }),
        network_acls: f.list(7, |j| {
            let mut f = obj(j)?;
            Some(NetworkAcl {
                id: f.str(0),
                name: f.str(1),
                subnets: f.strs(2),
                ingress: f.list(3, acl_rule),
                egress: f.list(4, acl_rule),
            })
        }),
    })
}

fn subnet(j: J) -> Option<Subnet> {
    let mut f = obj(j)?;
    Some(Subnet {
        id: f.str(0),
        vpc: f.str(1),
        name: f.str(2),
        availability_zone: f.str(3),
        cidr: f.str(4),
        layout: rect(&mut f, 5),
    })
}

fn route_table(j: J) -> Option<RouteTable> {
    let mut f = obj(j)?;
    Some(RouteTable {
        id: f.str(0),
        vpc: f.str(1),
        name: f.str(2),
        main: f.opt_bool(3).unwrap_or(false),
        subnets: f.strs(4),
        routes: f.list(5, |j| {
            let mut f = obj(j)?;
            Some(Route {
                destination: f.str(0),
                target: f.str(1),
            })
        }),
        propagations: f.strs(6),
    })
}

fn tgw_route_table(mut f: F) -> TgwRouteTable {
    TgwRouteTable {
        name: f.str(0),
        associations: f.strs(1),
        propagations: f.strs(2),
        routes: f.list(3, |j| {
            let mut f = obj(j)?;
            Some(TgwRoute {
                destination: f.str(0),
                attachment: f.opt_str(1),
            })
        }),
    }
}

fn raw_kind(mut f: F) -> RawKind {
    RawKind {
        kind: f.str(0),
        subnet: f.opt_str(1),
        connectivity: f.variant(2).map(|(v, _)| {
            if v == 1 {
                NatConnectivity::Private
            } else {
                NatConnectivity::Public
            }
        }),
        service: f.opt_str(3),
        region: f.opt_str(4),
        vpc: f.opt_str(5),
        route_tables: match f.take(6) {
            Some(J::RouteTables(t)) => Some(t),
            _ => None,
        },
        subnets: f.opt_strs(7),
        private_dns: f.opt_bool(8),
        attachments: f.opt_list(9, |j| {
            let mut f = obj(j)?;
            Some(TgwAttachment {
                vpc: f.str(0),
                subnets: f.strs(1),
            })
        }),
        requester: f.opt_str(10),
        accepter: f.opt_str(11),
        cidrs: f.opt_strs(12),
        vpn: f.opt_str(13),
        private_dns_only_for_inbound_resolver_endpoint: f.opt_bool(14),
        dns_domains: f.opt_strs(15),
        dns_forwards: f.opt_list(16, |j| {
            let mut f = obj(j)?;
            Some(DnsForward {
                domain: f.str(0),
                endpoint: f.str(1),
            })
        }),
        domain: f.opt_str(17),
        vpcs: f.opt_strs(18),
        records: f.opt_list(19, |j| {
            let mut f = obj(j)?;
            let value = match f.variant(1)? {
                (1, J::List(ips)) => RecordValue::A(ips.into_iter().filter_map(string).collect()),
                (2, v) => RecordValue::Cname(string(v)?),
                (_, v) => RecordValue::Alias(string(v)?),
            };
            Some(ZoneRecord {
                name: f.str(0),
                value,
            })
        }),
        direction: f.variant(20).map(|(v, _)| {
            if v == 1 {
                ResolverDirection::Outbound
            } else {
                ResolverDirection::Inbound
            }
        }),
        rules: f.opt_list(21, |j| {
            let mut f = obj(j)?;
            Some(ForwardRule {
                domain: f.str(0),
                target: f.str(1),
                vpcs: f.strs(2),
            })
        }),
        endpoint_service: f.opt_str(22),
        port: match f.take(23) {
            Some(J::Int(n)) => u16::try_from(n).ok(),
            _ => None,
        },
        targets: f.opt_strs(24),
        acceptance_required: f.opt_bool(25),
        private_dns_name: f.opt_str(26),
    }
}

fn node(j: J) -> Option<Node> {
    let mut f = obj(j)?;
    let at = match f.take(2).and_then(obj) {
        Some(mut p) => Point {
            x: p.pos(0),
            y: p.pos(1),
        },
        None => Point::default(),
    };
    let kind = match f.take(3) {
        Some(J::Kind(k)) => *k,
        _ => return None,
    };
    Some(Node {
        id: f.str(0),
        name: f.str(1),
        at,
        kind,
        security_groups: f.strs(4),
        policy: f.opt_str(5),
    })
}

fn flow(j: J) -> Option<Flow> {
    let mut f = obj(j)?;
    let to = match f.variant(3)? {
        (0, v) => FlowTarget::Node(string(v)?),
        _ => FlowTarget::Internet,
    };
    let gb_per_month = match f.take(4) {
        Some(J::Num(v)) => super::design::round_volume(v),
        _ => 0.0,
    };
    Some(Flow {
        id: f.str(0),
        name: f.str(1),
        from: f.str(2),
        to,
        gb_per_month,
        protocol: protocol(&mut f, 5),
        port: f.port(6, super::design::https()),
        host: f.opt_str(7),
        requests: f.list(8, |j| {
            let mut f = obj(j)?;
            Some(AccessRequest {
                principal: f.str(0),
                action: f.str(1),
                resource: f.str(2),
            })
        }),
    })
}

/// Reads a design as serde_json reads a derived `Design` (`serde_json::from_str`).
fn read_design(text: &str) -> Result<Design, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let j = Read(&DESIGN).deserialize(&mut de)?;
    de.end()?;
    let mut f = obj(j).ok_or_else(|| de::Error::custom("a design is an object"))?;
    Ok(Design {
        version: u32::try_from(f.int(0, 0)).unwrap_or(0),
        name: f.str(1),
        region: f.str(2),
        vpcs: f.list(3, vpc),
        subnets: f.list(4, subnet),
        route_tables: f.list(5, route_table),
        nodes: f.list(6, node),
        flows: f.list(7, flow),
        lookup: Default::default(),
    })
}

/// The design read by serde's derived `Deserialize`, the reference `read_design` is tested
/// against (native builds only: the browser carries one reader).
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub fn from_json_serde(text: &str) -> Result<Design, LoadError> {
    serde_json::from_str(text).map_err(json_error)
}

/// The design read by `read_design`, without the version checks of `from_json`, to compare
/// with `from_json_serde`.
#[doc(hidden)]
pub fn from_json_unchecked(text: &str) -> Result<Design, LoadError> {
    read_design(text).map_err(json_error)
}

// ---- writing the design ---------------------------------------------------------------------
// Fields in declaration order, left out exactly where the types' `skip_serializing_if` says.

use super::design::Design as D;

/// The hand-written JSON writer (also used for the Terraform metadata line).
pub(crate) struct Json(pub(crate) String);

impl Json {
    /// Before a value in an object or a list: a comma unless it is the first.
    pub(crate) fn sep(&mut self) {
        if !self.0.ends_with(['{', '[']) {
            self.0.push(',');
        }
    }
    pub(crate) fn key(&mut self, k: &str) {
        self.sep();
        self.str(k);
        self.0.push(':');
    }
    /// A string as serde_json escapes it: quote, backslash and control characters only. The
    /// text between them is copied a run at a time (a character at a time was most of opening
    /// a large share link in the browser).
    pub(crate) fn str(&mut self, s: &str) {
        self.0.push('"');
        let mut rest = s;
        // All escaped characters are ASCII, so a byte position is a character boundary.
        while let Some(at) = rest
            .bytes()
            .position(|b| b == b'"' || b == b'\\' || b < 0x20)
        {
            self.0.push_str(&rest[..at]);
            match rest.as_bytes()[at] {
                b'"' => self.0.push_str("\\\""),
                b'\\' => self.0.push_str("\\\\"),
                b'\n' => self.0.push_str("\\n"),
                b'\r' => self.0.push_str("\\r"),
                b'\t' => self.0.push_str("\\t"),
                0x08 => self.0.push_str("\\b"),
                0x0c => self.0.push_str("\\f"),
                c => {
                    let hex = b"0123456789abcdef";
                    self.0.push_str("\\u00");
                    self.0.push(char::from(hex[usize::from(c >> 4)]));
                    self.0.push(char::from(hex[usize::from(c & 15)]));
                }
            }
            rest = &rest[at + 1..];
        }
        self.0.push_str(rest);
        self.0.push('"');
    }
    pub(crate) fn int(&mut self, n: i64) {
        self.0.push_str(&n.to_string());
    }
    fn bool(&mut self, b: bool) {
        self.0.push_str(if b { "true" } else { "false" });
    }
    pub(crate) fn open(&mut self) {
        self.0.push('{');
    }
    pub(crate) fn close(&mut self) {
        self.0.push('}');
    }
    pub(crate) fn field_str(&mut self, k: &str, v: &str) {
        self.key(k);
        self.str(v);
    }
    pub(crate) fn field_int(&mut self, k: &str, n: i64) {
        self.key(k);
        self.int(n);
    }
    fn field_bool(&mut self, k: &str, b: bool) {
        self.key(k);
        self.bool(b);
    }
    /// A list; `skip_empty` leaves an empty one out.
    pub(crate) fn list<T>(
        &mut self,
        k: &str,
        items: &[T],
        skip_empty: bool,
        item: fn(&mut Json, &T),
    ) {
        if skip_empty && items.is_empty() {
            return;
        }
        self.key(k);
        self.0.push('[');
        for i in items {
            self.sep();
            item(self, i);
        }
        self.0.push(']');
    }
    pub(crate) fn strs(&mut self, k: &str, items: &[String], skip_empty: bool) {
        self.list(k, items, skip_empty, |w, s| w.str(s));
    }
    pub(crate) fn rect(&mut self, k: &str, r: &Rect) {
        self.key(k);
        self.open();
        self.field_int("x", r.x.into());
        self.field_int("y", r.y.into());
        self.field_int("w", r.w.into());
        self.field_int("h", r.h.into());
        self.close();
    }
    fn protocol(&mut self, k: &str, p: Protocol) {
        let name = match p {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Icmp => "icmp",
            Protocol::All => "all",
        };
        self.field_str(k, name);
    }
    /// `{"variant":"value"}`, an externally tagged newtype variant.
    fn tagged(&mut self, k: &str, variant: &str, value: &str) {
        self.key(k);
        self.open();
        self.field_str(variant, value);
        self.close();
    }

    fn design(&mut self, d: &D) {
        self.open();
        self.field_int("version", d.version.into());
        if !d.name.is_empty() {
            self.field_str("name", &d.name);
        }
        self.field_str("region", &d.region);
        self.list("vpcs", &d.vpcs, true, Json::vpc);
        self.list("subnets", &d.subnets, true, |w, s| {
            w.open();
            w.field_str("id", &s.id);
            w.field_str("vpc", &s.vpc);
            w.field_str("name", &s.name);
            w.field_str("availability_zone", &s.availability_zone);
            w.field_str("cidr", &s.cidr);
            w.rect("layout", &s.layout);
            w.close();
        });
        self.list("route_tables", &d.route_tables, true, |w, t| {
            w.open();
            w.field_str("id", &t.id);
            w.field_str("vpc", &t.vpc);
            w.field_str("name", &t.name);
            if t.main {
                w.field_bool("main", true);
            }
            w.strs("subnets", &t.subnets, true);
            w.list("routes", &t.routes, true, |w, r| {
                w.open();
                w.field_str("destination", &r.destination);
                w.field_str("target", &r.target);
                w.close();
            });
            w.strs("propagations", &t.propagations, true);
            w.close();
        });
        self.list("nodes", &d.nodes, true, Json::node);
        self.list("flows", &d.flows, true, Json::flow);
        self.close();
    }

    fn vpc(&mut self, v: &Vpc) {
        self.open();
        self.field_str("id", &v.id);
        self.field_str("name", &v.name);
        self.strs("cidr_blocks", &v.cidr_blocks, false);
        self.field_bool("enable_dns_support", v.enable_dns_support);
        self.field_bool("enable_dns_hostnames", v.enable_dns_hostnames);
        self.rect("layout", &v.layout);
        self.list("security_groups", &v.security_groups, true, |w, g| {
            w.open();
            w.field_str("id", &g.id);
            w.field_str("name", &g.name);
            w.list("ingress", &g.ingress, true, Json::sg_rule);
            w.list("egress", &g.egress, true, Json::sg_rule);
            w.close();
        });
        self.list("network_acls", &v.network_acls, true, |w, a| {
            w.open();
            w.field_str("id", &a.id);
            w.field_str("name", &a.name);
            w.strs("subnets", &a.subnets, true);
            w.list("ingress", &a.ingress, true, Json::acl_rule);
            w.list("egress", &a.egress, true, Json::acl_rule);
            w.close();
        });
        self.close();
    }

    fn sg_rule(&mut self, r: &SgRule) {
        self.open();
        self.protocol("protocol", r.protocol);
        self.field_int("from_port", r.from_port.into());
        self.field_int("to_port", r.to_port.into());
        match &r.peer {
            SgPeer::Cidr(c) => self.tagged("peer", "cidr", c),
            SgPeer::SecurityGroup(g) => self.tagged("peer", "security_group", g),
            SgPeer::PrefixList(p) => self.tagged("peer", "prefix_list", p),
        }
        self.close();
    }

    fn acl_rule(&mut self, r: &AclRule) {
        self.open();
        self.field_int("number", r.number.into());
        self.protocol("protocol", r.protocol);
        self.field_int("from_port", r.from_port.into());
        self.field_int("to_port", r.to_port.into());
        self.field_str("cidr", &r.cidr);
        self.field_bool("allow", r.allow);
        self.close();
    }

    pub(crate) fn node(&mut self, n: &Node) {
        self.open();
        self.field_str("id", &n.id);
        self.field_str("name", &n.name);
        self.key("at");
        self.open();
        self.field_int("x", n.at.x.into());
        self.field_int("y", n.at.y.into());
        self.close();
        self.key("kind");
        self.open();
        self.kind(&n.kind);
        self.close();
        self.strs("security_groups", &n.security_groups, true);
        if let Some(p) = &n.policy {
            self.field_str("policy", p);
        }
        self.close();
    }

    fn kind(&mut self, k: &NodeKind) {
        let ty = |w: &mut Json, t: &str| w.field_str("type", t);
        match k {
            NodeKind::Ec2 { subnet }
            | NodeKind::Lambda { subnet }
            | NodeKind::Eks { subnet }
            | NodeKind::Rds { subnet } => {
                let t = match k {
                    NodeKind::Ec2 { .. } => "ec2",
                    NodeKind::Lambda { .. } => "lambda",
                    NodeKind::Eks { .. } => "eks",
                    _ => "rds",
                };
                ty(self, t);
                self.field_str("subnet", subnet);
            }
            NodeKind::AwsService { service, region } => {
                ty(self, "aws_service");
                self.field_str("service", service);
                if let Some(r) = region {
                    self.field_str("region", r);
                }
            }
            NodeKind::InternetGateway { vpc } => {
                ty(self, "internet_gateway");
                self.field_str("vpc", vpc);
            }
            NodeKind::NatGateway {
                subnet,
                connectivity,
            } => {
                ty(self, "nat_gateway");
                self.field_str("subnet", subnet);
                if *connectivity == NatConnectivity::Private {
                    self.field_str("connectivity", "private");
                }
            }
            NodeKind::GatewayEndpoint {
                vpc,
                service,
                route_tables,
            } => {
                ty(self, "gateway_endpoint");
                self.field_str("vpc", vpc);
                self.field_str("service", service);
                self.strs("route_tables", route_tables, true);
            }
            NodeKind::InterfaceEndpoint {
                vpc,
                service,
                endpoint_service,
                subnets,
                private_dns,
                private_dns_only_for_inbound_resolver_endpoint,
            } => {
                ty(self, "interface_endpoint");
                self.field_str("vpc", vpc);
                if !service.is_empty() {
                    self.field_str("service", service);
                }
                if let Some(e) = endpoint_service {
                    self.field_str("endpoint_service", e);
                }
                self.strs("subnets", subnets, false);
                self.field_bool("private_dns", *private_dns);
                if *private_dns_only_for_inbound_resolver_endpoint {
                    self.field_bool("private_dns_only_for_inbound_resolver_endpoint", true);
                }
            }
            NodeKind::EndpointService {
                vpc,
                subnets,
                port,
                targets,
                acceptance_required,
                private_dns_name,
            } => {
                ty(self, "endpoint_service");
                self.field_str("vpc", vpc);
                self.strs("subnets", subnets, false);
                self.field_int("port", (*port).into());
                self.strs("targets", targets, true);
                self.field_bool("acceptance_required", *acceptance_required);
                if let Some(n) = private_dns_name {
                    self.field_str("private_dns_name", n);
                }
            }
            NodeKind::TransitGateway {
                attachments,
                route_tables,
            } => {
                ty(self, "transit_gateway");
                self.list("attachments", attachments, true, |w, a| {
                    w.open();
                    w.field_str("vpc", &a.vpc);
                    w.strs("subnets", &a.subnets, false);
                    w.close();
                });
                self.list("route_tables", route_tables, true, |w, t| {
                    w.open();
                    w.field_str("name", &t.name);
                    w.strs("associations", &t.associations, true);
                    w.strs("propagations", &t.propagations, true);
                    w.list("routes", &t.routes, true, |w, r| {
                        w.open();
                        w.field_str("destination", &r.destination);
                        if let Some(a) = &r.attachment {
                            w.field_str("attachment", a);
                        }
                        w.close();
                    });
                    w.close();
                });
            }
            NodeKind::VpnGateway { vpc } => {
                ty(self, "vpn_gateway");
                self.field_str("vpc", vpc);
            }
            NodeKind::VpcPeering {
                requester,
                accepter,
            } => {
                ty(self, "vpc_peering");
                self.field_str("requester", requester);
                self.field_str("accepter", accepter);
            }
            NodeKind::OnPremises {
                cidrs,
                vpn,
                dns_domains,
                dns_forwards,
            } => {
                ty(self, "on_premises");
                self.strs("cidrs", cidrs, false);
                if let Some(v) = vpn {
                    self.field_str("vpn", v);
                }
                self.strs("dns_domains", dns_domains, true);
                self.list("dns_forwards", dns_forwards, true, |w, f| {
                    w.open();
                    w.field_str("domain", &f.domain);
                    w.field_str("endpoint", &f.endpoint);
                    w.close();
                });
            }
            NodeKind::PrivateHostedZone {
                domain,
                vpcs,
                records,
            } => {
                ty(self, "private_hosted_zone");
                self.field_str("domain", domain);
                self.strs("vpcs", vpcs, true);
                self.list("records", records, true, |w, r| {
                    w.open();
                    w.field_str("name", &r.name);
                    match &r.value {
                        RecordValue::Alias(id) => w.tagged("value", "alias", id),
                        RecordValue::Cname(name) => w.tagged("value", "cname", name),
                        RecordValue::A(ips) => {
                            w.key("value");
                            w.open();
                            w.strs("a", ips, false);
                            w.close();
                        }
                    }
                    w.close();
                });
            }
            NodeKind::ResolverEndpoint {
                vpc,
                direction,
                subnets,
                rules,
            } => {
                ty(self, "resolver_endpoint");
                self.field_str("vpc", vpc);
                self.field_str(
                    "direction",
                    if *direction == ResolverDirection::Inbound {
                        "inbound"
                    } else {
                        "outbound"
                    },
                );
                self.strs("subnets", subnets, false);
                self.list("rules", rules, true, |w, r| {
                    w.open();
                    w.field_str("domain", &r.domain);
                    w.field_str("target", &r.target);
                    w.strs("vpcs", &r.vpcs, true);
                    w.close();
                });
            }
        }
    }

    pub(crate) fn flow(&mut self, f: &Flow) {
        self.open();
        self.field_str("id", &f.id);
        if !f.name.is_empty() {
            self.field_str("name", &f.name);
        }
        self.field_str("from", &f.from);
        match &f.to {
            FlowTarget::Node(n) => self.tagged("to", "node", n),
            FlowTarget::Internet => self.field_str("to", "internet"),
        }
        self.key("gb_per_month");
        // serde_json writes finite floats with ryu and the others as null.
        if f.gb_per_month.is_finite() {
            self.0
                .push_str(ryu::Buffer::new().format_finite(f.gb_per_month));
        } else {
            self.0.push_str("null");
        }
        if f.protocol != Protocol::Tcp {
            self.protocol("protocol", f.protocol);
        }
        if f.port != 443 {
            self.field_int("port", f.port.into());
        }
        if let Some(h) = &f.host {
            self.field_str("host", h);
        }
        self.list("requests", &f.requests, true, |w, r| {
            w.open();
            w.field_str("principal", &r.principal);
            w.field_str("action", &r.action);
            w.field_str("resource", &r.resource);
            w.close();
        });
        self.close();
    }
}
