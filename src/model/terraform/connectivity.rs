//! Terraform for the parts that connect networks and filter traffic: security groups and their
//! rules (one resource per rule, aws_vpc_security_group_ingress_rule / _egress_rule), network
//! ACLs and their rules, peering connections, transit gateways with their attachments and route
//! tables, virtual private gateways with route propagation, and Site-to-Site VPNs (customer
//! gateway and VPN connection). Arguments follow aws-networking.md §6 (T4, T17–T22).

use super::{Resources, literal, named, reference, resource, tags};
use crate::model::cidr;
use crate::model::design::{AclRule, Node, NodeKind, Protocol, SgPeer, SgRule, TgwRouteTable, Vpc};
use crate::model::routing::address;
use hcl::Block;
use hcl::expr::{Expression, Traversal, Variable};

/// AWS's protocol names in security group and network ACL rules ("-1": every protocol).
fn protocol(p: Protocol) -> &'static str {
    match p {
        Protocol::Tcp => "tcp",
        Protocol::Udp => "udp",
        Protocol::Icmp => "icmp",
        Protocol::All => "-1",
    }
}

/// A private ASN for customer gateways the design says nothing about (RFC 6996 range; AWS's
/// own default for a virtual private gateway is 64512).
const CUSTOMER_GATEWAY_ASN: i64 = 65000;

