//! Addresses: where a packet is going, and the IPv4 address the planner gives each network
//! interface so that routes, security groups and network ACLs can be matched against it.
//!
//! AWS reserves the first four addresses and the last one of every subnet (aws-networking.md
//! §1); the planner numbers interfaces from the subnet's base + 10 in document order, which is
//! always a usable address in a /28 or larger for the first few interfaces.

use crate::model::cidr;
use crate::model::design::{Design, Node, NodeKind, Subnet};
use crate::model::hash::{HashMap, HashMapExt};
use crate::model::lookup::Group;
use serde::Serialize;
use std::net::Ipv4Addr;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Address {
    /// A private or on-premises address.
    Ip(Ipv4Addr),
    /// A public address of an AWS service in a Region (known only where the catalogue has it).
    Service {
        key: String,
        region: String,
        ip: Option<Ipv4Addr>,
    },
    /// Some address on the public internet.
    Internet,
}

impl Address {
    pub fn ip(&self) -> Option<Ipv4Addr> {
        match self {
            Address::Ip(ip) => Some(*ip),
            Address::Service { ip, .. } => *ip,
            Address::Internet => None,
        }
    }

    /// Whether the address is on the public internet (a service's public range included).
    pub fn is_public(&self) -> bool {
        match self {
            Address::Ip(ip) => {
                !(ip.is_private() || ip.is_loopback() || ip.is_link_local() || in_shared_space(*ip))
            }
            _ => true,
        }
    }
}

fn in_shared_space(ip: Ipv4Addr) -> bool {
    // 100.64.0.0/10
    u32::from(ip) & 0xffc0_0000 == 0x6440_0000
}

/// The address of `node`'s network interface in `subnet` (an interface endpoint or transit
/// gateway attachment has one per subnet).
pub fn interface_address(design: &Design, node: &Node, subnet: &Subnet) -> Option<Ipv4Addr> {
    let net = cidr::parse_v4(&subnet.cidr).ok()?;
    // Addresses are handed out in node order among the subnet's interfaces.
    let index = interfaces_in(design, &subnet.id)
        .iter()
        .position(|&i| design.nodes.get(i).is_some_and(|n| n.id == node.id))
        .unwrap_or(0);
    debug_assert_eq!(
        index,
        design
            .nodes
            .iter()
            .filter(|n| has_interface_in(n, &subnet.id))
            .position(|n| n.id == node.id)
            .unwrap_or(0),
        "interfaces of {} changed without Lookup::clear",
        subnet.id
    );
    let offset = 10u32.saturating_add(index as u32);
    // Keep clear of the broadcast-reserved last address of small subnets.
    let size = 1u32
        .checked_shl(32 - u32::from(net.prefix_len()))
        .unwrap_or(u32::MAX);
    let offset = if offset + 1 >= size {
        4 + (index as u32 % size.saturating_sub(5).max(1))
    } else {
        offset
    };
    Some(Ipv4Addr::from(
        u32::from(net.network()).saturating_add(offset),
    ))
}

/// Positions in `design.nodes` of the nodes with an interface in `subnet`, in order (grouped
/// once per design: every hop and DNS answer asks).
fn interfaces_in(design: &Design, subnet: &str) -> Vec<usize> {
    design.lookup.grouped(
        Group::InterfacesBySubnet,
        design.nodes.len(),
        subnet,
        &|| {
            let mut by_subnet: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, n) in design.nodes.iter().enumerate() {
                let subnets: Vec<&str> = match &n.kind {
                    NodeKind::InterfaceEndpoint { subnets, .. }
                    | NodeKind::ResolverEndpoint { subnets, .. }
                    | NodeKind::EndpointService { subnets, .. } => {
                        subnets.iter().map(String::as_str).collect()
                    }
                    k => k.home_subnet().into_iter().collect(),
                };
                for (j, s) in subnets.iter().enumerate() {
                    // A subnet listed twice is one interface.
                    if !subnets[..j].contains(s) {
                        by_subnet.entry(s.to_string()).or_default().push(i);
                    }
                }
            }
            by_subnet
        },
    )
}

fn has_interface_in(n: &Node, subnet: &str) -> bool {
    match &n.kind {
        // An endpoint service's network load balancer has an interface in each of its subnets.
        NodeKind::InterfaceEndpoint { subnets, .. }
        | NodeKind::ResolverEndpoint { subnets, .. }
        | NodeKind::EndpointService { subnets, .. } => subnets.iter().any(|s| s == subnet),
        k => k.home_subnet() == Some(subnet),
    }
}

/// The network interface in the design that has address `ip`, with its subnet: what a private
/// hosted zone's A record points at.
pub fn interface_at(design: &Design, ip: Ipv4Addr) -> Option<(&Node, &Subnet)> {
    design
        .subnets
        .iter()
        .filter(|s| cidr::parse_v4(&s.cidr).is_ok_and(|n| cidr::holds(&n, ip)))
        .find_map(|s| {
            design
                .nodes
                .iter()
                .filter(|n| has_interface_in(n, &s.id))
                .find(|n| interface_address(design, n, s) == Some(ip))
                .map(|n| (n, s))
        })
}

/// A representative address of an on-premises network: its first block's base + 10.
pub fn on_premises_address(cidrs: &[String]) -> Option<Ipv4Addr> {
    let net = cidrs.iter().find_map(|c| cidr::parse_v4(c).ok())?;
    let size = 1u32
        .checked_shl(32 - u32::from(net.prefix_len()))
        .unwrap_or(u32::MAX);
    let offset = if size > 11 { 10 } else { size / 2 };
    Some(Ipv4Addr::from(
        u32::from(net.network()).saturating_add(offset),
    ))
}
