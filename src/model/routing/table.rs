//! Route tables as AWS evaluates them: the effective routes of a table (the user's static
//! routes plus the routes AWS adds and propagates), and the choice of one route for an address.
//!
//! aws-networking.md §2 (R1, R2): the most specific route that matches wins (longest prefix);
//! between routes of equal length, a static route beats a prefix-list route, which beats a
//! propagated route. The local route covers the VPC's own blocks.

use super::address::Address;
use crate::model::catalog;
use crate::model::cidr;
use crate::model::design::{Design, Id, Node, NodeKind, RouteTable, TgwAttachment, TgwRouteTable};
use crate::model::hash::{HashMap, HashMapExt};
use crate::model::lookup::{Group, Kind, Memo};
use ipnet::Ipv4Net;
use serde::Serialize;
use std::rc::Rc;

/// Where a route came from, in the order AWS prefers them on a tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Propagated,
    PrefixList,
    Static,
    Local,
}

impl Origin {
    pub fn label(self) -> &'static str {
        match self {
            Origin::Local => "local",
            Origin::Static => "static",
            Origin::PrefixList => "prefix list",
            Origin::Propagated => "propagated",
        }
    }
}

/// What a route's destination is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    Cidr(#[serde(serialize_with = "as_text")] Ipv4Net),
    /// The AWS-managed prefix list of a service (`s3`, `dynamodb`) in the design's Region.
    PrefixList(String),
}

/// Where a route sends traffic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Inside the VPC.
    Local,
    /// A node of the design (gateway, endpoint, peering, network interface) or, in a transit
    /// gateway table, an attachment (VPC id or on-premises id).
    Node(Id),
    /// A target that is not in the design: AWS shows the route as a blackhole.
    Missing(Id),
    /// A transit gateway blackhole route.
    Blackhole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    pub destination: Destination,
    pub target: Target,
    pub origin: Origin,
}

impl Route {
    /// The destination as the console shows it.
    pub fn destination_text(&self, region: &str) -> String {
        match &self.destination {
            Destination::Cidr(net) => cidr::text(net),
            Destination::PrefixList(key) => catalog::endpoint_service_name(region, key),
        }
    }

    /// How specific the route is for `address`, if it matches at all. A prefix-list route is as
    /// specific as the list entry holding the address; when the entries are unknown it counts
    /// as more specific than 0.0.0.0/0 only.
    pub fn specificity(&self, address: &Address, region: &str) -> Option<u8> {
        match (&self.destination, address) {
            (Destination::Cidr(net), Address::Ip(ip)) => {
                cidr::holds(net, *ip).then(|| net.prefix_len())
            }
            (Destination::Cidr(net), Address::Service { ip: Some(ip), .. }) => {
                cidr::holds(net, *ip).then(|| net.prefix_len())
            }
            // An address we cannot name (the internet, a service whose ranges are unknown) lies
            // only in the default route.
            (Destination::Cidr(net), _) => (net.prefix_len() == 0).then_some(0),
            (
                Destination::PrefixList(key),
                Address::Service {
                    key: k,
                    region: r,
                    ip,
                },
            ) if key == k && r == region => {
                let entry = ip.and_then(|ip| {
                    catalog::public_ranges(region, key)
                        .iter()
                        .filter_map(|c| cidr::read(c))
                        .find(|n| cidr::holds(n, ip))
                });
                Some(entry.map(|n| n.prefix_len()).unwrap_or(1))
            }
            (Destination::PrefixList(_), _) => None,
        }
    }
}

/// The route AWS uses for `address`: longest prefix, then static over prefix list over propagated.
/// On a complete tie (two endpoints on one table, a validation error) the first route wins, so
/// the answer never depends on more than document order.
pub fn select<'r>(routes: &'r [Route], address: &Address, region: &str) -> Option<&'r Route> {
    let mut best: Option<(u8, Origin, &Route)> = None;
    for r in routes {
        if let Some(len) = r.specificity(address, region) {
            if best.is_none_or(|(l, o, _)| (len, r.origin) > (l, o)) {
                best = Some((len, r.origin, r));
            }
        }
    }
    best.map(|(_, _, r)| r)
}

