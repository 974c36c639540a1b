//! Views: each draws one picture from read-only data, on any plotters backend (a canvas in the page, SVG in
//! the native tests). Views compute nothing the page reads as a number; they only place and paint.

pub mod batch_race;
pub mod cost_contour;
pub mod cost_curve;
pub mod data_fit;
pub mod error_curve;
pub mod network_diagram;

use plotters::coord::Shift;
use plotters::prelude::*;

/// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and on a projector.
pub mod palette {
    use super::RGBColor;
    pub const FORWARD: RGBColor = RGBColor(0, 114, 178);
    pub const BACKWARD: RGBColor = RGBColor(213, 94, 0);
    pub const UPDATE: RGBColor = RGBColor(0, 158, 115);
    pub const HIGHLIGHT: RGBColor = RGBColor(230, 159, 0);
    pub const INK: RGBColor = RGBColor(34, 34, 34);
    pub const MUTED: RGBColor = RGBColor(120, 120, 120);
    pub const PAPER: RGBColor = RGBColor(255, 255, 255);
    pub const FAINT: RGBColor = RGBColor(225, 225, 225);
}

/// How to size things: `scale` is the device pixel ratio, so text and lines keep their size on HiDPI
/// screens while the canvas has more pixels.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub scale: f64,
}

impl Style {
    pub fn px(self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }

    pub fn font(self, v: f64) -> f64 {
        v * self.scale
    }
}

impl Default for Style {
    fn default() -> Self {
        Style { scale: 1.0 }
    }
}

type Point = (i32, i32);

/// A filled arrowhead on the segment from `from` to `to`, at fraction `t` of the way, pointing toward `to`.
pub fn arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    from: Point,
    to: Point,
    t: f64,
    colour: impl Color,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let length = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / length, dy / length);
    let tip = (from.0 as f64 + dx * t, from.1 as f64 + dy * t);
    let size = 9.0 * style.scale;
    let back = (tip.0 - ux * size, tip.1 - uy * size);
    let side = (-uy * size * 0.55, ux * size * 0.55);
    let points = vec![
        (tip.0.round() as i32, tip.1.round() as i32),
        (
            (back.0 + side.0).round() as i32,
            (back.1 + side.1).round() as i32,
        ),
        (
            (back.0 - side.0).round() as i32,
            (back.1 - side.1).round() as i32,
        ),
    ];
    area.draw(&Polygon::new(points, colour.filled()))
}
