//! Where things sit on the canvas: containment (a subnet inside its VPC, an instance inside
//! its subnet, AWS services outside every VPC), hit testing, and moves that keep it valid.
//!
//! The canvas mirrors the network: which rectangle an icon is in says which subnet it is in.
//! So a move can re-home a workload to another subnet, and a move that would put something
//! where AWS cannot is refused with a message instead of being drawn wrong.

use super::design::{Design, FlowTarget, Id, Node, NodeKind, Point, Rect, Subnet, Vpc};
use super::edit::{Edit, Item};
use std::fmt;

/// Side of the square an icon occupies, in canvas units.
pub const NODE_SIZE: i32 = 48;
pub const VPC_SIZE: (i32, i32) = (620, 400);
pub const SUBNET_SIZE: (i32, i32) = (260, 150);
/// Room left around the drawing.
pub const MARGIN: i32 = 40;
/// The canvas grid (the spacing of its dot pattern), which snapped moves land on.
pub const GRID: i32 = 20;

/// Where a kind of node must sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// In the Region, outside every VPC (AWS services, transit gateways, peering connections,
    /// on-premises networks).
    Region,
    /// In its VPC (internet gateway, virtual private gateway, gateway endpoint).
    Vpc,
    /// In a subnet (workloads, NAT gateways, interface endpoints).
    Subnet,
}

pub fn home(kind: &NodeKind) -> Home {
    match kind {
        NodeKind::AwsService { .. }
        | NodeKind::TransitGateway { .. }
        | NodeKind::VpcPeering { .. }
        | NodeKind::OnPremises { .. }
        | NodeKind::PrivateHostedZone { .. } => Home::Region,
        NodeKind::InternetGateway { .. }
        | NodeKind::VpnGateway { .. }
        | NodeKind::GatewayEndpoint { .. } => Home::Vpc,
        _ => Home::Subnet,
    }
}

/// A move or a drop the canvas refuses, with what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceError {
    NeedsVpc {
        what: &'static str,
    },
    NeedsSubnet {
        what: &'static str,
    },
    /// AWS services sit in the Region, outside every VPC.
    OutsideVpcs,
    /// Something else that sits outside every VPC (a transit gateway, an on-premises network).
    StaysOutsideVpcs {
        what: &'static str,
    },
    /// A peering connection was dropped where no VPC is.
    PeeringNeedsVpc,
    /// Every other VPC is already peered with this one or overlaps its CIDR blocks.
    NoPeer,
    /// A VPC would cover an AWS service.
    CoversService,
    VpcOverlap,
    SubnetOverlap,
    SubnetLeavesVpc,
    LeavesVpc {
        what: &'static str,
    },
    OnePerVpc {
        what: &'static str,
    },
    /// Every service that offers a gateway endpoint already has one in this VPC.
    GatewayServicesTaken,
    /// No free address range for another subnet.
    NoFreeBlock,
    /// Nowhere free to put it without a drop point.
    NoRoom {
        what: &'static str,
    },
    Nothing,
    /// A resize below the smallest box that still shows a label and an icon.
    TooSmall {
        what: &'static str,
        w: i32,
        h: i32,
    },
    /// A resize that would leave some of what the box holds outside it.
    CutsContents {
        what: &'static str,
    },
    /// Only VPCs and subnets have a size of their own.
    NotResizable,
}

