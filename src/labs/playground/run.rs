//! One training run from the starting weights: the engine's fast trainer on the training points, the
//! counters, the losses of both sets after every epoch, and whether the run diverged. Rebuilt whenever what
//! is learnt changes.

use super::data::Point;
use super::metrics::{measure, Metrics};
use super::network::{output, starting_layers};
use super::setup::PlaygroundSetup;
use crate::engine::fast::{FastTrainer, Probe};
use crate::engine::spec::{Data, Spec};

/// A training loss above this counts as exploding: far beyond any loss these data give a working network.
pub const EXPLODED: f64 = 1e6;

/// Why and when a run stopped making sense.
#[derive(serde::Serialize, Clone, Debug, PartialEq)]
pub struct Divergence {
    pub epoch: usize,
    pub updates: usize,
    pub reason: String,
}

/// One training run from the starting weights; rebuilt whenever what is learnt changes.
pub struct Run {
    /// The run's start: starting weights, the training points' features, batch size and shuffle seed. The
    /// traced trainer started from it (with the same regularisation) takes the same steps to the bit.
    pub spec: Spec,
    pub(super) trainer: FastTrainer,
    training_probe: Probe,
    test_probe: Probe,
    /// Which point each training and test example is.
    pub(super) training_points: Vec<usize>,
    pub(super) test_points: Vec<usize>,
    test_targets: Vec<f64>,
    pub steps_per_epoch: usize,
    pub updates: usize,
    pub epoch: usize,
    /// The loss over each set after each epoch, epoch 0 (the starting weights) first.
    pub training_losses: Vec<f64>,
    pub test_losses: Vec<f64>,
    pub diverged: Option<Divergence>,
    /// The parameters on show: the trainer's, or after a divergence the last ones that were all finite.
    pub(super) shown: Vec<f64>,
    /// The parameters before the last update, for the inspector's "last update".
    pub(super) before_last: Option<Vec<f64>>,
    /// The epoch a link asked for, while `Train` commands are still training towards it.
    pub replay_to: Option<usize>,
    pub training: Metrics,
    pub test: Metrics,
}

fn data_of(points: &[Point], inputs: &[Vec<f64>], chosen: &[usize]) -> Data {
    Data {
        inputs: chosen.iter().map(|&k| inputs[k].clone()).collect(),
        targets: chosen.iter().map(|&k| vec![points[k].target]).collect(),
    }
}

impl Run {
    pub(super) fn new(
        setup: &PlaygroundSetup,
        points: &[Point],
        inputs: &[Vec<f64>],
    ) -> Result<Run, String> {
        let (training_points, test_points): (Vec<usize>, Vec<usize>) =
            (0..points.len()).partition(|&k| !points[k].test);
        if training_points.is_empty() {
            return Err("There is no training point to learn from.".into());
        }
        let n = training_points.len();
        let batch_size = setup.batch.unwrap_or(n).clamp(1, n);
        let spec = Spec {
            layers: starting_layers(setup),
            loss: output(setup.task()).1,
            optimizer: setup.optimizer(),
            data: data_of(points, inputs, &training_points),
            batch_size,
            steps: 1,
            shuffle_seed: Some(setup.weight_seed),
            start_step: 0,
            optimizer_state: None,
        };
        let trainer = FastTrainer::new(&spec)
            .map_err(|e| e.to_string())?
            .with_regularization(setup.regularization());
        let test_data = data_of(points, inputs, &test_points);
        let mut run = Run {
            training_probe: trainer.probe(&spec.data),
            test_probe: trainer.probe(&test_data),
            test_targets: test_data.targets.iter().map(|t| t[0]).collect(),
            shown: trainer.params().to_vec(),
            spec,
            trainer,
            training_points,
            test_points,
            steps_per_epoch: n.div_ceil(batch_size),
            updates: 0,
            epoch: 0,
            training_losses: Vec::new(),
            test_losses: Vec::new(),
            diverged: None,
            before_last: None,
            replay_to: None,
            training: Metrics::default(),
            test: Metrics::default(),
        };
        run.end_epoch();
        run.measure(setup);
        Ok(run)
    }

    /// The losses after an epoch (or at the start), and whether the run has diverged.
    fn end_epoch(&mut self) {
        let params = self.trainer.params();
        let training = self.trainer.probe_loss(&mut self.training_probe, params);
        let test = if self.test_points.is_empty() {
            f64::NAN
        } else {
            self.trainer.probe_loss(&mut self.test_probe, params)
        };
        if self.check(training) {
            self.training_losses.push(training);
            // A test loss can overflow where the training loss does not; the chart keeps its last value.
            let last = self.test_losses.last().copied().unwrap_or(f64::NAN);
            self.test_losses
                .push(if test.is_finite() { test } else { last });
        }
    }

    /// Marks the run diverged if `loss` or a parameter is not a finite number or the loss exploded;
    /// otherwise the parameters become the ones shown. True while the run is sound.
    fn check(&mut self, loss: f64) -> bool {
        if self.diverged.is_some() {
            return false;
        }
        let params = self.trainer.params();
        let reason = if params.iter().any(|v| !v.is_finite()) {
            Some("a weight is no longer a number".to_string())
        } else if !loss.is_finite() {
            Some("the training loss is no longer a number".to_string())
        } else if loss > EXPLODED {
            Some(format!(
                "the training loss passed {}",
                crate::shared::format::sig4(EXPLODED)
            ))
        } else {
            None
        };
        match reason {
            Some(reason) => {
                self.diverged = Some(Divergence {
                    epoch: self.epoch,
                    updates: self.updates,
                    reason,
                });
                false
            }
            None => {
                self.shown.copy_from_slice(params);
                true
            }
        }
    }

    /// One update on the next batch.
    pub(super) fn step_batch(&mut self) {
        self.before_last = Some(self.trainer.params().to_vec());
        let loss = self.trainer.step();
        self.updates += 1;
        if self.updates % self.steps_per_epoch == 0 {
            self.epoch += 1;
            self.end_epoch();
        } else {
            self.check(loss);
        }
    }

    /// The updates left in this epoch.
    pub(super) fn finish_epoch(&mut self) {
        let left = self.steps_per_epoch - self.updates % self.steps_per_epoch;
        if left > 1 {
            self.trainer.train(left - 1);
            self.updates += left - 1;
        }
        self.step_batch();
    }

    /// The figures of both sets with the parameters shown.
    pub(super) fn measure(&mut self, setup: &PlaygroundSetup) {
        let task = setup.task();
        let shown = &self.shown;
        let targets = |data: &Data| data.targets.iter().map(|t| t[0]).collect::<Vec<_>>();
        let outputs = self.trainer.probe_outputs(&mut self.training_probe, shown);
        let loss = self.trainer.probe_loss(&mut self.training_probe, shown);
        self.training = measure(task, &outputs, &targets(&self.spec.data), loss);
        self.test = if self.test_points.is_empty() {
            Metrics::default()
        } else {
            let outputs = self.trainer.probe_outputs(&mut self.test_probe, shown);
            let loss = self.trainer.probe_loss(&mut self.test_probe, shown);
            measure(task, &outputs, &self.test_targets, loss)
        };
    }
}