impl Resources<'_> {
    pub(super) fn security_groups(&mut self, vpc: &Vpc) {
        let Some(vpc_name) = self.names.of("aws_vpc", &vpc.id).map(str::to_string) else {
            return;
        };
        for g in &vpc.security_groups {
            if !self.first("aws_security_group", &g.id) {
                continue;
            }
            let Some(name) = self
                .names
                .of("aws_security_group", &g.id)
                .map(str::to_string)
            else {
                continue;
            };
            self.blocks.push(
                resource("aws_security_group", &name)
                    .add_attribute(("name", named(&g.name)))
                    .add_attribute(("description", literal(&format!("{} (VPC Planner)", g.name))))
                    .add_attribute(("vpc_id", reference("aws_vpc", &[&vpc_name, "id"])))
                    .add_attribute(tags(&g.name))
                    .build(),
            );
            self.sg_rules(
                &name,
                "aws_vpc_security_group_ingress_rule",
                &g.ingress,
                "in",
            );
            self.sg_rules(
                &name,
                "aws_vpc_security_group_egress_rule",
                &g.egress,
                "out",
            );
        }
    }

    fn sg_rules(&mut self, name: &str, ty: &'static str, rules: &[SgRule], dir: &str) {
        for (i, r) in rules.iter().enumerate() {
            let rule_name = self.names.claim(ty, &format!("{name}_{dir}_{}", i + 1));
            let mut b = resource(ty, &rule_name)
                .add_attribute((
                    "security_group_id",
                    reference("aws_security_group", &[name, "id"]),
                ))
                .add_attribute(("ip_protocol", protocol(r.protocol)));
            match r.protocol {
                Protocol::All => {}
                // For ICMP the "ports" are type and code; -1 is every one.
                Protocol::Icmp => {
                    b = b
                        .add_attribute(("from_port", -1_i64))
                        .add_attribute(("to_port", -1_i64))
                }
                _ => {
                    b = b
                        .add_attribute(("from_port", i64::from(r.from_port)))
                        .add_attribute(("to_port", i64::from(r.to_port)))
                }
            }
            b = match &r.peer {
                SgPeer::Cidr(c) => b.add_attribute(("cidr_ipv4", literal(c))),
                SgPeer::SecurityGroup(other) => match self.names.of("aws_security_group", other) {
                    Some(o) => b.add_attribute((
                        "referenced_security_group_id",
                        reference("aws_security_group", &[o, "id"]),
                    )),
                    None => continue,
                },
                SgPeer::PrefixList(service) => {
                    let data = self.prefix_list(service);
                    b.add_attribute((
                        "prefix_list_id",
                        reference("data", &["aws_prefix_list", &data, "id"]),
                    ))
                }
            };
            self.blocks.push(b.build());
        }
    }

    /// A `data "aws_prefix_list"` for an AWS service's managed prefix list, written once.
    fn prefix_list(&mut self, service: &str) -> String {
        let key = format!("prefix-list:{service}");
        if let Some(n) = self.names.of("data.aws_prefix_list", &key) {
            return n.to_string();
        }
        let name = self.names.claim(
            "data.aws_prefix_list",
            &super::identifier(service, "service"),
        );
        self.names
            .by_item
            .insert(("data.aws_prefix_list", key), name.clone());
        self.blocks.push(
            Block::builder("data")
                .add_label("aws_prefix_list")
                .add_label(&name)
                .add_attribute(("name", super::service_name(service)))
                .build(),
        );
        name
    }

    pub(super) fn network_acls(&mut self, vpc: &Vpc) {
        let Some(vpc_name) = self.names.of("aws_vpc", &vpc.id).map(str::to_string) else {
            return;
        };
        for acl in &vpc.network_acls {
            if !self.first("aws_network_acl", &acl.id) {
                continue;
            }
            let Some(name) = self
                .names
                .of("aws_network_acl", &acl.id)
                .map(str::to_string)
            else {
                continue;
            };
            let subnets: Vec<Expression> = acl
                .subnets
                .iter()
                .filter_map(|s| self.names.of("aws_subnet", s))
                .map(|s| reference("aws_subnet", &[s, "id"]))
                .collect();
            self.blocks.push(
                resource("aws_network_acl", &name)
                    .add_attribute(("vpc_id", reference("aws_vpc", &[&vpc_name, "id"])))
                    .add_attribute(("subnet_ids", Expression::Array(subnets)))
                    .add_attribute(tags(&acl.name))
                    .build(),
            );
            self.acl_rules(&name, &acl.ingress, false);
            self.acl_rules(&name, &acl.egress, true);
        }
    }

    fn acl_rules(&mut self, name: &str, rules: &[AclRule], egress: bool) {
        for r in rules {
            let dir = if egress { "out" } else { "in" };
            let rule_name = self.names.claim(
                "aws_network_acl_rule",
                &format!("{name}_{dir}_{}", r.number),
            );
            let mut b = resource("aws_network_acl_rule", &rule_name)
                .add_attribute((
                    "network_acl_id",
                    reference("aws_network_acl", &[name, "id"]),
                ))
                .add_attribute(("rule_number", i64::from(r.number)))
                .add_attribute(("egress", egress))
                .add_attribute(("protocol", protocol(r.protocol)))
                .add_attribute(("rule_action", if r.allow { "allow" } else { "deny" }))
                .add_attribute(("cidr_block", literal(&r.cidr)));
            match r.protocol {
                Protocol::All => {}
                Protocol::Icmp => {
                    b = b
                        .add_attribute(("icmp_type", -1_i64))
                        .add_attribute(("icmp_code", -1_i64))
                }
                _ => {
                    b = b
                        .add_attribute(("from_port", i64::from(r.from_port)))
                        .add_attribute(("to_port", i64::from(r.to_port)))
                }
            }
            self.blocks.push(b.build());
        }
    }

    pub(super) fn peering(&mut self, n: &Node, requester: &str, accepter: &str) {
        if !self.first("aws_vpc_peering_connection", &n.id) {
            return;
        }
        let (Some(name), Some(r), Some(a)) = (
            self.names.of("aws_vpc_peering_connection", &n.id),
            self.names.of("aws_vpc", requester),
            self.names.of("aws_vpc", accepter),
        ) else {
            return;
        };
        // Same account and Region: the requester can accept (T22).
        let block = resource("aws_vpc_peering_connection", name)
            .add_attribute(("vpc_id", reference("aws_vpc", &[r, "id"])))
            .add_attribute(("peer_vpc_id", reference("aws_vpc", &[a, "id"])))
            .add_attribute(("auto_accept", true))
            .add_attribute(tags(&n.name))
            .build();
        self.blocks.push(block);
    }

    pub(super) fn vpn_gateway(&mut self, n: &Node, vpc: &str) {
        if !self.first("aws_vpn_gateway", &n.id) {
            return;
        }
        let (Some(name), Some(v)) = (
            self.names.of("aws_vpn_gateway", &n.id),
            self.names.of("aws_vpc", vpc),
        ) else {
            return;
        };
        let block = resource("aws_vpn_gateway", name)
            .add_attribute(("vpc_id", reference("aws_vpc", &[v, "id"])))
            .add_attribute(tags(&n.name))
            .build();
        self.blocks.push(block);
    }

    /// An on-premises network's customer gateway and VPN connection, with static routes to its
    /// blocks on a virtual private gateway (a transit gateway routes through its tables).
    pub(super) fn on_premises(&mut self, n: &Node, cidrs: &[String], vpn: Option<&str>) {
        let d = self.design;
        let Some(end) = vpn.and_then(|v| d.node(v)) else {
            return;
        };
        if !self.first("aws_customer_gateway", &n.id) {
            return;
        }
        let Some(name) = self
            .names
            .of("aws_customer_gateway", &n.id)
            .map(str::to_string)
        else {
            return;
        };
        let ip_var = format!("{name}_public_ip");
        self.variables.push(
            Block::builder("variable")
                .add_label(&ip_var)
                .add_attribute((
                    "description",
                    literal(&format!(
                        "Public IPv4 address of the VPN device of on-premises network {}",
                        n.name
                    )),
                ))
                .add_attribute(("type", reference("string", &[])))
                // TEST-NET-3 (RFC 5737): a placeholder AWS accepts; replace it with the device's address.
                .add_attribute(("default", "203.0.113.10"))
                .build(),
        );
        self.blocks.push(
            resource("aws_customer_gateway", &name)
                .add_attribute(("bgp_asn", CUSTOMER_GATEWAY_ASN))
                .add_attribute(("ip_address", reference("var", &[&ip_var])))
                .add_attribute(("type", "ipsec.1"))
                .add_attribute(tags(&n.name))
                .build(),
        );
        // On a virtual private gateway the network's blocks are static routes; on a transit
        // gateway they propagate into its tables, which takes BGP (static VPN routes would
        // need a route in every table, which the design doesn't say).
        let static_routes = matches!(end.kind, NodeKind::VpnGateway { .. });
        let mut vpn_block = resource("aws_vpn_connection", &name)
            .add_attribute((
                "customer_gateway_id",
                reference("aws_customer_gateway", &[&name, "id"]),
            ))
            .add_attribute(("type", "ipsec.1"))
            .add_attribute(("static_routes_only", static_routes));
        let on_vgw = match &end.kind {
            NodeKind::VpnGateway { .. } => match self.names.of("aws_vpn_gateway", &end.id) {
                Some(g) => {
                    vpn_block = vpn_block.add_attribute((
                        "vpn_gateway_id",
                        reference("aws_vpn_gateway", &[g, "id"]),
                    ));
                    true
                }
                None => return,
            },
            NodeKind::TransitGateway { .. } => {
                match self.names.of("aws_ec2_transit_gateway", &end.id) {
                    Some(t) => {
                        vpn_block = vpn_block.add_attribute((
                            "transit_gateway_id",
                            reference("aws_ec2_transit_gateway", &[t, "id"]),
                        ));
                        false
                    }
                    None => return,
                }
            }
            _ => return,
        };
        self.blocks
            .push(vpn_block.add_attribute(tags(&n.name)).build());
        if on_vgw {
            for (i, c) in cidrs
                .iter()
                .enumerate()
                .filter(|(_, c)| cidr::parse_v4(c).is_ok())
            {
                let route = self
                    .names
                    .claim("aws_vpn_connection_route", &format!("{name}_{}", i + 1));
                self.blocks.push(
                    resource("aws_vpn_connection_route", &route)
                        .add_attribute(("destination_cidr_block", literal(c)))
                        .add_attribute((
                            "vpn_connection_id",
                            reference("aws_vpn_connection", &[&name, "id"]),
                        ))
                        .build(),
                );
            }
        }
    }

    /// Route propagation from virtual private gateways into a VPC route table.
    pub(super) fn propagations(
        &mut self,
        table: &str,
        table_ref: &Expression,
        gateways: &[String],
    ) {
        for g in gateways {
            let Some(gw) = self.names.of("aws_vpn_gateway", g).map(str::to_string) else {
                continue;
            };
            let name = self.names.claim(
                "aws_vpn_gateway_route_propagation",
                &format!("{table}_{gw}"),
            );
            self.blocks.push(
                resource("aws_vpn_gateway_route_propagation", &name)
                    .add_attribute(("vpn_gateway_id", reference("aws_vpn_gateway", &[&gw, "id"])))
                    .add_attribute(("route_table_id", table_ref.clone()))
                    .build(),
            );
        }
    }

    /// A transit gateway, its VPC attachments and, when the design has its own route tables,
    /// those tables with their associations, propagations and static routes (the default
    /// table is turned off then, so nothing is associated twice).
    pub(super) fn transit_gateway(&mut self, n: &Node) {
        let d = self.design;
        let NodeKind::TransitGateway {
            attachments,
            route_tables,
        } = &n.kind
        else {
            return;
        };
        if !self.first("aws_ec2_transit_gateway", &n.id) {
            return;
        }
        let Some(name) = self
            .names
            .of("aws_ec2_transit_gateway", &n.id)
            .map(str::to_string)
        else {
            return;
        };
        let custom = !route_tables.is_empty();
        let default = if custom { "disable" } else { "enable" };
        self.blocks.push(
            resource("aws_ec2_transit_gateway", &name)
                .add_attribute(("description", literal(&n.name)))
                .add_attribute(("default_route_table_association", default))
                .add_attribute(("default_route_table_propagation", default))
                .add_attribute(tags(&n.name))
                .build(),
        );
        let tgw_ref = reference("aws_ec2_transit_gateway", &[&name, "id"]);
        for a in attachments {
            let (Some(v), Some(vpc)) = (
                self.names.of("aws_vpc", &a.vpc).map(str::to_string),
                d.vpc(&a.vpc),
            ) else {
                continue;
            };
            let vpc_label = vpc.name.clone();
            let att = self.names.claim(
                "aws_ec2_transit_gateway_vpc_attachment",
                &format!("{name}_{v}"),
            );
            self.names.by_item.insert(
                (
                    "aws_ec2_transit_gateway_vpc_attachment",
                    format!("{}#{}", n.id, a.vpc),
                ),
                att.clone(),
            );
            let subnets: Vec<Expression> = a
                .subnets
                .iter()
                .filter_map(|s| self.names.of("aws_subnet", s))
                .map(|s| reference("aws_subnet", &[s, "id"]))
                .collect();
            let mut b = resource("aws_ec2_transit_gateway_vpc_attachment", &att)
                .add_attribute(("transit_gateway_id", tgw_ref.clone()))
                .add_attribute(("vpc_id", reference("aws_vpc", &[&v, "id"])))
                .add_attribute(("subnet_ids", Expression::Array(subnets)));
            if custom {
                // No default table to join: the design's tables say where it goes (T4).
                b = b
                    .add_attribute(("transit_gateway_default_route_table_association", false))
                    .add_attribute(("transit_gateway_default_route_table_propagation", false));
            }
            self.blocks.push(
                b.add_attribute(tags(&format!("{} / {vpc_label}", n.name)))
                    .build(),
            );
        }
        for t in route_tables {
            self.tgw_route_table(n, &name, &tgw_ref, t);
        }
    }

    /// The resource of the attachment of `vpc` to transit gateway `tgw`, for `depends_on`.
    pub(super) fn tgw_vpc_attachment(&self, tgw: &str, vpc: &str) -> Option<Expression> {
        self.names
            .of(
                "aws_ec2_transit_gateway_vpc_attachment",
                &format!("{tgw}#{vpc}"),
            )
            .map(|a| reference("aws_ec2_transit_gateway_vpc_attachment", &[a]))
    }

    /// The attachment id of `what` (a VPC id or an on-premises network) on transit gateway `tgw`.
    fn tgw_attachment_ref(&self, tgw: &Node, what: &str) -> Option<Expression> {
        if let Some(att) = self.names.of(
            "aws_ec2_transit_gateway_vpc_attachment",
            &format!("{}#{what}", tgw.id),
        ) {
            return Some(reference(
                "aws_ec2_transit_gateway_vpc_attachment",
                &[att, "id"],
            ));
        }
        // A VPN ending at the transit gateway attaches through its connection (T21).
        let onprem = self.design.node(what).filter(
            |o| matches!(&o.kind, NodeKind::OnPremises { vpn: Some(v), .. } if *v == tgw.id),
        )?;
        let conn = self.names.of("aws_customer_gateway", &onprem.id)?;
        Some(reference(
            "aws_vpn_connection",
            &[conn, "transit_gateway_attachment_id"],
        ))
    }

    fn tgw_route_table(
        &mut self,
        tgw: &Node,
        tgw_name: &str,
        tgw_ref: &Expression,
        t: &TgwRouteTable,
    ) {
        let table = self.names.claim(
            "aws_ec2_transit_gateway_route_table",
            &format!("{tgw_name}_{}", super::identifier(&t.name, "table")),
        );
        self.blocks.push(
            resource("aws_ec2_transit_gateway_route_table", &table)
                .add_attribute(("transit_gateway_id", tgw_ref.clone()))
                .add_attribute(tags(&format!("{} / {}", tgw.name, t.name)))
                .build(),
        );
        let table_ref = reference("aws_ec2_transit_gateway_route_table", &[&table, "id"]);
        for (ty, list) in [
            (
                "aws_ec2_transit_gateway_route_table_association",
                &t.associations,
            ),
            (
                "aws_ec2_transit_gateway_route_table_propagation",
                &t.propagations,
            ),
        ] {
            for a in list.iter() {
                let Some(att) = self.tgw_attachment_ref(tgw, a) else {
                    continue;
                };
                let name = self.names.claim(
                    ty,
                    &format!(
                        "{table}_{}",
                        super::identifier(self.design.name_of(a).unwrap_or(a), "attachment")
                    ),
                );
                self.blocks.push(
                    resource(ty, &name)
                        .add_attribute(("transit_gateway_attachment_id", att))
                        .add_attribute(("transit_gateway_route_table_id", table_ref.clone()))
                        .build(),
                );
            }
        }
        for r in &t.routes {
            let name = self.names.claim(
                "aws_ec2_transit_gateway_route",
                &format!("{table}_{}", super::identifier(&r.destination, "to")),
            );
            let mut b = resource("aws_ec2_transit_gateway_route", &name)
                .add_attribute(("destination_cidr_block", literal(&r.destination)))
                .add_attribute(("transit_gateway_route_table_id", table_ref.clone()));
            b = match r
                .attachment
                .as_deref()
                .and_then(|a| self.tgw_attachment_ref(tgw, a))
            {
                Some(att) => b.add_attribute(("transit_gateway_attachment_id", att)),
                None => b.add_attribute(("blackhole", true)),
            };
            self.blocks.push(b.build());
        }
    }

    /// The `security_group_ids` of a node: its groups, or its VPC's default group.
    pub(super) fn security_group_ids(&self, n: &Node, vpc: &str) -> Expression {
        let ids: Vec<Expression> = n
            .security_groups
            .iter()
            .filter_map(|g| self.names.of("aws_security_group", g))
            .map(|g| reference("aws_security_group", &[g, "id"]))
            .collect();
        if !ids.is_empty() {
            return Expression::Array(ids);
        }
        match self.names.of("aws_vpc", vpc) {
            Some(v) => Expression::Array(vec![reference(
                "aws_vpc",
                &[v, "default_security_group_id"],
            )]),
            None => Expression::Array(Vec::new()),
        }
    }
}

/// `aws_vpc_endpoint.<name>.dns_entry[0].<attr>`: the Regional DNS name of an interface
/// endpoint and its hosted zone (T5 exports dns_entry).
pub(super) fn endpoint_dns(endpoint: &str, attr: &str) -> Expression {
    Expression::from(
        Traversal::builder(Variable::unchecked("aws_vpc_endpoint"))
            .attr(endpoint)
            .attr("dns_entry")
            .index(Expression::from(0_i64))
            .attr(attr)
            .build(),
    )
}

/// The address the planner gives an on-premises network's DNS servers (its first block's base
/// + 10, as everywhere else in the planner).
pub(super) fn on_premises_dns_ip(cidrs: &[String]) -> Option<String> {
    address::on_premises_address(cidrs).map(|ip| ip.to_string())
}
