//! The lab's state: a network trained one epoch at a time on the training points, with both errors recorded
//! after every epoch, the weights of the best epoch kept, and the reasons a run cannot go on.

use super::data::{curve_xs, samples, truth, Sample, CURVE_POINTS};
use super::rule::{StopPoint, Watch};
use super::setup::{StoppingSetup, MAX_EPOCHS};
use crate::engine::activation::Activation;
use crate::engine::fast::{FastTrainer, Probe};
use crate::engine::layer::glorot;
use crate::engine::loss::Loss;
use crate::engine::optimizer::Optimizer;
use crate::engine::spec::{Data, Spec};

/// One run of the lab. The commands (`command.rs`) and the snapshot (`snapshot.rs`) read and set the run's
/// record, so those fields are `pub(super)`; the trainer and its probes are touched only here.
pub struct StoppingLab {
    pub(super) setup: StoppingSetup,
    pub(super) samples: Vec<Sample>,
    trainer: FastTrainer,
    validation_probe: Probe,
    training_probe: Probe,
    /// Every x at which the curves are drawn, and the points' own x, in one probe.
    curve_probe: Probe,
    /// Training and validation error after each epoch, epoch 0 (the starting weights) first.
    pub(super) training_errors: Vec<f64>,
    pub(super) validation_errors: Vec<f64>,
    pub(super) watch: Watch,
    /// The weights of the lowest validation error so far.
    best_params: Vec<f64>,
    pub(super) stop: Option<StopPoint>,
    pub(super) diverged_at: Option<usize>,
    /// The validation error of the curve the samples came from: the noise, which no fit can remove.
    pub(super) noise_floor: f64,
    /// The epoch a link asked for, while the page is still training towards it, a chunk a frame (a large
    /// network at 20,000 epochs takes seconds). Early stopping does not halt the run on the way: the link
    /// records where the run stood, even past a stopping point.
    pub(super) replay_to: Option<usize>,
    /// The network's output over the curve's x and then at each sample, with the current weights and with
    /// the best ones; refreshed after every change.
    pub(super) now_outputs: Vec<f64>,
    pub(super) best_outputs: Vec<f64>,
}

impl StoppingLab {
    pub fn new(setup: StoppingSetup) -> Result<StoppingLab, String> {
        setup.validate()?;
        let samples = samples(&setup);
        let set = |validation: bool| {
            let chosen: Vec<&Sample> = samples
                .iter()
                .filter(|s| s.validation == validation)
                .collect();
            Data {
                inputs: chosen.iter().map(|s| vec![s.x]).collect(),
                targets: chosen.iter().map(|s| vec![s.y]).collect(),
            }
        };
        let (training, validation) = (set(false), set(true));
        let noise_floor = validation
            .inputs
            .iter()
            .zip(&validation.targets)
            .map(|(x, y)| (y[0] - truth(x[0])).powi(2))
            .sum::<f64>()
            / validation.inputs.len() as f64;
        let spec = Spec {
            layers: glorot(
                &[1, setup.hidden, setup.hidden, 1],
                (Activation::Tanh, Activation::Identity),
                0.0,
                setup.weight_seed,
            ),
            loss: Loss::SquaredError,
            optimizer: Optimizer::adam(setup.learning_rate),
            batch_size: training.inputs.len(),
            data: training.clone(),
            steps: 1,
            shuffle_seed: None,
            start_step: 0,
            optimizer_state: None,
        };
        let trainer = FastTrainer::new(&spec)
            .map_err(|e| e.to_string())?
            .with_weight_decay(setup.weight_decay);
        let curve_x = curve_xs().chain(samples.iter().map(|s| s.x));
        let curve = Data {
            inputs: curve_x.map(|x| vec![x]).collect(),
            targets: vec![vec![0.0]; CURVE_POINTS + samples.len()],
        };
        let mut lab = StoppingLab {
            validation_probe: trainer.probe(&validation),
            training_probe: trainer.probe(&training),
            curve_probe: trainer.probe(&curve),
            best_params: trainer.params().to_vec(),
            trainer,
            samples,
            training_errors: Vec::new(),
            validation_errors: Vec::new(),
            watch: Watch::new(f64::NAN, setup.min_delta),
            stop: None,
            diverged_at: None,
            noise_floor,
            replay_to: None,
            now_outputs: Vec::new(),
            best_outputs: Vec::new(),
            setup,
        };
        let (training_error, validation_error) = lab.errors();
        lab.training_errors.push(training_error);
        lab.validation_errors.push(validation_error);
        lab.watch = Watch::new(validation_error, lab.setup.min_delta);
        lab.refresh_outputs();
        Ok(lab)
    }

    pub fn setup(&self) -> &StoppingSetup {
        &self.setup
    }

    pub fn samples(&self) -> &[Sample] {
        &self.samples
    }

    /// The current weights, as layers.
    pub fn layers(&self) -> Vec<crate::engine::layer::Layer> {
        self.trainer.layers()
    }

    pub fn epoch(&self) -> usize {
        self.training_errors.len() - 1
    }

    /// Both mean squared errors at the current weights.
    fn errors(&mut self) -> (f64, f64) {
        let params = self.trainer.params();
        (
            self.trainer.probe_loss(&mut self.training_probe, params),
            self.trainer.probe_loss(&mut self.validation_probe, params),
        )
    }

    fn refresh_outputs(&mut self) {
        self.now_outputs = self
            .trainer
            .probe_outputs(&mut self.curve_probe, self.trainer.params());
        self.best_outputs = self
            .trainer
            .probe_outputs(&mut self.curve_probe, &self.best_params);
    }

    /// Why the run cannot go on, if it cannot.
    pub(super) fn finished(&self) -> Option<String> {
        if let Some(epoch) = self.diverged_at {
            return Some(format!(
                "The run diverged at epoch {epoch}: its error is no longer a number. Press Reset, and lower the learning rate."
            ));
        }
        if let (true, Some(stop), None) = (self.setup.stop_early, self.stop, self.replay_to) {
            let when = if stop.epoch == self.epoch() {
                "ended this run"
            } else {
                "would have ended this run"
            };
            return Some(format!(
                "Early stopping {when} at epoch {}. Raise the patience or turn early stopping off to train on, or press Reset.",
                stop.epoch
            ));
        }
        (self.epoch() >= MAX_EPOCHS)
            .then(|| format!("The run has reached its limit of {MAX_EPOCHS} epochs."))
    }

    pub(super) fn train(&mut self, epochs: usize) -> Result<(), String> {
        if let Some(why) = self.finished() {
            return Err(why);
        }
        let epochs = match self.replay_to {
            Some(target) => epochs.min(target - self.epoch()),
            None => epochs,
        };
        for _ in 0..epochs {
            if self.finished().is_some() {
                break;
            }
            self.trainer.train(1);
            let (training_error, validation_error) = self.errors();
            self.training_errors.push(training_error);
            self.validation_errors.push(validation_error);
            if !training_error.is_finite() {
                self.diverged_at = Some(self.epoch());
            }
            if self.watch.observe(validation_error) {
                self.best_params.copy_from_slice(self.trainer.params());
            }
            if self.stop.is_none() {
                self.stop = self.watch.stop_point(self.setup.patience);
            }
        }
        if self.replay_to.is_some_and(|target| self.epoch() >= target) || self.diverged_at.is_some()
        {
            self.replay_to = None;
        }
        self.refresh_outputs();
        Ok(())
    }
}
