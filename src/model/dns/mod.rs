//! DNS: what a name resolves to from a subnet, a VPC or an on-premises network, and why.
//!
//! The rules, as AWS documents them (aws-networking.md §1, §3 and the sources cited here):
//! - The Amazon DNS server of a VPC answers at the primary CIDR's base + 2 and at
//!   169.254.169.253, only when the VPC has DNS support on (V4).
//! - It looks for the most specific match among the Resolver forwarding rules associated with
//!   the VPC, the private hosted zones associated with it, and the private DNS zones of its
//!   interface endpoints; on a tie a forwarding rule wins over a zone (AWS knowledge center,
//!   "How can I use and override reverse DNS rules with Route 53 Resolver?": "Resolver rules,
//!   then rules for private hosted zones"). Nothing matching: public DNS (the "." rule, Route 53
//!   developer guide, "How Resolver determines where to forward DNS queries").
//! - A name inside a matching private hosted zone without a record is NXDOMAIN: Resolver does
//!   not fall back to public DNS (Route 53 guide, "Considerations when working with a private
//!   hosted zone"). Private hosted zones need DNS support and DNS hostnames on in the VPC.
//! - Private DNS of an interface endpoint answers the service's public name with the endpoint's
//!   network interfaces, in that VPC only, and only with both DNS attributes on (E3). S3's
//!   "private DNS only for inbound Resolver endpoint" limits that to queries arriving through
//!   an inbound endpoint (E6).
//! - Endpoint-specific names (`vpce-….<service>.<region>.vpce.amazonaws.com`) are public DNS
//!   names that resolve to the interfaces' private addresses from anywhere (E3).
//! - Gateway endpoints don't change DNS (E1). Peered VPCs don't see each other's private DNS
//!   (P1): they use their own resolver.
//! - On-premises DNS servers answer their own domains, forward chosen domains to a Resolver
//!   inbound endpoint (which must be reachable on UDP 53), and resolve the rest on the internet.
//!   Outbound endpoints forward a VPC's queries for a rule's domain to on-premises DNS servers,
//!   which must be reachable from the endpoint's interfaces (D1).
//!
//! Reachability of DNS servers is decided by routing (`routing::trace::dns_query`), so a
//! missing route or a security group without port 53 shows up here exactly as it would in AWS.

pub mod check;
pub mod names;

use super::catalog;
use super::design::{Design, Id, Node, NodeKind, RecordValue, ResolverDirection, Subnet, Vpc};
use super::routing::{address, trace};
use super::text::{clip, name_or_id};
use serde::Serialize;
use std::net::Ipv4Addr;

/// How many forwards, aliases and CNAMEs a lookup follows before calling it a loop.
const MAX_DEPTH: usize = 8;

/// The result of a lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// The name asked, normalised.
    pub name: String,
    pub outcome: Outcome,
    pub records: Vec<Record>,
    /// How the answer was reached, step by step.
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Private addresses: interfaces in the design or addresses in a private zone.
    Private,
    /// The public addresses of an AWS service or of some internet name.
    Public,
    /// The name doesn't exist where it was asked.
    NxDomain,
    /// No DNS server answered: resolution off, or the server can't be reached.
    NoAnswer,
}

/// One address of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    /// A network interface of something in the design (an interface endpoint, say).
    Interface {
        ip: Ipv4Addr,
        node: Id,
        subnet: Id,
        zone: String,
    },
    /// An address typed into a private hosted zone.
    Address { ip: Ipv4Addr },
    /// An address on an on-premises network, answered by its own DNS servers.
    OnPremises { ip: Ipv4Addr, node: Id },
    /// The public addresses of an AWS service in a Region (for S3 Express, of one zone).
    Service {
        service: String,
        region: String,
        zone_id: Option<String>,
    },
    /// Some address on the internet the planner doesn't know.
    Internet,
}

/// A step of the explanation; `at` is the design item it happened at, to highlight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Id>,
    pub text: String,
}

