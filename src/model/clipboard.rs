//! Copy, paste and duplicate: a selection becomes a `Clip` (the items, what they carry, the
//! flows between them) that travels through the system clipboard as JSON text, and pasting a
//! clip is one `Edit` that inserts fresh copies.
//!
//! Pasting follows what the network allows, not only what the canvas shows:
//! - Every copied item gets a fresh id; references inside the clip follow the copies;
//!   references to items outside the clip are kept when the item still exists and the copy may
//!   point at it (a workload's security group of the VPC it lands in), and dropped otherwise.
//! - A pasted VPC gets a free block of the same size overlapping no VPC and no on-premises
//!   network of the design, so it can be peered or routed to (aws-networking.md §2, "VPC
//!   peering": no overlapping CIDRs); its subnets keep their offsets inside it, and CIDRs of
//!   its own routes and rules that pointed into the old block point into the new one.
//! - A subnet pasted without its VPC lands in the VPC under the paste point (else its own
//!   VPC) with a free block of the same size there (§1: subnets of a VPC may not overlap).
//! - Copies are named `<name>-2`, `-3`, … (the next number no item of that kind uses), the way
//!   the AWS console numbers copies and Terraform-friendly; items inside a copied VPC whose
//!   name starts with the VPC's name take the copy's name instead (`prod-igw` → `prod-2-igw`).

use super::cidr;
use super::design::{
    Design, FlowTarget, Id, Node, NodeKind, Point, RecordValue, Rect, SgPeer, Subnet, Vpc,
};
use super::document;
use super::edit::{Edit, Item};
use super::layout::{self, Home, NODE_SIZE, PlaceError};
use crate::model::hash::{HashMap, HashMapExt, HashSet, HashSetExt};
use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::Ipv4Addr;

/// What `Clip::format` holds: tells a clip apart from any other JSON on the clipboard.
pub const CLIP_FORMAT: &str = "vpc-planner-clip";
/// The clip format this build writes and reads.
pub const CLIP_VERSION: u32 = 1;
/// The largest clipboard text read as a clip. A clip of the largest generated landing zone
/// (4,096 VPCs) is far smaller than a browser tab wants to parse on a keystroke.
pub const MAX_CLIP_BYTES: usize = 2 * 1024 * 1024;

/// Copied items, ready for the clipboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Clip {
    /// Always `CLIP_FORMAT`.
    pub format: String,
    /// `CLIP_VERSION` when written.
    pub version: u32,
    /// The items the user selected (the rest of `design` came with them), by their old ids.
    pub roots: Vec<Id>,
    /// How copied subnets without their VPC were associated, so a copy pasted into the same VPC
    /// is public or private like its original (the association lives on the route table).
    #[serde(default)]
    pub links: Vec<SubnetLink>,
    /// The copied items as a design of their own (same Region, old ids).
    pub design: Design,
}

/// The explicit associations of a subnet copied without its VPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetLink {
    pub subnet: Id,
    #[serde(default)]
    pub route_table: Option<Id>,
    #[serde(default)]
    pub network_acl: Option<Id>,
}

/// Why clipboard text is not a clip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClipError {
    TooLarge {
        bytes: usize,
    },
    /// Not JSON, or JSON without the clip marker: text copied from somewhere else.
    NotAClip,
    /// A clip written by a newer planner.
    NewerVersion {
        found: u64,
    },
    /// The marker is there but the items are not a design this build reads.
    Design(document::LoadError),
}

impl fmt::Display for ClipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClipError::TooLarge { bytes } => write!(
                f,
                "the clipboard holds {bytes} bytes; the planner pastes at most {MAX_CLIP_BYTES} bytes (2 MB) at once"
            ),
            ClipError::NotAClip => write!(
                f,
                "the clipboard holds no VPC Planner items: copy items in the planner first"
            ),
            ClipError::NewerVersion { found } => write!(
                f,
                "these items were copied from a newer VPC Planner (clip version {found}; this one reads up to {CLIP_VERSION}); reload the page to get the latest version"
            ),
            ClipError::Design(e) => write!(f, "the copied items cannot be read: {e}"),
        }
    }
}

impl std::error::Error for ClipError {}

/// Why a paste is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasteError {
    /// The clip holds nothing that can be pasted.
    Empty,
    /// Where it would go breaks a canvas rule (a subnet outside every VPC, no room).
    Place(PlaceError),
    /// No address range of that size is free.
    NoFreeCidr {
        what: String,
        prefix: u8,
        within: String,
    },
    /// The copy of a peering connection would join VPCs that cannot be peered (again).
    Peering,
}

impl fmt::Display for PasteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasteError::Empty => write!(f, "there is nothing to paste"),
            PasteError::Place(e) => e.fmt(f),
            PasteError::NoFreeCidr {
                what,
                prefix,
                within,
            } => write!(
                f,
                "no free /{prefix} block is left for {} in {within}: free some addresses or copy something smaller",
                super::text::clip(what)
            ),
            PasteError::Peering => write!(
                f,
                "the copy of the peering connection would join VPCs that are already peered, the same VPC, or VPCs with overlapping CIDR blocks; AWS allows one peering per pair of non-overlapping VPCs"
            ),
        }
    }
}

impl std::error::Error for PasteError {}

impl From<PlaceError> for PasteError {
    fn from(e: PlaceError) -> Self {
        PasteError::Place(e)
    }
}

