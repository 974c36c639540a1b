//! The two-neuron lab: the course's numbers, the stepper and session, divergence, the page's gradient
//! check and its views.

#[path = "../common/mod.rs"]
mod common;

mod chain_rules;
mod divergence;
mod edits;
mod golden;
mod gradient_check;
mod loss_switch;
mod navigation;
mod overflow;
mod predict_first;
mod run_csv;
mod sentences;
mod stalls;
mod stepper;
mod support;
mod view_coordinates;
mod views;
