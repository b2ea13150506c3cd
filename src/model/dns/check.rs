//! The DNS rules a design must satisfy before AWS would accept it, as diagnostics (called by
//! `validate`). Sources as in this module's parent; Route 53 quotas and rules from the Route 53
//! developer guide ("Working with private hosted zones", "Resolver endpoints").

use super::names;
use crate::model::catalog;
use crate::model::design::{
    Design, Flow, FlowTarget, ForwardRule, Node, NodeKind, RecordValue, ResolverDirection,
    ZoneRecord,
};
use crate::model::hash::{HashMap, HashMapExt};
use crate::model::text::clip;
use crate::model::validate::{Diagnostic, Severity};
use std::net::Ipv4Addr;

pub fn check(design: &Design, out: &mut Vec<Diagnostic>) {
    let mut c = Check { d: design, out };
    for node in &design.nodes {
        match &node.kind {
            NodeKind::InterfaceEndpoint {
                vpc,
                service,
                private_dns,
                private_dns_only_for_inbound_resolver_endpoint: inbound_only,
                ..
            } => c.interface_endpoint(node, vpc, service, *private_dns, *inbound_only),
            NodeKind::PrivateHostedZone {
                domain,
                vpcs,
                records,
            } => c.zone(node, domain, vpcs, records),
            NodeKind::ResolverEndpoint {
                vpc,
                direction,
                subnets,
                rules,
            } => c.resolver_endpoint(node, vpc, *direction, subnets, rules),
            NodeKind::OnPremises {
                dns_domains,
                dns_forwards,
                ..
            } => {
                for (i, d) in dns_domains.iter().enumerate() {
                    if let Err(e) = names::normalise(d) {
                        c.push(
                            Severity::Error,
                            &node.id,
                            "dns_domains",
                            Some(i),
                            "dns.domain_invalid",
                            e,
                        );
                    }
                }
                for (i, f) in dns_forwards.iter().enumerate() {
                    if let Err(e) = names::normalise_domain(&f.domain) {
                        c.push(
                            Severity::Error,
                            &node.id,
                            "dns_forwards",
                            Some(i),
                            "dns.domain_invalid",
                            e,
                        );
                    }
                    match design.node(&f.endpoint).map(|n| &n.kind) {
                        Some(NodeKind::ResolverEndpoint { direction: ResolverDirection::Inbound, .. }) => {}
                        Some(k) => c.push(Severity::Error, &node.id, "dns_forwards", Some(i), "dns.forward_not_inbound", format!("forwards {} to {}; on-premises DNS forwards to a Resolver inbound endpoint", clip(&f.domain), k.a_label())),
                        None => c.push(Severity::Error, &node.id, "dns_forwards", Some(i), "dns.forward_missing", format!("forwards {} to {}, which is not in the design", clip(&f.domain), clip(&f.endpoint))),
                    }
                }
            }
            _ => {}
        }
    }
    for flow in &design.flows {
        c.flow(flow);
    }
}

struct Check<'a, 'o> {
    d: &'a Design,
    out: &'o mut Vec<Diagnostic>,
}

impl Check<'_, '_> {
    fn push(
        &mut self,
        severity: Severity,
        subject: &str,
        field: &'static str,
        index: Option<usize>,
        code: &'static str,
        message: String,
    ) {
        self.out.push(Diagnostic::new(
            severity, subject, field, index, code, message,
        ));
    }

    fn label(&self, id: &str) -> String {
        match self.d.name_of(id) {
            Some(name) if !name.is_empty() => format!("\"{}\"", clip(name)),
            _ => clip(id),
        }
    }

    fn dns_names_on(&self, vpc: &str) -> bool {
        self.d
            .vpc(vpc)
            .is_some_and(|v| v.enable_dns_support && v.enable_dns_hostnames)
    }

