//! Availability-zone lanes inside a VPC: a column per AZ its subnets use, a row per tier
//! (public, private, isolated), so that public-a and public-b sit side by side as architects
//! draw them. Lanes are derived from the subnets' AZs and positions, never stored: the design
//! format does not change, and a design drawn any other way still opens as it was.
//!
//! `arrange` lays a VPC out that way, `add_az` adds "one more AZ" by mirroring every row in the
//! next AZ of the Region, `remove_az` takes an AZ out with what depends on it. Each is one `Edit`.

use super::catalog;
use super::cidr;
use super::design::{Design, Id, NodeKind, Rect, RouteTable, Subnet, Vpc};
use super::edit::{self, Edit, Item};
use super::layout::{self, Home, PlaceError};
use super::routing;
use crate::model::hash::HashSet;
use ipnet::Ipv4Net;
use std::fmt;

/// The column of one Availability Zone in a VPC, for the canvas to draw its band and header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub az: String,
    pub rect: Rect,
    /// The lane's subnets, top to bottom.
    pub subnets: Vec<Id>,
}

/// The rows of a lane layout, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// Routes to an internet gateway (`routing::is_public`).
    Public,
    /// Not public, with a default route (to a NAT gateway, a transit gateway…).
    Private,
    /// No default route: reaches only the VPC and what its routes name.
    Isolated,
}

/// The tier of a subnet, from its route table.
pub fn tier(design: &Design, subnet: &Subnet) -> Tier {
    if routing::is_public(design, subnet) {
        return Tier::Public;
    }
    let default_route = design
        .route_table_of_subnet(subnet)
        .is_some_and(|rt| rt.routes.iter().any(|r| r.destination == "0.0.0.0/0"));
    if default_route {
        Tier::Private
    } else {
        Tier::Isolated
    }
}

/// Below the VPC's top band, where its gateways sit.
pub const LANE_TOP: i32 = 60;
/// Room for the AZ name at the top of a lane.
pub const LANE_HEADER: i32 = 28;
/// Between a lane's edge and its subnets.
pub const LANE_PAD: i32 = 10;
/// Between lanes, and between rows.
pub const GAP: i32 = 20;

/// Why an AZ cannot be added or the VPC arranged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LaneError {
    NoSuchVpc,
    /// The Region is not in the catalogue, so its AZs are unknown.
    UnknownRegion {
        region: String,
    },
    /// Every AZ of the Region already has a lane.
    NoMoreZones {
        region: String,
    },
    /// Nothing to mirror.
    NoSubnets,
    /// The VPC's blocks have no free range of the size a mirrored subnet needs.
    NoFreeBlock {
        prefix: u8,
    },
    /// The VPC would have to grow over something.
    Place(PlaceError),
}