impl fmt::Display for PlaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlaceError::NeedsVpc { what } => {
                write!(f, "{what} must be inside a VPC: drop it onto a VPC")
            }
            PlaceError::NeedsSubnet { what } => {
                write!(f, "{what} must be in a subnet: drop it onto a subnet")
            }
            PlaceError::OutsideVpcs => write!(
                f,
                "AWS services are Regional and sit outside your VPCs: place it on the canvas outside any VPC"
            ),
            PlaceError::StaysOutsideVpcs { what } => write!(
                f,
                "{what} sits outside your VPCs: place it on the canvas outside any VPC"
            ),
            PlaceError::PeeringNeedsVpc => write!(
                f,
                "a peering connection joins two VPCs: drop it onto or next to the VPC that requests it"
            ),
            PlaceError::NoPeer => write!(
                f,
                "there is no VPC to peer this one with: every other VPC is already peered with it or overlaps its CIDR blocks, and AWS cannot peer overlapping VPCs"
            ),
            PlaceError::CoversService => write!(
                f,
                "a VPC cannot cover an AWS service, which sits outside every VPC: move the service first"
            ),
            PlaceError::VpcOverlap => write!(
                f,
                "VPCs cannot overlap on the canvas: place it on empty space"
            ),
            PlaceError::SubnetOverlap => write!(
                f,
                "subnets cannot overlap on the canvas: place it on empty space in the VPC"
            ),
            PlaceError::SubnetLeavesVpc => write!(
                f,
                "a subnet stays inside its VPC: move the VPC to move them together"
            ),
            PlaceError::LeavesVpc { what } => write!(f, "{what} stays inside its own VPC"),
            PlaceError::OnePerVpc { what } => {
                write!(f, "this VPC already has {what}; a VPC can have only one")
            }
            PlaceError::GatewayServicesTaken => write!(
                f,
                "this VPC already has gateway endpoints for S3 and DynamoDB, the only services that offer them"
            ),
            PlaceError::NoFreeBlock => write!(
                f,
                "the VPC has no free address range for another subnet: add a secondary CIDR block or shrink a subnet"
            ),
            PlaceError::NoRoom { what } => write!(
                f,
                "there is no free room for {what}: drag it to where it should go, or make room first"
            ),
            PlaceError::Nothing => write!(f, "nothing to move"),
            PlaceError::TooSmall { what, w, h } => {
                write!(f, "{what} is at least {w} × {h} on the canvas")
            }
            PlaceError::CutsContents { what } => write!(
                f,
                "{what} must keep everything it holds inside it: move its subnets and icons first, or keep it larger"
            ),
            PlaceError::NotResizable => write!(
                f,
                "only VPCs and subnets can be resized; icons have one size"
            ),
        }
    }
}

impl std::error::Error for PlaceError {}

impl Rect {
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x
            && p.y >= self.y
            && p.x <= self.x.saturating_add(self.w)
            && p.y <= self.y.saturating_add(self.h)
    }

    pub fn contains_rect(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.x.saturating_add(other.w) <= self.x.saturating_add(self.w)
            && other.y.saturating_add(other.h) <= self.y.saturating_add(self.h)
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.x.saturating_add(other.w)
            && other.x < self.x.saturating_add(self.w)
            && self.y < other.y.saturating_add(other.h)
            && other.y < self.y.saturating_add(self.h)
    }

    pub fn offset(&self, dx: i32, dy: i32) -> Rect {
        Rect {
            x: self.x.saturating_add(dx),
            y: self.y.saturating_add(dy),
            ..*self
        }
    }

    pub fn centred(at: Point, w: i32, h: i32) -> Rect {
        Rect {
            x: at.x.saturating_sub(w / 2),
            y: at.y.saturating_sub(h / 2),
            w,
            h,
        }
    }

    /// The smallest rectangle holding both (clamped to the coordinate range: designs from
    /// files and links may hold any coordinates).
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        let right =
            (i64::from(self.x) + i64::from(self.w)).max(i64::from(other.x) + i64::from(other.w));
        let bottom =
            (i64::from(self.y) + i64::from(self.h)).max(i64::from(other.y) + i64::from(other.h));
        Rect {
            x,
            y,
            w: clamp_i32(right - i64::from(x)),
            h: clamp_i32(bottom - i64::from(y)),
        }
    }

    /// The rectangle grown by `by` on every side.
    pub fn grow(&self, by: i32) -> Rect {
        Rect {
            x: self.x.saturating_sub(by),
            y: self.y.saturating_sub(by),
            w: self.w.saturating_add(by.saturating_mul(2)),
            h: self.h.saturating_add(by.saturating_mul(2)),
        }
    }
}

fn clamp_i32(v: i64) -> i32 {
    i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX })
}

/// The topmost VPC at a point (later VPCs are drawn above earlier ones).
pub fn vpc_at(design: &Design, p: Point) -> Option<&Vpc> {
    design.vpcs.iter().rev().find(|v| v.layout.contains(p))
}

/// The topmost subnet at a point.
pub fn subnet_at(design: &Design, p: Point) -> Option<&Subnet> {
    design.subnets.iter().rev().find(|s| s.layout.contains(p))
}

