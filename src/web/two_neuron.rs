//! The page's handle on the two-neuron lab: commands through the shared handle, plus spec import and
//! export, the gradient check, and its two pictures.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::handle::{self, to_js, Handle};
use super::{canvas, panic};
use crate::engine::Spec;
use crate::labs::two_neuron::{views, Session};

/// The page's handle on the two-neuron lab.
#[wasm_bindgen]
pub struct App {
    handle: Handle<Session>,
}

handle::forward_to_handle!(App);

#[wasm_bindgen]
impl App {
    /// A session on the seed's two-neuron example.
    #[wasm_bindgen(constructor)]
    pub fn new() -> App {
        panic::install();
        App {
            handle: Handle::new(Session::two_neuron()),
        }
    }

    /// The current setup as spec JSON (the values at the start of the iteration shown). The browser's own
    /// JSON writer and reader are used, so the page ships no JSON library.
    pub fn export_spec(&self) -> Result<String, JsValue> {
        let session = &self.handle.lab;
        let mut spec = session.spec().clone();
        spec.layers = session.current_trace().before.clone();
        spec.optimizer_state = None;
        let value = to_js(&spec)?;
        js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2))?
            .as_string()
            .ok_or_else(|| JsValue::from_str("the spec could not be written"))
    }

    /// Every value of the iteration on screen (the `StepTrace`: each example's z, a, ∂E/∂a, ∂a/∂z, ∂E/∂z, the
    /// gradients, and the parameters before and after the update) as JSON, for a spreadsheet or a notebook.
    pub fn export_trace(&self) -> Result<String, JsValue> {
        let value = to_js(self.handle.lab.current_trace())?;
        js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2))?
            .as_string()
            .ok_or_else(|| JsValue::from_str("the trace could not be written"))
    }

    /// The iteration on screen as CSV, one row per operation (iteration, operation, quantity, formula, value).
    pub fn export_operations_csv(&self) -> String {
        self.handle.lab.operations_csv()
    }

    /// Replaces the setup by a spec; a refused spec changes nothing and the error names the field.
    pub fn import_spec(&mut self, text: &str) -> Result<JsValue, JsValue> {
        let error = match js_sys::JSON::parse(text) {
            Err(e) => Some(format!(
                "Spec refused: this is not JSON ({}).",
                js_sys::Error::from(e).message()
            )),
            Ok(value) => Spec::deserialize_with_path(serde_wasm_bindgen::Deserializer::from(value))
                .and_then(|spec| spec.validate().map(|_| spec))
                .map_err(|e| format!("Spec refused: {e}"))
                .and_then(|spec| self.handle.lab.restart(spec))
                .err(),
        };
        self.handle.changed(error)
    }

    /// The gradient check of the iteration on screen: one row per parameter.
    /// Throws the reason when the network is too big for the check.
    pub fn gradient_check(&self) -> Result<JsValue, JsValue> {
        let rows = self
            .handle
            .lab
            .gradient_check()
            .map_err(|why| JsValue::from_str(&why))?;
        to_js(&rows)
    }

    pub fn draw_network(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let snapshot = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::network_diagram::draw(area, &snapshot, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    pub fn draw_error_curve(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let snapshot = self.handle.snapshot();
        let losses = self.handle.lab.loss_curve();
        canvas::draw(canvas, |area, style| {
            views::error_curve::draw(area, losses, snapshot.iteration, style)
                .map_err(|e| e.to_string())
        })
        .map(|_| ())
    }
}

impl Default for App {
    fn default() -> Self {
        App::new()
    }
}