impl fmt::Display for LaneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LaneError::NoSuchVpc => write!(f, "that VPC is no longer in the design"),
            LaneError::UnknownRegion { region } => write!(
                f,
                "the planner does not know the Availability Zones of {}; pick a Region it knows",
                super::text::clip(region)
            ),
            LaneError::NoMoreZones { region } => write!(
                f,
                "every Availability Zone of {} already has a lane in this VPC",
                super::text::clip(region)
            ),
            LaneError::NoSubnets => write!(
                f,
                "the VPC has no subnets to mirror in another Availability Zone: add a subnet first"
            ),
            LaneError::NoFreeBlock { prefix } => write!(
                f,
                "the VPC has no free /{prefix} block for the new zone's subnets: add a secondary CIDR block or shrink a subnet"
            ),
            LaneError::Place(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LaneError {}

impl From<PlaceError> for LaneError {
    fn from(e: PlaceError) -> Self {
        LaneError::Place(e)
    }
}

/// The VPC's lanes, ordered by AZ: each spans its subnets horizontally and the VPC below its
/// top band vertically.
pub fn lanes(design: &Design, vpc_id: &str) -> Vec<Lane> {
    let Some(vpc) = design.vpc(vpc_id) else {
        return Vec::new();
    };
    let v = vpc.layout;
    let top = v.y.saturating_add(LANE_TOP);
    let bottom = v.y.saturating_add(v.h).saturating_sub(LANE_PAD).max(top);
    zones(design, vpc_id)
        .into_iter()
        .map(|az| {
            let mut subnets: Vec<&Subnet> = design
                .subnets
                .iter()
                .filter(|s| s.vpc == vpc_id && s.availability_zone == az)
                .collect();
            crate::model::sort::sort_by_key(&mut subnets, |s| (s.layout.y, s.layout.x));
            let left = subnets
                .iter()
                .map(|s| s.layout.x)
                .min()
                .unwrap_or(v.x)
                .saturating_sub(LANE_PAD);
            let right = subnets
                .iter()
                .map(|s| s.layout.x.saturating_add(s.layout.w))
                .max()
                .unwrap_or(v.x)
                .saturating_add(LANE_PAD);
            Lane {
                az,
                rect: Rect {
                    x: left,
                    y: top,
                    w: right.saturating_sub(left),
                    h: bottom.saturating_sub(top),
                },
                subnets: subnets.iter().map(|s| s.id.clone()).collect(),
            }
        })
        .collect()
}

/// The AZs the VPC's subnets use, sorted.
fn zones(design: &Design, vpc_id: &str) -> Vec<String> {
    let mut zones: Vec<String> = design
        .subnets
        .iter()
        .filter(|s| s.vpc == vpc_id)
        .map(|s| s.availability_zone.clone())
        .collect();
    crate::model::sort::sort(&mut zones);
    zones.dedup();
    zones
}

/// The rows of the layout: per tier, as many rows as the lane with most subnets of that tier
/// has; row k of a tier holds each lane's k-th subnet of it (top to bottom as now drawn).
/// Returns, per row, the subnet of each lane (by lane index) that sits in it.
fn rows(design: &Design, vpc_id: &str, zones: &[String]) -> Vec<Vec<Option<Id>>> {
    let mut out = Vec::new();
    for t in [Tier::Public, Tier::Private, Tier::Isolated] {
        let per_lane: Vec<Vec<&Subnet>> = zones
            .iter()
            .map(|az| {
                let mut list: Vec<&Subnet> = design
                    .subnets
                    .iter()
                    .filter(|s| {
                        s.vpc == vpc_id && s.availability_zone == *az && tier(design, s) == t
                    })
                    .collect();
                crate::model::sort::sort_by_key(&mut list, |s| (s.layout.y, s.layout.x));
                list
            })
            .collect();
        let depth = per_lane.iter().map(Vec::len).max().unwrap_or(0);
        for k in 0..depth {
            out.push(
                per_lane
                    .iter()
                    .map(|l| l.get(k).map(|s| s.id.clone()))
                    .collect(),
            );
        }
    }
    out
}

/// One step that lays the VPC's subnets out in lanes (a column per AZ, a row per tier, rows
/// aligned across lanes), moving each subnet's icons with it and growing the VPC box to fit
/// (it never shrinks). Refused when the grown box would cover another VPC or an icon that
/// sits outside VPCs.
pub fn arrange(design: &Design, vpc_id: &str) -> Result<Edit, LaneError> {
    let vpc = design.vpc(vpc_id).ok_or(LaneError::NoSuchVpc)?;
    let zones = zones(design, vpc_id);
    let rows = rows(design, vpc_id, &zones);
    let size = |id: &str| {
        design
            .subnet(id)
            .map_or((0, 0), |s| (s.layout.w.max(0), s.layout.h.max(0)))
    };
    // Column widths and row heights: the largest subnet in each.
    let widths: Vec<i64> = (0..zones.len())
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c).cloned().flatten())
                .map(|id| i64::from(size(&id).0))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let heights: Vec<i64> = rows
        .iter()
        .map(|r| {
            r.iter()
                .flatten()
                .map(|id| i64::from(size(id).1))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let (vx, vy) = (i64::from(vpc.layout.x), i64::from(vpc.layout.y));
    let mut lane_x = Vec::with_capacity(zones.len());
    let mut x = vx + i64::from(GAP);
    for w in &widths {
        lane_x.push(x);
        x += w + 2 * i64::from(LANE_PAD) + i64::from(GAP);
    }
    let mut row_y = Vec::with_capacity(rows.len());
    let mut y = vy + i64::from(LANE_TOP + LANE_HEADER);
    for h in &heights {
        row_y.push(y);
        y += h + i64::from(GAP);
    }
    let mut edits = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, id) in row.iter().enumerate() {
            let (Some(id), Some(s)) = (id, id.as_deref().and_then(|id| design.subnet(id))) else {
                continue;
            };
            let (Some(x), Some(y)) = (lane_x.get(c), row_y.get(r)) else {
                continue;
            };
            let (Ok(x), Ok(y)) = (i32::try_from(x + i64::from(LANE_PAD)), i32::try_from(*y)) else {
                return Err(LaneError::Place(PlaceError::NoRoom { what: "the lanes" }));
            };
            let (dx, dy) = (x.saturating_sub(s.layout.x), y.saturating_sub(s.layout.y));
            let target = s.layout.offset(dx, dy);
            // Icons keep their place in the subnet; one drawn outside it (an endpoint whose
            // first subnet was deleted) is brought inside.
            let (inside, outside): (Vec<Id>, Vec<Id>) =
                layout::carried(design, std::slice::from_ref(id))
                    .into_iter()
                    .partition(|c| design.node(c).is_none_or(|n| s.layout.contains(n.at)));
            if (dx, dy) != (0, 0) {
                edits.push(Edit::Translate {
                    ids: inside,
                    dx,
                    dy,
                });
            }
            let room = target.grow(-(layout::NODE_SIZE / 2 + 4));
            for n in outside.iter().filter_map(|c| design.node(c)) {
                let p = n.at;
                let clamp = |v: i32, lo: i32, len: i32| v.clamp(lo, lo.saturating_add(len.max(0)));
                let (nx, ny) = (
                    clamp(p.x.saturating_add(dx), room.x, room.w),
                    clamp(p.y.saturating_add(dy), room.y, room.h),
                );
                if (nx, ny) != (p.x, p.y) {
                    edits.push(Edit::Translate {
                        ids: vec![n.id.clone()],
                        dx: nx.saturating_sub(p.x),
                        dy: ny.saturating_sub(p.y),
                    });
                }
            }
        }
    }
    // Grow to hold the lanes (right of the last, below the last row).
    let need_w = x - vx;
    let need_h = y - vy;
    let mut grown = vpc.clone();
    grown.layout.w = i32::try_from(need_w.max(i64::from(vpc.layout.w))).unwrap_or(i32::MAX);
    grown.layout.h = i32::try_from(need_h.max(i64::from(vpc.layout.h))).unwrap_or(i32::MAX);
    if grown.layout != vpc.layout {
        edits.extend(make_room(design, vpc, &grown.layout)?);
        edits.push(Edit::Replace {
            item: Item::Vpc(grown),
        });
    }
    Ok(Edit::Batch(edits))
}

