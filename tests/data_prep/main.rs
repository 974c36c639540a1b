//! The data-preparation lab: the CSV reader over tricky inputs, the penguins' counts, the split, fitting on
//! the training rows alone, training to the test set, links and hostile input, and the views.

#[path = "../common/mod.rs"]
mod common;

mod digest;
mod links;
mod penguins;
mod reader;
mod training;
