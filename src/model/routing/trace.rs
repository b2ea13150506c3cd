//! Tracing a flow hop by hop: which route table and route each packet meets, which gateway or
//! endpoint it passes, which filters it crosses, and whether it stays private, leaves over the
//! internet, or is dropped, and why.
//!
//! The rules, all from aws-networking.md:
//! - §2 route choice (table.rs); a route to a target that is gone is a blackhole (R1).
//! - §2 NAT gateways (N1): serve traffic from their own VPC (also arriving through a transit
//!   gateway), never over peering or VPN; a private NAT gateway's traffic is dropped by an
//!   internet gateway.
//! - §2 peering (P1): no transitive or edge-to-edge routing (only the peer VPC's own addresses
//!   are reachable across it), no overlapping CIDRs, routes are added by hand on both sides
//!   (so replies need a route back).
//! - §2 transit gateway (G1): each attachment is associated with one route table; routes are
//!   static or propagated; a workload in an AZ without an attachment subnet can't reach it.
//! - §3 gateway endpoints (E1, E2): same Region only, unusable from VPN, peering or transit
//!   gateway traffic; names stay public, the prefix-list route carries the traffic.
//! - §3 interface endpoints: reached at their network interfaces' addresses (private DNS in
//!   the dns module decides what a name means from the source).
//! - Site-to-Site VPN: a virtual private gateway announces its VPC's CIDRs to on-premises and
//!   propagates the on-premises CIDRs into tables that enable propagation.
//! - §3 endpoint services (E4, E5, E8): a consumer reaches one only through an interface
//!   endpoint in its own VPC (or one it can route to), by the endpoint's `vpce-` name or the
//!   service's private DNS name; the endpoint's network interface in an AZ hands the traffic
//!   to the service's network load balancer in the same AZ, which listens on one TCP port and
//!   forwards to a target in its AZ (cross-zone load balancing is off by default, §6 T16).
//!   Not in aws-networking.md (to add there): targets see PrivateLink traffic coming from the
//!   load balancer node's private address, not the consumer's (PrivateLink guide, "Create a
//!   service powered by AWS PrivateLink", Considerations; NLB guide, "Client IP preservation":
//!   https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html),
//!   so their security groups must allow the load balancer's subnets (the planner models a load
//!   balancer without security groups of its own).

use super::address::{self, Address};
use super::filter::{self, Direction, EPHEMERAL_PORT, Peer};
use super::table::{self, Origin, Route, Target};
use crate::model::catalog;
use crate::model::cidr;
use crate::model::design::{
    Design, Flow, FlowTarget, Id, NatConnectivity, Node, NodeKind, Protocol, Subnet,
};
use crate::model::dns::{self, Answer, Asker, Outcome, Record};
use crate::model::text::{clip, name_of_id, name_or_id};
use serde::Serialize;

/// How far a packet may travel before the planner calls it a loop: more gateways than any
/// real path passes.
const MAX_STEPS: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trace {
    pub flow: Id,
    pub hops: Vec<Hop>,
    pub verdict: Verdict,
    /// The Availability Zones the traffic passes through, in order (a repeat means it crossed
    /// back). Empty when it never enters a subnet.
    pub zones: Vec<String>,
    /// The DNS lookup the source made first, when the flow goes to a name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns: Option<Answer>,
    /// The flow's requests judged by the endpoint and resource policies on the path
    /// (model/access); empty without requests or when the flow is dropped.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access: Vec<crate::model::access::flows::Checked>,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// The design item where it happens (node, subnet or VPC), to highlight it.
    pub at: Id,
    /// What happens, in words; empty in a trace made without them (`trace_all`).
    pub text: String,
    /// The route table consulted here and the route that won.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<MatchedRoute>,
}

/// The route that decided a hop. Its texts (`table_name` to `why`) are empty in a trace made
/// without words (`trace_all`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchedRoute {
    /// The VPC route table's id, or the transit gateway's id for its tables.
    pub table: Id,
    pub table_name: String,
    pub destination: String,
    pub target: String,
    pub origin: Origin,
    /// Why this route won.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Verdict {
    /// Stays on AWS's network or the private VPN, never through an internet gateway.
    Private,
    /// Leaves to the internet: through this internet gateway (after this NAT gateway), or from
    /// an on-premises network's own connection.
    Internet { exit: Id, nat: Option<Id> },
    /// Never arrives.
    Dropped { code: &'static str, reason: String },
}

impl Verdict {
    pub fn is_dropped(&self) -> bool {
        matches!(self, Verdict::Dropped { .. })
    }
}

impl Trace {
    /// The verdict in one line.
    pub fn summary(&self, design: &Design) -> String {
        let name = |id: &str| design.name_of(id).map(clip).unwrap_or_else(|| clip(id));
        let route = match &self.verdict {
            Verdict::Private => "private".to_string(),
            Verdict::Internet {
                exit,
                nat: Some(nat),
            } => format!(
                "internet, via NAT gateway {} and internet gateway {}",
                name(nat),
                name(exit)
            ),
            Verdict::Internet { exit, nat: None } => match design.node(exit).map(|n| &n.kind) {
                Some(NodeKind::OnPremises { .. }) => {
                    format!("internet, from on-premises network {}", name(exit))
                }
                _ => format!("internet, via internet gateway {}", name(exit)),
            },
            Verdict::Dropped { reason, .. } => format!("dropped: {reason}"),
        };
        // "routed privately, denied by endpoint policy …": the first denied request decides the
        // headline; otherwise how many requests the policies allow.
        match self.access.iter().find(|c| !c.access.allowed) {
            Some(c) => format!("{route}; but {} is {}", clip(&c.action), c.access.reason),
            None if !self.access.is_empty() => {
                let n = self.access.len();
                format!(
                    "{route}; {} allowed by the policies on the path",
                    if n == 1 {
                        "its request is".to_string()
                    } else {
                        format!("all {n} requests are")
                    }
                )
            }
            None => route,
        }
    }

    /// Every design item the path touches, in order, without repeats.
    pub fn path(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for h in &self.hops {
            if !out.contains(&h.at.as_str()) {
                out.push(&h.at);
            }
        }
        out
    }

    /// The trace as text: the verdict, then each hop with the route that decided it.
    pub fn describe(&self, design: &Design) -> String {
        let flow = design.flow(&self.flow);
        let name = flow
            .map(|f| {
                if f.name.is_empty() {
                    f.id.as_str()
                } else {
                    f.name.as_str()
                }
            })
            .unwrap_or(&self.flow);
        let mut out = format!("flow {}: {}\n", clip(name), self.summary(design));
        for (i, hop) in self.hops.iter().enumerate() {
            out.push_str(&format!("  {:>2}. {}\n", i + 1, hop.text));
            if let Some(r) = &hop.route {
                out.push_str(&format!(
                    "      route {} -> {} ({}; {})\n",
                    r.destination,
                    r.target,
                    r.origin.label(),
                    r.why
                ));
            }
        }
        if self.zone_crossings() > 0 {
            out.push_str(&format!(
                "  crosses Availability Zones: {}\n",
                self.zones.join(" -> ")
            ));
        }
        out
    }

    /// How many times the path changes Availability Zone.
    pub fn zone_crossings(&self) -> usize {
        self.zones.windows(2).filter(|w| w[0] != w[1]).count()
    }
}

