//! The design document: what the user draws, exactly as it is saved, shared and exchanged.
//!
//! This is the raw, deserialised form. It may hold any string a user typed (a CIDR that is not
//! a CIDR, an id that points nowhere); `validate` turns such things into diagnostics rather
//! than refusing the document, so that nothing a user made is ever lost.
//! docs/design-format.md describes the JSON; docs/design.schema.json is generated from these types.

// `Deserialize` is derived on every target: the browser app never calls it (it reads JSON with
// document.rs's own reader), so the linker leaves it out of the app's bundle; the importer
// (src/bin/importer.rs) needs it for the Terraform metadata line (terraform/meta.rs).
use serde::Deserialize;
use serde::Serialize;

use super::lookup::{Group, Kind, Lookup};
use crate::model::hash::{HashMap, HashMapExt};

/// The format version this build writes. Documents with a higher version are refused with a
/// clear message instead of being misread.
pub const FORMAT_VERSION: u32 = 4;

/// Identifier of an item, unique across the whole design (e.g. `vpc-1`, `subnet-3`).
pub type Id = String;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Format version; this build reads 1 to 4 and writes 4.
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
    /// Positions of the items by id, for the lookups below; not part of the document.
    #[serde(skip)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub lookup: Lookup,
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
    /// Security groups of this VPC. Workloads and interface endpoints that name none use the
    /// VPC's default group (aws-networking.md §3, E14), which is not stored: it follows from AWS.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroup>,
    /// Network ACLs the user added. Subnets not associated with one use the VPC's default
    /// network ACL, which allows all traffic both ways.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_acls: Vec<NetworkAcl>,
}

/// A security group: stateful, allow-only rules on the network interfaces that use it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<SgRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub egress: Vec<SgRule>,
}

/// One security group rule: traffic of a protocol and port range to or from a peer is allowed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SgRule {
    pub protocol: Protocol,
    /// First port of the range (ignored for `all` and `icmp`).
    #[serde(default)]
    pub from_port: u16,
    /// Last port of the range, inclusive.
    #[serde(default = "max_port")]
    pub to_port: u16,
    pub peer: SgPeer,
}

/// Where a security group rule's traffic comes from (ingress) or goes to (egress).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SgPeer {
    /// An IPv4 CIDR block.
    Cidr(String),
    /// The id of a security group: any interface that uses it.
    SecurityGroup(Id),
    /// The AWS-managed prefix list of a service with a gateway endpoint (`s3`, `dynamodb`).
    PrefixList(String),
}

/// A network ACL: stateless, numbered allow and deny rules on whole subnets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NetworkAcl {
    pub id: Id,
    pub name: String,
    /// Subnets associated with this ACL; a subnet has exactly one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<AclRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub egress: Vec<AclRule>,
}

/// A network ACL rule. Rules are evaluated from the lowest number up; the first that matches
/// decides, and traffic no rule matches is denied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AclRule {
    /// 1 to 32766.
    pub number: u16,
    pub protocol: Protocol,
    #[serde(default)]
    pub from_port: u16,
    #[serde(default = "max_port")]
    pub to_port: u16,
    /// The remote IPv4 CIDR block (source for ingress, destination for egress).
    pub cidr: String,
    pub allow: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    #[default]
    Tcp,
    Udp,
    Icmp,
    /// Every protocol (AWS's `-1`).
    All,
}

