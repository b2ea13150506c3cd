//! The price catalogue: AWS's On-Demand network prices per Region, as data
//! (`prices.json`, compiled in), each with its source. A price the catalogue doesn't have is
//! `None`, and the estimate says so instead of guessing.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const CATALOGUE: &str = include_str!("prices.json");

#[derive(Debug, Clone, Deserialize)]
pub struct Catalogue {
    /// Hours billed per month (AWS Price List tools and Infracost use 730).
    pub hours_per_month: f64,
    pub sources: BTreeMap<String, Source>,
    pub regions: BTreeMap<String, RegionPrices>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Source {
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub as_of: Option<String>,
}

/// One unit price in USD.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Price {
    pub usd: Option<f64>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A per-GB price in tiers: `[GB in this tier (None: all the rest), USD per GB]`, in order.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Tiered {
    #[serde(default)]
    pub tiers: Vec<(Option<f64>, f64)>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RegionPrices {
    pub nat_gateway_hour: Price,
    pub nat_gateway_gb: Price,
    pub interface_endpoint_az_hour: Price,
    pub interface_endpoint_gb_tiers: Tiered,
    pub gwlb_endpoint_hour: Price,
    pub gwlb_endpoint_gb: Price,
    pub tgw_attachment_hour: Price,
    pub tgw_gb: Price,
    pub vpn_connection_hour: Price,
    pub public_ipv4_hour: Price,
    pub nlb_hour: Price,
    pub nlb_lcu_hour: Price,
    pub resolver_eni_hour: Price,
    pub resolver_million_queries: Price,
    pub cross_az_gb: Price,
    pub inter_region_gb: Price,
    pub internet_egress_gb_tiers: Tiered,
}

/// The catalogue, read once. A catalogue that doesn't parse is a build defect caught by the
/// tests; here it degrades to an empty catalogue (every price unknown) rather than a panic.
pub fn catalogue() -> &'static Catalogue {
    static CELL: OnceLock<Catalogue> = OnceLock::new();
    CELL.get_or_init(|| {
        serde_json::from_str(CATALOGUE).unwrap_or(Catalogue { hours_per_month: 730.0, sources: BTreeMap::new(), regions: BTreeMap::new() })
    })
}

/// The catalogue's text parses (for the tests).
pub fn parse_error() -> Option<String> {
    serde_json::from_str::<Catalogue>(CATALOGUE).err().map(|e| e.to_string())
}

impl Tiered {
    /// The charge for `total` GB in a month, tier by tier.
    pub fn charge(&self, total: f64) -> Option<f64> {
        if self.tiers.is_empty() {
            return None;
        }
        let mut left = total.max(0.0);
        let mut sum = 0.0;
        for (size, rate) in &self.tiers {
            let here = size.map_or(left, |s| left.min(s));
            sum += here * rate;
            left -= here;
            if left <= 0.0 {
                break;
            }
        }
        Some(sum)
    }
}
