//! Training at full speed: the same arithmetic as `Trainer`, in the same order, so it gives bit-identical
//! parameters, but on flat arrays allocated once and with nothing recorded. The page records a trace only
//! for the step a person is looking at; long runs and benchmarks come through here.
//!
//! A batch goes through the network together, one layer at a time ("batch-major"). Each neuron's values for
//! all the batch's examples sit side by side, so the inner loops run across examples: they are independent,
//! have no branches (see `elementary`), and compile to SIMD. Every sum still runs over the same terms in the
//! same order as the traced trainer's, which is what keeps the bits identical.

use super::activation::{softmax_into, Activation};
use super::batches::Batches;
use super::elementary::{sigmoid_lanes, tanh_lanes};
use super::lanes::{Lanes, Pair};
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
    /// First row of this layer in a `Block` (the input rows sit before layer 0's).
    rows: usize,
    activation: Activation,
    frozen_biases: bool,
}

impl Shape {
    fn bias(&self) -> usize {
        self.params + self.neurons * self.inputs
    }
}

/// The values of a block of examples, neuron-major: row r holds neuron r's value (or input r's) for every
/// example of the block, as `pairs` pairs: two examples side by side, one simd128 register in WebAssembly
/// (see `lanes`). A block holds an even number of columns; when a batch is odd (or the epoch's last batch is
/// short) the spare column holds stale values that are computed and never read.
#[derive(Clone, Debug)]
struct Block {
    pairs: usize,
    z: Vec<Pair>,
    a: Vec<Pair>,
    de_da: Vec<Pair>,
    de_dz: Vec<Pair>,
    /// Targets of the block's examples, one row per output.
    targets: Vec<Pair>,
    /// One layer's inputs, example-major and paired along the inputs, for the gradient sums (which run over
    /// examples, per weight).
    by_example: Vec<Pair>,
    /// One example's outputs and targets (softmax and the loss work on a whole example).
    column: Vec<f64>,
    column_targets: Vec<f64>,
}

/// Column `e` of row `r`.
#[inline(always)]
fn get(values: &[Pair], pairs: usize, r: usize, e: usize) -> f64 {
    values[r * pairs + e / 2].lane(e % 2)
}

#[inline(always)]
fn set(values: &mut [Pair], pairs: usize, r: usize, e: usize, value: f64) {
    values[r * pairs + e / 2].set_lane(e % 2, value);
}

/// The rows of one layer.
fn rows<'v>(values: &'v [Pair], pairs: usize, s: &Shape) -> &'v [Pair] {
    &values[s.rows * pairs..(s.rows + s.neurons) * pairs]
}

fn rows_mut<'v>(values: &'v mut [Pair], pairs: usize, s: &Shape) -> &'v mut [Pair] {
    &mut values[s.rows * pairs..(s.rows + s.neurons) * pairs]
}

impl Block {
    fn new(rows: usize, outputs: usize, widest: usize, columns: usize) -> Block {
        let pairs = columns.max(1).div_ceil(2);
        let zero = Pair::splat(0.0);
        Block {
            pairs,
            z: vec![zero; rows * pairs],
            a: vec![zero; rows * pairs],
            de_da: vec![zero; rows * pairs],
            de_dz: vec![zero; rows * pairs],
            targets: vec![zero; outputs * pairs],
            by_example: vec![zero; widest.div_ceil(2) * 2 * pairs],
            column: vec![0.0; widest],
            column_targets: vec![0.0; widest],
        }
    }

    /// The forward pass for the first `n` examples, whose inputs are already in the input rows of `a`.
    fn forward(&mut self, shapes: &[Shape], params: &[f64], n: usize) {
        let (p, used) = (self.pairs, n.div_ceil(2));
        for s in shapes {
            let first_input = s.rows - s.inputs;
            for j in 0..s.neurons {
                let weights = &params[s.params + j * s.inputs..s.params + (j + 1) * s.inputs];
                let z = &mut self.z[(s.rows + j) * p..(s.rows + j) * p + used];
                // -0.0 + x is x for every x, so this is `Layer::weighted_input`'s sum, term by term.
                z.fill(Pair::splat(-0.0));
                for (i, &w) in weights.iter().enumerate() {
                    let (w, row) = (Pair::splat(w), (first_input + i) * p);
                    for (z, &a) in z.iter_mut().zip(&self.a[row..row + used]) {
                        *z = *z + w * a;
                    }
                }
                let b = Pair::splat(params[s.bias() + j]);
                for z in z.iter_mut() {
                    *z = *z + b;
                }
            }
            if s.activation == Activation::Softmax {
                for e in 0..n {
                    for j in 0..s.neurons {
                        self.column[j] = get(&self.z, p, s.rows + j, e);
                    }
                    let out = &mut self.column_targets[..s.neurons];
                    softmax_into(&self.column[..s.neurons], out);
                    for (j, &v) in out.iter().enumerate() {
                        set(&mut self.a, p, s.rows + j, e, v);
                    }
                }
            } else {
                // The whole layer in one loop, spare column included.
                activate(
                    s.activation,
                    rows(&self.z, p, s),
                    rows_mut(&mut self.a, p, s),
                );
            }
        }
    }

