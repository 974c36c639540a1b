//! The chain being studied: its depth, width, activation and seed, the bounds a setup must keep, and the
//! weights every compared activation starts from.

use serde::{Deserialize, Serialize};

use crate::engine::activation::Activation;
use crate::engine::layer::Layer;
use crate::engine::loss::Loss;
use crate::engine::optimizer::Optimizer;
use crate::engine::rng::Rng;
use crate::engine::spec::{Data, Spec};

pub const MAX_DEPTH: usize = 20;
pub const MAX_WIDTH: usize = 8;
/// Small enough that the default chain (depth 8, seed 1) keeps its ReLUs on (at 0.05 its first step moves
/// the weights by about 0.45 and turns one off for good), large enough that tanh and ReLU reach the target
/// within the run while the sigmoid's first layers barely move. Other seeds and depths can still lose a
/// ReLU on the way, and the page says after which step.
pub const TRAIN_RATE: f64 = 0.02;
/// The learning rates a training comparison may use: from barely moving to far past the point where
/// ReLU chains die on their first step.
pub const MIN_TRAIN_RATE: f64 = 0.0001;
pub const MAX_TRAIN_RATE: f64 = 1.0;
/// The hidden activations compared side by side.
pub const COMPARED: [Activation; 4] = [
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
];
const INPUT: f64 = 1.0;
const TARGET: f64 = 0.1;
/// The bias that pushes layer 2's z below zero for the dying-ReLU case.
pub const DYING_BIAS: f64 = -3.0;
/// A small positive bias that keeps ReLUs on (after the dying layer, and in wider stacks).
const LIVE_BIAS: f64 = 0.2;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChainSetup {
    /// Layers, the output included.
    pub depth: usize,
    /// Neurons in each hidden layer (1: a chain of single neurons); the output layer has one.
    pub width: usize,
    pub activation: Activation,
    /// Give layer 2 a strongly negative bias, so a ReLU there never fires.
    pub dying_relu: bool,
    pub seed: u64,
    /// The learning rate of the training comparison.
    #[serde(default = "default_train_rate")]
    pub train_rate: f64,
}

fn default_train_rate() -> f64 {
    TRAIN_RATE
}

impl Default for ChainSetup {
    fn default() -> Self {
        ChainSetup {
            depth: 8,
            width: 1,
            activation: Activation::Sigmoid,
            dying_relu: false,
            seed: 1,
            train_rate: TRAIN_RATE,
        }
    }
}

impl ChainSetup {
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=MAX_DEPTH).contains(&self.depth) {
            let why = if self.depth == 0 {
                "a chain needs at least one"
            } else {
                "deeper chains only repeat the same shrinking"
            };
            return Err(format!(
                "The depth must be between 1 and {MAX_DEPTH} layers: {why}."
            ));
        }
        if !(1..=MAX_WIDTH).contains(&self.width) {
            return Err(format!(
                "The width must be between 1 and {MAX_WIDTH} neurons a layer."
            ));
        }
        if !(self.train_rate.is_finite()
            && (MIN_TRAIN_RATE..=MAX_TRAIN_RATE).contains(&self.train_rate))
        {
            return Err(format!(
                "The learning rate of the training run must be between {MIN_TRAIN_RATE} and {MAX_TRAIN_RATE}."
            ));
        }
        if !COMPARED.contains(&self.activation) && self.activation != Activation::Identity {
            return Err("Choose sigmoid, tanh, ReLU, leaky ReLU or identity for the chain.".into());
        }
        Ok(())
    }

    /// The same weights for every activation: a chain draws each from U(0.5, 1.5) so signals neither die nor
    /// explode by chance; a wider stack uses Glorot-uniform weights and biases of 0.2 so ReLUs start on.
    /// A chain's biases start at 0.
    pub fn layers(&self, activation: Activation) -> Vec<Layer> {
        let mut rng = Rng::new(self.seed);
        let mut fan_in = 1;
        (0..self.depth)
            .map(|l| {
                let neurons = if l + 1 == self.depth { 1 } else { self.width };
                let limit = (6.0 / (fan_in + neurons) as f64).sqrt();
                let weights = (0..neurons)
                    .map(|_| {
                        (0..fan_in)
                            .map(|_| {
                                if self.width == 1 {
                                    rng.uniform(0.5, 1.5)
                                } else {
                                    rng.uniform(-limit, limit)
                                }
                            })
                            .collect()
                    })
                    .collect();
                // Dying ReLU: layer 2 is pushed below zero, and the layers after it get a small positive bias
                // so they stay alive: only the dead neuron (and what lies behind it) stops learning.
                let bias = match (self.dying_relu, l) {
                    (true, 1) => DYING_BIAS,
                    (true, l) if l > 1 => LIVE_BIAS,
                    _ if self.width > 1 => LIVE_BIAS,
                    _ => 0.0,
                };
                fan_in = neurons;
                Layer {
                    weights,
                    biases: vec![bias; neurons],
                    activation,
                    frozen_biases: false,
                }
            })
            .collect()
    }

    pub fn spec(&self, activation: Activation) -> Spec {
        Spec {
            layers: self.layers(activation),
            loss: Loss::HalfSquaredError,
            optimizer: Optimizer::Sgd {
                learning_rate: self.train_rate,
            },
            data: Data {
                inputs: vec![vec![INPUT]],
                targets: vec![vec![TARGET]],
            },
            batch_size: 1,
            steps: 1,
            start_step: 0,
            shuffle_seed: None,
            optimizer_state: None,
        }
    }
}
