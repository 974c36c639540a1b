//! The losses lab: the chain rule at z, the runs, links, and its views.

#[path = "../common/mod.rs"]
mod common;

mod lab;
mod views;
