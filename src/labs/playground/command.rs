//! What the page asks of the playground, and how each request is carried out. Training moves the run on;
//! every setting that changes what is learnt starts a fresh run from the starting weights at epoch 0 (so a
//! link, which records the settings and the epoch, always reproduces the run); a change of data draws new
//! points, a change of features recomputes the points' features and nothing else, a change of split moves
//! points between the sets. A refused command changes nothing and says why.

use serde::Deserialize;

use super::edit::Edit;
use super::features::Feature;
use super::lab::PlaygroundLab;
use super::link::{playground_from_query, playground_query, PlaygroundLink};
use super::network::{edit_hidden, LayerEdit};
use super::setup::{
    DataKind, OptimizerKind, Penalty, PlaygroundSetup, MAX_EPOCHS, MAX_EPOCHS_PER_COMMAND,
};
use crate::engine::Activation;

#[derive(Deserialize, Clone, Debug, PartialEq)]
// Written by the page as `{type: "train", epochs: 5}`.
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PlaygroundCommand {
    /// One update on the next batch.
    StepBatch,
    /// To the end of the current epoch (a whole epoch from its start).
    StepEpoch,
    /// Up to `MAX_EPOCHS_PER_COMMAND` epochs; fewer where the run diverges or a link's epoch is reached.
    Train {
        epochs: usize,
    },
    /// Back to epoch 0 with the same starting weights.
    Reset,
    /// The next weight seed: other starting weights, epoch 0.
    NewWeights,
    SetData {
        data: DataKind,
    },
    SetSeed {
        seed: u64,
    },
    SetNoise {
        noise: f64,
    },
    SetPoints {
        points: usize,
    },
    SetTestPercent {
        percent: usize,
    },
    SetFeature {
        feature: Feature,
        on: bool,
    },
    /// Every hidden layer's size at once, input side first (empty for none).
    SetHidden {
        hidden: Vec<usize>,
    },
    AddLayer,
    RemoveLayer,
    /// `layer` counts hidden layers from 0.
    AddNeuron {
        layer: usize,
    },
    RemoveNeuron {
        layer: usize,
    },
    SetActivation {
        activation: Activation,
    },
    SetOptimizer {
        optimizer: OptimizerKind,
    },
    SetLearningRate {
        learning_rate: f64,
    },
    /// One of the optimizer's own settings by its link key: `mu`, `alpha`, `beta1` or `beta2`.
    SetOptimizerSetting {
        key: String,
        value: f64,
    },
    /// Training points per update; `null` for all of them.
    SetBatch {
        batch: Option<usize>,
    },
    SetPenalty {
        penalty: Penalty,
    },
    SetRate {
        rate: f64,
    },
    /// A training point of class `target` (0 or 1), or with the value `target`.
    AddPoint {
        x1: f64,
        x2: f64,
        target: f64,
    },
    MovePoint {
        index: usize,
        x1: f64,
        x2: f64,
    },
    RemovePoint {
        index: usize,
    },
    /// The point the inspector reads (`null` for none).
    PickPoint {
        index: Option<usize>,
    },
    /// The neuron the inspector reads: `layer` from 0 for the first hidden layer, the output layer last.
    PickNeuron {
        layer: usize,
        neuron: usize,
    },
    /// Opens a challenge's prepared setup (`circle`, `xor`, `l1`); `Train` then takes it to its epoch.
    StartChallenge {
        challenge: String,
    },
    /// Nothing changes but the pictures, recomputed whole: sent when Play stops, since a frame of Play may
    /// recompute only a share of them (see `pictures`); the benchmark times it.
    Redraw,
}

impl PlaygroundLab {
    pub fn apply(&mut self, command: PlaygroundCommand) -> Result<(), String> {
        let frame = matches!(command, PlaygroundCommand::Train { .. });
        let done = self.carry_out(command);
        self.refresh_pictures(frame);
        done
    }