    /// The loss of each of the first `n` examples, after `forward`, pushed onto `losses`.
    fn losses(&mut self, last: &Shape, loss: Loss, n: usize, losses: &mut Vec<f64>) {
        let p = self.pairs;
        for e in 0..n {
            for j in 0..last.neurons {
                self.column[j] = get(&self.a, p, last.rows + j, e);
                self.column_targets[j] = get(&self.targets, p, j, e);
            }
            losses.push(loss.value(
                &self.column[..last.neurons],
                &self.column_targets[..last.neurons],
            ));
        }
    }

    /// ∂E/∂z of layer `s` for the first `n` examples, from ∂E/∂a (or, for the output, from the targets).
    fn de_dz_of(&mut self, s: &Shape, fused_output: bool, n: usize) {
        let p = self.pairs;
        if fused_output {
            let a = rows(&self.a, p, s);
            for ((g, &a), &t) in rows_mut(&mut self.de_dz, p, s)
                .iter_mut()
                .zip(a)
                .zip(&self.targets)
            {
                *g = a - t;
            }
        } else if s.activation == Activation::Softmax {
            for e in 0..n {
                let column = |values: &[Pair]| -> Vec<f64> {
                    (0..s.neurons)
                        .map(|j| get(values, p, s.rows + j, e))
                        .collect()
                };
                let g = s.activation.backprop_through(
                    &column(&self.z),
                    &column(&self.a),
                    &column(&self.de_da),
                );
                for (j, g) in g.into_iter().enumerate() {
                    set(&mut self.de_dz, p, s.rows + j, e, g);
                }
            }
        } else {
            backprop(
                s.activation,
                rows(&self.z, p, s),
                rows(&self.a, p, s),
                rows(&self.de_da, p, s),
                rows_mut(&mut self.de_dz, p, s),
            );
        }
    }

    /// The backward pass for the first `n` examples after `forward`: every ∂E/∂z, and `scale`·∂E/∂w summed
    /// over the examples into `grads`.
    fn backward(
        &mut self,
        shapes: &[Shape],
        params: &[f64],
        loss: Loss,
        n: usize,
        scale: f64,
        grads: &mut [f64],
    ) {
        let (p, used) = (self.pairs, n.div_ceil(2));
        let last = shapes.len() - 1;
        let output = shapes[last];
        {
            let a = rows(&self.a, p, &output);
            let de_da = rows_mut(&mut self.de_da, p, &output);
            for ((g, &a), &t) in de_da.iter_mut().zip(a).zip(&self.targets) {
                *g = Pair::new(
                    loss.de_da_one(a.lane(0), t.lane(0)),
                    loss.de_da_one(a.lane(1), t.lane(1)),
                );
            }
        }
        for (l, s) in shapes.iter().enumerate().rev() {
            let fused = l == last
                && matches!(
                    (s.activation, loss),
                    (Activation::Softmax, Loss::CrossEntropy)
                        | (Activation::Sigmoid, Loss::BinaryCrossEntropy)
                );
            self.de_dz_of(s, fused, n);
            // Gradients, as `batch_gradients` sums them: per weight, over the examples in order. The inputs
            // are laid out example by example, paired along the inputs, so two weights of a row go together.
            let first_input = s.rows - s.inputs;
            let input_pairs = s.inputs.div_ceil(2);
            let zero = Pair::splat(0.0);
            for ip in 0..input_pairs {
                let i = first_input + 2 * ip;
                let has_second = 2 * ip + 1 < s.inputs;
                for ep in 0..used {
                    let first = self.a[i * p + ep];
                    let second = if has_second {
                        self.a[(i + 1) * p + ep]
                    } else {
                        zero
                    };
                    let (even, odd) = Pair::transpose(first, second);
                    self.by_example[2 * ep * input_pairs + ip] = even;
                    self.by_example[(2 * ep + 1) * input_pairs + ip] = odd;
                }
            }
            // Whole pairs of examples, then the odd one out of an odd batch.
            let (whole, odd) = (n / 2, n % 2 == 1);
            let (bias, scale) = (s.bias(), Pair::splat(scale));
            for j in 0..s.neurons {
                let de_dz = &self.de_dz[(s.rows + j) * p..(s.rows + j) * p + used];
                let row = s.params + j * s.inputs;
                for ip in 0..input_pairs {
                    let (i, both) = (2 * ip, 2 * ip + 1 < s.inputs);
                    let mut acc =
                        Pair::new(grads[row + i], if both { grads[row + i + 1] } else { 0.0 });
                    for (ep, &g) in de_dz[..whole].iter().enumerate() {
                        let g = scale * g;
                        let e = 2 * ep * input_pairs + ip;
                        acc = acc + g.first_twice() * self.by_example[e];
                        acc = acc + g.second_twice() * self.by_example[e + input_pairs];
                    }
                    if odd {
                        let g = scale * de_dz[whole];
                        acc = acc + g.first_twice() * self.by_example[2 * whole * input_pairs + ip];
                    }
                    grads[row + i] = acc.lane(0);
                    if both {
                        grads[row + i + 1] = acc.lane(1);
                    }
                }
                let mut bias_grad = grads[bias + j];
                for &g in &de_dz[..whole] {
                    let g = scale * g;
                    bias_grad += g.lane(0);
                    bias_grad += g.lane(1);
                }
                if odd {
                    bias_grad += (scale * de_dz[whole]).lane(0);
                }
                grads[bias + j] = bias_grad;
            }
            if l > 0 {
                // ∂E/∂a of the previous layer = Σⱼ wⱼᵢ ∂E/∂zⱼ, summed from 0 in the same order as `run_example`.
                let previous = first_input * p..s.rows * p;
                self.de_da[previous].fill(Pair::splat(0.0));
                for j in 0..s.neurons {
                    let g = &self.de_dz[(s.rows + j) * p..(s.rows + j) * p + used];
                    for i in 0..s.inputs {
                        let w = Pair::splat(params[s.params + j * s.inputs + i]);
                        let row = (first_input + i) * p;
                        for (d, &g) in self.de_da[row..row + used].iter_mut().zip(g) {
                            *d = *d + w * g;
                        }
                    }
                }
            }
        }
    }
}

