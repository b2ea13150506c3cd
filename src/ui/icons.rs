//! Icons: a coloured tile with a short label, in the AWS Architecture Icons' category colours,
//! so an EC2 instance, a NAT gateway and S3 are told apart at a glance.

use crate::model::catalog::{self, Category};
use crate::model::design::NodeKind;
use crate::model::palette::Entry;
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    pub colour: &'static str,
    pub text: &'static str,
}

const COMPUTE: &str = "#ED7100";
const NETWORK: &str = "#8C4FFF";
const STORAGE: &str = "#7AA116";
const DATABASE: &str = "#C925D1";
const SECURITY: &str = "#DD344C";
const MANAGEMENT: &str = "#E7157B";

fn service_glyph(key: &str) -> Glyph {
    match catalog::service(key) {
        Some(s) => Glyph {
            colour: match s.category {
                Category::Storage => STORAGE,
                Category::Database => DATABASE,
                Category::Security => SECURITY,
                Category::Containers => COMPUTE,
                Category::Management | Category::Integration => MANAGEMENT,
            },
            text: s.short,
        },
        None => Glyph { colour: "#5F6B7A", text: "?" },
    }
}

pub fn node_glyph(kind: &NodeKind) -> Glyph {
    match kind {
        NodeKind::Ec2 { .. } => Glyph { colour: COMPUTE, text: "EC2" },
        NodeKind::Lambda { .. } => Glyph { colour: COMPUTE, text: "λ" },
        NodeKind::Eks { .. } => Glyph { colour: COMPUTE, text: "EKS" },
        NodeKind::Rds { .. } => Glyph { colour: DATABASE, text: "RDS" },
        NodeKind::AwsService { service, .. } => service_glyph(service),
        NodeKind::InternetGateway { .. } => Glyph { colour: NETWORK, text: "IGW" },
        NodeKind::NatGateway { .. } => Glyph { colour: NETWORK, text: "NAT" },
        NodeKind::GatewayEndpoint { .. } => Glyph { colour: NETWORK, text: "GWE" },
        NodeKind::InterfaceEndpoint { .. } => Glyph { colour: NETWORK, text: "VPCE" },
        NodeKind::TransitGateway { .. } => Glyph { colour: NETWORK, text: "TGW" },
        NodeKind::VpnGateway { .. } => Glyph { colour: NETWORK, text: "VGW" },
        NodeKind::VpcPeering { .. } => Glyph { colour: NETWORK, text: "PCX" },
        NodeKind::OnPremises { .. } => Glyph { colour: "#5F6B7A", text: "DC" },
    }
}

pub fn entry_glyph(entry: Entry) -> Glyph {
    match entry {
        Entry::Vpc => Glyph { colour: NETWORK, text: "VPC" },
        Entry::Subnet => Glyph { colour: "#00A4A6", text: "SN" },
        Entry::Ec2 => Glyph { colour: COMPUTE, text: "EC2" },
        Entry::Lambda => Glyph { colour: COMPUTE, text: "λ" },
        Entry::Eks => Glyph { colour: COMPUTE, text: "EKS" },
        Entry::Rds => Glyph { colour: DATABASE, text: "RDS" },
        Entry::Service(key) => service_glyph(key),
        Entry::InternetGateway => Glyph { colour: NETWORK, text: "IGW" },
        Entry::NatGateway => Glyph { colour: NETWORK, text: "NAT" },
        Entry::GatewayEndpoint => Glyph { colour: NETWORK, text: "GWE" },
        Entry::InterfaceEndpoint => Glyph { colour: NETWORK, text: "VPCE" },
    }
}

/// The tile centred on (cx, cy), `size` units wide, as SVG content.
pub fn tile(glyph: Glyph, cx: i32, cy: i32, size: i32) -> Html {
    let half = size / 2;
    let font = if glyph.text.chars().count() > 3 { size * 26 / 100 } else { size * 32 / 100 };
    html! {
        <g aria-hidden="true">
            <rect x={(cx - half).to_string()} y={(cy - half).to_string()} width={size.to_string()} height={size.to_string()}
                rx={(size / 8).to_string()} fill={glyph.colour} />
            <text x={cx.to_string()} y={(cy + font * 35 / 100).to_string()} text-anchor="middle" class="tile-text"
                font-size={font.to_string()}>{ glyph.text }</text>
        </g>
    }
}

/// A standalone small icon (for the palette and lists).
pub fn small(glyph: Glyph) -> Html {
    html! {
        <svg class="small-icon" width="28" height="28" viewBox="0 0 28 28" aria-hidden="true" focusable="false">
            { tile(glyph, 14, 14, 28) }
        </svg>
    }
}
