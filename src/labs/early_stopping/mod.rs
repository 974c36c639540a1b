//! The early-stopping lab: a small network fits noisy samples of a curve. Some samples are held out as a
//! validation set the network never learns from; after every epoch both errors are recorded. Training error
//! keeps falling, but once the network starts fitting the noise the validation error turns up. Early
//! stopping watches the validation error, and when it has not improved for `patience` epochs it stops and
//! keeps the weights of the best epoch.
//!
//! One epoch is one pass over the training points, as one full batch (one optimizer step), so the curves
//! are smooth and each epoch is exactly one update.
//!
//! Each file holds one part, and uses only the files listed before it: `setup` (what a run is made of),
//! `data` (the curve, the samples and their split), `rule` (when early stopping stops), `lab` (the run),
//! `link`, `command` (what the page asks), `snapshot` (what it is shown, in numbers and sentences).

mod command;
mod data;
mod lab;
pub mod link;
mod rule;
mod setup;
mod snapshot;
pub mod views;

pub use command::StoppingCommand;
pub use data::{samples, truth, Sample};
pub use lab::StoppingLab;
pub use rule::{stop_point, StopPoint};
pub use setup::{
    StoppingSetup, MAX_EPOCHS, MAX_HIDDEN, MAX_MIN_DELTA, MAX_POINTS, MIN_POINTS, MIN_VALIDATION,
};
pub use snapshot::{PointRow, StoppingSnapshot};

// The histories in the snapshot are thinned by the engine's rule; it stays reachable under the lab's name,
// where the tests check what the chart keeps.
pub use crate::engine::loss_curve::thinned;

crate::shared::lab::linkable_lab!(StoppingLab, StoppingCommand, StoppingSnapshot);
