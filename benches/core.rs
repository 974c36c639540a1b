//! `cargo bench`: figures for the core, printed. Each workload runs for about a second and reports a rate.

use std::hint::black_box;
use std::time::{Duration, Instant};

use backprop_lab::engine::fast::FastTrainer;
use backprop_lab::engine::{workloads, Spec, Trainer};
use backprop_lab::labs::two_neuron::Session;

/// Runs `work` (which does `units` units each call) until a second has passed; returns units per second.
fn rate(mut work: impl FnMut() -> usize) -> f64 {
    // Warm up caches and branch predictors first.
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_millis(200) {
        black_box(work());
    }
    let (start, mut units) = (Instant::now(), 0usize);
    while start.elapsed() < Duration::from_secs(1) {
        units += work();
    }
    units as f64 / start.elapsed().as_secs_f64()
}

fn human(rate: f64) -> String {
    if rate >= 1e6 {
        format!("{:.2} M", rate / 1e6)
    } else if rate >= 1e3 {
        format!("{:.1} k", rate / 1e3)
    } else {
        format!("{rate:.1} ")
    }
}

fn main() {
    // `cargo test --all-targets` builds and runs this too, unoptimised: it checks that it runs, and skips the
    // timing, which only means something from `cargo bench`.
    if cfg!(debug_assertions) || std::env::args().any(|a| a == "--test" || a == "--list") {
        println!("benchmarks compiled; run `cargo bench` for figures");
        return;
    }
    println!("Backprop Lab core benchmarks (native, release, one thread)");
    for (name, spec) in [
        ("2-4-2-1 tanh", workloads::small()),
        ("2-8-8-8-8-8-8-1 tanh", workloads::large()),
    ] {
        let mut fast = FastTrainer::new(&spec).expect("workload spec is valid");
        let examples = rate(|| {
            black_box(fast.train(100));
            100 * workloads::BATCH
        });
        println!(
            "  training, fast path, {name}, 250 points, batch 10: {}examples/s",
            human(examples)
        );
        let mut traced = Trainer::new(spec.clone()).expect("workload spec is valid");
        let traced_rate = rate(|| {
            black_box(traced.step());
            workloads::BATCH
        });
        println!(
            "  training, traced (every value recorded), {name}: {}examples/s",
            human(traced_rate)
        );
    }
    let large = FastTrainer::new(&workloads::large()).expect("workload spec is valid");
    let grids = rate(|| {
        black_box(large.neuron_grid(-6.0, 6.0, 100));
        1
    });
    println!(
        "  decision-boundary grid, 100×100, every neuron of 2-8×6-1: {:.2} ms per grid",
        1e3 / grids
    );
    let two_neuron = Spec::two_neuron();
    let traces = rate(|| {
        let mut trainer = Trainer::new(two_neuron.clone()).expect("valid");
        black_box(trainer.step());
        1
    });
    println!(
        "  trace of one step of the two-neuron example: {:.2} µs",
        1e6 / traces
    );
    let session = Session::two_neuron();
    let snapshots = rate(|| {
        black_box(session.snapshot());
        1
    });
    println!(
        "  two-neuron lab snapshot (everything the page shows): {:.2} µs",
        1e6 / snapshots
    );
}
