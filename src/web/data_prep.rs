//! The data-preparation lab's handle: commands through the shared handle, and its two pictures.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas;
use super::handle::Handle;
use crate::labs::data_prep::{views, DataLab};

#[wasm_bindgen]
pub struct DataApp {
    handle: Handle<DataLab>,
}

super::handle::forward_to_handle!(DataApp);

#[wasm_bindgen]
impl DataApp {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> DataApp {
        super::panic::install();
        DataApp {
            handle: Handle::new(DataLab::new()),
        }
    }

    /// Two number columns against each other, coloured and shaped by the target's class.
    pub fn draw_scatter(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::scatter::draw(area, &s, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    /// The run's losses per epoch, or (`comparison`) the two compared runs' validation losses.
    pub fn draw_losses(&self, canvas: &HtmlCanvasElement, comparison: bool) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::loss_chart::draw(area, &s, comparison, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }
}