pub(super) fn max_port() -> u16 {
    u16::MAX
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
    /// Virtual private gateways whose routes propagate into this table (route propagation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propagations: Vec<Id>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Destination IPv4 CIDR, e.g. `0.0.0.0/0`.
    pub destination: String,
    /// Id of the target node: an internet gateway, NAT gateway, transit gateway, peering
    /// connection, virtual private gateway, or a workload's network interface. A target that no
    /// longer exists makes the route a blackhole, as in AWS.
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
    /// Security groups of a workload or interface endpoint, by id; none means the VPC's default group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<Id>,
    /// An IAM policy as the user wrote it (JSON text, kept even when it doesn't parse, so no
    /// keystroke is lost): the endpoint policy of a gateway or interface endpoint (none: the
    /// default full-access policy), or the resource policy of an AWS service's resource (e.g.
    /// the bucket policy of the S3 bucket the flows reach). model/access reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum NodeKind {
    /// An EC2 instance in a subnet.
    Ec2 {
        subnet: Id,
    },
    /// A Lambda function attached to a subnet.
    Lambda {
        subnet: Id,
    },
    /// EKS worker nodes in a subnet.
    Eks {
        subnet: Id,
    },
    /// An RDS database instance in a subnet.
    Rds {
        subnet: Id,
    },
    /// An AWS service outside any VPC (`service` is a key of the catalogue, e.g. `s3`), in the
    /// design's Region unless `region` names another.
    AwsService {
        service: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<String>,
    },
    InternetGateway {
        vpc: Id,
    },
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
        /// The AWS service it connects to, a key of the catalogue (e.g. `sqs`); empty when
        /// `endpoint_service` names the service instead.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        service: String,
        /// The endpoint service of this design it connects to (a PrivateLink service behind a
        /// network load balancer), by node id. A reference rather than a special `service`
        /// string: catalogue keys carry a service's DNS names, endpoint types and prices, while
        /// an endpoint service is a node the user draws, renames and deletes, whose AWS service
        /// name exists only once it is created; an id is followed by validation, deletion and
        /// Terraform (`aws_vpc_endpoint_service.X.service_name`) like every other reference.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        endpoint_service: Option<Id>,
        subnets: Vec<Id>,
        #[serde(default)]
        private_dns: bool,
        /// S3 only (`PrivateDnsOnlyForInboundResolverEndpoint`): private DNS answers queries that
        /// arrive through a Resolver inbound endpoint; clients inside the VPC keep the public
        /// names and reach S3 through its gateway endpoint (aws-networking.md §3, E6).
        #[serde(default, skip_serializing_if = "is_false")]
        private_dns_only_for_inbound_resolver_endpoint: bool,
    },
    /// A PrivateLink endpoint service of a provider VPC, fronted by an internal network load
    /// balancer that forwards TCP on `port` to the target workloads; consumers in other VPCs
    /// reach it through interface endpoints (aws-networking.md §3, E5, E8).
    EndpointService {
        vpc: Id,
        /// The network load balancer's subnets, at most one per Availability Zone: the service
        /// is available in these AZs only.
        subnets: Vec<Id>,
        /// The TCP port the load balancer listens on; targets receive on the same port.
        port: u16,
        /// The workloads of this VPC registered as the load balancer's targets, by id.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        targets: Vec<Id>,
        /// Consumers' endpoint connections wait until the provider accepts them (the AWS
        /// console's default, so the default here too).
        #[serde(default = "yes")]
        acceptance_required: bool,
        /// A DNS name consumers can use instead of the endpoint-specific names, with their
        /// endpoint's private DNS on (the provider proves the domain with a TXT record).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        private_dns_name: Option<String>,
    },
    /// A transit gateway of the Region, with its VPC attachments and route tables.
    TransitGateway {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        attachments: Vec<TgwAttachment>,
        /// With none, the transit gateway has its default route table: every attachment is
        /// associated with it and propagates to it (aws-networking.md §2, G1).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        route_tables: Vec<TgwRouteTable>,
    },
    /// A virtual private gateway attached to a VPC, the AWS end of a Site-to-Site VPN.
    VpnGateway {
        vpc: Id,
    },
    /// A VPC peering connection between two VPCs of the Region.
    VpcPeering {
        requester: Id,
        accepter: Id,
    },
    /// A network outside AWS (a data centre or office) with its customer gateway.
    OnPremises {
        /// The network's IPv4 CIDR blocks, announced over the VPN.
        cidrs: Vec<String>,
        /// The virtual private gateway or transit gateway its Site-to-Site VPN connects to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        vpn: Option<Id>,
        /// Domains the network's own DNS servers answer for (e.g. `corp.example.com`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        dns_domains: Vec<String>,
        /// Conditional forwarders of the network's DNS servers: queries for a domain go to a
        /// Route 53 Resolver inbound endpoint. Other names are resolved on the internet.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        dns_forwards: Vec<DnsForward>,
    },
    /// A Route 53 private hosted zone: names that only the associated VPCs see.
    PrivateHostedZone {
        /// The zone's domain, e.g. `corp.internal` or `secretsmanager.us-east-1.amazonaws.com`.
        domain: String,
        /// VPCs whose Amazon DNS server answers from this zone.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        vpcs: Vec<Id>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        records: Vec<ZoneRecord>,
    },
    /// A Route 53 Resolver endpoint: network interfaces in a VPC's subnets through which
    /// on-premises DNS asks the VPC (inbound), or the VPC asks on-premises DNS (outbound, with
    /// forwarding rules).
    ResolverEndpoint {
        vpc: Id,
        direction: ResolverDirection,
        /// One network interface in each; AWS needs at least two, in different AZs.
        subnets: Vec<Id>,
        /// Forwarding rules (outbound endpoints only).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        rules: Vec<ForwardRule>,
    },
}

/// An on-premises DNS server's conditional forwarder to a Resolver inbound endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DnsForward {
    /// The domain forwarded, with its subdomains (e.g. `amazonaws.com`).
    pub domain: String,
    /// The inbound Resolver endpoint's id.
    pub endpoint: Id,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResolverDirection {
    Inbound,
    Outbound,
}

