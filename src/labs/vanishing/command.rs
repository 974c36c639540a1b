//! What the page asks of the vanishing lab.

use serde::Deserialize;

use crate::engine::activation::Activation;

// Written by the page as `{type: "reveal", count: 1}`.
#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum VanishingCommand {
    SetDepth {
        depth: usize,
    },
    SetWidth {
        width: usize,
    },
    SetActivation {
        activation: Activation,
    },
    SetDyingRelu {
        on: bool,
    },
    /// The learning rate of the training comparison.
    SetTrainRate {
        rate: f64,
    },
    /// New random weights (the same for every activation).
    Reseed {
        seed: u64,
    },
    /// Reveal (positive) or hide (negative) layers of the backward signal.
    Reveal {
        count: i64,
    },
    RevealAll,
    SetGalleryActivation {
        activation: Activation,
    },
    SetGalleryZ {
        z: f64,
    },
    /// Scores as typed: "2, 1, 0.1", or "0,5; 1" with decimal commas when semicolons separate them.
    SetScores {
        text: String,
    },
    SetTemperature {
        temperature: f64,
    },
}