/// Where a query is asked from.
#[derive(Debug, Clone, Copy)]
pub enum Asker<'a> {
    Subnet(&'a Subnet),
    Vpc(&'a Vpc),
    OnPremises(&'a Node),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DnsError {
    /// Nothing in the design with this id or name.
    UnknownPlace(String),
    /// An item queries can't be asked from.
    NotAPlace(String),
    BadName(String),
}

impl std::fmt::Display for DnsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DnsError::UnknownPlace(p) => write!(
                f,
                "{} is not a subnet, VPC, workload or on-premises network of the design",
                clip(p)
            ),
            DnsError::NotAPlace(what) => write!(
                f,
                "DNS questions are asked from a subnet, a VPC, a workload or an on-premises network, not from {what}"
            ),
            DnsError::BadName(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for DnsError {}

/// Finds where to ask from by id or name: a subnet, a VPC, a workload (its subnet) or an
/// on-premises network.
pub fn asker<'a>(design: &'a Design, place: &str) -> Result<Asker<'a>, DnsError> {
    let by_name = |name: &str, id: &str| id == place || (!name.is_empty() && name == place);
    if let Some(s) = design.subnets.iter().find(|s| by_name(&s.name, &s.id)) {
        return Ok(Asker::Subnet(s));
    }
    if let Some(v) = design.vpcs.iter().find(|v| by_name(&v.name, &v.id)) {
        return Ok(Asker::Vpc(v));
    }
    let node = design
        .nodes
        .iter()
        .find(|n| by_name(&n.name, &n.id))
        .ok_or_else(|| DnsError::UnknownPlace(place.to_string()))?;
    match &node.kind {
        NodeKind::OnPremises { .. } => Ok(Asker::OnPremises(node)),
        k if k.is_workload() => k
            .home_subnet()
            .and_then(|s| design.subnet(s))
            .map(Asker::Subnet)
            .ok_or_else(|| DnsError::UnknownPlace(place.to_string())),
        k => Err(DnsError::NotAPlace(k.a_label().to_string())),
    }
}

/// What `name` resolves to when asked from `from`.
pub fn resolve(design: &Design, from: Asker, name: &str) -> Result<Answer, DnsError> {
    resolve_in_words(design, from, name, true)
}

/// `resolve`, with its steps put in words only when `words` (a trace of every flow, which
/// reads only the answer, skips them as it skips its hops' words). The failures that end a
/// query keep their words: they are the reason a flow is dropped.
pub fn resolve_in_words(
    design: &Design,
    from: Asker,
    name: &str,
    words: bool,
) -> Result<Answer, DnsError> {
    let name = names::normalise(name).map_err(DnsError::BadName)?;
    let mut r = Resolver {
        d: design,
        words,
        steps: Vec::new(),
        depth: 0,
        cnames: Vec::new(),
    };
    let (outcome, records) = match from {
        Asker::Subnet(s) => match design.vpc(&s.vpc) {
            Some(v) => r.in_vpc(v, false, &name),
            None => r.fail(
                None,
                format!("subnet {} is in no VPC of the design", clip(&s.name)),
            ),
        },
        Asker::Vpc(v) => r.in_vpc(v, false, &name),
        Asker::OnPremises(n) => r.on_premises(n, &name),
    };
    Ok(Answer {
        name,
        outcome,
        records,
        steps: r.steps,
    })
}

/// Every name worth suggesting in a DNS panel: the Regional names of the services in the
/// design's catalogue, the endpoint-specific names of its interface endpoints, and the names
/// of its private hosted zones' records.
pub fn suggestions(design: &Design) -> Vec<String> {
    let mut out: Vec<String> = catalog::SERVICES
        .iter()
        .map(|s| names::service_name(s, &design.region))
        .collect();
    for node in &design.nodes {
        match &node.kind {
            NodeKind::InterfaceEndpoint { .. } => out.extend(
                names::endpoint_names(design, node)
                    .into_iter()
                    .map(|(n, _)| n),
            ),
            NodeKind::EndpointService {
                private_dns_name: Some(name),
                ..
            } => out.push(name.clone()),
            NodeKind::PrivateHostedZone {
                domain, records, ..
            } => {
                for rec in records.iter().filter(|r| r.name != "*") {
                    out.push(if rec.name.is_empty() {
                        domain.clone()
                    } else {
                        format!("{}.{domain}", rec.name)
                    });
                }
            }
            NodeKind::OnPremises { dns_domains, .. } => {
                out.extend(dns_domains.iter().map(|d| format!("server.{d}")))
            }
            _ => {}
        }
    }
    out.dedup();
    out
}

impl Answer {
    /// The answer in one line: "10.0.1.10, 10.0.2.10 (private)".
    pub fn summary(&self, design: &Design) -> String {
        match self.outcome {
            Outcome::NxDomain => return "NXDOMAIN (no such name here)".into(),
            Outcome::NoAnswer => return "no answer".into(),
            _ => {}
        }
        let parts: Vec<String> = self
            .records
            .iter()
            .map(|r| match r {
                Record::Interface { ip, node, .. } => format!(
                    "{ip} ({})",
                    design.name_of(node).map(clip).unwrap_or_else(|| clip(node))
                ),
                Record::Address { ip } | Record::OnPremises { ip, .. } => ip.to_string(),
                Record::Service {
                    service,
                    region,
                    zone_id,
                } => {
                    let name = catalog::service(service)
                        .map(|s| s.name.to_string())
                        .unwrap_or_else(|| clip(service));
                    match zone_id {
                        Some(z) => format!("public addresses of {name} in {z} ({region})"),
                        None => format!("public addresses of {name} in {region}"),
                    }
                }
                Record::Internet => "an internet address".into(),
            })
            .collect();
        let kind = if self.outcome == Outcome::Private {
            "private"
        } else {
            "public"
        };
        format!("{} ({kind})", parts.join(", "))
    }

    /// The answer as text: the name, the answer, then each step.
    pub fn describe(&self, design: &Design) -> String {
        let mut out = format!("{}: {}\n", self.name, self.summary(design));
        for (i, s) in self.steps.iter().enumerate() {
            out.push_str(&format!("  {:>2}. {}\n", i + 1, s.text));
        }
        out
    }

    /// The last step, which says why the answer is what it is.
    pub fn reason(&self) -> &str {
        self.steps.last().map(|s| s.text.as_str()).unwrap_or("")
    }
}

type Result2 = (Outcome, Vec<Record>);

struct Resolver<'a> {
    d: &'a Design,
    /// Whether the steps that lead to an answer are put in words (`resolve_in_words`).
    words: bool,
    steps: Vec<Step>,
    depth: usize,
    /// Names already reached through a CNAME, to spot a loop at once.
    cnames: Vec<String>,
}

