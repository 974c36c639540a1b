//! The early-stopping lab: the stopping rule, the samples and split, the runs, and its views.

#[path = "../common/mod.rs"]
mod common;

mod data;
mod overfitting;
mod rule;
mod sentences;
mod settings;
mod stopping;
mod views;