/// a = f(z) over a layer's rows. tanh and σ go two lanes at a time; the rest (cheap) one value at a time.
fn activate(activation: Activation, z: &[Pair], a: &mut [Pair]) {
    match activation {
        Activation::Tanh => {
            for (a, &z) in a.iter_mut().zip(z) {
                *a = tanh_lanes(z);
            }
        }
        Activation::Sigmoid => {
            for (a, &z) in a.iter_mut().zip(z) {
                *a = sigmoid_lanes(z);
            }
        }
        _ => {
            for (a, &z) in a.iter_mut().zip(z) {
                *a = z.map(|z| activation.value(z));
            }
        }
    }
}

/// ∂E/∂z = ∂E/∂a · f′(z) over a layer's rows, as `Activation::backprop_through` computes it.
fn backprop(activation: Activation, z: &[Pair], a: &[Pair], de_da: &[Pair], de_dz: &mut [Pair]) {
    let one = Pair::splat(1.0);
    let rows = de_dz.iter_mut().zip(z).zip(a).zip(de_da);
    match activation {
        Activation::Tanh => {
            for (((out, _), &a), &g) in rows {
                *out = g * (one - a * a);
            }
        }
        Activation::Sigmoid => {
            for (((out, _), &a), &g) in rows {
                *out = g * (a * (one - a));
            }
        }
        _ => {
            for (((out, &z), &a), &g) in rows {
                *out = Pair::new(
                    g.lane(0) * activation.derivative(z.lane(0), a.lane(0)),
                    g.lane(1) * activation.derivative(z.lane(1), a.lane(1)),
                );
            }
        }
    }
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
    /// The data, example-major.
    inputs: Vec<f64>,
    targets: Vec<f64>,
    input_width: usize,
    output_width: usize,
    batches: Batches,
    block: Block,
    batch_losses: Vec<f64>,
    step: usize,
}

