//! The lab's pictures: each draws one from a read-only snapshot, on any plotters backend.

pub mod activation_plot;
pub mod gradient_bars;
pub mod gradient_flow;
pub mod softmax_bars;
pub mod training_chart;
