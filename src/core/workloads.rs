//! Fixed workloads for the benchmarks, natively (`cargo bench`) and in the browser, so both measure the
//! same thing: TensorFlow-Playground-sized networks on 250 two-dimensional points, batches of 10.

use super::activation::Activation;
use super::loss::Loss;
use super::network::Layer;
use super::optimizer::Optimizer;
use super::rng::Rng;
use super::spec::{Data, Spec};

pub const POINTS: usize = 250;
pub const BATCH: usize = 10;

/// Two noisy rings, inner labelled 1 and outer 0: the playground's "circle" data.
pub fn circle(points: usize, seed: u64) -> Data {
    let mut rng = Rng::new(seed);
    let (mut inputs, mut targets) = (Vec::with_capacity(points), Vec::with_capacity(points));
    for k in 0..points {
        let inner = k % 2 == 0;
        let radius = if inner {
            rng.uniform(0.0, 2.0)
        } else {
            rng.uniform(3.0, 5.0)
        };
        let angle = rng.uniform(0.0, std::f64::consts::TAU);
        inputs.push(vec![radius * angle.cos(), radius * angle.sin()]);
        targets.push(vec![if inner { 1.0 } else { 0.0 }]);
    }
    Data { inputs, targets }
}

/// A network of the given layer sizes (inputs first) with `hidden` activations and a sigmoid output, seeded
/// Glorot-uniform weights.
pub fn network(sizes: &[usize], hidden: Activation, seed: u64) -> Vec<Layer> {
    let mut rng = Rng::new(seed);
    sizes
        .windows(2)
        .enumerate()
        .map(|(l, pair)| {
            let (fan_in, neurons) = (pair[0], pair[1]);
            let limit = (6.0 / (fan_in + neurons) as f64).sqrt();
            Layer {
                weights: (0..neurons)
                    .map(|_| (0..fan_in).map(|_| rng.uniform(-limit, limit)).collect())
                    .collect(),
                biases: vec![0.1; neurons],
                activation: if l + 2 == sizes.len() {
                    Activation::Sigmoid
                } else {
                    hidden
                },
                frozen_biases: false,
            }
        })
        .collect()
}

fn spec(sizes: &[usize], hidden: Activation) -> Spec {
    Spec {
        layers: network(sizes, hidden, 42),
        loss: Loss::BinaryCrossEntropy,
        optimizer: Optimizer::Sgd {
            learning_rate: 0.03,
        },
        data: circle(POINTS, 7),
        batch_size: BATCH,
        steps: 1,
        start_step: 0,
        shuffle_seed: Some(3),
        optimizer_state: None,
    }
}

/// 2-4-2-1 with tanh: the playground's default network.
pub fn small() -> Spec {
    spec(&[2, 4, 2, 1], Activation::Tanh)
}

/// 2-8-8-8-8-8-8-1 with tanh: the playground's largest.
pub fn large() -> Spec {
    spec(&[2, 8, 8, 8, 8, 8, 8, 1], Activation::Tanh)
}

/// A workload by name, for the browser benchmark.
pub fn by_name(name: &str) -> Option<Spec> {
    match name {
        "small" => Some(small()),
        "large" => Some(large()),
        _ => None,
    }
}
