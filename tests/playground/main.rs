//! The playground lab: its datasets, features, regularisation, inspector, training, links and hostile input.

mod datasets;
mod digest;
mod features;
mod hostile;
mod inspector;
mod links;
mod regularization;
mod support;
mod training;