    fn interface_endpoint(
        &mut self,
        node: &Node,
        vpc: &str,
        service: &str,
        private_dns: bool,
        inbound_only: bool,
    ) {
        let d = self.d;
        let svc = catalog::service(service);
        if private_dns && svc.is_some_and(|s| !s.private_dns) {
            let name = svc.map(|s| s.name).unwrap_or_default();
            self.push(Severity::Error, &node.id, "private_dns", None, "dns.private_dns_unsupported", format!("{name} interface endpoints have no private DNS name; clients use the endpoint-specific names"));
        }
        if inbound_only {
            if service != "s3" {
                self.push(Severity::Error, &node.id, "private_dns_only_for_inbound_resolver_endpoint", None, "dns.inbound_only_not_s3", "private DNS only for inbound Resolver endpoints is an option of S3 interface endpoints only".into());
            } else if !private_dns {
                self.push(Severity::Error, &node.id, "private_dns_only_for_inbound_resolver_endpoint", None, "dns.inbound_only_needs_private_dns", "private DNS only for inbound Resolver endpoints needs private DNS turned on".into());
            } else if !d.nodes.iter().any(|n| matches!(&n.kind, NodeKind::GatewayEndpoint { vpc: v, service: s, .. } if v == vpc && s == "s3")) {
                self.push(Severity::Error, &node.id, "private_dns_only_for_inbound_resolver_endpoint", None, "dns.inbound_only_needs_gateway", format!("private DNS only for inbound Resolver endpoints needs an S3 gateway endpoint in VPC {} first: clients in the VPC use it", self.label(vpc)));
            }
        }
        // AWS refuses private DNS for a name a private hosted zone of the VPC already holds.
        if let (true, Some(s)) = (private_dns, svc) {
            let name = names::service_name(s, &d.region);
            let clash = d.nodes.iter().find(|z| matches!(&z.kind, NodeKind::PrivateHostedZone { domain, vpcs, .. } if vpcs.iter().any(|v| v == vpc) && names::normalise(domain).ok().as_deref() == Some(name.as_str())));
            if let Some(z) = clash {
                self.push(Severity::Error, &node.id, "private_dns", None, "dns.private_dns_conflict", format!("private hosted zone {} already holds {name} in this VPC; turn private DNS off here (the central-endpoint pattern) or remove the zone's association", self.label(&z.id)));
            }
        }
    }

