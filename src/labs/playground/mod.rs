//! The playground: a network learns a two-dimensional dataset, and the page shows its output over the whole
//! square, every neuron's own picture, every weight, and the losses and figures of both sets as it trains.
//!
//! Each file holds one part and uses only the files listed before it: `features` (the inputs), `setup` (what
//! a run is made of, and its bounds), `data` (the datasets from a seed, and the split), `edit` (points added,
//! moved and removed by hand), `network` (layer sizes, starting weights, layer edits), `metrics` (accuracy,
//! RMSE, R²), `grid` (the pictures' cells), `pictures` (the pictures kept, and Play's shares of them), `run` (one
//! training run), `lab` (the state), `inspect` (the picked point and
//! neuron, and the spec export), `summary` (the written summary), `snapshot`, `link` (the address) and
//! `challenge` (questions to predict, then run), `command` (what the page asks).

mod challenge;
mod command;
mod data;
mod edit;
mod features;
mod grid;
mod inspect;
mod lab;
pub mod link;
mod metrics;
mod network;
mod pictures;
mod run;
mod setup;
mod snapshot;
mod summary;
pub mod views;

pub use challenge::{Challenge, ChallengeView, CHALLENGES};
pub use command::PlaygroundCommand;
pub use data::{bumps, generate, Point};
pub use edit::{Edit, MAX_EDITS};
pub use features::{Feature, Features};
pub use grid::{cell, NEURON_GRID, OUTPUT_GRID};
pub use inspect::{Incoming, Inspection};
pub use lab::PlaygroundLab;
pub use metrics::Metrics;
pub use network::{layers_from, output, sizes, starting_layers, LayerEdit, START_BIAS};
pub use pictures::{shares, FRAME_WORK, MAX_SHARES};
pub use run::{Divergence, Run, EXPLODED};
pub use setup::{
    DataKind, OptimizerKind, Penalty, PlaygroundSetup, Task, HALF, MAX_EPOCHS,
    MAX_EPOCHS_PER_COMMAND, MAX_HIDDEN_LAYERS, MAX_LEARNING_RATE, MAX_NEURONS, MAX_POINTS,
    MIN_POINTS,
};
pub use snapshot::{Edge, FeatureRow, Neuron, PlaygroundSnapshot};

crate::shared::lab::linkable_lab!(PlaygroundLab, PlaygroundCommand, PlaygroundSnapshot);
