//! How long tracing every flow takes, natively, for the examples and the largest routing
//! scenario, next to validation of the same design as a baseline in the same run; and how long
//! one DNS lookup takes (every suggested name from every subnet and on-premises network).
//! Run: `cargo bench --bench trace`. Prints a table; asserts nothing about time.

use std::hint::black_box;
use std::time::{Duration, Instant};
use vpc_planner::model::{Design, cost, dns, document, routing, validate};

/// Median time per call over `rounds` rounds of `per_round` calls.
fn median(rounds: usize, per_round: usize, mut f: impl FnMut()) -> Duration {
    let mut samples: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_round {
                f();
            }
            start.elapsed() / per_round as u32
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn load(path: &str) -> Design {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // Routing scenarios wrap the design with their expectations.
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let design = value.get("design").map(|d| d.to_string()).unwrap_or(text);
    document::from_json(&design).expect("design")
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not, and then one quick
    // round only checks that the benchmark still runs.
    let (rounds, per_round) = if std::env::args().any(|a| a == "--bench") {
        (31, 2000)
    } else {
        (1, 1)
    };
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files: Vec<String> = [
        "static/examples/classic-private-endpoints.json",
        "static/examples/serverless-no-internet.json",
        "static/examples/hybrid-dns.json",
        "tests/scenarios/cost/s3-through-nat.json",
        "tests/scenarios/cost/interface-endpoint-pays-off.json",
    ]
    .iter()
    .map(|f| format!("{root}/{f}"))
    .collect();
    // The routing scenario with the most items.
    let largest = std::fs::read_dir(format!("{root}/tests/scenarios/routing"))
        .expect("scenarios")
        .filter_map(|e| e.ok().map(|e| e.path().display().to_string()))
        .max_by_key(|p| {
            let d = load(p);
            d.nodes.len() + d.subnets.len() + d.vpcs.len() + d.route_tables.len() + d.flows.len()
        })
        .expect("a scenario");
    files.push(largest);
    println!(
        "{:<40} {:>5} {:>5} {:>11} {:>10} {:>10} {:>7} {:>10} {:>10} {:>10}",
        "design",
        "items",
        "flows",
        "trace all",
        "per flow",
        "validate",
        "lookups",
        "per lookup",
        "estimate",
        "advice"
    );
    for path in files {
        let d = load(&path);
        let items =
            d.vpcs.len() + d.subnets.len() + d.route_tables.len() + d.nodes.len() + d.flows.len();
        let trace = median(rounds, per_round, || {
            black_box(routing::trace_all(black_box(&d)));
        });
        let baseline = median(rounds, per_round, || {
            black_box(validate::validate(black_box(&d)));
        });
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        let per_flow = trace / d.flows.len().max(1) as u32;
        let places: Vec<String> = d
            .subnets
            .iter()
            .map(|s| s.id.clone())
            .chain(
                d.nodes
                    .iter()
                    .filter(|n| n.kind.is_flow_source() && n.kind.home_subnet().is_none())
                    .map(|n| n.id.clone()),
            )
            .collect();
        let names = dns::suggestions(&d);
        let lookups = places.len() * names.len();
        let all_lookups = median(rounds, per_round.div_ceil(20), || {
            for p in &places {
                let asker = dns::asker(&d, p).expect("place");
                for n in &names {
                    let _ = black_box(dns::resolve(&d, asker, black_box(n)));
                }
            }
        });
        let per_lookup = all_lookups / lookups.max(1) as u32;
        let traces = routing::trace_all(&d);
        let estimate = median(rounds, per_round, || {
            black_box(cost::estimate_with(black_box(&d), &traces));
        });
        let before = cost::estimate_with(&d, &traces);
        let advice = median(rounds, per_round.div_ceil(20), || {
            black_box(cost::advice::advise_with(black_box(&d), &traces, &before));
        });
        println!(
            "{name:<40} {items:>5} {:>5} {:>11?} {per_flow:>10?} {baseline:>10?} {lookups:>7} {per_lookup:>10?} {estimate:>10?} {advice:>10?}",
            d.flows.len(),
            trace
        );
    }
}
