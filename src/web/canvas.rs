//! Canvas sizing in one place: the canvas gets CSS size × devicePixelRatio pixels, and views are told the
//! ratio, so lines and text stay crisp on HiDPI screens and projectors.
//!
//! Drawing goes through `MeasuredCanvas`, plotters' canvas backend with one change: text is measured with
//! the canvas's own `measureText` instead of plotters' default, which adds a `<span>` to the page and forces
//! a layout for every label. That default cost most of a frame.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::{
    text_anchor, BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
    FontFamily, FontStyle, FontTransform,
};
use plotters_canvas::CanvasBackend;
use std::cell::Cell;

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::shared::chart::theme::{Theme, Use};
use crate::shared::chart::Style;

type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

pub struct MeasuredCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    theme: Theme,
}

/// A style with its colour painted for the theme (`Theme::paint`): what the canvas strokes or fills.
struct Painted {
    color: BackendColor,
    width: u32,
}

impl BackendStyle for Painted {
    fn color(&self) -> BackendColor {
        self.color
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

fn painted(theme: Theme, color: BackendColor, usage: Use) -> BackendColor {
    let (r, g, b) = color.rgb;
    let (RGBColor(r, g, b), alpha) = theme.paint(RGBColor(r, g, b), color.alpha, usage);
    BackendColor {
        alpha,
        rgb: (r, g, b),
    }
}

impl MeasuredCanvas {
    fn paint<S: BackendStyle>(&self, style: &S, usage: Use) -> Painted {
        Painted {
            color: painted(self.theme, style.color(), usage),
            width: style.stroke_width(),
        }
    }
}

/// A text style whose colour is painted for the theme; everything else is the view's.
struct PaintedText<'a, S: BackendTextStyle> {
    inner: &'a S,
    color: BackendColor,
}

impl<S: BackendTextStyle> BackendTextStyle for PaintedText<'_, S> {
    type FontError = S::FontError;
    fn color(&self) -> BackendColor {
        self.color
    }
    fn size(&self) -> f64 {
        self.inner.size()
    }
    fn transform(&self) -> FontTransform {
        self.inner.transform()
    }
    fn style(&self) -> FontStyle {
        self.inner.style()
    }
    fn anchor(&self) -> text_anchor::Pos {
        self.inner.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        self.inner.family()
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.inner.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.inner.draw(text, pos, draw)
    }
}

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner
            .draw_pixel(point, painted(self.theme, color, Use::Fill))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner
            .draw_line(from, to, &self.paint(style, Use::Graphic))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let usage = if fill { Use::Fill } else { Use::Graphic };
        self.inner
            .draw_rect(upper_left, bottom_right, &self.paint(style, usage), fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_path(path, &self.paint(style, Use::Graphic))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner
            .fill_polygon(vertices, &self.paint(style, Use::Fill))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        // A filled circle is a marker: it must stand out as a line does.
        self.inner
            .draw_circle(center, radius, &self.paint(style, Use::Graphic), fill)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let style = PaintedText {
            inner: style,
            color: painted(self.theme, style.color(), Use::Text),
        };
        self.inner.draw_text(text, &style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        // The same font string the canvas backend draws with.
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0);
        Ok((width.ceil() as u32, (style.size() * 1.2).ceil() as u32))
    }
}

/// Sizes the canvas for the screen and paints it; returns what `paint` returns, and the pixel ratio used.
pub fn draw<T>(
    canvas: &HtmlCanvasElement,
    paint: impl FnOnce(&DrawingArea<MeasuredCanvas, Shift>, Style) -> Result<T, String>,
) -> Result<(T, f64), JsValue> {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(EXPORT_RATIO.with(Cell::get))
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
    let no_context = || JsValue::from_str("This browser gave no 2D canvas context.");
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(no_context)?
        .dyn_into()
        .map_err(|_| no_context())?;
    // Round joins and caps for every line: plotters-canvas strokes with the context's own, and at the
    // default miter joins a thick curve that turns back within a pixel grew spikes. (Resizing the canvas
    // resets the context, so this is set on every draw.)
    context.set_line_join("round");
    context.set_line_cap("round");
    let inner = CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(no_context)?;
    let theme = THEME.with(Cell::get);
    let area = MeasuredCanvas {
        inner,
        context,
        theme,
    }
    .into_drawing_area();
    let text = TYPE_SCALE.with(Cell::get);
    paint(
        &area,
        Style {
            scale: ratio * text,
        },
    )
    .map(|value| (value, ratio))
    .map_err(|e| JsValue::from_str(&e))
}

thread_local! {
    // The page's type size against the browser's 16 px. style.css raises it on a very wide screen, which is
    // usually far away (a projector in a hall), and the charts' text and lines grow with it as the page's
    // rem sizes do. The page tells us (`set_type_scale`) when the layout changes, so a frame does not read
    // the style sheet. The page has one thread.
    static TYPE_SCALE: Cell<f64> = const { Cell::new(1.0) };
    // The page's theme (light or dark), set by the page when it changes, like the type scale.
    static THEME: Cell<Theme> = const { Cell::new(Theme::Light) };
    // While a chart is exported as a PNG, the least pixel ratio it is drawn at (2: twice the screen's
    // resolution on an ordinary screen); 0 the rest of the time.
    static EXPORT_RATIO: Cell<f64> = const { Cell::new(0.0) };
}

/// Sets the least pixel ratio the canvases draw at, for an export (0 for the screen's own); clamped to 0–4.
#[wasm_bindgen]
pub fn set_export_ratio(ratio: f64) {
    if ratio.is_finite() {
        EXPORT_RATIO.with(|cell| cell.set(ratio.clamp(0.0, 4.0)));
    }
}

/// Sets the charts' theme: dark when `dark` is true. The page redraws its charts after.
#[wasm_bindgen]
pub fn set_dark_theme(dark: bool) {
    THEME.with(|cell| cell.set(if dark { Theme::Dark } else { Theme::Light }));
}

/// Sets the charts' type scale (the root font size / 16), clamped to 0.5–4; anything not a number is ignored.
#[wasm_bindgen]
pub fn set_type_scale(scale: f64) {
    if scale.is_finite() {
        TYPE_SCALE.with(|cell| cell.set(scale.clamp(0.5, 4.0)));
    }
}
