//! The trailing `# vpc-planner: {…}` line of an export: what Terraform does not carry (ids,
//! canvas positions, the node order, workloads, AWS services, flows, the design's name), so
//! that `import` can rebuild the design the file was written from. Keyed by resource address
//! (`aws_vpc.prod`); nodes without a resource of their own travel whole.

use crate::model::design::{Design, DnsForward, Flow, Id, Node, NodeKind, Point, Rect};
use crate::model::hash::HashSet;
use serde::Deserialize;
use std::collections::BTreeMap;

/// What starts the line; `import` looks for the last line that starts with it.
pub const PREFIX: &str = "# vpc-planner: ";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The design's Region, for a main.tf read without its variables.tf (split export).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    /// Per resource address, the design item it was written from.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, Placed>,
    /// Nodes no resource stands for (workloads, AWS services, networks without a VPN…), whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Kept>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placed {
    pub id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rect: Option<Rect>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Point>,
    /// The node's index in the design's node list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i: Option<usize>,
    /// An on-premises network's blocks and DNS, which its customer gateway doesn't hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidrs: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dns_domains: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dns_forwards: Vec<DnsForward>,
    /// An endpoint service's targets: workloads, which Terraform here doesn't create.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Id>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kept {
    pub i: usize,
    pub node: Node,
}

/// The resource type that stands for a node, if one does.
pub fn node_type(kind: &NodeKind) -> Option<&'static str> {
    Some(match kind {
        NodeKind::InternetGateway { .. } => "aws_internet_gateway",
        NodeKind::NatGateway { .. } => "aws_nat_gateway",
        NodeKind::GatewayEndpoint { .. } | NodeKind::InterfaceEndpoint { .. } => "aws_vpc_endpoint",
        NodeKind::TransitGateway { .. } => "aws_ec2_transit_gateway",
        NodeKind::VpnGateway { .. } => "aws_vpn_gateway",
        NodeKind::VpcPeering { .. } => "aws_vpc_peering_connection",
        // The customer gateway and the VPN connection share the network's name.
        NodeKind::OnPremises { vpn: Some(_), .. } => "aws_customer_gateway",
        NodeKind::ResolverEndpoint { .. } => "aws_route53_resolver_endpoint",
        NodeKind::PrivateHostedZone { .. } => "aws_route53_zone",
        // Its load balancer, target group and listener share its name.
        NodeKind::EndpointService { .. } => "aws_vpc_endpoint_service",
        _ => return None,
    })
}

