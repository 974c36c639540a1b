//! The early-stopping lab: a small network fits noisy samples of a curve. Some samples are held out as a
//! validation set the network never learns from; after every epoch both errors are recorded. Training error
//! keeps falling, but once the network starts fitting the noise the validation error turns up. Early
//! stopping watches the validation error, and when it has not improved for `patience` epochs it stops and
//! keeps the weights of the best epoch.
//!
//! One epoch is one pass over the training points, as one full batch (one optimizer step), so the curves
//! are smooth and each epoch is exactly one update.

pub mod link;
pub mod views;

use serde::{Deserialize, Serialize};

use crate::engine::activation::Activation;
use crate::engine::fast::{FastTrainer, Probe};
use crate::engine::layer::glorot;
use crate::engine::loss::Loss;
pub use crate::engine::loss_curve::thinned;
use crate::engine::optimizer::Optimizer;
use crate::engine::rng::Rng;
use crate::engine::spec::{Data, Spec};

/// A run ends here even if nothing stops it: enough for every setting the lab offers to overfit.
pub const MAX_EPOCHS: usize = 20_000;
pub const MIN_POINTS: usize = 12;
pub const MAX_POINTS: usize = 200;
/// Fewer validation points than this judge the fit by one or two noisy values.
pub const MIN_VALIDATION: usize = 3;
pub const MAX_HIDDEN: usize = 64;
/// The largest least-improvement: the errors of this lab are mean squares of a curve between −1 and 1.
pub const MAX_MIN_DELTA: f64 = 1.0;
/// Points of the fitted curves drawn over x in [−1, 1].
const CURVE_POINTS: usize = 161;

/// The x at which the fitted curves are drawn: `CURVE_POINTS` evenly over [−1, 1].
fn curve_xs() -> impl Iterator<Item = f64> {
    (0..CURVE_POINTS).map(|k| -1.0 + 2.0 * k as f64 / (CURVE_POINTS - 1) as f64)
}

