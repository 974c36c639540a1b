//! The losses lab's handle.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas;
use super::handle::Handle;
use crate::labs::losses::views::{self, loss_plot::Quantity};
use crate::labs::losses::{LossSetup, LossesLab};

#[wasm_bindgen]
pub struct LossesApp {
    handle: Handle<LossesLab>,
}

super::handle::forward_to_handle!(LossesApp);

#[wasm_bindgen]
impl LossesApp {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<LossesApp, JsValue> {
        super::panic::install();
        let lab = LossesLab::new(LossSetup::default()).map_err(|e| JsValue::from_str(&e))?;
        Ok(LossesApp {
            handle: Handle::new(lab),
        })
    }

    /// E against z for every compared loss (`slope` false), or ∂E/∂z (`slope` true).
    pub fn draw_curves(&self, canvas: &HtmlCanvasElement, slope: bool) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        let quantity = if slope {
            Quantity::Slope
        } else {
            Quantity::Loss
        };
        canvas::draw(canvas, |area, style| {
            views::loss_plot::draw(area, &s.curves, (s.setup.z, &s.rows), quantity, style)
                .map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    /// The output after each update, one line per loss.
    pub fn draw_runs(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::loss_runs::draw(area, &s.runs, s.setup.target, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }
}
