//! Seeded designs of any size that look like a landing zone: VPCs with subnets spread over
//! AZs, public and private route tables, internet and NAT gateways, gateway and interface
//! endpoints, security groups, workloads, a transit gateway joining the VPCs, and flows to AWS
//! services, the internet and other VPCs. For benchmarks, property tests and the CLI's
//! `generate`; the same seed and size always give the same design.

use super::design::{
    Design, Flow, FlowTarget, NatConnectivity, Node, NodeKind, Point, Protocol, Rect, Route,
    RouteTable, SecurityGroup, SgPeer, SgRule, Subnet, TgwAttachment, Vpc,
};

/// How big a design to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Number of VPCs (1 to 4,096).
    pub vpcs: usize,
    /// Workloads in each private subnet.
    pub workloads_per_subnet: usize,
    /// Flows each workload sends.
    pub flows_per_workload: usize,
}

impl Size {
    /// The size whose designs hold about `resources` resources (see `resource_count`) and
    /// 0.3 flows per resource: a VPC with its subnets, tables, routes, gateways, endpoints,
    /// groups and 2–3 workloads is ~25 resources, and its workloads send 3 flows each.
    pub fn about(resources: usize) -> Size {
        Size {
            vpcs: (resources / 25).clamp(1, MAX_VPCS),
            workloads_per_subnet: 1,
            flows_per_workload: 3,
        }
    }
}

const MAX_VPCS: usize = 4096;

/// What a design holds that AWS would create or that draws as an item: VPCs, subnets, route
/// tables, routes, security groups, network ACLs, nodes. Flows are counted apart.
pub fn resource_count(design: &Design) -> usize {
    design.vpcs.len()
        + design.subnets.len()
        + design
            .route_tables
            .iter()
            .map(|rt| 1 + rt.routes.len())
            .sum::<usize>()
        + design
            .vpcs
            .iter()
            .map(|v| v.security_groups.len() + v.network_acls.len())
            .sum::<usize>()
        + design.nodes.len()
}

/// A design of `size`, different for each seed.
pub fn generate(seed: u64, size: Size) -> Design {
    let mut g = Generator {
        rng: Rng(seed ^ 0x9E37_79B9_7F4A_7C15),
        d: Design::empty("us-east-1"),
        workloads: Vec::new(),
    };
    g.d.name = format!(
        "Generated landing zone (seed {seed}, {} VPCs)",
        size.vpcs.clamp(1, MAX_VPCS)
    );
    for (key, x) in [("s3", 0), ("secretsmanager", 160), ("dynamodb", 320)] {
        g.d.nodes.push(node(
            &format!("svc-{key}"),
            key,
            Point { x: 60 + x, y: 40 },
            NodeKind::AwsService {
                service: key.into(),
                region: None,
            },
        ));
    }
    let vpcs = size.vpcs.clamp(1, MAX_VPCS);
    let summaries = summaries(vpcs);
    for i in 0..vpcs {
        g.vpc(i, size.workloads_per_subnet.max(1), &summaries);
    }
    if vpcs > 1 {
        g.transit_gateway(&summaries);
    }
    g.flows(size.flows_per_workload.clamp(1, 100));
    g.d
}

/// splitmix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

struct Generator {
    rng: Rng,
    d: Design,
    /// (workload id, VPC index) in creation order.
    workloads: Vec<(String, usize)>,
}

const AZS: [&str; 3] = ["a", "b", "c"];
const VPC_W: i32 = 760;
const VPC_H: i32 = 520;
const COLUMNS: usize = 4;
const NAMES: [&str; 8] = [
    "prod",
    "staging",
    "dev",
    "shared",
    "data",
    "payments",
    "analytics",
    "edge",
];

fn node(id: &str, name: &str, at: Point, kind: NodeKind) -> Node {
    Node {
        id: id.into(),
        name: name.into(),
        at,
        kind,
        security_groups: Vec::new(),
        policy: None,
    }
}

