//! Cost scenarios: `tests/scenarios/cost/*.json`, each a small design with its hand-computed
//! monthly total, the cost of each flow and the saving of each advice item, to the cent, from
//! the us-east-1 prices cited in the catalogue (aws-networking.md §5). `by_hand` in each file
//! shows the arithmetic. The full breakdown is snapshotted (`snapshots/it__cost__<file>.snap`).

use crate::fixture::wrapped_scenarios;
use serde::Deserialize;
use std::collections::BTreeMap;
use vpc_planner::model::Design;
use vpc_planner::model::cost::{self, advice, prices, usd};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    rule: String,
    source: String,
    by_hand: Vec<String>,
    total: String,
    flows: BTreeMap<String, String>,
    advice: Vec<ExpectAdvice>,
    /// Read as a design by `wrapped_scenarios`.
    #[serde(rename = "design")]
    _design: serde::de::IgnoredAny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectAdvice {
    code: String,
    saving: String,
}

fn scenarios() -> Vec<(String, Scenario, Design)> {
    wrapped_scenarios("tests/scenarios/cost")
}

#[test]
fn the_price_catalogue_parses_and_cites_every_price() {
    let c = prices::catalogue();
    assert_eq!(c.hours_per_month, 730.0);
    for (region, p) in &c.regions {
        let all = [
            &p.nat_gateway_hour,
            &p.nat_gateway_gb,
            &p.interface_endpoint_az_hour,
            &p.gwlb_endpoint_hour,
            &p.gwlb_endpoint_gb,
            &p.tgw_attachment_hour,
            &p.tgw_gb,
            &p.vpn_connection_hour,
            &p.public_ipv4_hour,
            &p.nlb_hour,
            &p.nlb_lcu_hour,
            &p.resolver_eni_hour,
            &p.resolver_million_queries,
            &p.cross_az_gb,
            &p.inter_region_gb,
        ];
        for price in all {
            match (&price.usd, &price.source) {
                (Some(usd), Some(src)) => {
                    assert!(
                        *usd >= 0.0 && *usd < 10.0,
                        "{region}: implausible price {usd}"
                    );
                    assert!(
                        c.sources.contains_key(src),
                        "{region}: source {src} is not in the source list"
                    );
                }
                (None, _) => assert!(
                    price.note.is_some(),
                    "{region}: a missing price says where it was looked for"
                ),
                (Some(_), None) => panic!("{region}: a price without a source"),
            }
        }
        for tiers in [&p.interface_endpoint_gb_tiers, &p.internet_egress_gb_tiers] {
            if !tiers.tiers.is_empty() {
                assert!(
                    tiers
                        .source
                        .as_ref()
                        .is_some_and(|s| c.sources.contains_key(s)),
                    "{region}: tiers without a source"
                );
                assert_eq!(
                    tiers.tiers.last().map(|t| t.0),
                    Some(None),
                    "{region}: the last tier takes the rest"
                );
            }
        }
    }
}

