//! Data preparation: real data with holes in it (the Palmer penguins, or a CSV file of one's own), looked
//! at, cleaned, split, scaled and learnt, in the course's order.
//!
//! Each file uses only those listed before it: `setup` (what a preparation and a run are made of),
//! `prepare` (target and features, rows kept, the stratified split, fill values and scaling fitted on the
//! training rows, the encoding), `run` (training with early stopping, the figures of a set), `lab` (the
//! state), `link` (the address), `command` (what the page asks), `snapshot` and `views`. The table itself
//! is read by `shared::table`, which knows no lab.

mod command;
mod lab;
pub mod link;
mod prepare;
mod run;
mod setup;
mod snapshot;
pub mod views;

pub use command::DataCommand;
pub use lab::{Comparison, DataLab, PAGE_ROWS, PENGUINS};
pub use prepare::{kept_rows, prepare, Fill, Prepared, Scale, Set, Task};
pub use run::{Figures, Run};
pub use setup::{DataSetup, Missing, OptimizerKind, Scaling, MAX_EPOCHS, MAX_WORK, MEASUREMENTS};
pub use snapshot::{DataSnapshot, RowView, RunView, SplitRow};
