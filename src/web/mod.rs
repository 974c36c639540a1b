//! The one place JavaScript meets Rust. It translates commands and snapshots and hands canvases to the
//! views; it computes nothing itself.

mod bench;
mod canvas;
mod data_prep;
mod descent;
mod early_stopping;
mod handle;
mod losses;
mod panic;
mod playground;
mod two_neuron;
mod vanishing;

pub use data_prep::DataApp;
pub use descent::DescentApp;
pub use early_stopping::StoppingApp;
pub use losses::LossesApp;
pub use panic::trigger_panic_for_test;
pub use playground::PlaygroundApp;
pub use two_neuron::App;
pub use vanishing::VanishingApp;

use wasm_bindgen::prelude::*;

/// Numbers as the core writes them (four significant figures), so the page and the diagram agree.
#[wasm_bindgen]
pub fn format_number(value: f64) -> String {
    crate::shared::format::sig4(value)
}