/// What the Amazon DNS server of a VPC matched a name with.
enum Match<'a> {
    Rule {
        endpoint: &'a Node,
        domain: &'a str,
        target: &'a str,
    },
    Zone {
        zone: &'a Node,
        domain: &'a str,
    },
    PrivateDns(&'a Node),
}

impl<'a> Resolver<'a> {
    fn step(&mut self, at: Option<&str>, text: String) {
        self.steps.push(Step {
            at: at.map(str::to_string),
            text,
        });
    }

    /// A step on the way to an answer: in words only if the query is (`text` is not called
    /// otherwise; an analysis resolves every flow's name).
    fn said(&mut self, at: Option<&str>, text: &dyn Fn() -> String) {
        let text = if self.words { text() } else { String::new() };
        self.step(at, text);
    }

    fn fail(&mut self, at: Option<&str>, text: String) -> Result2 {
        self.step(at, text);
        (Outcome::NoAnswer, Vec::new())
    }

    fn nx(&mut self, at: Option<&str>, text: String) -> Result2 {
        self.step(at, text);
        (Outcome::NxDomain, Vec::new())
    }

    fn deeper(&mut self) -> bool {
        self.depth += 1;
        self.depth <= MAX_DEPTH
    }

    /// The Amazon DNS server of `vpc` answers; `via_inbound` when the query came in through a
    /// Resolver inbound endpoint.
    fn in_vpc(&mut self, vpc: &'a Vpc, via_inbound: bool, name: &str) -> Result2 {
        if !self.deeper() {
            return self.fail(
                None,
                "the query goes round in a loop of forwards and aliases; DNS gives up".into(),
            );
        }
        let vname = name_or_id(&vpc.name, &vpc.id);
        if !vpc.enable_dns_support {
            return self.fail(Some(&vpc.id), format!("VPC {vname} has DNS resolution (enableDnsSupport) off: its Amazon DNS server doesn't answer"));
        }
        self.said(Some(&vpc.id), &|| {
            let server = vpc
                .cidr_blocks
                .first()
                .and_then(|c| super::cidr::parse_v4(c).ok())
                .map(|n| Ipv4Addr::from(u32::from(n.network()) + 2));
            let at = server.map(|ip| format!(" at {ip}")).unwrap_or_default();
            format!(
                "the Amazon DNS server of VPC {vname}{at} (also 169.254.169.253) takes the query"
            )
        });
        match self.best_match(vpc, via_inbound, name) {
            Some(Match::Rule {
                endpoint,
                domain,
                target,
            }) => self.forward(endpoint, domain, target, name),
            Some(Match::Zone { zone, domain }) => self.zone(vpc, via_inbound, zone, domain, name),
            Some(Match::PrivateDns(endpoint)) => {
                let records = self.interfaces(endpoint, None);
                self.said(Some(&endpoint.id), &|| {
                    format!(
                        "private DNS of interface endpoint {} answers with its network interfaces",
                        name_or_id(&endpoint.name, &endpoint.id)
                    )
                });
                (Outcome::Private, records)
            }
            None => {
                let answer = self.public(name);
                if let (
                    Outcome::Public,
                    Some(Record::Service {
                        service, region, ..
                    }),
                ) = (answer.0, answer.1.first())
                {
                    // Gateway endpoints serve their own Region only (E1).
                    let d = self.d;
                    let gateway = dns_nodes_of(d, &vpc.id).into_iter().filter_map(|i| d.nodes.get(i)).find(|n| *region == d.region && matches!(&n.kind, NodeKind::GatewayEndpoint { vpc: v, service: s, .. } if *v == vpc.id && s == service));
                    if let Some(g) = gateway {
                        self.said(Some(&g.id), &|| format!("gateway endpoint {} doesn't change DNS: the name stays public, and the route tables decide whether the endpoint carries the traffic", name_or_id(&g.name, &g.id)));
                    }
                }
                answer
            }
        }
    }

