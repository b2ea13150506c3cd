//! How the model's work grows with the design: generated landing zones (model/generate.rs) of
//! about 10, 100, 1,000 and 5,000 resources, timed natively for reading the design JSON (the
//! baseline: work every load does anyway), validation, tracing every flow, the cost estimate,
//! one whole analysis (validate and the estimate on one fresh design, as after an edit), the
//! Terraform export, and the share link both ways. Sizes of the JSON, the Terraform and the
//! link are printed too. Run: `cargo bench --bench scale`. Asserts nothing about time.

use std::hint::black_box;
use std::time::{Duration, Instant};
use vpc_planner::model::generate::{Size, generate, resource_count};
use vpc_planner::model::{cost, document, routing, share, terraform, validate};

/// Median time per call over `rounds` rounds, each of enough calls to last ~20 ms.
fn median(rounds: usize, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    f();
    let once = start.elapsed().max(Duration::from_nanos(100));
    let per_round =
        (Duration::from_millis(20).as_nanos() / once.as_nanos()).clamp(1, 10_000) as u32;
    let mut samples: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_round {
                f();
            }
            start.elapsed() / per_round
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo test --all-targets` runs this without --bench: one small size, one round.
    let bench = std::env::args().any(|a| a == "--bench");
    let (rounds, sizes): (usize, &[usize]) = if bench {
        (11, &[10, 100, 1000, 5000])
    } else {
        (1, &[10])
    };
    println!("times in ms (median of {rounds} rounds); sizes in bytes");
    println!(
        "{:>9} {:>5} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "resources",
        "flows",
        "json",
        "read",
        "validate",
        "trace",
        "per flow",
        "cost",
        "analysis",
        "terraform",
        "tf bytes",
        "link",
        "link len"
    );
    for &target in sizes {
        let d = generate(1, Size::about(target));
        let json = document::to_json_compact(&d);
        let read = median(rounds, || {
            black_box(document::from_json(black_box(&json)).ok());
        });
        let validate_t = median(rounds, || {
            // Cold, as after an edit: a new design's lookups and kept answers start empty.
            d.lookup.clear();
            black_box(validate::validate(black_box(&d)));
        });
        let trace = median(rounds, || {
            // Cold, as after an edit: a new design's lookups and kept answers start empty.
            d.lookup.clear();
            black_box(routing::trace_all(black_box(&d)));
        });
        let estimate = median(rounds, || {
            // Cold, as after an edit: a new design's lookups and kept answers start empty.
            d.lookup.clear();
            black_box(cost::estimate(black_box(&d)));
        });
        // One analysis as the app runs it after an edit: a new design (empty lookups), then
        // validate and the estimate, which traces every flow, sharing what the first built.
        let analysis = median(rounds, || {
            d.lookup.clear();
            black_box(validate::validate(black_box(&d)));
            black_box(cost::estimate(black_box(&d)));
        });
        let tf = terraform::export(&d);
        let export = median(rounds, || {
            black_box(terraform::export(black_box(&d)));
        });
        let link = share::encode(&d);
        let link_t = median(rounds, || {
            let l = share::encode(black_box(&d));
            black_box(share::decode(&l).ok());
        });
        let flows = d.flows.len();
        println!(
            "{:>9} {:>5} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            resource_count(&d),
            flows,
            json.len(),
            ms(read),
            ms(validate_t),
            ms(trace),
            format!("{:.1}µs", trace.as_secs_f64() * 1e6 / flows.max(1) as f64),
            ms(estimate),
            ms(analysis),
            ms(export),
            tf.len(),
            ms(link_t),
            link.len()
        );
    }
}
