//! The lab's pictures: each draws one from a read-only snapshot, on any plotters backend.

pub mod batch_race;
pub mod cost_contour;
pub mod cost_curve;
pub mod data_fit;
pub mod distance_chart;
