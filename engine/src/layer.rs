//! A layer's parameters, and sets of numbers shaped like them (gradients, optimizer buffers). Every other
//! engine file builds on these two types, so they sit apart from the passes that use them.

use serde::{Deserialize, Serialize};

use crate::activation::Activation;
use crate::rng::Rng;

/// One layer: `weights[j][i]` is the weight from neuron i of the previous layer (or input i) into neuron j.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub weights: Vec<Vec<f64>>,
    pub biases: Vec<f64>,
    pub activation: Activation,
    /// When true the optimizer leaves the biases as they are: for a line through the origin, z = w·x.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub frozen_biases: bool,
}

impl Layer {
    pub fn inputs(&self) -> usize {
        self.weights.first().map_or(0, Vec::len)
    }

    pub fn neurons(&self) -> usize {
        self.biases.len()
    }

    pub fn params(&self) -> impl Iterator<Item = f64> + '_ {
        self.weights.iter().flatten().chain(&self.biases).copied()
    }

    /// z = W·a_prev + b.
    pub fn weighted_input(&self, a_prev: &[f64]) -> Vec<f64> {
        self.weights
            .iter()
            .zip(&self.biases)
            // Summed from -0.0 (which adds nothing, even to -0.0) in input order: the fast trainer sums the same way.
            .map(|(row, b)| row.iter().zip(a_prev).fold(-0.0, |z, (w, a)| z + w * a) + b)
            .collect()
    }
}

/// A set of numbers shaped like one layer's parameters: `weights[j][i]` belongs to the edge from neuron i of
/// the previous layer into neuron j. Used for gradients and optimizer buffers.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ParamSet {
    pub weights: Vec<Vec<f64>>,
    pub biases: Vec<f64>,
}

impl ParamSet {
    pub fn zeros_like(layer: &Layer) -> Self {
        ParamSet {
            weights: layer
                .weights
                .iter()
                .map(|row| vec![0.0; row.len()])
                .collect(),
            biases: vec![0.0; layer.biases.len()],
        }
    }

    pub fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.weights.iter().flatten().chain(&self.biases).copied()
    }
}

/// A network of the given layer sizes (inputs first) with seeded Glorot-uniform weights (each drawn from
/// ±√(6 / (fan-in + fan-out)), which keeps the signal's spread about the same from layer to layer) and
/// every bias set to `bias`. The hidden layers get the first activation, the output layer the second.
pub fn glorot(
    sizes: &[usize],
    (hidden, output): (Activation, Activation),
    bias: f64,
    seed: u64,
) -> Vec<Layer> {
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
                biases: vec![bias; neurons],
                activation: if l + 2 == sizes.len() { output } else { hidden },
                frozen_biases: false,
            }
        })
        .collect()
}