/// The moves that make room for a VPC box growing from `vpc.layout` to `grown`: what lies
/// wholly right of the old box (other VPCs with their contents, icons that sit outside VPCs)
/// moves right by the growth in width, what lies wholly below moves down by the growth in
/// height, as a diagram editor pushes neighbours aside. Refused when that still leaves the
/// grown box over another VPC or such an icon, or two VPCs over each other.
fn make_room(design: &Design, vpc: &Vpc, grown: &Rect) -> Result<Vec<Edit>, PlaceError> {
    let old = vpc.layout;
    let (right, bottom) = (old.x.saturating_add(old.w), old.y.saturating_add(old.h));
    let (dw, dh) = (
        grown.w.saturating_sub(old.w).max(0),
        grown.h.saturating_sub(old.h).max(0),
    );
    let shift = |x: i32, y: i32| {
        (
            if x >= right { dw } else { 0 },
            if y >= bottom { dh } else { 0 },
        )
    };
    let mut edits = Vec::new();
    let mut boxes = vec![*grown];
    for o in design.vpcs.iter().filter(|o| o.id != vpc.id) {
        let (dx, dy) = shift(o.layout.x, o.layout.y);
        if (dx, dy) != (0, 0) {
            edits.push(Edit::Translate {
                ids: layout::carried(design, std::slice::from_ref(&o.id)),
                dx,
                dy,
            });
        }
        boxes.push(o.layout.offset(dx, dy));
    }
    let mut icons = Vec::new();
    for n in design
        .nodes
        .iter()
        .filter(|n| layout::home(&n.kind) == Home::Region)
    {
        let (dx, dy) = shift(
            n.at.x.saturating_sub(layout::NODE_SIZE / 2),
            n.at.y.saturating_sub(layout::NODE_SIZE / 2),
        );
        if (dx, dy) != (0, 0) {
            edits.push(Edit::Translate {
                ids: vec![n.id.clone()],
                dx,
                dy,
            });
        }
        icons.push(super::design::Point {
            x: n.at.x.saturating_add(dx),
            y: n.at.y.saturating_add(dy),
        });
    }
    for (i, a) in boxes.iter().enumerate() {
        if boxes.iter().skip(i + 1).any(|b| a.intersects(b)) {
            return Err(PlaceError::VpcOverlap);
        }
        if icons.iter().any(|p| a.contains(*p)) {
            return Err(PlaceError::CoversService);
        }
    }
    Ok(edits)
}

