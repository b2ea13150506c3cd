//! The design document: what the user draws, exactly as it is saved, shared and exchanged.
//!
//! This is the raw, deserialised form. It may hold any string a user typed (a CIDR that is not
//! a CIDR, an id that points nowhere); `validate` turns such things into diagnostics rather
//! than refusing the document, so that nothing a user made is ever lost.
//! docs/design-format.md describes the JSON; docs/design.schema.json is generated from these types.

use serde::{Deserialize, Serialize};

/// The format version this build writes. Documents with a higher version are refused with a
/// clear message instead of being misread.
pub const FORMAT_VERSION: u32 = 1;

/// Identifier of an item, unique across the whole design (e.g. `vpc-1`, `subnet-3`).
pub type Id = String;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Format version; this build reads and writes 1.
    pub version: u32,
    /// A title for the design.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// AWS Region code, e.g. `us-east-1`.
    pub region: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpcs: Vec<Vpc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Subnet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<RouteTable>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Node>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
}

/// A rectangle on the canvas, in canvas units (top-left corner, width, height).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

/// A point on the canvas, in canvas units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Vpc {
    pub id: Id,
    pub name: String,
    /// IPv4 CIDR blocks; the first is the primary block, the others are secondary blocks.
    pub cidr_blocks: Vec<String>,
    /// `enableDnsSupport`: the Amazon DNS server answers in this VPC (AWS default: true).
    #[serde(default = "yes")]
    pub enable_dns_support: bool,
    /// `enableDnsHostnames`: instances get public DNS hostnames; private DNS of interface
    /// endpoints needs it (default here: false, as in Terraform).
    #[serde(default)]
    pub enable_dns_hostnames: bool,
    pub layout: Rect,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    pub id: Id,
    pub vpc: Id,
    pub name: String,
    /// Availability Zone name, e.g. `us-east-1a`.
    pub availability_zone: String,
    /// IPv4 CIDR block inside one of the VPC's blocks.
    pub cidr: String,
    pub layout: Rect,
}

/// A route table of a VPC. Subnets not associated with any table use the VPC's main table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RouteTable {
    pub id: Id,
    pub vpc: Id,
    pub name: String,
    /// The VPC's main route table (one per VPC).
    #[serde(default, skip_serializing_if = "is_false")]
    pub main: bool,
    /// Subnets explicitly associated with this table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Id>,
    /// Routes the user added. Routes AWS adds itself (the local route, gateway-endpoint
    /// prefix-list routes) are not stored: they follow from the rest of the design.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Destination IPv4 CIDR, e.g. `0.0.0.0/0`.
    pub destination: String,
    /// Id of the target node (an internet gateway or a NAT gateway).
    pub target: Id,
}

