//! One training run on prepared rows: the engine's fast trainer on the training rows, the validation loss
//! after every epoch, early stopping with patience (the best epoch's weights kept), a divergence caught, and
//! the figures of a set: accuracy and a confusion matrix for classes, the error in the target's units for a
//! value. The test rows are scored only when asked (`evaluate`).

use serde::Serialize;

use super::prepare::{argmax, Prepared, Set, Task};
use super::setup::DataSetup;
use crate::engine::fast::{FastTrainer, Probe};
use crate::engine::layer::glorot;
use crate::engine::spec::{Data, Spec};
use crate::engine::{Activation, Loss};

/// A loss above this counts as exploding.
pub const EXPLODED: f64 = 1e6;

#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct Figures {
    pub loss: Option<f64>,
    pub rows: usize,
    /// Classification: the share right, and counts[true class][predicted class].
    pub accuracy: Option<f64>,
    pub confusion: Vec<Vec<usize>>,
    /// Regression: root-mean-square error in the target's own units.
    pub rmse: Option<f64>,
}

pub struct Run {
    trainer: FastTrainer,
    validation_probe: Probe,
    training_probe: Probe,
    pub training_losses: Vec<f64>,
    pub validation_losses: Vec<f64>,
    pub best_epoch: usize,
    best_params: Vec<f64>,
    /// The epoch early stopping stopped at, if it did.
    pub stopped_at: Option<usize>,
    pub diverged: Option<usize>,
    pub validation: Figures,
    pub training: Figures,
    pub test: Option<Figures>,
}

/// The output layer and loss of the task.
fn output(task: &Task) -> (usize, Activation, Loss) {
    match task {
        Task::Classification(classes) => (classes.len(), Activation::Softmax, Loss::CrossEntropy),
        Task::Regression => (1, Activation::Identity, Loss::SquaredError),
    }
}

fn data_of(prepared: &Prepared, set: Set) -> Data {
    let rows = prepared.rows_of(set);
    Data {
        inputs: rows.iter().map(|&k| prepared.encoded[k].clone()).collect(),
        targets: rows.iter().map(|&k| prepared.targets[k].clone()).collect(),
    }
}

impl Run {
    /// The run at epoch 0 from the starting weights (seeded Glorot).
    pub fn new(prepared: &Prepared, setup: &DataSetup) -> Result<Run, String> {
        let (outputs, activation, loss) = output(&prepared.task);
        let mut sizes = vec![prepared.inputs.len()];
        sizes.extend(&setup.hidden);
        sizes.push(outputs);
        let data = data_of(prepared, Set::Training);
        let spec = Spec {
            layers: glorot(
                &sizes,
                (setup.activation, activation),
                0.0,
                setup.weight_seed,
            ),
            loss,
            optimizer: setup.optimizer(),
            batch_size: setup.batch.min(data.inputs.len()).max(1),
            data,
            steps: 1,
            shuffle_seed: Some(setup.weight_seed),
            start_step: 0,
            optimizer_state: None,
        };
        let trainer = FastTrainer::new(&spec).map_err(|e| e.to_string())?;
        let mut run = Run {
            validation_probe: trainer.probe(&data_of(prepared, Set::Validation)),
            training_probe: trainer.probe(&spec.data),
            best_params: trainer.params().to_vec(),
            trainer,
            training_losses: Vec::new(),
            validation_losses: Vec::new(),
            best_epoch: 0,
            stopped_at: None,
            diverged: None,
            validation: Figures::default(),
            training: Figures::default(),
            test: None,
        };
        run.record();
        Ok(run)
    }

    pub fn epoch(&self) -> usize {
        self.training_losses.len() - 1
    }

