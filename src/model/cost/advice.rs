//! Advice: cheaper ways to carry the same traffic, each with its monthly saving and the exact
//! design change (an `Edit` the browser applies in one undoable step).
//!
//! Every saving is measured, not assumed: the edit is applied to a copy of the design, every
//! flow is traced again and the copy is estimated; the saving is the difference of the two
//! totals. An edit that would make any of its flows stop arriving is never advised.

use super::{Estimate, estimate_with, usd};
use crate::model::catalog;
use crate::model::design::{Design, FlowTarget, Id, Node, NodeKind, Point};
use crate::model::edit::{Edit, Item};
use crate::model::palette::{self, Entry};
use crate::model::routing::{self, Trace, Verdict};
use crate::model::text::name_of_id;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    /// Stable kind: `gateway_endpoint`, `gateway_endpoint_route_table`, `interface_endpoint`,
    /// `interface_endpoint_break_even`, `endpoint_in_zone`.
    pub code: &'static str,
    pub title: String,
    pub detail: String,
    /// Monthly saving in USD (negative: what it would cost today).
    pub saving: f64,
    /// The change, when it saves money; `None` for advice that only informs.
    #[serde(skip)]
    pub edit: Option<Edit>,
    /// The flows it concerns.
    pub flows: Vec<Id>,
}

/// Below this a saving is noise (a cent a month).
const MIN_SAVING: f64 = 0.01;

/// Cheaper alternatives for the design's flows, largest saving first.
pub fn advise(design: &Design) -> Vec<Advice> {
    let traces = routing::trace_all(design);
    let before = estimate_with(design, &traces);
    advise_with(design, &traces, &before)
}

pub fn advise_with(design: &Design, traces: &[Trace], before: &Estimate) -> Vec<Advice> {
    let mut out = Vec::new();
    let a = Adviser {
        d: design,
        traces,
        before,
    };
    a.gateway_endpoints(&mut out);
    a.interface_endpoints(&mut out);
    a.endpoints_in_zone(&mut out);
    crate::model::sort::sort_by(&mut out, |x, y| y.saving.total_cmp(&x.saving));
    out
}

struct Adviser<'a> {
    d: &'a Design,
    traces: &'a [Trace],
    before: &'a Estimate,
}

/// A flow from a subnet of a VPC to an AWS service of the design's Region.
struct ServiceFlow<'a> {
    id: &'a str,
    vpc: &'a str,
    subnet: &'a str,
    service: &'a str,
    trace: &'a Trace,
}

