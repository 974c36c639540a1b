//! The lab's pictures: each draws one from a read-only snapshot, on any plotters backend.

pub mod loss_plot;
pub mod loss_runs;