/// A Resolver forwarding rule: the associated VPCs' queries for `domain` (and its subdomains)
/// go through the outbound endpoint to an on-premises network's DNS servers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ForwardRule {
    pub domain: String,
    /// The on-premises network whose DNS servers answer.
    pub target: Id,
    /// VPCs associated with the rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpcs: Vec<Id>,
}

/// A record of a private hosted zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ZoneRecord {
    /// The name inside the zone: empty for the zone's apex, `*` for a wildcard, else a label
    /// or dotted labels (`api`, `db.eu`).
    #[serde(default)]
    pub name: String,
    pub value: RecordValue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RecordValue {
    /// An alias to an interface endpoint's regional DNS name: its network interfaces' addresses.
    Alias(Id),
    /// A records: IPv4 addresses.
    A(Vec<String>),
    /// A CNAME: another DNS name.
    Cname(String),
}

/// Reading a node kind (natively, the reference reader that document.rs's table-driven reader
/// is tested against; both share `RawKind::into_kind`). Serde's derive for an internally tagged enum buffers the whole object
/// and costs about 16 KB gzip of the browser bundle; reading one flat struct of every kind's
/// fields and then checking which belong to the `type` gives the same results and messages for
/// a fraction (measured in the issue 3 note).
impl<'de> Deserialize<'de> for NodeKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        RawKind::deserialize(deserializer)?
            .into_kind()
            .map_err(serde::de::Error::custom)
    }
}

/// Every field any node kind has.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawKind {
    #[serde(rename = "type")]
    pub(super) kind: String,
    pub(super) subnet: Option<Id>,
    pub(super) connectivity: Option<NatConnectivity>,
    pub(super) service: Option<String>,
    pub(super) region: Option<String>,
    pub(super) vpc: Option<Id>,
    pub(super) route_tables: Option<RouteTables>,
    pub(super) subnets: Option<Vec<Id>>,
    pub(super) private_dns: Option<bool>,
    pub(super) attachments: Option<Vec<TgwAttachment>>,
    pub(super) requester: Option<Id>,
    pub(super) accepter: Option<Id>,
    pub(super) cidrs: Option<Vec<String>>,
    pub(super) vpn: Option<Id>,
    pub(super) private_dns_only_for_inbound_resolver_endpoint: Option<bool>,
    pub(super) dns_domains: Option<Vec<String>>,
    pub(super) dns_forwards: Option<Vec<DnsForward>>,
    pub(super) domain: Option<String>,
    pub(super) vpcs: Option<Vec<Id>>,
    pub(super) records: Option<Vec<ZoneRecord>>,
    pub(super) direction: Option<ResolverDirection>,
    pub(super) rules: Option<Vec<ForwardRule>>,
    pub(super) endpoint_service: Option<Id>,
    pub(super) port: Option<u16>,
    pub(super) targets: Option<Vec<Id>>,
    pub(super) acceptance_required: Option<bool>,
    pub(super) private_dns_name: Option<String>,
}

const KIND_NAMES: &str = "`ec2`, `lambda`, `eks`, `rds`, `aws_service`, `internet_gateway`, `nat_gateway`, `gateway_endpoint`, `interface_endpoint`, `transit_gateway`, `vpn_gateway`, `vpc_peering`, `on_premises`, `private_hosted_zone`, `resolver_endpoint`, `endpoint_service`";