/// The rectangle around everything drawn, if anything is.
pub fn content_bounds(design: &Design) -> Option<Rect> {
    let node_rect = |n: &Node| Rect::centred(n.at, NODE_SIZE * 3, NODE_SIZE * 2);
    let internet = design
        .flows
        .iter()
        .any(|f| f.to == FlowTarget::Internet)
        .then(|| Rect::centred(internet_anchor(design), NODE_SIZE * 3, NODE_SIZE * 2));
    design
        .vpcs
        .iter()
        .map(|v| v.layout)
        .chain(design.subnets.iter().map(|s| s.layout))
        .chain(design.nodes.iter().map(node_rect))
        .chain(internet)
        .reduce(|acc, r| acc.union(&r))
}

/// The drawing area: everything drawn, with a margin, and never smaller than a screenful
/// from the origin, so there is always room to drop new things.
pub fn bounds(design: &Design) -> Rect {
    let base = Rect {
        x: 0,
        y: 0,
        w: 1200,
        h: 800,
    };
    content_bounds(design)
        .map_or(base, |c| c.union(&base))
        .grow(MARGIN)
}

/// Where the internet is drawn: beside the top of the drawing, right of every VPC and icon.
pub fn internet_anchor(design: &Design) -> Point {
    let right = design
        .vpcs
        .iter()
        .map(|v| v.layout.x.saturating_add(v.layout.w))
        .chain(
            design
                .nodes
                .iter()
                .map(|n| n.at.x.saturating_add(NODE_SIZE)),
        )
        .max()
        .unwrap_or(0);
    let top = design
        .vpcs
        .iter()
        .map(|v| v.layout.y)
        .chain(design.nodes.iter().map(|n| n.at.y))
        .min()
        .unwrap_or(MARGIN);
    Point {
        x: right.saturating_add(120),
        y: top.saturating_add(NODE_SIZE),
    }
}

/// Everything that moves with the given items: a VPC carries its subnets and nodes, a
/// subnet the nodes sitting in it.
pub fn carried(design: &Design, ids: &[Id]) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::new();
    let add = |id: &str, out: &mut Vec<Id>| {
        if !out.iter().any(|x| x == id) {
            out.push(id.to_string());
        }
    };
    for id in ids {
        if design.vpc(id).is_some() {
            add(id, &mut out);
            for s in design.subnets.iter().filter(|s| s.vpc == *id) {
                add(&s.id, &mut out);
            }
            for n in design
                .nodes
                .iter()
                .filter(|n| design.node_vpc(n) == Some(id.as_str()))
            {
                add(&n.id, &mut out);
            }
        } else if design.subnet(id).is_some() {
            add(id, &mut out);
            for n in design
                .nodes
                .iter()
                .filter(|n| n.kind.home_subnet() == Some(id.as_str()))
            {
                add(&n.id, &mut out);
            }
        } else if design.node(id).is_some() {
            add(id, &mut out);
        }
    }
    out
}

