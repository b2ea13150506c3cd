//! Validation: every rule a design must satisfy before AWS would accept it, as diagnostics.
//!
//! Broken input is data, not an error: `validate` never fails, it lists what is wrong, on which
//! item and which field, in words a user can act on. Rules cite
//! ../shared/reference/aws-networking.md by section.

use super::catalog;
use super::cidr::{self, CidrError};
use super::design::{
    AclRule, Design, FlowTarget, MAX_VOLUME_GB, NatConnectivity, Node, NodeKind, Protocol,
    RouteTable, SgPeer, Subnet, TgwAttachment, TgwRouteTable, Vpc,
};
use super::text::clip as short;
use crate::model::hash::{HashMap, HashMapExt, HashSet, HashSetExt};
use ipnet::Ipv4Net;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// AWS or Terraform would refuse this.
    Error,
    /// Accepted, but probably not what was meant.
    Warning,
}

/// One problem, on one item of the design.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `subnet.outside_vpc`.
    pub code: &'static str,
    /// Id of the item the problem is on; `design` for the document itself.
    pub subject: String,
    /// The field of that item to fix, as named in the design format (e.g. `cidr`).
    pub field: &'static str,
    /// Which element of a list field (`cidr_blocks`, `routes`), when the problem is in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        subject: &str,
        field: &'static str,
        index: Option<usize>,
        code: &'static str,
        message: String,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            subject: subject.to_string(),
            field,
            index,
            message,
        }
    }
}

/// The subject of problems that concern the document as a whole.
pub const DESIGN_SUBJECT: &str = "design";

/// AWS's limits on VPC and subnet IPv4 blocks (aws-networking.md §1).
pub const LARGEST_PREFIX: u8 = 16;
pub const SMALLEST_PREFIX: u8 = 28;
/// Tag values are at most 256 characters; we keep names to 255 so a prefix still fits.
pub const MAX_NAME_CHARS: usize = 255;

/// How many of `diagnostics` are errors (the rest are warnings).
pub fn errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

pub fn validate(design: &Design) -> Vec<Diagnostic> {
    let mut check = Checker::new(design);
    check.document();
    for vpc in &design.vpcs {
        check.vpc(vpc);
    }
    check.vpc_overlaps();
    for subnet in &design.subnets {
        check.subnet(subnet);
    }
    for table in &design.route_tables {
        check.route_table(table);
        check.route_propagations(table);
    }
    check.route_table_associations();
    for node in &design.nodes {
        check.node(node);
    }
    check.endpoint_uniqueness();
    check.flows();
    super::dns::check::check(design, &mut check.out);
    super::access::check::check(design, &mut check.out);
    check.out
}

struct Checker<'a> {
    design: &'a Design,
    out: Vec<Diagnostic>,
    /// Parsed blocks of each VPC that parsed, primary first.
    vpc_blocks: HashMap<&'a str, Vec<Ipv4Net>>,
    subnet_blocks: HashMap<&'a str, Ipv4Net>,
    /// Counted once, asked per item (a scan each time grew with the square of the design).
    counts: Counts<'a>,
}

/// How many of a kind each VPC has, and which blocks are whole subnets of it.
#[derive(Default)]
struct Counts<'a> {
    main_tables: HashMap<&'a str, usize>,
    main_tables_by_id: HashMap<(&'a str, &'a str), usize>,
    internet_gateways: HashMap<&'a str, usize>,
    vpn_gateways: HashMap<&'a str, usize>,
    subnet_blocks_of_vpc: HashSet<(&'a str, Ipv4Net)>,
    /// Each VPC's subnets (positions in `subnets`, in order) with their parsed blocks.
    subnets_of_vpc: HashMap<&'a str, Vec<(usize, Option<Ipv4Net>)>>,
}

impl<'a> Checker<'a> {
    fn new(design: &'a Design) -> Self {
        // Keyed by id; with duplicate ids the first item wins, as in every lookup by id
        // (`Design::vpc`), so relations are judged consistently.
        let mut vpc_blocks: HashMap<&str, Vec<Ipv4Net>> = HashMap::new();
        for v in &design.vpcs {
            vpc_blocks
                .entry(v.id.as_str())
                .or_insert_with(|| v.blocks());
        }
        let mut subnet_blocks: HashMap<&str, Ipv4Net> = HashMap::new();
        for s in &design.subnets {
            if let Ok(net) = cidr::parse_v4(&s.cidr) {
                subnet_blocks.entry(s.id.as_str()).or_insert(net);
            }
        }
        let mut counts = Counts::default();
        for t in design.route_tables.iter().filter(|t| t.main) {
            *counts.main_tables.entry(t.vpc.as_str()).or_default() += 1;
            *counts
                .main_tables_by_id
                .entry((t.vpc.as_str(), t.id.as_str()))
                .or_default() += 1;
        }
        for n in &design.nodes {
            match &n.kind {
                NodeKind::InternetGateway { vpc } => {
                    *counts.internet_gateways.entry(vpc.as_str()).or_default() += 1
                }
                NodeKind::VpnGateway { vpc } => {
                    *counts.vpn_gateways.entry(vpc.as_str()).or_default() += 1
                }
                _ => {}
            }
        }
        for (i, s) in design.subnets.iter().enumerate() {
            if let Some(net) = subnet_blocks.get(s.id.as_str()) {
                counts.subnet_blocks_of_vpc.insert((s.vpc.as_str(), *net));
            }
            counts
                .subnets_of_vpc
                .entry(s.vpc.as_str())
                .or_default()
                .push((i, cidr::parse_v4(&s.cidr).ok()));
        }
        Checker {
            design,
            out: Vec::new(),
            vpc_blocks,
            subnet_blocks,
            counts,
        }
    }

    fn error(&mut self, subject: &str, field: &'static str, code: &'static str, message: String) {
        self.push(Severity::Error, subject, field, None, code, message);
    }

