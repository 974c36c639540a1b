//! Canvas sizing in one place: the canvas gets CSS size × devicePixelRatio pixels, and views are told the
//! ratio, so lines and text stay crisp on HiDPI screens and projectors.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsValue;
use web_sys::HtmlCanvasElement;

use crate::views::Style;

/// Sizes the canvas for the screen and paints it; returns what `paint` returns, and the pixel ratio used.
pub fn draw<T>(
    canvas: &HtmlCanvasElement,
    paint: impl FnOnce(&DrawingArea<CanvasBackend, Shift>, Style) -> Result<T, String>,
) -> Result<(T, f64), JsValue> {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let (css_width, css_height) = (canvas.client_width().max(1), canvas.client_height().max(1));
    let (width, height) = (
        (css_width as f64 * ratio).round() as u32,
        (css_height as f64 * ratio).round() as u32,
    );
    // Setting the size clears the canvas, so only do it when it changed.
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| JsValue::from_str("This browser gave no 2D canvas context."))?;
    let area = backend.into_drawing_area();
    paint(&area, Style { scale: ratio })
        .map(|value| (value, ratio))
        .map_err(|e| JsValue::from_str(&e))
}