/// The VPC's block: 10.i.0.0/16 for the first 256, then /20s of 172.16.0.0/12 and /20s of
/// 100.64.0.0/10 (16,384 more), so that no two VPCs overlap.
fn vpc_block(i: usize) -> (String, [u8; 3]) {
    if i < 256 {
        (format!("10.{i}.0.0/16"), [10, i as u8, 0])
    } else if i < 256 + 256 {
        let j = i - 256;
        let (b, c) = (16 + j / 16, (j % 16) * 16);
        (format!("172.{b}.{c}.0/20"), [172, b as u8, c as u8])
    } else {
        let j = i - 512;
        let (b, c) = (64 + j / 16, (j % 16) * 16);
        (format!("100.{b}.{c}.0/20"), [100, b as u8, c as u8])
    }
}

/// The blocks that hold every VPC of a design of `vpcs` VPCs (see `vpc_block`).
fn summaries(vpcs: usize) -> Vec<&'static str> {
    ["10.0.0.0/8", "172.16.0.0/12", "100.64.0.0/10"]
        .into_iter()
        .take(1 + usize::from(vpcs > 256) + usize::from(vpcs > 512))
        .collect()
}

impl Generator {
    fn vpc(&mut self, i: usize, workloads_per_subnet: usize, summaries: &[&str]) {
        let vpc_id = format!("vpc-{i}");
        let (block, [a, b, c]) = vpc_block(i);
        let azs = 2 + self.rng.below(2);
        let name = format!("{}-{i}", NAMES[self.rng.below(NAMES.len())]);
        let origin = Point {
            x: 40 + (i % COLUMNS) as i32 * (VPC_W + 60),
            y: 140 + (i / COLUMNS) as i32 * (VPC_H + 60),
        };
        let endpoints = self.rng.chance(60);
        let app_sg = format!("sg-{i}-app");
        let endpoint_sg = format!("sg-{i}-endpoints");
        let mut groups = vec![SecurityGroup {
            id: app_sg.clone(),
            name: format!("{name}-app"),
            ingress: summaries
                .iter()
                .map(|s| SgRule {
                    protocol: Protocol::Tcp,
                    from_port: 443,
                    to_port: 443,
                    peer: SgPeer::Cidr(s.to_string()),
                })
                .collect(),
            egress: vec![SgRule {
                protocol: Protocol::All,
                from_port: 0,
                to_port: u16::MAX,
                peer: SgPeer::Cidr("0.0.0.0/0".into()),
            }],
        }];
        if endpoints {
            groups.push(SecurityGroup {
                id: endpoint_sg.clone(),
                name: format!("{name}-endpoints"),
                ingress: vec![SgRule {
                    protocol: Protocol::Tcp,
                    from_port: 443,
                    to_port: 443,
                    peer: SgPeer::SecurityGroup(app_sg.clone()),
                }],
                egress: Vec::new(),
            });
        }
        self.d.vpcs.push(Vpc {
            id: vpc_id.clone(),
            name: name.clone(),
            cidr_blocks: vec![block],
            enable_dns_support: true,
            enable_dns_hostnames: endpoints,
            layout: Rect {
                x: origin.x,
                y: origin.y,
                w: VPC_W,
                h: VPC_H,
            },
            security_groups: groups,
            network_acls: Vec::new(),
        });
        let lane_w = (VPC_W - 40) / azs as i32;
        let subnet_id = |tier: &str, az: usize| format!("subnet-{i}-{tier}-{}", AZS[az]);
        for az in 0..azs {
            for (row, tier, third) in [(0, "public", az), (1, "private", 8 + az)] {
                let x = origin.x + 20 + az as i32 * lane_w;
                let y = origin.y + 60 + row * 220;
                self.d.subnets.push(Subnet {
                    id: subnet_id(tier, az),
                    vpc: vpc_id.clone(),
                    name: format!("{name}-{tier}-{}", AZS[az]),
                    availability_zone: format!("us-east-1{}", AZS[az]),
                    cidr: format!("{a}.{b}.{}.0/24", c as usize + third),
                    layout: Rect {
                        x,
                        y,
                        w: lane_w - 20,
                        h: 190,
                    },
                });
            }
        }
        // Gateways sit on the VPC's title band, at its right end.
        let igw = format!("igw-{i}");
        self.d.nodes.push(node(
            &igw,
            &format!("{name}-igw"),
            Point {
                x: origin.x + VPC_W - 40,
                y: origin.y + 24,
            },
            NodeKind::InternetGateway {
                vpc: vpc_id.clone(),
            },
        ));
        let one_nat = self.rng.chance(50);
        let mut nats = Vec::new();
        for az in 0..if one_nat { 1 } else { azs } {
            let id = format!("nat-{i}-{}", AZS[az]);
            let at = Point {
                x: origin.x + 60 + az as i32 * lane_w,
                y: origin.y + 170,
            };
            self.d.nodes.push(node(
                &id,
                &format!("{name}-nat-{}", AZS[az]),
                at,
                NodeKind::NatGateway {
                    subnet: subnet_id("public", az),
                    connectivity: NatConnectivity::Public,
                },
            ));
            nats.push(id);
        }
        self.d.route_tables.push(RouteTable {
            id: format!("rt-{i}-main"),
            vpc: vpc_id.clone(),
            name: format!("{name}-main"),
            main: true,
            subnets: Vec::new(),
            routes: Vec::new(),
            propagations: Vec::new(),
        });
        self.d.route_tables.push(RouteTable {
            id: format!("rt-{i}-public"),
            vpc: vpc_id.clone(),
            name: format!("{name}-public"),
            main: false,
            subnets: (0..azs).map(|az| subnet_id("public", az)).collect(),
            routes: vec![Route {
                destination: "0.0.0.0/0".into(),
                target: igw,
            }],
            propagations: Vec::new(),
        });
        let mut private_tables = Vec::new();
        for az in 0..azs {
            let id = format!("rt-{i}-private-{}", AZS[az]);
            self.d.route_tables.push(RouteTable {
                id: id.clone(),
                vpc: vpc_id.clone(),
                name: format!("{name}-private-{}", AZS[az]),
                main: false,
                subnets: vec![subnet_id("private", az)],
                routes: vec![Route {
                    destination: "0.0.0.0/0".into(),
                    target: nats[az.min(nats.len() - 1)].clone(),
                }],
                propagations: Vec::new(),
            });
            private_tables.push(id);
        }
        if self.rng.chance(80) {
            let at = Point {
                x: origin.x + VPC_W - 110,
                y: origin.y + 24,
            };
            self.d.nodes.push(node(
                &format!("vpce-{i}-s3"),
                &format!("{name}-s3"),
                at,
                NodeKind::GatewayEndpoint {
                    vpc: vpc_id.clone(),
                    service: "s3".into(),
                    route_tables: private_tables.clone(),
                },
            ));
        }
        if endpoints {
            let at = Point {
                x: origin.x + 60 + lane_w,
                y: origin.y + 60 + 220 + 150,
            };
            let mut ep = node(
                &format!("vpce-{i}-secretsmanager"),
                &format!("{name}-secretsmanager"),
                at,
                NodeKind::InterfaceEndpoint {
                    vpc: vpc_id.clone(),
                    service: "secretsmanager".into(),
                    endpoint_service: None,
                    subnets: (0..azs).map(|az| subnet_id("private", az)).collect(),
                    private_dns: true,
                    private_dns_only_for_inbound_resolver_endpoint: false,
                },
            );
            ep.security_groups = vec![endpoint_sg];
            self.d.nodes.push(ep);
        }
        const KINDS: [&str; 4] = ["ec2", "lambda", "eks", "rds"];
        for az in 0..azs {
            for w in 0..workloads_per_subnet {
                let subnet = subnet_id("private", az);
                let kind = KINDS[self.rng.below(KINDS.len())];
                let id = format!("{kind}-{i}-{}-{w}", AZS[az]);
                let at = Point {
                    x: origin.x + 60 + az as i32 * lane_w + (w % 3) as i32 * 60,
                    y: origin.y + 60 + 220 + 60 + (w / 3) as i32 * 50,
                };
                let kind_value = match kind {
                    "ec2" => NodeKind::Ec2 { subnet },
                    "lambda" => NodeKind::Lambda { subnet },
                    "eks" => NodeKind::Eks { subnet },
                    _ => NodeKind::Rds { subnet },
                };
                let mut n = node(
                    &id,
                    &format!("{name}-{kind}-{}{w}", AZS[az]),
                    at,
                    kind_value,
                );
                n.security_groups = vec![app_sg.clone()];
                self.d.nodes.push(n);
                self.workloads.push((id, i));
            }
        }
    }

