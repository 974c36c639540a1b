//! The two-neuron lab: the course's numbers, the stepper and session, divergence, the page's gradient
//! check and its views.

#[path = "../common/mod.rs"]
mod common;

mod divergence;
mod golden;
mod gradient_check;
mod stepper_session;
mod views;
