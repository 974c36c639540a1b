//! The lab's pictures: each draws one from a read-only snapshot, on any plotters backend.

pub mod fit_curve;
pub mod stopping_chart;