    fn zone(&mut self, node: &Node, domain: &str, vpcs: &[String], records: &[ZoneRecord]) {
        let d = self.d;
        let norm = match names::normalise(domain) {
            Ok(n) => n,
            Err(e) => {
                self.push(
                    Severity::Error,
                    &node.id,
                    "domain",
                    None,
                    "dns.domain_invalid",
                    e,
                );
                String::new()
            }
        };
        if vpcs.is_empty() {
            self.push(
                Severity::Warning,
                &node.id,
                "vpcs",
                None,
                "dns.zone_unassociated",
                "is associated with no VPC, so no one sees its records".into(),
            );
        }
        for (i, v) in vpcs.iter().enumerate() {
            if d.vpc(v).is_none() {
                self.push(
                    Severity::Error,
                    &node.id,
                    "vpcs",
                    Some(i),
                    "node.vpc_missing",
                    format!(
                        "is associated with VPC {}, which is not in the design",
                        clip(v)
                    ),
                );
            } else if !self.dns_names_on(v) {
                self.push(Severity::Error, &node.id, "vpcs", Some(i), "dns.zone_needs_vpc_dns", format!("private hosted zones need DNS resolution and DNS hostnames turned on in VPC {}", self.label(v)));
            } else if !norm.is_empty() {
                let twin = d.nodes.iter().take_while(|n| n.id != node.id).find(|n| {
                    matches!(&n.kind, NodeKind::PrivateHostedZone { domain: o, vpcs: ov, .. } if names::normalise(o).ok().as_deref() == Some(norm.as_str()) && ov.contains(v))
                });
                if let Some(t) = twin {
                    self.push(Severity::Error, &node.id, "vpcs", Some(i), "dns.zone_twice", format!("private hosted zone {} for {norm} is already associated with VPC {}; a VPC takes one zone per name", self.label(&t.id), self.label(v)));
                }
            }
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            let rel = r.name.trim();
            let ok = rel.is_empty() || rel == "*" || names::normalise(rel).is_ok();
            if !ok {
                let e = names::normalise(rel).err().unwrap_or_default();
                self.push(
                    Severity::Error,
                    &node.id,
                    "records",
                    Some(i),
                    "dns.record_name_invalid",
                    format!("record name: {e}"),
                );
            }
            if seen.insert(rel.to_ascii_lowercase(), i).is_some() {
                self.push(
                    Severity::Error,
                    &node.id,
                    "records",
                    Some(i),
                    "dns.record_twice",
                    format!(
                        "two records are named {}",
                        if rel.is_empty() {
                            "@ (the apex)".to_string()
                        } else {
                            clip(rel)
                        }
                    ),
                );
            }
            match &r.value {
                RecordValue::A(ips) => {
                    if ips.is_empty() {
                        self.push(
                            Severity::Error,
                            &node.id,
                            "records",
                            Some(i),
                            "dns.record_empty",
                            "an A record needs at least one IPv4 address".into(),
                        );
                    }
                    if let Some(bad) = ips.iter().find(|ip| ip.trim().parse::<Ipv4Addr>().is_err())
                    {
                        self.push(
                            Severity::Error,
                            &node.id,
                            "records",
                            Some(i),
                            "dns.record_address_invalid",
                            format!("{} is not an IPv4 address", clip(bad)),
                        );
                    }
                }
                RecordValue::Alias(target) => match d.node(target).map(|n| &n.kind) {
                    Some(NodeKind::InterfaceEndpoint { .. }) => {}
                    Some(k) => self.push(
                        Severity::Error,
                        &node.id,
                        "records",
                        Some(i),
                        "dns.alias_target",
                        format!(
                            "an alias record points at an interface endpoint, not {}",
                            k.a_label()
                        ),
                    ),
                    None => self.push(
                        Severity::Error,
                        &node.id,
                        "records",
                        Some(i),
                        "dns.alias_missing",
                        format!(
                            "the alias points at {}, which is not in the design",
                            clip(target)
                        ),
                    ),
                },
                RecordValue::Cname(other) => {
                    if let Err(e) = names::normalise(other) {
                        self.push(
                            Severity::Error,
                            &node.id,
                            "records",
                            Some(i),
                            "dns.record_name_invalid",
                            format!("CNAME target: {e}"),
                        );
                    }
                    if rel.is_empty() {
                        self.push(
                            Severity::Error,
                            &node.id,
                            "records",
                            Some(i),
                            "dns.cname_at_apex",
                            "a zone's apex can't be a CNAME (use an alias)".into(),
                        );
                    }
                }
            }
        }
    }