/// The curve the data is sampled from, before noise: one period of a sine over x in [−1, 1].
pub fn truth(x: f64) -> f64 {
    libm::sin(std::f64::consts::PI * x)
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StoppingSetup {
    /// Samples, training and validation together.
    pub points: usize,
    /// Standard deviation of the Gaussian noise added to each sample's y.
    pub noise: f64,
    /// Percentage of the samples held out for validation.
    pub validation_percent: usize,
    /// Neurons in each of the two hidden tanh layers.
    pub hidden: usize,
    /// Adam's learning rate.
    pub learning_rate: f64,
    /// L2 weight decay λ: the penalty (λ/2)·Σw² on the weights, the other classic remedy for overfitting.
    /// The errors shown are the data's alone, without it.
    #[serde(default)]
    pub weight_decay: f64,
    /// Epochs without a lower validation error before early stopping gives up.
    pub patience: usize,
    /// How much lower an error must be to count as lower (Keras's `min_delta`): drops smaller than this are
    /// noise, and do not reset the patience or move the kept weights.
    #[serde(default)]
    pub min_delta: f64,
    /// Stop when the patience runs out; otherwise train on and only mark where it would have stopped.
    pub stop_early: bool,
    /// Seeds the samples' x, their noise and the split.
    pub data_seed: u64,
    /// Seeds the initial weights.
    pub weight_seed: u64,
}

impl Default for StoppingSetup {
    fn default() -> Self {
        StoppingSetup {
            points: 30,
            noise: 0.3,
            validation_percent: 33,
            hidden: 16,
            learning_rate: 0.01,
            weight_decay: 0.0,
            patience: 200,
            min_delta: 0.0,
            stop_early: false,
            data_seed: 1,
            weight_seed: 1,
        }
    }
}

impl StoppingSetup {
    pub fn validate(&self) -> Result<(), String> {
        if !(MIN_POINTS..=MAX_POINTS).contains(&self.points) {
            return Err(format!(
                "The number of points must be between {MIN_POINTS} and {MAX_POINTS}: fewer leave too few to split."
            ));
        }
        if !(0.0..=1.0).contains(&self.noise) {
            return Err(
                "The noise must be between 0 and 1 (the curve itself runs from −1 to 1).".into(),
            );
        }
        if !(10..=50).contains(&self.validation_percent) {
            return Err("The validation share must be between 10% and 50%.".into());
        }
        if self.validation_count() < MIN_VALIDATION {
            return Err(format!(
                "Hold out at least {MIN_VALIDATION} points for validation: {}% of {} points is {}, too few to judge the fit by.",
                self.validation_percent,
                self.points,
                self.validation_count()
            ));
        }
        if !(1..=MAX_HIDDEN).contains(&self.hidden) {
            return Err(format!(
                "Each hidden layer needs between 1 and {MAX_HIDDEN} neurons."
            ));
        }
        if !(self.learning_rate > 0.0 && self.learning_rate <= 1.0) {
            return Err("The learning rate must be above 0 and at most 1.".into());
        }
        if !(0.0..=1.0).contains(&self.weight_decay) {
            return Err("The weight decay λ must be between 0 and 1.".into());
        }
        if !(0.0..=MAX_MIN_DELTA).contains(&self.min_delta) {
            return Err(format!(
                "The smallest improvement that counts must be between 0 and {MAX_MIN_DELTA}."
            ));
        }
        if !(1..=MAX_EPOCHS).contains(&self.patience) {
            return Err(format!(
                "The patience must be between 1 and {MAX_EPOCHS} epochs."
            ));
        }
        Ok(())
    }

    pub fn validation_count(&self) -> usize {
        (self.points * self.validation_percent + 50) / 100
    }
}

/// The samples, each with its split, in order of x. The x and the noise come from `data_seed`: changing the
/// noise level scales the same draws, and changing the share moves points between the sets without
/// redrawing them.
pub fn samples(setup: &StoppingSetup) -> Vec<Sample> {
    let mut rng = Rng::new(setup.data_seed);
    let n = setup.points as f64;
    // One x at random in each of n equal slices of [−1, 1]: spread over the whole curve, already in order.
    let drawn: Vec<(f64, f64)> = (0..setup.points)
        .map(|k| {
            let x = -1.0 + 2.0 * (k as f64 + rng.next_f64()) / n;
            // Box–Muller: a standard normal from two uniforms (1 − u keeps the logarithm finite).
            let (u, v) = (1.0 - rng.next_f64(), rng.next_f64());
            let normal = (-2.0 * libm::log(u)).sqrt() * libm::cos(std::f64::consts::TAU * v);
            (x, normal)
        })
        .collect();
    let mut order: Vec<usize> = (0..setup.points).collect();
    Rng::new(setup.data_seed ^ 0x5EED_5B11_7000_0000).shuffle(&mut order);
    let mut validation = vec![false; setup.points];
    for &k in &order[..setup.validation_count()] {
        validation[k] = true;
    }
    drawn
        .iter()
        .zip(validation)
        .map(|(&(x, normal), validation)| Sample {
            x,
            y: truth(x) + setup.noise * normal,
            validation,
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub x: f64,
    pub y: f64,
    pub validation: bool,
}

/// Where early stopping with some patience stopped, and what it kept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StopPoint {
    /// The epoch after which the patience ran out.
    pub epoch: usize,
    /// The best epoch at that moment: the weights early stopping keeps.
    pub kept_epoch: usize,
    pub kept_validation: f64,
}

/// The lowest validation error so far and how long ago it was: the one rule early stopping follows, used
/// both while training and to re-read a finished run with another patience.
#[derive(Clone, Copy, Debug)]
struct Watch {
    epoch: usize,
    best_epoch: usize,
    best: f64,
    /// Epochs since the best one.
    wait: usize,
    /// The least drop that counts as an improvement.
    min_delta: f64,
}

impl Watch {
    fn new(first: f64, min_delta: f64) -> Watch {
        Watch {
            epoch: 0,
            best_epoch: 0,
            best: first,
            wait: 0,
            min_delta,
        }
    }

    /// The next epoch's validation error; true when it is a new best. Only an error lower than the best by
    /// more than `min_delta` counts (strictly lower, with 0), and an error that is not a number never does.
    fn observe(&mut self, error: f64) -> bool {
        self.epoch += 1;
        if error < self.best - self.min_delta || self.best.is_nan() && !error.is_nan() {
            self.best = error;
            self.best_epoch = self.epoch;
            self.wait = 0;
            true
        } else {
            self.wait += 1;
            false
        }
    }

    fn stop_point(&self, patience: usize) -> Option<StopPoint> {
        (self.wait >= patience).then_some(StopPoint {
            epoch: self.epoch,
            kept_epoch: self.best_epoch,
            kept_validation: self.best,
        })
    }
}

/// Reads a run's validation errors (epoch 0 first) as early stopping with `patience` and `min_delta` would:
/// the first epoch at which it would have stopped, if any.
pub fn stop_point(validation: &[f64], patience: usize, min_delta: f64) -> Option<StopPoint> {
    let (&first, rest) = validation.split_first()?;
    let mut watch = Watch::new(first, min_delta);
    rest.iter().find_map(|&error| {
        watch.observe(error);
        watch.stop_point(patience)
    })
}

#[derive(Deserialize, Clone, Debug)]
#[serde(rename_all = "snake_case")]
pub enum StoppingCommand {
    /// Up to this many epochs; fewer if early stopping stops the run or it reaches `MAX_EPOCHS`.
    Train {
        epochs: usize,
    },
    /// Back to epoch 0 with the same data and starting weights.
    Reset,
    /// Stop when the patience runs out, or train on and only mark where it would have stopped. Reads the
    /// run again: it does not change what was learnt.
    SetStopEarly {
        stop_early: bool,
    },
    /// Reads the run again with another patience.
    SetPatience {
        patience: usize,
    },
    /// The least improvement that counts decides which epoch's weights are kept, and only the best ones
    /// were: the run is trained again, from the same start, to where it was.
    SetMinDelta {
        min_delta: f64,
    },
    // Each of these changes the data, the network or the optimizer: a fresh run at epoch 0.
    SetPoints {
        points: usize,
    },
    SetNoise {
        noise: f64,
    },
    SetValidationPercent {
        validation_percent: usize,
    },
    SetHidden {
        hidden: usize,
    },
    SetLearningRate {
        learning_rate: f64,
    },
    SetWeightDecay {
        weight_decay: f64,
    },
    SetDataSeed {
        data_seed: u64,
    },
    SetWeightSeed {
        weight_seed: u64,
    },
}

pub struct StoppingLab {
    setup: StoppingSetup,
    samples: Vec<Sample>,
    trainer: FastTrainer,
    validation_probe: Probe,
    training_probe: Probe,
    /// Every x at which the curves are drawn, and the points' own x, in one probe.
    curve_probe: Probe,
    /// Training and validation error after each epoch, epoch 0 (the starting weights) first.
    training_errors: Vec<f64>,
    validation_errors: Vec<f64>,
    watch: Watch,
    /// The weights of the lowest validation error so far.
    best_params: Vec<f64>,
    stop: Option<StopPoint>,
    diverged_at: Option<usize>,
    /// The validation error of the curve the samples came from: the noise, which no fit can remove.
    noise_floor: f64,
    /// The epoch a link asked for, while the page is still training towards it, a chunk a frame (a large
    /// network at 20,000 epochs takes seconds). Early stopping does not halt the run on the way: the link
    /// records where the run stood, even past a stopping point.
    replay_to: Option<usize>,
    /// The network's output over the curve's x and then at each sample, with the current weights and with
    /// the best ones; refreshed after every change.
    now_outputs: Vec<f64>,
    best_outputs: Vec<f64>,
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
    fn finished(&self) -> Option<String> {
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

    fn train(&mut self, epochs: usize) -> Result<(), String> {
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

    /// A change that needs a fresh run: the data, the network or the optimizer.
    fn restart(&mut self, change: impl FnOnce(&mut StoppingSetup)) -> Result<(), String> {
        let mut setup = self.setup.clone();
        change(&mut setup);
        *self = StoppingLab::new(setup)?;
        Ok(())
    }

    pub fn apply(&mut self, command: StoppingCommand) -> Result<(), String> {
        match command {
            StoppingCommand::Train { epochs } => self.train(epochs).map(|_| true),
            StoppingCommand::Reset => self.restart(|_| {}).map(|_| true),
            StoppingCommand::SetStopEarly { stop_early } => {
                self.reread(|s| s.stop_early = stop_early)
            }
            StoppingCommand::SetPatience { patience } => self.reread(|s| s.patience = patience),
            StoppingCommand::SetMinDelta { min_delta } => {
                let epochs = self.epoch();
                let changed = self.fresh_run(|s| s.min_delta = min_delta)?;
                if changed && epochs > 0 {
                    self.replay_to = Some(epochs);
                }
                Ok(changed)
            }
            StoppingCommand::SetPoints { points } => self.fresh_run(|s| s.points = points),
            StoppingCommand::SetNoise { noise } => self.fresh_run(|s| s.noise = noise),
            StoppingCommand::SetValidationPercent { validation_percent } => {
                self.fresh_run(|s| s.validation_percent = validation_percent)
            }
            StoppingCommand::SetHidden { hidden } => self.fresh_run(|s| s.hidden = hidden),
            StoppingCommand::SetLearningRate { learning_rate } => {
                self.fresh_run(|s| s.learning_rate = learning_rate)
            }
            StoppingCommand::SetWeightDecay { weight_decay } => {
                self.fresh_run(|s| s.weight_decay = weight_decay)
            }
            StoppingCommand::SetDataSeed { data_seed } => {
                self.fresh_run(|s| s.data_seed = data_seed)
            }
            StoppingCommand::SetWeightSeed { weight_seed } => {
                self.fresh_run(|s| s.weight_seed = weight_seed)
            }
        }
        .map(|_| ())
    }

    /// A setting that only reads the finished run again (where it stops): the run is kept.
    fn reread(&mut self, change: impl FnOnce(&mut StoppingSetup)) -> Result<bool, String> {
        let mut setup = self.setup.clone();
        change(&mut setup);
        setup.validate()?;
        self.stop = stop_point(&self.validation_errors, setup.patience, setup.min_delta);
        self.setup = setup;
        Ok(false)
    }

    /// A setting that changes what is learnt: a fresh run from epoch 0, unless the value is the one in force.
    /// Says whether the run started again; a refused value keeps the run.
    fn fresh_run(&mut self, change: impl FnOnce(&mut StoppingSetup)) -> Result<bool, String> {
        let mut setup = self.setup.clone();
        change(&mut setup);
        setup.validate()?;
        if setup == self.setup {
            return Ok(false);
        }
        self.restart(|s| *s = setup)?;
        Ok(true)
    }

    pub fn link(&self) -> String {
        link::stopping_query(&self.setup, self.replay_to.unwrap_or(self.epoch()))
    }

    /// Opens the setup a link describes at epoch 0, to be trained to the link's epoch by `Train` commands
    /// (see `replay_to`); a refused link changes nothing.
    pub fn open_link(&mut self, query: &str) -> Result<(), String> {
        let (setup, epochs) = link::stopping_from_query(query)?;
        let mut lab = StoppingLab::new(setup)?;
        lab.replay_to = (epochs > 0).then_some(epochs);
        *self = lab;
        Ok(())
    }

    pub fn snapshot(&self) -> StoppingSnapshot {
        let epoch = self.epoch();
        let (now, best) = (&self.now_outputs, &self.best_outputs);
        let xs: Vec<f64> = curve_xs().collect();
        let curve = |values: &[f64]| -> Vec<[f64; 2]> {
            xs.iter().zip(values).map(|(&x, &y)| [x, y]).collect()
        };
        let rows = self
            .samples
            .iter()
            .zip(&now[CURVE_POINTS..])
            .zip(&best[CURVE_POINTS..])
            .map(|((s, &now), &best)| PointRow {
                x: s.x,
                y: s.y,
                validation: s.validation,
                now,
                best,
            })
            .collect();
        let training_count = self.samples.iter().filter(|s| !s.validation).count();
        StoppingSnapshot {
            setup: self.setup.clone(),
            epoch,
            training_count,
            validation_count: self.samples.len() - training_count,
            training_error: self.training_errors[epoch],
            validation_error: self.validation_errors[epoch],
            best_epoch: self.watch.best_epoch,
            best_validation: self.watch.best,
            best_training: self.training_errors[self.watch.best_epoch],
            wait: self.watch.wait,
            noise_floor: self.noise_floor,
            replay_to: self.replay_to,
            stop: self.stop,
            finished: self.finished(),
            status: self.status(),
            rows,
            truth_curve: xs.iter().map(|&x| [x, truth(x)]).collect(),
            fit_curve: curve(&now[..CURVE_POINTS]),
            best_curve: curve(&best[..CURVE_POINTS]),
            training_history: thinned(&self.training_errors),
            validation_history: thinned(&self.validation_errors),
        }
    }

    /// Whether the validation error has clearly turned up since the epoch early stopping keeps while the
    /// training error clearly went on falling: a tenth up and a fifth down, so a flat run's wobble is not
    /// called overfitting.
    fn overfitting_since(&self, kept: usize) -> bool {
        let epoch = self.epoch();
        self.validation_errors[epoch] > 1.1 * self.validation_errors[kept]
            && self.training_errors[epoch] < 0.8 * self.training_errors[kept]
    }

    /// What the run shows so far, in a sentence or two.
    fn status(&self) -> String {
        let epoch = self.epoch();
        let (patience, best) = (self.setup.patience, self.watch.best_epoch);
        if let Some(at) = self.diverged_at {
            return format!(
                "The run diverged at epoch {at}. Press Reset and lower the learning rate."
            );
        }
        if let Some(target) = self.replay_to {
            return format!("Training the run again up to epoch {target}: epoch {epoch}…");
        }
        if epoch == 0 {
            return "Not trained yet. Each epoch is one pass over the training points, after which the \
                    network is scored on the validation points, which it never learns from."
                .into();
        }
        // With a least improvement, the best epoch is the last drop big enough to count, not the lowest.
        let delta = self.setup.min_delta;
        // The same two sentences either way; with a least improvement they say what counts as a drop.
        let (counting, lowered, not_lowered, last_drop) = if delta > 0.0 {
            (
                format!(" (counting only drops of more than {delta})"),
                format!("lowered the validation error by more than {delta}"),
                format!("The validation error has not dropped by more than {delta}"),
                "the last such drop was",
            )
        } else {
            (
                String::new(),
                "has the lowest validation error so far".to_string(),
                "The validation error has not improved".to_string(),
                "its lowest was",
            )
        };
        let mut text = match self.stop {
            None if self.watch.wait == 0 => format!(
                "Epoch {epoch} {lowered}: the network is still learning the curve."
            ),
            None => format!(
                "{not_lowered} for {} of {patience} epochs; {last_drop} at epoch {best}.",
                self.watch.wait
            ),
            Some(stop) if self.setup.stop_early && stop.epoch == epoch => format!(
                "Stopped early at epoch {epoch}: the validation error had not improved{counting} for {patience} \
                 epochs. Early stopping keeps the weights of epoch {} (dashed).",
                stop.kept_epoch
            ),
            Some(stop) => {
                let mut text = format!(
                    "With patience {patience}{counting}, early stopping would have stopped at epoch {} and kept \
                     epoch {}.",
                    stop.epoch, stop.kept_epoch
                );
                if best > stop.kept_epoch {
                    text.push_str(&format!(
                        " Training on found a lower validation error at epoch {best}: this patience gave up too soon."
                    ));
                } else if self.overfitting_since(stop.kept_epoch) {
                    text.push_str(
                        " Since then the training error has kept falling while the validation error rose: the \
                         network is fitting the noise of its training points (overfitting).",
                    );
                }
                if self.setup.stop_early {
                    text.push_str(
                        " This run had already gone past that epoch when early stopping was turned on or the \
                         patience lowered: press Reset to run it again with early stopping.",
                    );
                }
                text
            }
        };
        if epoch >= MAX_EPOCHS {
            text.push_str(&format!(
                " The run has reached its limit of {MAX_EPOCHS} epochs."
            ));
        }
        text
    }
}

/// One sample with the network's output for it now and at the best epoch.
#[derive(Serialize, Clone, Debug)]
pub struct PointRow {
    pub x: f64,
    pub y: f64,
    pub validation: bool,
    pub now: f64,
    pub best: f64,
}

#[derive(Serialize, Clone, Debug)]
pub struct StoppingSnapshot {
    pub setup: StoppingSetup,
    pub epoch: usize,
    pub training_count: usize,
    pub validation_count: usize,
    /// Mean squared errors after `epoch` epochs.
    pub training_error: f64,
    pub validation_error: f64,
    /// The epoch with the lowest validation error so far, and its errors.
    pub best_epoch: usize,
    pub best_validation: f64,
    pub best_training: f64,
    /// Epochs since the best one.
    pub wait: usize,
    /// The validation error of the noise-free curve itself: no fit beats it except by luck.
    pub noise_floor: f64,
    /// While a link's run is being trained towards its epoch, that epoch.
    pub replay_to: Option<usize>,
    /// Where the patience first ran out, if it has (the page reads the status, which says it).
    #[serde(skip_serializing)]
    pub stop: Option<StopPoint>,
    /// Why training cannot go on (stopped, diverged, or at the epoch limit).
    pub finished: Option<String>,
    pub status: String,
    pub rows: Vec<PointRow>,
    // The curves are drawn by the views from this snapshot and are not sent to the page.
    #[serde(skip)]
    pub truth_curve: Vec<[f64; 2]>,
    #[serde(skip)]
    pub fit_curve: Vec<[f64; 2]>,
    #[serde(skip)]
    pub best_curve: Vec<[f64; 2]>,
    #[serde(skip)]
    pub training_history: Vec<[f64; 2]>,
    #[serde(skip)]
    pub validation_history: Vec<[f64; 2]>,
}

crate::shared::lab::linkable_lab!(StoppingLab, StoppingCommand, StoppingSnapshot);