/// The routes of a table by prefix length and network, so that choosing one for an address
/// looks up one entry per distinct prefix length instead of testing every route: a transit
/// gateway's default table holds a propagated route per attached VPC, and every hop through
/// it chose among them all (linear in the VPCs; 7% of an analysis at 5,000 resources, perf).
/// It answers as `select` does, for tables whose routes are all CIDRs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteIndex {
    /// Bit `n` set: some route is a /n.
    lengths: u64,
    /// The chosen route of each prefix (`length << 32 | network`): the best origin, then the
    /// first in table order, as `select` breaks ties. (The key type of `Lookup`'s positions:
    /// one instance of the hash map's code in the bundle.)
    chosen: HashMap<u64, usize>,
}

impl RouteIndex {
    /// The index of `routes`, or `None` when one is not a CIDR (prefix-list routes match by
    /// the catalogue's ranges, not by network).
    pub fn of(routes: &[Route]) -> Option<RouteIndex> {
        let mut index = RouteIndex {
            lengths: 0,
            chosen: HashMap::new(),
        };
        for (i, r) in routes.iter().enumerate() {
            let Destination::Cidr(net) = &r.destination else {
                return None;
            };
            index.lengths |= 1 << net.prefix_len();
            let key = prefix_key(net.prefix_len(), u32::from(net.network()));
            let chosen = index.chosen.entry(key).or_insert(i);
            if r.origin > routes[*chosen].origin {
                *chosen = i;
            }
        }
        Some(index)
    }

    /// The route AWS uses for `address` among `routes`, the routes this index was made of.
    pub fn select<'r>(&self, routes: &'r [Route], address: &Address) -> Option<&'r Route> {
        // An address without an IP (the internet, a service whose ranges are unknown) lies
        // only in the default route, as in `Route::specificity`.
        let Some(ip) = address.ip().map(u32::from) else {
            return self.chosen.get(&0).and_then(|&i| routes.get(i));
        };
        (0..=32u8)
            .rev()
            .filter(|len| self.lengths & (1 << len) != 0)
            .find_map(|len| {
                let network = ip & u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
                self.chosen.get(&prefix_key(len, network))
            })
            .and_then(|&i| routes.get(i))
    }
}

fn prefix_key(len: u8, network: u32) -> u64 {
    u64::from(len) << 32 | u64::from(network)
}

/// The routes in effect in a VPC route table, local first: local routes for the VPC's blocks,
/// the user's static routes (a route to a missing target stays, as a blackhole), prefix-list
/// routes of associated gateway endpoints, and routes propagated from virtual private gateways
/// (the on-premises CIDRs of the VPNs that end there).
pub fn effective_routes(design: &Design, table: &RouteTable) -> Rc<Vec<Route>> {
    // Every hop through the table asks; worked out once per design.
    design.lookup.memo(
        Memo::EffectiveRoutes,
        table as *const RouteTable as usize,
        "",
        design.shape(),
        || routes_of(design, table),
    )
}