impl<'a> Adviser<'a> {
    fn service_flows(&self) -> Vec<ServiceFlow<'a>> {
        let d = self.d;
        self.traces
            .iter()
            .filter(|t| !t.verdict.is_dropped())
            .filter_map(|t| {
                let flow = d.flow(&t.flow)?;
                let FlowTarget::Node(to) = &flow.to else {
                    return None;
                };
                let NodeKind::AwsService { service, region } = &d.node(to)?.kind else {
                    return None;
                };
                if region.as_ref().is_some_and(|r| *r != d.region) {
                    return None;
                }
                let subnet = d.node(&flow.from)?.kind.home_subnet()?;
                let vpc = d.subnet(subnet)?.vpc.as_str();
                Some(ServiceFlow {
                    id: &flow.id,
                    vpc,
                    subnet,
                    service,
                    trace: t,
                })
            })
            .collect()
    }

    fn passes(&self, t: &Trace, pred: impl Fn(&NodeKind) -> bool) -> bool {
        t.hops
            .iter()
            .any(|h| self.d.node(&h.at).is_some_and(|n| pred(&n.kind)))
    }

    /// The saving of `edit`, if all `flows` still arrive afterwards (and, with `private`, stay
    /// private).
    fn measure(&self, edit: &Edit, flows: &[Id], private: bool) -> Option<f64> {
        let mut after = self.d.clone();
        edit.clone().apply(&mut after).ok()?;
        let traces = routing::trace_all(&after);
        let ok = flows.iter().all(|f| {
            traces
                .iter()
                .find(|t| t.flow == *f)
                .is_some_and(|t| match &t.verdict {
                    Verdict::Dropped { .. } => false,
                    Verdict::Private => true,
                    Verdict::Internet { .. } => !private,
                })
        });
        ok.then(|| self.before.total - estimate_with(&after, &traces).total)
    }

    /// S3 and DynamoDB through a NAT gateway or an S3 interface endpoint, from inside the VPC:
    /// a gateway endpoint is free (aws-networking.md §3, §5).
    fn gateway_endpoints(&self, out: &mut Vec<Advice>) {
        let d = self.d;
        let flows = self.service_flows();
        let mut groups: Vec<(&str, &str)> = Vec::new();
        for f in &flows {
            let gateway_ok = catalog::service(f.service).is_some_and(|s| s.gateway_endpoint);
            let paid = self.passes(f.trace, |k| {
                matches!(
                    k,
                    NodeKind::NatGateway { .. } | NodeKind::InterfaceEndpoint { .. }
                )
            });
            if gateway_ok && paid && !groups.contains(&(f.vpc, f.service)) {
                groups.push((f.vpc, f.service));
            }
        }
        for (vpc, service) in groups {
            let members: Vec<&ServiceFlow> = flows
                .iter()
                .filter(|f| f.vpc == vpc && f.service == service)
                .collect();
            let mut tables: Vec<Id> = Vec::new();
            for f in &members {
                if let Some(t) = d.subnet(f.subnet).and_then(|s| d.route_table_of_subnet(s)) {
                    if !tables.contains(&t.id) {
                        tables.push(t.id.clone());
                    }
                }
            }
            let svc_name = catalog::service(service).map_or(service, |s| s.name);
            let existing = d.nodes.iter().find(|n| matches!(&n.kind, NodeKind::GatewayEndpoint { vpc: v, service: s, .. } if v == vpc && s == service));
            let mut edits = Vec::new();
            let (code, title) = match existing {
                Some(g) => {
                    let mut changed = g.clone();
                    if let NodeKind::GatewayEndpoint { route_tables, .. } = &mut changed.kind {
                        for t in &tables {
                            if !route_tables.contains(t) {
                                route_tables.push(t.clone());
                            }
                        }
                    }
                    let names: Vec<String> = tables.iter().map(|t| name_of_id(self.d, t)).collect();
                    edits.push(Edit::Replace {
                        item: Item::Node(changed),
                    });
                    (
                        "gateway_endpoint_route_table",
                        format!(
                            "Associate gateway endpoint {} with route table {}",
                            name_of_id(self.d, &g.id),
                            names.join(", ")
                        ),
                    )
                }
                None => {
                    let node = self.new_node(
                        Entry::GatewayEndpoint,
                        vpc,
                        NodeKind::GatewayEndpoint {
                            vpc: vpc.to_string(),
                            service: service.to_string(),
                            route_tables: tables.clone(),
                        },
                        &format!("{}-gateway", service.replace('.', "-")),
                    );
                    edits.push(Edit::Insert {
                        index: usize::MAX,
                        item: Item::Node(node),
                    });
                    (
                        "gateway_endpoint",
                        format!(
                            "Add a gateway endpoint for {svc_name} to VPC {}",
                            name_of_id(self.d, vpc)
                        ),
                    )
                }
            };
            // S3 flows that private DNS sends to an interface endpoint of the VPC keep going
            // there until its private DNS is limited to inbound Resolver queries (E6).
            for n in &d.nodes {
                if let NodeKind::InterfaceEndpoint {
                    vpc: v,
                    service: s,
                    private_dns: true,
                    private_dns_only_for_inbound_resolver_endpoint: false,
                    ..
                } = &n.kind
                {
                    if v == vpc
                        && s == service
                        && service == "s3"
                        && members.iter().any(|f| {
                            self.passes(f.trace, |k| {
                                matches!(k, NodeKind::InterfaceEndpoint { .. })
                            })
                        })
                    {
                        let mut changed = n.clone();
                        if let NodeKind::InterfaceEndpoint {
                            private_dns_only_for_inbound_resolver_endpoint,
                            ..
                        } = &mut changed.kind
                        {
                            *private_dns_only_for_inbound_resolver_endpoint = true;
                        }
                        edits.push(Edit::Replace {
                            item: Item::Node(changed),
                        });
                    }
                }
            }
            let ids: Vec<Id> = members.iter().map(|f| f.id.to_string()).collect();
            let edit = if edits.len() == 1 {
                edits.remove(0)
            } else {
                Edit::Batch(edits)
            };
            let Some(saving) = self.measure(&edit, &ids, true).filter(|s| *s >= MIN_SAVING) else {
                continue;
            };
            let detail = format!(
                "{} flow(s) to {svc_name} pay per GB through a NAT gateway or an interface endpoint; a gateway endpoint carries them for free. Saves {} a month.",
                ids.len(),
                usd(saving)
            );
            out.push(Advice {
                code,
                title,
                detail,
                saving,
                edit: Some(edit),
                flows: ids,
            });
        }
    }

    /// Services other than S3 and DynamoDB reached through a NAT gateway: an interface endpoint
    /// in the flows' Availability Zones, when its hours cost less than the NAT processing.
    fn interface_endpoints(&self, out: &mut Vec<Advice>) {
        let d = self.d;
        let flows = self.service_flows();
        let mut groups: Vec<(&str, &str)> = Vec::new();
        for f in &flows {
            let fits = catalog::service(f.service)
                .is_some_and(|s| s.interface_endpoint && !s.gateway_endpoint && s.private_dns);
            let nat = self.passes(f.trace, |k| matches!(k, NodeKind::NatGateway { .. }));
            let has = d.nodes.iter().any(|n| matches!(&n.kind, NodeKind::InterfaceEndpoint { vpc, service, .. } if vpc == f.vpc && service == f.service));
            if fits && nat && !has && !groups.contains(&(f.vpc, f.service)) {
                groups.push((f.vpc, f.service));
            }
        }
        for (vpc, service) in groups {
            let members: Vec<&ServiceFlow> = flows
                .iter()
                .filter(|f| f.vpc == vpc && f.service == service)
                .collect();
            let mut subnets: Vec<Id> = Vec::new();
            let mut zones: Vec<&str> = Vec::new();
            for f in &members {
                if let Some(s) = d.subnet(f.subnet) {
                    if !zones.contains(&s.availability_zone.as_str()) {
                        zones.push(&s.availability_zone);
                        subnets.push(s.id.clone());
                    }
                }
            }
            let Some(first) = subnets.first().cloned() else {
                continue;
            };
            let svc_name = catalog::service(service).map_or(service, |s| s.name);
            let kind = NodeKind::InterfaceEndpoint {
                vpc: vpc.to_string(),
                service: service.to_string(),
                endpoint_service: None,
                subnets,
                private_dns: true,
                private_dns_only_for_inbound_resolver_endpoint: false,
            };
            let node = self.new_node(
                Entry::InterfaceEndpoint,
                &first,
                kind,
                &format!("{}-endpoint", service.replace('.', "-")),
            );
            let mut edits = vec![Edit::Insert {
                index: usize::MAX,
                item: Item::Node(node),
            }];
            // Private DNS needs both DNS attributes of the VPC (§3).
            if let Some(v) = d
                .vpc(vpc)
                .filter(|v| !(v.enable_dns_support && v.enable_dns_hostnames))
            {
                let mut changed = v.clone();
                changed.enable_dns_support = true;
                changed.enable_dns_hostnames = true;
                edits.push(Edit::Replace {
                    item: Item::Vpc(changed),
                });
            }
            let edit = if edits.len() == 1 {
                edits.remove(0)
            } else {
                Edit::Batch(edits)
            };
            let ids: Vec<Id> = members.iter().map(|f| f.id.to_string()).collect();
            let Some(saving) = self.measure(&edit, &ids, true) else {
                continue;
            };
            let gb: f64 = members
                .iter()
                .filter_map(|f| d.flow(f.id))
                .map(|f| f.gb_per_month)
                .sum();
            if saving >= MIN_SAVING {
                let detail = format!(
                    "{} flow(s), {} GB a month, pay NAT processing to reach {svc_name}; an interface endpoint in their {} Availability Zone(s) costs less. Saves {} a month.",
                    ids.len(),
                    super::number(gb),
                    zones.len(),
                    usd(saving)
                );
                out.push(Advice {
                    code: "interface_endpoint",
                    title: format!(
                        "Add an interface endpoint for {svc_name} to VPC {}",
                        name_of_id(self.d, vpc)
                    ),
                    detail,
                    saving,
                    edit: Some(edit),
                    flows: ids,
                });
            } else if gb > 0.0 {
                // The endpoint's cost grows with its hours, not the volume: it pays off once
                // the NAT processing saved covers them. Linear in volume, so one more point
                // gives the break-even.
                let break_even = self.break_even(&edit, &ids, gb, saving);
                let when = break_even
                    .map(|b| {
                        format!(
                            " It pays off above about {} GB a month.",
                            super::number(b.ceil())
                        )
                    })
                    .unwrap_or_default();
                let detail = format!(
                    "At {} GB a month, NAT processing for {svc_name} costs {} less than an interface endpoint would.{when}",
                    super::number(gb),
                    usd(-saving)
                );
                out.push(Advice {
                    code: "interface_endpoint_break_even",
                    title: format!("Keep {svc_name} on the NAT gateway for now"),
                    detail,
                    saving,
                    edit: None,
                    flows: ids,
                });
            }
        }
    }

    /// The volume at which `edit` starts saving: the saving is linear in the flows' volume, so
    /// it is measured again with the volume doubled.
    fn break_even(&self, edit: &Edit, flows: &[Id], gb: f64, saving: f64) -> Option<f64> {
        let mut doubled = self.d.clone();
        for f in doubled.flows.iter_mut().filter(|f| flows.contains(&f.id)) {
            f.gb_per_month *= 2.0;
        }
        let traces = routing::trace_all(&doubled);
        let before = estimate_with(&doubled, &traces);
        let mut after = doubled.clone();
        edit.clone().apply(&mut after).ok()?;
        let saving2 = before.total - estimate_with(&after, &routing::trace_all(&after)).total;
        let per_gb = (saving2 - saving) / gb;
        (per_gb > 0.0).then(|| gb - saving / per_gb)
    }

    /// Flows that cross into another Availability Zone to reach an interface endpoint: an
    /// interface in their own zone stops the cross-AZ charge.
    fn endpoints_in_zone(&self, out: &mut Vec<Advice>) {
        let d = self.d;
        let mut groups: Vec<(Id, String, Vec<Id>)> = Vec::new();
        for t in self
            .traces
            .iter()
            .filter(|t| !t.verdict.is_dropped() && t.zone_crossings() > 0)
        {
            let Some(flow) = d.flow(&t.flow) else {
                continue;
            };
            let Some(zone) = t.zones.first() else {
                continue;
            };
            let endpoint = t
                .hops
                .iter()
                .filter_map(|h| d.node(&h.at))
                .find(|n| matches!(n.kind, NodeKind::InterfaceEndpoint { .. }));
            let Some(ep) = endpoint else { continue };
            let NodeKind::InterfaceEndpoint { subnets, .. } = &ep.kind else {
                continue;
            };
            if subnets
                .iter()
                .filter_map(|s| d.subnet(s))
                .any(|s| s.availability_zone == *zone)
            {
                continue;
            }
            match groups.iter_mut().find(|(e, z, _)| *e == ep.id && z == zone) {
                Some((_, _, ids)) => ids.push(flow.id.clone()),
                None => groups.push((ep.id.clone(), zone.clone(), vec![flow.id.clone()])),
            }
        }
        for (ep_id, zone, ids) in groups {
            let Some(ep) = d.node(&ep_id) else { continue };
            let NodeKind::InterfaceEndpoint { vpc, .. } = &ep.kind else {
                continue;
            };
            // The flows' own subnet when it is in the endpoint's VPC, else the VPC's first in
            // that zone.
            let own = ids
                .iter()
                .filter_map(|f| d.flow(f))
                .filter_map(|f| d.node(&f.from))
                .filter_map(|n| n.kind.home_subnet())
                .filter_map(|s| d.subnet(s))
                .find(|s| s.vpc == *vpc && s.availability_zone == zone);
            let Some(subnet) = own.or_else(|| {
                d.subnets
                    .iter()
                    .find(|s| s.vpc == *vpc && s.availability_zone == zone)
            }) else {
                continue;
            };
            let mut changed = ep.clone();
            if let NodeKind::InterfaceEndpoint { subnets, .. } = &mut changed.kind {
                subnets.push(subnet.id.clone());
            }
            let edit = Edit::Replace {
                item: Item::Node(changed),
            };
            let Some(saving) = self.measure(&edit, &ids, true).filter(|s| *s >= MIN_SAVING) else {
                continue;
            };
            let detail = format!(
                "{} flow(s) from {zone} cross into another Availability Zone to reach interface endpoint {}; an interface in subnet {} stops the cross-AZ charge. Saves {} a month.",
                ids.len(),
                name_of_id(self.d, &ep.id),
                name_of_id(self.d, &subnet.id),
                usd(saving)
            );
            out.push(Advice {
                code: "endpoint_in_zone",
                title: format!(
                    "Add {zone} to interface endpoint {}",
                    name_of_id(self.d, &ep.id)
                ),
                detail,
                saving,
                edit: Some(edit),
                flows: ids,
            });
        }
    }

    /// A new node where the palette would put it: `near` is the VPC or subnet to place it in.
    fn new_node(&self, entry: Entry, near: &str, kind: NodeKind, name: &str) -> Node {
        let d = self.d;
        let id = d.fresh_id(kind.id_prefix());
        let at = palette::spots(d, entry, Some(near))
            .into_iter()
            .next()
            .unwrap_or(Point { x: 0, y: 0 });
        let name = if d.nodes.iter().any(|n| n.name == name) {
            id.clone()
        } else {
            name.to_string()
        };
        Node {
            id,
            name,
            at,
            kind,
            security_groups: Vec::new(),
            policy: None,
        }
    }
}
