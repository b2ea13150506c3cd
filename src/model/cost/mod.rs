//! Cost: what the design costs a month, per resource and per flow along its traced path, with
//! the formula and the price behind every line, and advice that saves money (`advice`).
//!
//! Prices come from the catalogue (`prices.json`, sources cited there; aws-networking.md §5).
//! A month is the catalogue's 730 hours; a flow's volume is what its source sends in a month
//! (replies are not counted: give the larger direction as the flow). The formulas:
//! - NAT gateway: hours × hourly price, plus its Elastic IP as a public IPv4 address (AWS
//!   charges every Amazon-owned public IPv4 address since 1 Feb 2024, the NAT gateway's
//!   included: the reading chosen where sources disagree, aws-networking.md §5 ⚠); every GB a
//!   flow sends through it × the per-GB processing price.
//! - Interface endpoint: one network interface per Availability Zone × hours × the per-AZ-hour
//!   price; every GB it receives × the processing price, tiered on the Region's monthly total
//!   across all interface endpoints (each flow pays the average rate of that total).
//! - Gateway endpoint: free.
//! - Endpoint service (PrivateLink provider side): the provider pays no PrivateLink fee
//!   (aws-networking.md §5, $8), only its network load balancer: hours × the NLB hourly price,
//!   plus NLCU-hours × the NLCU price. An NLCU of TCP traffic is 1 GB processed an hour (or
//!   800 new connections a second, or 100,000 active connections, whichever is highest; ELB
//!   pricing page, not in aws-networking.md ⚠). The planner knows volumes only, so it
//!   assumes bytes are the highest dimension: every GB a flow sends through the load balancer
//!   is one NLCU-hour, spread over the month. Consumers pay their interface endpoint, as for
//!   an AWS service.
//! - Transit gateway: each attachment (VPC, or a VPN ending at it) × hours × price; every GB a
//!   flow sends into it × the processing price (once per transit gateway it passes).
//! - Site-to-Site VPN: each connection × hours × price. Data sent from a VPC to on-premises over
//!   it is data transfer out, at the internet egress rates.
//! - Route 53 Resolver endpoint: each network interface × hours × price (queries are not
//!   counted: the planner has no query volumes).
//! - Public IPv4: a workload that reaches the internet without a NAT gateway has one.
//! - Crossing Availability Zones: $ per GB in each direction, so each crossing of a flow's path
//!   costs volume × price × 2 (out of one zone, into the other; aws-networking.md §5).
//! - Another Region: a flow to a service in another Region pays the inter-Region price per GB.
//! - Internet egress: volume × the tiered egress price on the Region's monthly total, after the
//!   100 GB a month AWS gives free (each flow pays the average rate).
//! - Traffic to an AWS service's public endpoint in the same Region, and data into AWS, are free.
//!   A dropped flow costs nothing: its traffic never arrives.
//!
//! Not modelled: load balancers other than endpoint services' NLBs, Gateway Load Balancer
//! endpoints (no such parts in a design yet), NLCUs from connection counts, DNS query charges,
//! IPv6.

pub mod advice;
pub mod prices;

use super::design::{Design, FlowTarget, Id, NatConnectivity, NodeKind};
use super::hash::{HashMap, HashMapExt};
use super::routing::{self, Trace, Verdict};
use super::text::{clip, name_of_id, name_or_id};
use prices::{Price, RegionPrices, Tiered};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    NatGateway,
    InterfaceEndpoint,
    LoadBalancer,
    GatewayEndpoint,
    TransitGateway,
    Vpn,
    ResolverEndpoint,
    PublicIpv4,
    CrossAz,
    InterRegion,
    InternetEgress,
}

impl Category {
    pub fn label(self) -> &'static str {
        match self {
            Category::NatGateway => "NAT gateways",
            Category::InterfaceEndpoint => "Interface endpoints",
            Category::LoadBalancer => "Network load balancers",
            Category::GatewayEndpoint => "Gateway endpoints",
            Category::TransitGateway => "Transit gateways",
            Category::Vpn => "Site-to-Site VPN",
            Category::ResolverEndpoint => "Resolver endpoints",
            Category::PublicIpv4 => "Public IPv4 addresses",
            Category::CrossAz => "Between Availability Zones",
            Category::InterRegion => "To other Regions",
            Category::InternetEgress => "Data transfer out",
        }
    }
}