/// The metadata line for a design. `name_of(type, id)` is the resource name the export gave an
/// item; `written` holds the addresses of the resources it wrote.
pub fn line(
    design: &Design,
    name_of: &dyn Fn(&'static str, &str) -> Option<String>,
    written: &HashSet<String>,
) -> String {
    let mut meta = Meta {
        name: design.name.clone(),
        region: design.region.clone(),
        flows: design.flows.clone(),
        ..Meta::default()
    };
    let mut put = |address: Option<String>, placed: Placed| -> Result<(), Box<Placed>> {
        match address {
            // With duplicate ids only the first item owns the address.
            Some(a) if written.contains(&a) && !meta.items.contains_key(&a) => {
                meta.items.insert(a, placed);
                Ok(())
            }
            _ => Err(Box::new(placed)),
        }
    };
    let addr = |ty: &'static str, id: &str| name_of(ty, id).map(|n| format!("{ty}.{n}"));
    for v in &design.vpcs {
        let _ = put(
            addr("aws_vpc", &v.id),
            Placed {
                id: v.id.clone(),
                rect: Some(v.layout),
                ..Placed::default()
            },
        );
        for g in &v.security_groups {
            let _ = put(
                addr("aws_security_group", &g.id),
                Placed {
                    id: g.id.clone(),
                    ..Placed::default()
                },
            );
        }
        for a in &v.network_acls {
            let _ = put(
                addr("aws_network_acl", &a.id),
                Placed {
                    id: a.id.clone(),
                    ..Placed::default()
                },
            );
        }
    }
    for s in &design.subnets {
        let _ = put(
            addr("aws_subnet", &s.id),
            Placed {
                id: s.id.clone(),
                rect: Some(s.layout),
                ..Placed::default()
            },
        );
    }
    for rt in &design.route_tables {
        let ty = if rt.main {
            "aws_default_route_table"
        } else {
            "aws_route_table"
        };
        let _ = put(
            name_of("aws_route_table", &rt.id).map(|n| format!("{ty}.{n}")),
            Placed {
                id: rt.id.clone(),
                ..Placed::default()
            },
        );
    }
    let mut kept = Vec::new();
    for (i, n) in design.nodes.iter().enumerate() {
        let mut placed = Placed {
            id: n.id.clone(),
            at: Some(n.at),
            i: Some(i),
            ..Placed::default()
        };
        if let NodeKind::OnPremises {
            cidrs,
            dns_domains,
            dns_forwards,
            ..
        } = &n.kind
        {
            placed.cidrs = Some(cidrs.clone());
            placed.dns_domains = dns_domains.clone();
            placed.dns_forwards = dns_forwards.clone();
        }
        if let NodeKind::EndpointService { targets, .. } = &n.kind {
            placed.targets = targets.clone();
        }
        let address = node_type(&n.kind).and_then(|ty| addr(ty, &n.id));
        if put(address, placed).is_err() {
            kept.push(Kept { i, node: n.clone() });
        }
    }
    meta.nodes = kept;
    let json = write(&meta);
    // The JSON sits in a comment that ends at the first line break. JSON already escapes
    // "\n" and "\r"; every other non-ASCII character is escaped too (\uXXXX, as UTF-16), so no
    // Unicode line separator, NEL or bidirectional control from a user's text reaches the file.
    let mut out = String::with_capacity(json.len() + PREFIX.len() + 1);
    out.push_str(PREFIX);
    for c in json.chars() {
        if c.is_ascii() && c != '\x7f' {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    out.push('\n');
    out
}

/// The metadata as compact JSON, field for field what `Meta`'s Deserialize reads (the same
/// names and the same fields left out when empty). Written with the design's own JSON writer:
/// serde's Serialize for these types would add its code to the browser bundle.
fn write(meta: &Meta) -> String {
    use crate::model::document::Json;
    let mut w = Json(String::new());
    w.open();
    if !meta.name.is_empty() {
        w.field_str("name", &meta.name);
    }
    if !meta.region.is_empty() {
        w.field_str("region", &meta.region);
    }
    if !meta.items.is_empty() {
        w.key("items");
        w.open();
        for (address, p) in &meta.items {
            w.key(address);
            w.open();
            w.field_str("id", &p.id);
            if let Some(r) = &p.rect {
                w.rect("rect", r);
            }
            if let Some(at) = &p.at {
                w.key("at");
                w.open();
                w.field_int("x", at.x.into());
                w.field_int("y", at.y.into());
                w.close();
            }
            if let Some(i) = p.i {
                w.field_int("i", i64::try_from(i).unwrap_or(i64::MAX));
            }
            if let Some(cidrs) = &p.cidrs {
                w.strs("cidrs", cidrs, false);
            }
            w.strs("dns_domains", &p.dns_domains, true);
            w.list("dns_forwards", &p.dns_forwards, true, |w, f| {
                w.open();
                w.field_str("domain", &f.domain);
                w.field_str("endpoint", &f.endpoint);
                w.close();
            });
            w.strs("targets", &p.targets, true);
            w.close();
        }
        w.close();
    }
    w.list("nodes", &meta.nodes, true, |w, k| {
        w.open();
        w.field_int("i", i64::try_from(k.i).unwrap_or(i64::MAX));
        w.key("node");
        w.node(&k.node);
        w.close();
    });
    w.list("flows", &meta.flows, true, |w, f| w.flow(f));
    w.close();
    w.0
}