/// build.rs compiles prices.json into constants: every price, tier, source and note of the JSON,
/// read here independently, is in the compiled catalogue, and nothing else is.
#[test]
fn the_compiled_catalogue_is_the_json() {
    let json: serde_json::Value =
        serde_json::from_str(include_str!("../../src/model/cost/prices.json"))
            .expect("prices.json parses");
    let c = prices::catalogue();
    assert_eq!(Some(c.hours_per_month), json["hours_per_month"].as_f64());
    let sources = json["sources"].as_object().expect("sources");
    assert_eq!(
        c.sources.iter().map(|(k, _)| k).collect::<Vec<_>>(),
        sources.keys().map(String::as_str).collect::<Vec<_>>()
    );
    for (key, s) in &c.sources {
        let j = &sources[key];
        assert_eq!(
            (Some(s.title), Some(s.url), s.as_of),
            (j["title"].as_str(), j["url"].as_str(), j["as_of"].as_str()),
            "source {key}"
        );
    }
    let regions = json["regions"].as_object().expect("regions");
    assert_eq!(
        c.regions.iter().map(|(k, _)| k).collect::<Vec<_>>(),
        regions.keys().map(String::as_str).collect::<Vec<_>>()
    );
    for (region, p) in &c.regions {
        let j = &regions[region];
        let prices = [
            ("nat_gateway_hour", &p.nat_gateway_hour),
            ("nat_gateway_gb", &p.nat_gateway_gb),
            ("interface_endpoint_az_hour", &p.interface_endpoint_az_hour),
            ("gwlb_endpoint_hour", &p.gwlb_endpoint_hour),
            ("gwlb_endpoint_gb", &p.gwlb_endpoint_gb),
            ("tgw_attachment_hour", &p.tgw_attachment_hour),
            ("tgw_gb", &p.tgw_gb),
            ("vpn_connection_hour", &p.vpn_connection_hour),
            ("public_ipv4_hour", &p.public_ipv4_hour),
            ("nlb_hour", &p.nlb_hour),
            ("nlb_lcu_hour", &p.nlb_lcu_hour),
            ("resolver_eni_hour", &p.resolver_eni_hour),
            ("resolver_million_queries", &p.resolver_million_queries),
            ("cross_az_gb", &p.cross_az_gb),
            ("inter_region_gb", &p.inter_region_gb),
        ];
        let mut names: Vec<&str> = prices.iter().map(|(n, _)| *n).collect();
        for (name, price) in prices {
            let q = &j[name];
            assert_eq!(
                (price.usd, price.source, price.note),
                (q["usd"].as_f64(), q["source"].as_str(), q["note"].as_str()),
                "{region}.{name}"
            );
        }
        for (name, tiers) in [
            (
                "interface_endpoint_gb_tiers",
                &p.interface_endpoint_gb_tiers,
            ),
            ("internet_egress_gb_tiers", &p.internet_egress_gb_tiers),
        ] {
            names.push(name);
            let q = &j[name];
            let want: Vec<(Option<f64>, f64)> = q["tiers"]
                .as_array()
                .map(|t| {
                    t.iter()
                        .map(|t| (t[0].as_f64(), t[1].as_f64().expect("rate")))
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(tiers.tiers, want.as_slice(), "{region}.{name}");
            assert_eq!(
                (tiers.source, tiers.note),
                (q["source"].as_str(), q["note"].as_str()),
                "{region}.{name}"
            );
        }
        for key in j.as_object().expect("region").keys() {
            assert!(
                names.contains(&key.as_str()),
                "{region}: {key} is not compiled in"
            );
        }
    }
}

#[test]
fn every_cost_scenario_matches_the_hand_computation() {
    let all = scenarios();
    assert!(all.len() >= 8, "only {} cost scenarios", all.len());
    let mut failures = Vec::new();
    for (name, s, design) in &all {
        assert!(
            !s.rule.is_empty() && !s.source.is_empty() && !s.by_hand.is_empty(),
            "{name}: say what it pins and show the arithmetic"
        );
        let e = cost::estimate(design);
        assert!(
            e.missing.is_empty(),
            "{name}: prices missing: {:?}",
            e.missing
        );
        if usd(e.total) != s.total {
            failures.push(format!(
                "{name}: total {}, by hand {}",
                usd(e.total),
                s.total
            ));
        }
        for (flow, want) in &s.flows {
            let got = usd(e.flow_total(flow));
            if got != *want {
                failures.push(format!("{name}: flow {flow} costs {got}, by hand {want}"));
            }
        }
        let got: Vec<(String, String)> = advice::advise(design)
            .iter()
            .map(|a| (a.code.to_string(), usd(a.saving)))
            .collect();
        let want: Vec<(String, String)> = s
            .advice
            .iter()
            .map(|a| (a.code.clone(), a.saving.clone()))
            .collect();
        if got != want {
            failures.push(format!("{name}: advice {got:?}, by hand {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Applying an advice item's edit gives a design whose total is lower by the saving, and the
/// flows it concerns still arrive.
#[test]
fn applying_advice_saves_what_it_says() {
    for (name, _, design) in scenarios() {
        let before = cost::estimate(&design).total;
        for a in advice::advise(&design) {
            let Some(edit) = a.edit.clone() else { continue };
            let mut after = design.clone();
            edit.apply(&mut after).expect("advice applies");
            let now = cost::estimate(&after).total;
            assert_eq!(usd(before - now), usd(a.saving), "{name}: {}", a.title);
            assert!(a.saving > 0.0, "{name}: advice with an edit saves money");
        }
    }
}

#[test]
fn breakdown_of_every_cost_scenario() {
    for (name, s, design) in scenarios() {
        let e = cost::estimate(&design);
        let mut text = format!("{}\n---\ntotal {}\n", s.rule, usd(e.total));
        for (c, sum) in e.by_category() {
            text.push_str(&format!("  {:>10}  {}\n", usd(sum), c.label()));
        }
        for l in &e.lines {
            text.push_str(&format!(
                "  {:>10}  {}: {}\n",
                usd(l.monthly),
                l.what,
                l.formula()
            ));
        }
        for a in advice::advise(&design) {
            text.push_str(&format!(
                "advice {} ({}): {} — {}\n",
                a.code,
                usd(a.saving),
                a.title,
                a.detail
            ));
        }
        insta::assert_snapshot!(name.as_str(), text);
    }
}

#[test]
fn money_is_written_to_the_cent_without_float_formatting() {
    assert_eq!(usd(1234.565), "$1,234.57");
    assert_eq!(usd(0.0), "$0.00");
    assert_eq!(usd(-7.09), "-$7.09");
    assert_eq!(usd(f64::NAN), "$?");
    assert_eq!(cost::usd_rate(0.045), "$0.045");
    assert_eq!(cost::usd_rate(0.01), "$0.01");
    assert_eq!(cost::usd_rate(0.0035), "$0.0035");
    assert_eq!(cost::number(1_048_576.0), "1,048,576");
    assert_eq!(cost::number(2.5), "2.5");
}

/// A Region without prices gives an empty estimate that says so, not a wrong one.
#[test]
fn a_region_without_prices_says_so() {
    let (_, _, mut design) = scenarios().into_iter().next().expect("a scenario");
    design.region = "xx-nowhere-1".into();
    let e = cost::estimate(&design);
    assert_eq!(e.total, 0.0);
    assert_eq!(
        e.missing,
        ["the price catalogue has no prices for xx-nowhere-1"]
    );
}

/// A price the catalogue lacks (eu-central-1's NAT processing) is left out and named, never
/// borrowed from another Region; the prices it has still count.
#[test]
fn a_missing_price_is_named_not_guessed() {
    let (_, _, mut design) = scenarios()
        .into_iter()
        .find(|(n, ..)| n == "s3-through-nat")
        .expect("scenario");
    design.region = "eu-central-1".into();
    let e = cost::estimate(&design);
    insta::assert_snapshot!(format!("{} / missing: {}", usd(e.total), e.missing.join("; ")), @"$41.61 / missing: the NAT gateway price per GB in eu-central-1");
    assert!(
        e.lines
            .iter()
            .all(|l| l.category != cost::Category::NatGateway || l.unit == "hours")
    );
}

/// The CLI's JSON keeps the shape it had when the formula was a stored field: every line has
/// its formula in words, and absent ids are left out rather than written as null.
#[test]
fn lines_serialise_with_their_formula() {
    for (name, _, design) in scenarios() {
        let e = cost::estimate(&design);
        let json = serde_json::to_value(&e).expect("serialises");
        let lines = json["lines"].as_array().expect("lines");
        assert_eq!(lines.len(), e.lines.len(), "{name}");
        for (l, j) in e.lines.iter().zip(lines) {
            assert_eq!(j["formula"], l.formula(), "{name}");
            assert_eq!(j["what"], l.what.as_str(), "{name}");
            assert_eq!(j.get("resource").is_some(), l.resource.is_some(), "{name}");
            assert_eq!(j.get("flow").is_some(), l.flow.is_some(), "{name}");
            assert_eq!(j.get("source").is_some(), l.source.is_some(), "{name}");
            assert!(j.get("basis").is_none(), "{name}");
        }
    }
}

/// Each flow's total from the one pass over the lines is the sum of that flow's lines, added in
/// their order, for a generated landing zone; a flow with no charge costs 0.
#[test]
fn flow_totals_are_the_sums_of_each_flows_lines() {
    use vpc_planner::model::generate::{Size, generate};
    let d = generate(7, Size::about(300));
    let e = cost::estimate(&d);
    let totals = e.flow_totals();
    let mut charged = 0;
    for f in &d.flows {
        let sum: f64 = e
            .lines
            .iter()
            .filter(|l| l.flow.as_deref() == Some(f.id.as_str()))
            .map(|l| l.monthly)
            .sum();
        assert_eq!(totals.of(&f.id), sum, "{}", f.id);
        assert_eq!(e.flow_total(&f.id), sum, "{}", f.id);
        charged += usize::from(sum > 0.0);
    }
    assert!(charged > 10, "only {charged} flows are charged");
    assert_eq!(totals.of("no-such-flow"), 0.0);
}