    fn carry_out(&mut self, command: PlaygroundCommand) -> Result<(), String> {
        use PlaygroundCommand as C;
        match command {
            C::StartChallenge { challenge } => self.start_challenge(&challenge),
            C::Redraw => {
                self.pictures.forget();
                Ok(())
            }
            C::StepBatch => self.train_with(1, true),
            C::StepEpoch => self.train_with(1, false),
            C::Train { epochs } => {
                if !(1..=MAX_EPOCHS_PER_COMMAND).contains(&epochs) {
                    return Err(format!(
                        "Train from 1 to {MAX_EPOCHS_PER_COMMAND} epochs at a time."
                    ));
                }
                self.train_with(epochs, false)
            }
            C::Reset => self.restart(self.setup.clone()),
            C::NewWeights => self.fresh(|s| s.weight_seed = s.weight_seed.wrapping_add(1)),
            C::SetData { data } => self.new_points(|s| s.data = data),
            C::SetSeed { seed } => self.new_points(|s| s.seed = seed),
            C::SetNoise { noise } => self.new_points(|s| s.noise = noise),
            C::SetPoints { points } => self.new_points(|s| s.points = points),
            C::SetTestPercent { percent } => {
                let mut setup = self.setup.clone();
                setup.test_percent = percent;
                if setup == self.setup {
                    return setup.validate();
                }
                self.resplit(setup)
            }
            C::SetFeature { feature, on } => {
                let features = self.setup.features.with(feature, on)?;
                if features == self.setup.features {
                    return Ok(());
                }
                self.refeature(features)
            }
            C::SetHidden { hidden } => self.fresh(|s| s.hidden = hidden),
            C::AddLayer => self.edit_layers(LayerEdit::AddLayer),
            C::RemoveLayer => self.edit_layers(LayerEdit::RemoveLayer),
            C::AddNeuron { layer } => self.edit_layers(LayerEdit::AddNeuron { layer }),
            C::RemoveNeuron { layer } => self.edit_layers(LayerEdit::RemoveNeuron { layer }),
            C::SetActivation { activation } => self.fresh(|s| s.activation = activation),
            C::SetOptimizer { optimizer } => self.fresh(|s| s.optimizer = optimizer),
            C::SetLearningRate { learning_rate } => self.fresh(|s| s.learning_rate = learning_rate),
            C::SetOptimizerSetting { key, value } => {
                if self.setup.setting(&key).is_none() {
                    return Err(format!(
                        "{}: the optimizer's settings are mu, alpha, beta1 and beta2.",
                        crate::shared::query::shorten(&key)
                    ));
                }
                self.fresh(|s| {
                    if let Some(v) = s.setting_mut(&key) {
                        *v = value;
                    }
                })
            }
            C::SetBatch { batch } => self.fresh(|s| s.batch = batch),
            C::SetPenalty { penalty } => self.fresh(|s| s.penalty = penalty),
            C::SetRate { rate } => self.fresh(|s| s.rate = rate),
            C::AddPoint { x1, x2, target } => self.edit_points(Edit::Add { x1, x2, target }),
            C::MovePoint { index, x1, x2 } => self.edit_points(Edit::Move { index, x1, x2 }),
            C::RemovePoint { index } => self.edit_points(Edit::Remove { index }),
            C::PickPoint { index } => {
                if let Some(k) = index.filter(|&k| k >= self.points.len()) {
                    return Err(format!(
                        "There is no point {k}: the points are numbered 0 to {}.",
                        self.points.len() - 1
                    ));
                }
                self.picked_point = index;
                Ok(())
            }
            C::PickNeuron { layer, neuron } => {
                let sizes = &self.setup.hidden;
                let width = if layer == sizes.len() {
                    1
                } else {
                    *sizes.get(layer).unwrap_or(&0)
                };
                if neuron >= width {
                    return Err(format!(
                        "There is no neuron {} in layer {}: the network has {} hidden layer{} and one output.",
                        neuron + 1,
                        layer + 1,
                        sizes.len(),
                        if sizes.len() == 1 { "" } else { "s" }
                    ));
                }
                self.picked_neuron = (layer, neuron);
                Ok(())
            }
        }
    }

