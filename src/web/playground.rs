//! The playground's handle: commands through the shared handle; the pictures painted from the snapshot's
//! grids as image data (one `putImageData` a picture, scaled by `drawImage`), under the points and inside
//! the diagram's nodes; pointer positions mapped back to points, places and neurons; the spec export.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::canvas;
use super::handle::{to_js, Handle};
use crate::labs::playground::views::data_plot::{self, Rect};
use crate::labs::playground::views::heatmap::{rgba, Scale};
use crate::labs::playground::views::loss_chart;
use crate::labs::playground::views::network_diagram::{self, Layout, Node};
use crate::labs::playground::{PlaygroundLab, PlaygroundSetup};

#[wasm_bindgen]
pub struct PlaygroundApp {
    handle: Handle<PlaygroundLab>,
    /// A canvas the size of a picture's grid: image data goes here, then is drawn scaled.
    scratch: RefCell<Option<HtmlCanvasElement>>,
    /// Where the data plot and the diagram were last drawn, in canvas pixels, with the pixel ratio then.
    data_rect: Cell<Option<(Rect, f64)>>,
    layout: RefCell<Option<(Layout, f64)>>,
}

super::handle::forward_to_handle!(PlaygroundApp);

fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| JsValue::from_str("This browser gave no 2D canvas context."))
}

#[wasm_bindgen]
impl PlaygroundApp {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<PlaygroundApp, JsValue> {
        super::panic::install();
        let lab =
            PlaygroundLab::new(PlaygroundSetup::default()).map_err(|e| JsValue::from_str(&e))?;
        Ok(PlaygroundApp {
            handle: Handle::new(lab),
            scratch: RefCell::new(None),
            data_rect: Cell::new(None),
            layout: RefCell::new(None),
        })
    }

    /// Paints `values` (an n×n grid, row by row from the top) into `rect` of `target`.
    fn paint(
        &self,
        target: &CanvasRenderingContext2d,
        values: &[f64],
        n: usize,
        (scale, discretize): (Scale, bool),
        rect: Rect,
    ) -> Result<(), JsValue> {
        if n == 0 || values.len() < n * n {
            return Ok(());
        }
        let mut scratch = self.scratch.borrow_mut();
        if scratch.is_none() {
            let document = web_sys::window()
                .and_then(|w| w.document())
                .ok_or_else(|| JsValue::from_str("no document"))?;
            *scratch = Some(document.create_element("canvas")?.dyn_into()?);
        }
        let scratch = scratch
            .as_ref()
            .ok_or_else(|| JsValue::from_str("no canvas"))?;
        if scratch.width() != n as u32 || scratch.height() != n as u32 {
            scratch.set_width(n as u32);
            scratch.set_height(n as u32);
        }
        let bytes = rgba(&values[..n * n], scale, discretize);
        let image =
            ImageData::new_with_u8_clamped_array_and_sh(Clamped(&bytes), n as u32, n as u32)?;
        context(scratch)?.put_image_data(&image, 0.0, 0.0)?;
        target.set_image_smoothing_enabled(!discretize);
        let (l, t, r, b) = rect;
        target.draw_image_with_html_canvas_element_and_dw_and_dh(
            scratch,
            l as f64,
            t as f64,
            (r - l) as f64,
            (b - t) as f64,
        )
    }

