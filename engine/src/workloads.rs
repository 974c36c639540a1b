//! Fixed workloads for the benchmarks, natively (`cargo bench`) and in the browser, so both measure the
//! same thing: TensorFlow-Playground-sized networks on 250 two-dimensional points, batches of 10.

use crate::activation::Activation;
use crate::fast::FastTrainer;
use crate::layer::Layer;
use crate::loss::Loss;
use crate::optimizer::{Optimizer, OptimizerState};
use crate::rng::Rng;
use crate::spec::{Data, Spec};
use crate::trace::StepTrace;
use crate::trainer::Trainer;

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
        let (sin, cos) = (libm::sin(angle), libm::cos(angle));
        inputs.push(vec![radius * cos, radius * sin]);
        targets.push(vec![if inner { 1.0 } else { 0.0 }]);
    }
    Data { inputs, targets }
}

/// A network of the given layer sizes (inputs first) with `hidden` activations and a sigmoid output, seeded
/// Glorot-uniform weights and biases of 0.1.
pub fn network(sizes: &[usize], hidden: Activation, seed: u64) -> Vec<Layer> {
    crate::layer::glorot(sizes, (hidden, Activation::Sigmoid), 0.1, seed)
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

/// A digest of every number recorded by a fixed set of runs and of longer runs on the fast path, so that
/// every activation and every optimizer is in it: the small workload (tanh, sigmoid, SGD) with its seeded
/// shuffle, a softmax network trained by Adam, the two-neuron example, a ReLU network trained with momentum
/// and a leaky-ReLU one trained by RMSprop; on the fast path, the large workload with its neuron grid and the
/// ReLU and leaky-ReLU runs again. Each traced step adds its values, gradients, parameters and optimizer
/// state. The tests check that it is the same natively and in WebAssembly: the same seed gives bit-identical
/// traces on both.
pub fn fingerprint() -> u64 {
    let mut softmax = spec(&[2, 3, 3], Activation::Tanh);
    if let Some(last) = softmax.layers.last_mut() {
        last.activation = Activation::Softmax;
    }
    softmax.loss = Loss::CrossEntropy;
    softmax.optimizer = Optimizer::Adam {
        learning_rate: 0.01,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
    };
    softmax.data.targets = softmax
        .data
        .targets
        .iter()
        .map(|t| {
            if t[0] > 0.5 {
                vec![1.0, 0.0, 0.0]
            } else {
                vec![0.0, 0.5, 0.5]
            }
        })
        .collect();
    let mut relu = spec(&[2, 4, 3, 1], Activation::Relu);
    relu.optimizer = Optimizer::Momentum {
        learning_rate: 0.03,
        momentum: 0.9,
    };
    let mut leaky = spec(&[2, 5, 1], Activation::LeakyRelu);
    leaky.optimizer = Optimizer::Rmsprop {
        learning_rate: 0.01,
        decay: 0.99,
        eps: 1e-8,
    };
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    for (spec, steps) in [
        (small(), 40),
        (softmax, 40),
        (Spec::two_neuron(), 40),
        (relu.clone(), 40),
        (leaky.clone(), 40),
    ] {
        let Ok(mut trainer) = Trainer::new(spec) else {
            return 0;
        };
        for _ in 0..steps {
            hash.trace(&trainer.step());
        }
    }
    // The fast path too, far enough for every activation to have seen a wide range of inputs, and the grid.
    let Ok(mut fast) = FastTrainer::new(&large()) else {
        return 0;
    };
    hash.number(fast.train(500));
    for layer in fast.layers() {
        layer.params().for_each(|v| hash.number(v));
    }
    fast.neuron_grid(-6.0, 6.0, 9)
        .into_iter()
        .for_each(|v| hash.number(v));
    // ReLU with momentum and leaky ReLU with RMSprop on the fast path, long enough for units to switch off.
    for spec in [relu, leaky] {
        let Ok(mut fast) = FastTrainer::new(&spec) else {
            return 0;
        };
        hash.number(fast.train(300));
        for layer in fast.layers() {
            layer.params().for_each(|v| hash.number(v));
        }
    }
    hash.0
}

struct Fnv(u64);

impl Fnv {
    fn number(&mut self, v: f64) {
        for byte in v.to_bits().to_le_bytes() {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn trace(&mut self, t: &StepTrace) {
        self.number(t.loss);
        for ex in &t.examples {
            for l in &ex.layers {
                for v in
                    l.z.iter()
                        .chain(&l.a)
                        .chain(&l.de_da)
                        .chain(&l.da_dz)
                        .chain(&l.de_dz)
                {
                    self.number(*v);
                }
            }
        }
        for g in &t.gradients {
            g.values().for_each(|v| self.number(v));
        }
        for l in &t.after {
            l.params().for_each(|v| self.number(v));
        }
        // The optimizer's buffers: momentum's, RMSprop's running square, Adam's moments and step count.
        match &t.optimizer_state {
            OptimizerState::Sgd {} => {}
            OptimizerState::Momentum { buffer: sets }
            | OptimizerState::Rmsprop { square_avg: sets } => {
                sets.iter()
                    .flat_map(|s| s.values())
                    .for_each(|v| self.number(v));
            }
            OptimizerState::Adam { steps, m, v } => {
                self.number(*steps as f64);
                m.iter()
                    .chain(v)
                    .flat_map(|s| s.values())
                    .for_each(|v| self.number(v));
            }
        }
    }
}