    /// The losses after an epoch; false once the run has diverged.
    fn record(&mut self) -> bool {
        let params = self.trainer.params();
        let training = self.trainer.probe_loss(&mut self.training_probe, params);
        let validation = self.trainer.probe_loss(&mut self.validation_probe, params);
        let sound = params.iter().all(|p| p.is_finite())
            && [training, validation]
                .iter()
                .all(|l| l.is_finite() && *l < EXPLODED);
        if !sound {
            self.diverged = Some(self.training_losses.len());
            return false;
        }
        self.training_losses.push(training);
        self.validation_losses.push(validation);
        let best = self.validation_losses[self.best_epoch];
        if validation < best || self.validation_losses.len() == 1 {
            self.best_epoch = self.validation_losses.len() - 1;
            self.best_params.copy_from_slice(params);
        }
        true
    }

    /// Trains to `setup.epochs`, or until the validation loss has not improved for `patience` epochs, or
    /// until the run diverges; then measures the training and validation rows with the weights kept.
    pub fn train(&mut self, prepared: &Prepared, setup: &DataSetup) {
        let rows = prepared.rows_of(Set::Training).len();
        let steps = rows.div_ceil(setup.batch.min(rows).max(1));
        while self.epoch() < setup.epochs && self.diverged.is_none() && self.stopped_at.is_none() {
            self.trainer.train(steps);
            if !self.record() {
                break;
            }
            if setup.patience > 0 && self.epoch() - self.best_epoch >= setup.patience {
                self.stopped_at = Some(self.epoch());
            }
        }
        if setup.patience == 0 && self.diverged.is_none() {
            // No early stopping: the figures are those of the last epoch.
            self.best_epoch = self.epoch();
            self.best_params.copy_from_slice(self.trainer.params());
        }
        self.training = self.figures(prepared, Set::Training);
        self.validation = self.figures(prepared, Set::Validation);
    }

    /// The weights the figures use: the best epoch's when early stopping is on (or after a divergence),
    /// else the last.
    fn kept(&self) -> &[f64] {
        &self.best_params
    }

    /// Scores the test rows once, with the weights kept.
    pub fn evaluate(&mut self, prepared: &Prepared) {
        self.test = Some(self.figures(prepared, Set::Test));
    }

    pub fn figures(&self, prepared: &Prepared, set: Set) -> Figures {
        let rows = prepared.rows_of(set);
        let data = data_of(prepared, set);
        let mut probe = self.trainer.probe(&data);
        let loss = self.trainer.probe_loss(&mut probe, self.kept());
        let outputs = self.outputs(&data.inputs);
        let mut figures = Figures {
            loss: loss.is_finite().then_some(loss),
            rows: rows.len(),
            ..Figures::default()
        };
        match &prepared.task {
            Task::Classification(classes) => {
                let mut confusion = vec![vec![0; classes.len()]; classes.len()];
                for (k, out) in rows.iter().zip(&outputs) {
                    confusion[prepared.class_of(*k)][argmax(out)] += 1;
                }
                let right: usize = (0..classes.len()).map(|c| confusion[c][c]).sum();
                figures.accuracy = (!rows.is_empty()).then(|| right as f64 / rows.len() as f64);
                figures.confusion = confusion;
            }
            Task::Regression => {
                let sd = prepared.target_scale.1;
                let sum: f64 = rows
                    .iter()
                    .zip(&outputs)
                    .map(|(&k, out)| ((out[0] - prepared.targets[k][0]) * sd).powi(2))
                    .sum();
                let rmse = (sum / rows.len().max(1) as f64).sqrt();
                figures.rmse = rmse.is_finite().then_some(rmse);
            }
        }
        figures
    }

    /// The network's outputs for `inputs`, with the weights kept.
    fn outputs(&self, inputs: &[Vec<f64>]) -> Vec<Vec<f64>> {
        let layers = self.trainer.layers();
        let width = layers[layers.len() - 1].neurons();
        let all: usize = layers.iter().map(|l| l.neurons()).sum();
        let mut sweep = self.trainer.sweep(inputs);
        let flat = self
            .trainer
            .sweep_neurons(&mut sweep, self.kept(), all - width..all);
        flat.chunks(width).map(<[f64]>::to_vec).collect()
    }
}
