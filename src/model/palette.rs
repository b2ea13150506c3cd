//! The palette: what a user can add, and what each entry creates when dropped at a point —
//! with sensible names, a free CIDR block, the next Availability Zone and a valid container.

use super::catalog;
use super::cidr;
use super::design::{
    Design, Id, NatConnectivity, Node, NodeKind, Point, Rect, ResolverDirection, RouteTable,
    Subnet, TgwAttachment, Vpc,
};
use super::edit::{Edit, Item};
use super::layout::{self, PlaceError, SUBNET_SIZE, VPC_SIZE};
use ipnet::Ipv4Net;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Vpc,
    Subnet,
    Ec2,
    Lambda,
    Eks,
    Rds,
    /// An AWS service, by catalogue key.
    Service(&'static str),
    InternetGateway,
    NatGateway,
    GatewayEndpoint,
    InterfaceEndpoint,
    EndpointService,
    VpnGateway,
    TransitGateway,
    VpcPeering,
    OnPremises,
    HostedZone,
    ResolverInbound,
    ResolverOutbound,
}

/// The palette's sections and entries, in display order.
pub fn sections() -> Vec<(&'static str, Vec<Entry>)> {
    vec![
        ("Network", vec![Entry::Vpc, Entry::Subnet]),
        (
            "Workloads",
            vec![Entry::Ec2, Entry::Lambda, Entry::Eks, Entry::Rds],
        ),
        (
            "Gateways",
            vec![Entry::InternetGateway, Entry::NatGateway, Entry::VpnGateway],
        ),
        (
            "Endpoints",
            vec![
                Entry::GatewayEndpoint,
                Entry::InterfaceEndpoint,
                Entry::EndpointService,
            ],
        ),
        (
            "Connectivity",
            vec![Entry::TransitGateway, Entry::VpcPeering, Entry::OnPremises],
        ),
        (
            "DNS",
            vec![
                Entry::HostedZone,
                Entry::ResolverInbound,
                Entry::ResolverOutbound,
            ],
        ),
        (
            "AWS services",
            catalog::SERVICES
                .iter()
                .map(|s| Entry::Service(s.key))
                .collect(),
        ),
    ]
}

impl Entry {
    /// The accessible and visible name of the palette button.
    pub fn label(&self) -> &'static str {
        match self {
            Entry::Vpc => "VPC",
            Entry::Subnet => "Subnet",
            Entry::Ec2 => "EC2 instance",
            Entry::Lambda => "Lambda function",
            Entry::Eks => "EKS nodes",
            Entry::Rds => "RDS database",
            Entry::Service(key) => catalog::service(key)
                .map(|s| s.name)
                .unwrap_or("AWS service"),
            Entry::InternetGateway => "Internet gateway",
            Entry::NatGateway => "NAT gateway",
            Entry::GatewayEndpoint => "Gateway endpoint",
            Entry::InterfaceEndpoint => "Interface endpoint",
            Entry::EndpointService => "Endpoint service",
            Entry::VpnGateway => "Virtual private gateway",
            Entry::TransitGateway => "Transit gateway",
            Entry::VpcPeering => "Peering connection",
            Entry::OnPremises => "On-premises network",
            Entry::HostedZone => "Private hosted zone",
            Entry::ResolverInbound => "Resolver inbound endpoint",
            Entry::ResolverOutbound => "Resolver outbound endpoint",
        }
    }

    /// A stable token for drag data and tests (`vpc`, `service:s3`).
    pub fn token(&self) -> String {
        match self {
            Entry::Vpc => "vpc".into(),
            Entry::Subnet => "subnet".into(),
            Entry::Ec2 => "ec2".into(),
            Entry::Lambda => "lambda".into(),
            Entry::Eks => "eks".into(),
            Entry::Rds => "rds".into(),
            Entry::Service(key) => format!("service:{key}"),
            Entry::InternetGateway => "internet_gateway".into(),
            Entry::NatGateway => "nat_gateway".into(),
            Entry::GatewayEndpoint => "gateway_endpoint".into(),
            Entry::InterfaceEndpoint => "interface_endpoint".into(),
            Entry::EndpointService => "endpoint_service".into(),
            Entry::VpnGateway => "vpn_gateway".into(),
            Entry::TransitGateway => "transit_gateway".into(),
            Entry::VpcPeering => "vpc_peering".into(),
            Entry::OnPremises => "on_premises".into(),
            Entry::HostedZone => "private_hosted_zone".into(),
            Entry::ResolverInbound => "resolver_inbound".into(),
            Entry::ResolverOutbound => "resolver_outbound".into(),
        }
    }

    /// The label with its article, for sentences.
    pub fn a_label(&self) -> &'static str {
        match self {
            Entry::Vpc => "a VPC",
            Entry::Subnet => "a subnet",
            Entry::Ec2 => "an EC2 instance",
            Entry::Lambda => "a Lambda function",
            Entry::Eks => "EKS nodes",
            Entry::Rds => "an RDS database",
            Entry::Service(_) => "an AWS service",
            Entry::InternetGateway => "an internet gateway",
            Entry::NatGateway => "a NAT gateway",
            Entry::GatewayEndpoint => "a gateway endpoint",
            Entry::InterfaceEndpoint => "an interface endpoint",
            Entry::EndpointService => "an endpoint service",
            Entry::VpnGateway => "a virtual private gateway",
            Entry::TransitGateway => "a transit gateway",
            Entry::VpcPeering => "a peering connection",
            Entry::OnPremises => "an on-premises network",
            Entry::HostedZone => "a private hosted zone",
            Entry::ResolverInbound => "a Resolver inbound endpoint",
            Entry::ResolverOutbound => "a Resolver outbound endpoint",
        }
    }

    pub fn from_token(token: &str) -> Option<Entry> {
        sections()
            .into_iter()
            .flat_map(|(_, e)| e)
            .find(|e| e.token() == token)
    }
}

