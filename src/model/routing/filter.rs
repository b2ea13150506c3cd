//! Packet filters on a path: security groups (stateful, on network interfaces) and network
//! ACLs (stateless, on subnets).
//!
//! Security groups (aws-networking.md §3, E14; VPC user guide "Security group rules"): allow
//! rules only; a packet passes when any rule of any group of the interface allows it; replies
//! to allowed traffic are always allowed. An interface with no group uses its VPC's default
//! group, which allows inbound traffic from its own members and all outbound traffic.
//! Network ACLs (VPC user guide "Network ACL rules"): rules in number order, the first match
//! decides, no match denies; stateless, so replies need their own rule. A subnet without a
//! custom ACL uses the default ACL, which allows everything.

use super::address::Address;
use crate::model::cidr;
use crate::model::design::{AclRule, Design, NetworkAcl, Node, Protocol, SgPeer, SgRule, Subnet};
use ipnet::Ipv4Net;

/// The port a client's reply arrives on, for checking replies through network ACLs: within
/// both the Linux (32768–60999) and the Windows (49152–65535) ephemeral ranges.
pub const EPHEMERAL_PORT: u16 = 49152;

/// The other end of a packet, as a filter sees it.
pub struct Peer<'a> {
    pub address: &'a Address,
    /// The workload or endpoint at the other end, when it is one of the design's interfaces
    /// (for rules that name a security group).
    pub node: Option<&'a Node>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ingress,
    Egress,
}

/// The security groups in effect on a node: its own, or (None) its VPC's default group.
fn groups_of<'a>(design: &'a Design, node: &'a Node) -> Option<Vec<&'a SgRuleSet>> {
    if node.security_groups.is_empty() {
        return None;
    }
    Some(
        node.security_groups
            .iter()
            .filter_map(|g| design.security_group(g).map(|(_, g)| g))
            .collect(),
    )
}

type SgRuleSet = crate::model::design::SecurityGroup;

/// Whether `node`'s security groups let `protocol`/`port` traffic out to (`Egress`) or in from
/// (`Ingress`) `peer`. `Err` carries the reason in words.
pub fn security_groups_allow(
    design: &Design,
    node: &Node,
    direction: Direction,
    protocol: Protocol,
    port: u16,
    peer: &Peer,
) -> Result<(), String> {
    let what = match direction {
        Direction::Ingress => "inbound",
        Direction::Egress => "outbound",
    };
    match groups_of(design, node) {
        None => {
            // The default group: all outbound; inbound only from members of the default group
            // of the same VPC.
            match direction {
                Direction::Egress => Ok(()),
                Direction::Ingress => {
                    let same_default = peer.node.is_some_and(|p| {
                        p.security_groups.is_empty()
                            && design.node_vpc(p).is_some()
                            && design.node_vpc(p) == design.node_vpc(node)
                    });
                    if same_default {
                        Ok(())
                    } else {
                        Err(format!(
                            "{} uses its VPC's default security group, which allows inbound traffic only from interfaces in that same group",
                            node.name
                        ))
                    }
                }
            }
        }
        Some(groups) => {
            let allowed = groups.iter().any(|g| {
                let rules = match direction {
                    Direction::Ingress => &g.ingress,
                    Direction::Egress => &g.egress,
                };
                rules
                    .iter()
                    .any(|r| sg_rule_matches(design, r, protocol, port, peer))
            });
            if allowed {
                Ok(())
            } else {
                let names = groups
                    .iter()
                    .map(|g| g.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                Err(format!(
                    "no {what} rule of security group {names} allows {} {port}",
                    protocol_label(protocol)
                ))
            }
        }
    }
}

fn sg_rule_matches(
    design: &Design,
    rule: &SgRule,
    protocol: Protocol,
    port: u16,
    peer: &Peer,
) -> bool {
    if !protocol_matches(rule.protocol, rule.from_port, rule.to_port, protocol, port) {
        return false;
    }
    match &rule.peer {
        SgPeer::Cidr(c) => cidr::parse_v4(c).is_ok_and(|net| cidr_holds(&net, peer.address)),
        SgPeer::SecurityGroup(id) => {
            peer.node
                .is_some_and(|n| n.security_groups.iter().any(|g| g == id))
                && design.security_group(id).is_some()
        }
        SgPeer::PrefixList(key) => {
            matches!(peer.address, Address::Service { key: k, region, .. } if k == key && *region == design.region)
        }
    }
}

/// Whether a CIDR covers an address. An address the planner cannot name (the internet, a
/// service whose ranges are unknown) is covered by 0.0.0.0/0 only.
fn cidr_holds(net: &Ipv4Net, address: &Address) -> bool {
    match address.ip() {
        Some(ip) => cidr::holds(net, ip),
        None => net.prefix_len() == 0,
    }
}

fn protocol_matches(rule: Protocol, from: u16, to: u16, protocol: Protocol, port: u16) -> bool {
    match rule {
        Protocol::All => true,
        Protocol::Icmp => protocol == Protocol::Icmp,
        _ => rule == protocol && (from..=to).contains(&port),
    }
}

pub fn protocol_label(p: Protocol) -> &'static str {
    match p {
        Protocol::Tcp => "TCP",
        Protocol::Udp => "UDP",
        Protocol::Icmp => "ICMP",
        Protocol::All => "all traffic",
    }
}

/// Whether the network ACL of `subnet` lets a packet through in `direction` to or from
/// `remote`, on `port`. `Err` names the rule (or the final deny) that stopped it.
pub fn network_acl_allows(
    design: &Design,
    subnet: &Subnet,
    direction: Direction,
    protocol: Protocol,
    port: u16,
    remote: &Address,
) -> Result<(), String> {
    let Some(acl) = design.network_acl_of_subnet(subnet) else {
        return Ok(());
    };
    first_match(acl, direction, protocol, port, remote)
}

fn first_match(
    acl: &NetworkAcl,
    direction: Direction,
    protocol: Protocol,
    port: u16,
    remote: &Address,
) -> Result<(), String> {
    let (rules, what) = match direction {
        Direction::Ingress => (&acl.ingress, "inbound"),
        Direction::Egress => (&acl.egress, "outbound"),
    };
    let mut ordered: Vec<&AclRule> = rules.iter().collect();
    crate::model::sort::sort_by_key(&mut ordered, |r| r.number);
    let hit = ordered.into_iter().find(|r| {
        protocol_matches(r.protocol, r.from_port, r.to_port, protocol, port)
            && cidr::parse_v4(&r.cidr).is_ok_and(|net| cidr_holds(&net, remote))
    });
    match hit {
        Some(r) if r.allow => Ok(()),
        Some(r) => Err(format!(
            "{what} rule {} of network ACL {} denies {} {port}",
            r.number,
            acl.name,
            protocol_label(protocol)
        )),
        None => Err(format!(
            "no {what} rule of network ACL {} matches {} {port}, so its final rule (*) denies it",
            acl.name,
            protocol_label(protocol)
        )),
    }
}
