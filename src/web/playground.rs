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
use crate::labs::playground::views::network_diagram::{self, Hit, Layout, Node};
use crate::labs::playground::{PlaygroundLab, PlaygroundSetup, Point};
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

#[wasm_bindgen]
pub struct PlaygroundApp {
    handle: Handle<PlaygroundLab>,
    /// Two canvases the size of the pictures' grids, the output's and the nodes' atlas: image data goes
    /// here, then is drawn scaled.
    scratch: RefCell<[Option<HtmlCanvasElement>; 2]>,
    /// Where the data plot and the diagram were last drawn, in canvas pixels, with the pixel ratio then.
    data_rect: Cell<Option<(Rect, f64)>>,
    layout: RefCell<Option<(Layout, f64)>>,
    data_layers: RefCell<Option<DataLayers>>,
}

/// What the data plot's kept layers were drawn for.
#[derive(PartialEq)]
struct LayerKey {
    /// Pixels wide and high, and the style's scale (pixel ratio × type scale).
    size: (u32, u32, f64),
    show_test: bool,
    picked: Option<usize>,
    points: Vec<Point>,
}

/// The data plot's axes (the whole canvas, the plot's rectangle still empty) and its points (transparent
/// elsewhere), each on a canvas of its own.
struct DataLayers {
    key: LayerKey,
    axes: HtmlCanvasElement,
    points: HtmlCanvasElement,
    rect: Rect,
}