    /// A setting of the network or of training: a fresh run, unless the value is the one in force.
    fn fresh(&mut self, change: impl FnOnce(&mut PlaygroundSetup)) -> Result<(), String> {
        let mut setup = self.setup.clone();
        change(&mut setup);
        setup.validate()?;
        if setup == self.setup {
            return Ok(());
        }
        self.restart(setup)
    }

    /// A setting of the data: new points, unless the value is the one in force.
    fn new_points(&mut self, change: impl FnOnce(&mut PlaygroundSetup)) -> Result<(), String> {
        let mut setup = self.setup.clone();
        change(&mut setup);
        setup.validate()?;
        if setup == self.setup {
            return Ok(());
        }
        self.regenerate(setup)
    }

    fn edit_layers(&mut self, edit: LayerEdit) -> Result<(), String> {
        let hidden = edit_hidden(&self.setup.hidden, edit)?;
        self.fresh(|s| s.hidden = hidden)
    }

    /// `count` batches (`batches`) or epochs, stopping where the run diverges, reaches its limit, or
    /// reaches the place a link asked for.
    fn train_with(&mut self, count: usize, batches: bool) -> Result<(), String> {
        if let Some(why) = self.finished() {
            return Err(why);
        }
        for _ in 0..count {
            if self.finished().is_some() {
                break;
            }
            let run = &mut self.run;
            let to_boundary = run.steps_per_epoch - run.updates % run.steps_per_epoch;
            match run
                .replay_to
                .map(|target| target.saturating_sub(run.updates))
            {
                Some(0) => break,
                Some(left) if batches || left < to_boundary => {
                    let n = if batches { 1 } else { left };
                    for _ in 0..n {
                        run.step_batch();
                    }
                }
                _ if batches => run.step_batch(),
                _ => run.finish_epoch(),
            }
            if run.epoch >= MAX_EPOCHS {
                break;
            }
        }
        let run = &mut self.run;
        if run.replay_to.is_some_and(|t| run.updates >= t) || run.diverged.is_some() {
            run.replay_to = None;
        }
        run.measure(&self.setup);
        Ok(())
    }

    /// The link of this setup, its edits and the place its run reached (or, while a link is still being
    /// retrained, the place that link asked for).
    pub fn link(&self) -> String {
        let run = &self.run;
        let updates = run.replay_to.unwrap_or(run.updates);
        playground_query(&PlaygroundLink {
            setup: self.setup.clone(),
            edits: self.edits.clone(),
            epoch: updates / run.steps_per_epoch,
            step: updates % run.steps_per_epoch,
        })
    }

    /// Opens the setup a link describes, its edits applied, at epoch 0; `Train` commands then retrain it to
    /// the link's place (see `replay_to`). A refused link changes nothing.
    pub fn open_link(&mut self, query: &str) -> Result<(), String> {
        let link = playground_from_query(query)?;
        let mut lab = PlaygroundLab::new(link.setup)?;
        for (k, &edit) in link.edits.iter().enumerate() {
            lab.edit_points(edit)
                .map_err(|why| format!("edits: edit {} of {}: {why}", k + 1, link.edits.len()))?;
        }
        let per_epoch = lab.run.steps_per_epoch;
        if link.step >= per_epoch {
            return Err(format!(
                "step: an epoch of this run has {per_epoch} update{}, so step is from 0 to {}.",
                if per_epoch == 1 { "" } else { "s" },
                per_epoch - 1
            ));
        }
        let target = link.epoch * per_epoch + link.step;
        lab.run.replay_to = (target > 0).then_some(target);
        *self = lab;
        Ok(())
    }

    /// While a link's run is still being retrained.
    pub fn replaying(&self) -> bool {
        self.run.replay_to.is_some()
    }
}
