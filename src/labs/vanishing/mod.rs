//! The activations and vanishing-gradient lab. A deep chain (or a wider stack) of one activation is run
//! forward and backward by the same trainer as every other lab; what is shown is read from its traces:
//! |∂E/∂w| per layer, the factor f′(z)·w the gradient is multiplied by at each layer on its way back, and
//! how training moves each layer's weights, for sigmoid, tanh, ReLU and leaky ReLU from the same start.
//!
//! Each file holds one part, and uses only the files listed before it: `setup` (the chain), `flow` (the
//! backward pass read per layer), `compare` and `ratio` (training comparisons, ratios of gradients),
//! `gallery` and `softmax` (the two side panels), `command`, `snapshot`, `link`; this file holds the lab.

mod command;
mod compare;
mod flow;
mod gallery;
pub mod link;
mod ratio;
mod setup;
mod snapshot;
mod softmax;
pub mod views;

pub use command::VanishingCommand;
pub use compare::{report, training_note, ActivationReport, TRAIN_STEPS};
pub use flow::{layer_reports, LayerReport, Zero};
pub use gallery::{activation_curve, activation_point, CurvePoint, GALLERY_Z};
pub use ratio::{ratio_by_depth, seed_ratio, DepthRatio, SeedRatio};
pub use setup::{
    ChainSetup, COMPARED, DYING_BIAS, MAX_DEPTH, MAX_TRAIN_RATE, MAX_WIDTH, MIN_TRAIN_RATE,
    TRAIN_RATE,
};
pub use snapshot::VanishingSnapshot;
pub use softmax::{checked_scores, read_scores, SoftmaxView};

use crate::engine::activation::Activation;
use softmax::{Field, SoftmaxInput};

pub struct VanishingLab {
    setup: ChainSetup,
    /// The two-neuron example's ratio never changes: computed once.
    seed_ratio: Option<SeedRatio>,
    compared: Vec<ActivationReport>,
    ratio_by_depth: Vec<DepthRatio>,
    revealed: usize,
    gallery_activation: Activation,
    gallery_z: f64,
    /// The softmax panel's fields as typed, refused or not.
    softmax: SoftmaxInput,
}

impl VanishingLab {
    pub fn new(setup: ChainSetup) -> Result<VanishingLab, String> {
        setup.validate()?;
        let mut lab = VanishingLab {
            seed_ratio: seed_ratio(),
            compared: Vec::new(),
            ratio_by_depth: Vec::new(),
            revealed: setup.depth,
            setup,
            gallery_activation: Activation::Sigmoid,
            gallery_z: 0.0,
            softmax: SoftmaxInput::default(),
        };
        lab.recompute();
        Ok(lab)
    }

    fn recompute(&mut self) {
        let mut compared: Vec<ActivationReport> =
            COMPARED.iter().map(|&a| report(&self.setup, a)).collect();
        if !COMPARED.contains(&self.setup.activation) {
            compared.push(report(&self.setup, self.setup.activation));
        }
        self.compared = compared;
        self.ratio_by_depth = ratio_by_depth(&self.setup);
        self.revealed = self.revealed.min(self.setup.depth);
    }

    fn change(&mut self, change: impl FnOnce(&mut ChainSetup)) -> Result<(), String> {
        let mut setup = self.setup.clone();
        change(&mut setup);
        setup.validate()?;
        self.setup = setup;
        // A new chain starts with its whole backward pass shown; the animation replays it on request.
        self.revealed = self.setup.depth;
        self.recompute();
        Ok(())
    }

    pub fn apply(&mut self, command: VanishingCommand) -> Result<(), String> {
        match command {
            VanishingCommand::SetDepth { depth } => self.change(|s| s.depth = depth),
            VanishingCommand::SetWidth { width } => self.change(|s| s.width = width),
            VanishingCommand::SetActivation { activation } => {
                self.change(|s| s.activation = activation)
            }
            VanishingCommand::SetDyingRelu { on } => self.change(|s| s.dying_relu = on),
            VanishingCommand::SetTrainRate { rate } => self.change(|s| s.train_rate = rate),
            VanishingCommand::Reseed { seed } => self.change(|s| s.seed = seed),
            VanishingCommand::Reveal { count } => {
                let target = (self.revealed as i64)
                    .saturating_add(count)
                    .clamp(0, self.setup.depth as i64);
                self.revealed = target as usize;
                Ok(())
            }
            VanishingCommand::RevealAll => {
                self.revealed = self.setup.depth;
                Ok(())
            }
            VanishingCommand::SetGalleryActivation { activation } => {
                if activation == Activation::Softmax {
                    return Err("Softmax acts on a whole layer; it has its own panel.".into());
                }
                self.gallery_activation = activation;
                Ok(())
            }
            VanishingCommand::SetGalleryZ { z } => {
                if !z.is_finite() {
                    return Err("z must be a number.".into());
                }
                self.gallery_z = z.clamp(-GALLERY_Z, GALLERY_Z);
                Ok(())
            }
            // The panel keeps each field as typed even when it refuses it, so its bars are never those of
            // other input; the reasons of both fields are said, the one just changed first.
            VanishingCommand::SetScores { text } => {
                self.softmax.text = text;
                self.softmax.refusal(Field::Scores)
            }
            VanishingCommand::SetTemperature { temperature } => {
                self.softmax.temperature = temperature;
                self.softmax.refusal(Field::Temperature)
            }
        }
    }

    /// The query of a link that opens this chain.
    pub fn link(&self) -> String {
        link::vanishing_query(&self.setup)
    }

    /// Opens the chain a link describes; a refused link changes nothing.
    pub fn open_link(&mut self, query: &str) -> Result<(), String> {
        let setup = link::vanishing_from_query(query)?;
        self.change(|s| *s = setup)
    }

    pub fn snapshot(&self) -> VanishingSnapshot {
        let chosen = self
            .compared
            .iter()
            .find(|r| r.activation == self.setup.activation)
            .cloned()
            .unwrap_or_else(|| report(&self.setup, self.setup.activation));
        VanishingSnapshot {
            setup: self.setup.clone(),
            chosen,
            compared: self.compared.clone(),
            revealed: self.revealed,
            ratio_by_depth: self.ratio_by_depth.clone(),
            train_rate: self.setup.train_rate,
            train_steps: TRAIN_STEPS,
            seed_ratio: self.seed_ratio.clone(),
            gallery: activation_point(self.gallery_activation, self.gallery_z),
            gallery_activation: self.gallery_activation,
            gallery_curve: activation_curve(self.gallery_activation, -GALLERY_Z, GALLERY_Z, 240),
            softmax: self.softmax.view(),
            training_note: training_note(&self.compared),
        }
    }
}

crate::shared::lab::linkable_lab!(VanishingLab, VanishingCommand, VanishingSnapshot);