/// One step that moves the items (and what they carry) by (dx, dy), re-homing icons dropped
/// into another subnet, or the reason the move is refused.
pub fn drag(design: &Design, ids: &[Id], dx: i32, dy: i32) -> Result<Edit, PlaceError> {
    let moving = carried(design, ids);
    if moving.is_empty() {
        return Err(PlaceError::Nothing);
    }
    let moves = |id: &str| moving.iter().any(|m| m == id);
    let vpc_rect = |v: &Vpc| {
        if moves(&v.id) {
            v.layout.offset(dx, dy)
        } else {
            v.layout
        }
    };
    let subnet_rect = |s: &Subnet| {
        if moves(&s.id) {
            s.layout.offset(dx, dy)
        } else {
            s.layout
        }
    };

    for v in design.vpcs.iter().filter(|v| moves(&v.id)) {
        let r = vpc_rect(v);
        if design
            .vpcs
            .iter()
            .any(|o| o.id != v.id && vpc_rect(o).intersects(&r))
        {
            return Err(PlaceError::VpcOverlap);
        }
    }
    for v in design.vpcs.iter().filter(|v| moves(&v.id)) {
        let r = vpc_rect(v);
        let covers = design
            .nodes
            .iter()
            .any(|n| home(&n.kind) == Home::Region && !moves(&n.id) && r.contains(n.at));
        if covers {
            return Err(PlaceError::CoversService);
        }
    }
    for s in design
        .subnets
        .iter()
        .filter(|s| moves(&s.id) && !moves(&s.vpc))
    {
        let inside = design
            .vpc(&s.vpc)
            .is_none_or(|v| vpc_rect(v).contains_rect(&subnet_rect(s)));
        if !inside {
            return Err(PlaceError::SubnetLeavesVpc);
        }
        let r = subnet_rect(s);
        if design
            .subnets
            .iter()
            .any(|o| o.id != s.id && !moves(&o.id) && o.layout.intersects(&r))
        {
            return Err(PlaceError::SubnetOverlap);
        }
    }
    let mut rehomed = Vec::new();
    for n in design.nodes.iter().filter(|n| moves(&n.id)) {
        let p = Point {
            x: n.at.x.saturating_add(dx),
            y: n.at.y.saturating_add(dy),
        };
        let what = n.kind.a_label();
        match home(&n.kind) {
            Home::Region => {
                if design.vpcs.iter().any(|v| vpc_rect(v).contains(p)) {
                    return Err(match n.kind {
                        NodeKind::AwsService { .. } => PlaceError::OutsideVpcs,
                        _ => PlaceError::StaysOutsideVpcs { what },
                    });
                }
            }
            Home::Vpc => {
                let own = design.node_vpc(n).and_then(|v| design.vpc(v));
                if own.is_some_and(|v| !vpc_rect(v).contains(p)) {
                    return Err(PlaceError::LeavesVpc { what });
                }
            }
            Home::Subnet => {
                let current = n.kind.home_subnet();
                if current.is_some_and(&moves) {
                    continue; // carried by its subnet
                }
                let target = design
                    .subnets
                    .iter()
                    .rev()
                    .find(|s| subnet_rect(s).contains(p));
                let Some(target) = target else {
                    return Err(PlaceError::NeedsSubnet { what });
                };
                if Some(target.id.as_str()) != current {
                    rehomed.push(rehome(design, n, target)?);
                }
            }
        }
    }
    let mut edits = vec![Edit::Translate {
        ids: moving,
        dx,
        dy,
    }];
    edits.extend(rehomed.into_iter().map(|item| Edit::Replace { item }));
    Ok(Edit::Batch(edits))
}

/// The node as it is after moving into `target`.
fn rehome(design: &Design, node: &Node, target: &Subnet) -> Result<Item, PlaceError> {
    let same_vpc = design.node_vpc(node) == Some(target.vpc.as_str());
    let mut moved = node.clone();
    match &mut moved.kind {
        NodeKind::Ec2 { subnet }
        | NodeKind::Lambda { subnet }
        | NodeKind::Eks { subnet }
        | NodeKind::Rds { subnet } => {
            *subnet = target.id.clone();
        }
        // Routes in its VPC point at a NAT gateway, and an endpoint serves one VPC.
        NodeKind::NatGateway { subnet, .. } if same_vpc => *subnet = target.id.clone(),
        // An endpoint keeps one interface per zone: into one of its own subnets, that one leads;
        // into a new subnet, it replaces the one in the same zone, or else the one it sat in.
        NodeKind::InterfaceEndpoint { subnets, .. }
        | NodeKind::ResolverEndpoint { subnets, .. }
        | NodeKind::EndpointService { subnets, .. }
            if same_vpc =>
        {
            let zone_of = |id: &str| design.subnet(id).map(|s| s.availability_zone.as_str());
            let replaced = subnets
                .iter()
                .position(|s| *s == target.id)
                .or_else(|| {
                    subnets
                        .iter()
                        .position(|s| zone_of(s) == Some(target.availability_zone.as_str()))
                })
                .unwrap_or(0);
            if replaced < subnets.len() {
                subnets.remove(replaced);
            }
            subnets.insert(0, target.id.clone());
        }
        other => {
            return Err(PlaceError::LeavesVpc {
                what: other.a_label(),
            });
        }
    }
    Ok(Item::Node(moved))
}

/// The icon under a point (within its tile), topmost first.
pub fn node_at(design: &Design, p: Point) -> Option<&Node> {
    design
        .nodes
        .iter()
        .rev()
        .find(|n| Rect::centred(n.at, NODE_SIZE + 8, NODE_SIZE + 8).contains(p))
}

/// Where a path drawn through an item passes: an icon's centre, a subnet's or VPC's label
/// corner (so a path stays readable over the box).
pub fn anchor(design: &Design, id: &str) -> Option<Point> {
    if let Some(n) = design.node(id) {
        return Some(n.at);
    }
    if let Some(s) = design.subnet(id) {
        return Some(Point {
            x: s.layout.x.saturating_add(s.layout.w / 2),
            y: s.layout.y.saturating_add(44),
        });
    }
    design.vpc(id).map(|v| Point {
        x: v.layout.x.saturating_add(24),
        y: v.layout.y.saturating_add(24),
    })
}

