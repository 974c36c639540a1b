//! The early-stopping lab's handle.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas;
use super::handle::Handle;
use crate::labs::early_stopping::{views, StoppingLab, StoppingSetup};

#[wasm_bindgen]
pub struct StoppingApp {
    handle: Handle<StoppingLab>,
}

super::handle::forward_to_handle!(StoppingApp);

#[wasm_bindgen]
impl StoppingApp {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<StoppingApp, JsValue> {
        super::panic::install();
        let lab = StoppingLab::new(StoppingSetup::default()).map_err(|e| JsValue::from_str(&e))?;
        Ok(StoppingApp {
            handle: Handle::new(lab),
        })
    }

    /// The samples, the curve they came from, and the fits now and at the best epoch.
    pub fn draw_fit(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::fit_curve::draw(area, &s, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    /// Training and validation error per epoch, with the best and the stopping epoch marked; `log_scale`
    /// draws the errors as log₁₀.
    pub fn draw_errors(&self, canvas: &HtmlCanvasElement, log_scale: bool) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::stopping_chart::draw(area, &s, log_scale, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }
}
