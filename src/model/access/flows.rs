//! The requests a flow carries, judged with the policies on its traced path: the endpoint it
//! goes through (whose policy must allow) and the resource it reaches (an AWS service node's
//! resource policy, e.g. the bucket policy). The request context comes from the path: through
//! a VPC endpoint `aws:SourceVpce` is the endpoint's id and `aws:SourceVpc` its VPC's; through
//! NAT or an internet gateway neither is present (eval.rs `Context`).

use super::{Access, Attached, Caller, Context, Policy, PolicyKind, Request, access, parse};
use crate::model::design::{Design, Flow, FlowTarget, Id, Node, NodeKind};
use crate::model::dns::names::planned_vpce_id;
use crate::model::routing::address;
use crate::model::routing::trace::Trace;
use serde::Serialize;

/// The verdict on one of a flow's requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checked {
    /// Position in the flow's `requests`.
    pub request: usize,
    pub action: String,
    pub access: Access,
    /// The endpoint whose policy was applied, if the path goes through one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Id>,
    /// The AWS service node whose resource policy was applied, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Id>,
}

/// Every request of `flow`, judged along `trace` (empty when the flow makes none or never
/// arrives: a dropped packet carries no request).
pub fn check(design: &Design, flow: &Flow, trace: &Trace) -> Vec<Checked> {
    if flow.requests.is_empty() || trace.verdict.is_dropped() {
        return Vec::new();
    }
    // The first VPC endpoint to an AWS service on the path. An endpoint to a customer
    // endpoint service has no policy to apply: full access [E12].
    let endpoint = trace
        .path()
        .into_iter()
        .filter_map(|id| design.node(id))
        .find(|n| match &n.kind {
            NodeKind::GatewayEndpoint { .. } => true,
            NodeKind::InterfaceEndpoint {
                endpoint_service, ..
            } => endpoint_service.is_none(),
            _ => false,
        });
    let resource = match &flow.to {
        FlowTarget::Node(id) => design
            .node(id)
            .filter(|n| matches!(n.kind, NodeKind::AwsService { .. })),
        FlowTarget::Internet => None,
    };
    let context = match endpoint {
        Some(ep) => Context::via_endpoint(
            &planned_vpce_id(&ep.id).0,
            design.node_vpc(ep).unwrap_or_default(),
            source_ip(design, flow),
        ),
        None => Context::via_internet(None),
    };
    let endpoint_policy = endpoint.map(|ep| (ep, kind_of(ep), read(ep.policy.as_deref(), true)));
    let resource_policy =
        resource.and_then(|r| r.policy.as_deref().map(|p| (r, read(Some(p), false))));
    // A policy AWS would refuse decides nothing.
    let broken = match (&endpoint_policy, &resource_policy) {
        (Some((n, _, Err(()))), _) | (_, Some((n, Err(())))) => Some(*n),
        _ => None,
    };
    flow.requests
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let request = Request::new(Caller::new(&r.principal), &r.action, &r.resource, context.clone());
            let access = match broken {
                Some(n) => Access {
                    allowed: false,
                    deciding: Vec::new(),
                    reason: format!("not decided: the policy of {} has problems AWS would refuse; fix them first", crate::model::text::clip(&n.name)),
                },
                None => access(
                    &request,
                    endpoint_policy.as_ref().and_then(|(n, kind, p)| p.as_ref().ok().map(|p| Attached { kind: *kind, id: &n.name, policy: p })),
                    resource_policy.as_ref().and_then(|(n, p)| p.as_ref().ok().map(|p| Attached { kind: PolicyKind::Resource, id: &n.name, policy: p })),
                ),
            };
            Checked { request: i, action: r.action.clone(), access, endpoint: endpoint.map(|n| n.id.clone()), resource: resource.filter(|r| r.policy.is_some()).map(|r| r.id.clone()) }
        })
        .collect()
}

fn kind_of(endpoint: &Node) -> PolicyKind {
    if matches!(endpoint.kind, NodeKind::GatewayEndpoint { .. }) {
        PolicyKind::GatewayEndpoint
    } else {
        PolicyKind::InterfaceEndpoint
    }
}

/// A node's policy; an endpoint without one has the default full-access policy [E12].
fn read(text: Option<&str>, endpoint: bool) -> Result<Policy, ()> {
    match text {
        None if endpoint => Ok(Policy::default_endpoint()),
        None => Err(()),
        Some(t) => parse(t).map_err(|_| ()),
    }
}

/// The source workload's private address (`aws:VpcSourceIp` through an endpoint).
fn source_ip(design: &Design, flow: &Flow) -> Option<std::net::Ipv4Addr> {
    let node = design.node(&flow.from)?;
    let subnet = design.subnet(node.kind.home_subnet()?)?;
    address::interface_address(design, node, subnet)
}
