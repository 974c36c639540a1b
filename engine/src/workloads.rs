//! Fixed workloads for the benchmarks, natively (`cargo bench`) and in the browser, so both measure the
//! same thing: TensorFlow-Playground-sized networks on 250 two-dimensional points, batches of 10.

use crate::activation::Activation;
use crate::fast::FastTrainer;
use crate::layer::Layer;
use crate::loss::Loss;
use crate::optimizer::Optimizer;
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

/// A digest of every number recorded by a fixed set of runs (the small workload with its seeded shuffle, a
/// softmax network trained by Adam, and the two-neuron example) and of a long run of the large workload on
/// the fast path. The tests check that it is the same natively and in WebAssembly: the same seed gives
/// bit-identical traces on both.
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
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    for (spec, steps) in [(small(), 40), (softmax, 40), (Spec::two_neuron(), 40)] {
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
    }
}