/// Each flow's monthly cost (`Estimate::flow_totals`): a position per flow id, in the map type
/// the model already uses elsewhere (no new map code in the browser's bundle), and the sums.
#[derive(Default)]
pub struct FlowTotals<'a> {
    at: HashMap<&'a str, usize>,
    sums: Vec<f64>,
}

impl FlowTotals<'_> {
    /// The flow's monthly cost; 0 for a flow with no charge.
    pub fn of(&self, flow: &str) -> f64 {
        self.at
            .get(flow)
            .and_then(|&i| self.sums.get(i))
            .copied()
            .unwrap_or(0.0)
    }
}

/// One charge.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub category: Category,
    /// The resource billed (or the design item the charge is about).
    pub resource: Option<Id>,
    /// The flow whose traffic is charged, for per-GB lines.
    pub flow: Option<Id>,
    pub what: String,
    pub quantity: f64,
    pub unit: &'static str,
    /// USD per unit (the average rate, for tiered prices).
    pub rate: f64,
    pub monthly: f64,
    /// How the amount is worked out; `formula()` puts it in words and numbers.
    pub basis: Basis,
    /// The catalogue's source key of the price.
    pub source: Option<&'static str>,
}

/// How a line's amount is worked out from its quantity and rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Basis {
    /// The quantity in its unit times the price per unit.
    PerUnit,
    /// GB at the average rate of a tiered price on the Region's `total` GB this month, the
    /// first `free` of them free.
    Tiered { total: f64, free: f64 },
    /// No charge at all (gateway endpoints).
    Free,
}

impl Line {
    /// How the amount is computed, in words and numbers. Written when shown, not with every
    /// estimate: an analysis at 1,000 resources has ~700 lines and most are never read.
    pub fn formula(&self) -> String {
        match self.basis {
            Basis::PerUnit => format!(
                "{} {} × {}/{}",
                number(self.quantity),
                self.unit,
                usd_rate(self.rate),
                singular(self.unit)
            ),
            Basis::Tiered { total, free } => {
                let free_text = if free > 0.0 {
                    format!(", the first {} GB free", number(free))
                } else {
                    String::new()
                };
                format!(
                    "{} GB × {}/GB (average of the tiered price on the Region's {} GB this month{free_text})",
                    number(self.quantity),
                    usd_rate(self.rate),
                    number(total)
                )
            }
            Basis::Free => "free: gateway endpoints have no hourly or per-GB charge".into(),
        }
    }
}

/// The line as the CLI's JSON has always shown it: with its formula in words.
impl Serialize for Line {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Line", 10)?;
        s.serialize_field("category", &self.category)?;
        if let Some(resource) = &self.resource {
            s.serialize_field("resource", resource)?;
        }
        if let Some(flow) = &self.flow {
            s.serialize_field("flow", flow)?;
        }
        s.serialize_field("what", &self.what)?;
        s.serialize_field("quantity", &self.quantity)?;
        s.serialize_field("unit", self.unit)?;
        s.serialize_field("rate", &self.rate)?;
        s.serialize_field("monthly", &self.monthly)?;
        s.serialize_field("formula", &self.formula())?;
        if let Some(source) = &self.source {
            s.serialize_field("source", source)?;
        }
        s.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    pub region: String,
    pub hours_per_month: f64,
    pub total: f64,
    pub lines: Vec<Line>,
    /// Prices the catalogue lacks for charges this design has, in words.
    pub missing: Vec<String>,
}

