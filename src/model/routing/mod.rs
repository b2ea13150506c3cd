//! Routing: the routes AWS adds to a table by itself, which subnets are public, what a route
//! may point at, and (in the submodules) route choice, packet filters and flow traces.

pub mod address;
pub mod filter;
pub mod table;
pub mod trace;

pub use trace::{Hop, MatchedRoute, Trace, Verdict, trace, trace_all};

use super::catalog;
use super::design::{Design, Node, NodeKind, RouteTable, Subnet};

/// A route AWS maintains itself; users see it but cannot edit it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutomaticRoute {
    /// A CIDR block, or the name of a managed prefix list.
    pub destination: String,
    /// What the route points at, in words.
    pub target: String,
}

/// The routes AWS adds to `table` (aws-networking.md §2): a local route for every CIDR block
/// of the VPC, and a prefix-list route for each gateway endpoint associated with the table.
pub fn automatic_routes(design: &Design, table: &RouteTable) -> Vec<AutomaticRoute> {
    let mut out: Vec<AutomaticRoute> = design
        .vpc(&table.vpc)
        .map(|v| {
            v.cidr_blocks
                .iter()
                .map(|b| AutomaticRoute {
                    destination: b.clone(),
                    target: "local".into(),
                })
                .collect()
        })
        .unwrap_or_default();
    for node in &design.nodes {
        if let NodeKind::GatewayEndpoint {
            service,
            route_tables,
            ..
        } = &node.kind
        {
            if route_tables.iter().any(|r| *r == table.id) {
                out.push(AutomaticRoute {
                    destination: format!(
                        "prefix list {}",
                        catalog::endpoint_service_name(&design.region, service)
                    ),
                    target: format!("gateway endpoint {}", node.name),
                });
            }
        }
    }
    out
}

/// A subnet is public when its route table sends traffic to an internet gateway (through a
/// route with a valid destination; a half-typed route does not count).
pub fn is_public(design: &Design, subnet: &Subnet) -> bool {
    design.route_table_of_subnet(subnet).is_some_and(|rt| {
        rt.routes
            .iter()
            .filter(|r| super::cidr::parse_v4(&r.destination).is_ok())
            .any(|r| {
                matches!(
                    design.node(&r.target).map(|n| &n.kind),
                    Some(NodeKind::InternetGateway { .. })
                )
            })
    })
}

/// What a user route in `table` may point at (the rules `validate` checks for route targets):
/// its own VPC's internet gateway, NAT gateways, virtual private gateway and workloads' network
/// interfaces, a transit gateway attached to the VPC, and a peering connection of the VPC.
pub fn route_targets<'a>(design: &'a Design, table: &RouteTable) -> Vec<&'a Node> {
    let vpc = table.vpc.as_str();
    let mut targets: Vec<&Node> = design
        .nodes
        .iter()
        .filter(|n| match &n.kind {
            NodeKind::InternetGateway { .. }
            | NodeKind::NatGateway { .. }
            | NodeKind::VpnGateway { .. } => design.node_vpc(n) == Some(vpc),
            k if k.is_workload() => design.node_vpc(n) == Some(vpc),
            NodeKind::TransitGateway { attachments, .. } => {
                attachments.iter().any(|a| a.vpc == vpc)
            }
            NodeKind::VpcPeering {
                requester,
                accepter,
            } => requester == vpc || accepter == vpc,
            _ => false,
        })
        .collect();
    // Gateways first, then network interfaces: the usual targets at the top of a list.
    crate::model::sort::sort_by_key(&mut targets, |n| n.kind.is_workload());
    targets
}