/// One step that creates the entry at `at` (and anything it needs: a VPC comes with its main
/// route table), with the id of the new item, or why it cannot go there.
pub fn create(design: &Design, entry: Entry, at: Point) -> Result<(Edit, Id), PlaceError> {
    match entry {
        Entry::Vpc => create_vpc(design, at),
        Entry::Subnet => create_subnet(design, at),
        Entry::VpcPeering => create_peering(design, at),
        _ => create_node(design, entry, at),
    }
}

/// Creates the entry without a drop point (a palette button pressed with the keyboard or
/// clicked): inside the selected item when it fits there, else in the first place it fits.
pub fn create_somewhere(
    design: &Design,
    entry: Entry,
    selected: Option<&str>,
) -> Result<(Edit, Id), PlaceError> {
    let spots = spots(design, entry, selected);
    let mut first_error = None;
    for spot in spots {
        match create(design, entry, spot) {
            Ok(done) => return Ok(done),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or(PlaceError::NoRoom {
        what: entry.a_label(),
    }))
}

/// Where the entry would go, best first: inside the selected item (a VPC or subnet) when it
/// fits there, else in the first place it fits. Used when nothing says where to drop it.
pub fn spots(design: &Design, entry: Entry, selected: Option<&str>) -> Vec<Point> {
    let bounds = layout::bounds(design);
    let right = bounds
        .x
        .saturating_add(bounds.w)
        .saturating_sub(layout::MARGIN);
    let bottom = bounds
        .y
        .saturating_add(bounds.h)
        .saturating_sub(layout::MARGIN);
    // Beside everything drawn, else below it.
    let vpc_spots = vec![
        Point {
            x: right.saturating_add(VPC_SIZE.0 / 2 + 20),
            y: layout::MARGIN + VPC_SIZE.1 / 2,
        },
        Point {
            x: layout::MARGIN + VPC_SIZE.0 / 2,
            y: bottom.saturating_add(VPC_SIZE.1 / 2 + 20),
        },
    ];
    let selected_subnet = selected.and_then(|id| {
        design.subnet(id).or_else(|| {
            design
                .node(id)
                .and_then(|n| n.kind.home_subnet())
                .and_then(|s| design.subnet(s))
        })
    });
    let selected_vpc = selected.and_then(|id| {
        design.vpc(id).or_else(|| {
            design
                .subnet(id)
                .map(|s| s.vpc.as_str())
                .or_else(|| design.node(id).and_then(|n| design.node_vpc(n)))
                .and_then(|v| design.vpc(v))
        })
    });
    let free_in = |r: &Rect| free_spots(design, r);
    match entry {
        Entry::Vpc => vpc_spots,
        Entry::Subnet => {
            let vpcs = selected_vpc.into_iter().chain(design.vpcs.iter());
            vpcs.flat_map(|v| free_subnet_spots(design, v)).collect()
        }
        Entry::VpcPeering => {
            // The requester is the VPC the drop point is on: the selected one, then each in turn.
            let vpcs = selected_vpc.into_iter().chain(design.vpcs.iter());
            vpcs.map(|v| Point {
                x: v.layout.x.saturating_add(v.layout.w / 2),
                y: v.layout.y.saturating_add(v.layout.h / 2),
            })
            .collect()
        }
        Entry::Service(_) | Entry::TransitGateway | Entry::OnPremises | Entry::HostedZone => {
            // A row under everything drawn, clear of other icons; networks just under the
            // drawing, near the VPCs they join, rather than below the empty screenful.
            let below = match entry {
                Entry::Service(_) => bottom,
                _ => layout::content_bounds(design).map_or(bottom, |c| c.y.saturating_add(c.h)),
            };
            let row = (0..12).map(|i| Point {
                x: layout::MARGIN + 60 + i * 110,
                y: below.saturating_add(50),
            });
            row.filter(|p| layout::vpc_at(design, *p).is_none())
                .filter(|p| {
                    design
                        .nodes
                        .iter()
                        .all(|n| n.at.x.abs_diff(p.x) > 60 || n.at.y.abs_diff(p.y) > 60)
                })
                .collect()
        }
        Entry::InternetGateway | Entry::VpnGateway | Entry::GatewayEndpoint => {
            let vpcs = selected_vpc.into_iter().chain(design.vpcs.iter());
            vpcs.flat_map(|v| {
                // Gateways sit on the VPC's top band, clear of the subnets.
                let band = Rect {
                    x: v.layout.x.saturating_add(20),
                    y: v.layout.y.saturating_add(6),
                    w: v.layout.w.saturating_sub(40),
                    h: 56,
                };
                free_in(&band)
            })
            .collect()
        }
        _ => {
            // The selected subnet, then the selected VPC's subnets, then any subnet.
            let in_selected_vpc = design
                .subnets
                .iter()
                .filter(|s| selected_vpc.is_some_and(|v| v.id == s.vpc));
            let subnets = selected_subnet
                .into_iter()
                .chain(in_selected_vpc)
                .chain(design.subnets.iter());
            subnets.flat_map(|s| free_in(&s.layout)).collect()
        }
    }
}

/// Grid points inside `r` where no icon sits yet (at most a few hundred, however large `r`).
fn free_spots(design: &Design, r: &Rect) -> Vec<Point> {
    const STEP: i64 = 72;
    const MAX_SPOTS: usize = 400;
    let (x0, y0, w, h) = (
        i64::from(r.x),
        i64::from(r.y),
        i64::from(r.w),
        i64::from(r.h),
    );
    // Rows start below a container's two label lines; a thin band (a VPC's top band) has one row.
    let rows: Vec<i64> = if h < 100 {
        vec![y0 + h / 2]
    } else {
        (0..)
            .map(|i| y0 + 72 + i * STEP)
            .take_while(|y| *y <= y0 + h - 30)
            .take(40)
            .collect()
    };
    let columns: Vec<i64> = (0..)
        .map(|i| x0 + 44 + i * STEP)
        .take_while(|x| *x <= x0 + w - 24)
        .take(40)
        .collect();
    let mut out = Vec::new();
    for y in &rows {
        for x in &columns {
            let clear = design.nodes.iter().all(|n| {
                (i64::from(n.at.x) - x).abs() >= STEP - 8
                    || (i64::from(n.at.y) - y).abs() >= STEP - 8
            });
            if let (true, Ok(x), Ok(y)) = (clear, i32::try_from(*x), i32::try_from(*y)) {
                out.push(Point { x, y });
                if out.len() >= MAX_SPOTS {
                    return out;
                }
            }
        }
    }
    out
}

fn free_subnet_spots(design: &Design, vpc: &Vpc) -> Vec<Point> {
    let (w, h) = (i64::from(SUBNET_SIZE.0), i64::from(SUBNET_SIZE.1));
    let v = vpc.layout;
    let (vx, vy, vw, vh) = (
        i64::from(v.x),
        i64::from(v.y),
        i64::from(v.w),
        i64::from(v.h),
    );
    let mut out = Vec::new();
    let rows = (0..)
        .map(|i| vy + 70 + i * (h + 20))
        .take_while(|y| y + h <= vy + vh - 10)
        .take(20);
    for y in rows {
        let columns = (0..)
            .map(|i| vx + 20 + i * (w + 20))
            .take_while(|x| x + w <= vx + vw - 10)
            .take(20);
        for x in columns {
            let (Ok(x), Ok(y)) = (i32::try_from(x), i32::try_from(y)) else {
                continue;
            };
            let r = Rect {
                x,
                y,
                w: SUBNET_SIZE.0,
                h: SUBNET_SIZE.1,
            };
            if !design.subnets.iter().any(|s| s.layout.intersects(&r)) {
                out.push(Point {
                    x: x.saturating_add(r.w / 2),
                    y: y.saturating_add(r.h / 2),
                });
            }
        }
    }
    out
}

fn create_vpc(design: &Design, at: Point) -> Result<(Edit, Id), PlaceError> {
    let layout = Rect::centred(at, VPC_SIZE.0, VPC_SIZE.1);
    if design.vpcs.iter().any(|v| v.layout.intersects(&layout)) {
        return Err(PlaceError::VpcOverlap);
    }
    if design
        .nodes
        .iter()
        .any(|n| layout::home(&n.kind) == layout::Home::Region && layout.contains(n.at))
    {
        return Err(PlaceError::CoversService);
    }
    let id = design.fresh_id("vpc");
    let taken: Vec<Ipv4Net> = design
        .vpcs
        .iter()
        .flat_map(|v| v.cidr_blocks.iter())
        .filter_map(|c| cidr::parse_v4(c).ok())
        .collect();
    let ten: Vec<Ipv4Net> = "10.0.0.0/8".parse().into_iter().collect();
    let block = cidr::first_free(&ten, &taken, 16)
        .map(|n| n.to_string())
        .unwrap_or_default();
    let vpc = Vpc {
        id: id.clone(),
        name: id.clone(),
        cidr_blocks: vec![block],
        // The console's "Create VPC" turns both on; private DNS of interface endpoints needs both.
        enable_dns_support: true,
        enable_dns_hostnames: true,
        layout,
        security_groups: Vec::new(),
        network_acls: Vec::new(),
    };
    let mut with_vpc = design.clone();
    with_vpc.vpcs.push(vpc.clone());
    let rt_id = with_vpc.fresh_id("rtb");
    // AWS creates every VPC with a main route table.
    let main = RouteTable {
        id: rt_id,
        vpc: id.clone(),
        name: format!("{id}-main"),
        main: true,
        propagations: Vec::new(),
        subnets: Vec::new(),
        routes: Vec::new(),
    };
    let edit = Edit::Batch(vec![
        Edit::Insert {
            index: usize::MAX,
            item: Item::Vpc(vpc),
        },
        Edit::Insert {
            index: usize::MAX,
            item: Item::RouteTable(main),
        },
    ]);
    Ok((edit, id))
}

fn create_subnet(design: &Design, at: Point) -> Result<(Edit, Id), PlaceError> {
    let vpc = layout::vpc_at(design, at).ok_or(PlaceError::NeedsVpc { what: "a subnet" })?;
    let (w, h) = SUBNET_SIZE;
    let layout = clamp_into(Rect::centred(at, w, h), &vpc.layout);
    let id = design.fresh_id("subnet");
    let blocks: Vec<Ipv4Net> = vpc.blocks();
    let taken: Vec<Ipv4Net> = design
        .subnets
        .iter()
        .filter(|s| s.vpc == vpc.id)
        .filter_map(|s| cidr::parse_v4(&s.cidr).ok())
        .collect();
    if design.subnets.iter().any(|s| s.layout.intersects(&layout)) {
        return Err(PlaceError::SubnetOverlap);
    }
    let free = [24, 26, 28]
        .iter()
        .find_map(|len| cidr::first_free(&blocks, &taken, *len));
    // A VPC whose blocks are not valid yet still gets its subnet; the CIDR is then asked for.
    let block = match (free, blocks.is_empty()) {
        (Some(net), _) => net.to_string(),
        (None, true) => String::new(),
        (None, false) => return Err(PlaceError::NoFreeBlock),
    };
    let subnet = Subnet {
        id: id.clone(),
        vpc: vpc.id.clone(),
        name: id.clone(),
        availability_zone: next_zone(design, vpc),
        cidr: block,
        layout,
    };
    Ok((
        Edit::Insert {
            index: usize::MAX,
            item: Item::Subnet(subnet),
        },
        id,
    ))
}

/// The Availability Zone with the fewest subnets of this VPC, so new subnets spread over zones.
fn next_zone(design: &Design, vpc: &Vpc) -> String {
    let letters = catalog::region(&design.region)
        .map(|r| r.az_letters)
        .unwrap_or(&["a", "b", "c"]);
    let count = |az: &str| {
        design
            .subnets
            .iter()
            .filter(|s| s.vpc == vpc.id && s.availability_zone == az)
            .count()
    };
    letters
        .iter()
        .map(|l| format!("{}{l}", design.region))
        .min_by_key(|az| count(az))
        .unwrap_or_else(|| format!("{}a", design.region))
}

/// `r` moved (and if need be shrunk) to lie inside `outer`.
fn clamp_into(r: Rect, outer: &Rect) -> Rect {
    let pad = 10;
    let w = r.w.min(outer.w.saturating_sub(2 * pad)).max(1);
    let h = r.h.min(outer.h.saturating_sub(2 * pad)).max(1);
    let left = outer.x.saturating_add(pad);
    let top = outer.y.saturating_add(pad);
    let x = r.x.clamp(
        left,
        outer
            .x
            .saturating_add(outer.w)
            .saturating_sub(pad)
            .saturating_sub(w)
            .max(left),
    );
    let y = r.y.clamp(
        top,
        outer
            .y
            .saturating_add(outer.h)
            .saturating_sub(pad)
            .saturating_sub(h)
            .max(top),
    );
    Rect { x, y, w, h }
}

fn create_node(design: &Design, entry: Entry, at: Point) -> Result<(Edit, Id), PlaceError> {
    let subnet = layout::subnet_at(design, at);
    let vpc = layout::vpc_at(design, at);
    let in_subnet = |what| {
        subnet
            .map(|s| s.id.clone())
            .ok_or(PlaceError::NeedsSubnet { what })
    };
    let in_vpc = |what| vpc.ok_or(PlaceError::NeedsVpc { what });
    let present = |vpc_id: &str, service: &str, gateway: bool| {
        design.nodes.iter().any(|n| match &n.kind {
            NodeKind::GatewayEndpoint {
                vpc, service: s, ..
            } => gateway && vpc == vpc_id && s == service,
            NodeKind::InterfaceEndpoint {
                vpc, service: s, ..
            } => !gateway && vpc == vpc_id && s == service,
            _ => false,
        })
    };
    let (kind, name): (NodeKind, Option<String>) = match entry {
        Entry::Ec2 => (
            NodeKind::Ec2 {
                subnet: in_subnet("an EC2 instance")?,
            },
            None,
        ),
        Entry::Lambda => (
            NodeKind::Lambda {
                subnet: in_subnet("a Lambda function")?,
            },
            None,
        ),
        Entry::Eks => (
            NodeKind::Eks {
                subnet: in_subnet("EKS nodes")?,
            },
            None,
        ),
        Entry::Rds => (
            NodeKind::Rds {
                subnet: in_subnet("an RDS database")?,
            },
            None,
        ),
        Entry::NatGateway => (
            NodeKind::NatGateway {
                subnet: in_subnet("a NAT gateway")?,
                connectivity: NatConnectivity::Public,
            },
            None,
        ),
        Entry::Service(key) => {
            if vpc.is_some() {
                return Err(PlaceError::OutsideVpcs);
            }
            (
                NodeKind::AwsService {
                    service: key.to_string(),
                    region: None,
                },
                Some(key.replace('.', "-")),
            )
        }
        Entry::InternetGateway => {
            let v = in_vpc("an internet gateway")?;
            if design
                .nodes
                .iter()
                .any(|n| matches!(&n.kind, NodeKind::InternetGateway { vpc } if *vpc == v.id))
            {
                return Err(PlaceError::OnePerVpc {
                    what: "an internet gateway",
                });
            }
            (
                NodeKind::InternetGateway { vpc: v.id.clone() },
                Some(format!("{}-igw", v.name)),
            )
        }
        Entry::GatewayEndpoint => {
            let v = in_vpc("a gateway endpoint")?;
            let service = catalog::SERVICES
                .iter()
                .filter(|s| s.gateway_endpoint)
                .map(|s| s.key)
                .find(|k| !present(&v.id, k, true))
                .ok_or(PlaceError::GatewayServicesTaken)?;
            // Serve every subnet of the VPC: associate with all its route tables.
            let route_tables = design
                .route_tables
                .iter()
                .filter(|rt| rt.vpc == v.id)
                .map(|rt| rt.id.clone())
                .collect();
            (
                NodeKind::GatewayEndpoint {
                    vpc: v.id.clone(),
                    service: service.to_string(),
                    route_tables,
                },
                Some(format!("{service}-gateway")),
            )
        }
        Entry::InterfaceEndpoint => {
            let subnet_id = in_subnet("an interface endpoint")?;
            let vpc_id = subnet.map(|s| s.vpc.clone()).unwrap_or_default();
            let service = catalog::SERVICES
                .iter()
                .filter(|s| s.interface_endpoint && !s.gateway_endpoint)
                .map(|s| s.key)
                .find(|k| !present(&vpc_id, k, false))
                .unwrap_or("secretsmanager");
            let name = format!("{}-endpoint", service.replace('.', "-"));
            (
                NodeKind::InterfaceEndpoint {
                    vpc: vpc_id,
                    service: service.to_string(),
                    endpoint_service: None,
                    subnets: vec![subnet_id],
                    private_dns: true,
                    private_dns_only_for_inbound_resolver_endpoint: false,
                },
                Some(name),
            )
        }
        Entry::EndpointService => {
            let subnet_id = in_subnet("an endpoint service")?;
            let vpc_id = subnet.map(|s| s.vpc.clone()).unwrap_or_default();
            // Useful at once: the workloads already in the VPC become its targets (an NLB
            // serves its own VPC's instances and addresses), listening on HTTPS.
            let targets = design
                .nodes
                .iter()
                .filter(|n| n.kind.is_workload() && design.node_vpc(n) == Some(vpc_id.as_str()))
                .map(|n| n.id.clone())
                .collect();
            let kind = NodeKind::EndpointService {
                vpc: vpc_id,
                subnets: vec![subnet_id],
                port: 443,
                targets,
                acceptance_required: true,
                private_dns_name: None,
            };
            (kind, Some("endpoint-service".to_string()))
        }
        Entry::VpnGateway => {
            let v = in_vpc("a virtual private gateway")?;
            if design
                .nodes
                .iter()
                .any(|n| matches!(&n.kind, NodeKind::VpnGateway { vpc } if *vpc == v.id))
            {
                return Err(PlaceError::OnePerVpc {
                    what: "a virtual private gateway",
                });
            }
            (
                NodeKind::VpnGateway { vpc: v.id.clone() },
                Some(format!("{}-vgw", v.name)),
            )
        }
        Entry::TransitGateway => {
            if vpc.is_some() {
                return Err(PlaceError::StaysOutsideVpcs {
                    what: "a transit gateway",
                });
            }
            // Useful at once: every VPC that has subnets is attached.
            let attachments = design
                .vpcs
                .iter()
                .filter_map(|v| default_attachment(design, &v.id))
                .collect();
            (
                NodeKind::TransitGateway {
                    attachments,
                    route_tables: Vec::new(),
                },
                None,
            )
        }
        Entry::OnPremises => {
            if vpc.is_some() {
                return Err(PlaceError::StaysOutsideVpcs {
                    what: "an on-premises network",
                });
            }
            (
                NodeKind::OnPremises {
                    cidrs: free_on_premises_block(design).into_iter().collect(),
                    vpn: only_vpn_end(design),
                    dns_domains: Vec::new(),
                    dns_forwards: Vec::new(),
                },
                Some("dc".to_string()),
            )
        }
        Entry::HostedZone => {
            if vpc.is_some() {
                return Err(PlaceError::StaysOutsideVpcs {
                    what: "a private hosted zone",
                });
            }
            // Seen at once by every VPC; a VPC without DNS hostnames gets an error to fix.
            let vpcs = design.vpcs.iter().map(|v| v.id.clone()).collect();
            (
                NodeKind::PrivateHostedZone {
                    domain: "corp.internal".into(),
                    vpcs,
                    records: Vec::new(),
                },
                Some("corp.internal".to_string()),
            )
        }
        Entry::ResolverInbound | Entry::ResolverOutbound => {
            let inbound = entry == Entry::ResolverInbound;
            let subnet_id = in_subnet(if inbound {
                "a Resolver inbound endpoint"
            } else {
                "a Resolver outbound endpoint"
            })?;
            let here = subnet.cloned();
            let vpc_id = here.as_ref().map(|s| s.vpc.clone()).unwrap_or_default();
            // AWS needs interfaces in two AZs: add the VPC's first subnet in another zone.
            let zone = here.map(|s| s.availability_zone).unwrap_or_default();
            let second = design
                .subnets
                .iter()
                .find(|s| s.vpc == vpc_id && s.availability_zone != zone)
                .map(|s| s.id.clone());
            let direction = if inbound {
                ResolverDirection::Inbound
            } else {
                ResolverDirection::Outbound
            };
            let subnets = std::iter::once(subnet_id).chain(second).collect();
            (
                NodeKind::ResolverEndpoint {
                    vpc: vpc_id,
                    direction,
                    subnets,
                    rules: Vec::new(),
                },
                Some(
                    if inbound {
                        "inbound-resolver"
                    } else {
                        "outbound-resolver"
                    }
                    .to_string(),
                ),
            )
        }
        Entry::Vpc | Entry::Subnet | Entry::VpcPeering => return Err(PlaceError::Nothing),
    };
    let id = design.fresh_id(kind.id_prefix());
    let taken_name = |n: &str| design.nodes.iter().any(|x| x.name == n);
    let name = match name {
        Some(n) if !taken_name(&n) => n,
        _ => id.clone(),
    };
    let node = Node {
        id: id.clone(),
        name,
        at,
        kind,
        security_groups: Vec::new(),
        policy: None,
    };
    Ok((
        Edit::Insert {
            index: usize::MAX,
            item: Item::Node(node),
        },
        id,
    ))
}

/// A transit gateway attachment of a VPC with one subnet in each of its Availability Zones
/// (private subnets first, then in document order), or none when the VPC has no subnets.
pub fn default_attachment(design: &Design, vpc: &str) -> Option<TgwAttachment> {
    let mut candidates: Vec<&Subnet> = design.subnets.iter().filter(|s| s.vpc == vpc).collect();
    // Stable: within the private and the public subnets, document order is kept.
    crate::model::sort::sort_by_key(&mut candidates, |s| super::routing::is_public(design, s));
    let mut zones: Vec<&str> = Vec::new();
    let mut subnets: Vec<Id> = Vec::new();
    for s in candidates {
        if !zones.contains(&s.availability_zone.as_str()) {
            zones.push(&s.availability_zone);
            subnets.push(s.id.clone());
        }
    }
    // Listed in document order, as a user would tick them.
    crate::model::sort::sort_by_key(&mut subnets, |id| {
        design.subnets.iter().position(|s| s.id == *id)
    });
    (!subnets.is_empty()).then(|| TgwAttachment {
        vpc: vpc.to_string(),
        subnets,
    })
}

/// 192.168.0.0/16 when it overlaps no VPC and no other on-premises network; else the first
/// free /24 of it, then of the other private ranges.
fn free_on_premises_block(design: &Design) -> Option<String> {
    let taken: Vec<Ipv4Net> = design.address_blocks();
    let ranges: Vec<Ipv4Net> = ["192.168.0.0/16", "172.16.0.0/12", "10.0.0.0/8"]
        .iter()
        .filter_map(|r| r.parse().ok())
        .collect();
    ranges
        .iter()
        .take(1)
        .find_map(|r| cidr::first_free(std::slice::from_ref(r), &taken, 16))
        .or_else(|| {
            ranges
                .iter()
                .find_map(|r| cidr::first_free(std::slice::from_ref(r), &taken, 24))
        })
        .map(|n| n.to_string())
}

/// The virtual private gateway or transit gateway a new VPN connects to, when there is exactly
/// one in the design; with several, the user picks.
fn only_vpn_end(design: &Design) -> Option<Id> {
    let mut ends = design.nodes.iter().filter(|n| {
        matches!(
            n.kind,
            NodeKind::VpnGateway { .. } | NodeKind::TransitGateway { .. }
        )
    });
    match (ends.next(), ends.next()) {
        (Some(only), None) => Some(only.id.clone()),
        _ => None,
    }
}

/// The distance between a point and a rectangle (0 inside it), for "the nearest VPC".
fn distance(r: &Rect, p: Point) -> i64 {
    let (x0, y0) = (i64::from(r.x), i64::from(r.y));
    let (x1, y1) = (x0 + i64::from(r.w), y0 + i64::from(r.h));
    let dx = (x0 - i64::from(p.x)).max(i64::from(p.x) - x1).max(0);
    let dy = (y0 - i64::from(p.y)).max(i64::from(p.y) - y1).max(0);
    dx.max(dy)
}

fn centre(r: &Rect) -> Point {
    Point {
        x: r.x.saturating_add(r.w / 2),
        y: r.y.saturating_add(r.h / 2),
    }
}

/// How far from a VPC's edge a drop still counts as "next to" it.
const NEAR: i64 = 160;

/// A peering connection from the VPC at (or nearest to) the drop point to the nearest other
/// VPC it can be peered with: not peered with it yet, and not overlapping it (P1).
fn create_peering(design: &Design, at: Point) -> Result<(Edit, Id), PlaceError> {
    let requester = layout::vpc_at(design, at)
        .or_else(|| {
            design
                .vpcs
                .iter()
                .filter(|v| distance(&v.layout, at) <= NEAR)
                .min_by_key(|v| distance(&v.layout, at))
        })
        .ok_or(PlaceError::PeeringNeedsVpc)?;
    let blocks = Vpc::blocks;
    let mine = blocks(requester);
    let peered = |other: &str| {
        design.nodes.iter().any(|n| match &n.kind {
            NodeKind::VpcPeering {
                requester: r,
                accepter: a,
            } => (*r == requester.id && a == other) || (r == other && *a == requester.id),
            _ => false,
        })
    };
    let from = centre(&requester.layout);
    let accepter = design
        .vpcs
        .iter()
        .filter(|v| v.id != requester.id && !peered(&v.id))
        .filter(|v| {
            !blocks(v)
                .iter()
                .any(|b| mine.iter().any(|m| cidr::overlaps(m, b)))
        })
        .min_by_key(|v| distance(&v.layout, from))
        .ok_or(PlaceError::NoPeer)?;
    let id = design.fresh_id("pcx");
    let node = Node {
        id: id.clone(),
        name: id.clone(),
        at: peering_spot(design, &requester.layout, &accepter.layout, at),
        kind: NodeKind::VpcPeering {
            requester: requester.id.clone(),
            accepter: accepter.id.clone(),
        },
        security_groups: Vec::new(),
        policy: None,
    };
    Ok((
        Edit::Insert {
            index: usize::MAX,
            item: Item::Node(node),
        },
        id,
    ))
}

/// Where a peering connection's icon goes: in the gap between the two VPCs; where that gap is
/// covered by another VPC, at the drop point if it is outside every VPC, else just below the
/// requester.
fn peering_spot(design: &Design, a: &Rect, b: &Rect, dropped: Point) -> Point {
    let mid = |lo: i32, hi: i32| i32::try_from((i64::from(lo) + i64::from(hi)) / 2).unwrap_or(lo);
    let (a_right, b_right) = (a.x.saturating_add(a.w), b.x.saturating_add(b.w));
    let (a_bottom, b_bottom) = (a.y.saturating_add(a.h), b.y.saturating_add(b.h));
    let (ca, cb) = (centre(a), centre(b));
    let gap = if a_right <= b.x {
        Point {
            x: mid(a_right, b.x),
            y: mid(ca.y, cb.y),
        }
    } else if b_right <= a.x {
        Point {
            x: mid(b_right, a.x),
            y: mid(ca.y, cb.y),
        }
    } else if a_bottom <= b.y {
        Point {
            x: mid(ca.x, cb.x),
            y: mid(a_bottom, b.y),
        }
    } else if b_bottom <= a.y {
        Point {
            x: mid(ca.x, cb.x),
            y: mid(b_bottom, a.y),
        }
    } else {
        Point {
            x: mid(ca.x, cb.x),
            y: mid(ca.y, cb.y),
        }
    };
    let outside = |p: Point| layout::vpc_at(design, p).is_none();
    if outside(gap) {
        gap
    } else if outside(dropped) {
        dropped
    } else {
        Point {
            x: ca.x,
            y: a_bottom.saturating_add(layout::NODE_SIZE),
        }
    }
}