/// Traces every flow of the design, in document order, without the words: the hops' texts
/// and the matched routes' texts are empty. Analyses read only where a flow goes (each hop's
/// item and route table, the zones, the verdict with its reason, the DNS answer, the judged
/// requests); writing every step's sentence for every flow was a quarter of an analysis
/// (perf, `cargo bench --bench scale`). `trace` one flow to show its steps.
pub fn trace_all(design: &Design) -> Vec<Trace> {
    design
        .flows
        .iter()
        .map(|f| walk(design, f, false))
        .collect()
}

/// The path of one flow, with every step in words.
pub fn trace(design: &Design, flow: &Flow) -> Trace {
    walk(design, flow, true)
}

fn walk(design: &Design, flow: &Flow, words: bool) -> Trace {
    let mut walk = Walk {
        d: design,
        flow,
        words,
        hops: Vec::new(),
        zones: Vec::new(),
        nat: None,
        steps: 0,
        dns: None,
    };
    let verdict = walk.run().unwrap_or_else(|drop| {
        if let Some(at) = drop.at {
            let text = walk.words(|| format!("dropped here: {}", drop.reason));
            walk.hops.push(Hop {
                at,
                text: text.unwrap_or_default(),
                route: None,
            });
        }
        Verdict::Dropped {
            code: drop.code,
            reason: drop.reason,
        }
    });
    let mut trace = Trace {
        flow: flow.id.clone(),
        hops: walk.hops,
        verdict,
        zones: walk.zones,
        dns: walk.dns,
        access: Vec::new(),
    };
    // Once the path is known, whether its policies let the flow's requests through.
    trace.access = crate::model::access::flows::check(design, flow, &trace);
    trace
}

/// The path of a DNS query (UDP 53) from `from` to `to`: how the DNS module checks that an
/// on-premises server reaches a Resolver inbound endpoint, or an outbound endpoint reaches
/// on-premises DNS servers.
pub fn dns_query(design: &Design, from: &Node, to: &Node) -> Trace {
    let flow = Flow {
        id: String::new(),
        name: String::new(),
        from: from.id.clone(),
        to: FlowTarget::Node(to.id.clone()),
        gb_per_month: 0.0,
        protocol: crate::model::design::Protocol::Udp,
        port: 53,
        host: None,
        requests: Vec::new(),
    };
    // Only its verdict is read: no words.
    walk(design, &flow, false)
}

struct Drop {
    code: &'static str,
    reason: String,
    /// Where it happens, when that is a place on the canvas.
    at: Option<Id>,
}

fn drop(code: &'static str, reason: String) -> Drop {
    Drop {
        code,
        reason,
        at: None,
    }
}

impl Drop {
    fn at(mut self, id: &str) -> Drop {
        self.at = Some(id.to_string());
        self
    }
}

type Step = Result<Verdict, Drop>;

/// How the packet reached the subnet it is in now.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Arrival {
    /// It starts here.
    Origin,
    /// Through a NAT gateway (private: no Elastic IP).
    Nat {
        private: bool,
    },
    /// Forwarded by a network interface a route pointed at (an appliance).
    Appliance,
    Peering(Id),
    Transit(Id),
    Vpn(Id),
}

impl Arrival {
    /// Traffic that came from outside the VPC, in the words of AWS's restrictions.
    fn from_outside(&self) -> Option<&'static str> {
        match self {
            Arrival::Peering(_) => Some("a peering connection"),
            Arrival::Transit(_) => Some("a transit gateway"),
            Arrival::Vpn(_) => Some("a VPN"),
            _ => None,
        }
    }
}

/// Where the flow is going.
struct Destination<'a> {
    address: Address,
    /// The interface that receives it (workload or interface endpoint), if inside a VPC.
    interface: Option<(&'a Node, &'a Subnet)>,
    /// The AWS service behind it, when the flow goes to one.
    service: Option<&'a Node>,
    label: String,
}

struct Source<'a> {
    node: &'a Node,
    subnet: Option<&'a Subnet>,
    address: Address,
}

struct Walk<'a> {
    d: &'a Design,
    flow: &'a Flow,
    /// Whether the steps are put in words (`trace`) or only followed (`trace_all`).
    words: bool,
    hops: Vec<Hop>,
    zones: Vec<String>,
    nat: Option<&'a Node>,
    steps: usize,
    dns: Option<Answer>,
}

impl<'a> Walk<'a> {
    /// `text()` when this walk writes its steps in words.
    fn words<T>(&self, text: impl FnOnce() -> T) -> Option<T> {
        self.words.then(text)
    }

    /// A step of the path. Its words are written only in a trace made to be read (`trace`).
    fn hop(&mut self, at: &str, text: impl FnOnce() -> String) {
        let text = if self.words { text() } else { String::new() };
        self.hops.push(Hop {
            at: at.to_string(),
            text,
            route: None,
        });
    }

    fn enter_zone(&mut self, subnet: &Subnet) {
        if self.zones.last() != Some(&subnet.availability_zone) {
            self.zones.push(subnet.availability_zone.clone());
        }
    }

    fn run(&mut self) -> Step {
        let d = self.d;
        let Some(node) = d.node(&self.flow.from) else {
            return Err(drop(
                "flow.invalid",
                format!(
                    "the flow starts at {}, which is not in the design",
                    clip(&self.flow.from)
                ),
            ));
        };
        let source = match &node.kind {
            NodeKind::OnPremises { cidrs, .. } => {
                let ip = address::on_premises_address(cidrs).ok_or_else(|| {
                    drop(
                        "flow.invalid",
                        format!(
                            "on-premises network {} has no valid CIDR block",
                            name_or_id(&node.name, &node.id)
                        ),
                    )
                })?;
                Source {
                    node,
                    subnet: None,
                    address: Address::Ip(ip),
                }
            }
            // A Resolver endpoint sends DNS queries (dns_query), from its first interface.
            k if k.is_workload() || matches!(k, NodeKind::ResolverEndpoint { .. }) => {
                let (subnet, ip) = self.home_interface(node)?;
                Source {
                    node,
                    subnet: Some(subnet),
                    address: Address::Ip(ip),
                }
            }
            other => {
                return Err(drop(
                    "flow.invalid",
                    format!(
                        "flows start at a workload or an on-premises network, not {}",
                        other.a_label()
                    ),
                ));
            }
        };
        let dest = self.destination(&source)?;
        let proto = filter::protocol_label(self.flow.protocol);
        let from_text = source
            .address
            .ip()
            .map(|ip| format!(" ({ip})"))
            .unwrap_or_default();
        self.hop(&node.id, || {
            format!(
                "{} {}{from_text} sends {proto} {} to {}",
                node.kind.label(),
                name_or_id(&node.name, &node.id),
                self.flow.port,
                dest.label
            )
        });
        // The lookup happens at the source, before the first packet: the hop stays there so the
        // drawn path doesn't jump to the zone or endpoint that answered.
        if let Some(answer) = self.dns.take() {
            self.hop(&node.id, || {
                format!(
                    "DNS: {} resolves to {}: {}",
                    answer.name,
                    answer.summary(d),
                    answer.reason()
                )
            });
            self.dns = Some(answer);
        }
        match source.subnet {
            Some(subnet) => {
                self.check_sg(
                    source.node,
                    Direction::Egress,
                    &dest.address,
                    dest.interface.map(|(n, _)| n),
                    "security_group.egress",
                )
                .map_err(|e| e.at(&source.node.id))?;
                self.enter_zone(subnet);
                self.in_vpc(&source, &dest, subnet, Arrival::Origin)
            }
            None => self.from_on_premises(&source, &dest),
        }
    }

