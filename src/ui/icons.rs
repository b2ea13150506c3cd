//! Icons: a coloured tile with a short label, in the AWS Architecture Icons' category colours,
//! so an EC2 instance, a NAT gateway and S3 are told apart at a glance.

use crate::markup::Markup;
use crate::model::catalog::{self, Category};
use crate::model::design::{NodeKind, ResolverDirection};
use crate::model::palette::Entry;
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    pub colour: &'static str,
    pub text: &'static str,
    /// A white pictogram above the text, for kinds whose three letters alone are easily confused.
    pub mark: Mark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    None,
    /// A hub with spokes: a transit gateway.
    Hub,
    /// Two linked rings: a peering connection.
    Link,
    /// A building: an on-premises network.
    Building,
    /// A padlock: a virtual private gateway (the VPN's end).
    Lock,
    /// One line fanning out to three: a load balancer (an endpoint service's NLB).
    Fan,
}

const fn glyph(colour: &'static str, text: &'static str) -> Glyph {
    Glyph {
        colour,
        text,
        mark: Mark::None,
    }
}

const fn marked(colour: &'static str, text: &'static str, mark: Mark) -> Glyph {
    Glyph { colour, text, mark }
}

const COMPUTE: &str = "#ED7100";
const NETWORK: &str = "#8C4FFF";
const STORAGE: &str = "#7AA116";
const DATABASE: &str = "#C925D1";
const SECURITY: &str = "#DD344C";
const MANAGEMENT: &str = "#E7157B";
/// Not AWS: the grey of the Architecture Icons' generic "corporate data center".
const ON_PREMISES: &str = "#5F6B7A";

fn service_glyph(key: &str) -> Glyph {
    match catalog::service(key) {
        Some(s) => glyph(
            match s.category {
                Category::Storage => STORAGE,
                Category::Database => DATABASE,
                Category::Security => SECURITY,
                Category::Containers => COMPUTE,
                Category::Management | Category::Integration => MANAGEMENT,
            },
            s.short,
        ),
        None => glyph("#5F6B7A", "?"),
    }
}

pub fn node_glyph(kind: &NodeKind) -> Glyph {
    match kind {
        NodeKind::Ec2 { .. } => glyph(COMPUTE, "EC2"),
        NodeKind::Lambda { .. } => glyph(COMPUTE, "λ"),
        NodeKind::Eks { .. } => glyph(COMPUTE, "EKS"),
        NodeKind::Rds { .. } => glyph(DATABASE, "RDS"),
        NodeKind::AwsService { service, .. } => service_glyph(service),
        NodeKind::InternetGateway { .. } => glyph(NETWORK, "IGW"),
        NodeKind::NatGateway { .. } => glyph(NETWORK, "NAT"),
        NodeKind::GatewayEndpoint { .. } => glyph(NETWORK, "GWE"),
        NodeKind::InterfaceEndpoint { .. } => glyph(NETWORK, "VPCE"),
        NodeKind::EndpointService { .. } => marked(NETWORK, "NLB", Mark::Fan),
        NodeKind::TransitGateway { .. } => marked(NETWORK, "TGW", Mark::Hub),
        NodeKind::VpnGateway { .. } => marked(NETWORK, "VGW", Mark::Lock),
        NodeKind::VpcPeering { .. } => marked(NETWORK, "PCX", Mark::Link),
        NodeKind::OnPremises { .. } => marked(ON_PREMISES, "DC", Mark::Building),
        NodeKind::PrivateHostedZone { .. } => glyph(NETWORK, "PHZ"),
        NodeKind::ResolverEndpoint {
            direction: ResolverDirection::Inbound,
            ..
        } => glyph(NETWORK, "RIN"),
        NodeKind::ResolverEndpoint { .. } => glyph(NETWORK, "ROUT"),
    }
}

/// The VPC's own tile, drawn at its top-left corner.
pub const VPC: Glyph = glyph(NETWORK, "VPC");

pub fn entry_glyph(entry: Entry) -> Glyph {
    match entry {
        Entry::Vpc => glyph(NETWORK, "VPC"),
        Entry::Subnet => glyph("#00A4A6", "SN"),
        Entry::Ec2 => glyph(COMPUTE, "EC2"),
        Entry::Lambda => glyph(COMPUTE, "λ"),
        Entry::Eks => glyph(COMPUTE, "EKS"),
        Entry::Rds => glyph(DATABASE, "RDS"),
        Entry::Service(key) => service_glyph(key),
        Entry::InternetGateway => glyph(NETWORK, "IGW"),
        Entry::NatGateway => glyph(NETWORK, "NAT"),
        Entry::GatewayEndpoint => glyph(NETWORK, "GWE"),
        Entry::InterfaceEndpoint => glyph(NETWORK, "VPCE"),
        Entry::EndpointService => marked(NETWORK, "NLB", Mark::Fan),
        Entry::VpnGateway => marked(NETWORK, "VGW", Mark::Lock),
        Entry::TransitGateway => marked(NETWORK, "TGW", Mark::Hub),
        Entry::VpcPeering => marked(NETWORK, "PCX", Mark::Link),
        Entry::OnPremises => marked(ON_PREMISES, "DC", Mark::Building),
        Entry::HostedZone => glyph(NETWORK, "PHZ"),
        Entry::ResolverInbound => glyph(NETWORK, "RIN"),
        Entry::ResolverOutbound => glyph(NETWORK, "ROUT"),
    }
}

