//! The lab's pictures: each draws one from a read-only snapshot, on any plotters backend.

pub mod error_curve;
pub mod network_diagram;
mod network_layout;
