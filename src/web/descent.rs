//! The gradient-descent lab's handle: commands in, snapshots out, its canvases drawn from one snapshot.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas;
use super::handle::Handle;
use crate::labs::descent::{views, DescentLab, DescentSetup};
use crate::shared::chart::Mapping;

#[wasm_bindgen]
pub struct DescentApp {
    handle: Handle<DescentLab>,
    /// Where the data plot was last drawn, in canvas pixels, and the pixel ratio then: for dragging points.
    mapping: Cell<Option<(Mapping, f64)>>,
    /// The mapping as it was when a drag began. The plot rescales to fit its points, so without this a point
    /// held at the edge would push the axes out, and itself further out, on every move.
    drag: Cell<Option<(Mapping, f64)>>,
}

super::handle::forward_to_handle!(DescentApp);

#[wasm_bindgen]
impl DescentApp {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<DescentApp, JsValue> {
        super::panic::install();
        let lab = DescentLab::new(DescentSetup::default()).map_err(|e| JsValue::from_str(&e))?;
        Ok(DescentApp {
            handle: Handle::new(lab),
            mapping: Cell::new(None),
            drag: Cell::new(None),
        })
    }

    pub fn draw_cost_curve(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let snapshot = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::cost_curve::draw(area, &snapshot, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    pub fn draw_cost_contour(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let snapshot = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::cost_contour::draw(area, &snapshot, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    pub fn draw_distance(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let snapshot = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::distance_chart::draw(area, &snapshot, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    pub fn draw_data_fit(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let snapshot = self.handle.snapshot();
        let (mapping, ratio) = canvas::draw(canvas, |area, style| {
            views::data_fit::draw(area, &snapshot, style).map_err(|e| e.to_string())
        })?;
        self.mapping.set(Some((mapping, ratio)));
        Ok(())
    }

    pub fn draw_batch_race(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let snapshot = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::batch_race::draw(area, &snapshot.race, "epochs (passes over the data)", style)
                .map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    pub fn draw_optimizer_paths(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let snapshot = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::cost_contour::draw_race(area, &snapshot, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    pub fn draw_optimizer_race(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let snapshot = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            views::batch_race::draw(area, &snapshot.optimizer_race, "updates", style)
                .map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    /// The data coordinates [x, z] under a pointer at CSS pixel (x, y) of the data canvas, held to the plot:
    /// during a drag, to the plot as it was when the drag began.
    pub fn data_at(&self, css_x: f64, css_y: f64) -> Option<Vec<f64>> {
        let (mapping, ratio) = self.drag.get().or(self.mapping.get())?;
        let (x, z) = mapping.data_at_clamped(css_x * ratio, css_y * ratio);
        Some(vec![x, z])
    }

    /// A point is picked up: `data_at` keeps to the plot as drawn now until `end_drag`.
    pub fn begin_drag(&self) {
        self.drag.set(self.mapping.get());
    }

    pub fn end_drag(&self) {
        self.drag.set(None);
    }

    /// Where point `index` is drawn, in CSS pixels of the data canvas.
    pub fn point_on_screen(&self, index: usize) -> Option<Vec<f64>> {
        let (mapping, ratio) = self.mapping.get()?;
        let p = self.handle.lab.setup().points.get(index)?;
        let (x, y) = mapping.pixel_of(p[0], p[1]);
        Some(vec![x / ratio, y / ratio])
    }

    /// The index of the data point within `reach` CSS pixels of (x, y), if any.
    pub fn point_near(&self, css_x: f64, css_y: f64, reach: f64) -> Option<usize> {
        let (mapping, ratio) = self.mapping.get()?;
        let (x, z) = mapping.data_at(css_x * ratio, css_y * ratio);
        let (x2, z2) = mapping.data_at((css_x + reach) * ratio, (css_y - reach) * ratio);
        self.handle
            .lab
            .point_near(x, z, (x2 - x).abs(), (z2 - z).abs())
    }
}