    /// The subnet a workload (or Resolver endpoint) sits in and its interface's address there.
    fn home_interface(&self, node: &'a Node) -> Result<(&'a Subnet, std::net::Ipv4Addr), Drop> {
        let d = self.d;
        let subnet = node
            .kind
            .home_subnet()
            .and_then(|s| d.subnet(s))
            .ok_or_else(|| {
                drop(
                    "flow.invalid",
                    format!(
                        "{} is in no subnet of the design",
                        name_or_id(&node.name, &node.id)
                    ),
                )
            })?;
        Ok((subnet, self.address_in(node, subnet)?))
    }

    /// The address of `node`'s network interface in `subnet`; none when the subnet's block is
    /// not a valid CIDR.
    fn address_in(&self, node: &Node, subnet: &Subnet) -> Result<std::net::Ipv4Addr, Drop> {
        address::interface_address(self.d, node, subnet).ok_or_else(|| {
            drop(
                "flow.invalid",
                format!(
                    "subnet {} has no valid CIDR block",
                    name_or_id(&subnet.name, &subnet.id)
                ),
            )
        })
    }

    fn destination(&mut self, source: &Source<'a>) -> Result<Destination<'a>, Drop> {
        let d = self.d;
        let target = match &self.flow.to {
            FlowTarget::Internet => None,
            FlowTarget::Node(id) => Some(d.node(id).ok_or_else(|| {
                drop(
                    "flow.invalid",
                    format!("the flow goes to {}, which is not in the design", clip(id)),
                )
            })?),
        };
        let host = match (&self.flow.host, target) {
            (
                None,
                Some(
                    t @ Node {
                        kind: NodeKind::EndpointService { .. },
                        ..
                    },
                ),
            ) => Some(self.consumer_name(source, t)?),
            _ => self
                .flow
                .host
                .clone()
                .or_else(|| target.and_then(|t| dns::names::default_host(d, t))),
        };
        if let Some(host) = host {
            let asker = match source.subnet {
                Some(s) => Asker::Subnet(s),
                None => Asker::OnPremises(source.node),
            };
            let answer = dns::resolve_in_words(d, asker, &host, self.words)
                .map_err(|e| drop("dns.bad_name", format!("the flow's name: {e}")))?;
            let dest = self.answered(source, target, &answer);
            self.dns = Some(answer);
            return dest;
        }
        let Some(target) = target else {
            return Ok(Destination {
                address: Address::Internet,
                interface: None,
                service: None,
                label: "the internet".into(),
            });
        };
        let source_zone = source.subnet.map(|s| s.availability_zone.as_str());
        match &target.kind {
            k if k.is_workload() => {
                let (subnet, ip) = self.home_interface(target)?;
                Ok(Destination {
                    address: Address::Ip(ip),
                    interface: Some((target, subnet)),
                    service: None,
                    label: format!(
                        "{} {} ({ip})",
                        k.label(),
                        name_or_id(&target.name, &target.id)
                    ),
                })
            }
            NodeKind::AwsService { service, region } => {
                // A service the catalogue doesn't know has no name to look up: its public side.
                let region = region.clone().unwrap_or_else(|| d.region.clone());
                Ok(self.public_service(service, &region, Some(target)))
            }
            NodeKind::ResolverEndpoint { .. } => {
                let (subnet, ip) = self.endpoint_interface(target, source_zone)?;
                Ok(Destination {
                    address: Address::Ip(ip),
                    interface: Some((target, subnet)),
                    service: None,
                    label: format!(
                        "{} {} ({ip})",
                        target.kind.label(),
                        name_or_id(&target.name, &target.id)
                    ),
                })
            }
            NodeKind::InterfaceEndpoint { .. } => {
                let (subnet, ip) = self.endpoint_interface(target, source_zone)?;
                Ok(Destination {
                    address: Address::Ip(ip),
                    interface: Some((target, subnet)),
                    service: None,
                    label: format!(
                        "interface endpoint {} ({ip})",
                        name_or_id(&target.name, &target.id)
                    ),
                })
            }
            NodeKind::OnPremises { cidrs, .. } => {
                let ip = address::on_premises_address(cidrs).ok_or_else(|| {
                    drop(
                        "flow.invalid",
                        format!(
                            "on-premises network {} has no valid CIDR block",
                            name_or_id(&target.name, &target.id)
                        ),
                    )
                })?;
                Ok(Destination {
                    address: Address::Ip(ip),
                    interface: None,
                    service: None,
                    label: format!(
                        "on-premises network {} ({ip})",
                        name_or_id(&target.name, &target.id)
                    ),
                })
            }
            other => Err(drop(
                "flow.invalid",
                format!("a flow can't go to {}", other.a_label()),
            )),
        }
    }

    /// The name a consumer uses for an endpoint service, through the interface endpoint to it
    /// in the source's VPC: the service's private DNS name when that endpoint has private DNS
    /// on, else the endpoint's Regional `vpce-` name (E5, E8).
    fn consumer_name(&self, source: &Source<'a>, service: &'a Node) -> Result<String, Drop> {
        let d = self.d;
        let sname = name_or_id(&service.name, &service.id);
        let Some(subnet) = source.subnet else {
            return Err(drop("privatelink.no_endpoint", format!("an on-premises network reaches endpoint service {sname} through an interface endpoint in a VPC it is connected to: give the flow that endpoint's DNS name")).at(&source.node.id));
        };
        let endpoint = d.nodes.iter().find(|n| matches!(&n.kind, NodeKind::InterfaceEndpoint { vpc, endpoint_service: Some(s), .. } if *vpc == subnet.vpc && *s == service.id));
        let Some(endpoint) = endpoint else {
            return Err(drop(
                "privatelink.no_endpoint",
                format!("VPC {} has no interface endpoint for endpoint service {sname}; a consumer reaches an endpoint service only through an interface endpoint (AWS PrivateLink), so add one to this VPC", name_of_id(self.d, &subnet.vpc)),
            )
            .at(&source.node.id));
        };
        let private_name = match (&endpoint.kind, &service.kind) {
            (
                NodeKind::InterfaceEndpoint {
                    private_dns: true, ..
                },
                NodeKind::EndpointService {
                    private_dns_name: Some(n),
                    ..
                },
            ) => Some(n.clone()),
            _ => None,
        };
        private_name
            .or_else(|| {
                dns::names::endpoint_names(d, endpoint)
                    .into_iter()
                    .next()
                    .map(|(n, _)| n)
            })
            .ok_or_else(|| {
                drop(
                    "flow.invalid",
                    format!(
                        "interface endpoint {} has no name",
                        name_or_id(&endpoint.name, &endpoint.id)
                    ),
                )
            })
    }

    /// Where the DNS answer sends the flow.
    fn answered(
        &self,
        source: &Source<'a>,
        target: Option<&'a Node>,
        answer: &Answer,
    ) -> Result<Destination<'a>, Drop> {
        let d = self.d;
        let service = target.filter(|t| {
            matches!(
                t.kind,
                NodeKind::AwsService { .. } | NodeKind::EndpointService { .. }
            )
        });
        match answer.outcome {
            Outcome::NxDomain => {
                return Err(drop(
                    "dns.nxdomain",
                    format!(
                        "DNS: {} doesn't exist for the source: {}",
                        answer.name,
                        answer.reason()
                    ),
                ));
            }
            Outcome::NoAnswer => {
                return Err(drop(
                    "dns.no_answer",
                    format!(
                        "DNS: nobody answers for {}: {}",
                        answer.name,
                        answer.reason()
                    ),
                ));
            }
            Outcome::Private | Outcome::Public => {}
        }
        let zone = source.subnet.map(|s| s.availability_zone.as_str());
        let pick = answer
            .records
            .iter()
            .find(|r| matches!(r, Record::Interface { zone: z, .. } if Some(z.as_str()) == zone))
            .or(answer.records.first());
        let Some(record) = pick else {
            return Err(drop(
                "dns.no_answer",
                format!("DNS: {} has no usable address", answer.name),
            ));
        };
        let svc_label = |what: String| match service.map(|s| (s, &s.kind)) {
            Some((_, NodeKind::AwsService { service: key, .. })) => format!(
                "{} ({what})",
                catalog::service(key)
                    .map(|s| s.name.to_string())
                    .unwrap_or_else(|| clip(key))
            ),
            Some((s, NodeKind::EndpointService { .. })) => {
                format!("endpoint service {} ({what})", name_or_id(&s.name, &s.id))
            }
            _ => what,
        };
        match record {
            Record::Interface {
                ip, node, subnet, ..
            } => {
                let (Some(n), Some(sub)) = (d.node(node), d.subnet(subnet)) else {
                    return Err(drop(
                        "flow.invalid",
                        "the DNS answer names an interface that is not in the design".into(),
                    ));
                };
                Ok(Destination {
                    address: Address::Ip(*ip),
                    interface: Some((n, sub)),
                    service,
                    label: svc_label(format!(
                        "{ip}, {} {}",
                        noun(&n.kind),
                        name_or_id(&n.name, &n.id)
                    )),
                })
            }
            Record::Address { ip } => {
                let interface = address::interface_at(d, *ip);
                let label = match interface {
                    Some((n, _)) => svc_label(format!(
                        "{ip}, {} {}",
                        noun(&n.kind),
                        name_or_id(&n.name, &n.id)
                    )),
                    None => svc_label(ip.to_string()),
                };
                Ok(Destination {
                    address: Address::Ip(*ip),
                    interface,
                    service,
                    label,
                })
            }
            Record::OnPremises { ip, node } => Ok(Destination {
                address: Address::Ip(*ip),
                interface: None,
                service: None,
                label: format!("on-premises network {} ({ip})", name_of_id(self.d, node)),
            }),
            // An AWS service's public name reached on the way to an endpoint service is not that
            // service: the traffic goes where the name points.
            Record::Service {
                service: key,
                region,
                ..
            } => Ok(self.public_service(
                key,
                region,
                service.filter(|s| matches!(s.kind, NodeKind::AwsService { .. })),
            )),
            Record::Internet => Ok(Destination {
                address: Address::Internet,
                interface: None,
                service: None,
                label: answer.name.clone(),
            }),
        }
    }

