//! Training at full speed: the same arithmetic as `Trainer`, in the same order, so it gives bit-identical
//! parameters, but on flat arrays allocated once and with nothing recorded. The page records a trace only
//! for the step a person is looking at; long runs and benchmarks come through here.
//!
//! A batch goes through the network together, one layer at a time ("batch-major"). Each neuron's values for
//! all the batch's examples sit side by side, so the inner loops run across examples: they are independent,
//! have no branches (see `elementary`), and compile to SIMD. Every sum still runs over the same terms in the
//! same order as the traced trainer's, which is what keeps the bits identical.

use backprop_kernels::batch::{get, set, widest, Block, Shape};

use crate::batches::Batches;
use crate::layer::Layer;
use crate::layer::ParamSet;
use crate::loss::Loss;
use crate::optimizer::{Optimizer, OptimizerState};
use crate::regularization::Regularization;
use crate::spec::{Data, Spec, SpecError};

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
    /// L2 weight decay λ: each weight's gradient gains λ·w, the slope of a penalty (λ/2)·Σw² (biases are
    /// not penalised). Zero unless asked for.
    weight_decay: f64,
    /// L1 or L2 applied to the weights after each update (see `regularization`). None unless asked for.
    regularization: Regularization,
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
            OptimizerState::Sgd {} => (vec![0.0; params], vec![0.0; params], 0),
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
            weight_decay: 0.0,
            regularization: Regularization::None,
        })
    }

    /// The same trainer with L2 weight decay λ (see `weight_decay`).
    pub fn with_weight_decay(mut self, decay: f64) -> FastTrainer {
        self.weight_decay = decay;
        self
    }

    /// The same trainer with L1 or L2 applied after every update, as the traced trainer's
    /// `with_regularization` applies it.
    pub fn with_regularization(mut self, regularization: Regularization) -> FastTrainer {
        self.regularization = regularization;
        self
    }

    pub fn regularization(&self) -> Regularization {
        self.regularization
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
        self.block.load(
            batch,
            (&self.inputs, self.input_width),
            (&self.targets, self.output_width),
        );
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
        if self.weight_decay != 0.0 {
            for s in &self.shapes {
                for k in s.params..s.bias() {
                    self.grads[k] += self.weight_decay * self.params[k];
                }
            }
        }
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
            let range = s.params..end;
            rule.apply_all(
                &mut self.params[range.clone()],
                &self.grads[range.clone()],
                &mut self.first[range.clone()],
                &mut self.second[range],
            );
        }
        if !self.regularization.is_off() {
            let learning_rate = self.optimizer.learning_rate();
            for s in &self.shapes {
                self.regularization
                    .apply_all(&mut self.params[s.params..s.bias()], learning_rate);
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

    /// The parameters, flat: each layer's weights (row-major) then its biases, layer after layer.
    pub fn params(&self) -> &[f64] {
        &self.params
    }

    /// Examples this trainer does not learn from (a validation set, or a grid of inputs for a curve), ready
    /// to be run through the network again and again without allocating.
    pub fn probe(&self, data: &Data) -> Probe {
        let n = data.inputs.len();
        let rows = self.block.a.len() / self.block.pairs;
        Probe {
            order: (0..n).collect(),
            inputs: data.inputs.iter().flatten().copied().collect(),
            targets: data.targets.iter().flatten().copied().collect(),
            block: Block::new(rows, self.output_width, widest(&self.shapes), n),
            losses: Vec::with_capacity(n),
        }
    }

    /// Runs a probe's examples forward with `params` (this trainer's, or a copy kept from earlier).
    fn run_probe(&self, probe: &mut Probe, params: &[f64]) {
        probe.block.load(
            &probe.order,
            (&probe.inputs, self.input_width),
            (&probe.targets, self.output_width),
        );
        probe.block.forward(&self.shapes, params, probe.order.len());
    }

    /// The mean loss over a probe's examples with `params`: the validation error, when the probe holds the
    /// validation set. Training is not touched.
    pub fn probe_loss(&self, probe: &mut Probe, params: &[f64]) -> f64 {
        self.run_probe(probe, params);
        probe.losses.clear();
        let last = self.shapes[self.shapes.len() - 1];
        probe
            .block
            .losses(&last, self.loss, probe.order.len(), &mut probe.losses);
        probe.losses.iter().sum::<f64>() / probe.order.len().max(1) as f64
    }

    /// The first output for each of a probe's examples with `params` (a fitted curve over a grid).
    pub fn probe_outputs(&self, probe: &mut Probe, params: &[f64]) -> Vec<f64> {
        self.run_probe(probe, params);
        let last = self.shapes[self.shapes.len() - 1];
        (0..probe.order.len())
            .map(|e| get(&probe.block.a, probe.block.pairs, last.rows, e))
            .collect()
    }

    /// Inputs to run forward again and again without training on them, however many (every cell of a
    /// 160×160 picture): they go through one block a chunk of `SWEEP_CHUNK` at a time.
    pub fn sweep(&self, inputs: &[Vec<f64>]) -> Sweep {
        Sweep {
            count: inputs.len(),
            inputs: inputs.iter().flatten().copied().collect(),
            width: self.input_width,
            block: self.sweep_block(),
            fitted: (self.block.a.len() / self.block.pairs, widest(&self.shapes)),
        }
    }

    fn sweep_block(&self) -> Block {
        let rows = self.block.a.len() / self.block.pairs;
        Block::new(rows, self.output_width, widest(&self.shapes), SWEEP_CHUNK)
    }

    /// For each of a sweep's inputs, with `params`, the activations of the neurons `neurons` (counted over
    /// every layer's neurons in order, the output last): laid out input by input, like `neuron_grid`.
    /// A sweep made for a network of other sizes is refitted first; inputs of the wrong width give nothing.
    pub fn sweep_neurons(
        &self,
        sweep: &mut Sweep,
        params: &[f64],
        neurons: std::ops::Range<usize>,
    ) -> Vec<f64> {
        let rows = self.block.a.len() / self.block.pairs;
        let all = rows - self.input_width;
        if sweep.width != self.input_width || neurons.end > all || params.len() != self.params.len()
        {
            return Vec::new();
        }
        if sweep.fitted != (rows, widest(&self.shapes)) {
            sweep.block = self.sweep_block();
            sweep.fitted = (rows, widest(&self.shapes));
        }
        let mut out = Vec::with_capacity(sweep.count * neurons.len());
        let (p, w) = (sweep.block.pairs, self.input_width);
        for first in (0..sweep.count).step_by(SWEEP_CHUNK) {
            let n = SWEEP_CHUNK.min(sweep.count - first);
            for e in 0..n {
                for r in 0..w {
                    set(
                        &mut sweep.block.a,
                        p,
                        r,
                        e,
                        sweep.inputs[(first + e) * w + r],
                    );
                }
            }
            sweep.block.forward(&self.shapes, params, n);
            for e in 0..n {
                out.extend(neurons.clone().map(|k| get(&sweep.block.a, p, w + k, e)));
            }
        }
        out
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

/// Inputs a sweep runs forward at a time.
pub const SWEEP_CHUNK: usize = 256;

/// Inputs run forward through a trainer's network in chunks, without targets; see `FastTrainer::sweep`.
#[derive(Clone, Debug)]
pub struct Sweep {
    count: usize,
    /// Example-major.
    inputs: Vec<f64>,
    width: usize,
    block: Block,
    /// The rows and widest layer the block was made for.
    fitted: (usize, usize),
}

impl Sweep {
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Examples run through a trainer's network without training on them; see `FastTrainer::probe`.
#[derive(Clone, Debug)]
pub struct Probe {
    order: Vec<usize>,
    inputs: Vec<f64>,
    targets: Vec<f64>,
    block: Block,
    losses: Vec<f64>,
}