impl FastTrainer {
    pub fn new(spec: &Spec) -> Result<FastTrainer, SpecError> {
        spec.validate()?;
        let input_width = spec.layers[0].inputs();
        let mut shapes = Vec::with_capacity(spec.layers.len());
        let (mut params, mut rows) = (0, input_width);
        for layer in &spec.layers {
            shapes.push(Shape {
                inputs: layer.inputs(),
                neurons: layer.neurons(),
                params,
                rows,
                activation: layer.activation,
                frozen_biases: layer.frozen_biases,
            });
            params += layer.neurons() * (layer.inputs() + 1);
            rows += layer.neurons();
        }
        let flat = |sets: Vec<ParamSet>| -> Vec<f64> {
            sets.iter()
                .flat_map(|s| s.weights.iter().flatten().chain(&s.biases).copied())
                .collect()
        };
        let layer_params: Vec<f64> = spec.layers.iter().flat_map(Layer::params).collect();
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
        let examples = spec.data.inputs.len();
        let batches = Batches::new(
            examples,
            spec.batch_size,
            spec.shuffle_seed,
            spec.start_step,
        );
        let batch_columns = spec.batch_size.clamp(1, examples.max(1));
        Ok(FastTrainer {
            loss: spec.loss,
            optimizer: spec.optimizer,
            params: layer_params,
            grads: vec![0.0; params],
            first,
            second,
            adam_steps,
            inputs: spec.data.inputs.iter().flatten().copied().collect(),
            targets: spec.data.targets.iter().flatten().copied().collect(),
            input_width,
            output_width,
            batches,
            block: Block::new(rows, output_width, widest(&shapes), batch_columns),
            batch_losses: Vec::with_capacity(batch_columns),
            step: spec.start_step,
            shapes,
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
                Layer {
                    weights,
                    biases: self.params[s.bias()..s.bias() + s.neurons].to_vec(),
                    activation: s.activation,
                    frozen_biases: s.frozen_biases,
                }
            })
            .collect()
    }

    /// One optimizer step over the next batch; returns the batch's loss.
    pub fn step(&mut self) -> f64 {
        self.step_with(true)
    }

    /// One step. The loss is only a report (the gradients do not need it), so a run of steps computes it for
    /// its last step alone and saves a logarithm per example.
    fn step_with(&mut self, report_loss: bool) -> f64 {
        let batch = self.batches.next();
        let n = batch.len();
        let p = self.block.pairs;
        for (e, &k) in batch.iter().enumerate() {
            for i in 0..self.input_width {
                set(
                    &mut self.block.a,
                    p,
                    i,
                    e,
                    self.inputs[k * self.input_width + i],
                );
            }
            for j in 0..self.output_width {
                set(
                    &mut self.block.targets,
                    p,
                    j,
                    e,
                    self.targets[k * self.output_width + j],
                );
            }
        }
        self.block.forward(&self.shapes, &self.params, n);
        let mut loss = f64::NAN;
        if report_loss {
            self.batch_losses.clear();
            let last = self.shapes[self.shapes.len() - 1];
            self.block
                .losses(&last, self.loss, n, &mut self.batch_losses);
            loss = self.batch_losses.iter().sum::<f64>() / n as f64;
        }
        self.grads.fill(0.0);
        let scale = 1.0 / n as f64;
        self.block.backward(
            &self.shapes,
            &self.params,
            self.loss,
            n,
            scale,
            &mut self.grads,
        );
        if matches!(self.optimizer, Optimizer::Adam { .. }) {
            self.adam_steps = self.adam_steps.saturating_add(1);
        }
        let rule = self.optimizer.rule(self.adam_steps);
        for s in &self.shapes {
            let end = if s.frozen_biases {
                s.bias()
            } else {
                s.bias() + s.neurons
            };
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
        for k in 0..steps {
            loss = self.step_with(k + 1 == steps);
        }
        loss
    }

    /// Every neuron's activation over an n×n grid of two-dimensional inputs in [lo, hi]²: the values a decision
    /// boundary and per-neuron maps are painted from. Laid out point by point, neurons in layer order. One row
    /// of the grid goes through the network as one block.
    pub fn neuron_grid(&self, lo: f64, hi: f64, n: usize) -> Vec<f64> {
        let rows = self.block.a.len() / self.block.pairs;
        let neurons = rows - self.input_width;
        let mut block = Block::new(rows, self.output_width, widest(&self.shapes), n);
        let mut out = Vec::with_capacity(n * n * neurons);
        let at = |k: usize| {
            if n > 1 {
                lo + (hi - lo) * k as f64 / (n - 1) as f64
            } else {
                lo
            }
        };
        let p = block.pairs;
        for row in 0..n {
            for col in 0..n {
                set(&mut block.a, p, 0, col, at(col));
                if self.input_width > 1 {
                    set(&mut block.a, p, 1, col, at(row));
                }
            }
            block.forward(&self.shapes, &self.params, n);
            for col in 0..n {
                out.extend((self.input_width..rows).map(|r| get(&block.a, p, r, col)));
            }
        }
        out
    }
}

/// The most inputs or neurons of any layer: the size of the per-example scratch rows.
fn widest(shapes: &[Shape]) -> usize {
    shapes
        .iter()
        .map(|s| s.inputs.max(s.neurons))
        .max()
        .unwrap_or(1)
}
