//! The labs. Each is one folder: its setup, commands, state, snapshot, sentences, link codec (`link.rs`) and
//! views (`views/`). A lab uses the engine and `shared`, never another lab.

pub mod data_prep;
pub mod descent;
pub mod early_stopping;
pub mod losses;
pub mod playground;
pub mod two_neuron;
pub mod vanishing;