/// Something drawn as an icon: a workload, an AWS service, a gateway or an endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: Id,
    pub name: String,
    /// Centre of the icon on the canvas.
    pub at: Point,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum NodeKind {
    /// An EC2 instance in a subnet.
    Ec2 { subnet: Id },
    /// A Lambda function attached to a subnet.
    Lambda { subnet: Id },
    /// EKS worker nodes in a subnet.
    Eks { subnet: Id },
    /// An RDS database instance in a subnet.
    Rds { subnet: Id },
    /// An AWS service in the Region, outside any VPC (`service` is a key of the catalogue, e.g. `s3`).
    AwsService { service: String },
    InternetGateway { vpc: Id },
    NatGateway {
        subnet: Id,
        #[serde(default, skip_serializing_if = "NatConnectivity::is_public")]
        connectivity: NatConnectivity,
    },
    /// A gateway VPC endpoint (S3 or DynamoDB), associated with route tables.
    GatewayEndpoint {
        vpc: Id,
        service: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        route_tables: Vec<Id>,
    },
    /// An interface VPC endpoint (PrivateLink): one network interface in each listed subnet.
    InterfaceEndpoint {
        vpc: Id,
        service: String,
        subnets: Vec<Id>,
        #[serde(default)]
        private_dns: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NatConnectivity {
    /// Needs an Elastic IP and a subnet with a route to an internet gateway.
    #[default]
    Public,
    /// No Elastic IP; reaches other networks only, never the internet.
    Private,
}

impl NatConnectivity {
    fn is_public(&self) -> bool {
        *self == NatConnectivity::Public
    }
}

/// Traffic a workload sends: to another node or to the internet, with a monthly volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub from: Id,
    pub to: FlowTarget,
    /// Data sent per month, in GB, to a millionth of a GB (a kilobyte); finer digits are
    /// rounded away when a design is read, so a volume survives any number of saves and links.
    #[serde(deserialize_with = "read_volume")]
    pub gb_per_month: f64,
}

/// The smallest volume step: a millionth of a GB.
pub const VOLUME_STEPS_PER_GB: f64 = 1e6;
/// The largest volume a flow may carry: an exabyte a month. Up to here every step count is
/// an exact integer (below 2^53), which is what makes rounding give back the same value.
pub const MAX_VOLUME_GB: f64 = 1e9;

/// A volume rounded to the step the format keeps. Reading JSON numbers exactly would need
/// large float tables in the browser bundle; rounding to a fixed step makes every volume read
/// back to the same value instead.
pub fn round_volume(gb: f64) -> f64 {
    let steps = (gb * VOLUME_STEPS_PER_GB).round();
    if steps.is_finite() { steps / VOLUME_STEPS_PER_GB } else { gb }
}

/// A volume as a plain decimal ("12.5", "0.000001"), written with integer arithmetic.
pub fn volume_text(gb: f64) -> String {
    let steps = (round_volume(gb) * VOLUME_STEPS_PER_GB).round();
    if !steps.is_finite() || steps < 0.0 || steps >= 9.0e15 {
        return if gb.is_nan() { "NaN".into() } else if gb < 0.0 { "negative".into() } else { "huge".into() };
    }
    // Exact: below 2^53 every step count is an integer the cast keeps.
    let steps = steps as u64;
    let (whole, fraction) = (steps / 1_000_000, steps % 1_000_000);
    if fraction == 0 {
        whole.to_string()
    } else {
        let digits = format!("{fraction:06}");
        format!("{whole}.{}", digits.trim_end_matches('0'))
    }
}

fn read_volume<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    f64::deserialize(deserializer).map(round_volume)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FlowTarget {
    /// A node of this design.
    Node(Id),
    /// Any address on the public internet.
    Internet,
}

fn yes() -> bool {
    true
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Design {
    /// An empty design in a Region.
    pub fn empty(region: &str) -> Design {
        Design {
            version: FORMAT_VERSION,
            name: String::new(),
            region: region.to_string(),
            vpcs: Vec::new(),
            subnets: Vec::new(),
            route_tables: Vec::new(),
            nodes: Vec::new(),
            flows: Vec::new(),
        }
    }

    pub fn vpc(&self, id: &str) -> Option<&Vpc> {
        self.vpcs.iter().find(|v| v.id == id)
    }

    pub fn subnet(&self, id: &str) -> Option<&Subnet> {
        self.subnets.iter().find(|s| s.id == id)
    }

    pub fn route_table(&self, id: &str) -> Option<&RouteTable> {
        self.route_tables.iter().find(|r| r.id == id)
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// The VPC a node belongs to, directly or through its subnet.
    pub fn node_vpc<'a>(&'a self, node: &'a Node) -> Option<&'a str> {
        match &node.kind {
            NodeKind::AwsService { .. } => None,
            NodeKind::InternetGateway { vpc }
            | NodeKind::GatewayEndpoint { vpc, .. }
            | NodeKind::InterfaceEndpoint { vpc, .. } => Some(vpc),
            _ => node
                .kind
                .home_subnet()
                .and_then(|s| self.subnet(s))
                .map(|s| s.vpc.as_str()),
        }
    }

    /// The route table that governs a subnet: its explicit association, else its VPC's main table.
    pub fn route_table_of_subnet(&self, subnet: &Subnet) -> Option<&RouteTable> {
        self.route_tables
            .iter()
            .find(|rt| rt.subnets.iter().any(|s| *s == subnet.id))
            .or_else(|| {
                self.route_tables
                    .iter()
                    .find(|rt| rt.main && rt.vpc == subnet.vpc)
            })
    }

    /// Every id in the design, in document order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.vpcs
            .iter()
            .map(|v| v.id.as_str())
            .chain(self.subnets.iter().map(|s| s.id.as_str()))
            .chain(self.route_tables.iter().map(|r| r.id.as_str()))
            .chain(self.nodes.iter().map(|n| n.id.as_str()))
            .chain(self.flows.iter().map(|f| f.id.as_str()))
    }

    /// A fresh id with the given prefix (`vpc` → `vpc-3`), unused anywhere in the design.
    pub fn fresh_id(&self, prefix: &str) -> Id {
        let taken: std::collections::HashSet<&str> = self.ids().collect();
        (1..)
            .map(|n| format!("{prefix}-{n}"))
            .find(|id| !taken.contains(id.as_str()))
            .unwrap_or_else(|| format!("{prefix}-x"))
    }

    /// The display name of any item, for messages.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        self.vpc(id)
            .map(|v| v.name.as_str())
            .or_else(|| self.subnet(id).map(|s| s.name.as_str()))
            .or_else(|| self.route_table(id).map(|r| r.name.as_str()))
            .or_else(|| self.node(id).map(|n| n.name.as_str()))
            .or_else(|| self.flow(id).map(|f| f.name.as_str()))
    }
}

impl NodeKind {
    /// The subnet an icon sits in on the canvas, if it sits in one.
    pub fn home_subnet(&self) -> Option<&str> {
        match self {
            NodeKind::Ec2 { subnet }
            | NodeKind::Lambda { subnet }
            | NodeKind::Eks { subnet }
            | NodeKind::Rds { subnet }
            | NodeKind::NatGateway { subnet, .. } => Some(subnet),
            NodeKind::InterfaceEndpoint { subnets, .. } => subnets.first().map(|s| s.as_str()),
            _ => None,
        }
    }

    pub fn is_workload(&self) -> bool {
        matches!(
            self,
            NodeKind::Ec2 { .. } | NodeKind::Lambda { .. } | NodeKind::Eks { .. } | NodeKind::Rds { .. }
        )
    }

    /// Whether traffic can be addressed to it: a workload or an AWS service. Gateways and
    /// endpoints are on the way, not destinations (a flow to S3 goes to the S3 node; routing
    /// decides whether it passes an endpoint).
    pub fn is_flow_destination(&self) -> bool {
        self.is_workload() || matches!(self, NodeKind::AwsService { .. })
    }

    /// What a user calls this kind of thing ("EC2 instance", "NAT gateway").
    pub fn label(&self) -> &'static str {
        match self {
            NodeKind::Ec2 { .. } => "EC2 instance",
            NodeKind::Lambda { .. } => "Lambda function",
            NodeKind::Eks { .. } => "EKS nodes",
            NodeKind::Rds { .. } => "RDS database",
            NodeKind::AwsService { .. } => "AWS service",
            NodeKind::InternetGateway { .. } => "Internet gateway",
            NodeKind::NatGateway { .. } => "NAT gateway",
            NodeKind::GatewayEndpoint { .. } => "Gateway endpoint",
            NodeKind::InterfaceEndpoint { .. } => "Interface endpoint",
        }
    }

    /// The label with its article, for sentences ("an EC2 instance").
    pub fn a_label(&self) -> &'static str {
        match self {
            NodeKind::Ec2 { .. } => "an EC2 instance",
            NodeKind::Lambda { .. } => "a Lambda function",
            NodeKind::Eks { .. } => "EKS nodes",
            NodeKind::Rds { .. } => "an RDS database",
            NodeKind::AwsService { .. } => "an AWS service",
            NodeKind::InternetGateway { .. } => "an internet gateway",
            NodeKind::NatGateway { .. } => "a NAT gateway",
            NodeKind::GatewayEndpoint { .. } => "a gateway endpoint",
            NodeKind::InterfaceEndpoint { .. } => "an interface endpoint",
        }
    }

    /// The prefix of fresh ids for this kind.
    pub fn id_prefix(&self) -> &'static str {
        match self {
            NodeKind::Ec2 { .. } => "ec2",
            NodeKind::Lambda { .. } => "lambda",
            NodeKind::Eks { .. } => "eks",
            NodeKind::Rds { .. } => "rds",
            NodeKind::AwsService { .. } => "svc",
            NodeKind::InternetGateway { .. } => "igw",
            NodeKind::NatGateway { .. } => "nat",
            NodeKind::GatewayEndpoint { .. } | NodeKind::InterfaceEndpoint { .. } => "vpce",
        }
    }
}
