//! The trainer: walks the data in batches and runs one recorded optimizer step at a time.

use crate::batches::Batches;
use crate::layer::Layer;
use crate::network::{batch_gradients, run_example};
use crate::optimizer::OptimizerState;
use crate::regularization::Regularization;
use crate::spec::{Spec, SpecError};
use crate::trace::StepTrace;

#[derive(Clone, Debug)]
pub struct Trainer {
    spec: Spec,
    layers: Vec<Layer>,
    state: OptimizerState,
    /// Optimizer steps taken so far.
    step: usize,
    batches: Batches,
    /// Applied to the weights after each update; none unless asked for (a spec does not carry it).
    regularization: Regularization,
}

impl Trainer {
    pub fn new(spec: Spec) -> Result<Trainer, SpecError> {
        spec.validate()?;
        let layers = spec.layers.clone();
        let state = spec
            .optimizer_state
            .clone()
            .unwrap_or_else(|| spec.optimizer.initial_state(&layers));
        let batches = Batches::new(
            spec.data.inputs.len(),
            spec.batch_size,
            spec.shuffle_seed,
            spec.start_step,
        );
        Ok(Trainer {
            layers,
            state,
            step: spec.start_step,
            batches,
            spec,
            regularization: Regularization::None,
        })
    }

    /// The same trainer with L1 or L2 applied to the weights after every update (see `regularization`).
    pub fn with_regularization(mut self, regularization: Regularization) -> Trainer {
        self.regularization = regularization;
        self
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
                OptimizerState::Sgd {} => None,
                ref state => Some(state.clone()),
            },
            ..self.spec.clone()
        }
    }

    /// One forward pass, backward pass and update over the next batch, with every value recorded.
    pub fn step(&mut self) -> StepTrace {
        let data = &self.spec.data;
        let examples: Vec<_> = self
            .batches
            .next()
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
        if !self.regularization.is_off() {
            let learning_rate = self.spec.optimizer.learning_rate();
            for row in self.layers.iter_mut().flat_map(|l| l.weights.iter_mut()) {
                self.regularization.apply_all(row, learning_rate);
            }
        }
        let trace = StepTrace {
            step: self.step,
            epoch: self.batches.epoch(),
            examples,
            loss,
            gradients,
            before,
            after: self.layers.clone(),
            optimizer_state: self.state.clone(),
        };
        self.step += 1;
        self.batches.advance();
        trace
    }
}
