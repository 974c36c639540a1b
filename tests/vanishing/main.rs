//! The vanishing-gradient lab: factors, zeros, training comparisons, softmax, and its views.

#[path = "../common/mod.rs"]
mod common;

mod lab;
mod views;