    fn resolver_endpoint(
        &mut self,
        node: &Node,
        vpc: &str,
        direction: ResolverDirection,
        subnets: &[String],
        rules: &[ForwardRule],
    ) {
        let d = self.d;
        match d.vpc(vpc) {
            None => self.push(
                Severity::Error,
                &node.id,
                "vpc",
                None,
                "node.vpc_missing",
                format!("belongs to VPC {}, which is not in the design", clip(vpc)),
            ),
            Some(v) if !v.enable_dns_support => self.push(
                Severity::Error,
                &node.id,
                "vpc",
                None,
                "dns.resolver_needs_dns",
                format!(
                    "Resolver endpoints need DNS resolution (enableDnsSupport) turned on in VPC {}",
                    self.label(vpc)
                ),
            ),
            Some(_) => {}
        }
        let mut zones: Vec<&str> = Vec::new();
        for (i, s) in subnets.iter().enumerate() {
            match d.subnet(s) {
                None => self.push(
                    Severity::Error,
                    &node.id,
                    "subnets",
                    Some(i),
                    "node.subnet_missing",
                    format!("lists subnet {}, which is not in the design", clip(s)),
                ),
                Some(sub) if sub.vpc != vpc => self.push(
                    Severity::Error,
                    &node.id,
                    "subnets",
                    Some(i),
                    "endpoint.subnet_other_vpc",
                    format!("subnet {} is in another VPC", self.label(s)),
                ),
                Some(sub) => zones.push(&sub.availability_zone),
            }
        }
        crate::model::sort::sort(&mut zones);
        zones.dedup();
        if zones.len() < 2 {
            self.push(Severity::Error, &node.id, "subnets", None, "dns.resolver_two_zones", "a Resolver endpoint needs network interfaces in at least two subnets in different Availability Zones".into());
        }
        if direction == ResolverDirection::Inbound && !rules.is_empty() {
            self.push(Severity::Error, &node.id, "rules", None, "dns.rules_on_inbound", "forwarding rules belong to outbound endpoints; an inbound endpoint only takes queries".into());
        }
        for (i, r) in rules.iter().enumerate() {
            if let Err(e) = names::normalise_domain(&r.domain) {
                self.push(
                    Severity::Error,
                    &node.id,
                    "rules",
                    Some(i),
                    "dns.domain_invalid",
                    e,
                );
            }
            if !matches!(
                d.node(&r.target).map(|n| &n.kind),
                Some(NodeKind::OnPremises { .. })
            ) {
                self.push(Severity::Error, &node.id, "rules", Some(i), "dns.rule_target", format!("the rule for {} forwards to {}, which is not an on-premises network of the design", clip(&r.domain), clip(&r.target)));
            }
            if r.vpcs.is_empty() {
                self.push(
                    Severity::Warning,
                    &node.id,
                    "rules",
                    Some(i),
                    "dns.rule_unassociated",
                    format!(
                        "the rule for {} is associated with no VPC, so no query uses it",
                        clip(&r.domain)
                    ),
                );
            }
            if let Some(v) = r.vpcs.iter().find(|v| d.vpc(v).is_none()) {
                self.push(
                    Severity::Error,
                    &node.id,
                    "rules",
                    Some(i),
                    "node.vpc_missing",
                    format!(
                        "the rule for {} is associated with VPC {}, which is not in the design",
                        clip(&r.domain),
                        clip(v)
                    ),
                );
            }
        }
    }

    fn flow(&mut self, flow: &Flow) {
        let Some(host) = &flow.host else { return };
        let name = match names::normalise(host) {
            Ok(n) => n,
            Err(e) => {
                return self.push(
                    Severity::Error,
                    &flow.id,
                    "host",
                    None,
                    "flow.host_invalid",
                    e,
                );
            }
        };
        // A service's public name on a flow drawn to another service is a slip: the traffic
        // would go where the name points, not where the arrow does.
        let target = match &flow.to {
            FlowTarget::Node(t) => self.d.node(t),
            FlowTarget::Internet => None,
        };
        let Some(NodeKind::AwsService { service, .. }) = target.map(|n| &n.kind) else {
            return;
        };
        let named = names::public_service(&name)
            .map(|(s, _)| s.key)
            .or_else(|| names::s3express(&name).map(|_| "s3express"));
        if let Some(other) = named.filter(|k| k != service) {
            let to = catalog::service(service).map_or(service.as_str(), |s| s.name);
            let is = catalog::service(other).map_or(other, |s| s.name);
            self.push(
                Severity::Warning,
                &flow.id,
                "host",
                None,
                "flow.host_other_service",
                format!(
                    "{} is a name of {is}, but the flow goes to {to}",
                    clip(&name)
                ),
            );
        }
    }
}
