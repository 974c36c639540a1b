//! A feed-forward network of any layer sizes, its forward pass and its backward pass for one example.

use crate::activation::Activation;
use crate::layer::{Layer, ParamSet};
use crate::loss::Loss;
use crate::trace::{ExampleTrace, LayerValues};

/// Forward then backward for one example. The returned trace holds z, a, ∂E/∂a, ∂a/∂z and ∂E/∂z of every
/// neuron; `batch_gradients` turns a batch of them into ∂E/∂w and ∂E/∂b.
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