impl RawKind {
    pub(super) fn into_kind(self) -> Result<NodeKind, String> {
        let present: [(&str, bool); 26] = [
            ("subnet", self.subnet.is_some()),
            ("connectivity", self.connectivity.is_some()),
            ("service", self.service.is_some()),
            ("region", self.region.is_some()),
            ("vpc", self.vpc.is_some()),
            ("route_tables", self.route_tables.is_some()),
            ("subnets", self.subnets.is_some()),
            ("private_dns", self.private_dns.is_some()),
            ("attachments", self.attachments.is_some()),
            ("requester", self.requester.is_some()),
            ("accepter", self.accepter.is_some()),
            ("cidrs", self.cidrs.is_some()),
            ("vpn", self.vpn.is_some()),
            (
                "private_dns_only_for_inbound_resolver_endpoint",
                self.private_dns_only_for_inbound_resolver_endpoint
                    .is_some(),
            ),
            ("dns_domains", self.dns_domains.is_some()),
            ("dns_forwards", self.dns_forwards.is_some()),
            ("domain", self.domain.is_some()),
            ("vpcs", self.vpcs.is_some()),
            ("records", self.records.is_some()),
            ("direction", self.direction.is_some()),
            ("rules", self.rules.is_some()),
            ("endpoint_service", self.endpoint_service.is_some()),
            ("port", self.port.is_some()),
            ("targets", self.targets.is_some()),
            ("acceptance_required", self.acceptance_required.is_some()),
            ("private_dns_name", self.private_dns_name.is_some()),
        ];
        let allowed: &[&str] = match self.kind.as_str() {
            "ec2" | "lambda" | "eks" | "rds" => &["subnet"],
            "aws_service" => &["service", "region"],
            "internet_gateway" | "vpn_gateway" => &["vpc"],
            "nat_gateway" => &["subnet", "connectivity"],
            "gateway_endpoint" => &["vpc", "service", "route_tables"],
            "interface_endpoint" => &[
                "vpc",
                "service",
                "endpoint_service",
                "subnets",
                "private_dns",
                "private_dns_only_for_inbound_resolver_endpoint",
            ],
            "endpoint_service" => &[
                "vpc",
                "subnets",
                "port",
                "targets",
                "acceptance_required",
                "private_dns_name",
            ],
            "transit_gateway" => &["attachments", "route_tables"],
            "vpc_peering" => &["requester", "accepter"],
            "on_premises" => &["cidrs", "vpn", "dns_domains", "dns_forwards"],
            "private_hosted_zone" => &["domain", "vpcs", "records"],
            "resolver_endpoint" => &["vpc", "direction", "subnets", "rules"],
            other => {
                return Err(format!(
                    "unknown variant `{}`, expected one of {KIND_NAMES}",
                    super::text::clip(other)
                ));
            }
        };
        if let Some((field, _)) = present
            .iter()
            .find(|(f, here)| *here && !allowed.contains(f))
        {
            return Err(format!(
                "unknown field `{field}`, expected one of {}",
                allowed
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        fn need<T>(v: Option<T>, field: &str) -> Result<T, String> {
            v.ok_or_else(|| format!("missing field `{field}`"))
        }
        let ids = |t: Option<RouteTables>| match t {
            None => Ok(Vec::new()),
            Some(RouteTables::Ids(ids)) => Ok(ids),
            Some(RouteTables::Tables(_)) => {
                Err("`route_tables` of a gateway endpoint lists route table ids".to_string())
            }
        };
        Ok(match self.kind.as_str() {
            "ec2" => NodeKind::Ec2 {
                subnet: need(self.subnet, "subnet")?,
            },
            "lambda" => NodeKind::Lambda {
                subnet: need(self.subnet, "subnet")?,
            },
            "eks" => NodeKind::Eks {
                subnet: need(self.subnet, "subnet")?,
            },
            "rds" => NodeKind::Rds {
                subnet: need(self.subnet, "subnet")?,
            },
            "aws_service" => NodeKind::AwsService {
                service: need(self.service, "service")?,
                region: self.region,
            },
            "internet_gateway" => NodeKind::InternetGateway {
                vpc: need(self.vpc, "vpc")?,
            },
            "vpn_gateway" => NodeKind::VpnGateway {
                vpc: need(self.vpc, "vpc")?,
            },
            "nat_gateway" => NodeKind::NatGateway {
                subnet: need(self.subnet, "subnet")?,
                connectivity: self.connectivity.unwrap_or_default(),
            },
            "gateway_endpoint" => NodeKind::GatewayEndpoint {
                vpc: need(self.vpc, "vpc")?,
                service: need(self.service, "service")?,
                route_tables: ids(self.route_tables)?,
            },
            "interface_endpoint" => NodeKind::InterfaceEndpoint {
                vpc: need(self.vpc, "vpc")?,
                service: self.service.unwrap_or_default(),
                endpoint_service: self.endpoint_service,
                subnets: need(self.subnets, "subnets")?,
                private_dns: self.private_dns.unwrap_or(false),
                private_dns_only_for_inbound_resolver_endpoint: self
                    .private_dns_only_for_inbound_resolver_endpoint
                    .unwrap_or(false),
            },
            "transit_gateway" => NodeKind::TransitGateway {
                attachments: self.attachments.unwrap_or_default(),
                route_tables: match self.route_tables {
                    None => Vec::new(),
                    Some(RouteTables::Tables(t)) => t,
                    Some(RouteTables::Ids(ids)) if ids.is_empty() => Vec::new(),
                    Some(RouteTables::Ids(_)) => return Err(
                        "`route_tables` of a transit gateway lists route tables (objects), not ids"
                            .to_string(),
                    ),
                },
            },
            "vpc_peering" => NodeKind::VpcPeering {
                requester: need(self.requester, "requester")?,
                accepter: need(self.accepter, "accepter")?,
            },
            "private_hosted_zone" => NodeKind::PrivateHostedZone {
                domain: need(self.domain, "domain")?,
                vpcs: self.vpcs.unwrap_or_default(),
                records: self.records.unwrap_or_default(),
            },
            "endpoint_service" => NodeKind::EndpointService {
                vpc: need(self.vpc, "vpc")?,
                subnets: need(self.subnets, "subnets")?,
                port: need(self.port, "port")?,
                targets: self.targets.unwrap_or_default(),
                acceptance_required: self.acceptance_required.unwrap_or(true),
                private_dns_name: self.private_dns_name,
            },
            "resolver_endpoint" => NodeKind::ResolverEndpoint {
                vpc: need(self.vpc, "vpc")?,
                direction: need(self.direction, "direction")?,
                subnets: need(self.subnets, "subnets")?,
                rules: self.rules.unwrap_or_default(),
            },
            _ => NodeKind::OnPremises {
                cidrs: need(self.cidrs, "cidrs")?,
                vpn: self.vpn,
                dns_domains: self.dns_domains.unwrap_or_default(),
                dns_forwards: self.dns_forwards.unwrap_or_default(),
            },
        })
    }
}

/// `route_tables` is a list of ids on a gateway endpoint and a list of tables on a transit
/// gateway; which one is decided by the first element.
pub(super) enum RouteTables {
    Ids(Vec<Id>),
    Tables(Vec<TgwRouteTable>),
}

impl<'de> Deserialize<'de> for RouteTables {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Seq;
        impl<'de> serde::de::Visitor<'de> for Seq {
            type Value = RouteTables;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of route table ids or of transit gateway route tables")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RouteTables, A::Error> {
                let (mut ids, mut tables) = (Vec::new(), Vec::new());
                while let Some(entry) = seq.next_element::<Entry>()? {
                    match entry {
                        Entry::Id(id) => ids.push(id),
                        Entry::Table(t) => tables.push(t),
                    }
                }
                match (ids.is_empty(), tables.is_empty()) {
                    (_, true) => Ok(RouteTables::Ids(ids)),
                    (true, false) => Ok(RouteTables::Tables(tables)),
                    _ => Err(serde::de::Error::custom(
                        "`route_tables` mixes ids and tables",
                    )),
                }
            }
        }
        enum Entry {
            Id(Id),
            Table(TgwRouteTable),
        }
        impl<'de> Deserialize<'de> for Entry {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct One;
                impl<'de> serde::de::Visitor<'de> for One {
                    type Value = Entry;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a route table id or a transit gateway route table")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Entry, E> {
                        Ok(Entry::Id(v.to_string()))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<Entry, A::Error> {
                        TgwRouteTable::deserialize(serde::de::value::MapAccessDeserializer::new(
                            map,
                        ))
                        .map(Entry::Table)
                    }
                }
                deserializer.deserialize_any(One)
            }
        }
        deserializer.deserialize_seq(Seq)
    }
}