/// One step that adds the next Availability Zone of the Region the VPC does not use yet: for
/// each row, a subnet mirroring the row's subnet (same size, a free block of the VPC, the same
/// route table and network ACL, and a place in the same endpoints, transit gateway attachments
/// and load balancers), then arranges the VPC. Where the row's table is the zone's own and
/// sends the default route to a NAT gateway in that zone, the new zone gets its own table and
/// its own NAT gateway in its public subnet, as AWS recommends (a NAT gateway is zonal: one per
/// AZ keeps each zone's egress up when another zone fails, aws-networking.md §2 "NAT gateway").
/// Returns the new AZ.
pub fn add_az(design: &Design, vpc_id: &str) -> Result<(Edit, String), LaneError> {
    let vpc = design.vpc(vpc_id).ok_or(LaneError::NoSuchVpc)?;
    let region = catalog::region(&design.region).ok_or_else(|| LaneError::UnknownRegion {
        region: design.region.clone(),
    })?;
    let used = zones(design, vpc_id);
    if used.is_empty() {
        return Err(LaneError::NoSubnets);
    }
    let az = region
        .az_letters
        .iter()
        .map(|l| format!("{}{l}", region.code))
        .find(|az| !used.contains(az))
        .ok_or_else(|| LaneError::NoMoreZones {
            region: region.code.to_string(),
        })?;
    let rows = rows(design, vpc_id, &used);
    // Each row's model: its subnet in the last lane that has one (the newest zone's pattern).
    let models: Vec<&Subnet> = rows
        .iter()
        .filter_map(|r| {
            r.iter()
                .rev()
                .flatten()
                .next()
                .and_then(|id| design.subnet(id))
        })
        .collect();

    let blocks: Vec<Ipv4Net> = vpc.blocks();
    let mut busy: Vec<Ipv4Net> = design
        .subnets
        .iter()
        .filter(|s| s.vpc == vpc_id)
        .filter_map(|s| cidr::parse_v4(&s.cidr).ok())
        .collect();
    let mut scratch = design.clone();
    let mut taken: HashSet<String> = design.ids().map(str::to_string).collect();
    let mut fresh = |prefix: &str| -> Id {
        let id = (1..)
            .map(|n| format!("{prefix}-{n}"))
            .find(|id| !taken.contains(id))
            .unwrap_or_else(|| format!("{prefix}-x"));
        taken.insert(id.clone());
        id
    };
    // Names are unique per kind of item (a subnet and its table may both be "private-c").
    let mut subnet_names: HashSet<String> = design.subnets.iter().map(|s| s.name.clone()).collect();
    let mut table_names: HashSet<String> =
        design.route_tables.iter().map(|r| r.name.clone()).collect();
    let mut node_names: HashSet<String> = design.nodes.iter().map(|n| n.name.clone()).collect();
    let letter = az.strip_prefix(region.code).unwrap_or(&az).to_string();
    let mut edits = Vec::new();
    // (model subnet, its mirror), for the references below.
    let mut mirrors: Vec<(Id, Id)> = Vec::new();
    for m in &models {
        let prefix = cidr::parse_v4(&m.cidr)
            .map(|n| n.prefix_len())
            .unwrap_or(24);
        let cidr = if blocks.is_empty() {
            String::new() // the VPC's block is to be fixed first; the subnet's then asked for
        } else {
            let net = cidr::first_free(&blocks, &busy, prefix)
                .ok_or(LaneError::NoFreeBlock { prefix })?;
            busy.push(net);
            net.to_string()
        };
        let id = fresh("subnet");
        let model_letter = m.availability_zone.strip_prefix(region.code).unwrap_or("");
        let name = zone_name(&m.name, model_letter, &letter, &mut subnet_names);
        // Placed beside the model for now; arrange puts it in its lane.
        let s = Subnet {
            id: id.clone(),
            vpc: vpc_id.to_string(),
            name,
            availability_zone: az.clone(),
            cidr,
            layout: m.layout,
        };
        edits.push(Edit::Insert {
            index: usize::MAX,
            item: Item::Subnet(s),
        });
        mirrors.push((m.id.clone(), id));
    }
    let mirror_of = |id: &str| {
        mirrors
            .iter()
            .find(|(m, _)| m == id)
            .map(|(_, n)| n.clone())
    };

    // Route tables: the same one, or the zone's own with its own NAT gateway (see above).
    let mut tables: Vec<RouteTable> = Vec::new(); // existing tables with new associations
    let mut new_tables: Vec<RouteTable> = Vec::new();
    let mut new_nodes = Vec::new();
    // (model's table, the new zone's own table made from it)
    let mut made: Vec<(Id, Id)> = Vec::new();
    for (model, mirror) in &mirrors {
        let Some(m) = design.subnet(model) else {
            continue;
        };
        let Some(rt) = design
            .route_tables
            .iter()
            .find(|rt| rt.subnets.iter().any(|s| s == model))
        else {
            continue;
        }; // main table: nothing to do
        let zonal_nat = rt.routes.iter().find_map(|r| {
            let nat = design.node(&r.target)?;
            let NodeKind::NatGateway { subnet, .. } = &nat.kind else {
                return None;
            };
            let nat_zone = design.subnet(subnet).map(|s| s.availability_zone.as_str());
            let own_table = rt.subnets.iter().all(|s| {
                design
                    .subnet(s)
                    .is_some_and(|s| s.availability_zone == m.availability_zone)
            });
            (nat_zone == Some(m.availability_zone.as_str()) && own_table).then_some((
                r.destination.clone(),
                nat,
                mirror_of(subnet)?,
            ))
        });
        match zonal_nat {
            Some((destination, nat, nat_subnet)) => {
                let nat_id = fresh("nat");
                let mut new_nat = nat.clone();
                new_nat.id = nat_id.clone();
                new_nat.name = zone_name(
                    &nat.name,
                    m.availability_zone.strip_prefix(region.code).unwrap_or(""),
                    &letter,
                    &mut node_names,
                );
                if let NodeKind::NatGateway { subnet, .. } = &mut new_nat.kind {
                    *subnet = nat_subnet.clone();
                }
                // It keeps the model NAT's position: the mirror subnet starts on its model's
                // rectangle, and arrange moves the subnet with its icons into the new lane.
                let mut table = rt.clone();
                table.id = fresh("rtb");
                table.name = zone_name(
                    &rt.name,
                    m.availability_zone.strip_prefix(region.code).unwrap_or(""),
                    &letter,
                    &mut table_names,
                );
                table.main = false;
                table.subnets = vec![mirror.clone()];
                for r in table
                    .routes
                    .iter_mut()
                    .filter(|r| r.destination == destination)
                {
                    r.target = nat_id.clone();
                }
                made.push((rt.id.clone(), table.id.clone()));
                new_nodes.push(new_nat);
                new_tables.push(table);
            }
            _ => {
                let entry = match tables.iter_mut().position(|t| t.id == rt.id) {
                    Some(i) => &mut tables[i],
                    None => {
                        tables.push(rt.clone());
                        let last = tables.len() - 1;
                        &mut tables[last]
                    }
                };
                entry.subnets.push(mirror.clone());
            }
        }
    }
    for t in &new_tables {
        edits.push(Edit::Insert {
            index: usize::MAX,
            item: Item::RouteTable(t.clone()),
        });
    }
    for n in &new_nodes {
        edits.push(Edit::Insert {
            index: usize::MAX,
            item: Item::Node(n.clone()),
        });
    }
    for t in tables {
        edits.push(Edit::Replace {
            item: Item::RouteTable(t),
        });
    }
    // What the models take part in, the mirrors join: network ACLs, endpoints, load balancers,
    // transit gateway attachments (each has one subnet per AZ; an AZ without one cannot use it).
    let mut changed_vpc = vpc.clone();
    for a in &mut changed_vpc.network_acls {
        let extra: Vec<Id> = a.subnets.iter().filter_map(|s| mirror_of(s)).collect();
        a.subnets.extend(extra);
    }
    if changed_vpc != *vpc {
        edits.push(Edit::Replace {
            item: Item::Vpc(changed_vpc),
        });
    }
    for n in &design.nodes {
        let mut c = n.clone();
        let join = |list: &mut Vec<Id>| {
            let extra: Vec<Id> = list.iter().filter_map(|s| mirror_of(s)).take(1).collect();
            list.extend(extra);
        };
        match &mut c.kind {
            NodeKind::InterfaceEndpoint { vpc, subnets, .. }
            | NodeKind::ResolverEndpoint { vpc, subnets, .. }
            | NodeKind::EndpointService { vpc, subnets, .. }
                if vpc == vpc_id =>
            {
                join(subnets)
            }
            NodeKind::TransitGateway { attachments, .. } => attachments
                .iter_mut()
                .filter(|a| a.vpc == vpc_id)
                .for_each(|a| join(&mut a.subnets)),
            NodeKind::GatewayEndpoint {
                vpc, route_tables, ..
            } if vpc == vpc_id => {
                let extra: Vec<Id> = made
                    .iter()
                    .filter(|(old, _)| route_tables.contains(old))
                    .map(|(_, new)| new.clone())
                    .collect();
                route_tables.extend(extra);
            }
            _ => {}
        }
        if c != *n {
            edits.push(Edit::Replace {
                item: Item::Node(c),
            });
        }
    }
    let added = Edit::Batch(edits);
    added
        .clone()
        .apply(&mut scratch)
        .map_err(|_| LaneError::NoSuchVpc)?;
    let arranged = arrange(&scratch, vpc_id)?;
    Ok((Edit::Batch(vec![added, arranged]), az))
}