/// The smallest VPC box: its label, the gateway band and one row of lanes.
pub const MIN_VPC_SIZE: (i32, i32) = (200, 140);
/// The smallest subnet box: its label lines and one icon.
pub const MIN_SUBNET_SIZE: (i32, i32) = (120, 100);

/// One step that gives a VPC or subnet a new rectangle (moving its left or top edge moves only
/// that edge: contents stay where they are), or the reason it is refused: smaller than the
/// minimum, leaving a subnet or icon it holds outside, a subnet leaving its VPC or overlapping
/// a sibling, a VPC overlapping another or covering an icon that sits outside VPCs.
pub fn resize(design: &Design, id: &str, rect: Rect) -> Result<Edit, PlaceError> {
    let icon_inside = |n: &Node| rect.contains(n.at);
    if let Some(v) = design.vpc(id) {
        let (w, h) = MIN_VPC_SIZE;
        if rect.w < w || rect.h < h {
            return Err(PlaceError::TooSmall {
                what: "a VPC",
                w,
                h,
            });
        }
        let subnets_in = design
            .subnets
            .iter()
            .filter(|s| s.vpc == v.id)
            .all(|s| rect.contains_rect(&s.layout));
        let icons_in = design
            .nodes
            .iter()
            .filter(|n| design.node_vpc(n) == Some(v.id.as_str()))
            .all(icon_inside);
        if !subnets_in || !icons_in {
            return Err(PlaceError::CutsContents { what: "a VPC" });
        }
        if design
            .vpcs
            .iter()
            .any(|o| o.id != v.id && o.layout.intersects(&rect))
        {
            return Err(PlaceError::VpcOverlap);
        }
        if design
            .nodes
            .iter()
            .any(|n| home(&n.kind) == Home::Region && rect.contains(n.at))
        {
            return Err(PlaceError::CoversService);
        }
        return Ok(Edit::Replace {
            item: Item::Vpc(Vpc {
                layout: rect,
                ..v.clone()
            }),
        });
    }
    if let Some(s) = design.subnet(id) {
        let (w, h) = MIN_SUBNET_SIZE;
        if rect.w < w || rect.h < h {
            return Err(PlaceError::TooSmall {
                what: "a subnet",
                w,
                h,
            });
        }
        if design
            .vpc(&s.vpc)
            .is_some_and(|v| !v.layout.contains_rect(&rect))
        {
            return Err(PlaceError::SubnetLeavesVpc);
        }
        if design
            .subnets
            .iter()
            .any(|o| o.id != s.id && o.layout.intersects(&rect))
        {
            return Err(PlaceError::SubnetOverlap);
        }
        if !design
            .nodes
            .iter()
            .filter(|n| n.kind.home_subnet() == Some(s.id.as_str()))
            .all(icon_inside)
        {
            return Err(PlaceError::CutsContents { what: "a subnet" });
        }
        return Ok(Edit::Replace {
            item: Item::Subnet(Subnet {
                layout: rect,
                ..s.clone()
            }),
        });
    }
    if design.node(id).is_some() {
        return Err(PlaceError::NotResizable);
    }
    Err(PlaceError::Nothing)
}

/// The move (dx, dy) adjusted so that the first item lands on the grid: a VPC's or subnet's
/// top-left corner, an icon's centre. The others keep their offsets from it, so a selection
/// drawn off the grid moves as one. Unknown or no items: the move as asked.
pub fn snap_move(design: &Design, ids: &[Id], dx: i32, dy: i32) -> (i32, i32) {
    let Some(first) = ids.first() else {
        return (dx, dy);
    };
    let reference = design
        .vpc(first)
        .map(|v| (v.layout.x, v.layout.y))
        .or_else(|| design.subnet(first).map(|s| (s.layout.x, s.layout.y)))
        .or_else(|| design.node(first).map(|n| (n.at.x, n.at.y)));
    let Some((x, y)) = reference else {
        return (dx, dy);
    };
    let snap = |from: i32, by: i32| -> i32 {
        let target = i64::from(from) + i64::from(by);
        let grid = i64::from(GRID);
        let snapped = (target + grid / 2).div_euclid(grid) * grid;
        i32::try_from(snapped - i64::from(from)).unwrap_or(by)
    };
    (snap(x, dx), snap(y, dy))
}
