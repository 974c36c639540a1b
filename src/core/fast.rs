//! Training at full speed: the same arithmetic as `Trainer`, in the same order, so it gives bit-identical
//! parameters, but on flat arrays allocated once and with nothing recorded. The page records a trace only
//! for the step a person is looking at; long runs and benchmarks come through here.

use super::activation::Activation;
use super::batches::Batches;
use super::loss::Loss;
use super::network::Layer;
use super::optimizer::{Optimizer, OptimizerState};
use super::spec::{Spec, SpecError};
use super::trace::ParamSet;

/// Where one layer lives in the flat arrays.
#[derive(Clone, Copy, Debug)]
struct Shape {
    inputs: usize,
    neurons: usize,
    /// First weight in `params`; the biases follow the weights (row-major, `weights[j][i]`).
    params: usize,
    /// First value of this layer in `z`, `a`, `de_da`, `de_dz` (the input sits before layer 0).
    values: usize,
    activation: Activation,
    frozen_biases: bool,
}

#[derive(Clone, Debug)]
pub struct FastTrainer {
    shapes: Vec<Shape>,
    loss: Loss,
    optimizer: Optimizer,
    params: Vec<f64>,
    grads: Vec<f64>,
    /// Optimizer buffers, laid out like `params` (momentum's buffer, RMSprop's average or Adam's m; Adam's v).
    first: Vec<f64>,
    second: Vec<f64>,
    adam_steps: u64,
    /// Per neuron, input included in `a`: pre-activations, activations and the two backward quantities.
    z: Vec<f64>,
    a: Vec<f64>,
    de_da: Vec<f64>,
    de_dz: Vec<f64>,
    inputs: Vec<f64>,
    targets: Vec<f64>,
    input_width: usize,
    output_width: usize,
    batches: Batches,
    batch_losses: Vec<f64>,
    step: usize,
}

