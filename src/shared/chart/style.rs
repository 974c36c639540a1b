//! The house style: the Okabe–Ito palette, each activation's colour, `Style` (sizes by the device pixel
//! ratio) and `Mapping` (pixels ↔ data).

use plotters::prelude::*;

/// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and on a projector.
pub mod palette {
    use plotters::style::RGBColor;
    pub const FORWARD: RGBColor = RGBColor(0, 114, 178);
    pub const BACKWARD: RGBColor = RGBColor(213, 94, 0);
    pub const UPDATE: RGBColor = RGBColor(0, 158, 115);
    pub const HIGHLIGHT: RGBColor = RGBColor(230, 159, 0);
    pub const INK: RGBColor = RGBColor(34, 34, 34);
    pub const MUTED: RGBColor = RGBColor(120, 120, 120);
    pub const PAPER: RGBColor = RGBColor(255, 255, 255);
    pub const FAINT: RGBColor = RGBColor(225, 225, 225);
    /// Values not computed yet ("z₁ = ?"): lighter than the computed ones, and still text a projector shows
    /// (5.1:1 on white, above the 4.5:1 text needs; the page's "?" cells use the same grey).
    pub const PENDING: RGBColor = RGBColor(110, 110, 110);
}

/// Each activation's colour, the same in every chart that compares them, so a teacher can say "the green
/// line is tanh" and mean it everywhere.
pub fn activation_colour(activation: crate::engine::Activation) -> RGBColor {
    use crate::engine::Activation;
    match activation {
        Activation::Sigmoid => palette::FORWARD,
        Activation::Tanh => palette::UPDATE,
        Activation::Relu => palette::BACKWARD,
        Activation::LeakyRelu => palette::HIGHLIGHT,
        Activation::Identity => palette::INK,
        Activation::Softmax => palette::MUTED,
    }
}

/// Whether two runs of y values, in a chart's own coordinates, would draw as one line: the same length, and
/// every pair closer than `tolerance` (or both off the chart). The legend then says the second runs on top of
/// the first, so no line seems to be missing.
pub fn on_top_of(a: &[f64], b: &[f64], tolerance: f64) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(&x, &y)| (x - y).abs() <= tolerance || (!x.is_finite() && !y.is_finite()))
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

/// Where the plotting area sits on the backend and which data it shows, so a pointer position can be turned
/// back into data coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mapping {
    pub pixels_x: (i32, i32),
    pub pixels_y: (i32, i32),
    pub x: (f64, f64),
    pub z: (f64, f64),
}

impl Mapping {
    pub fn data_at(&self, px: f64, py: f64) -> (f64, f64) {
        let fx = (px - self.pixels_x.0 as f64) / (self.pixels_x.1 - self.pixels_x.0).max(1) as f64;
        let fy = (py - self.pixels_y.0 as f64) / (self.pixels_y.1 - self.pixels_y.0).max(1) as f64;
        (
            self.x.0 + fx * (self.x.1 - self.x.0),
            self.z.1 - fy * (self.z.1 - self.z.0),
        )
    }

    /// `data_at` for a pointer held inside the plotting area: a pointer beyond an edge gives the value at
    /// that edge, so a dragged point stays on the plot.
    pub fn data_at_clamped(&self, px: f64, py: f64) -> (f64, f64) {
        let clamp = |p: f64, (a, b): (i32, i32)| p.clamp(f64::from(a.min(b)), f64::from(a.max(b)));
        self.data_at(clamp(px, self.pixels_x), clamp(py, self.pixels_y))
    }

    /// The backend pixel where (x, z) is drawn: the inverse of `data_at`.
    pub fn pixel_of(&self, x: f64, z: f64) -> (f64, f64) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (self.z.1 - z) / (self.z.1 - self.z.0);
        (
            self.pixels_x.0 as f64 + fx * (self.pixels_x.1 - self.pixels_x.0) as f64,
            self.pixels_y.0 as f64 + fy * (self.pixels_y.1 - self.pixels_y.0) as f64,
        )
    }
}