/// A transit gateway's attachment of a VPC: one network interface in each listed subnet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TgwAttachment {
    pub vpc: Id,
    /// At most one subnet per Availability Zone; workloads in an AZ without one cannot reach
    /// the transit gateway.
    pub subnets: Vec<Id>,
}

/// A transit gateway route table. Attachments are named by what they attach: a VPC id, or the
/// id of an on-premises network whose VPN ends at this transit gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TgwRouteTable {
    pub name: String,
    /// Attachments whose traffic this table routes (each attachment is associated with one table).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associations: Vec<Id>,
    /// Attachments whose CIDRs propagate into this table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propagations: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<TgwRoute>,
}

/// A static transit gateway route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TgwRoute {
    pub destination: String,
    /// The attachment (VPC id or on-premises id) traffic goes to; absent for a blackhole route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Id>,
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
    /// The protocol of the traffic, for security groups and network ACLs (default TCP).
    #[serde(default, skip_serializing_if = "is_tcp")]
    pub protocol: Protocol,
    /// The destination port (default 443, HTTPS, what AWS service APIs use).
    #[serde(default = "https", skip_serializing_if = "is_https")]
    pub port: u16,
    /// The DNS name the source looks up to reach the destination (e.g. a bucket's
    /// `my-bucket.s3.us-east-1.amazonaws.com`, an endpoint-specific `vpce-…` name or a private
    /// zone's name). Without one, a flow to an AWS service uses the service's Regional name and
    /// a flow to anything else goes straight to its address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The API requests the flow carries, checked against the endpoint and resource policies
    /// on its path (model/access).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<AccessRequest>,
}

/// One API request a flow makes: who asks, for what, on which resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AccessRequest {
    /// The caller: an IAM role or user ARN, e.g. `arn:aws:iam::111122223333:role/app`.
    pub principal: String,
    /// The action, e.g. `s3:GetObject`.
    pub action: String,
    /// The resource ARN, e.g. `arn:aws:s3:::my-bucket/reports/2026.csv`.
    pub resource: String,
}