    /// The public side of a service in a Region.
    fn public_service(
        &self,
        key: &str,
        region: &str,
        service: Option<&'a Node>,
    ) -> Destination<'a> {
        let svc_name = catalog::service(key)
            .map(|s| s.name.to_string())
            .unwrap_or_else(|| clip(key));
        let ip = catalog::public_ranges(region, key)
            .iter()
            .find_map(|c| cidr::read(c))
            .map(|n| std::net::Ipv4Addr::from(u32::from(n.network()) + 10));
        let at = ip.map(|ip| format!("{ip}, ")).unwrap_or_default();
        let label = format!("{svc_name} ({at}public endpoint in {region})");
        Destination {
            address: Address::Service {
                key: key.to_string(),
                region: region.to_string(),
                ip,
            },
            interface: None,
            service,
            label,
        }
    }

    /// The network interface of an interface or Resolver endpoint a client uses: the one in
    /// the client's Availability Zone when there is one, else the first.
    fn endpoint_interface(
        &self,
        endpoint: &'a Node,
        zone: Option<&str>,
    ) -> Result<(&'a Subnet, std::net::Ipv4Addr), Drop> {
        let (NodeKind::InterfaceEndpoint { subnets, .. }
        | NodeKind::ResolverEndpoint { subnets, .. }) = &endpoint.kind
        else {
            return Err(drop(
                "flow.invalid",
                "not an endpoint with network interfaces".into(),
            ));
        };
        let listed: Vec<&Subnet> = subnets.iter().filter_map(|s| self.d.subnet(s)).collect();
        let subnet = listed
            .iter()
            .find(|s| Some(s.availability_zone.as_str()) == zone)
            .or(listed.first())
            .copied()
            .ok_or_else(|| {
                drop(
                    "endpoint.no_interface",
                    format!(
                        "interface endpoint {} has no subnet, so no address",
                        name_or_id(&endpoint.name, &endpoint.id)
                    ),
                )
            })?;
        Ok((subnet, self.address_in(endpoint, subnet)?))
    }

    fn check_sg(
        &self,
        node: &Node,
        direction: Direction,
        other: &Address,
        other_node: Option<&Node>,
        code: &'static str,
    ) -> Result<(), Drop> {
        let peer = Peer {
            address: other,
            node: other_node,
        };
        filter::security_groups_allow(
            self.d,
            node,
            direction,
            self.flow.protocol,
            self.flow.port,
            &peer,
        )
        .map_err(|reason| drop(code, reason))
    }

    /// The packet is in `subnet`: its route table decides where it goes next.
    fn in_vpc(
        &mut self,
        source: &Source<'a>,
        dest: &Destination<'a>,
        subnet: &'a Subnet,
        arrival: Arrival,
    ) -> Step {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(drop(
                "route.loop",
                "the routes send the traffic round in a loop".into(),
            ));
        }
        let d = self.d;
        let table = d.route_table_of_subnet(subnet);
        let routes = match table {
            Some(t) => table::effective_routes(d, t),
            None => std::rc::Rc::new(table::local_routes(d, &subnet.vpc)),
        };
        let table_name = table
            .map(|t| name_or_id(&t.name, &t.id))
            .unwrap_or_else(|| "(none: only the local route)".into());
        let Some(route) = table::select(&routes, &dest.address, &d.region) else {
            return Err(drop(
                "route.no_route",
                format!(
                    "route table {table_name} of subnet {} has no route to {}",
                    name_or_id(&subnet.name, &subnet.id),
                    dest.label
                ),
            )
            .at(&subnet.id));
        };
        let matched = self.matched(
            table.map(|t| t.id.as_str()).unwrap_or(""),
            &table_name,
            &routes,
            route,
            &dest.address,
        );
        let text = self.words(|| {
            format!(
                "subnet {}: route table {table_name} sends it to {}",
                name_or_id(&subnet.name, &subnet.id),
                matched.target
            )
        });
        self.hops.push(Hop {
            at: subnet.id.clone(),
            text: text.unwrap_or_default(),
            route: Some(matched),
        });
        match &route.target {
            Target::Local => self.deliver(source, dest, &subnet.vpc, &arrival),
            Target::Missing(id) | Target::Node(id) if d.node(id).is_none() => {
                Err(drop("route.blackhole", format!("the route to {} points at {}, which no longer exists: a blackhole route drops the traffic", route.destination_text(&d.region), clip(id))).at(&subnet.id))
            }
            Target::Blackhole => Err(drop("route.blackhole", "a blackhole route drops the traffic".into())),
            Target::Missing(_) => unreachable_drop(),
            Target::Node(id) => {
                let Some(node) = d.node(id) else { return unreachable_drop() };
                let foreign = match &node.kind {
                    NodeKind::InternetGateway { .. } | NodeKind::NatGateway { .. } | NodeKind::VpnGateway { .. } | NodeKind::GatewayEndpoint { .. } => d.node_vpc(node) != Some(subnet.vpc.as_str()),
                    k => k.is_workload() && d.node_vpc(node) != Some(subnet.vpc.as_str()),
                };
                if foreign {
                    return Err(drop("route.target_other_vpc", format!("the route points at {} {}, which belongs to another VPC; AWS refuses such a route", node.kind.label(), name_or_id(&node.name, &node.id))).at(&subnet.id));
                }
                self.through(source, dest, subnet, node, arrival)
            }
        }
    }

    /// The packet reaches `node`, the target of the route it matched in `subnet`.
    fn through(
        &mut self,
        source: &Source<'a>,
        dest: &Destination<'a>,
        subnet: &'a Subnet,
        node: &'a Node,
        arrival: Arrival,
    ) -> Step {
        let d = self.d;
        let name = name_or_id(&node.name, &node.id);
        match &node.kind {
            NodeKind::InternetGateway { .. } => self.internet_gateway(dest, node, &arrival),
            NodeKind::NatGateway {
                subnet: home,
                connectivity,
            } => {
                if let Arrival::Peering(_) | Arrival::Vpn(_) = arrival {
                    let via = arrival.from_outside().unwrap_or("");
                    return Err(drop(
                        "nat.not_usable",
                        format!(
                            "NAT gateway {name} can't be used by traffic that arrived over {via}"
                        ),
                    )
                    .at(&node.id));
                }
                let Some(home) = d.subnet(home) else {
                    return Err(drop(
                        "flow.invalid",
                        format!("NAT gateway {name} is in no subnet of the design"),
                    ));
                };
                let private = *connectivity == NatConnectivity::Private;
                let as_what = if private {
                    "its private IP address (private NAT, no Elastic IP)"
                } else {
                    "its Elastic IP address"
                };
                self.hop(&node.id, || {
                    format!(
                        "NAT gateway {name} in {} replaces the source address with {as_what}",
                        home.availability_zone
                    )
                });
                self.nat = Some(node);
                self.enter_zone(home);
                self.in_vpc(source, dest, home, Arrival::Nat { private })
            }
            NodeKind::GatewayEndpoint { service, .. } => {
                if let Some(via) = arrival.from_outside() {
                    return Err(drop("gateway_endpoint.not_usable", format!("gateway endpoint {name} serves only traffic from inside its VPC; traffic that arrived over {via} can't use it")).at(&node.id));
                }
                let svc = catalog::service(service)
                    .map(|s| s.name)
                    .unwrap_or("the service");
                self.hop(&node.id, || format!("gateway endpoint {name} carries it to {svc} inside AWS (same Region; the name still resolves to public addresses)"));
                if let Some(s) = dest.service {
                    self.hop(&s.id, || {
                        format!("arrives at {}", name_or_id(&s.name, &s.id))
                    });
                }
                Ok(Verdict::Private)
            }
            NodeKind::TransitGateway { .. } => {
                self.transit_gateway(source, dest, node, &subnet.vpc, Some(subnet), &arrival)
            }
            NodeKind::VpcPeering {
                requester,
                accepter,
            } => {
                if let Some(via) = arrival.from_outside() {
                    return Err(drop("peering.not_transitive", format!("traffic that arrived over {via} can't continue across peering connection {name}: peering has no transitive or edge-to-edge routing")).at(&node.id));
                }
                let other = if *requester == subnet.vpc {
                    accepter
                } else {
                    requester
                };
                let Some(peer_vpc) = d.vpc(other) else {
                    return Err(drop(
                        "flow.invalid",
                        format!(
                            "peering connection {name} leads to a VPC that is not in the design"
                        ),
                    ));
                };
                let blocks = |v: &crate::model::design::Vpc| {
                    v.cidr_blocks
                        .iter()
                        .filter_map(|c| cidr::parse_v4(c).ok())
                        .collect::<Vec<_>>()
                };
                let (mine, theirs) = (
                    d.vpc(&subnet.vpc).map(blocks).unwrap_or_default(),
                    blocks(peer_vpc),
                );
                if mine
                    .iter()
                    .any(|a| theirs.iter().any(|b| cidr::overlaps(a, b)))
                {
                    return Err(drop("peering.overlap", format!("peering connection {name} joins VPCs with overlapping CIDR blocks, which AWS refuses")).at(&node.id));
                }
                self.hop(&node.id, || {
                    format!(
                        "crosses peering connection {name} to VPC {}",
                        name_or_id(&peer_vpc.name, &peer_vpc.id)
                    )
                });
                let inside = dest
                    .address
                    .ip()
                    .is_some_and(|ip| theirs.iter().any(|b| cidr::holds(b, ip)));
                if !inside {
                    return Err(drop("peering.not_transitive", format!("{} is not in VPC {}; a peering connection delivers only to the peer VPC's own addresses, never onwards through its gateways or endpoints", dest.label, name_or_id(&peer_vpc.name, &peer_vpc.id))).at(&node.id));
                }
                self.deliver(
                    source,
                    dest,
                    &peer_vpc.id,
                    &Arrival::Peering(node.id.clone()),
                )
            }
            NodeKind::VpnGateway { .. } => {
                if let Arrival::Vpn(_) = arrival {
                    return Err(drop(
                        "route.loop",
                        format!(
                            "traffic from the VPN is routed back into virtual private gateway {name}"
                        ),
                    ));
                }
                self.to_on_premises(dest, node)
            }
            k if k.is_workload() => {
                let Some(home) = k.home_subnet().and_then(|s| d.subnet(s)) else {
                    return Err(drop(
                        "flow.invalid",
                        format!("{name} is in no subnet of the design"),
                    ));
                };
                self.hop(&node.id, || format!("the network interface of {} {name} receives it and forwards it (an appliance)", k.label()));
                self.enter_zone(home);
                self.in_vpc(source, dest, home, Arrival::Appliance)
            }
            other => Err(drop(
                "route.target_kind",
                format!(
                    "the route points at {}, which can't carry traffic",
                    other.a_label()
                ),
            )),
        }
    }

    fn internet_gateway(
        &mut self,
        dest: &Destination<'a>,
        igw: &'a Node,
        arrival: &Arrival,
    ) -> Step {
        let name = name_or_id(&igw.name, &igw.id);
        if let Arrival::Nat { private: true } = arrival {
            let nat = self
                .nat
                .map(|n| name_or_id(&n.name, &n.id))
                .unwrap_or_default();
            return Err(drop("nat.private_to_internet", format!("NAT gateway {nat} is private (no Elastic IP), so internet gateway {name} drops its traffic")).at(&igw.id));
        }
        if let Some(via) = arrival.from_outside() {
            return Err(drop("igw.from_outside", format!("internet gateway {name} serves only its own VPC's addresses; traffic that arrived over {via} must pass a NAT gateway first")).at(&igw.id));
        }
        if !dest.address.is_public() {
            return Err(drop(
                "igw.private_destination",
                format!(
                    "{} is a private address; an internet gateway does not route it",
                    dest.label
                ),
            )
            .at(&igw.id));
        }
        let how = if self.nat.is_some() {
            ""
        } else {
            " (the workload needs a public IPv4 address, as a public subnet gives it)"
        };
        self.hop(&igw.id, || {
            format!("internet gateway {name} sends it to the internet{how}")
        });
        if let Some(s) = dest.service {
            self.hop(&s.id, || {
                format!(
                    "arrives at {} over its public endpoint",
                    name_or_id(&s.name, &s.id)
                )
            });
        }
        Ok(Verdict::Internet {
            exit: igw.id.clone(),
            nat: self.nat.map(|n| n.id.clone()),
        })
    }

    /// Through a transit gateway, entering from `attachment` (a VPC id, or an on-premises id).
    fn transit_gateway(
        &mut self,
        source: &Source<'a>,
        dest: &Destination<'a>,
        tgw: &'a Node,
        attachment: &str,
        from: Option<&'a Subnet>,
        arrival: &Arrival,
    ) -> Step {
        let d = self.d;
        let name = name_or_id(&tgw.name, &tgw.id);
        let NodeKind::TransitGateway { .. } = &tgw.kind else {
            return unreachable_drop();
        };
        if let Some(subnet) = from {
            let Some(att) = table::tgw_attachment(d, tgw, attachment) else {
                return Err(drop(
                    "tgw.not_attached",
                    format!(
                        "transit gateway {name} has no attachment in VPC {}",
                        name_of_id(self.d, attachment)
                    ),
                )
                .at(&tgw.id));
            };
            let in_zone = att
                .subnets
                .iter()
                .filter_map(|s| d.subnet(s))
                .any(|s| s.availability_zone == subnet.availability_zone);
            if !in_zone {
                return Err(drop("tgw.no_attachment_in_az", format!("transit gateway {name} has no attachment subnet in {}, so traffic from there can't reach it", subnet.availability_zone)).at(&subnet.id));
            }
        }
        let found = table::tgw_table_for(d, &tgw.id, attachment);
        let Some(table) = found.as_ref() else {
            return Err(drop("tgw.not_associated", format!("the attachment of {} is associated with no route table of transit gateway {name}", name_of_id(self.d, attachment))).at(&tgw.id));
        };
        let table_name = format!("{name} / {}", clip(&table.name));
        let Some(route) = table.select(&dest.address) else {
            return Err(drop(
                "tgw.no_route",
                format!(
                    "transit gateway route table {table_name} has no route to {}",
                    dest.label
                ),
            )
            .at(&tgw.id));
        };
        let matched = self.matched(&tgw.id, &table_name, &table.routes, route, &dest.address);
        let text = self.words(|| {
            format!(
                "transit gateway {name}: route table {} sends it to {}",
                clip(&table.name),
                matched.target
            )
        });
        self.hops.push(Hop {
            at: tgw.id.clone(),
            text: text.unwrap_or_default(),
            route: Some(matched),
        });
        let next = match &route.target {
            Target::Node(a) => a.clone(),
            Target::Blackhole => {
                return Err(drop(
                    "tgw.blackhole",
                    format!(
                        "a blackhole route of transit gateway route table {table_name} drops it"
                    ),
                )
                .at(&tgw.id));
            }
            Target::Missing(a) => {
                return Err(drop(
                    "tgw.blackhole",
                    format!(
                        "the route points at {}, which is not attached: a blackhole",
                        clip(a)
                    ),
                )
                .at(&tgw.id));
            }
            Target::Local => return unreachable_drop(),
        };
        if next == attachment && from.is_some() {
            return Err(drop(
                "route.loop",
                format!("transit gateway {name} routes it back to the VPC it came from"),
            )
            .at(&tgw.id));
        }
        if let Some(vpc) = d.vpc(&next) {
            let att = table::tgw_attachment(d, tgw, &next);
            let subnets = || {
                att.into_iter()
                    .flat_map(|a| a.subnets.iter().filter_map(|s| d.subnet(s)))
            };
            let zone = self.zones.last().map(String::as_str);
            // The transit gateway keeps traffic in its Availability Zone when the next VPC has
            // an attachment subnet there.
            let Some(entry) = subnets()
                .find(|s| Some(s.availability_zone.as_str()) == zone)
                .or_else(|| subnets().next())
            else {
                return Err(drop(
                    "tgw.no_subnets",
                    format!(
                        "the attachment of VPC {} has no subnet",
                        name_or_id(&vpc.name, &vpc.id)
                    ),
                ));
            };
            self.hop(&entry.id, || {
                format!(
                    "enters VPC {} through the transit gateway attachment in subnet {}",
                    name_or_id(&vpc.name, &vpc.id),
                    name_or_id(&entry.name, &entry.id)
                )
            });
            self.enter_zone(entry);
            return self.in_vpc(source, dest, entry, Arrival::Transit(tgw.id.clone()));
        }
        match d.node(&next) {
            Some(
                onprem @ Node {
                    kind: NodeKind::OnPremises { .. },
                    ..
                },
            ) => {
                let _ = arrival;
                self.to_on_premises(dest, onprem)
            }
            _ => Err(drop(
                "tgw.blackhole",
                format!("the route points at {}, which is not attached", clip(&next)),
            )),
        }
    }

    /// Over a Site-to-Site VPN, from `gateway` (a virtual private gateway, or an on-premises
    /// network a transit gateway route chose) to the on-premises network holding the address.
    fn to_on_premises(&mut self, dest: &Destination<'a>, gateway: &'a Node) -> Step {
        let d = self.d;
        let holds = |n: &Node| match &n.kind {
            NodeKind::OnPremises { cidrs, .. } => dest.address.ip().is_some_and(|ip| {
                cidrs
                    .iter()
                    .filter_map(|c| cidr::parse_v4(c).ok())
                    .any(|c| cidr::holds(&c, ip))
            }),
            _ => false,
        };
        let onprem = match &gateway.kind {
            NodeKind::OnPremises { .. } => Some(gateway).filter(|n| holds(n)),
            _ => d.nodes.iter().find(|n| {
                matches!(&n.kind, NodeKind::OnPremises { vpn: Some(v), .. } if *v == gateway.id)
                    && holds(n)
            }),
        };
        let Some(onprem) = onprem else {
            return Err(drop(
                "vpn.not_announced",
                format!(
                    "no on-premises network behind {} {} holds {}",
                    noun(&gateway.kind),
                    name_or_id(&gateway.name, &gateway.id),
                    dest.label
                ),
            )
            .at(&gateway.id));
        };
        if !matches!(gateway.kind, NodeKind::OnPremises { .. }) {
            self.hop(&gateway.id, || {
                format!(
                    "virtual private gateway {} sends it into the Site-to-Site VPN",
                    name_or_id(&gateway.name, &gateway.id)
                )
            });
        }
        self.hop(&onprem.id, || {
            format!(
                "the Site-to-Site VPN delivers it to on-premises network {}",
                name_or_id(&onprem.name, &onprem.id)
            )
        });
        Ok(Verdict::Private)
    }

    fn from_on_premises(&mut self, source: &Source<'a>, dest: &Destination<'a>) -> Step {
        let d = self.d;
        let onprem = source.node;
        let NodeKind::OnPremises { vpn, .. } = &onprem.kind else {
            return unreachable_drop();
        };
        if dest.address.is_public() {
            self.hop(&onprem.id, || "public addresses leave through the on-premises network's own internet connection; a gateway endpoint never serves traffic from a VPN".to_string());
            if let Some(s) = dest.service {
                self.hop(&s.id, || {
                    format!(
                        "arrives at {} over its public endpoint",
                        name_or_id(&s.name, &s.id)
                    )
                });
            }
            return Ok(Verdict::Internet {
                exit: onprem.id.clone(),
                nat: None,
            });
        }
        let Some(gw) = vpn.as_deref().and_then(|g| d.node(g)) else {
            return Err(drop(
                "vpn.none",
                format!(
                    "on-premises network {} has no Site-to-Site VPN to AWS",
                    name_or_id(&onprem.name, &onprem.id)
                ),
            )
            .at(&onprem.id));
        };
        match &gw.kind {
            NodeKind::VpnGateway { vpc } => {
                let vpc = vpc.clone();
                self.hop(&gw.id, || {
                    format!(
                        "the Site-to-Site VPN reaches virtual private gateway {} of VPC {}",
                        name_or_id(&gw.name, &gw.id),
                        name_of_id(self.d, &vpc)
                    )
                });
                let inside = d.vpc(&vpc).is_some_and(|v| {
                    dest.address.ip().is_some_and(|ip| {
                        v.cidr_blocks
                            .iter()
                            .filter_map(|c| cidr::parse_v4(c).ok())
                            .any(|b| cidr::holds(&b, ip))
                    })
                });
                if !inside {
                    return Err(drop("vpn.not_announced", format!("virtual private gateway {} leads only into VPC {} (its CIDR blocks); {} is outside them", name_or_id(&gw.name, &gw.id), name_of_id(self.d, &vpc), dest.label)).at(&gw.id));
                }
                self.deliver(source, dest, &vpc, &Arrival::Vpn(gw.id.clone()))
            }
            NodeKind::TransitGateway { .. } => {
                self.hop(&gw.id, || {
                    format!(
                        "the Site-to-Site VPN reaches transit gateway {}",
                        name_or_id(&gw.name, &gw.id)
                    )
                });
                self.transit_gateway(
                    source,
                    dest,
                    gw,
                    &onprem.id,
                    None,
                    &Arrival::Vpn(gw.id.clone()),
                )
            }
            other => Err(drop(
                "vpn.none",
                format!(
                    "the VPN ends at {}, which can't terminate one",
                    other.a_label()
                ),
            )),
        }
    }

    /// The local route delivers the packet inside `vpc`: network ACLs, the receiving security
    /// group, and a route back for the replies.
    fn deliver(
        &mut self,
        source: &Source<'a>,
        dest: &Destination<'a>,
        vpc: &str,
        arrival: &Arrival,
    ) -> Step {
        let d = self.d;
        let Some((target, dsub)) = dest.interface.filter(|(_, s)| s.vpc == vpc) else {
            return Err(drop(
                "route.no_host",
                format!(
                    "{} is in the range of VPC {}, but nothing there has that address (overlapping CIDR blocks?)",
                    dest.label,
                    name_of_id(self.d, vpc)
                ),
            ));
        };
        let (proto, port) = (self.flow.protocol, self.flow.port);
        // What the receiver sees as the source: the NAT gateway's address after a NAT.
        let seen_from = match self.nat {
            Some(nat) => nat
                .kind
                .home_subnet()
                .and_then(|s| d.subnet(s))
                .and_then(|s| address::interface_address(d, nat, s))
                .map(Address::Ip)
                .unwrap_or(source.address.clone()),
            None => source.address.clone(),
        };
        let sender_node = if self.nat.is_some() {
            None
        } else {
            Some(source.node)
        };
        let same_subnet =
            source.subnet.is_some_and(|s| s.id == dsub.id) && *arrival == Arrival::Origin;
        if !same_subnet {
            if let (Some(ssub), true) = (source.subnet, matches!(arrival, Arrival::Origin)) {
                filter::network_acl_allows(d, ssub, Direction::Egress, proto, port, &dest.address)
                    .map_err(|r| drop("network_acl.outbound", r).at(&ssub.id))?;
                filter::network_acl_allows(
                    d,
                    ssub,
                    Direction::Ingress,
                    proto,
                    EPHEMERAL_PORT,
                    &dest.address,
                )
                .map_err(|r| {
                    drop("network_acl.return", format!("replies are blocked: {r}")).at(&ssub.id)
                })?;
            }
            filter::network_acl_allows(d, dsub, Direction::Ingress, proto, port, &seen_from)
                .map_err(|r| drop("network_acl.inbound", r).at(&dsub.id))?;
            filter::network_acl_allows(
                d,
                dsub,
                Direction::Egress,
                proto,
                EPHEMERAL_PORT,
                &seen_from,
            )
            .map_err(|r| {
                drop("network_acl.return", format!("replies are blocked: {r}")).at(&dsub.id)
            })?;
        }
        self.enter_zone(dsub);
        self.check_sg(
            target,
            Direction::Ingress,
            &seen_from,
            sender_node,
            "security_group.ingress",
        )
        .map_err(|e| e.at(&target.id))?;
        self.return_route(dsub, &seen_from, arrival)
            .map_err(|e| e.at(&dsub.id))?;
        self.hop(&target.id, || match &target.kind {
            NodeKind::InterfaceEndpoint { .. } => format!(
                "arrives at interface endpoint {} in subnet {}",
                name_or_id(&target.name, &target.id),
                name_or_id(&dsub.name, &dsub.id)
            ),
            k => format!(
                "arrives at {} {} in subnet {}",
                k.label(),
                name_or_id(&target.name, &target.id),
                name_or_id(&dsub.name, &dsub.id)
            ),
        });
        if let Some(s) = dest.service {
            if matches!(s.kind, NodeKind::EndpointService { .. }) {
                return self.provider_side(target, dsub, s);
            }
            self.hop(&s.id, || {
                format!(
                    "interface endpoint {} carries it to {} over AWS PrivateLink",
                    name_or_id(&target.name, &target.id),
                    name_or_id(&s.name, &s.id)
                )
            });
        }
        Ok(Verdict::Private)
    }

    /// From a consumer's interface endpoint in `esub` to a target behind endpoint service `svc`:
    /// PrivateLink, the network load balancer's interface in the same AZ, its TCP listener,
    /// a target in that AZ and the target's filters (rules in the module's header).
    fn provider_side(&mut self, endpoint: &'a Node, esub: &'a Subnet, svc: &'a Node) -> Step {
        let d = self.d;
        let NodeKind::EndpointService {
            vpc,
            subnets,
            port,
            targets,
            acceptance_required,
            ..
        } = &svc.kind
        else {
            return unreachable_drop();
        };
        let (sname, ename) = (
            name_or_id(&svc.name, &svc.id),
            name_or_id(&endpoint.name, &endpoint.id),
        );
        if !matches!(&endpoint.kind, NodeKind::InterfaceEndpoint { endpoint_service: Some(e), .. } if *e == svc.id)
        {
            return Err(drop("privatelink.other_endpoint", format!("the flow's name leads to {} {ename}, which doesn't connect to endpoint service {sname}", noun(&endpoint.kind))).at(&endpoint.id));
        }
        if self.flow.protocol != Protocol::Tcp || self.flow.port != *port {
            let sent = format!(
                "{} {}",
                filter::protocol_label(self.flow.protocol),
                self.flow.port
            );
            return Err(drop("privatelink.port", format!("the network load balancer of endpoint service {sname} listens on TCP {port} only; the flow sends {sent}")).at(&svc.id));
        }
        let zone = esub.availability_zone.as_str();
        let Some(lb_subnet) = subnets
            .iter()
            .filter_map(|s| d.subnet(s))
            .find(|s| s.availability_zone == zone)
        else {
            return Err(drop("privatelink.zone", format!("endpoint service {sname} is not available in {zone} (its load balancer has no subnet there), so AWS refuses interface endpoint {ename}'s subnet {}", name_or_id(&esub.name, &esub.id))).at(&endpoint.id));
        };
        let Some(lb_ip) = address::interface_address(d, svc, lb_subnet) else {
            return Err(drop(
                "flow.invalid",
                format!(
                    "subnet {} has no valid CIDR block",
                    name_or_id(&lb_subnet.name, &lb_subnet.id)
                ),
            ));
        };
        let accepted = if *acceptance_required {
            " (the provider must accept the endpoint's connection first: acceptance is required)"
        } else {
            ""
        };
        self.hop(&svc.id, || format!("interface endpoint {ename} carries it over AWS PrivateLink to endpoint service {sname}{accepted}"));
        // At the service's icon, which stands for its load balancer too: the drawn path goes
        // from the endpoint to it and on to the target.
        self.hop(&svc.id, || format!("the network load balancer of {sname} receives it on TCP {port} at {lb_ip} in subnet {} ({zone}) of VPC {}", name_or_id(&lb_subnet.name, &lb_subnet.id), name_of_id(self.d, vpc)));
        self.enter_zone(lb_subnet);
        let registered: Vec<(&'a Node, &'a Subnet)> = targets
            .iter()
            .filter_map(|t| d.node(t))
            .filter(|n| n.kind.is_workload() && d.node_vpc(n) == Some(vpc.as_str()))
            .filter_map(|n| {
                n.kind
                    .home_subnet()
                    .and_then(|s| d.subnet(s))
                    .map(|s| (n, s))
            })
            .collect();
        if registered.is_empty() {
            return Err(drop("privatelink.no_targets", format!("the network load balancer of endpoint service {sname} has no targets in VPC {}", name_of_id(self.d, vpc))).at(&svc.id));
        }
        let Some((target, tsub)) = registered
            .iter()
            .find(|(_, s)| s.availability_zone == zone)
            .copied()
        else {
            return Err(drop("privatelink.no_target_in_zone", format!("the network load balancer of endpoint service {sname} has no target in {zone}, and with cross-zone load balancing off (its default) it doesn't send connections to other zones")).at(&svc.id));
        };
        // Targets see the load balancer's address as the source of PrivateLink traffic.
        let from = Address::Ip(lb_ip);
        let (proto, port) = (self.flow.protocol, self.flow.port);
        if lb_subnet.id != tsub.id {
            let to = address::interface_address(d, target, tsub)
                .map(Address::Ip)
                .unwrap_or(Address::Internet);
            filter::network_acl_allows(d, lb_subnet, Direction::Egress, proto, port, &to)
                .map_err(|r| drop("network_acl.outbound", r).at(&lb_subnet.id))?;
            filter::network_acl_allows(d, tsub, Direction::Ingress, proto, port, &from)
                .map_err(|r| drop("network_acl.inbound", r).at(&tsub.id))?;
            filter::network_acl_allows(d, tsub, Direction::Egress, proto, EPHEMERAL_PORT, &from)
                .map_err(|r| {
                    drop("network_acl.return", format!("replies are blocked: {r}")).at(&tsub.id)
                })?;
        }
        self.check_sg(target, Direction::Ingress, &from, None, "security_group.ingress")
            .map_err(|e| drop(e.code, format!("{}; targets of a network load balancer see PrivateLink traffic coming from the load balancer's address ({lb_ip}), so allow its subnets", e.reason)).at(&target.id))?;
        self.hop(&target.id, || format!("the local route delivers it to target {} {} in subnet {}, from the load balancer's address {lb_ip}", target.kind.label(), name_or_id(&target.name, &target.id), name_or_id(&tsub.name, &tsub.id)));
        self.enter_zone(tsub);
        Ok(Verdict::Private)
    }

    /// Replies need a route back: routes are added by hand on both sides of a peering, a
    /// transit gateway or a VPN (P1, G1).
    fn return_route(&self, dsub: &Subnet, to: &Address, arrival: &Arrival) -> Result<(), Drop> {
        let (expected, via) = match arrival {
            Arrival::Peering(id) => (id, "peering connection"),
            Arrival::Transit(id) => (id, "transit gateway"),
            Arrival::Vpn(id) => match self.d.node(id).map(|n| &n.kind) {
                // A VPN that ended at a transit gateway entered through its attachment.
                Some(NodeKind::VpnGateway { .. }) => (id, "virtual private gateway"),
                _ => (id, "transit gateway"),
            },
            _ => return Ok(()),
        };
        let d = self.d;
        let routes = match d.route_table_of_subnet(dsub) {
            Some(t) => table::effective_routes(d, t),
            None => std::rc::Rc::new(table::local_routes(d, &dsub.vpc)),
        };
        let back = table::select(&routes, to, &d.region);
        let ok = matches!(back.map(|r| &r.target), Some(Target::Node(t)) if t == expected);
        if ok {
            return Ok(());
        }
        let table = d
            .route_table_of_subnet(dsub)
            .map(|t| name_or_id(&t.name, &t.id))
            .unwrap_or_else(|| "(none)".into());
        let ip = to.ip().map(|i| i.to_string()).unwrap_or_default();
        Err(drop(
            "route.no_return",
            format!(
                "route table {table} of subnet {} has no route back to {ip} through {via} {}, so the replies are lost",
                name_or_id(&dsub.name, &dsub.id),
                name_of_id(self.d, expected)
            ),
        ))
    }

    fn matched(
        &self,
        table: &str,
        table_name: &str,
        routes: &[Route],
        chosen: &Route,
        address: &Address,
    ) -> MatchedRoute {
        if !self.words {
            return MatchedRoute {
                table: table.to_string(),
                table_name: String::new(),
                destination: String::new(),
                target: String::new(),
                origin: chosen.origin,
                why: String::new(),
            };
        }
        let region = &self.d.region;
        // In one pass over the table: how many routes match, how specific the chosen one is,
        // and the runner-up: the best of the others (most specific, then by origin), the first
        // in table order on a tie.
        let mut matching = 0usize;
        let mut chosen_len = None;
        let mut runner_up: Option<(u8, Origin, &Route)> = None;
        for r in routes {
            let Some(len) = r.specificity(address, region) else {
                continue;
            };
            matching += 1;
            if std::ptr::eq(r, chosen) {
                chosen_len = Some(len);
            } else if runner_up.is_none_or(|(l, o, _)| (len, r.origin) > (l, o)) {
                runner_up = Some((len, r.origin, r));
            }
        }
        let chosen_len =
            chosen_len.unwrap_or_else(|| chosen.specificity(address, region).unwrap_or(0));
        let why = match runner_up {
            None => "the only route that matches".to_string(),
            Some((len, origin, other)) if len == chosen_len => format!(
                "as specific as the {} route to {}; {} routes win over {} routes",
                origin.label(),
                other.destination_text(region),
                chosen.origin.label(),
                origin.label()
            ),
            Some((_, _, other)) => format!(
                "the most specific match: it beats {} ({} routes match)",
                other.destination_text(region),
                matching
            ),
        };
        MatchedRoute {
            table: table.to_string(),
            table_name: table_name.to_string(),
            destination: chosen.destination_text(region),
            target: self.target_text(&chosen.target),
            origin: chosen.origin,
            why,
        }
    }

    fn target_text(&self, target: &Target) -> String {
        match target {
            Target::Local => "local".into(),
            Target::Blackhole => "blackhole".into(),
            Target::Missing(id) => format!("{} (deleted: blackhole)", clip(id)),
            Target::Node(id) => match (self.d.node(id), self.d.vpc(id)) {
                (Some(n), _) => format!("{} {}", noun(&n.kind), name_or_id(&n.name, &n.id)),
                (None, Some(_)) => format!("attachment of VPC {}", name_of_id(self.d, id)),
                _ => clip(id),
            },
        }
    }
}

/// A kind's name mid-sentence ("NAT gateway", "internet gateway", "EKS nodes").
fn noun(kind: &NodeKind) -> &'static str {
    let a = kind.a_label();
    a.strip_prefix("an ")
        .or_else(|| a.strip_prefix("a "))
        .unwrap_or(a)
}

/// A state the walk's own checks rule out; reported rather than panicking.
fn unreachable_drop() -> Step {
    Err(drop(
        "flow.invalid",
        "the design is inconsistent here; fix its errors first".into(),
    ))
}
