//! Views: each draws one picture from read-only data, on any plotters backend (a canvas in the page, SVG in
//! the native tests). Views compute nothing the page reads as a number; they only place and paint.

pub mod batch_race;
pub mod cost_contour;
pub mod cost_curve;
pub mod data_fit;
pub mod error_curve;
pub mod network_diagram;

use plotters::style::RGBColor;

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