    /// The data with the output painted under it; `discretize` shows the class boundary alone.
    pub fn draw_data(
        &self,
        canvas: &HtmlCanvasElement,
        show_test: bool,
        discretize: bool,
    ) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        let target = context(canvas)?;
        let mut painted = Ok(());
        let (rect, ratio) = canvas::draw(canvas, |area, style| {
            data_plot::draw(area, &s, show_test, style, |rect| {
                let scale = (Scale::output(s.task), discretize);
                painted = self.paint(&target, &s.output_picture, s.output_grid, scale, rect);
            })
            .map_err(|e| e.to_string())
        })?;
        self.data_rect.set(Some((rect, ratio)));
        painted
    }

    /// The network, each node with its own picture.
    pub fn draw_network(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        let target = context(canvas)?;
        let n = s.neuron_grid;
        let cells = n * n;
        let activation = s.setup.activation;
        let outputs = s.neuron_pictures.len() / cells.max(1);
        let mut painted = Ok(());
        let (layout, ratio) = canvas::draw(canvas, |area, style| {
            network_diagram::draw(area, &s, style, |node, rect| {
                let (values, scale) = match node {
                    Node::Feature(k) => {
                        let values = s
                            .feature_pictures
                            .get(k * cells..(k + 1) * cells)
                            .unwrap_or(&[]);
                        (values, Scale::feature(values))
                    }
                    Node::Neuron(k) => {
                        let values = s
                            .neuron_pictures
                            .get(k * cells..(k + 1) * cells)
                            .unwrap_or(&[]);
                        let scale = if k + 1 == outputs {
                            Scale::output(s.task)
                        } else {
                            Scale::neuron(activation, values)
                        };
                        (values, scale)
                    }
                };
                if painted.is_ok() {
                    painted = self.paint(&target, values, n, (scale, false), rect);
                }
            })
            .map_err(|e| e.to_string())
        })?;
        *self.layout.borrow_mut() = Some((layout, ratio));
        painted
    }

    pub fn draw_losses(&self, canvas: &HtmlCanvasElement, log_scale: bool) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        canvas::draw(canvas, |area, style| {
            loss_chart::draw(area, &s, log_scale, style).map_err(|e| e.to_string())
        })
        .map(|_| ())
    }

    /// (x₁, x₂) under a pointer at CSS pixel (x, y) of the data plot, if it is on the square.
    pub fn data_at(&self, css_x: f64, css_y: f64) -> Option<Vec<f64>> {
        let (rect, ratio) = self.data_rect.get()?;
        data_plot::data_at(rect, css_x * ratio, css_y * ratio).map(|(a, b)| vec![a, b])
    }

    /// The point nearest a pointer at CSS pixel (x, y), if one is within `reach` CSS pixels (test points
    /// only when they are shown).
    pub fn point_near(&self, css_x: f64, css_y: f64, reach: f64, show_test: bool) -> Option<usize> {
        let (rect, ratio) = self.data_rect.get()?;
        let (left, _, right, _) = rect;
        let per_unit = (right - left) as f64 / (2.0 * crate::labs::playground::HALF) / ratio;
        let (x1, x2) = data_plot::data_at(rect, css_x * ratio, css_y * ratio)?;
        let s = self.handle.snapshot();
        s.points
            .iter()
            .enumerate()
            .filter(|(_, p)| show_test || !p.test)
            .map(|(k, p)| (k, (p.x1 - x1).hypot(p.x2 - x2) * per_unit))
            .filter(|(_, d)| *d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(k, _)| k)
    }

    /// The neuron under a pointer at CSS pixel (x, y) of the diagram, as [layer, neuron] (layer 0 is the
    /// first hidden layer, the output layer last); inputs and empty space give nothing.
    pub fn neuron_at(&self, css_x: f64, css_y: f64) -> Option<Vec<usize>> {
        let layout = self.layout.borrow();
        let (layout, ratio) = layout.as_ref()?;
        let (c, j) = layout.node_at((css_x * ratio) as i32, (css_y * ratio) as i32)?;
        (c > 0).then(|| vec![c - 1, j])
    }

    /// The network on show with the picked point as its only example, as spec JSON for the
    /// backpropagation lab's import; throws the reason when no point is picked.
    pub fn export_spec(&self) -> Result<String, JsValue> {
        let spec = self
            .handle
            .lab
            .export_spec()
            .map_err(|e| JsValue::from_str(&e))?;
        let value = to_js(&spec)?;
        js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2))?
            .as_string()
            .ok_or_else(|| JsValue::from_str("the spec could not be written"))
    }
}