impl FastTrainer {
    pub fn new(spec: &Spec) -> Result<FastTrainer, SpecError> {
        spec.validate()?;
        let input_width = spec.layers[0].inputs();
        let mut shapes = Vec::with_capacity(spec.layers.len());
        let (mut params, mut values) = (0, input_width);
        for layer in &spec.layers {
            shapes.push(Shape {
                inputs: layer.inputs(),
                neurons: layer.neurons(),
                params,
                values,
                activation: layer.activation,
                frozen_biases: layer.frozen_biases,
            });
            params += layer.neurons() * (layer.inputs() + 1);
            values += layer.neurons();
        }
        let flat = |sets: Vec<ParamSet>| -> Vec<f64> {
            sets.iter()
                .flat_map(|s| {
                    s.weights
                        .iter()
                        .flatten()
                        .chain(&s.biases)
                        .copied()
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        let layer_params: Vec<f64> = spec
            .layers
            .iter()
            .flat_map(|l| {
                l.weights
                    .iter()
                    .flatten()
                    .chain(&l.biases)
                    .copied()
                    .collect::<Vec<_>>()
            })
            .collect();
        let state = spec
            .optimizer_state
            .clone()
            .unwrap_or_else(|| spec.optimizer.initial_state(&spec.layers));
        let (first, second, adam_steps) = match state {
            OptimizerState::Sgd => (vec![0.0; params], vec![0.0; params], 0),
            OptimizerState::Momentum { buffer } => (flat(buffer), vec![0.0; params], 0),
            OptimizerState::Rmsprop { square_avg } => (flat(square_avg), vec![0.0; params], 0),
            OptimizerState::Adam { steps, m, v } => (flat(m), flat(v), steps),
        };
        let output_width = spec.layers[spec.layers.len() - 1].neurons();
        Ok(FastTrainer {
            shapes,
            loss: spec.loss,
            optimizer: spec.optimizer,
            params: layer_params,
            grads: vec![0.0; params],
            first,
            second,
            adam_steps,
            z: vec![0.0; values],
            a: vec![0.0; values],
            de_da: vec![0.0; values],
            de_dz: vec![0.0; values],
            inputs: spec.data.inputs.iter().flatten().copied().collect(),
            targets: spec.data.targets.iter().flatten().copied().collect(),
            input_width,
            output_width,
            batches: Batches::new(
                spec.data.inputs.len(),
                spec.batch_size,
                spec.shuffle_seed,
                spec.start_step,
            ),
            batch_losses: Vec::with_capacity(spec.batch_size),
            step: spec.start_step,
        })
    }

    pub fn steps_taken(&self) -> usize {
        self.step
    }

    /// The parameters as layers (for comparing with the traced trainer, or to continue in it).
    pub fn layers(&self) -> Vec<Layer> {
        self.shapes
            .iter()
            .map(|s| {
                let weights = (0..s.neurons)
                    .map(|j| {
                        self.params[s.params + j * s.inputs..s.params + (j + 1) * s.inputs].to_vec()
                    })
                    .collect();
                let b = s.params + s.neurons * s.inputs;
                Layer {
                    weights,
                    biases: self.params[b..b + s.neurons].to_vec(),
                    activation: s.activation,
                    frozen_biases: s.frozen_biases,
                }
            })
            .collect()
    }

    /// The forward pass for one input, leaving every neuron's z and a in place.
    fn forward(&mut self, input: &[f64]) {
        self.a[..self.input_width].copy_from_slice(input);
        self.forward_loaded();
    }

    /// The forward pass for example k of the data.
    fn forward_example(&mut self, k: usize) {
        let iw = self.input_width;
        self.a[..iw].copy_from_slice(&self.inputs[k * iw..(k + 1) * iw]);
        self.forward_loaded();
    }

    /// The forward pass from the input already in `a`.
    fn forward_loaded(&mut self) {
        for s in &self.shapes {
            let (prev, rest) = self.a.split_at_mut(s.values);
            let a_prev = &prev[s.values - s.inputs..];
            let bias = s.params + s.neurons * s.inputs;
            for j in 0..s.neurons {
                let row = &self.params[s.params + j * s.inputs..s.params + (j + 1) * s.inputs];
                // The same expression as `Layer::weighted_input`, so the sums round the same way.
                self.z[s.values + j] =
                    row.iter().zip(a_prev).map(|(w, a)| w * a).sum::<f64>() + self.params[bias + j];
            }
            let z = &self.z[s.values..s.values + s.neurons];
            let out = &mut rest[..s.neurons];
            if s.activation == Activation::Softmax {
                out.copy_from_slice(&s.activation.apply(z));
            } else {
                for (a, &z) in out.iter_mut().zip(z) {
                    *a = s.activation.value(z);
                }
            }
        }
    }

    /// The backward pass for one example after `forward`: ∂E/∂z of every neuron, then `scale`·∂E/∂w added to
    /// the gradients. Returns the example's loss.
    fn backward(&mut self, example: usize, scale: f64) -> f64 {
        let ow = self.output_width;
        let target = &self.targets[example * ow..(example + 1) * ow];
        let last = self.shapes[self.shapes.len() - 1];
        let output = last.values..last.values + last.neurons;
        let loss = self.loss.value(&self.a[output.clone()], target);
        for (k, t) in output.clone().zip(target) {
            self.de_da[k] = self.loss.de_da_one(self.a[k], *t);
        }
        for l in (0..self.shapes.len()).rev() {
            let s = self.shapes[l];
            let range = s.values..s.values + s.neurons;
            let fused = l + 1 == self.shapes.len()
                && matches!(
                    (s.activation, self.loss),
                    (Activation::Softmax, Loss::CrossEntropy)
                        | (Activation::Sigmoid, Loss::BinaryCrossEntropy)
                );
            if fused {
                for (k, t) in range.clone().zip(target) {
                    self.de_dz[k] = self.a[k] - t;
                }
            } else if s.activation == Activation::Softmax {
                let g = s.activation.backprop_through(
                    &self.z[range.clone()],
                    &self.a[range.clone()],
                    &self.de_da[range.clone()],
                );
                self.de_dz[range.clone()].copy_from_slice(&g);
            } else {
                for k in range.clone() {
                    self.de_dz[k] = self.de_da[k] * s.activation.derivative(self.z[k], self.a[k]);
                }
            }
            // Gradients of this layer, as `batch_gradients` accumulates them.
            let a_prev = s.values - s.inputs;
            let bias = s.params + s.neurons * s.inputs;
            for j in 0..s.neurons {
                let de_dz = self.de_dz[s.values + j];
                for i in 0..s.inputs {
                    self.grads[s.params + j * s.inputs + i] += scale * de_dz * self.a[a_prev + i];
                }
                self.grads[bias + j] += scale * de_dz;
            }
            if l > 0 {
                // ∂E/∂a of the previous layer = Σⱼ wⱼᵢ ∂E/∂zⱼ, summed in the same order as `run_example`.
                let prev = a_prev..s.values;
                self.de_da[prev.clone()].fill(0.0);
                for j in 0..s.neurons {
                    let g = self.de_dz[s.values + j];
                    for i in 0..s.inputs {
                        self.de_da[a_prev + i] += self.params[s.params + j * s.inputs + i] * g;
                    }
                }
            }
        }
        loss
    }

    /// One optimizer step over the next batch; returns the batch's loss.
    pub fn step(&mut self) -> f64 {
        self.grads.fill(0.0);
        self.batch_losses.clear();
        let batch = self.batches.next().len();
        let scale = 1.0 / batch as f64;
        for b in 0..batch {
            let k = self.batches.next()[b];
            self.forward_example(k);
            let loss = self.backward(k, scale);
            self.batch_losses.push(loss);
        }
        let loss = self.batch_losses.iter().sum::<f64>() / batch as f64;
        if matches!(self.optimizer, Optimizer::Adam { .. }) {
            self.adam_steps = self.adam_steps.saturating_add(1);
        }
        let rule = self.optimizer.rule(self.adam_steps);
        for s in &self.shapes {
            let end = s.params + s.neurons * (s.inputs + if s.frozen_biases { 0 } else { 1 });
            for p in s.params..end {
                rule.apply(
                    &mut self.params[p],
                    self.grads[p],
                    &mut self.first[p],
                    &mut self.second[p],
                );
            }
        }
        self.step += 1;
        self.batches.advance();
        loss
    }

    /// `steps` optimizer steps; returns the last batch's loss.
    pub fn train(&mut self, steps: usize) -> f64 {
        let mut loss = f64::NAN;
        for _ in 0..steps {
            loss = self.step();
        }
        loss
    }

    /// Every neuron's activation over an n×n grid of two-dimensional inputs in [lo, hi]²: the values a decision
    /// boundary and per-neuron maps are painted from. Laid out point by point, neurons in layer order.
    pub fn neuron_grid(&mut self, lo: f64, hi: f64, n: usize) -> Vec<f64> {
        let neurons = self.a.len() - self.input_width;
        let mut out = Vec::with_capacity(n * n * neurons);
        let at = |k: usize| {
            if n > 1 {
                lo + (hi - lo) * k as f64 / (n - 1) as f64
            } else {
                lo
            }
        };
        let mut input = vec![0.0; self.input_width];
        for row in 0..n {
            for col in 0..n {
                input[0] = at(col);
                if self.input_width > 1 {
                    input[1] = at(row);
                }
                self.forward(&input);
                out.extend_from_slice(&self.a[self.input_width..]);
            }
        }
        out
    }
}