impl Estimate {
    /// The total of each category that has charges, largest first.
    pub fn by_category(&self) -> Vec<(Category, f64)> {
        let mut out: Vec<(Category, f64)> = Vec::new();
        for l in &self.lines {
            match out.iter_mut().find(|(c, _)| *c == l.category) {
                Some((_, sum)) => *sum += l.monthly,
                None => out.push((l.category, l.monthly)),
            }
        }
        crate::model::sort::sort_by(&mut out, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The total of each resource, largest first (per-GB charges count for the resource they
    /// pass: the NAT gateway, the endpoint, the transit gateway).
    pub fn by_resource(&self) -> Vec<(Id, f64)> {
        let mut out: Vec<(Id, f64)> = Vec::new();
        for l in &self.lines {
            let Some(r) = &l.resource else { continue };
            match out.iter_mut().find(|(id, _)| id == r) {
                Some((_, sum)) => *sum += l.monthly,
                None => out.push((r.clone(), l.monthly)),
            }
        }
        crate::model::sort::sort_by(&mut out, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// What one flow's traffic costs a month.
    pub fn flow_total(&self, flow: &str) -> f64 {
        self.flow_totals().of(flow)
    }

    /// What each flow's traffic costs a month, summed in one pass over the lines (asking
    /// `flow_total` for every flow reads every line for each: 3 ms at 2,000 resources).
    pub fn flow_totals(&self) -> FlowTotals<'_> {
        let mut totals = FlowTotals {
            at: HashMap::new(),
            sums: Vec::new(),
        };
        for line in &self.lines {
            let Some(flow) = &line.flow else { continue };
            match totals.at.get(flow.as_str()) {
                Some(&i) => {
                    if let Some(sum) = totals.sums.get_mut(i) {
                        *sum += line.monthly;
                    }
                }
                None => {
                    totals.at.insert(flow.as_str(), totals.sums.len());
                    totals.sums.push(line.monthly);
                }
            }
        }
        totals
    }

    /// The lines of one flow.
    pub fn flow_lines<'a>(&'a self, flow: &'a str) -> impl Iterator<Item = &'a Line> + 'a {
        self.lines
            .iter()
            .filter(move |l| l.flow.as_deref() == Some(flow))
    }
}

/// The monthly estimate of the design, tracing every flow.
pub fn estimate(design: &Design) -> Estimate {
    estimate_with(design, &routing::trace_all(design))
}

/// The estimate from traces already computed (the browser has them).
pub fn estimate_with(design: &Design, traces: &[Trace]) -> Estimate {
    let catalogue = prices::catalogue();
    let hours = catalogue.hours_per_month;
    let mut b = Builder {
        d: design,
        hours,
        lines: Vec::new(),
        missing: Vec::new(),
    };
    let Some(p) = catalogue.regions.get(&design.region) else {
        b.missing.push(format!(
            "the price catalogue has no prices for {}",
            clip(&design.region)
        ));
        return b.finish(design);
    };
    b.hourly(p);
    b.per_gb(p, traces);
    b.finish(design)
}

struct Builder<'a> {
    d: &'a Design,
    hours: f64,
    lines: Vec<Line>,
    missing: Vec<String>,
}

impl Builder<'_> {
    fn finish(mut self, design: &Design) -> Estimate {
        crate::model::sort::sort(&mut self.missing);
        self.missing.dedup();
        let total = self.lines.iter().map(|l| l.monthly).sum();
        Estimate {
            region: design.region.clone(),
            hours_per_month: self.hours,
            total,
            lines: self.lines,
            missing: self.missing,
        }
    }

    /// A line of `quantity` units at `price`, or a note that the price is unknown.
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        category: Category,
        resource: Option<&str>,
        flow: Option<&str>,
        what: String,
        quantity: f64,
        unit: &'static str,
        price: &Price,
        price_name: &str,
    ) {
        let Some(rate) = price.usd else {
            self.missing
                .push(format!("{price_name} in {}", self.d.region));
            return;
        };
        self.lines.push(Line {
            category,
            resource: resource.map(str::to_string),
            flow: flow.map(str::to_string),
            what,
            quantity,
            unit,
            rate,
            monthly: quantity * rate,
            basis: Basis::PerUnit,
            source: price.source,
        });
    }

