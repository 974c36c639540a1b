//! The gradient-descent lab: regimes, steps, races, the mini-batch lens, points, and its views.

#[path = "../common/mod.rs"]
mod common;

mod lab;
mod views;
