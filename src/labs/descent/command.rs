//! What a person can ask of the lab, as the page writes it.

use serde::Deserialize;

use super::preset::Preset;
use super::setup::Model;

/// What a person can ask of the gradient-descent lab.
// Written by the page as `{type: "step", count: 1}`.
#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum DescentCommand {
    /// Forward (positive) or back (negative) by this many steps.
    Step {
        count: i64,
    },
    Reset,
    /// Keeps the number of steps shown, recomputed with the new rate, so sliding η reshapes the path live.
    SetLearningRate {
        value: f64,
    },
    SetStart {
        w: f64,
        b: f64,
    },
    LoadPreset {
        preset: Preset,
    },
    SetPoints {
        points: Vec<[f64; 2]>,
    },
    /// Points per step (0: all).
    SetBatchSize {
        size: usize,
    },
    /// Points typed as text, one "x, z" pair a line.
    SetPointsText {
        text: String,
    },
    MovePoint {
        index: usize,
        x: f64,
        z: f64,
    },
    AddPoint {
        x: f64,
        z: f64,
    },
    RemovePoint {
        index: usize,
    },
    SetModel {
        model: Model,
    },
    SetStandardize {
        on: bool,
    },
}
