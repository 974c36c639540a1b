//! What the page asks of the early-stopping lab, and how each request is carried out: train on, start again,
//! read the run again with new stopping settings, or open a link.

use serde::Deserialize;

use super::lab::StoppingLab;
use super::link;
use super::rule::stop_point;
use super::setup::StoppingSetup;

#[derive(Deserialize, Clone, Debug)]
// Written by the page as `{type: "train", epochs: 100}`.
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
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

// The commands' side of the lab: each setting says whether it keeps the run, reads it again or starts it
// again. Training itself is in `lab.rs`.
impl StoppingLab {
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
}