impl Clip {
    /// The clip as JSON text for the system clipboard.
    pub fn to_text(&self) -> String {
        // The design goes through document.rs's writer, which the app already carries; the
        // envelope is written here, so serde's serializer for the design stays out of the bundle.
        let strings = |v: &[Id]| {
            format!(
                "[{}]",
                v.iter()
                    .map(|s| json_string(s))
                    .collect::<Vec<_>>()
                    .join(",")
            )
        };
        let opt = |v: &Option<Id>| v.as_deref().map_or("null".to_string(), json_string);
        let links: Vec<String> = self
            .links
            .iter()
            .map(|l| {
                format!(
                    "{{\"subnet\":{},\"route_table\":{},\"network_acl\":{}}}",
                    json_string(&l.subnet),
                    opt(&l.route_table),
                    opt(&l.network_acl)
                )
            })
            .collect();
        format!(
            "{{\"format\":{},\"version\":{},\"roots\":{},\"links\":[{}],\"design\":{}}}",
            json_string(&self.format),
            self.version,
            strings(&self.roots),
            links.join(","),
            document::to_json_compact(&self.design)
        )
    }

    /// Reads clipboard text back, refusing anything that is not a clip with a message.
    pub fn from_text(text: &str) -> Result<Clip, ClipError> {
        if text.len() > MAX_CLIP_BYTES {
            return Err(ClipError::TooLarge { bytes: text.len() });
        }
        #[derive(Deserialize)]
        struct Envelope {
            format: Option<String>,
            version: Option<u64>,
            #[serde(default)]
            roots: Vec<Id>,
            #[serde(default)]
            links: Vec<SubnetLink>,
            design: Option<Box<serde_json::value::RawValue>>,
        }
        let envelope: Envelope = serde_json::from_str(text).map_err(|_| ClipError::NotAClip)?;
        if envelope.format.as_deref() != Some(CLIP_FORMAT) {
            return Err(ClipError::NotAClip);
        }
        let version = envelope.version.ok_or(ClipError::NotAClip)?;
        if version > u64::from(CLIP_VERSION) {
            return Err(ClipError::NewerVersion { found: version });
        }
        let raw = envelope.design.ok_or(ClipError::NotAClip)?;
        // document.rs's reader: versions checked, old formats migrated, as when opening a file.
        let design = document::from_json(raw.get()).map_err(ClipError::Design)?;
        Ok(Clip {
            format: CLIP_FORMAT.to_string(),
            version: CLIP_VERSION,
            roots: envelope.roots,
            links: envelope.links,
            design,
        })
    }