    fn hourly(&mut self, p: &RegionPrices) {
        let d = self.d;
        let h = self.hours;
        for n in &d.nodes {
            let name = name_or_id(&n.name, &n.id);
            match &n.kind {
                NodeKind::NatGateway { connectivity, .. } => {
                    self.add(
                        Category::NatGateway,
                        Some(&n.id),
                        None,
                        format!("NAT gateway {name}: hours"),
                        h,
                        "hours",
                        &p.nat_gateway_hour,
                        "the NAT gateway hourly price",
                    );
                    if *connectivity == NatConnectivity::Public {
                        self.add(
                            Category::PublicIpv4,
                            Some(&n.id),
                            None,
                            format!("NAT gateway {name}: its Elastic IP"),
                            h,
                            "hours",
                            &p.public_ipv4_hour,
                            "the public IPv4 hourly price",
                        );
                    }
                }
                NodeKind::InterfaceEndpoint { subnets, .. } => {
                    let mut zones: Vec<&str> = subnets
                        .iter()
                        .filter_map(|s| d.subnet(s))
                        .map(|s| s.availability_zone.as_str())
                        .collect();
                    crate::model::sort::sort(&mut zones);
                    zones.dedup();
                    let q = zones.len() as f64 * h;
                    self.add(
                        Category::InterfaceEndpoint,
                        Some(&n.id),
                        None,
                        format!("interface endpoint {name}: {} AZ × hours", zones.len()),
                        q,
                        "AZ-hours",
                        &p.interface_endpoint_az_hour,
                        "the interface endpoint price per AZ-hour",
                    );
                }
                NodeKind::EndpointService { .. } => {
                    self.add(
                        Category::LoadBalancer,
                        Some(&n.id),
                        None,
                        format!("endpoint service {name}: network load balancer hours"),
                        h,
                        "hours",
                        &p.nlb_hour,
                        "the network load balancer hourly price",
                    );
                }
                NodeKind::GatewayEndpoint { .. } => {
                    self.lines.push(Line {
                        category: Category::GatewayEndpoint,
                        resource: Some(n.id.clone()),
                        flow: None,
                        what: format!("gateway endpoint {name}"),
                        quantity: 0.0,
                        unit: "hours",
                        rate: 0.0,
                        monthly: 0.0,
                        basis: Basis::Free,
                        source: None,
                    });
                }
                NodeKind::TransitGateway { attachments, .. } => {
                    let vpn_ends = d.nodes.iter().filter(|o| matches!(&o.kind, NodeKind::OnPremises { vpn: Some(v), .. } if *v == n.id)).count();
                    let count = attachments.len() + vpn_ends;
                    self.add(
                        Category::TransitGateway,
                        Some(&n.id),
                        None,
                        format!("transit gateway {name}: {count} attachments × hours"),
                        count as f64 * h,
                        "attachment-hours",
                        &p.tgw_attachment_hour,
                        "the transit gateway attachment hourly price",
                    );
                }
                NodeKind::OnPremises { vpn: Some(_), .. } => {
                    self.add(
                        Category::Vpn,
                        Some(&n.id),
                        None,
                        format!("Site-to-Site VPN of {name}: hours"),
                        h,
                        "hours",
                        &p.vpn_connection_hour,
                        "the Site-to-Site VPN connection hourly price",
                    );
                }
                NodeKind::ResolverEndpoint { subnets, .. } => {
                    let q = subnets.len() as f64 * h;
                    self.add(
                        Category::ResolverEndpoint,
                        Some(&n.id),
                        None,
                        format!(
                            "Resolver endpoint {name}: {} interfaces × hours",
                            subnets.len()
                        ),
                        q,
                        "ENI-hours",
                        &p.resolver_eni_hour,
                        "the Resolver endpoint price per ENI-hour",
                    );
                }
                _ => {}
            }
        }
    }