/// A new canvas off the page, `w`×`h` pixels, transparent.
fn blank(w: u32, h: u32) -> Result<HtmlCanvasElement, JsValue> {
    let canvas: HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width(w);
    canvas.set_height(h);
    Ok(canvas)
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
            scratch: RefCell::new([None, None]),
            data_rect: Cell::new(None),
            layout: RefCell::new(None),
            data_layers: RefCell::new(None),
        })
    }

    /// Puts `bytes` (RGBA, `w`×`h`) into the scratch canvas `which` (0 the output, 1 the nodes' atlas) with
    /// one `putImageData`. Each picture keeps its own canvas, so none is resized from frame to frame.
    fn put(&self, which: usize, bytes: &[u8], w: usize, h: usize) -> Result<(), JsValue> {
        let mut scratch = self.scratch.borrow_mut();
        if scratch[which].is_none() {
            let document = web_sys::window()
                .and_then(|w| w.document())
                .ok_or_else(|| JsValue::from_str("no document"))?;
            scratch[which] = Some(document.create_element("canvas")?.dyn_into()?);
        }
        let canvas = scratch[which]
            .as_ref()
            .ok_or_else(|| JsValue::from_str("no canvas"))?;
        if canvas.width() != w as u32 || canvas.height() != h as u32 {
            canvas.set_width(w as u32);
            canvas.set_height(h as u32);
        }
        let image =
            ImageData::new_with_u8_clamped_array_and_sh(Clamped(bytes), w as u32, h as u32)?;
        context(canvas)?.put_image_data(&image, 0.0, 0.0)
    }

    /// Draws the part of scratch canvas `which` from column `from` (a tile `size` square) into `rect`.
    fn blit(
        &self,
        target: &CanvasRenderingContext2d,
        which: usize,
        (from, size): (usize, usize),
        smooth: bool,
        rect: Rect,
    ) -> Result<(), JsValue> {
        let scratch = self.scratch.borrow();
        let Some(canvas) = scratch[which].as_ref() else {
            return Ok(());
        };
        target.set_image_smoothing_enabled(smooth);
        let (l, t, r, b) = rect;
        target.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            canvas,
            from as f64,
            0.0,
            size as f64,
            size as f64,
            l as f64,
            t as f64,
            (r - l) as f64,
            (b - t) as f64,
        )
    }

    /// The data with the output painted under it; `discretize` shows the class boundary alone. The axes and
    /// the points are layers of their own, drawn again only when they change (the size, the points, the
    /// picked point, whether test points show): a frame of Play paints the output between them.
    pub fn draw_data(
        &self,
        canvas: &HtmlCanvasElement,
        show_test: bool,
        discretize: bool,
    ) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        let target = context(canvas)?;
        let n = s.output_grid;
        let mut painted = if s.output_picture.len() == n * n {
            self.put(
                0,
                &rgba(&s.output_picture, Scale::output(s.task), discretize),
                n,
                n,
            )
        } else {
            Ok(())
        };
        let (rect, ratio) = canvas::draw(canvas, |area, style| {
            let (w, h) = area.dim_in_pixel();
            let key = LayerKey {
                size: (w, h, style.scale),
                show_test,
                picked: s.picked_point,
                points: s.points.clone(),
            };
            let mut layers = self.data_layers.borrow_mut();
            let kept = layers.as_ref().filter(|l| l.key == key);
            let rect = match kept {
                Some(kept) => {
                    let _ = target.draw_image_with_html_canvas_element(&kept.axes, 0.0, 0.0);
                    kept.rect
                }
                None => {
                    let rect = data_plot::draw_axes(area, style).map_err(|e| e.to_string())?;
                    let axes = blank(w, h).map_err(|_| "no canvas".to_string())?;
                    let points = blank(w, h).map_err(|_| "no canvas".to_string())?;
                    let copied = context(&axes)
                        .and_then(|c| c.draw_image_with_html_canvas_element(canvas, 0.0, 0.0));
                    let backend = CanvasBackend::with_canvas_object(points.clone())
                        .ok_or_else(|| "no canvas".to_string())?;
                    data_plot::draw_points(
                        &backend.into_drawing_area(),
                        &s,
                        show_test,
                        style,
                        rect,
                    )
                    .map_err(|e| e.to_string())?;
                    copied.map_err(|_| "the axes could not be kept".to_string())?;
                    *layers = Some(DataLayers {
                        key,
                        axes,
                        points,
                        rect,
                    });
                    rect
                }
            };
            if painted.is_ok() {
                painted = self.blit(&target, 0, (0, n), !discretize, rect);
            }
            if let Some(l) = layers.as_ref() {
                let _ = target.draw_image_with_html_canvas_element(&l.points, 0.0, 0.0);
            }
            Ok(rect)
        })?;
        self.data_rect.set(Some((rect, ratio)));
        painted
    }

    /// The network, each node with its own picture: every node's picture goes side by side into one atlas
    /// (one `putImageData`), and each node draws its tile.
    pub fn draw_network(&self, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        let s = self.handle.snapshot();
        let target = context(canvas)?;
        let n = s.neuron_grid;
        let cells = n * n;
        let activation = s.setup.activation;
        let features = s.feature_pictures.len() / cells.max(1);
        let outputs = s.neuron_pictures.len() / cells.max(1);
        let tiles = features + outputs;
        // Tile by tile, then laid out as one image `tiles` pictures wide.
        let mut pictures = Vec::with_capacity(tiles);
        for k in 0..features {
            let values = &s.feature_pictures[k * cells..(k + 1) * cells];
            pictures.push(rgba(values, Scale::feature(values), false));
        }
        for k in 0..outputs {
            let values = &s.neuron_pictures[k * cells..(k + 1) * cells];
            let scale = if k + 1 == outputs {
                Scale::output(s.task)
            } else {
                Scale::neuron(activation, values)
            };
            pictures.push(rgba(values, scale, false));
        }
        let mut atlas = vec![0u8; tiles * cells * 4];
        for (k, picture) in pictures.iter().enumerate() {
            for row in 0..n {
                let to = (row * tiles * n + k * n) * 4;
                atlas[to..to + 4 * n].copy_from_slice(&picture[row * n * 4..(row + 1) * n * 4]);
            }
        }
        let mut painted = if tiles > 0 {
            self.put(1, &atlas, tiles * n, n)
        } else {
            Ok(())
        };
        let (layout, ratio) = canvas::draw(canvas, |area, style| {
            network_diagram::draw(area, &s, style, |node, rect| {
                let tile = match node {
                    Node::Feature(k) => k,
                    Node::Neuron(k) => features + k,
                };
                if painted.is_ok() && tile < tiles {
                    painted = self.blit(&target, 1, (tile * n, n), true, rect);
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

    /// What is under a pointer at CSS pixel (x, y) of the diagram: `[0, column, index]` for a node (column 0
    /// the inputs), `[1, layer, from, to]` for an edge (layer 0 leads into the first hidden layer), as in the
    /// snapshot's `edges`; nothing off them.
    pub fn hover_at(&self, css_x: f64, css_y: f64) -> Option<Vec<usize>> {
        let layout = self.layout.borrow();
        let (layout, ratio) = layout.as_ref()?;
        match layout.hit((css_x * ratio) as i32, (css_y * ratio) as i32, 4.0 * ratio)? {
            Hit::Node(c, j) => Some(vec![0, c, j]),
            Hit::Edge(l, i, j) => Some(vec![1, l, i, j]),
        }
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