    /// Whether the clip holds anything.
    pub fn is_empty(&self) -> bool {
        self.design.vpcs.is_empty()
            && self.design.subnets.is_empty()
            && self.design.nodes.is_empty()
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The selected items with what they carry (a VPC its subnets, route tables, security groups,
/// network ACLs and icons; a subnet its icons), the peering connections between copied VPCs and
/// the flows whose both ends are copied (or that go to the internet from a copied workload).
pub fn copy(design: &Design, ids: &[Id]) -> Clip {
    let roots: Vec<Id> = ids
        .iter()
        .filter(|id| {
            design.vpc(id).is_some() || design.subnet(id).is_some() || design.node(id).is_some()
        })
        .fold(Vec::new(), |mut acc, id| {
            if !acc.contains(id) {
                acc.push(id.clone());
            }
            acc
        });
    let carried: HashSet<Id> = layout::carried(design, &roots).into_iter().collect();
    let has = |id: &str| carried.contains(id);
    let mut part = Design::empty(&design.region);
    part.vpcs = design.vpcs.iter().filter(|v| has(&v.id)).cloned().collect();
    part.subnets = design
        .subnets
        .iter()
        .filter(|s| has(&s.id))
        .cloned()
        .collect();
    part.route_tables = design
        .route_tables
        .iter()
        .filter(|rt| has(&rt.vpc))
        .cloned()
        .collect();
    part.nodes = design
        .nodes
        .iter()
        .filter(|n| has(&n.id) || matches!(&n.kind, NodeKind::VpcPeering { requester, accepter } if has(requester) && has(accepter)))
        .cloned()
        .collect();
    part.flows = design
        .flows
        .iter()
        .filter(|f| {
            has(&f.from)
                && match &f.to {
                    FlowTarget::Node(to) => has(to),
                    FlowTarget::Internet => true,
                }
        })
        .cloned()
        .collect();
    let links = part
        .subnets
        .iter()
        .filter(|s| !has(&s.vpc))
        .map(|s| SubnetLink {
            subnet: s.id.clone(),
            route_table: design
                .route_tables
                .iter()
                .find(|rt| rt.subnets.contains(&s.id))
                .map(|rt| rt.id.clone()),
            network_acl: design.network_acl_of_subnet(s).map(|a| a.id.clone()),
        })
        .collect();
    Clip {
        format: CLIP_FORMAT.to_string(),
        version: CLIP_VERSION,
        roots,
        links,
        design: part,
    }
}

/// Copies and pastes in one go, offset from the originals.
pub fn duplicate(design: &Design, ids: &[Id]) -> Result<(Edit, Vec<Id>), PasteError> {
    paste(design, &copy(design, ids), None)
}

/// One step that inserts fresh copies of the clip's items, centred on `at` when given (else
/// 20 right and down of the originals, or the nearest free place), with the new ids of the
/// clip's roots (to select them).
pub fn paste(
    design: &Design,
    clip: &Clip,
    at: Option<Point>,
) -> Result<(Edit, Vec<Id>), PasteError> {
    if clip.is_empty() {
        return Err(PasteError::Empty);
    }
    let part = &clip.design;
    let copied_vpc = |id: &str| part.vpcs.iter().any(|v| v.id == id);
    let copied_subnet = |id: &str| part.subnets.iter().any(|s| s.id == id);

    // ---- Where things go: one offset for the whole clip. ----
    // The VPC loose subnets and VPC-level icons land in: under the paste point, else their own.
    let at_vpc = at.and_then(|p| layout::vpc_at(design, p));
    let loose_subnets: Vec<&Subnet> = part
        .subnets
        .iter()
        .filter(|s| !copied_vpc(&s.vpc))
        .collect();
    let mut target_of: HashMap<Id, Vpc> = HashMap::new();
    for s in &loose_subnets {
        let target = match at {
            Some(_) => at_vpc,
            None => design.vpc(&s.vpc),
        }
        .ok_or(PlaceError::NeedsVpc { what: "a subnet" })?;
        target_of.insert(s.id.clone(), target.clone());
    }
    // Icons not carried by a copied VPC or subnet.
    let loose_nodes: Vec<&Node> = part
        .nodes
        .iter()
        .filter(|n| match layout::home(&n.kind) {
            Home::Region => true,
            Home::Vpc => !part.node_vpc(n).is_some_and(copied_vpc),
            Home::Subnet => !n.kind.home_subnet().is_some_and(copied_subnet),
        })
        .collect();
    let bounds = part
        .vpcs
        .iter()
        .map(|v| v.layout)
        .chain(part.subnets.iter().map(|s| s.layout))
        .chain(
            part.nodes
                .iter()
                .map(|n| Rect::centred(n.at, NODE_SIZE, NODE_SIZE)),
        )
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default();
    let base = match at {
        Some(p) => (
            p.x.saturating_sub(bounds.x.saturating_add(bounds.w / 2)),
            p.y.saturating_sub(bounds.y.saturating_add(bounds.h / 2)),
        ),
        None => (20, 20),
    };
    let fits = |(dx, dy): (i32, i32), grown: Option<&Vpc>| -> bool {
        if (dx, dy) == (0, 0) {
            return false;
        }
        let vpc_rect = |v: &Vpc| {
            grown
                .filter(|g| g.id == v.id)
                .map_or(v.layout, |g| g.layout)
        };
        let new_vpcs: Vec<Rect> = part.vpcs.iter().map(|v| v.layout.offset(dx, dy)).collect();
        for r in &new_vpcs {
            if design.vpcs.iter().any(|v| vpc_rect(v).intersects(r)) {
                return false;
            }
            if design
                .nodes
                .iter()
                .any(|n| layout::home(&n.kind) == Home::Region && r.contains(n.at))
            {
                return false;
            }
        }
        let new_subnets: Vec<Rect> = loose_subnets
            .iter()
            .map(|s| s.layout.offset(dx, dy))
            .collect();
        for (s, r) in loose_subnets.iter().zip(&new_subnets) {
            let inside = target_of
                .get(&s.id)
                .is_some_and(|t| vpc_rect(t).contains_rect(r));
            if !inside || design.subnets.iter().any(|o| o.layout.intersects(r)) {
                return false;
            }
        }
        loose_nodes.iter().all(|n| {
            let p = Point {
                x: n.at.x.saturating_add(dx),
                y: n.at.y.saturating_add(dy),
            };
            match layout::home(&n.kind) {
                Home::Region => {
                    !design.vpcs.iter().any(|v| vpc_rect(v).contains(p))
                        && !new_vpcs.iter().any(|r| r.contains(p))
                }
                Home::Vpc => design.vpcs.iter().any(|v| vpc_rect(v).contains(p)),
                Home::Subnet => {
                    new_subnets.iter().any(|r| r.contains(p))
                        || layout::subnet_at(design, p).is_some()
                }
            }
        })
    };
    // Nearest free offset first: rings around the base offset, a grid step apart (VPCs, being
    // large, search in larger steps), then beside and below everything drawn.
    let step = if part.vpcs.is_empty() {
        layout::GRID
    } else {
        2 * layout::GRID
    };
    let mut grown: Option<Vpc> = None;
    let mut delta = candidates(base, step, 30).find(|d| fits(*d, None));
    if delta.is_none() && !part.vpcs.is_empty() {
        let all = layout::content_bounds(design).unwrap_or_default();
        let right = (
            all.x
                .saturating_add(all.w)
                .saturating_add(2 * layout::GRID)
                .saturating_sub(bounds.x),
            all.y.saturating_sub(bounds.y),
        );
        let below = (
            all.x.saturating_sub(bounds.x),
            all.y
                .saturating_add(all.h)
                .saturating_add(2 * layout::GRID)
                .saturating_sub(bounds.y),
        );
        delta = [right, below].into_iter().find(|d| fits(*d, None));
    }
    if delta.is_none() && part.vpcs.is_empty() && !loose_subnets.is_empty() {
        // No free room in the VPC: the subnets go below its lowest subnet and the VPC grows.
        let targets: HashSet<&str> = target_of.values().map(|v| v.id.as_str()).collect();
        if let (1, Some(t)) = (targets.len(), target_of.values().next()) {
            let lowest = design
                .subnets
                .iter()
                .filter(|s| s.vpc == t.id)
                .map(|s| s.layout.y.saturating_add(s.layout.h))
                .max()
                .unwrap_or(t.layout.y.saturating_add(50));
            let d = (
                t.layout
                    .x
                    .saturating_add(layout::GRID)
                    .saturating_sub(bounds.x),
                lowest.saturating_add(layout::GRID).saturating_sub(bounds.y),
            );
            let placed = bounds.offset(d.0, d.1);
            let mut bigger = t.clone();
            bigger.layout = bigger.layout.union(&placed.grow(layout::GRID));
            bigger.layout.x = t.layout.x;
            bigger.layout.y = t.layout.y;
            let others_clear = !design
                .vpcs
                .iter()
                .any(|v| v.id != t.id && v.layout.intersects(&bigger.layout))
                && !design
                    .nodes
                    .iter()
                    .any(|n| layout::home(&n.kind) == Home::Region && bigger.layout.contains(n.at));
            if others_clear && fits(d, Some(&bigger)) {
                delta = Some(d);
                for v in target_of.values_mut() {
                    *v = bigger.clone();
                }
                grown = Some(bigger);
            }
        }
    }
    let (dx, dy) = delta.ok_or(PlaceError::NoRoom {
        what: "the pasted items",
    })?;
    let moved = |p: Point| Point {
        x: p.x.saturating_add(dx),
        y: p.y.saturating_add(dy),
    };

    // ---- Fresh ids. ----
    let mut taken: HashSet<String> = design.ids().map(str::to_string).collect();
    let mut fresh = |prefix: &str| -> Id {
        let id = (1..)
            .map(|n| format!("{prefix}-{n}"))
            .find(|id| !taken.contains(id))
            .unwrap_or_else(|| format!("{prefix}-x"));
        taken.insert(id.clone());
        id
    };
    let mut map: HashMap<Id, Id> = HashMap::new();
    for v in &part.vpcs {
        map.insert(v.id.clone(), fresh("vpc"));
        for g in &v.security_groups {
            map.insert(g.id.clone(), fresh("sg"));
        }
        for a in &v.network_acls {
            map.insert(a.id.clone(), fresh("acl"));
        }
    }
    for s in &part.subnets {
        map.insert(s.id.clone(), fresh("subnet"));
    }
    for rt in &part.route_tables {
        map.insert(rt.id.clone(), fresh("rtb"));
    }
    for n in &part.nodes {
        map.insert(n.id.clone(), fresh(n.kind.id_prefix()));
    }
    for f in &part.flows {
        map.insert(f.id.clone(), fresh("flow"));
    }

    // ---- Fresh address blocks. ----
    let mut used: Vec<Ipv4Net> = design.address_blocks();
    // validate warns about 172.17.0.0/16 (Docker's range for some AWS services, §1).
    used.extend("172.17.0.0/16".parse::<Ipv4Net>().ok());
    let mut rebase: Vec<(Ipv4Net, Ipv4Net)> = Vec::new();
    let mut new_blocks: HashMap<Id, Vec<String>> = HashMap::new();
    for v in &part.vpcs {
        let mut blocks = Vec::new();
        for (i, text) in v.cidr_blocks.iter().enumerate() {
            let Ok(old) = cidr::parse_v4(text) else {
                blocks.push(text.clone()); // broken stays broken, for the user to fix
                continue;
            };
            let ranges = search_ranges(&old, i == 0 && v.cidr_blocks.len() == 1);
            let new = cidr::first_free(&ranges, &used, old.prefix_len()).ok_or_else(|| {
                PasteError::NoFreeCidr {
                    what: v.name.clone(),
                    prefix: old.prefix_len(),
                    within: ranges
                        .iter()
                        .map(|r| r.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                }
            })?;
            used.push(new);
            rebase.push((old, new));
            blocks.push(new.to_string());
        }
        new_blocks.insert(v.id.clone(), blocks);
    }
    let rebased =
        |text: &str| -> String { rebase_cidr(text, &rebase).unwrap_or_else(|| text.to_string()) };
    let mut loose_cidr: HashMap<Id, String> = HashMap::new();
    let mut given: Vec<(Id, Ipv4Net)> = Vec::new();
    for s in &loose_subnets {
        let Some(t) = target_of.get(&s.id) else {
            continue;
        };
        let blocks: Vec<Ipv4Net> = t.blocks();
        if blocks.is_empty() {
            loose_cidr.insert(s.id.clone(), String::new()); // the VPC's CIDR is to be fixed first
            continue;
        }
        let prefix = cidr::parse_v4(&s.cidr)
            .map(|n| n.prefix_len())
            .unwrap_or(24);
        let mut busy: Vec<Ipv4Net> = design
            .subnets
            .iter()
            .filter(|o| o.vpc == t.id)
            .filter_map(|o| cidr::parse_v4(&o.cidr).ok())
            .collect();
        busy.extend(given.iter().filter(|(v, _)| *v == t.id).map(|(_, n)| *n));
        let net =
            cidr::first_free(&blocks, &busy, prefix).ok_or_else(|| PasteError::NoFreeCidr {
                what: s.name.clone(),
                prefix,
                within: format!("VPC {}", t.name),
            })?;
        given.push((t.id.clone(), net));
        loose_cidr.insert(s.id.clone(), net.to_string());
    }

    // ---- Names. ----
    let mut names = Names::new(design);
    let vpc_names: HashMap<Id, (String, String)> = part
        .vpcs
        .iter()
        .map(|v| {
            (
                v.id.clone(),
                (v.name.clone(), names.copy(NameKind::Vpc, &v.name)),
            )
        })
        .collect();
    // Inside a copied VPC, a name that starts with the VPC's name takes the copy's name.
    let inner_name = |kind: NameKind, vpc: Option<&str>, name: &str, names: &mut Names| -> String {
        if let Some((old, new)) = vpc.and_then(|v| vpc_names.get(v))
            && !old.is_empty()
            && let Some(rest) = name.strip_prefix(old.as_str())
        {
            let candidate = format!("{new}{rest}");
            if names.claim(kind, &candidate) {
                return candidate;
            }
        }
        names.copy(kind, name)
    };

    // ---- The copies, references followed. ----
    let existing: HashSet<&str> = design.ids().collect();
    let remap = |id: &str| -> Option<Id> {
        map.get(id)
            .cloned()
            .or_else(|| existing.contains(id).then(|| id.to_string()))
    };
    let remap_in_clip = |id: &str| -> Option<Id> { map.get(id).cloned() };
    let mut vpcs = Vec::new();
    for v in &part.vpcs {
        let mut c = v.clone();
        c.id = map.get(&v.id).cloned().unwrap_or_default();
        c.name = vpc_names
            .get(&v.id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        c.cidr_blocks = new_blocks.remove(&v.id).unwrap_or_default();
        c.layout = v.layout.offset(dx, dy);
        for g in &mut c.security_groups {
            g.id = map.get(&g.id).cloned().unwrap_or_default();
            for rules in [&mut g.ingress, &mut g.egress] {
                rules.retain_mut(|r| match &mut r.peer {
                    SgPeer::SecurityGroup(peer) => match remap(peer) {
                        Some(p) => {
                            *peer = p;
                            true
                        }
                        None => false,
                    },
                    SgPeer::Cidr(c) => {
                        *c = rebased(c);
                        true
                    }
                    SgPeer::PrefixList(_) => true,
                });
            }
        }
        for a in &mut c.network_acls {
            a.id = map.get(&a.id).cloned().unwrap_or_default();
            a.subnets = a.subnets.iter().filter_map(|s| remap_in_clip(s)).collect();
            for r in a.ingress.iter_mut().chain(a.egress.iter_mut()) {
                r.cidr = rebased(&r.cidr);
            }
        }
        vpcs.push(c);
    }
    let mut subnets = Vec::new();
    for s in &part.subnets {
        let mut c = s.clone();
        c.id = map.get(&s.id).cloned().unwrap_or_default();
        if let Some(t) = target_of.get(&s.id) {
            c.vpc = t.id.clone();
            c.cidr = loose_cidr.get(&s.id).cloned().unwrap_or_default();
            c.name = names.copy(NameKind::Subnet, &s.name);
        } else {
            c.vpc = map.get(&s.vpc).cloned().unwrap_or_default();
            c.cidr = rebased(&s.cidr);
            c.name = inner_name(NameKind::Subnet, Some(&s.vpc), &s.name, &mut names);
        }
        c.layout = s.layout.offset(dx, dy);
        // Copied in another Region's design: the same zone letter in this Region.
        if let Some(letter) = c
            .availability_zone
            .strip_prefix(part.region.as_str())
            .filter(|_| part.region != design.region)
        {
            c.availability_zone = format!("{}{letter}", design.region);
        }
        subnets.push(c);
    }
    let mut route_tables = Vec::new();
    for rt in &part.route_tables {
        let mut c = rt.clone();
        c.id = map.get(&rt.id).cloned().unwrap_or_default();
        c.vpc = map.get(&rt.vpc).cloned().unwrap_or_default();
        c.name = inner_name(NameKind::RouteTable, Some(&rt.vpc), &rt.name, &mut names);
        c.subnets = rt.subnets.iter().filter_map(|s| remap_in_clip(s)).collect();
        c.routes = rt
            .routes
            .iter()
            .filter_map(|r| {
                remap(&r.target).map(|target| super::design::Route {
                    destination: rebased(&r.destination),
                    target,
                })
            })
            .collect();
        c.propagations = rt.propagations.iter().filter_map(|g| remap(g)).collect();
        route_tables.push(c);
    }
    // Where each new subnet is, for icons re-homed by the paste.
    let new_subnet_at = |p: Point| -> Option<(Id, Id)> {
        subnets
            .iter()
            .filter(|s| !copied_vpc_new(&vpcs, &s.vpc))
            .rev()
            .find(|s| s.layout.contains(p))
            .map(|s| (s.id.clone(), s.vpc.clone()))
            .or_else(|| layout::subnet_at(design, p).map(|s| (s.id.clone(), s.vpc.clone())))
    };
    let mut nodes = Vec::new();
    for n in &part.nodes {
        let mut c = n.clone();
        c.id = map.get(&n.id).cloned().unwrap_or_default();
        c.at = moved(n.at);
        let old_vpc = part.node_vpc(n).map(str::to_string);
        let loose = loose_nodes.iter().any(|l| l.id == n.id);
        c.name = if loose {
            names.copy(NameKind::Node, &n.name)
        } else {
            inner_name(NameKind::Node, old_vpc.as_deref(), &n.name, &mut names)
        };
        // The subnet (and its VPC) an icon sits in after the paste: its own subnet's copy, or
        // for a loose icon the subnet it lands in.
        let landing = match (layout::home(&n.kind), loose) {
            (Home::Subnet, true) => new_subnet_at(c.at),
            (Home::Subnet, false) => n
                .kind
                .home_subnet()
                .and_then(|old| map.get(old))
                .and_then(|new| subnets.iter().find(|s| s.id == *new))
                .map(|s| (s.id.clone(), s.vpc.clone())),
            _ => None,
        };
        let landing_vpc = if loose && layout::home(&n.kind) == Home::Vpc {
            layout::vpc_at(design, c.at).map(|v| v.id.clone())
        } else {
            None
        };
        let vpc_of = |old: &str| -> Id {
            landing
                .as_ref()
                .map(|(_, v)| v.clone())
                .or_else(|| landing_vpc.clone())
                .or_else(|| remap(old))
                .unwrap_or_default()
        };
        match &mut c.kind {
            NodeKind::Ec2 { subnet }
            | NodeKind::Lambda { subnet }
            | NodeKind::Eks { subnet }
            | NodeKind::Rds { subnet }
            | NodeKind::NatGateway { subnet, .. } => {
                *subnet = landing.as_ref().map(|(s, _)| s.clone()).unwrap_or_default();
            }
            NodeKind::InternetGateway { vpc } | NodeKind::VpnGateway { vpc } => *vpc = vpc_of(vpc),
            NodeKind::GatewayEndpoint {
                vpc, route_tables, ..
            } => {
                *vpc = vpc_of(vpc);
                *route_tables = route_tables.iter().filter_map(|r| remap(r)).collect();
            }
            NodeKind::InterfaceEndpoint {
                vpc,
                subnets: list,
                endpoint_service,
                ..
            } => {
                *vpc = vpc_of(vpc);
                *list = relist(list, landing.as_ref(), &remap);
                *endpoint_service = endpoint_service.as_deref().and_then(remap);
            }
            NodeKind::ResolverEndpoint {
                vpc,
                subnets: list,
                rules,
                ..
            } => {
                *vpc = vpc_of(vpc);
                *list = relist(list, landing.as_ref(), &remap);
                rules.retain_mut(|r| match remap(&r.target) {
                    Some(t) => {
                        r.target = t;
                        r.vpcs = r.vpcs.iter().filter_map(|v| remap(v)).collect();
                        true
                    }
                    None => false,
                });
            }
            NodeKind::EndpointService {
                vpc,
                subnets: list,
                targets,
                ..
            } => {
                *vpc = vpc_of(vpc);
                *list = relist(list, landing.as_ref(), &remap);
                *targets = targets.iter().filter_map(|t| remap(t)).collect();
            }
            NodeKind::TransitGateway {
                attachments,
                route_tables,
            } => {
                attachments.retain_mut(|a| match remap(&a.vpc) {
                    Some(v) => {
                        a.vpc = v;
                        a.subnets = a.subnets.iter().filter_map(|s| remap(s)).collect();
                        true
                    }
                    None => false,
                });
                for t in route_tables.iter_mut() {
                    t.associations = t.associations.iter().filter_map(|a| remap(a)).collect();
                    t.propagations = t.propagations.iter().filter_map(|a| remap(a)).collect();
                    t.routes.retain_mut(|r| {
                        r.destination = rebased(&r.destination);
                        match r.attachment.as_deref().map(remap) {
                            Some(None) => false,
                            Some(Some(a)) => {
                                r.attachment = Some(a);
                                true
                            }
                            None => true,
                        }
                    });
                }
            }
            NodeKind::VpcPeering {
                requester,
                accepter,
            } => {
                *requester = remap(requester).unwrap_or_default();
                *accepter = remap(accepter).unwrap_or_default();
            }
            NodeKind::OnPremises {
                vpn, dns_forwards, ..
            } => {
                *vpn = vpn.as_deref().and_then(remap);
                dns_forwards.retain_mut(|f| remap(&f.endpoint).map(|e| f.endpoint = e).is_some());
            }
            NodeKind::PrivateHostedZone {
                vpcs: list,
                records,
                ..
            } => {
                *list = list.iter().filter_map(|v| remap(v)).collect();
                records.retain_mut(|r| match &mut r.value {
                    RecordValue::Alias(t) => remap(t).map(|x| *t = x).is_some(),
                    _ => true,
                });
            }
            NodeKind::AwsService { .. } => {}
        }
        c.security_groups = n.security_groups.iter().filter_map(|g| remap(g)).collect();
        nodes.push(c);
    }
    let mut flows = Vec::new();
    for f in &part.flows {
        let mut c = f.clone();
        c.id = map.get(&f.id).cloned().unwrap_or_default();
        let Some(from) = remap_in_clip(&f.from) else {
            continue;
        };
        c.from = from;
        if let FlowTarget::Node(to) = &f.to {
            let Some(to) = remap_in_clip(to) else {
                continue;
            };
            c.to = FlowTarget::Node(to);
        }
        flows.push(c);
    }

    // ---- What kept references may not point at, found on the design as it would be. ----
    let mut scratch = design.clone();
    if let Some(g) = &grown
        && let Some(v) = scratch.vpcs.iter_mut().find(|v| v.id == g.id)
    {
        v.layout = g.layout;
    }
    scratch.vpcs.extend(vpcs.iter().cloned());
    scratch.subnets.extend(subnets.iter().cloned());
    scratch.route_tables.extend(route_tables.iter().cloned());
    scratch.nodes.extend(nodes.iter().cloned());
    scratch.lookup.clear();
    prune(&scratch, &mut route_tables, &mut nodes)?;

    // ---- Associations of loose subnets pasted back into their own VPC. ----
    let mut replaced_tables: HashMap<Id, super::design::RouteTable> = HashMap::new();
    let mut target_vpc_edit: Option<Vpc> = grown.clone();
    for link in &clip.links {
        let (Some(new_id), Some(t)) = (map.get(&link.subnet), target_of.get(&link.subnet)) else {
            continue;
        };
        if let Some(rt) = link
            .route_table
            .as_deref()
            .and_then(|r| design.route_table(r))
            .filter(|rt| rt.vpc == t.id)
        {
            replaced_tables
                .entry(rt.id.clone())
                .or_insert_with(|| rt.clone())
                .subnets
                .push(new_id.clone());
        }
        let acl_here = |v: &Vpc| {
            link.network_acl
                .as_deref()
                .is_some_and(|a| v.network_acls.iter().any(|x| x.id == a))
        };
        if let Some(v) = design.vpc(&t.id).filter(|v| acl_here(v)) {
            let edited = target_vpc_edit.get_or_insert_with(|| v.clone());
            if let Some(a) = edited
                .network_acls
                .iter_mut()
                .find(|a| Some(a.id.as_str()) == link.network_acl.as_deref())
            {
                a.subnets.push(new_id.clone());
            }
        }
    }

    let mut edits: Vec<Edit> = Vec::new();
    let insert = |item: Item| Edit::Insert {
        index: usize::MAX,
        item,
    };
    edits.extend(vpcs.into_iter().map(|x| insert(Item::Vpc(x))));
    edits.extend(subnets.into_iter().map(|x| insert(Item::Subnet(x))));
    edits.extend(
        route_tables
            .into_iter()
            .map(|x| insert(Item::RouteTable(x))),
    );
    edits.extend(nodes.into_iter().map(|x| insert(Item::Node(x))));
    edits.extend(flows.into_iter().map(|x| insert(Item::Flow(x))));
    if let Some(v) = target_vpc_edit {
        edits.push(Edit::Replace { item: Item::Vpc(v) });
    }
    let mut tables: Vec<_> = replaced_tables.into_values().collect();
    crate::model::sort::sort_by(&mut tables, |a, b| a.id.cmp(&b.id));
    edits.extend(tables.into_iter().map(|t| Edit::Replace {
        item: Item::RouteTable(t),
    }));
    let new_roots = clip
        .roots
        .iter()
        .filter_map(|r| map.get(r).cloned())
        .collect();
    Ok((Edit::Batch(edits), new_roots))
}

fn copied_vpc_new(vpcs: &[Vpc], id: &str) -> bool {
    vpcs.iter().any(|v| v.id == id)
}

/// A list of subnets with its first entry (where the icon sits) replaced by the subnet the icon
/// landed in, if it landed in one.
fn relist(list: &[Id], landing: Option<&(Id, Id)>, remap: &impl Fn(&str) -> Option<Id>) -> Vec<Id> {
    let rest = list
        .iter()
        .skip(usize::from(landing.is_some()))
        .filter_map(|s| remap(s));
    landing
        .map(|(s, _)| s.clone())
        .into_iter()
        .chain(rest)
        .collect()
}

/// Drops the references that exist but do not fit the copy (the rules `validate` checks): route
/// targets must be legal for the table's VPC (`routing::route_targets`), subnets, route tables,
/// security groups and targets must belong to the item's VPC, one subnet per AZ per endpoint.
fn prune(
    scratch: &Design,
    route_tables: &mut [super::design::RouteTable],
    nodes: &mut [Node],
) -> Result<(), PasteError> {
    for rt in route_tables.iter_mut() {
        let legal: HashSet<Id> = super::routing::route_targets(scratch, rt)
            .into_iter()
            .map(|n| n.id.clone())
            .collect();
        rt.routes.retain(|r| legal.contains(&r.target));
        let vpc = rt.vpc.clone();
        rt.propagations.retain(|g| {
            scratch
                .node(g)
                .is_some_and(|n| matches!(&n.kind, NodeKind::VpnGateway { vpc: v } if *v == vpc))
        });
    }
    let subnet_in = |id: &str, vpc: &str| scratch.subnet(id).is_some_and(|s| s.vpc == vpc);
    let one_per_zone = |list: &mut Vec<Id>, vpc: &str| {
        let mut zones: Vec<String> = Vec::new();
        list.retain(|s| match scratch.subnet(s) {
            Some(sub) if sub.vpc == vpc && !zones.contains(&sub.availability_zone) => {
                zones.push(sub.availability_zone.clone());
                true
            }
            _ => false,
        });
    };
    // A VPC has one internet gateway and one virtual private gateway (the pasted one counted).
    let one_per_vpc = |igw: bool, vpc: &str| -> Result<(), PasteError> {
        let count = scratch
            .nodes
            .iter()
            .filter(|x| match &x.kind {
                NodeKind::InternetGateway { vpc: v } => igw && v == vpc,
                NodeKind::VpnGateway { vpc: v } => !igw && v == vpc,
                _ => false,
            })
            .count();
        match (count > 1, igw) {
            (false, _) => Ok(()),
            (true, true) => Err(PasteError::Place(PlaceError::OnePerVpc {
                what: "an internet gateway",
            })),
            (true, false) => Err(PasteError::Place(PlaceError::OnePerVpc {
                what: "a virtual private gateway",
            })),
        }
    };
    for n in nodes.iter_mut() {
        let home_vpc = scratch.node_vpc(n).map(str::to_string);
        match &mut n.kind {
            NodeKind::GatewayEndpoint {
                vpc,
                route_tables,
                service,
            } => {
                // A route table takes one gateway endpoint per service (§2): tables another
                // endpoint of that service already serves stay with it.
                let (vpc, service, me) = (vpc.clone(), service.clone(), n.id.clone());
                let served = |rt: &str| {
                    scratch.nodes.iter().any(|x| x.id != me && matches!(&x.kind, NodeKind::GatewayEndpoint { service: s, route_tables: t, .. } if *s == service && t.iter().any(|t| t == rt)))
                };
                route_tables
                    .retain(|r| scratch.route_table(r).is_some_and(|t| t.vpc == vpc) && !served(r));
            }
            NodeKind::InterfaceEndpoint {
                vpc,
                subnets,
                private_dns,
                service,
                endpoint_service,
                ..
            } => {
                one_per_zone(subnets, &vpc.clone());
                // One endpoint per service and VPC may answer the service's name (private DNS,
                // §3): a copy beside an endpoint that already does keeps the vpce- names only.
                let key = endpoint_service.clone().unwrap_or_else(|| service.clone());
                let me = n.id.clone();
                let answered = scratch.nodes.iter().any(|x| {
                    x.id != me
                        && matches!(&x.kind, NodeKind::InterfaceEndpoint { vpc: v, service: s, endpoint_service: e, private_dns: true, .. } if v == vpc && e.clone().unwrap_or_else(|| s.clone()) == key)
                });
                if answered {
                    *private_dns = false;
                }
            }
            NodeKind::ResolverEndpoint { vpc, subnets, .. } => one_per_zone(subnets, &vpc.clone()),
            NodeKind::EndpointService {
                vpc,
                subnets,
                targets,
                ..
            } => {
                let vpc = vpc.clone();
                one_per_zone(subnets, &vpc);
                targets.retain(|t| {
                    scratch.node(t).is_some_and(|x| {
                        x.kind.is_workload() && scratch.node_vpc(x) == Some(vpc.as_str())
                    })
                });
            }
            NodeKind::TransitGateway {
                attachments,
                route_tables,
            } => {
                let mut seen: Vec<Id> = Vec::new();
                attachments.retain_mut(|a| {
                    let vpc = a.vpc.clone();
                    a.subnets.retain(|s| subnet_in(s, &vpc));
                    let keep = !seen.contains(&a.vpc) && !a.subnets.is_empty();
                    seen.push(a.vpc.clone());
                    keep
                });
                let attached = |a: &str| {
                    seen.iter().any(|v| v == a)
                        || scratch
                            .node(a)
                            .is_some_and(|x| matches!(x.kind, NodeKind::OnPremises { .. }))
                };
                for t in route_tables.iter_mut() {
                    t.associations.retain(|a| attached(a));
                    t.propagations.retain(|a| attached(a));
                    t.routes
                        .retain(|r| r.attachment.as_deref().is_none_or(attached));
                }
            }
            NodeKind::VpcPeering {
                requester,
                accepter,
            } => {
                let blocks = |v: &str| -> Vec<Ipv4Net> {
                    scratch.vpc(v).map(Vpc::blocks).unwrap_or_default()
                };
                let (a, b) = (blocks(requester), blocks(accepter));
                let overlap = a.iter().any(|x| b.iter().any(|y| cidr::overlaps(x, y)));
                let pairs = scratch.nodes.iter().filter(|x| match &x.kind {
                    NodeKind::VpcPeering {
                        requester: r,
                        accepter: c,
                    } => (r == requester && c == accepter) || (r == accepter && c == requester),
                    _ => false,
                });
                if requester == accepter
                    || scratch.vpc(requester).is_none()
                    || scratch.vpc(accepter).is_none()
                    || overlap
                    || pairs.count() > 1
                {
                    return Err(PasteError::Peering);
                }
            }
            NodeKind::InternetGateway { vpc } => one_per_vpc(true, vpc)?,
            NodeKind::VpnGateway { vpc } => one_per_vpc(false, vpc)?,
            _ => {}
        }
        let home = home_vpc.as_deref();
        n.security_groups.retain(|g| {
            scratch
                .security_group(g)
                .is_some_and(|(v, _)| Some(v.id.as_str()) == home)
        });
        if let NodeKind::Ec2 { subnet }
        | NodeKind::Lambda { subnet }
        | NodeKind::Eks { subnet }
        | NodeKind::Rds { subnet }
        | NodeKind::NatGateway { subnet, .. } = &n.kind
            && scratch.subnet(subnet).is_none()
        {
            return Err(PasteError::Place(PlaceError::NeedsSubnet {
                what: n.kind.a_label(),
            }));
        }
    }
    Ok(())
}

/// Where a fresh block for a copy of `old` is looked for: its own RFC 1918 range (a secondary
/// block must stay in its primary's range, aws-networking.md §1), else 100.64.0.0/10 or the
/// /8 it lies in; a VPC of a single RFC 1918 block may move to the other private ranges.
fn search_ranges(old: &Ipv4Net, may_move: bool) -> Vec<Ipv4Net> {
    let parse = |s: &str| s.parse::<Ipv4Net>().ok();
    let own = cidr::rfc1918_range(old)
        .or_else(|| parse("100.64.0.0/10").filter(|r| r.contains(old)))
        .or_else(|| {
            Ipv4Net::new(old.network(), 8)
                .ok()
                .map(|n| n.trunc())
                .filter(|r| r.prefix_len() <= old.prefix_len())
        })
        .unwrap_or(*old);
    let mut ranges = vec![own];
    if may_move && cidr::rfc1918_range(old).is_some() {
        ranges.extend(
            cidr::RFC1918
                .iter()
                .filter_map(|r| parse(r))
                .filter(|r| *r != own),
        );
    }
    ranges
}

/// `text` moved from an old block into its new one, keeping its offset, if it lies in one.
fn rebase_cidr(text: &str, rebase: &[(Ipv4Net, Ipv4Net)]) -> Option<String> {
    let net = cidr::parse_v4(text).ok()?;
    let (old, new) = rebase.iter().find(|(old, _)| old.contains(&net))?;
    let offset = u32::from(net.network()).wrapping_sub(u32::from(old.network()));
    let addr = Ipv4Addr::from(u32::from(new.network()).wrapping_add(offset));
    Ipv4Net::new(addr, net.prefix_len())
        .ok()
        .map(|n| n.to_string())
}

/// Offsets around `base`, nearest first: rings `step` apart, out to `rings` rings.
fn candidates(base: (i32, i32), step: i32, rings: i32) -> impl Iterator<Item = (i32, i32)> {
    (0..=rings).flat_map(move |r| {
        let mut ring: Vec<(i32, i32)> = (-r..=r)
            .flat_map(|i| (-r..=r).map(move |j| (i, j)))
            .filter(|(i, j)| i.abs().max(j.abs()) == r)
            .collect();
        // Right and down before left and up, as copies usually go.
        crate::model::sort::sort_by_key(&mut ring, |(i, j)| (i.abs() + j.abs(), -(i + j)));
        ring.into_iter().map(move |(i, j)| {
            (
                base.0.saturating_add(i.saturating_mul(step)),
                base.1.saturating_add(j.saturating_mul(step)),
            )
        })
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum NameKind {
    Vpc,
    Subnet,
    RouteTable,
    Node,
}

/// Names in use per kind of item, so copies get the next free number.
struct Names(HashSet<(NameKind, String)>);

impl Names {
    fn new(design: &Design) -> Names {
        let mut set = HashSet::new();
        set.extend(design.vpcs.iter().map(|v| (NameKind::Vpc, v.name.clone())));
        set.extend(
            design
                .subnets
                .iter()
                .map(|s| (NameKind::Subnet, s.name.clone())),
        );
        set.extend(
            design
                .route_tables
                .iter()
                .map(|r| (NameKind::RouteTable, r.name.clone())),
        );
        set.extend(
            design
                .nodes
                .iter()
                .map(|n| (NameKind::Node, n.name.clone())),
        );
        Names(set)
    }

    /// Takes `name` if it is free.
    fn claim(&mut self, kind: NameKind, name: &str) -> bool {
        self.0.insert((kind, name.to_string()))
    }

    /// `name-2`, or the next free number (`app-2` → `app-3`); empty names stay empty.
    fn copy(&mut self, kind: NameKind, name: &str) -> String {
        if name.is_empty() {
            return String::new();
        }
        let base = match name.rsplit_once('-') {
            Some((stem, n))
                if !stem.is_empty()
                    && !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
                    && n.len() < 6 =>
            {
                stem
            }
            _ => name,
        };
        for k in 2..10_000 {
            let candidate = format!("{base}-{k}");
            if self.claim(kind, &candidate) {
                return candidate;
            }
        }
        format!("{name} copy")
    }
}
