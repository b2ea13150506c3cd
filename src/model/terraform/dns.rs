//! Terraform for the DNS parts: Route 53 Resolver endpoints (T7), forwarding rules with their
//! VPC associations, and private hosted zones with their VPCs and records.

use super::connectivity::{endpoint_dns, on_premises_dns_ip};
use super::{Resources, literal, named, reference, resource, tags};
use crate::model::design::{
    ForwardRule, Node, NodeKind, RecordValue, ResolverDirection, ZoneRecord,
};
use crate::model::dns::names;
use hcl::Block;
use hcl::expr::Expression;

/// Time to live of the records the planner writes (Route 53's console default).
const TTL: i64 = 300;

impl Resources<'_> {
    /// A DNS name; an AWS name of the design's Region follows the region variable, like the
    /// endpoints it stands for (`secretsmanager.${var.region}.amazonaws.com`).
    fn regional(&self, name: &str) -> Expression {
        let suffix = format!(".{}.amazonaws.com", self.design.region);
        match name.strip_suffix(&suffix) {
            // Normalised names hold only letters, digits, '-', '_', '.' and '*': nothing to escape.
            Some(front)
                if front
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '*')) =>
            {
                super::template(format!("{front}.${{var.region}}.amazonaws.com"))
            }
            _ => literal(name),
        }
    }

    pub(super) fn resolver_endpoint(&mut self, n: &Node) {
        let d = self.design;
        let NodeKind::ResolverEndpoint {
            vpc,
            direction,
            subnets,
            rules,
        } = &n.kind
        else {
            return;
        };
        if !self.first("aws_route53_resolver_endpoint", &n.id) {
            return;
        }
        let Some(name) = self
            .names
            .of("aws_route53_resolver_endpoint", &n.id)
            .map(str::to_string)
        else {
            return;
        };
        let mut b = resource("aws_route53_resolver_endpoint", &name)
            .add_attribute(("name", named(&n.name)))
            .add_attribute((
                "direction",
                if *direction == ResolverDirection::Inbound {
                    "INBOUND"
                } else {
                    "OUTBOUND"
                },
            ))
            // Resolver endpoints must name their security groups (T7).
            .add_attribute(("security_group_ids", self.security_group_ids(n, vpc)));
        for s in subnets {
            if let (Some(sn), Some(_)) = (self.names.of("aws_subnet", s), d.subnet(s)) {
                b = b.add_block(
                    Block::builder("ip_address")
                        .add_attribute(("subnet_id", reference("aws_subnet", &[sn, "id"])))
                        .build(),
                );
            }
        }
        self.blocks.push(b.add_attribute(tags(&n.name)).build());
        for (i, r) in rules.iter().enumerate() {
            self.forwarding_rule(&name, i, r);
        }
    }

    fn forwarding_rule(&mut self, endpoint: &str, i: usize, r: &ForwardRule) {
        let d = self.design;
        let Some(NodeKind::OnPremises { cidrs, .. }) = d.node(&r.target).map(|n| &n.kind) else {
            return;
        };
        let Ok(domain) = names::normalise_domain(&r.domain) else {
            return;
        };
        let rule = self.names.claim(
            "aws_route53_resolver_rule",
            &format!(
                "{endpoint}_{}",
                super::identifier(&domain, &format!("rule_{}", i + 1))
            ),
        );
        let mut b = resource("aws_route53_resolver_rule", &rule)
            .add_attribute(("name", literal(&format!("{endpoint}-{}", i + 1))))
            .add_attribute((
                "domain_name",
                literal(if domain.is_empty() { "." } else { &domain }),
            ))
            .add_attribute(("rule_type", "FORWARD"))
            .add_attribute((
                "resolver_endpoint_id",
                reference("aws_route53_resolver_endpoint", &[endpoint, "id"]),
            ));
        if let Some(ip) = on_premises_dns_ip(cidrs) {
            b = b.add_block(
                Block::builder("target_ip")
                    .add_attribute(("ip", literal(&ip)))
                    .build(),
            );
        }
        self.blocks.push(b.build());
        let mut seen = Vec::new();
        for v in r.vpcs.iter().filter(|v| d.vpc(v).is_some()) {
            if seen.contains(&v) {
                continue;
            }
            seen.push(v);
            let Some(vn) = self.names.of("aws_vpc", v).map(str::to_string) else {
                continue;
            };
            let assoc = self.names.claim(
                "aws_route53_resolver_rule_association",
                &format!("{rule}_{vn}"),
            );
            self.blocks.push(
                resource("aws_route53_resolver_rule_association", &assoc)
                    .add_attribute((
                        "resolver_rule_id",
                        reference("aws_route53_resolver_rule", &[&rule, "id"]),
                    ))
                    .add_attribute(("vpc_id", reference("aws_vpc", &[&vn, "id"])))
                    .build(),
            );
        }
    }

    /// A private hosted zone: its VPCs inline (a private zone needs at least one at creation),
    /// then its records.
    pub(super) fn hosted_zone(&mut self, n: &Node) {
        let d = self.design;
        let NodeKind::PrivateHostedZone {
            domain,
            vpcs,
            records,
        } = &n.kind
        else {
            return;
        };
        if !self.first("aws_route53_zone", &n.id) {
            return;
        }
        let Some(name) = self.names.of("aws_route53_zone", &n.id).map(str::to_string) else {
            return;
        };
        let Ok(domain) = names::normalise(domain) else {
            return;
        };
        let mut b =
            resource("aws_route53_zone", &name).add_attribute(("name", self.regional(&domain)));
        let mut any = false;
        for v in vpcs.iter().filter(|v| d.vpc(v).is_some()) {
            if let Some(vn) = self.names.of("aws_vpc", v) {
                b = b.add_block(
                    Block::builder("vpc")
                        .add_attribute(("vpc_id", reference("aws_vpc", &[vn, "id"])))
                        .build(),
                );
                any = true;
            }
        }
        if !any {
            // Without a VPC, Route 53 would create a public zone: not what the design means.
            return;
        }
        self.blocks.push(b.add_attribute(tags(&n.name)).build());
        for r in records {
            self.record(&name, &domain, r);
        }
    }

    fn record(&mut self, zone: &str, domain: &str, r: &ZoneRecord) {
        let rel = r.name.trim();
        let full = if rel.is_empty() {
            domain.to_string()
        } else {
            format!("{rel}.{domain}")
        };
        let base = if rel.is_empty() {
            "apex".to_string()
        } else {
            super::identifier(&rel.replace('*', "wildcard"), "record")
        };
        let name = self
            .names
            .claim("aws_route53_record", &format!("{zone}_{base}"));
        let b = resource("aws_route53_record", &name)
            .add_attribute(("zone_id", reference("aws_route53_zone", &[zone, "zone_id"])))
            .add_attribute(("name", self.regional(&full)));
        let b = match &r.value {
            RecordValue::Alias(target) => {
                let Some(ep) = self
                    .names
                    .of("aws_vpc_endpoint", target)
                    .map(str::to_string)
                else {
                    return;
                };
                b.add_attribute(("type", "A")).add_block(
                    Block::builder("alias")
                        .add_attribute(("name", endpoint_dns(&ep, "dns_name")))
                        .add_attribute(("zone_id", endpoint_dns(&ep, "hosted_zone_id")))
                        .add_attribute(("evaluate_target_health", false))
                        .build(),
                )
            }
            RecordValue::A(ips) => {
                let ips: Vec<Expression> = ips.iter().map(|ip| literal(ip.trim())).collect();
                b.add_attribute(("type", "A"))
                    .add_attribute(("ttl", TTL))
                    .add_attribute(("records", Expression::Array(ips)))
            }
            RecordValue::Cname(to) => b
                .add_attribute(("type", "CNAME"))
                .add_attribute(("ttl", TTL))
                .add_attribute(("records", Expression::Array(vec![literal(to)]))),
        };
        self.blocks.push(b.build());
    }
}
