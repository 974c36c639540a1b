//! A feed-forward network of any layer sizes, its forward pass and its backward pass for one example.

use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::loss::Loss;
use super::trace::{ExampleTrace, LayerValues, ParamSet};

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

/// Forward then backward for one example. The returned trace holds z, a, ∂E/∂a, ∂a/∂z and ∂E/∂z of every
/// neuron; `accumulate_gradients` turns it into ∂E/∂w and ∂E/∂b.
pub fn run_example(
    layers: &[Layer],
    loss: Loss,
    index: usize,
    input: &[f64],
    target: &[f64],
) -> ExampleTrace {
    let mut values: Vec<LayerValues> = Vec::with_capacity(layers.len());
    for layer in layers {
        let a_prev = values.last().map_or(input, |v| v.a.as_slice());
        let z = layer.weighted_input(a_prev);
        let a = layer.activation.apply(&z);
        let n = z.len();
        values.push(LayerValues {
            z,
            a,
            de_da: vec![0.0; n],
            da_dz: vec![0.0; n],
            de_dz: vec![0.0; n],
        });
    }

    let output = values.last().map_or(&[][..], |v| v.a.as_slice());
    let example_loss = loss.value(output, target);
    let mut de_da = loss.de_da(output, target);

    for l in (0..layers.len()).rev() {
        let layer = &layers[l];
        let v = &mut values[l];
        v.da_dz =
            v.z.iter()
                .zip(&v.a)
                .map(|(&z, &a)| layer.activation.derivative(z, a))
                .collect();
        // Softmax with cross-entropy, and sigmoid with binary cross-entropy: ∂E/∂z = a − t exactly. Going
        // through ∂E/∂a would divide by an a (or 1 − a) that may have rounded to 0 and give ∞ · 0 = NaN.
        let fused = l + 1 == layers.len()
            && matches!(
                (layer.activation, loss),
                (Activation::Softmax, Loss::CrossEntropy)
                    | (Activation::Sigmoid, Loss::BinaryCrossEntropy)
            );
        v.de_dz = if fused {
            v.a.iter().zip(target).map(|(a, t)| a - t).collect()
        } else {
            layer.activation.backprop_through(&v.z, &v.a, &de_da)
        };
        v.de_da = de_da;
        if l > 0 {
            // ∂E/∂aᵢ of the previous layer = Σⱼ wⱼᵢ ∂E/∂zⱼ.
            let mut prev = vec![0.0; layer.inputs()];
            for (row, g) in layer.weights.iter().zip(&v.de_dz) {
                for (p, w) in prev.iter_mut().zip(row) {
                    *p += w * g;
                }
            }
            de_da = prev;
        } else {
            de_da = Vec::new();
        }
    }

    ExampleTrace {
        index,
        input: input.to_vec(),
        target: target.to_vec(),
        layers: values,
        loss: example_loss,
    }
}

/// ∂E/∂w and ∂E/∂b of a batch: the mean over its examples of ∂E/∂zⱼ·aᵢ and ∂E/∂zⱼ.
pub fn batch_gradients(layers: &[Layer], examples: &[ExampleTrace]) -> Vec<ParamSet> {
    let scale = 1.0 / examples.len().max(1) as f64;
    layers
        .iter()
        .enumerate()
        .map(|(l, layer)| {
            let mut g = ParamSet::zeros_like(layer);
            for ex in examples {
                let a_prev = if l == 0 {
                    &ex.input
                } else {
                    &ex.layers[l - 1].a
                };
                for (j, de_dz) in ex.layers[l].de_dz.iter().enumerate() {
                    for (i, a) in a_prev.iter().enumerate() {
                        g.weights[j][i] += scale * de_dz * a;
                    }
                    g.biases[j] += scale * de_dz;
                }
            }
            g
        })
        .collect()
}

/// The network's output for one input, without recording anything: for predictions and grids.
pub fn predict(layers: &[Layer], input: &[f64]) -> Vec<f64> {
    let mut a = input.to_vec();
    for layer in layers {
        a = layer.activation.apply(&layer.weighted_input(&a));
    }
    a
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
    let mut rng = super::rng::Rng::new(seed);
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