    fn per_gb(&mut self, p: &RegionPrices, traces: &[Trace]) {
        let d = self.d;
        // Region-wide totals for the tiered prices, then each flow at the average rate.
        let mut endpoint_gb = 0.0;
        let mut egress_gb = 0.0;
        let mut facts = Vec::new();
        for t in traces {
            let Some(flow) = d.flow(&t.flow) else {
                continue;
            };
            if t.verdict.is_dropped() {
                continue;
            }
            let f = FlowFacts::of(d, flow, t);
            endpoint_gb += f.endpoints.len() as f64 * flow.gb_per_month;
            if f.egress {
                egress_gb += flow.gb_per_month;
            }
            facts.push((flow, f));
        }
        let endpoint_rate = average(&p.interface_endpoint_gb_tiers, endpoint_gb, 0.0);
        let egress_rate = average(&p.internet_egress_gb_tiers, egress_gb, FREE_EGRESS_GB);
        let mut public_ips: Vec<Id> = Vec::new();
        for (flow, f) in facts {
            let gb = flow.gb_per_month;
            let fid = Some(flow.id.as_str());
            let label = if flow.name.is_empty() {
                clip(&flow.id)
            } else {
                clip(&flow.name)
            };
            for nat in &f.nats {
                let what = format!(
                    "flow {label}: NAT gateway {} processing",
                    name_of_id(self.d, nat)
                );
                self.add(
                    Category::NatGateway,
                    Some(nat),
                    fid,
                    what,
                    gb,
                    "GB",
                    &p.nat_gateway_gb,
                    "the NAT gateway price per GB",
                );
            }
            for ep in &f.endpoints {
                let what = format!(
                    "flow {label}: interface endpoint {} processing",
                    name_of_id(self.d, ep)
                );
                self.tiered(
                    Category::InterfaceEndpoint,
                    Some(ep),
                    fid,
                    what,
                    gb,
                    endpoint_rate,
                    &p.interface_endpoint_gb_tiers,
                    endpoint_gb,
                    0.0,
                    "the interface endpoint price per GB",
                );
            }
            for svc in &f.services {
                let what = format!(
                    "flow {label}: network load balancer of endpoint service {}, 1 NLCU-hour per GB",
                    name_of_id(self.d, svc)
                );
                self.add(
                    Category::LoadBalancer,
                    Some(svc),
                    fid,
                    what,
                    gb * NLCU_HOURS_PER_GB,
                    "NLCU-hours",
                    &p.nlb_lcu_hour,
                    "the network load balancer price per NLCU-hour",
                );
            }
            for tgw in &f.tgws {
                let what = format!(
                    "flow {label}: transit gateway {} processing",
                    name_of_id(self.d, tgw)
                );
                self.add(
                    Category::TransitGateway,
                    Some(tgw),
                    fid,
                    what,
                    gb,
                    "GB",
                    &p.tgw_gb,
                    "the transit gateway price per GB",
                );
            }
            if f.crossings > 0 {
                let times = if f.crossings == 1 {
                    "once".to_string()
                } else {
                    format!("{} times", f.crossings)
                };
                let what =
                    format!("flow {label}: crosses Availability Zones {times}, billed out and in");
                self.add(
                    Category::CrossAz,
                    f.crossing_at.as_deref(),
                    fid,
                    what,
                    gb * 2.0 * f.crossings as f64,
                    "GB",
                    &p.cross_az_gb,
                    "the price per GB between Availability Zones",
                );
            }
            if let Some(other) = &f.other_region {
                let what = format!("flow {label}: to {other}");
                self.add(
                    Category::InterRegion,
                    None,
                    fid,
                    what,
                    gb,
                    "GB",
                    &p.inter_region_gb,
                    "the inter-Region price per GB",
                );
            }
            if f.egress {
                let what = format!("flow {label}: data transfer out of AWS");
                self.tiered(
                    Category::InternetEgress,
                    None,
                    fid,
                    what,
                    gb,
                    egress_rate,
                    &p.internet_egress_gb_tiers,
                    egress_gb,
                    FREE_EGRESS_GB,
                    "the data transfer out prices",
                );
            }
            if let Some(w) = f.public_ip.filter(|w| !public_ips.contains(w)) {
                let what = format!(
                    "{}: public IPv4 address for direct internet access",
                    name_of_id(self.d, &w)
                );
                self.add(
                    Category::PublicIpv4,
                    Some(&w),
                    None,
                    what,
                    self.hours,
                    "hours",
                    &p.public_ipv4_hour,
                    "the public IPv4 hourly price",
                );
                public_ips.push(w);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn tiered(
        &mut self,
        category: Category,
        resource: Option<&str>,
        flow: Option<&str>,
        what: String,
        gb: f64,
        rate: Option<f64>,
        tiers: &Tiered,
        total: f64,
        free: f64,
        price_name: &str,
    ) {
        let Some(rate) = rate else {
            self.missing
                .push(format!("{price_name} in {}", self.d.region));
            return;
        };
        self.lines.push(Line {
            category,
            resource: resource.map(str::to_string),
            flow: flow.map(str::to_string),
            what,
            quantity: gb,
            unit: "GB",
            rate,
            monthly: gb * rate,
            basis: Basis::Tiered { total, free },
            source: tiers.source,
        });
    }
}

/// NLCU-hours per GB through a network load balancer: an NLCU is 1 GB of TCP processed an hour,
/// so a month's GB are that many NLCU-hours when bytes are the highest dimension (module doc).
pub const NLCU_HOURS_PER_GB: f64 = 1.0;

/// Data transfer out that AWS gives free each month, across all Regions (aws-networking.md §5).
pub const FREE_EGRESS_GB: f64 = 100.0;

/// The average rate per GB of a tiered price on `total` GB, `free` GB of which cost nothing.
fn average(tiers: &Tiered, total: f64, free: f64) -> Option<f64> {
    if total <= 0.0 {
        return tiers.tiers.first().map(|(_, r)| *r);
    }
    tiers.charge((total - free).max(0.0)).map(|c| c / total)
}

/// What a flow's path passes, read from its trace.
struct FlowFacts {
    nats: Vec<Id>,
    endpoints: Vec<Id>,
    /// Endpoint services whose load balancer the flow passes.
    services: Vec<Id>,
    tgws: Vec<Id>,
    crossings: usize,
    /// Where the first zone crossing happens (the item to blame on the canvas).
    crossing_at: Option<Id>,
    other_region: Option<String>,
    egress: bool,
    /// A workload that reaches the internet straight through an internet gateway.
    public_ip: Option<Id>,
}

impl FlowFacts {
    fn of(d: &Design, flow: &super::design::Flow, t: &Trace) -> FlowFacts {
        let mut nats = Vec::new();
        let mut endpoints = Vec::new();
        let mut services = Vec::new();
        let mut tgws = Vec::new();
        for h in &t.hops {
            let Some(n) = d.node(&h.at) else { continue };
            match &n.kind {
                NodeKind::NatGateway { .. } if !nats.contains(&n.id) => nats.push(n.id.clone()),
                NodeKind::InterfaceEndpoint { .. }
                    if n.id != flow.from && !endpoints.contains(&n.id) =>
                {
                    endpoints.push(n.id.clone())
                }
                NodeKind::EndpointService { .. } if !services.contains(&n.id) => {
                    services.push(n.id.clone())
                }
                // One charge per pass: the hop where its route table decides.
                NodeKind::TransitGateway { .. } if h.route.is_some() => tgws.push(n.id.clone()),
                _ => {}
            }
        }
        let target = match &flow.to {
            FlowTarget::Node(id) => d.node(id),
            FlowTarget::Internet => None,
        };
        let from_vpc = d
            .node(&flow.from)
            .is_some_and(|n| !matches!(n.kind, NodeKind::OnPremises { .. }));
        let other_region = match target.map(|n| &n.kind) {
            Some(NodeKind::AwsService {
                region: Some(r), ..
            }) if *r != d.region => Some(r.clone()),
            _ => None,
        };
        let egress = from_vpc
            && other_region.is_none()
            && match (&t.verdict, target.map(|n| &n.kind)) {
                (Verdict::Internet { .. }, None) => true,
                // To on-premises over a VPN: data transfer out.
                (Verdict::Private, Some(NodeKind::OnPremises { .. })) => true,
                _ => false,
            };
        let public_ip = match &t.verdict {
            Verdict::Internet { nat: None, .. } if from_vpc => Some(flow.from.clone()),
            _ => None,
        };
        let crossing_at = t
            .hops
            .iter()
            .find(|h| {
                d.subnet(&h.at)
                    .is_some_and(|s| t.zones.first().is_some_and(|z| *z != s.availability_zone))
            })
            .map(|h| h.at.clone());
        FlowFacts {
            nats,
            endpoints,
            services,
            tgws,
            crossings: t.zone_crossings(),
            crossing_at,
            other_region,
            egress,
            public_ip,
        }
    }
}

/// USD to the cent, with thousands separators: `$1,234.56`. Integer arithmetic keeps float
/// formatting out of the browser bundle.
pub fn usd(amount: f64) -> String {
    let cents = (amount * 100.0).round();
    if !cents.is_finite() {
        return "$?".into();
    }
    let negative = cents < 0.0;
    let cents = cents.abs() as u64;
    format!(
        "{}${}.{:02}",
        if negative { "-" } else { "" },
        thousands(cents / 100),
        cents % 100
    )
}

/// A unit price with the digits it has, up to a millionth of a dollar: `$0.045`.
pub fn usd_rate(rate: f64) -> String {
    let micro = (rate * 1e6).round();
    if !micro.is_finite() || micro < 0.0 {
        return "$?".into();
    }
    let micro = micro as u64;
    let frac = format!("{:06}", micro % 1_000_000);
    let frac = frac.trim_end_matches('0');
    let frac = if frac.len() < 2 {
        format!("{frac:0<2}")
    } else {
        frac.to_string()
    };
    format!("${}.{frac}", thousands(micro / 1_000_000))
}

/// A quantity: whole numbers with separators, else up to three decimals.
pub fn number(q: f64) -> String {
    let milli = (q * 1000.0).round();
    if !milli.is_finite() || milli < 0.0 {
        return "?".into();
    }
    let milli = milli as u64;
    let frac = milli % 1000;
    if frac == 0 {
        thousands(milli / 1000)
    } else {
        format!(
            "{}.{}",
            thousands(milli / 1000),
            format!("{frac:03}").trim_end_matches('0')
        )
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn singular(unit: &str) -> &str {
    match unit {
        "hours" => "hour",
        "AZ-hours" => "AZ-hour",
        "ENI-hours" => "ENI-hour",
        "attachment-hours" => "attachment-hour",
        "NLCU-hours" => "NLCU-hour",
        other => other,
    }
}