/// The name of a zone's copy: the zone letter at the end swapped (`public-a` → `public-c`,
/// `private-1a` → `private-1c`), else the next free number (`web` → `web-2`).
fn zone_name(name: &str, from: &str, to: &str, names: &mut HashSet<String>) -> String {
    if !from.is_empty()
        && let Some(stem) = name.strip_suffix(from)
        && stem.ends_with(|c: char| c == '-' || c == '_' || c.is_ascii_digit())
    {
        let candidate = format!("{stem}{to}");
        if names.insert(candidate.clone()) {
            return candidate;
        }
    }
    let base = name.trim_end();
    (2..10_000)
        .map(|k| format!("{base}-{k}"))
        .find(|c| names.insert(c.clone()))
        .unwrap_or_else(|| format!("{base} copy"))
}

/// One step that removes the VPC's subnets in `az`, everything that cannot exist without them
/// (`edit::delete`) and route tables only they used, then arranges what is left (when the
/// VPC can be arranged; otherwise the subnets just go).
pub fn remove_az(design: &Design, vpc_id: &str, az: &str) -> Edit {
    let gone: Vec<Id> = design
        .subnets
        .iter()
        .filter(|s| s.vpc == vpc_id && s.availability_zone == az)
        .map(|s| s.id.clone())
        .collect();
    let only_theirs = design.route_tables.iter().filter(|rt| {
        rt.vpc == vpc_id
            && !rt.main
            && !rt.subnets.is_empty()
            && rt.subnets.iter().all(|s| gone.contains(s))
    });
    let ids: Vec<Id> = gone
        .iter()
        .cloned()
        .chain(only_theirs.map(|rt| rt.id.clone()))
        .collect();
    if ids.is_empty() {
        return Edit::Batch(Vec::new());
    }
    let deleted = edit::delete(design, &ids);
    let mut scratch = design.clone();
    if deleted.clone().apply(&mut scratch).is_err() {
        return deleted;
    }
    match arrange(&scratch, vpc_id) {
        Ok(arranged) => Edit::Batch(vec![deleted, arranged]),
        Err(_) => deleted,
    }
}
