//! The activations and vanishing-gradient lab's handle.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas;
use super::handle::Handle;
use crate::labs::vanishing::{views, ChainSetup, VanishingLab};
use crate::shared::chart::Mapping;

#[wasm_bindgen]
pub struct VanishingApp {
    handle: Handle<VanishingLab>,
    /// Where the activation plot was drawn, for turning a pointer into z.
    mapping: Cell<Option<(Mapping, f64)>>,
}

super::handle::forward_to_handle!(VanishingApp);

#[wasm_bindgen]
impl VanishingApp {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<VanishingApp, JsValue> {
        super::panic::install();
        let lab = VanishingLab::new(ChainSetup::default()).map_err(|e| JsValue::from_str(&e))?;
        Ok(VanishingApp {
            handle: Handle::new(lab),
            mapping: Cell::new(None),
        })
    }

    pub fn draw_activation(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        let (mapping, ratio) = canvas::draw(canvas, |area, style| {
            views::activation_plot::draw(
                area,
                s.gallery_activation,
                &s.gallery_curve,
                s.gallery,
                style,
            )
            .map_err(|e| e.to_string())
        })?;
        self.mapping.set(Some((mapping, ratio)));
        Ok(())
    }

    /// The z under a pointer at CSS pixel x of the activation plot.
    pub fn z_at(&self, css_x: f64) -> Option<f64> {
        let (mapping, ratio) = self.mapping.get()?;
        Some(mapping.data_at(css_x * ratio, 0.0).0)
    }

    pub fn draw_softmax(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::softmax_bars::draw(area, &s.softmax, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    pub fn draw_gradient_bars(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::gradient_bars::draw(area, &s.chosen, &s.compared, s.revealed, style)
                .map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    pub fn draw_gradient_flow(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::gradient_flow::draw(area, &s.chosen, s.revealed, style)
                .map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    /// The loss of each activation over the training steps, on a log scale.
    pub fn draw_training(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::training_chart::draw(area, &s.compared, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }
}