fn routes_of(design: &Design, table: &RouteTable) -> Vec<Route> {
    let mut out = local_routes(design, &table.vpc);
    for r in &table.routes {
        let Ok(net) = cidr::parse_v4(&r.destination) else {
            continue;
        };
        let target = if design.node(&r.target).is_some() {
            Target::Node(r.target.clone())
        } else {
            Target::Missing(r.target.clone())
        };
        out.push(Route {
            destination: Destination::Cidr(net),
            target,
            origin: Origin::Static,
        });
    }
    // Grouped once per design: scanning every node for every table grew with the square of
    // the design (perf at 5,000 resources).
    let endpoints = design.lookup.grouped(
        Group::GatewayEndpointsByTable,
        design.nodes.len(),
        &table.id,
        &|| {
            let mut by_table: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, n) in design.nodes.iter().enumerate() {
                if let NodeKind::GatewayEndpoint { route_tables, .. } = &n.kind {
                    for t in route_tables {
                        let endpoints = by_table.entry(t.clone()).or_default();
                        // A table listed twice is one route.
                        if endpoints.last() != Some(&i) {
                            endpoints.push(i);
                        }
                    }
                }
            }
            by_table
        },
    );
    for n in endpoints.iter().filter_map(|i| design.nodes.get(*i)) {
        if let NodeKind::GatewayEndpoint { service, .. } = &n.kind {
            out.push(Route {
                destination: Destination::PrefixList(service.clone()),
                target: Target::Node(n.id.clone()),
                origin: Origin::PrefixList,
            });
        }
    }
    for gw in &table.propagations {
        for net in on_premises_cidrs_behind(design, gw) {
            out.push(Route {
                destination: Destination::Cidr(net),
                target: Target::Node(gw.clone()),
                origin: Origin::Propagated,
            });
        }
    }
    out
}

