//! The one place JavaScript meets Rust. It translates commands and snapshots and hands canvases to the
//! views; it computes nothing itself.

mod bench;
mod canvas;
mod descent;
mod early_stopping;
mod handle;
mod losses;
mod panic;
mod two_neuron;
mod vanishing;

pub use descent::DescentApp;
pub use early_stopping::StoppingApp;
pub use losses::LossesApp;
pub use panic::trigger_panic_for_test;
pub use two_neuron::App;
pub use vanishing::VanishingApp;

use serde::Serialize;
use wasm_bindgen::prelude::*;

pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Missing values become null (not undefined) so the page can tell "not computed yet" apart.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Numbers as the core writes them (four significant figures), so the page and the diagram agree.
#[wasm_bindgen]
pub fn format_number(value: f64) -> String {
    crate::shared::format::sig4(value)
}
