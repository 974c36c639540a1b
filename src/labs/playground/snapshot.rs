//! What the playground shows the page: the counters, both sets' figures, the summary, every weight for the
//! diagram's edges (and which are exactly zero), the inspector, and, kept out of what is sent as JSON, the
//! points, the loss curves and the pictures (plain numbers the handle paints as image data).
//!
//! Every number in it is finite: after a divergence the weights and figures are the last that were all
//! numbers, a figure that came out as no number is `None`, and a picture's non-finite cell is 0.

use std::rc::Rc;

use serde::Serialize;

use super::challenge::{ChallengeView, CHALLENGES};
use super::data::Point;
use super::features::Feature;
use super::grid::{NEURON_GRID, OUTPUT_GRID};
use super::inspect::{neuron_name, Inspection};
use super::lab::PlaygroundLab;
use super::metrics::Metrics;
use super::network::sizes;
use super::run::Divergence;
use super::setup::{PlaygroundSetup, Task, HALF, MAX_EPOCHS};
use crate::engine::loss_curve::thinned;

/// One input feature, on or off.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct FeatureRow {
    pub key: &'static str,
    pub label: &'static str,
    pub on: bool,
}

/// One weight: the edge from `from` (an input feature, or a neuron of the layer before) into neuron `to`
/// of layer `layer` (0 for the first hidden layer; the output layer last).
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Edge {
    pub layer: usize,
    pub from: usize,
    pub to: usize,
    pub weight: f64,
    /// Exactly zero: pruned by L1, drawn as gone.
    pub zero: bool,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Neuron {
    pub layer: usize,
    pub index: usize,
    /// "h₁.₂", or "output".
    pub name: String,
    pub bias: f64,
}

#[derive(Serialize, Clone, Debug)]
pub struct PlaygroundSnapshot {
    pub setup: PlaygroundSetup,
    pub task: Task,
    /// The points lie in [−half, half]².
    pub half: f64,
    /// Nodes per column: the inputs, each hidden layer, the output.
    pub sizes: Vec<usize>,
    pub features: Vec<FeatureRow>,
    pub training_count: usize,
    pub test_count: usize,
    /// The batch size in force (the setting, held to the training points).
    pub batch_size: usize,
    pub steps_per_epoch: usize,
    pub epoch: usize,
    pub updates: usize,
    pub max_epochs: usize,
    /// While a link's run is retrained towards its place, the epoch it will reach.
    pub replay_to: Option<usize>,
    pub training: Metrics,
    pub test: Metrics,
    pub summary: String,
    pub diverged: Option<Divergence>,
    /// Why training cannot go on (diverged, or at the epoch limit).
    pub finished: Option<String>,
    pub edges: Vec<Edge>,
    pub neurons: Vec<Neuron>,
    pub zero_weights: usize,
    pub weight_count: usize,
    pub picked_point: Option<usize>,
    pub picked_neuron: (usize, usize),
    pub inspection: Option<Inspection>,
    /// Edits made by hand to the generated points.
    pub edits: usize,
    /// Every challenge, as (key, title, question, choices), and the one in play while its setup is on screen.
    pub challenges: Vec<(
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
    )>,
    pub challenge: Option<ChallengeView>,
    #[serde(skip_serializing)]
    pub points: Vec<Point>,
    /// (epoch, loss) after every epoch from epoch 0, thinned past `CHART_POINTS` epochs.
    #[serde(skip_serializing)]
    pub training_curve: Vec<[f64; 2]>,
    #[serde(skip_serializing)]
    pub test_curve: Vec<[f64; 2]>,
    /// The output over `OUTPUT_GRID`² cells, row by row from the top (see `grid`): the chance of class 1, or
    /// the value.
    #[serde(skip_serializing)]
    pub output_picture: Rc<Vec<f64>>,
    /// Every neuron's output over `NEURON_GRID`² cells, one picture after another, layer by layer, the
    /// output last.
    #[serde(skip_serializing)]
    pub neuron_pictures: Rc<Vec<f64>>,
    /// Each feature switched on, over `NEURON_GRID`² cells, in input order.
    #[serde(skip_serializing)]
    pub feature_pictures: Vec<f64>,
    pub output_grid: usize,
    pub neuron_grid: usize,
    /// Frames of Play it takes to recompute the whole output picture: 1, or for a large network a share of
    /// its rows a frame (see `pictures`).
    pub picture_shares: usize,
}

/// A loss per epoch as (epoch, loss) points, thinned when long, without any value that is not a number.
fn curve(losses: &[f64]) -> Vec<[f64; 2]> {
    if losses.is_empty() {
        return Vec::new();
    }
    thinned(losses)
        .into_iter()
        .filter(|p| p[1].is_finite())
        .collect()
}

impl PlaygroundLab {
    pub fn snapshot(&self) -> PlaygroundSnapshot {
        let run = &self.run;
        let layers = self.layers();
        let mut edges = Vec::new();
        let mut neurons = Vec::new();
        for (l, layer) in layers.iter().enumerate() {
            for (j, row) in layer.weights.iter().enumerate() {
                edges.extend(row.iter().enumerate().map(|(i, &weight)| Edge {
                    layer: l,
                    from: i,
                    to: j,
                    weight,
                    zero: weight == 0.0,
                }));
                neurons.push(Neuron {
                    layer: l,
                    index: j,
                    name: if l + 1 == layers.len() {
                        "output".into()
                    } else {
                        neuron_name(l, j)
                    },
                    bias: layer.biases[j],
                });
            }
        }
        let (zero_weights, weight_count) = self.zero_weights();
        PlaygroundSnapshot {
            setup: self.setup.clone(),
            task: self.setup.task(),
            half: HALF,
            sizes: sizes(&self.setup),
            features: Feature::ALL
                .iter()
                .map(|&f| FeatureRow {
                    key: f.key(),
                    label: f.label(),
                    on: self.setup.features.contains(f),
                })
                .collect(),
            training_count: run.training_points.len(),
            test_count: run.test_points.len(),
            batch_size: run.spec.batch_size,
            steps_per_epoch: run.steps_per_epoch,
            epoch: run.epoch,
            updates: run.updates,
            max_epochs: MAX_EPOCHS,
            replay_to: run.replay_to.map(|u| u / run.steps_per_epoch),
            training: run.training,
            test: run.test,
            summary: self.summary(),
            diverged: run.diverged.clone(),
            finished: self.finished(),
            edges,
            neurons,
            zero_weights,
            weight_count,
            picked_point: self.picked_point,
            picked_neuron: self.picked_neuron,
            inspection: self.inspection(),
            edits: self.edits.len(),
            challenges: CHALLENGES
                .iter()
                .map(|c| (c.key, c.title, c.question, c.choices))
                .collect(),
            challenge: self.challenge_view(),
            points: self.points.clone(),
            training_curve: curve(&run.training_losses),
            test_curve: if run.test_points.is_empty() {
                Vec::new()
            } else {
                curve(&run.test_losses)
            },
            output_picture: Rc::clone(&self.pictures.output),
            neuron_pictures: Rc::clone(&self.pictures.neurons),
            feature_pictures: self.feature_pictures.clone(),
            output_grid: OUTPUT_GRID,
            neuron_grid: NEURON_GRID,
            picture_shares: self.pictures.shares(),
        }
    }
}
