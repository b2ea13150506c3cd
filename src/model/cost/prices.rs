//! The price catalogue: AWS's On-Demand network prices per Region, as data
//! (`prices.json`, compiled in), each with its source. A price the catalogue doesn't have is
//! `None`, and the estimate says so instead of guessing.
//!
//! build.rs turns `prices.json` into the constants included below, so the browser bundle holds
//! the prices without a JSON reader for them (about 10 KB gzip); notes are kept natively only.

include!(concat!(env!("OUT_DIR"), "/prices.rs"));

#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Hours billed per month (AWS Price List tools and Infracost use 730).
    pub hours_per_month: f64,
    pub sources: Table<Source>,
    pub regions: Table<RegionPrices>,
}

/// Entries by key, sorted by key.
#[derive(Debug, Clone)]
pub struct Table<T: 'static>(pub &'static [(&'static str, T)]);

impl<T> Table<T> {
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &T)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }
}

impl<'a, T> IntoIterator for &'a Table<T> {
    type Item = (&'static str, &'a T);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (&'static str, T)>,
        fn(&'a (&'static str, T)) -> (&'static str, &'a T),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (*k, v))
    }
}

#[derive(Debug, Clone)]
pub struct Source {
    pub title: &'static str,
    pub url: &'static str,
    pub as_of: Option<&'static str>,
}

/// One unit price in USD.
#[derive(Debug, Clone, Default)]
pub struct Price {
    pub usd: Option<f64>,
    pub source: Option<&'static str>,
    /// Why a price is what it is, or where a missing one was looked for (native builds only).
    pub note: Option<&'static str>,
}

/// A per-GB price in tiers: `[GB in this tier (None: all the rest), USD per GB]`, in order.
#[derive(Debug, Clone, Default)]
pub struct Tiered {
    pub tiers: &'static [(Option<f64>, f64)],
    pub source: Option<&'static str>,
    pub note: Option<&'static str>,
}

#[derive(Debug, Clone, Default)]
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

/// The catalogue. A catalogue that doesn't read is a build error (build.rs says why).
pub fn catalogue() -> &'static Catalogue {
    &CATALOGUE
}

impl Tiered {
    /// The charge for `total` GB in a month, tier by tier.
    pub fn charge(&self, total: f64) -> Option<f64> {
        if self.tiers.is_empty() {
            return None;
        }
        let mut left = total.max(0.0);
        let mut sum = 0.0;
        for (size, rate) in self.tiers {
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
