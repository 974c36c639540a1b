//! The trainer: walks the data in batches and runs one recorded optimizer step at a time.

use super::network::{batch_gradients, run_example, Layer};
use super::optimizer::OptimizerState;
use super::rng::Rng;
use super::spec::{Spec, SpecError};
use super::trace::StepTrace;

#[derive(Clone, Debug)]
pub struct Trainer {
    spec: Spec,
    layers: Vec<Layer>,
    state: OptimizerState,
    /// Optimizer steps taken so far.
    step: usize,
    epoch: usize,
    /// The order in which this epoch visits the examples, and how far it has got.
    order: Vec<usize>,
    position: usize,
}

impl Trainer {
    pub fn new(spec: Spec) -> Result<Trainer, SpecError> {
        spec.validate()?;
        let layers = spec.layers.clone();
        let state = spec
            .optimizer_state
            .clone()
            .unwrap_or_else(|| spec.optimizer.initial_state(&layers));
        // Resuming at step k: the batches before it are skipped, epoch by epoch, so the next batch is the one an
        // uninterrupted run would take.
        let examples = spec.data.inputs.len();
        let steps_per_epoch = examples.div_ceil(spec.batch_size);
        let step = spec.start_step;
        let mut trainer = Trainer {
            layers,
            state,
            step,
            epoch: step / steps_per_epoch,
            order: Vec::new(),
            position: (step % steps_per_epoch) * spec.batch_size,
            spec,
        };
        trainer.order = trainer.epoch_order();
        Ok(trainer)
    }

    pub fn spec(&self) -> &Spec {
        &self.spec
    }

    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    pub fn steps_taken(&self) -> usize {
        self.step
    }

    /// The spec that continues from here: the current parameters and optimizer state.
    pub fn next_spec(&self) -> Spec {
        Spec {
            layers: self.layers.clone(),
            start_step: self.step,
            optimizer_state: match self.state {
                OptimizerState::Sgd => None,
                ref state => Some(state.clone()),
            },
            ..self.spec.clone()
        }
    }

    fn epoch_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.spec.data.inputs.len()).collect();
        if let Some(seed) = self.spec.shuffle_seed {
            // One stream per epoch, so epoch k's order does not depend on how many steps were traced before.
            Rng::new(seed ^ (self.epoch as u64).wrapping_mul(0xA076_1D64_78BD_642F))
                .shuffle(&mut order);
        }
        order
    }

    /// The example indices of the next batch.
    pub fn next_batch(&self) -> &[usize] {
        let end = (self.position + self.spec.batch_size).min(self.order.len());
        &self.order[self.position..end]
    }

    /// One forward pass, backward pass and update over the next batch, with every value recorded.
    pub fn step(&mut self) -> StepTrace {
        let batch = self.next_batch().to_vec();
        let data = &self.spec.data;
        let examples: Vec<_> = batch
            .iter()
            .map(|&k| {
                run_example(
                    &self.layers,
                    self.spec.loss,
                    k,
                    &data.inputs[k],
                    &data.targets[k],
                )
            })
            .collect();
        let loss = examples.iter().map(|e| e.loss).sum::<f64>() / examples.len() as f64;
        let gradients = batch_gradients(&self.layers, &examples);
        let before = self.layers.clone();
        self.spec
            .optimizer
            .update(&mut self.layers, &gradients, &mut self.state);
        let trace = StepTrace {
            step: self.step,
            epoch: self.epoch,
            examples,
            loss,
            gradients,
            before,
            after: self.layers.clone(),
            optimizer_state: self.state.clone(),
        };
        self.step += 1;
        self.position += batch.len();
        if self.position >= self.order.len() {
            self.epoch += 1;
            self.position = 0;
            self.order = self.epoch_order();
        }
        trace
    }
}
