//! The canvases' light and dark themes, and the rule that keeps every line legible on a projector.
//!
//! Views draw in the house palette on `palette::PAPER`, whatever the theme (the SVG tests read those colours).
//! The canvas passes every colour through `Theme::paint` on its way to the screen: the paper becomes the
//! theme's background, the ink and greys swap to light on dark, and a line, marker or text that would stand
//! out too little from the background (a pale amber on white, a step arrow faded to a tenth) is made opaque
//! enough, then dark (or light) enough, to reach WCAG's 3:1 for graphics (4.5:1 for text). The grid's faint
//! lines and the paper itself are the exceptions: they are meant to recede.

use super::style::palette;
use plotters::style::RGBColor;

/// Which background the charts are drawn on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

/// What a colour is used for, which decides how much it must stand out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// A line, an outline or a marker: at least 3:1 against the background (WCAG 1.4.11).
    Graphic,
    /// Text: at least 4.5:1 (WCAG 1.4.3).
    Text,
    /// An area filled under other things (a shaded band, the contour's cells, a label's box): mapped to the
    /// theme, never forced to stand out.
    Fill,
}

/// The least contrast each use must reach against the background.
pub fn minimum_contrast(usage: Use) -> f64 {
    match usage {
        Use::Graphic => 3.0,
        Use::Text => 4.5,
        Use::Fill => 1.0,
    }
}

/// The dark theme's background and the colours that swap with it.
pub const DARK_PAPER: RGBColor = RGBColor(22, 24, 28);
const DARK_INK: RGBColor = RGBColor(232, 232, 232);
const DARK_MUTED: RGBColor = RGBColor(160, 160, 160);
const DARK_FAINT: RGBColor = RGBColor(62, 66, 72);
const DARK_PENDING: RGBColor = RGBColor(165, 165, 165);
/// Okabe–Ito's sky blue: the forward pass's blue, lighter, for a dark background.
const DARK_FORWARD: RGBColor = RGBColor(86, 180, 233);

impl Theme {
    pub fn paper(self) -> RGBColor {
        match self {
            Theme::Light => palette::PAPER,
            Theme::Dark => DARK_PAPER,
        }
    }

    /// The theme's own shade of a house colour (the same colour in the light theme).
    pub fn shade(self, colour: RGBColor) -> RGBColor {
        if self == Theme::Light {
            return colour;
        }
        let swaps = [
            (palette::PAPER, DARK_PAPER),
            (palette::INK, DARK_INK),
            (palette::MUTED, DARK_MUTED),
            (palette::FAINT, DARK_FAINT),
            (palette::PENDING, DARK_PENDING),
            (palette::FORWARD, DARK_FORWARD),
        ];
        swaps
            .iter()
            .find(|(house, _)| *house == colour)
            .map_or(colour, |&(_, dark)| dark)
    }

    /// The colour and opacity to draw `colour` at `alpha` with, for `usage`: the theme's shade, then, unless
    /// it is the paper or the grid's faint grey, opaque and then dark (or light) enough to reach the use's
    /// contrast against the background.
    pub fn paint(self, colour: RGBColor, alpha: f64, usage: Use) -> (RGBColor, f64) {
        let shaded = self.shade(colour);
        let exempt = colour == palette::PAPER || colour == palette::FAINT;
        if usage == Use::Fill || exempt {
            return (shaded, alpha);
        }
        let minimum = minimum_contrast(usage);
        let paper = self.paper();
        let alpha = if alpha.is_finite() {
            alpha.clamp(0.0, 1.0)
        } else {
            1.0
        };
        // Opaque enough first (a faded line keeps its hue and fades less), then darker or lighter.
        let mut chosen = (shaded, alpha);
        while contrast(blend(chosen.0, chosen.1, paper), paper) < minimum && chosen.1 < 1.0 {
            chosen.1 = (chosen.1 + 0.05).min(1.0);
        }
        let toward = match self {
            Theme::Light => RGBColor(0, 0, 0),
            Theme::Dark => RGBColor(255, 255, 255),
        };
        let mut step = 0.0;
        while contrast(blend(chosen.0, chosen.1, paper), paper) < minimum && step < 1.0 {
            step = (step + 0.05_f64).min(1.0);
            chosen.0 = mix(shaded, toward, step);
        }
        chosen
    }
}

/// WCAG 2's relative luminance of an sRGB colour.
pub fn luminance(colour: RGBColor) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            libm::pow((v + 0.055) / 1.055, 2.4)
        }
    };
    0.2126 * channel(colour.0) + 0.7152 * channel(colour.1) + 0.0722 * channel(colour.2)
}

/// WCAG 2's contrast ratio, from 1 (the same) to 21 (black on white).
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `colour` at opacity `alpha` over `paper`, as the screen shows it.
pub fn blend(colour: RGBColor, alpha: f64, paper: RGBColor) -> RGBColor {
    mix(paper, colour, alpha)
}

/// The colour a fraction `t` of the way from `from` to `to`.
fn mix(from: RGBColor, to: RGBColor, t: f64) -> RGBColor {
    let channel = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(
        channel(from.0, to.0),
        channel(from.1, to.1),
        channel(from.2, to.2),
    )
}