/// The local routes of a VPC: one per CIDR block. A subnet whose VPC has no main table and no
/// association has only these.
pub fn local_routes(design: &Design, vpc: &str) -> Vec<Route> {
    design
        .vpc(vpc)
        .map(|v| {
            v.cidr_blocks
                .iter()
                .filter_map(|c| cidr::parse_v4(c).ok())
                .map(|net| Route {
                    destination: Destination::Cidr(net),
                    target: Target::Local,
                    origin: Origin::Local,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The CIDRs of on-premises networks whose Site-to-Site VPN ends at `gateway` (a virtual private
/// gateway or a transit gateway): what the VPN announces.
pub fn on_premises_cidrs_behind(design: &Design, gateway: &str) -> Vec<Ipv4Net> {
    design
        .nodes
        .iter()
        .filter_map(|n| match &n.kind {
            NodeKind::OnPremises {
                cidrs,
                vpn: Some(v),
                ..
            } if v == gateway => Some(cidrs),
            _ => None,
        })
        .flatten()
        .filter_map(|c| cidr::parse_v4(c).ok())
        .collect()
}

/// The CIDRs an attachment of a transit gateway propagates: a VPC's blocks, or an on-premises
/// network's CIDRs.
fn attachment_cidrs(design: &Design, attachment: &str) -> Vec<Ipv4Net> {
    if let Some(v) = design.vpc(attachment) {
        return v.blocks();
    }
    match design.node(attachment).map(|n| &n.kind) {
        Some(NodeKind::OnPremises { cidrs, .. }) => cidrs
            .iter()
            .filter_map(|c| cidr::parse_v4(c).ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// The attachments of a transit gateway, named by what they attach: its VPCs, then the
/// on-premises networks whose VPN ends at it.
pub fn tgw_attachments(design: &Design, tgw: &str) -> Vec<Id> {
    let mut out: Vec<Id> = match design.node(tgw).map(|n| &n.kind) {
        Some(NodeKind::TransitGateway { attachments, .. }) => {
            attachments.iter().map(|a| a.vpc.clone()).collect()
        }
        _ => Vec::new(),
    };
    out.extend(
        design
            .nodes
            .iter()
            .filter(|n| matches!(&n.kind, NodeKind::OnPremises { vpn: Some(v), .. } if v == tgw))
            .map(|n| n.id.clone()),
    );
    out
}

/// The attachment of transit gateway `tgw` in VPC `vpc`: the first, as a scan finds it. Every
/// hop through the gateway asks twice (where it enters, where it leaves), and a scan grew with
/// the number of attached VPCs.
pub fn tgw_attachment<'a>(design: &Design, tgw: &'a Node, vpc: &str) -> Option<&'a TgwAttachment> {
    let NodeKind::TransitGateway { attachments, .. } = &tgw.kind else {
        return None;
    };
    design
        .lookup
        .find(Kind::TgwAttachment, attachments, vpc, |a| &a.vpc)
}

/// A transit gateway route table in effect: its name and routes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TgwTable {
    pub name: String,
    pub routes: Vec<Route>,
    /// For tables too long to scan quickly (`None`: scanned).
    index: Option<RouteIndex>,
}

impl TgwTable {
    /// The route the table uses for `address`, as `select` chooses it.
    pub fn select(&self, address: &Address) -> Option<&Route> {
        match &self.index {
            Some(index) => index.select(&self.routes, address),
            // A transit gateway's routes are CIDRs: no prefix list needs the Region.
            None => select(&self.routes, address, ""),
        }
    }
}

/// The transit gateway route table `attachment` is associated with, with its static and
/// propagated routes (G1). A transit gateway without tables has its default table, with every
/// attachment associated and propagating.
pub fn tgw_table_for(design: &Design, tgw: &str, attachment: &str) -> Rc<Option<TgwTable>> {
    let Some(
        node @ Node {
            kind: NodeKind::TransitGateway { route_tables, .. },
            ..
        },
    ) = design.node(tgw)
    else {
        return Rc::new(None);
    };
    // Which table: the default one (no tables), or the first the attachment is associated with.
    let which = if route_tables.is_empty() {
        None
    } else {
        match route_tables
            .iter()
            .position(|t| t.associations.iter().any(|a| a == attachment))
        {
            Some(i) => Some(i),
            None => return Rc::new(None),
        }
    };
    // Every hop through the transit gateway asks; each table's routes are worked out once per design.
    let key = which.map(|i| i.to_string()).unwrap_or_default();
    design.lookup.memo(
        Memo::TgwTable,
        node as *const Node as usize,
        &key,
        design.shape(),
        || Some(tgw_table_of(design, tgw, which)),
    )
}

/// Transit gateway `tgw`'s route table at position `which` (`None`: its default table, with every
/// attachment associated and propagating), with its static and propagated routes.
fn tgw_table_of(design: &Design, tgw: &str, which: Option<usize>) -> TgwTable {
    let all = tgw_attachments(design, tgw);
    let attached: crate::model::hash::HashSet<&str> = all.iter().map(String::as_str).collect();
    let default_table;
    let table: &TgwRouteTable = match (which, design.node(tgw).map(|n| &n.kind)) {
        (Some(i), Some(NodeKind::TransitGateway { route_tables, .. }))
            if i < route_tables.len() =>
        {
            &route_tables[i]
        }
        _ => {
            default_table = TgwRouteTable {
                name: "default".into(),
                associations: all.clone(),
                propagations: all.clone(),
                routes: Vec::new(),
            };
            &default_table
        }
    };
    let mut routes = Vec::new();
    for r in &table.routes {
        let Ok(net) = cidr::parse_v4(&r.destination) else {
            continue;
        };
        let target = match &r.attachment {
            None => Target::Blackhole,
            Some(a) if attached.contains(a.as_str()) => Target::Node(a.clone()),
            Some(a) => Target::Missing(a.clone()),
        };
        routes.push(Route {
            destination: Destination::Cidr(net),
            target,
            origin: Origin::Static,
        });
    }
    for a in table
        .propagations
        .iter()
        .filter(|a| attached.contains(a.as_str()))
    {
        for net in attachment_cidrs(design, a) {
            routes.push(Route {
                destination: Destination::Cidr(net),
                target: Target::Node(a.clone()),
                origin: Origin::Propagated,
            });
        }
    }
    TgwTable {
        name: table.name.clone(),
        // Below 16 routes a scan is as quick as hashing (as in `Lookup::find`).
        index: (routes.len() >= 16)
            .then(|| RouteIndex::of(&routes))
            .flatten(),
        routes,
    }
}

fn as_text<S: serde::Serializer>(net: &Ipv4Net, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(net)
}