fn is_tcp(p: &Protocol) -> bool {
    *p == Protocol::Tcp
}

pub(super) fn https() -> u16 {
    443
}

fn is_https(p: &u16) -> bool {
    *p == 443
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
    if steps.is_finite() {
        steps / VOLUME_STEPS_PER_GB
    } else {
        gb
    }
}

/// A volume as a plain decimal ("12.5", "0.000001"), written with integer arithmetic.
pub fn volume_text(gb: f64) -> String {
    let steps = (round_volume(gb) * VOLUME_STEPS_PER_GB).round();
    if !steps.is_finite() || steps < 0.0 || steps >= 9.0e15 {
        return if gb.is_nan() {
            "NaN".into()
        } else if gb < 0.0 {
            "negative".into()
        } else {
            "huge".into()
        };
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

pub(super) fn yes() -> bool {
    true
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Vpc {
    /// The VPC's CIDR blocks that parse (a block typed wrong is validation's to report).
    pub fn blocks(&self) -> Vec<ipnet::Ipv4Net> {
        self.cidr_blocks
            .iter()
            .filter_map(|c| super::cidr::parse_v4(c).ok())
            .collect()
    }
}

impl Design {
    /// Every address block the design's networks use: the VPCs' blocks and the on-premises
    /// networks' (text that doesn't parse is skipped). What a new block must not overlap.
    pub fn address_blocks(&self) -> Vec<ipnet::Ipv4Net> {
        let on_premises = self.nodes.iter().flat_map(|n| match &n.kind {
            NodeKind::OnPremises { cidrs, .. } => cidrs.as_slice(),
            _ => &[],
        });
        self.vpcs
            .iter()
            .flat_map(|v| v.cidr_blocks.iter())
            .chain(on_premises)
            .filter_map(|c| super::cidr::parse_v4(c).ok())
            .collect()
    }

    /// Whether the two designs differ at most in where things are drawn (VPC and subnet boxes,
    /// icon positions). Routing, DNS, cost, access and validation read none of those, so the
    /// app keeps their results across a drag. The patterns are exhaustive on purpose: a new
    /// field must be classed as semantic or layout here before this compiles.
    pub fn same_except_layout(&self, other: &Design) -> bool {
        let Design {
            version,
            name,
            region,
            vpcs,
            subnets,
            route_tables,
            nodes,
            flows,
            lookup: _,
        } = self;
        let vpc_eq = |a: &Vpc, b: &Vpc| {
            let Vpc {
                id,
                name,
                cidr_blocks,
                enable_dns_support,
                enable_dns_hostnames,
                layout: _,
                security_groups,
                network_acls,
            } = a;
            *id == b.id
                && *name == b.name
                && *cidr_blocks == b.cidr_blocks
                && *enable_dns_support == b.enable_dns_support
                && *enable_dns_hostnames == b.enable_dns_hostnames
                && *security_groups == b.security_groups
                && *network_acls == b.network_acls
        };
        let subnet_eq = |a: &Subnet, b: &Subnet| {
            let Subnet {
                id,
                vpc,
                name,
                availability_zone,
                cidr,
                layout: _,
            } = a;
            *id == b.id
                && *vpc == b.vpc
                && *name == b.name
                && *availability_zone == b.availability_zone
                && *cidr == b.cidr
        };
        let node_eq = |a: &Node, b: &Node| {
            let Node {
                id,
                name,
                at: _,
                kind,
                security_groups,
                policy,
            } = a;
            *id == b.id
                && *name == b.name
                && *kind == b.kind
                && *security_groups == b.security_groups
                && *policy == b.policy
        };
        fn all<T>(a: &[T], b: &[T], eq: impl Fn(&T, &T) -> bool) -> bool {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| eq(x, y))
        }
        *version == other.version
            && *name == other.name
            && *region == other.region
            && *route_tables == other.route_tables
            && *flows == other.flows
            && all(vpcs, &other.vpcs, vpc_eq)
            && all(subnets, &other.subnets, subnet_eq)
            && all(nodes, &other.nodes, node_eq)
    }

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
            lookup: Lookup::default(),
        }
    }

    pub fn vpc(&self, id: &str) -> Option<&Vpc> {
        self.lookup.find(Kind::Vpc, &self.vpcs, id, |v| &v.id)
    }

    pub fn subnet(&self, id: &str) -> Option<&Subnet> {
        self.lookup.find(Kind::Subnet, &self.subnets, id, |s| &s.id)
    }

    pub fn route_table(&self, id: &str) -> Option<&RouteTable> {
        self.lookup
            .find(Kind::RouteTable, &self.route_tables, id, |r| &r.id)
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.lookup.find(Kind::Node, &self.nodes, id, |n| &n.id)
    }

    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.lookup.find(Kind::Flow, &self.flows, id, |f| &f.id)
    }

    /// The VPC a node belongs to, directly or through its subnet.
    pub fn node_vpc<'a>(&'a self, node: &'a Node) -> Option<&'a str> {
        match &node.kind {
            NodeKind::AwsService { .. }
            | NodeKind::TransitGateway { .. }
            | NodeKind::VpcPeering { .. }
            | NodeKind::OnPremises { .. }
            | NodeKind::PrivateHostedZone { .. } => None,
            NodeKind::InternetGateway { vpc }
            | NodeKind::VpnGateway { vpc }
            | NodeKind::GatewayEndpoint { vpc, .. }
            | NodeKind::InterfaceEndpoint { vpc, .. }
            | NodeKind::EndpointService { vpc, .. }
            | NodeKind::ResolverEndpoint { vpc, .. } => Some(vpc),
            _ => node
                .kind
                .home_subnet()
                .and_then(|s| self.subnet(s))
                .map(|s| s.vpc.as_str()),
        }
    }

    /// The route table that governs a subnet: its explicit association, else its VPC's main table.
    /// The lengths of the design's lists, which kept answers (`Lookup::memo`) are valid for.
    pub fn shape(&self) -> [usize; 5] {
        [
            self.vpcs.len(),
            self.subnets.len(),
            self.route_tables.len(),
            self.nodes.len(),
            self.flows.len(),
        ]
    }

    pub fn route_table_of_subnet(&self, subnet: &Subnet) -> Option<&RouteTable> {
        let len = self.route_tables.len();
        // Grouped once per design: every hop asks.
        let explicit = self
            .lookup
            .grouped(Group::TablesBySubnet, len, &subnet.id, &|| {
                let mut by_subnet: HashMap<String, Vec<usize>> = HashMap::new();
                for (i, rt) in self.route_tables.iter().enumerate() {
                    for s in &rt.subnets {
                        let tables = by_subnet.entry(s.clone()).or_default();
                        if tables.last() != Some(&i) {
                            tables.push(i);
                        }
                    }
                }
                by_subnet
            });
        let main = || {
            let mains = self
                .lookup
                .grouped(Group::MainTablesByVpc, len, &subnet.vpc, &|| {
                    let mut by_vpc: HashMap<String, Vec<usize>> = HashMap::new();
                    for (i, rt) in self
                        .route_tables
                        .iter()
                        .enumerate()
                        .filter(|(_, rt)| rt.main)
                    {
                        by_vpc.entry(rt.vpc.clone()).or_default().push(i);
                    }
                    by_vpc
                });
            mains.first().and_then(|&i| self.route_tables.get(i))
        };
        let found = explicit
            .first()
            .and_then(|&i| self.route_tables.get(i))
            .or_else(main);
        debug_assert_eq!(
            found.map(|rt| &rt.id),
            self.route_tables
                .iter()
                .find(|rt| rt.subnets.iter().any(|s| *s == subnet.id))
                .or_else(|| self
                    .route_tables
                    .iter()
                    .find(|rt| rt.main && rt.vpc == subnet.vpc))
                .map(|rt| &rt.id),
            "route table associations changed without Lookup::clear"
        );
        found
    }

    /// Every id in the design, in document order: items, then the security groups and network
    /// ACLs inside VPCs.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.item_ids()
            .chain(
                self.vpcs
                    .iter()
                    .flat_map(|v| v.security_groups.iter().map(|g| g.id.as_str())),
            )
            .chain(
                self.vpcs
                    .iter()
                    .flat_map(|v| v.network_acls.iter().map(|a| a.id.as_str())),
            )
    }

    /// The ids of the design's items (VPCs, subnets, route tables, nodes, flows): what an edit
    /// inserts, removes or replaces.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.vpcs
            .iter()
            .map(|v| v.id.as_str())
            .chain(self.subnets.iter().map(|s| s.id.as_str()))
            .chain(self.route_tables.iter().map(|r| r.id.as_str()))
            .chain(self.nodes.iter().map(|n| n.id.as_str()))
            .chain(self.flows.iter().map(|f| f.id.as_str()))
    }

    /// A security group by id, with the VPC it belongs to.
    pub fn security_group(&self, id: &str) -> Option<(&Vpc, &SecurityGroup)> {
        let scan = || {
            self.vpcs.iter().find_map(|v| {
                v.security_groups
                    .iter()
                    .find(|g| g.id == id)
                    .map(|g| (v, g))
            })
        };
        // Indexed once per design: every hop through a workload asks, and a scan of every VPC's
        // groups grew with the square of the design (perf at 5,000 resources). A position is
        // trusted only if the group there has the id; a miss is scanned for (absent groups are
        // rare: a dangling reference). Keyed by the number of VPCs, not of groups: counting the
        // groups walked every VPC at every call (3% of the analysis at 5,000 resources), and a
        // group added or moved in place is found by the scan until the edit's `clear()`.
        let at = self
            .lookup
            .grouped(Group::SecurityGroupsById, self.vpcs.len(), id, &|| {
                let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
                for (i, v) in self.vpcs.iter().enumerate() {
                    for (j, g) in v.security_groups.iter().enumerate() {
                        by_id.entry(g.id.clone()).or_default().extend([i, j]);
                    }
                }
                by_id
            });
        match at[..] {
            [v, g, ..] => self
                .vpcs
                .get(v)
                .and_then(|v| Some((v, v.security_groups.get(g)?)))
                .filter(|(_, g)| g.id == id)
                .or_else(scan),
            _ => scan(),
        }
    }

    /// The network ACL a subnet is associated with; `None` means its VPC's default ACL.
    pub fn network_acl_of_subnet(&self, subnet: &Subnet) -> Option<&NetworkAcl> {
        self.vpc(&subnet.vpc).and_then(|v| {
            v.network_acls
                .iter()
                .find(|a| a.subnets.iter().any(|s| *s == subnet.id))
        })
    }

    /// A fresh id with the given prefix (`vpc` → `vpc-3`), unused anywhere in the design.
    pub fn fresh_id(&self, prefix: &str) -> Id {
        let taken: crate::model::hash::HashSet<&str> = self.ids().collect();
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
            .or_else(|| self.security_group(id).map(|(_, g)| g.name.as_str()))
            .or_else(|| {
                self.vpcs.iter().find_map(|v| {
                    v.network_acls
                        .iter()
                        .find(|a| a.id == id)
                        .map(|a| a.name.as_str())
                })
            })
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
            NodeKind::InterfaceEndpoint { subnets, .. }
            | NodeKind::ResolverEndpoint { subnets, .. }
            | NodeKind::EndpointService { subnets, .. } => subnets.first().map(|s| s.as_str()),
            _ => None,
        }
    }

    pub fn is_workload(&self) -> bool {
        matches!(
            self,
            NodeKind::Ec2 { .. }
                | NodeKind::Lambda { .. }
                | NodeKind::Eks { .. }
                | NodeKind::Rds { .. }
        )
    }

    /// Whether traffic can be addressed to it: a workload or an AWS service. Gateways and
    /// endpoints are on the way, not destinations (a flow to S3 goes to the S3 node; routing
    /// decides whether it passes an endpoint).
    pub fn is_flow_destination(&self) -> bool {
        self.is_workload()
            || matches!(
                self,
                NodeKind::AwsService { .. }
                    | NodeKind::InterfaceEndpoint { .. }
                    | NodeKind::EndpointService { .. }
                    | NodeKind::OnPremises { .. }
            )
    }

    /// Whether traffic can start here: a workload, or an on-premises network.
    pub fn is_flow_source(&self) -> bool {
        self.is_workload() || matches!(self, NodeKind::OnPremises { .. })
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
            NodeKind::EndpointService { .. } => "Endpoint service",
            NodeKind::TransitGateway { .. } => "Transit gateway",
            NodeKind::VpnGateway { .. } => "Virtual private gateway",
            NodeKind::VpcPeering { .. } => "Peering connection",
            NodeKind::OnPremises { .. } => "On-premises network",
            NodeKind::PrivateHostedZone { .. } => "Private hosted zone",
            NodeKind::ResolverEndpoint {
                direction: ResolverDirection::Inbound,
                ..
            } => "Resolver inbound endpoint",
            NodeKind::ResolverEndpoint { .. } => "Resolver outbound endpoint",
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
            NodeKind::EndpointService { .. } => "an endpoint service",
            NodeKind::TransitGateway { .. } => "a transit gateway",
            NodeKind::VpnGateway { .. } => "a virtual private gateway",
            NodeKind::VpcPeering { .. } => "a peering connection",
            NodeKind::OnPremises { .. } => "an on-premises network",
            NodeKind::PrivateHostedZone { .. } => "a private hosted zone",
            NodeKind::ResolverEndpoint {
                direction: ResolverDirection::Inbound,
                ..
            } => "a Resolver inbound endpoint",
            NodeKind::ResolverEndpoint { .. } => "a Resolver outbound endpoint",
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
            NodeKind::EndpointService { .. } => "vpcesvc",
            NodeKind::TransitGateway { .. } => "tgw",
            NodeKind::VpnGateway { .. } => "vgw",
            NodeKind::VpcPeering { .. } => "pcx",
            NodeKind::OnPremises { .. } => "onprem",
            NodeKind::PrivateHostedZone { .. } => "zone",
            NodeKind::ResolverEndpoint { .. } => "rslvr",
        }
    }
}
