//! The playground lab: its datasets, features, regularisation, inspector, training, links, hostile input
//! and views.

#[path = "../common/mod.rs"]
mod common;

mod challenges;
mod datasets;
mod digest;
mod features;
mod hostile;
mod inspector;
mod links;
mod pictures;
mod regularization;
mod support;
mod training;
mod views;