    /// The most specific of the VPC's forwarding rules, private hosted zones and private DNS
    /// zones matching `name`; a rule wins a tie, then a hosted zone.
    fn best_match(&mut self, vpc: &'a Vpc, via_inbound: bool, name: &str) -> Option<Match<'a>> {
        let d = self.d;
        let dns_names = vpc.enable_dns_support && vpc.enable_dns_hostnames;
        let mut best: Option<(usize, u8, Match<'a>)> = None;
        let mut consider = |len: usize, rank: u8, m: Match<'a>| {
            if best
                .as_ref()
                .is_none_or(|(l, r, _)| len > *l || (len == *l && rank > *r))
            {
                best = Some((len, rank, m));
            }
        };
        let mut notes: Vec<(Option<String>, String)> = Vec::new();
        for node in dns_nodes_of(d, &vpc.id)
            .into_iter()
            .filter_map(|i| d.nodes.get(i))
        {
            match &node.kind {
                NodeKind::ResolverEndpoint {
                    direction: ResolverDirection::Outbound,
                    rules,
                    ..
                } => {
                    for rule in rules.iter().filter(|r| r.vpcs.contains(&vpc.id)) {
                        let Ok(domain) = names::normalise_domain(&rule.domain) else {
                            continue;
                        };
                        if let Some(len) = names::match_len(name, &domain) {
                            consider(
                                len,
                                2,
                                Match::Rule {
                                    endpoint: node,
                                    domain: &rule.domain,
                                    target: &rule.target,
                                },
                            );
                        }
                    }
                }
                NodeKind::PrivateHostedZone { domain, vpcs, .. } if vpcs.contains(&vpc.id) => {
                    let Ok(norm) = names::normalise(domain) else {
                        continue;
                    };
                    if let Some(len) = names::match_len(name, &norm) {
                        if dns_names {
                            consider(len, 1, Match::Zone { zone: node, domain });
                        } else {
                            notes.push((Some(node.id.clone()), format!("private hosted zone {} is associated but unused: private zones need DNS resolution and DNS hostnames on in VPC {}", name_or_id(&node.name, &node.id), name_or_id(&vpc.name, &vpc.id))));
                        }
                    }
                }
                NodeKind::InterfaceEndpoint {
                    vpc: v,
                    service,
                    endpoint_service: None,
                    private_dns: true,
                    private_dns_only_for_inbound_resolver_endpoint: inbound_only,
                    subnets,
                } if *v == vpc.id && !subnets.is_empty() => {
                    let Some(s) = catalog::service(service).filter(|s| s.private_dns) else {
                        continue;
                    };
                    let zone = names::service_name(s, &d.region);
                    let Some(len) =
                        names::match_len(name, &zone).filter(|_| name == zone || s.subdomains)
                    else {
                        continue;
                    };
                    if !dns_names {
                        notes.push((Some(node.id.clone()), format!("private DNS of interface endpoint {} doesn't apply: VPC {} needs DNS resolution and DNS hostnames on", name_or_id(&node.name, &node.id), name_or_id(&vpc.name, &vpc.id))));
                    } else if *inbound_only && !via_inbound {
                        notes.push((Some(node.id.clone()), format!("private DNS of interface endpoint {} answers only queries from a Resolver inbound endpoint; clients in the VPC get the public name (the gateway endpoint carries S3 traffic)", name_or_id(&node.name, &node.id))));
                    } else {
                        consider(len, 0, Match::PrivateDns(node));
                    }
                }
                // An endpoint to an endpoint service answers the service's private DNS name
                // (E8), with the same conditions as an AWS service's private DNS.
                NodeKind::InterfaceEndpoint {
                    vpc: v,
                    endpoint_service: Some(svc),
                    private_dns: true,
                    subnets,
                    ..
                } if *v == vpc.id && !subnets.is_empty() => {
                    let Some(NodeKind::EndpointService {
                        private_dns_name: Some(pdn),
                        ..
                    }) = d.node(svc).map(|n| &n.kind)
                    else {
                        continue;
                    };
                    let Ok(pdn) = names::normalise(pdn) else {
                        continue;
                    };
                    if name != pdn {
                        continue;
                    }
                    if dns_names {
                        consider(pdn.split('.').count(), 0, Match::PrivateDns(node));
                    } else {
                        notes.push((Some(node.id.clone()), format!("private DNS of interface endpoint {} doesn't apply: VPC {} needs DNS resolution and DNS hostnames on", name_or_id(&node.name, &node.id), name_or_id(&vpc.name, &vpc.id))));
                    }
                }
                _ => {}
            }
        }
        for (at, text) in notes {
            self.step(at.as_deref(), text);
        }
        best.map(|(_, _, m)| m)
    }

    /// The answer of a private hosted zone: its record for the name, else NXDOMAIN.
    fn zone(
        &mut self,
        vpc: &'a Vpc,
        via_inbound: bool,
        zone: &'a Node,
        domain: &str,
        name: &str,
    ) -> Result2 {
        let NodeKind::PrivateHostedZone { records, .. } = &zone.kind else {
            return (Outcome::NxDomain, Vec::new());
        };
        let zname = name_or_id(&zone.name, &zone.id);
        let norm = names::normalise(domain).unwrap_or_default();
        let relative = if name == norm {
            String::new()
        } else {
            name[..name.len() - norm.len() - 1].to_string()
        };
        let exact = records.iter().find(|r| {
            names::normalise_domain(&r.name).ok().as_deref() == Some(relative.as_str())
                || (r.name.is_empty() && relative.is_empty())
        });
        let wildcard = || {
            records
                .iter()
                .find(|r| r.name == "*" && !relative.is_empty())
        };
        let Some(record) = exact.or_else(wildcard) else {
            return self.nx(Some(&zone.id), format!("private hosted zone {zname} ({domain}) has no record for {name}; Resolver answers NXDOMAIN and doesn't ask public DNS"));
        };
        match &record.value {
            RecordValue::A(ips) => {
                let records: Vec<Record> = ips.iter().filter_map(|ip| ip.trim().parse::<Ipv4Addr>().ok()).map(|ip| Record::Address { ip }).collect();
                self.said(Some(&zone.id), &|| format!("private hosted zone {zname} answers with its A record"));
                let public = records.iter().any(|r| matches!(r, Record::Address { ip } if address::Address::Ip(*ip).is_public()));
                (if public { Outcome::Public } else { Outcome::Private }, records)
            }
            RecordValue::Alias(target) => match self.d.node(target) {
                Some(ep @ Node { kind: NodeKind::InterfaceEndpoint { .. }, .. }) => {
                    self.said(Some(&zone.id), &|| format!("private hosted zone {zname} answers with an alias to interface endpoint {}", name_or_id(&ep.name, &ep.id)));
                    (Outcome::Private, self.interfaces(ep, None))
                }
                _ => self.nx(Some(&zone.id), format!("the alias record of private hosted zone {zname} points at {}, which is not an interface endpoint of the design", clip(target))),
            },
            RecordValue::Cname(other) => match names::normalise(other) {
                Ok(other) if other == name || self.cnames.contains(&other) => {
                    self.fail(Some(&zone.id), format!("private hosted zone {zname} answers with a CNAME to {other}, which leads back to a name already followed: a CNAME loop never resolves"))
                }
                Ok(other) => {
                    self.cnames.push(name.to_string());
                    self.said(Some(&zone.id), &|| format!("private hosted zone {zname} answers with a CNAME to {other}"));
                    self.in_vpc(vpc, via_inbound, &other)
                }
                Err(e) => self.nx(Some(&zone.id), format!("the CNAME record of private hosted zone {zname} is not a valid name: {e}")),
            },
        }
    }

    /// A Resolver forwarding rule sends the query through the outbound endpoint to on-premises.
    fn forward(&mut self, endpoint: &'a Node, domain: &str, target: &str, name: &str) -> Result2 {
        let ename = name_or_id(&endpoint.name, &endpoint.id);
        let Some(onprem) = self
            .d
            .node(target)
            .filter(|n| matches!(n.kind, NodeKind::OnPremises { .. }))
        else {
            return self.fail(Some(&endpoint.id), format!("the forwarding rule for {domain} of outbound endpoint {ename} targets {}, which is not an on-premises network of the design", clip(target)));
        };
        self.step(Some(&endpoint.id), format!("forwarding rule for {domain}: outbound endpoint {ename} forwards the query to the DNS servers of on-premises network {}", name_or_id(&onprem.name, &onprem.id)));
        let query = trace::dns_query(self.d, endpoint, onprem);
        if let trace::Verdict::Dropped { reason, .. } = &query.verdict {
            return self.fail(Some(&endpoint.id), format!("the query never arrives: from outbound endpoint {ename} to on-premises network {}, {reason}", name_or_id(&onprem.name, &onprem.id)));
        }
        self.on_premises(onprem, name)
    }

    /// An on-premises network's DNS servers answer.
    fn on_premises(&mut self, node: &'a Node, name: &str) -> Result2 {
        if !self.deeper() {
            return self.fail(
                None,
                "the query goes round in a loop of forwards; DNS gives up".into(),
            );
        }
        let NodeKind::OnPremises {
            cidrs,
            dns_domains,
            dns_forwards,
            ..
        } = &node.kind
        else {
            return (Outcome::NoAnswer, Vec::new());
        };
        let oname = name_or_id(&node.name, &node.id);
        let forward = dns_forwards
            .iter()
            .filter_map(|f| {
                names::normalise_domain(&f.domain)
                    .ok()
                    .and_then(|d| names::match_len(name, &d))
                    .map(|len| (len, f))
            })
            .max_by_key(|(len, _)| *len);
        let own = dns_domains
            .iter()
            .filter_map(|d| {
                names::normalise_domain(d)
                    .ok()
                    .and_then(|n| names::match_len(name, &n))
            })
            .max();
        match (forward, own) {
            (Some((flen, f)), own) if own.is_none_or(|o| flen >= o) => {
                let Some(endpoint) = self.d.node(&f.endpoint).filter(|n| {
                    matches!(
                        n.kind,
                        NodeKind::ResolverEndpoint {
                            direction: ResolverDirection::Inbound,
                            ..
                        }
                    )
                }) else {
                    return self.fail(Some(&node.id), format!("on-premises DNS forwards {} to {}, which is not a Resolver inbound endpoint of the design", f.domain, clip(&f.endpoint)));
                };
                let ename = name_or_id(&endpoint.name, &endpoint.id);
                self.step(Some(&endpoint.id), format!("on-premises DNS of {oname} forwards {} to Resolver inbound endpoint {ename}", f.domain));
                let query = trace::dns_query(self.d, node, endpoint);
                if let trace::Verdict::Dropped { reason, .. } = &query.verdict {
                    return self.fail(
                        Some(&endpoint.id),
                        format!("the query never reaches inbound endpoint {ename}: {reason}"),
                    );
                }
                let Some(vpc) = self.d.node_vpc(endpoint).and_then(|v| self.d.vpc(v)) else {
                    return self.fail(
                        Some(&endpoint.id),
                        format!("inbound endpoint {ename} is in no VPC of the design"),
                    );
                };
                self.in_vpc(vpc, true, name)
            }
            (_, Some(_)) => {
                let ip = address::on_premises_address(cidrs).unwrap_or(Ipv4Addr::UNSPECIFIED);
                self.step(Some(&node.id), format!("the DNS servers of on-premises network {oname} answer for their own domain with an address of that network"));
                (
                    Outcome::Private,
                    vec![Record::OnPremises {
                        ip,
                        node: node.id.clone(),
                    }],
                )
            }
            _ => {
                self.step(Some(&node.id), format!("on-premises DNS of {oname} has no forwarder for this name and resolves it on the internet"));
                self.public(name)
            }
        }
    }

    /// Public DNS: endpoint-specific names, AWS service names, or some internet name.
    fn public(&mut self, name: &str) -> Result2 {
        let d = self.d;
        if name.ends_with(".vpce.amazonaws.com") {
            for node in &d.nodes {
                for (n, zone) in names::endpoint_names(d, node) {
                    if names::match_len(name, &n).is_some()
                        && (name == n || node_service_has_subdomains(node))
                    {
                        self.step(Some(&node.id), format!("public DNS: {name} is an endpoint-specific name of interface endpoint {}; it resolves to the endpoint's private addresses from anywhere", name_or_id(&node.name, &node.id)));
                        return (Outcome::Private, self.interfaces(node, zone.as_deref()));
                    }
                }
            }
            return self.nx(
                None,
                format!("public DNS: no interface endpoint of the design has the name {name}"),
            );
        }
        if let Some(x) = names::s3express(name) {
            return self.express(x);
        }
        if let Some((service, region)) = names::public_service(name) {
            self.said(None, &|| {
                format!(
                    "public DNS answers with the public addresses of {} in {region}",
                    service.name
                )
            });
            return (
                Outcome::Public,
                vec![Record::Service {
                    service: service.key.to_string(),
                    region,
                    zone_id: None,
                }],
            );
        }
        self.step(
            None,
            "public DNS answers (the planner doesn't know addresses on the internet)".into(),
        );
        (Outcome::Public, vec![Record::Internet])
    }

    fn express(&mut self, x: names::Express) -> Result2 {
        match x {
            names::Express::Control { region } => {
                self.step(None, format!("public DNS answers with the Regional endpoint of S3 Express One Zone in {region} (bucket operations)"));
                (
                    Outcome::Public,
                    vec![Record::Service {
                        service: "s3express".into(),
                        region,
                        zone_id: None,
                    }],
                )
            }
            names::Express::Zonal {
                region,
                zone_id,
                bucket,
            } => {
                let zones = catalog::s3express_zones(&region);
                if !zones.is_empty() && !zones.contains(&zone_id.as_str()) {
                    return self.nx(None, format!("S3 Express One Zone has no zonal endpoint in {zone_id}; in {region} it has {}", zones.join(", ")));
                }
                if let Some(b) = &bucket {
                    match names::directory_bucket_zone(b) {
                        Some(z) if z == zone_id => {}
                        Some(z) => self.step(None, format!("directory bucket {b} lives in {z}, not {zone_id}: requests to this name fail")),
                        None => self.step(None, format!("{b} is not a directory bucket name (NAME--AZ-ID--x-s3)")),
                    }
                }
                self.step(None, format!("public DNS answers with the zonal endpoint of S3 Express One Zone in {zone_id} (object operations)"));
                (
                    Outcome::Public,
                    vec![Record::Service {
                        service: "s3express".into(),
                        region,
                        zone_id: Some(zone_id),
                    }],
                )
            }
        }
    }

    /// The network interfaces of an interface endpoint (only the one in `zone`, if given).
    fn interfaces(&self, node: &Node, zone: Option<&str>) -> Vec<Record> {
        let NodeKind::InterfaceEndpoint { subnets, .. } = &node.kind else {
            return Vec::new();
        };
        subnets
            .iter()
            .filter_map(|s| self.d.subnet(s))
            .filter(|s| zone.is_none_or(|z| s.availability_zone == z))
            .filter_map(|s| {
                address::interface_address(self.d, node, s).map(|ip| Record::Interface {
                    ip,
                    node: node.id.clone(),
                    subnet: s.id.clone(),
                    zone: s.availability_zone.clone(),
                })
            })
            .collect()
    }
}

fn node_service_has_subdomains(node: &Node) -> bool {
    matches!(&node.kind, NodeKind::InterfaceEndpoint { service, .. } if catalog::service(service).is_some_and(|s| s.subdomains))
}

/// Positions in `design.nodes` of the nodes a query in `vpc` weighs (`best_match`; gateway
/// endpoints for their note), in order
/// (grouped once per design: every flow's DNS lookup asks, and scanning every node for each
/// made the analysis grow with the square of the design).
fn dns_nodes_of(design: &Design, vpc: &str) -> Vec<usize> {
    design.lookup.grouped(
        super::lookup::Group::DnsNodesByVpc,
        design.nodes.len(),
        vpc,
        &|| {
            let mut by_vpc: crate::model::hash::HashMap<String, Vec<usize>> = Default::default();
            for (i, n) in design.nodes.iter().enumerate() {
                let vpcs: Vec<&String> = match &n.kind {
                    NodeKind::ResolverEndpoint {
                        direction: ResolverDirection::Outbound,
                        rules,
                        ..
                    } => rules.iter().flat_map(|r| &r.vpcs).collect(),
                    NodeKind::PrivateHostedZone { vpcs, .. } => vpcs.iter().collect(),
                    NodeKind::InterfaceEndpoint { vpc, .. }
                    | NodeKind::GatewayEndpoint { vpc, .. } => vec![vpc],
                    _ => Vec::new(),
                };
                for v in vpcs {
                    let nodes = by_vpc.entry(v.clone()).or_default();
                    // A VPC named twice (two rules of one endpoint) weighs the node once.
                    if nodes.last() != Some(&i) {
                        nodes.push(i);
                    }
                }
            }
            by_vpc
        },
    )
}