    /// One transit gateway with every VPC attached in its private subnets, and a route to the
    /// other VPCs (10.0.0.0/8 and the others' blocks) in every private table.
    fn transit_gateway(&mut self, summaries: &[&str]) {
        let attachments: Vec<TgwAttachment> = self
            .d
            .vpcs
            .iter()
            .map(|v| TgwAttachment {
                vpc: v.id.clone(),
                subnets: self
                    .d
                    .subnets
                    .iter()
                    .filter(|s| s.vpc == v.id && s.id.contains("-private-"))
                    .map(|s| s.id.clone())
                    .collect(),
            })
            .collect();
        let at = Point {
            x: 40 + (COLUMNS as i32 * (VPC_W + 60)) / 2,
            y: 100,
        };
        self.d.nodes.push(node(
            "tgw",
            "core-tgw",
            at,
            NodeKind::TransitGateway {
                attachments,
                route_tables: Vec::new(),
            },
        ));
        for rt in self
            .d
            .route_tables
            .iter_mut()
            .filter(|rt| rt.id.contains("-private-"))
        {
            for s in summaries {
                rt.routes.push(Route {
                    destination: s.to_string(),
                    target: "tgw".into(),
                });
            }
        }
    }

    /// `per_workload` flows from each workload: to S3, to Secrets Manager, to the internet, or
    /// to a workload in another VPC.
    fn flows(&mut self, per_workload: usize) {
        let workloads = self.workloads.clone();
        let sends = workloads
            .iter()
            .flat_map(|w| std::iter::repeat_n(w, per_workload));
        for (n, (from, vpc)) in sends.enumerate() {
            let roll = self.rng.below(10);
            let (to, port, name) = match roll {
                0..=3 => (FlowTarget::Node("svc-s3".into()), 443, "to S3"),
                4..=5 => (
                    FlowTarget::Node("svc-secretsmanager".into()),
                    443,
                    "to Secrets Manager",
                ),
                6 => (FlowTarget::Internet, 443, "to the internet"),
                _ => {
                    let others: Vec<&String> = workloads
                        .iter()
                        .filter(|(_, v)| v != vpc)
                        .map(|(w, _)| w)
                        .collect();
                    match others.get(self.rng.below(others.len())) {
                        Some(peer) => (FlowTarget::Node((*peer).clone()), 443, "to another VPC"),
                        None => (FlowTarget::Node("svc-s3".into()), 443, "to S3"),
                    }
                }
            };
            let gb = (1 + self.rng.below(2000)) as f64 / 4.0;
            self.d.flows.push(Flow {
                id: format!("flow-{n}"),
                name: format!("{from} {name}"),
                from: from.clone(),
                to,
                gb_per_month: gb,
                protocol: Protocol::Tcp,
                port,
                host: None,
                requests: Vec::new(),
            });
        }
    }
}