    fn warn(&mut self, subject: &str, field: &'static str, code: &'static str, message: String) {
        self.push(Severity::Warning, subject, field, None, code, message);
    }

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
        match self.design.name_of(id) {
            Some(name) if !name.is_empty() => format!("\"{}\"", short(name)),
            _ => id.to_string(),
        }
    }

    fn document(&mut self) {
        let d = self.design;
        if catalog::region(&d.region).is_none() {
            self.error(
                DESIGN_SUBJECT,
                "region",
                "design.region_unknown",
                format!(
                    "\"{}\" is not a Region this planner knows, e.g. us-east-1",
                    short(&d.region)
                ),
            );
        }
        // Sized up front: growing it id by id was 2% of an analysis at 1,000 resources.
        let mut seen = HashSet::with_capacity(
            d.vpcs.len() + d.subnets.len() + d.route_tables.len() + d.nodes.len() + d.flows.len(),
        );
        let mut reported = HashSet::new();
        for id in d.ids() {
            if id.is_empty() {
                self.error(
                    DESIGN_SUBJECT,
                    "id",
                    "id.empty",
                    "an item has an empty id".to_string(),
                );
            } else if !seen.insert(id) && reported.insert(id) {
                self.error(
                    id,
                    "id",
                    "id.duplicate",
                    format!("the id {} is used by more than one item", short(id)),
                );
            }
        }
        let names = d
            .vpcs
            .iter()
            .map(|v| (&v.id, &v.name))
            .chain(d.subnets.iter().map(|s| (&s.id, &s.name)))
            .chain(d.route_tables.iter().map(|r| (&r.id, &r.name)))
            .chain(d.nodes.iter().map(|n| (&n.id, &n.name)));
        for (id, name) in names {
            if name.trim().is_empty() {
                self.warn(
                    id,
                    "name",
                    "name.empty",
                    "give it a name; Terraform resource names are made from it".to_string(),
                );
            } else if name.chars().count() > MAX_NAME_CHARS {
                self.error(
                    id,
                    "name",
                    "name.too_long",
                    format!(
                        "the name has {} characters; AWS tag values allow at most {MAX_NAME_CHARS}",
                        name.chars().count()
                    ),
                );
            }
        }
    }

    fn vpc(&mut self, vpc: &'a Vpc) {
        if vpc.cidr_blocks.is_empty() {
            self.error(
                &vpc.id,
                "cidr_blocks",
                "vpc.cidr_missing",
                "a VPC needs an IPv4 CIDR block, e.g. 10.0.0.0/16".to_string(),
            );
        }
        let mut parsed: Vec<Ipv4Net> = Vec::new();
        for (i, text) in vpc.cidr_blocks.iter().enumerate() {
            let net = match cidr::parse_v4(text) {
                Ok(net) => net,
                Err(e) => {
                    self.push(
                        Severity::Error,
                        &vpc.id,
                        "cidr_blocks",
                        Some(i),
                        "vpc.cidr_invalid",
                        e.to_string(),
                    );
                    continue;
                }
            };
            if !(LARGEST_PREFIX..=SMALLEST_PREFIX).contains(&net.prefix_len()) {
                self.push(Severity::Error, &vpc.id, "cidr_blocks", Some(i), "vpc.cidr_size", format!("{net} is /{}; AWS allows VPC blocks from /{LARGEST_PREFIX} to /{SMALLEST_PREFIX}", net.prefix_len()));
            }
            if let Some(other) = parsed.iter().find(|p| cidr::overlaps(p, &net)) {
                self.push(
                    Severity::Error,
                    &vpc.id,
                    "cidr_blocks",
                    Some(i),
                    "vpc.cidr_overlap",
                    format!("{net} overlaps this VPC's block {other}"),
                );
            }
            // 172.17.0.0/16 is Docker's default bridge; AWS advises against it (§1).
            if let Ok(docker) = "172.17.0.0/16".parse::<Ipv4Net>() {
                if cidr::overlaps(&net, &docker) {
                    self.push(Severity::Warning, &vpc.id, "cidr_blocks", Some(i), "vpc.cidr_docker", format!("{net} overlaps 172.17.0.0/16, which AWS services such as SageMaker and Cloud9 use for Docker; pick another range"));
                }
            }
            if i > 0 {
                if let Some(primary) = parsed.first() {
                    if let Some(reason) = secondary_block_refusal(primary, &net) {
                        self.push(
                            Severity::Error,
                            &vpc.id,
                            "cidr_blocks",
                            Some(i),
                            "vpc.cidr_secondary_range",
                            reason,
                        );
                    }
                }
            }
            parsed.push(net);
        }
        if vpc.cidr_blocks.len() > 5 {
            self.warn(
                &vpc.id,
                "cidr_blocks",
                "vpc.cidr_quota",
                format!(
                    "{} IPv4 blocks exceed the default quota of 5 per VPC (adjustable to 50)",
                    vpc.cidr_blocks.len()
                ),
            );
        }
        self.security_groups(vpc);
        self.network_acls(vpc);
    }

    fn security_groups(&mut self, vpc: &'a Vpc) {
        let d = self.design;
        for (g, group) in vpc.security_groups.iter().enumerate() {
            for (i, rule) in group.ingress.iter().chain(&group.egress).enumerate() {
                let which = if i < group.ingress.len() {
                    "ingress"
                } else {
                    "egress"
                };
                let port_problem = ports_problem(rule.protocol, rule.from_port, rule.to_port);
                let peer_problem = match &rule.peer {
                    SgPeer::Cidr(c) => cidr::parse_v4(c).err().map(|e| e.to_string()),
                    SgPeer::SecurityGroup(id) => match d.security_group(id) {
                        None => Some(format!(
                            "refers to security group {}, which is not in the design",
                            short(id)
                        )),
                        Some((other, _))
                            if other.id != vpc.id && !peered(d, &vpc.id, &other.id) =>
                        {
                            Some(format!(
                                "refers to security group {} of a VPC that is not peered with this one",
                                self.label(id)
                            ))
                        }
                        Some(_) => None,
                    },
                    SgPeer::PrefixList(key) => match catalog::service(key) {
                        Some(s) if s.gateway_endpoint => None,
                        _ => Some(format!(
                            "\"{}\" has no AWS-managed prefix list; only s3 and dynamodb do",
                            short(key)
                        )),
                    },
                };
                if let Some(problem) = port_problem.or(peer_problem) {
                    self.push(
                        Severity::Error,
                        &vpc.id,
                        "security_groups",
                        Some(g),
                        "sg.rule_invalid",
                        format!(
                            "security group {}, {which} rule: {problem}",
                            short(&group.name)
                        ),
                    );
                }
            }
        }
    }

    fn network_acls(&mut self, vpc: &'a Vpc) {
        let d = self.design;
        for (a, acl) in vpc.network_acls.iter().enumerate() {
            for s in &acl.subnets {
                match d.subnet(s) {
                    Some(sub) if sub.vpc == vpc.id => {
                        let first = vpc.network_acls.iter().position(|o| o.subnets.contains(s));
                        if first != Some(a) {
                            self.push(Severity::Error, &vpc.id, "network_acls", Some(a), "nacl.subnet_twice", format!("subnet {} is associated with two network ACLs; a subnet has exactly one", self.label(s)));
                        }
                    }
                    Some(_) => self.push(
                        Severity::Error,
                        &vpc.id,
                        "network_acls",
                        Some(a),
                        "nacl.subnet_other_vpc",
                        format!(
                            "network ACL {} lists subnet {} of another VPC",
                            short(&acl.name),
                            self.label(s)
                        ),
                    ),
                    None => self.push(
                        Severity::Error,
                        &vpc.id,
                        "network_acls",
                        Some(a),
                        "nacl.subnet_missing",
                        format!(
                            "network ACL {} lists subnet {}, which is not in the design",
                            short(&acl.name),
                            short(s)
                        ),
                    ),
                }
            }
            for (which, rules) in [("inbound", &acl.ingress), ("outbound", &acl.egress)] {
                let mut numbers = HashSet::new();
                for rule in rules {
                    if let Some(problem) = acl_rule_problem(rule) {
                        self.push(
                            Severity::Error,
                            &vpc.id,
                            "network_acls",
                            Some(a),
                            "nacl.rule_invalid",
                            format!(
                                "network ACL {}, {which} rule {}: {problem}",
                                short(&acl.name),
                                rule.number
                            ),
                        );
                    }
                    if !numbers.insert(rule.number) {
                        self.push(
                            Severity::Error,
                            &vpc.id,
                            "network_acls",
                            Some(a),
                            "nacl.rule_number_twice",
                            format!(
                                "network ACL {} has two {which} rules numbered {}",
                                short(&acl.name),
                                rule.number
                            ),
                        );
                    }
                }
            }
        }
    }

    fn vpc_overlaps(&mut self) {
        let vpcs = &self.design.vpcs;
        let blocks: Vec<Vec<Ipv4Net>> = vpcs.iter().map(|v| v.blocks()).collect();
        for (i, j) in overlapping_pairs(&blocks) {
            let (a, b) = (&vpcs[i], &vpcs[j]);
            let hit = blocks[i].iter().find_map(|x| {
                blocks[j]
                    .iter()
                    .find(|y| cidr::overlaps(x, y))
                    .map(|y| (*x, *y))
            });
            if let Some((x, y)) = hit {
                let (la, lb) = (self.label(&a.id), self.label(&b.id));
                self.warn(&b.id, "cidr_blocks", "vpc.overlaps_vpc", format!("{y} overlaps {x} of VPC {la}: these VPCs can never be peered or routed to each other"));
                self.warn(&a.id, "cidr_blocks", "vpc.overlaps_vpc", format!("{x} overlaps {y} of VPC {lb}: these VPCs can never be peered or routed to each other"));
            }
        }
    }

    fn subnet(&mut self, subnet: &'a Subnet) {
        let d = self.design;
        let Some(vpc) = d.vpc(&subnet.vpc) else {
            self.error(
                &subnet.id,
                "vpc",
                "subnet.vpc_missing",
                format!(
                    "belongs to VPC {}, which is not in the design",
                    short(&subnet.vpc)
                ),
            );
            return;
        };
        self.availability_zone(subnet);
        let net = match cidr::parse_v4(&subnet.cidr) {
            Ok(net) => net,
            Err(e) => {
                let hint = match &e {
                    CidrError::NotCidr { .. } => {
                        let free = self.free_subnet_hint(vpc);
                        format!("{e}{free}")
                    }
                    _ => e.to_string(),
                };
                self.error(&subnet.id, "cidr", "subnet.cidr_invalid", hint);
                return;
            }
        };
        let prefix = net.prefix_len();
        if prefix > SMALLEST_PREFIX {
            self.error(&subnet.id, "cidr", "subnet.cidr_size", format!("{net} is too small: the smallest subnet AWS allows is /{SMALLEST_PREFIX} (11 usable addresses)"));
        } else if prefix < LARGEST_PREFIX {
            self.error(
                &subnet.id,
                "cidr",
                "subnet.cidr_size",
                format!("{net} is too large: the largest subnet AWS allows is /{LARGEST_PREFIX}"),
            );
        }
        let blocks = self
            .vpc_blocks
            .get(vpc.id.as_str())
            .cloned()
            .unwrap_or_default();
        if !blocks.is_empty() && !blocks.iter().any(|b| cidr::covers(b, &net)) {
            let list = blocks
                .iter()
                .map(|b| b.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            self.error(
                &subnet.id,
                "cidr",
                "subnet.outside_vpc",
                format!("{net} is outside VPC {} ({list})", self.label(&vpc.id)),
            );
        }
        let same_vpc = self
            .counts
            .subnets_of_vpc
            .get(subnet.vpc.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let clash = same_vpc
            .iter()
            .filter(|(_, o)| o.is_some_and(|o| cidr::overlaps(&o, &net)))
            .filter_map(|(i, _)| d.subnets.get(*i))
            .find(|other| other.id != subnet.id);
        if let Some(other) = clash {
            self.error(
                &subnet.id,
                "cidr",
                "subnet.overlap",
                format!(
                    "{net} overlaps subnet {} ({})",
                    self.label(&other.id),
                    short(&other.cidr)
                ),
            );
        }
    }

    fn free_subnet_hint(&self, vpc: &Vpc) -> String {
        let blocks = self
            .vpc_blocks
            .get(vpc.id.as_str())
            .cloned()
            .unwrap_or_default();
        let taken: Vec<Ipv4Net> = self
            .design
            .subnets
            .iter()
            .filter(|s| s.vpc == vpc.id)
            .filter_map(|s| self.subnet_blocks.get(s.id.as_str()).copied())
            .collect();
        match cidr::first_free(&blocks, &taken, 24) {
            Some(free) => format!(" ({free} is free in this VPC)"),
            None => String::new(),
        }
    }

    fn availability_zone(&mut self, subnet: &Subnet) {
        let region = &self.design.region;
        let az = &subnet.availability_zone;
        let letter = az.strip_prefix(region.as_str());
        match letter {
            Some(l) if l.len() == 1 && l.chars().all(|c| c.is_ascii_lowercase()) => {
                if let Some(r) = catalog::region(region) {
                    if !r.az_letters.contains(&l) {
                        let known = r
                            .az_letters
                            .iter()
                            .map(|x| format!("{region}{x}"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        self.warn(
                            &subnet.id,
                            "availability_zone",
                            "subnet.az_uncommon",
                            format!("{az} may not exist in your account; new accounts see {known}"),
                        );
                    }
                }
            }
            _ => {
                let region = short(region);
                self.error(
                    &subnet.id,
                    "availability_zone",
                    "subnet.az_invalid",
                    format!(
                        "\"{}\" is not an Availability Zone of {region}, e.g. {region}a",
                        short(az)
                    ),
                );
            }
        }
    }

    fn route_table(&mut self, table: &'a RouteTable) {
        let d = self.design;
        let Some(vpc) = d.vpc(&table.vpc) else {
            self.error(
                &table.id,
                "vpc",
                "rtb.vpc_missing",
                format!(
                    "belongs to VPC {}, which is not in the design",
                    short(&table.vpc)
                ),
            );
            return;
        };
        let others = |c: &Counts| {
            c.main_tables.get(table.vpc.as_str()).copied().unwrap_or(0)
                - c.main_tables_by_id
                    .get(&(table.vpc.as_str(), table.id.as_str()))
                    .copied()
                    .unwrap_or(0)
        };
        if table.main && others(&self.counts) > 0 {
            self.error(
                &table.id,
                "main",
                "rtb.main_duplicate",
                format!(
                    "VPC {} has more than one main route table",
                    self.label(&vpc.id)
                ),
            );
        }
        for s in &table.subnets {
            match d.subnet(s) {
                None => self.error(&table.id, "subnets", "rtb.subnet_missing", format!("is associated with subnet {}, which is not in the design", short(s))),
                Some(sub) if sub.vpc != table.vpc => self.error(&table.id, "subnets", "rtb.subnet_other_vpc", format!("subnet {} is in another VPC; a route table serves only its own VPC's subnets", self.label(s))),
                Some(_) => {}
            }
        }
        let blocks = self
            .vpc_blocks
            .get(vpc.id.as_str())
            .cloned()
            .unwrap_or_default();
        let mut seen: Vec<Ipv4Net> = Vec::new();
        for (i, route) in table.routes.iter().enumerate() {
            let dest = match cidr::parse_v4(&route.destination) {
                Ok(net) => net,
                Err(e) => {
                    self.push(
                        Severity::Error,
                        &table.id,
                        "routes",
                        Some(i),
                        "route.destination_invalid",
                        format!("route destination: {e}"),
                    );
                    continue;
                }
            };
            if seen.contains(&dest) {
                self.push(
                    Severity::Error,
                    &table.id,
                    "routes",
                    Some(i),
                    "route.destination_duplicate",
                    format!("two routes for {dest}; a table holds one route per destination"),
                );
            }
            seen.push(dest);
            // §2: no route may equal or fall inside 169.254.168.0/22.
            if let Ok(reserved) = "169.254.168.0/22".parse::<Ipv4Net>() {
                if cidr::covers(&reserved, &dest) {
                    self.push(Severity::Error, &table.id, "routes", Some(i), "route.destination_reserved", format!("{dest} lies in 169.254.168.0/22, which AWS reserves for its own services"));
                }
            }
            let target = d.node(&route.target);
            let target_kind = target.map(|t| &t.kind);
            match target_kind {
                // R1: a route whose target is gone stays in the table as a blackhole.
                None => self.push(Severity::Error, &table.id, "routes", Some(i), "route.target_missing", format!("the route to {dest} points at {}, which is not in the design: AWS keeps it as a blackhole route that drops traffic", short(&route.target))),
                Some(NodeKind::InternetGateway { vpc: v }) | Some(NodeKind::GatewayEndpoint { vpc: v, .. }) if *v != table.vpc => {
                    self.push(Severity::Error, &table.id, "routes", Some(i), "route.target_other_vpc", format!("the route to {dest} points at {} of another VPC", self.label(&route.target)));
                }
                Some(NodeKind::GatewayEndpoint { .. }) => self.push(Severity::Error, &table.id, "routes", Some(i), "route.target_kind", format!("the route to {dest} points at a gateway endpoint; AWS adds gateway-endpoint routes itself when the endpoint is associated with the table")),
                Some(NodeKind::NatGateway { subnet, .. }) => {
                    if d.subnet(subnet).is_some_and(|s| s.vpc != table.vpc) {
                        self.push(Severity::Error, &table.id, "routes", Some(i), "route.target_other_vpc", format!("the route to {dest} points at NAT gateway {} of another VPC", self.label(&route.target)));
                    }
                }
                Some(NodeKind::InternetGateway { .. }) => {}
                Some(NodeKind::VpnGateway { vpc: v }) if *v != table.vpc => {
                    self.push(Severity::Error, &table.id, "routes", Some(i), "route.target_other_vpc", format!("the route to {dest} points at virtual private gateway {}, which is attached to another VPC", self.label(&route.target)));
                }
                Some(NodeKind::VpnGateway { .. }) => {}
                Some(NodeKind::VpcPeering { requester, accepter }) => {
                    if *requester != table.vpc && *accepter != table.vpc {
                        self.push(Severity::Error, &table.id, "routes", Some(i), "route.target_other_vpc", format!("the route to {dest} points at peering connection {}, which does not involve this VPC", self.label(&route.target)));
                    }
                }
                Some(NodeKind::TransitGateway { attachments, .. }) => {
                    if !attachments.iter().any(|a| a.vpc == table.vpc) {
                        self.push(Severity::Error, &table.id, "routes", Some(i), "route.tgw_not_attached", format!("the route to {dest} points at transit gateway {}, which has no attachment in this VPC", self.label(&route.target)));
                    }
                }
                Some(k) if k.is_workload() => {
                    let in_vpc = target.is_some_and(|t| d.node_vpc(t) == Some(table.vpc.as_str()));
                    if !in_vpc {
                        self.push(Severity::Error, &table.id, "routes", Some(i), "route.target_other_vpc", format!("the route to {dest} points at the network interface of {}, which is in another VPC", self.label(&route.target)));
                    }
                }
                Some(other) => self.push(Severity::Error, &table.id, "routes", Some(i), "route.target_kind", format!("the route to {dest} points at {}, which cannot be a route target", other.a_label())),
            }
            // §2: a route inside the VPC's own range is allowed only for a whole subnet to a NAT
            // gateway, ENI or GWLB endpoint; the local route covers the rest.
            if blocks.iter().any(|b| cidr::covers(b, &dest)) {
                let whole_subnet = self
                    .counts
                    .subnet_blocks_of_vpc
                    .contains(&(table.vpc.as_str(), dest));
                let to_middlebox = matches!(target_kind, Some(NodeKind::NatGateway { .. }))
                    || target_kind.is_some_and(|k| k.is_workload());
                if !(whole_subnet && to_middlebox) {
                    self.push(Severity::Error, &table.id, "routes", Some(i), "route.inside_vpc", format!("{dest} is inside the VPC's own range, which the local route serves; only a whole subnet's block may be routed elsewhere, to a NAT gateway or a network interface"));
                }
            }
        }
    }

    fn route_propagations(&mut self, table: &'a RouteTable) {
        for g in &table.propagations {
            match self.design.node(g).map(|n| &n.kind) {
                Some(NodeKind::VpnGateway { vpc }) if *vpc == table.vpc => {}
                Some(NodeKind::VpnGateway { .. }) => self.error(&table.id, "propagations", "rtb.propagation_other_vpc", format!("propagates routes from virtual private gateway {}, which is attached to another VPC", self.label(g))),
                Some(_) => self.error(&table.id, "propagations", "rtb.propagation_kind", format!("propagates routes from {}, but only a virtual private gateway propagates routes into a VPC route table", self.label(g))),
                None => self.error(&table.id, "propagations", "rtb.propagation_missing", format!("propagates routes from {}, which is not in the design", short(g))),
            }
        }
    }

    fn route_table_associations(&mut self) {
        let mut owner: HashMap<&str, &str> = HashMap::new();
        for table in &self.design.route_tables {
            for s in &table.subnets {
                if let Some(first) = owner.insert(s, &table.id) {
                    if first != table.id {
                        let msg = format!(
                            "subnet {} is also associated with route table {}; a subnet has exactly one route table",
                            self.label(s),
                            self.label(first)
                        );
                        self.error(&table.id, "subnets", "rtb.subnet_twice", msg);
                    }
                }
            }
        }
    }

    fn node(&mut self, node: &'a Node) {
        let d = self.design;
        // Interface endpoints list their subnets; they are checked with the rest of the kind.
        if let (Some(subnet), false) = (
            node.kind.home_subnet(),
            matches!(
                node.kind,
                NodeKind::InterfaceEndpoint { .. }
                    | NodeKind::ResolverEndpoint { .. }
                    | NodeKind::EndpointService { .. }
            ),
        ) {
            if d.subnet(subnet).is_none() {
                self.error(
                    &node.id,
                    "subnet",
                    "node.subnet_missing",
                    format!(
                        "sits in subnet {}, which is not in the design",
                        short(subnet)
                    ),
                );
            }
        }
        match &node.kind {
            NodeKind::AwsService { service, .. } => {
                self.known_service(node, service);
            }
            NodeKind::InternetGateway { vpc } => {
                if self.vpc_exists(node, vpc) {
                    let count = self
                        .counts
                        .internet_gateways
                        .get(vpc.as_str())
                        .copied()
                        .unwrap_or(0);
                    if count > 1 {
                        self.error(
                            &node.id,
                            "vpc",
                            "igw.duplicate",
                            format!(
                                "VPC {} has {count} internet gateways; a VPC can have only one",
                                self.label(vpc)
                            ),
                        );
                    }
                }
            }
            NodeKind::NatGateway {
                subnet,
                connectivity,
            } => {
                if *connectivity == NatConnectivity::Public {
                    self.public_nat_subnet(node, subnet);
                }
            }
            NodeKind::GatewayEndpoint {
                vpc,
                service,
                route_tables,
            } => {
                // §3: gateway endpoints need DNS resolution in the VPC.
                if self.vpc_exists(node, vpc) && d.vpc(vpc).is_some_and(|v| !v.enable_dns_support) {
                    self.error(&node.id, "vpc", "endpoint.gateway_needs_dns", format!("gateway endpoints need DNS resolution (enableDnsSupport) turned on in VPC {}", self.label(vpc)));
                }
                if let Some(s) = self
                    .known_service(node, service)
                    .filter(|s| !s.gateway_endpoint)
                {
                    self.error(&node.id, "service", "endpoint.no_gateway", format!("{} has no gateway endpoint (only S3 and DynamoDB do); use an interface endpoint", s.name));
                }
                if route_tables.is_empty() {
                    self.warn(
                        &node.id,
                        "route_tables",
                        "endpoint.no_route_tables",
                        "is associated with no route table, so no traffic uses it".to_string(),
                    );
                }
                for rt in route_tables {
                    match d.route_table(rt) {
                        None => self.error(
                            &node.id,
                            "route_tables",
                            "endpoint.route_table_missing",
                            format!(
                                "is associated with route table {}, which is not in the design",
                                short(rt)
                            ),
                        ),
                        Some(t) if t.vpc != *vpc => self.error(
                            &node.id,
                            "route_tables",
                            "endpoint.route_table_other_vpc",
                            format!("route table {} is in another VPC", self.label(rt)),
                        ),
                        Some(_) => {}
                    }
                }
            }
            NodeKind::InterfaceEndpoint {
                vpc,
                service,
                endpoint_service,
                subnets,
                private_dns,
                ..
            } => {
                let vpc_ok = self.vpc_exists(node, vpc);
                match endpoint_service {
                    Some(svc) => {
                        self.privatelink_endpoint(node, service, svc, subnets, *private_dns)
                    }
                    None => {
                        if let Some(s) = self
                            .known_service(node, service)
                            .filter(|s| !s.interface_endpoint)
                        {
                            self.error(
                                &node.id,
                                "service",
                                "endpoint.no_interface",
                                format!("{} has no interface endpoint", s.name),
                            );
                        }
                    }
                }
                if subnets.is_empty() {
                    self.error(
                        &node.id,
                        "subnets",
                        "endpoint.no_subnets",
                        "an interface endpoint needs at least one subnet".to_string(),
                    );
                }
                let mut zones: HashMap<&str, &str> = HashMap::new();
                for s in subnets {
                    match d.subnet(s) {
                        None => self.error(
                            &node.id,
                            "subnets",
                            "node.subnet_missing",
                            format!("lists subnet {}, which is not in the design", short(s)),
                        ),
                        Some(sub) if sub.vpc != *vpc => self.error(
                            &node.id,
                            "subnets",
                            "endpoint.subnet_other_vpc",
                            format!("subnet {} is in another VPC", self.label(s)),
                        ),
                        Some(sub) => {
                            if let Some(first) = zones.insert(&sub.availability_zone, &sub.id) {
                                let msg = format!(
                                    "subnets {} and {} are both in {}; an interface endpoint takes at most one subnet per Availability Zone",
                                    self.label(first),
                                    self.label(s),
                                    short(&sub.availability_zone)
                                );
                                self.error(&node.id, "subnets", "endpoint.az_twice", msg);
                            }
                        }
                    }
                }
                // §3: private DNS needs both enableDnsSupport and enableDnsHostnames.
                if *private_dns && vpc_ok {
                    if let Some(v) = d.vpc(vpc) {
                        if !(v.enable_dns_support && v.enable_dns_hostnames) {
                            self.error(&node.id, "private_dns", "endpoint.private_dns_needs_vpc_dns", format!("private DNS needs DNS resolution and DNS hostnames turned on in VPC {}", self.label(vpc)));
                        }
                    }
                }
            }
            NodeKind::Ec2 { .. }
            | NodeKind::Lambda { .. }
            | NodeKind::Eks { .. }
            | NodeKind::Rds { .. } => {}
            NodeKind::TransitGateway {
                attachments,
                route_tables,
            } => self.transit_gateway(node, attachments, route_tables),
            NodeKind::VpnGateway { vpc } => {
                if self.vpc_exists(node, vpc) {
                    let count = self
                        .counts
                        .vpn_gateways
                        .get(vpc.as_str())
                        .copied()
                        .unwrap_or(0);
                    if count > 1 {
                        self.error(&node.id, "vpc", "vgw.duplicate", format!("VPC {} has {count} virtual private gateways; a VPC can have only one attached", self.label(vpc)));
                    }
                }
            }
            NodeKind::VpcPeering {
                requester,
                accepter,
            } => self.peering(node, requester, accepter),
            NodeKind::EndpointService {
                vpc,
                subnets,
                port,
                targets,
                private_dns_name,
                ..
            } => self.endpoint_service(
                node,
                vpc,
                subnets,
                *port,
                targets,
                private_dns_name.as_deref(),
            ),
            // DNS parts are checked in dns::check.
            NodeKind::PrivateHostedZone { .. } | NodeKind::ResolverEndpoint { .. } => {}
            NodeKind::OnPremises { cidrs, vpn, .. } => {
                if cidrs.is_empty() {
                    self.error(&node.id, "cidrs", "onprem.cidr_missing", "an on-premises network needs at least one IPv4 CIDR block, e.g. 192.168.0.0/16".to_string());
                }
                for (i, c) in cidrs.iter().enumerate() {
                    match cidr::parse_v4(c) {
                        Err(e) => self.push(
                            Severity::Error,
                            &node.id,
                            "cidrs",
                            Some(i),
                            "onprem.cidr_invalid",
                            e.to_string(),
                        ),
                        Ok(net) => {
                            if let Some(v) = d.vpcs.iter().find(|v| {
                                self.vpc_blocks
                                    .get(v.id.as_str())
                                    .is_some_and(|bs| bs.iter().any(|b| cidr::overlaps(b, &net)))
                            }) {
                                self.push(Severity::Warning, &node.id, "cidrs", Some(i), "onprem.overlaps_vpc", format!("{net} overlaps VPC {}: traffic between them cannot be routed", self.label(&v.id)));
                            }
                        }
                    }
                }
                if let Some(gw) = vpn {
                    match d.node(gw).map(|n| &n.kind) {
                        Some(NodeKind::VpnGateway { .. } | NodeKind::TransitGateway { .. }) => {}
                        Some(other) => self.error(&node.id, "vpn", "onprem.vpn_target", format!("the VPN ends at {}; a Site-to-Site VPN ends at a virtual private gateway or a transit gateway", other.a_label())),
                        None => self.error(&node.id, "vpn", "onprem.vpn_missing", format!("the VPN ends at {}, which is not in the design", short(gw))),
                    }
                }
            }
        }
        self.node_security_groups(node);
    }

    /// Security groups a node names: only interfaces have them, and only their own VPC's.
    fn node_security_groups(&mut self, node: &Node) {
        let d = self.design;
        if node.security_groups.is_empty() {
            return;
        }
        if let NodeKind::EndpointService { .. } = node.kind {
            // Network load balancers can have security groups; the planner models them without.
            self.error(&node.id, "security_groups", "sg.not_applicable", "the planner models an endpoint service's network load balancer without security groups; its targets' groups decide what reaches them".to_string());
            return;
        }
        if !(node.kind.is_workload()
            || matches!(
                node.kind,
                NodeKind::InterfaceEndpoint { .. } | NodeKind::ResolverEndpoint { .. }
            ))
        {
            self.error(
                &node.id,
                "security_groups",
                "sg.not_applicable",
                format!(
                    "{} has no network interface of its own, so it takes no security group",
                    node.kind.a_label()
                ),
            );
            return;
        }
        let home = d.node_vpc(node);
        for g in &node.security_groups {
            match d.security_group(g) {
                None => self.error(
                    &node.id,
                    "security_groups",
                    "sg.missing",
                    format!(
                        "uses security group {}, which is not in the design",
                        short(g)
                    ),
                ),
                Some((v, _)) if Some(v.id.as_str()) != home => self.error(
                    &node.id,
                    "security_groups",
                    "sg.other_vpc",
                    format!("security group {} belongs to another VPC", self.label(g)),
                ),
                Some(_) => {}
            }
        }
    }

    /// §2 (P1): a peering joins two different VPCs whose CIDRs do not overlap, once per pair.
    fn peering(&mut self, node: &Node, requester: &str, accepter: &str) {
        let d = self.design;
        let ok = self.vpc_exists_field(node, requester, "requester")
            & self.vpc_exists_field(node, accepter, "accepter");
        if !ok {
            return;
        }
        if requester == accepter {
            self.error(
                &node.id,
                "accepter",
                "peering.same_vpc",
                "a peering connection joins two different VPCs".to_string(),
            );
            return;
        }
        let (a, b) = (
            self.vpc_blocks.get(requester).cloned().unwrap_or_default(),
            self.vpc_blocks.get(accepter).cloned().unwrap_or_default(),
        );
        if let Some((x, y)) = a
            .iter()
            .find_map(|x| b.iter().find(|y| cidr::overlaps(x, y)).map(|y| (*x, *y)))
        {
            self.error(&node.id, "accepter", "peering.overlap", format!("{x} of VPC {} overlaps {y} of VPC {}; AWS cannot peer VPCs with overlapping CIDR blocks", self.label(requester), self.label(accepter)));
        }
        let same_pair = |n: &&Node| match &n.kind {
            NodeKind::VpcPeering {
                requester: r,
                accepter: c,
            } => (r == requester && c == accepter) || (r == accepter && c == requester),
            _ => false,
        };
        if d.nodes.iter().filter(same_pair).count() > 1 {
            self.error(
                &node.id,
                "accepter",
                "peering.duplicate",
                format!(
                    "VPCs {} and {} are peered more than once; AWS allows one peering per pair",
                    self.label(requester),
                    self.label(accepter)
                ),
            );
        }
    }

    fn vpc_exists_field(&mut self, node: &Node, vpc: &str, field: &'static str) -> bool {
        if self.design.vpc(vpc).is_some() {
            return true;
        }
        self.error(
            &node.id,
            field,
            "node.vpc_missing",
            format!("joins VPC {}, which is not in the design", short(vpc)),
        );
        false
    }

    /// G1: attachments with one subnet per AZ; each attachment associated with one table.
    fn transit_gateway(
        &mut self,
        node: &Node,
        attachments: &[TgwAttachment],
        tables: &[TgwRouteTable],
    ) {
        let d = self.design;
        let mut attached: Vec<&str> = Vec::new();
        for (i, a) in attachments.iter().enumerate() {
            if d.vpc(&a.vpc).is_none() {
                self.push(
                    Severity::Error,
                    &node.id,
                    "attachments",
                    Some(i),
                    "tgw.vpc_missing",
                    format!("attaches VPC {}, which is not in the design", short(&a.vpc)),
                );
                continue;
            }
            if attached.contains(&a.vpc.as_str()) {
                self.push(
                    Severity::Error,
                    &node.id,
                    "attachments",
                    Some(i),
                    "tgw.attachment_twice",
                    format!("VPC {} is attached twice", self.label(&a.vpc)),
                );
            }
            attached.push(&a.vpc);
            if a.subnets.is_empty() {
                self.push(Severity::Error, &node.id, "attachments", Some(i), "tgw.no_subnets", format!("the attachment of VPC {} needs a subnet in each Availability Zone it serves", self.label(&a.vpc)));
            }
            let mut zones: HashMap<&str, &str> = HashMap::new();
            for s in &a.subnets {
                match d.subnet(s) {
                    None => self.push(
                        Severity::Error,
                        &node.id,
                        "attachments",
                        Some(i),
                        "node.subnet_missing",
                        format!("lists subnet {}, which is not in the design", short(s)),
                    ),
                    Some(sub) if sub.vpc != a.vpc => self.push(
                        Severity::Error,
                        &node.id,
                        "attachments",
                        Some(i),
                        "tgw.subnet_other_vpc",
                        format!(
                            "subnet {} is not in VPC {}",
                            self.label(s),
                            self.label(&a.vpc)
                        ),
                    ),
                    Some(sub) => {
                        if let Some(first) = zones.insert(&sub.availability_zone, &sub.id) {
                            let msg = format!(
                                "subnets {} and {} are both in {}; an attachment takes one subnet per Availability Zone",
                                self.label(first),
                                self.label(s),
                                short(&sub.availability_zone)
                            );
                            self.push(
                                Severity::Error,
                                &node.id,
                                "attachments",
                                Some(i),
                                "tgw.az_twice",
                                msg,
                            );
                        }
                    }
                }
            }
        }
        let vpn_ends: Vec<&str> = d
            .nodes
            .iter()
            .filter(
                |n| matches!(&n.kind, NodeKind::OnPremises { vpn: Some(v), .. } if *v == node.id),
            )
            .map(|n| n.id.as_str())
            .collect();
        let is_attachment = |id: &str| attached.contains(&id) || vpn_ends.contains(&id);
        let mut associated: HashMap<&str, usize> = HashMap::new();
        for (t, table) in tables.iter().enumerate() {
            for a in table.associations.iter().chain(&table.propagations) {
                if !is_attachment(a) {
                    self.push(Severity::Error, &node.id, "route_tables", Some(t), "tgw.attachment_missing", format!("route table {} names {}, which is not attached to this transit gateway", short(&table.name), self.label(a)));
                }
            }
            for a in &table.associations {
                if let Some(first) = associated.insert(a, t) {
                    if first != t {
                        self.push(Severity::Error, &node.id, "route_tables", Some(t), "tgw.associated_twice", format!("{} is associated with two route tables; an attachment is associated with exactly one", self.label(a)));
                    }
                }
            }
            for r in &table.routes {
                if let Err(e) = cidr::parse_v4(&r.destination) {
                    self.push(
                        Severity::Error,
                        &node.id,
                        "route_tables",
                        Some(t),
                        "tgw.route_invalid",
                        format!("route table {}: {e}", short(&table.name)),
                    );
                }
                if let Some(a) = &r.attachment {
                    if !is_attachment(a) {
                        self.push(Severity::Error, &node.id, "route_tables", Some(t), "tgw.attachment_missing", format!("a route of table {} goes to {}, which is not attached to this transit gateway", short(&table.name), self.label(a)));
                    }
                }
            }
        }
        if !tables.is_empty() {
            for a in attached.iter().copied().chain(vpn_ends.iter().copied()) {
                if !associated.contains_key(a) {
                    self.warn(&node.id, "route_tables", "tgw.not_associated", format!("{} is associated with no route table, so the transit gateway drops its traffic", self.label(a)));
                }
            }
        }
    }

    /// An endpoint service and its network load balancer (aws-networking.md §3 E8, §6 T6 and
    /// T16): the load balancer's subnets are in the service's VPC, one per AZ; its targets are
    /// workloads of that VPC; a private DNS name is a DNS name.
    fn endpoint_service(
        &mut self,
        node: &Node,
        vpc: &str,
        subnets: &[String],
        port: u16,
        targets: &[String],
        private_dns_name: Option<&str>,
    ) {
        let d = self.design;
        if !self.vpc_exists(node, vpc) {
            return;
        }
        if subnets.is_empty() {
            self.error(
                &node.id,
                "subnets",
                "endpoint_service.no_subnets",
                "the network load balancer needs a subnet in each Availability Zone it serves"
                    .to_string(),
            );
        }
        let mut zones: HashMap<&str, &str> = HashMap::new();
        for s in subnets {
            match d.subnet(s) {
                None => self.error(&node.id, "subnets", "node.subnet_missing", format!("lists subnet {}, which is not in the design", short(s))),
                Some(sub) if sub.vpc != vpc => self.error(&node.id, "subnets", "endpoint_service.subnet_other_vpc", format!("subnet {} is not in VPC {}; the load balancer sits in the service's own VPC", self.label(s), self.label(vpc))),
                Some(sub) => {
                    if let Some(first) = zones.insert(&sub.availability_zone, &sub.id) {
                        let msg = format!("subnets {} and {} are both in {}; a load balancer takes one subnet per Availability Zone", self.label(first), self.label(s), short(&sub.availability_zone));
                        self.error(&node.id, "subnets", "endpoint_service.az_twice", msg);
                    }
                }
            }
        }
        if port == 0 {
            self.error(
                &node.id,
                "port",
                "endpoint_service.port_invalid",
                "a load balancer listens on a port from 1 to 65535".to_string(),
            );
        }
        if targets.is_empty() {
            self.warn(&node.id, "targets", "endpoint_service.no_targets", "the load balancer has no targets, so every connection through the service fails; add the workloads that serve it".to_string());
        }
        let mut target_zones: HashSet<&str> = HashSet::new();
        for t in targets {
            match d.node(t) {
                None => self.error(&node.id, "targets", "endpoint_service.target_missing", format!("target {} is not in the design", short(t))),
                Some(n) if !n.kind.is_workload() => self.error(&node.id, "targets", "endpoint_service.target_not_workload", format!("target {} is {}; targets are workloads (EC2, Lambda, EKS or RDS)", self.label(t), n.kind.a_label())),
                Some(n) if d.node_vpc(n) != Some(vpc) => self.error(&node.id, "targets", "endpoint_service.target_other_vpc", format!("target {} is not in VPC {}; the planner registers targets of the service's own VPC", self.label(t), self.label(vpc))),
                Some(n) => {
                    if let Some(sub) = n.kind.home_subnet().and_then(|s| d.subnet(s)) {
                        target_zones.insert(&sub.availability_zone);
                    }
                }
            }
        }
        // Cross-zone load balancing is off by default on a network load balancer (§6, T16): a
        // zone of the load balancer without a target of its own can't serve its connections.
        if !target_zones.is_empty() {
            let mut empty: Vec<&str> = zones
                .keys()
                .copied()
                .filter(|z| !target_zones.contains(z))
                .collect();
            crate::model::sort::sort(&mut empty);
            if !empty.is_empty() {
                let msg = format!(
                    "no target in {}: with cross-zone load balancing off (the network load balancer's default), connections the load balancer receives there fail; add a target there or drop the subnet",
                    empty.join(", ")
                );
                self.warn(
                    &node.id,
                    "targets",
                    "endpoint_service.zone_without_target",
                    msg,
                );
            }
        }
        if let Some(name) = private_dns_name {
            if let Err(e) = super::dns::names::normalise(name) {
                self.error(
                    &node.id,
                    "private_dns_name",
                    "endpoint_service.private_dns_name_invalid",
                    e,
                );
            }
        }
    }

    /// An interface endpoint to an endpoint service of the design (aws-networking.md §3, E4 E5
    /// E8): it names the service and nothing else, and its subnets are in Availability Zones
    /// where the service's load balancer has a subnet. AWS refuses an endpoint subnet in a zone
    /// the service is not available in ("The VPC endpoint service … does not support the
    /// Availability Zone of the subnet", AWS knowledge center "interface-endpoint-availability-zone";
    /// consumers see only the zones they share with the provider, PrivateLink guide "Create a
    /// service powered by AWS PrivateLink").
    fn privatelink_endpoint(
        &mut self,
        node: &Node,
        service: &str,
        svc: &str,
        subnets: &[String],
        private_dns: bool,
    ) {
        let d = self.design;
        if !service.is_empty() {
            self.error(&node.id, "service", "endpoint.two_services", format!("names both AWS service \"{}\" and endpoint service {}; an endpoint connects to one service", short(service), self.label(svc)));
        }
        let Some(target) = d.node(svc) else {
            self.error(
                &node.id,
                "endpoint_service",
                "endpoint.endpoint_service_missing",
                format!(
                    "connects to endpoint service {}, which is not in the design",
                    short(svc)
                ),
            );
            return;
        };
        let NodeKind::EndpointService {
            subnets: lb_subnets,
            private_dns_name,
            ..
        } = &target.kind
        else {
            self.error(
                &node.id,
                "endpoint_service",
                "endpoint.endpoint_service_kind",
                format!(
                    "connects to {} {}, which is not an endpoint service",
                    target.kind.a_label(),
                    self.label(svc)
                ),
            );
            return;
        };
        let mut offered: Vec<&str> = lb_subnets
            .iter()
            .filter_map(|s| d.subnet(s))
            .map(|s| s.availability_zone.as_str())
            .collect();
        crate::model::sort::sort(&mut offered);
        offered.dedup();
        for s in subnets.iter().filter_map(|s| d.subnet(s)) {
            if !offered.contains(&s.availability_zone.as_str()) {
                let where_ = if offered.is_empty() {
                    "in no Availability Zone yet".to_string()
                } else {
                    format!("only in {}", offered.join(", "))
                };
                let msg = format!(
                    "subnet {} is in {}, but endpoint service {} is available {where_} (where its load balancer has subnets); AWS refuses an endpoint subnet in a zone the service doesn't serve",
                    self.label(&s.id),
                    short(&s.availability_zone),
                    self.label(svc)
                );
                self.error(&node.id, "subnets", "endpoint.service_zone_mismatch", msg);
            }
        }
        if private_dns && private_dns_name.is_none() {
            self.warn(&node.id, "private_dns", "endpoint.private_dns_without_name", format!("private DNS is on, but endpoint service {} has no private DNS name: only the endpoint-specific vpce- names resolve", self.label(svc)));
        }
    }

    /// The catalogue entry of a node's service, or a problem saying it is unknown.
    fn known_service(&mut self, node: &Node, key: &str) -> Option<&'static catalog::Service> {
        let found = catalog::service(key);
        if found.is_none() {
            self.error(
                &node.id,
                "service",
                "service.unknown",
                format!(
                    "\"{}\" is not an AWS service this planner knows",
                    short(key)
                ),
            );
        }
        found
    }

    fn vpc_exists(&mut self, node: &Node, vpc: &str) -> bool {
        if self.design.vpc(vpc).is_some() {
            return true;
        }
        self.error(
            &node.id,
            "vpc",
            "node.vpc_missing",
            format!("belongs to VPC {}, which is not in the design", short(vpc)),
        );
        false
    }

    /// §2: a public NAT gateway sits in a public subnet, one whose table routes to an internet gateway.
    fn public_nat_subnet(&mut self, node: &Node, subnet_id: &str) {
        let d = self.design;
        let Some(subnet) = d.subnet(subnet_id) else {
            return;
        };
        if !super::routing::is_public(d, subnet) {
            let msg = format!(
                "a public NAT gateway must sit in a public subnet, but subnet {} has no route to an internet gateway",
                self.label(subnet_id)
            );
            self.error(&node.id, "subnet", "nat.private_subnet", msg);
        }
    }

    fn endpoint_uniqueness(&mut self) {
        let d = self.design;
        // §2: one gateway endpoint per service per route table.
        let mut per_table: HashMap<(&str, &str), &str> = HashMap::new();
        // §3 / PrivateLink guide: one private-DNS endpoint per service per VPC.
        let mut private_dns: HashMap<(&str, &str), &str> = HashMap::new();
        for node in &d.nodes {
            match &node.kind {
                NodeKind::GatewayEndpoint {
                    service,
                    route_tables,
                    ..
                } => {
                    for rt in route_tables {
                        if let Some(first) = per_table.insert((rt, service), &node.id) {
                            let msg = format!(
                                "route table {} already has a gateway endpoint for {} ({}); a table takes one per service",
                                self.label(rt),
                                service_name(service),
                                self.label(first)
                            );
                            self.error(
                                &node.id,
                                "route_tables",
                                "endpoint.table_service_twice",
                                msg,
                            );
                        }
                    }
                }
                NodeKind::InterfaceEndpoint {
                    vpc,
                    service,
                    endpoint_service,
                    private_dns: true,
                    ..
                } => {
                    // An endpoint to an endpoint service is keyed by that service's id.
                    let key = endpoint_service.as_deref().unwrap_or(service);
                    if let Some(first) = private_dns.insert((vpc, key), &node.id) {
                        let msg = format!(
                            "interface endpoint {} already provides private DNS for {} in this VPC; only one endpoint per service can",
                            self.label(first),
                            if endpoint_service.is_some() {
                                self.label(key)
                            } else {
                                service_name(service)
                            }
                        );
                        self.error(&node.id, "private_dns", "endpoint.private_dns_twice", msg);
                    }
                }
                _ => {}
            }
        }
    }

    fn flows(&mut self) {
        let d = self.design;
        for flow in &d.flows {
            match d.node(&flow.from) {
                None => self.error(&flow.id, "from", "flow.from_missing", format!("starts at {}, which is not in the design", short(&flow.from))),
                Some(n) if !n.kind.is_flow_source() => self.error(&flow.id, "from", "flow.from_not_workload", format!("starts at {} {}; flows start at a workload (EC2, Lambda, EKS or RDS) or an on-premises network", n.kind.label(), self.label(&n.id))),
                Some(_) => {}
            }
            if let FlowTarget::Node(to) = &flow.to {
                match d.node(to) {
                    None => self.error(&flow.id, "to", "flow.to_missing", format!("goes to {}, which is not in the design", short(to))),
                    Some(_) if *to == flow.from => self.error(&flow.id, "to", "flow.to_self", "a flow must go to another node".to_string()),
                    Some(n) if !n.kind.is_flow_destination() => self.error(&flow.id, "to", "flow.to_not_destination", format!("goes to {} {}; a flow goes to a workload, an AWS service, an interface endpoint, an on-premises network or the internet, and routing decides which gateway or endpoint it passes", n.kind.a_label(), self.label(&n.id))),
                    Some(_) => {}
                }
            }
            if !flow.gb_per_month.is_finite() || flow.gb_per_month < 0.0 {
                self.error(
                    &flow.id,
                    "gb_per_month",
                    "flow.volume_invalid",
                    "the monthly volume must be a number of GB, 0 or more".to_string(),
                );
            } else if flow.gb_per_month > MAX_VOLUME_GB {
                self.error(&flow.id, "gb_per_month", "flow.volume_too_large", "the monthly volume is over 1,000,000,000 GB (an exabyte); the planner works up to that".to_string());
            }
        }
    }
}

/// Whether a peering connection joins two VPCs.
/// The pairs `(i, j)`, `i < j`, of lists in `blocks` with a block of one overlapping a block of
/// the other, in that order. Blocks sorted by first address are swept once, keeping those not
/// yet ended: every pair of VPCs compared each block was quadratic in the VPCs (2% of an
/// analysis at 5,000 resources, 200 VPCs, and growing).
fn overlapping_pairs(blocks: &[Vec<Ipv4Net>]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(u32, u32, usize)> = Vec::new();
    for (i, list) in blocks.iter().enumerate() {
        for n in list {
            spans.push((u32::from(n.network()), u32::from(n.broadcast()), i));
        }
    }
    crate::model::sort::sort(&mut spans);
    let mut open: Vec<(u32, usize)> = Vec::new();
    let mut pairs = Vec::new();
    for (first, last, i) in spans {
        open.retain(|&(end, _)| end >= first);
        for &(_, j) in &open {
            if j != i {
                pairs.push((i.min(j), i.max(j)));
            }
        }
        open.push((last, i));
    }
    crate::model::sort::sort(&mut pairs);
    pairs.dedup();
    pairs
}

fn peered(d: &Design, a: &str, b: &str) -> bool {
    d.nodes.iter().any(|n| match &n.kind {
        NodeKind::VpcPeering {
            requester,
            accepter,
        } => (requester == a && accepter == b) || (requester == b && accepter == a),
        _ => false,
    })
}

fn ports_problem(protocol: Protocol, from: u16, to: u16) -> Option<String> {
    match protocol {
        Protocol::Tcp | Protocol::Udp if from > to => {
            Some(format!("the port range {from}-{to} is reversed"))
        }
        _ => None,
    }
}

fn acl_rule_problem(rule: &AclRule) -> Option<String> {
    if !(1..=32766).contains(&rule.number) {
        return Some("rule numbers run from 1 to 32766".to_string());
    }
    ports_problem(rule.protocol, rule.from_port, rule.to_port)
        .or_else(|| cidr::parse_v4(&rule.cidr).err().map(|e| e.to_string()))
}

/// Why AWS refuses `secondary` as an extra block of a VPC whose primary block is `primary`
/// (aws-networking.md §1, "Restrictions on secondary CIDRs").
fn secondary_block_refusal(primary: &Ipv4Net, secondary: &Ipv4Net) -> Option<String> {
    let shared_space: Ipv4Net = "100.64.0.0/10".parse().ok()?;
    let benchmark: Ipv4Net = "198.19.0.0/16".parse().ok()?;
    let secondary_range = cidr::rfc1918_range(secondary);
    match cidr::rfc1918_range(primary) {
        Some(primary_range) => {
            if let Some(r) = secondary_range {
                if r != primary_range {
                    return Some(format!(
                        "{secondary} is in {r}, but the primary block {primary} is in {primary_range}; AWS refuses a second RFC 1918 range"
                    ));
                }
            }
            if benchmark.contains(secondary) {
                return Some(format!(
                    "{secondary} is in 198.19.0.0/16, which a VPC with an RFC 1918 primary block cannot take"
                ));
            }
            let ten_15: Ipv4Net = "10.0.0.0/15".parse().ok()?;
            let ten_16: Ipv4Net = "10.0.0.0/16".parse().ok()?;
            if ten_15.contains(primary) && ten_16.contains(secondary) {
                return Some(format!(
                    "a VPC whose primary block is in 10.0.0.0/15 cannot take {secondary} (inside 10.0.0.0/16)"
                ));
            }
            let one72: Ipv4Net = "172.16.0.0/12".parse().ok()?;
            let one72_31: Ipv4Net = "172.31.0.0/16".parse().ok()?;
            if one72.contains(primary) && one72_31.contains(secondary) {
                return Some(format!(
                    "a VPC whose primary block is in 172.16.0.0/12 cannot take {secondary} (inside 172.31.0.0/16)"
                ));
            }
            None
        }
        None if secondary_range.is_some() => {
            let kind = if shared_space.contains(primary) {
                "in 100.64.0.0/10"
            } else {
                "a public range"
            };
            Some(format!(
                "the primary block {primary} is {kind}, so the VPC cannot take the RFC 1918 block {secondary}"
            ))
        }
        None => None,
    }
}

fn service_name(key: &str) -> String {
    catalog::service(key)
        .map(|s| s.name.to_string())
        .unwrap_or_else(|| short(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The sweep finds the pairs a comparison of every pair of lists finds. Blocks come
        /// from a few networks and lengths, so that they nest, repeat and touch.
        #[test]
        fn overlapping_pairs_are_those_of_every_pair_compared(
            lists in proptest::collection::vec(
                proptest::collection::vec((0usize..6, prop_oneof![Just(8u8), Just(16u8), Just(24u8), 0u8..=32]), 0..4),
                0..12,
            )
        ) {
            const BASES: [u32; 6] = [0x0A00_0000, 0x0A01_0000, 0x0A01_0100, 0x0A02_0000, 0xC0A8_0000, 0xFFFF_FFFF];
            let blocks: Vec<Vec<Ipv4Net>> = lists
                .iter()
                .map(|l| l.iter().map(|&(b, len)| Ipv4Net::new(BASES[b].into(), len).unwrap().trunc()).collect())
                .collect();
            let mut every = Vec::new();
            for i in 0..blocks.len() {
                for j in i + 1..blocks.len() {
                    if blocks[i].iter().any(|x| blocks[j].iter().any(|y| cidr::overlaps(x, y))) {
                        every.push((i, j));
                    }
                }
            }
            prop_assert_eq!(overlapping_pairs(&blocks), every);
        }
    }
}
