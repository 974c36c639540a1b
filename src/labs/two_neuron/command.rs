//! What a person can ask the two-neuron lab for: the `Command` the page sends, and how far one may run.

use serde::Deserialize;

use super::stepper::Phase;
use crate::engine::loss::Loss;

/// How many iterations one command may run, so a click can never freeze the page.
pub const MAX_RUN: usize = 100_000;

/// What a person can ask for. Edits restart the run from the values shown, with the edit applied; a switch
/// of the error function keeps the place, recomputing the run under the new function.
// Written by the page as `{type: "step", count: 1}`.
#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    /// Forward (positive) or back (negative) by this many operations.
    Step {
        count: i64,
    },
    /// One operation forward, with a guess for the number it computes, judged when it is revealed at the
    /// significant figures typed: the guess is the text as typed, read by the core.
    Predict {
        guess: String,
    },
    /// Predict first on or off (kept in the link).
    SetPredictFirst {
        on: bool,
    },
    /// Jump to the end of the forward pass, the backward pass or the update of this iteration.
    Finish {
        phase: Phase,
    },
    /// Jump to the start of the next iteration.
    NextIteration,
    /// Run this many whole iterations (for Play and for "train to the end").
    RunIterations {
        count: usize,
    },
    /// Back to iteration 0 of the current setup.
    Reset,
    /// Replace the setup by the seed's two-neuron example.
    LoadExample,
    SetInput {
        index: usize,
        value: f64,
    },
    SetTarget {
        index: usize,
        value: f64,
    },
    SetWeight {
        layer: usize,
        neuron: usize,
        input: usize,
        value: f64,
    },
    SetBias {
        layer: usize,
        neuron: usize,
        value: f64,
    },
    SetLearningRate {
        value: f64,
    },
    SetLoss {
        loss: Loss,
    },
}