/// A mark's strokes, drawn in a 48-unit box centred on the origin (the nested SVG scales it,
/// which keeps float formatting out of the bundle).
fn mark_shapes(mark: Mark) -> &'static str {
    match mark {
        Mark::None => "",
        Mark::Hub => concat!(
            "<path d=\"M -13 -6 H 13 M 0 -18 V 6\"/>",
            "<circle cx=\"0\" cy=\"-6\" r=\"5\" class=\"solid\"/>",
            "<circle cx=\"-13\" cy=\"-6\" r=\"3\"/><circle cx=\"13\" cy=\"-6\" r=\"3\"/>",
            "<circle cx=\"0\" cy=\"-18\" r=\"3\"/><circle cx=\"0\" cy=\"6\" r=\"3\"/>",
        ),
        Mark::Link => "<circle cx=\"-5\" cy=\"-6\" r=\"8\"/><circle cx=\"5\" cy=\"-6\" r=\"8\"/>",
        Mark::Building => concat!(
            "<path d=\"M -12 6 V -12 H 2 V 6 M 2 -4 H 12 V 6 M -16 6 H 16\"/>",
            "<path d=\"M -8 -7 H -4 M -8 -2 H -4 M -8 3 H -4 M 6 1 H 9\"/>",
        ),
        Mark::Fan => concat!(
            "<path d=\"M -16 -6 H -6 M -6 -6 L 10 -16 M -6 -6 H 10 M -6 -6 L 10 4\"/>",
            "<circle cx=\"-6\" cy=\"-6\" r=\"4\" class=\"solid\"/>",
            "<circle cx=\"13\" cy=\"-16\" r=\"3\"/><circle cx=\"13\" cy=\"-6\" r=\"3\"/><circle cx=\"13\" cy=\"4\" r=\"3\"/>",
        ),
        Mark::Lock => concat!(
            "<path d=\"M -6 -8 V -13 A 6 6 0 0 1 6 -13 V -8\"/>",
            "<rect x=\"-10\" y=\"-8\" width=\"20\" height=\"14\" rx=\"2\" class=\"solid\"/>",
        ),
    }
}

/// The tile centred on (cx, cy), `size` units wide, as SVG content.
pub fn tile(m: &mut Markup, glyph: Glyph, cx: i32, cy: i32, size: i32) {
    let half = size / 2;
    m.fixed("<g aria-hidden=\"true\"><rect")
        .num("x", cx - half)
        .num("y", cy - half)
        .num("width", size)
        .num("height", size)
        .num("rx", size / 8)
        .attr("fill", glyph.colour)
        .close();
    if glyph.mark != Mark::None {
        // The pictogram on top; the letters underneath where there is room for them.
        let letters = size >= 40;
        m.fixed("<svg")
            .num("x", cx - half)
            .num("y", cy - half)
            .num("width", size)
            .num("height", size)
            .attr(
                "viewBox",
                if letters {
                    "-24 -24 48 48"
                } else {
                    "-24 -30 48 48"
                },
            )
            .fixed(" class=\"tile-mark\">")
            .fixed(mark_shapes(glyph.mark));
        if letters {
            m.fixed("<text x=\"0\" y=\"20\" text-anchor=\"middle\" class=\"tile-text\" font-size=\"11\">")
                .text(glyph.text)
                .end("text");
        }
        m.end("svg").end("g");
        return;
    }
    let font = if glyph.text.chars().count() > 3 {
        size * 26 / 100
    } else {
        size * 32 / 100
    };
    m.fixed("<text")
        .num("x", cx)
        .num("y", cy + font * 35 / 100)
        .fixed(" text-anchor=\"middle\" class=\"tile-text\"")
        .num("font-size", font)
        .children()
        .text(glyph.text)
        .end("text")
        .end("g");
}

/// A standalone small icon (for the palette and lists).
pub fn small(glyph: Glyph) -> Html {
    let mut m = Markup::new();
    tile(&mut m, glyph, 14, 14, 28);
    html! {
        <svg class="small-icon" width="28" height="28" viewBox="0 0 28 28" aria-hidden="true" focusable="false">
            { super::canvas::raw(m) }
        </svg>
    }
}
