//! Trains the benchmark's small workload for a while on the fast path: a target for profilers
//! (`perf record cargo run --release --example train_small`).
use backprop_lab::engine::{fast::FastTrainer, workloads};

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "small".into());
    let spec = workloads::by_name(&name).expect("small or large");
    let mut trainer = FastTrainer::new(&spec).expect("valid workload");
    println!("loss {}", trainer.train(200_000));
}
