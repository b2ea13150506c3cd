//! DNS as routing needs it: what a service name resolves to from where a flow starts.
//!
//! aws-networking.md §3 (E3, E14): an interface endpoint with private DNS makes the service's
//! public name resolve to the endpoint's network interfaces, inside that endpoint's VPC only,
//! and only when the VPC has both DNS support and DNS hostnames on. Gateway endpoints do not
//! change DNS: names keep resolving to the service's public addresses (E1). Peered VPCs do not
//! see the endpoint's private zone (P1: "you can't query the peer's Amazon DNS"), and
//! on-premises resolvers see public answers unless they forward to a Resolver inbound endpoint
//! (not modelled yet).

use super::design::{Design, Node, NodeKind};

/// What the name of `service` (in `region`) resolves to.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer<'a> {
    /// The network interfaces of this interface endpoint (private DNS).
    Endpoint(&'a Node),
    /// The service's public addresses.
    Public,
}

/// The answer a client in `vpc` (None: outside every VPC, e.g. on premises) gets for the
/// regional name of `service` in `region`.
pub fn resolve_service<'a>(design: &'a Design, vpc: Option<&str>, service: &str, region: &str) -> Answer<'a> {
    let Some(vpc_id) = vpc else { return Answer::Public };
    if region != design.region {
        // Private DNS of an endpoint answers for its own Region's names only.
        return Answer::Public;
    }
    let dns_on = design.vpc(vpc_id).is_some_and(|v| v.enable_dns_support && v.enable_dns_hostnames);
    if !dns_on {
        return Answer::Public;
    }
    design
        .nodes
        .iter()
        .find(|n| matches!(&n.kind, NodeKind::InterfaceEndpoint { vpc: v, service: s, private_dns: true, subnets } if v == vpc_id && s == service && !subnets.is_empty()))
        .map(Answer::Endpoint)
        .unwrap_or(Answer::Public)
}
