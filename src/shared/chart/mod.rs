//! The chart pieces every lab's views share: the palette, `Style`, `Mapping`, axes and meshes, arrows,
//! labels and legends, and the series chart. Views draw one picture each from read-only data, on any plotters
//! backend (a canvas in the page, SVG in the native tests), and compute nothing a person reads as a number.

pub mod series_chart;

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::AsRangedCoord;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
    /// Values not computed yet ("z₁ = ?"): lighter than the computed ones, still readable on a projector
    /// (3.5:1 on white).
    pub const PENDING: RGBColor = RGBColor(138, 138, 138);
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

/// The size of `text` in pixels. A backend that cannot measure text (the SVG one in tests) gets an
/// estimate: 0.58 em a character.
pub fn text_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: &FontDesc,
) -> (i32, i32) {
    let (w, h) = area
        .estimate_text_size(text, &TextStyle::from(font.clone()))
        .unwrap_or_else(|_| {
            let size = font.get_size();
            (
                (text.chars().count() as f64 * 0.58 * size) as u32,
                size as u32,
            )
        });
    (w as i32, h as i32)
}

/// Text that must stay readable where lines run under it and must not be cut at the edge: drawn on a pale
/// box the size of the text, and moved inside the area if it would stick out. `anchor` says which point of
/// the text `at` is, as for plotters' `Pos`.
pub fn boxed_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    at: Point,
    font: &FontDesc,
    colour: RGBColor,
    anchor: (HPos, VPos),
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let text_style = font.clone().color(&colour);
    let (w, h) = text_size(area, text, font);
    let pad = style.px(3.0);
    let left = match anchor.0 {
        HPos::Left => at.0,
        HPos::Center => at.0 - w / 2,
        HPos::Right => at.0 - w,
    };
    let top = match anchor.1 {
        VPos::Top => at.1,
        VPos::Center => at.1 - h / 2,
        VPos::Bottom => at.1 - h,
    };
    let (width, height) = area.dim_in_pixel();
    let left = left.clamp(pad, (width as i32 - w - pad).max(pad));
    let top = top.clamp(pad, (height as i32 - h - pad).max(pad));
    area.draw(&Rectangle::new(
        [(left - pad, top - pad), (left + w + pad, top + h + pad)],
        palette::PAPER.mix(0.88).filled(),
    ))?;
    area.draw(&Text::new(
        text.to_string(),
        (left, top),
        text_style.pos(Pos::new(HPos::Left, VPos::Top)),
    ))
}

/// What a plot has drawn, for placing its legend: the points (data units) and the x and y ranges.
pub type Drawn<'a> = (&'a [(f64, f64)], (f64, f64), (f64, f64));

/// One row of a `corner_legend`: a line sample, or a filled block (`bar`), and its label.
pub struct LegendEntry {
    pub label: String,
    pub colour: RGBColor,
    pub bar: bool,
}

/// A legend on a pale box in the corner of the plot that the drawn data (`drawn`, in data units over the
/// ranges `x` and `y`) leaves emptiest; `plot` is the plot's pixel ranges on `area`. Text is measured by the
/// backend: plotters' own series labels measure it with a DOM element, which makes the browser lay the page
/// out again for every label; the vanishing lab's animation frames spent half their time there.
pub fn corner_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: (std::ops::Range<i32>, std::ops::Range<i32>),
    (drawn, x, y): Drawn,
    entries: &[LegendEntry],
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let dims = (
        (plot.0.end - plot.0.start).max(1) as u32,
        (plot.1.end - plot.1.start).max(1) as u32,
    );
    let labels: Vec<&str> = entries.iter().map(|e| e.label.as_str()).collect();
    let corner = emptiest_corner(drawn, x, y, dims, &labels, style);
    let font = label_font(style);
    let size = style.font(13.0);
    let widest = entries
        .iter()
        .map(|e| {
            area.estimate_text_size(&e.label, &font)
                .map(|(w, _)| w as i32)
                .unwrap_or((e.label.chars().count() as f64 * 0.6 * size) as i32)
        })
        .max()
        .unwrap_or(0);
    let (pad, swatch, row) = (style.px(6.0), style.px(18.0), (size * 1.45).round() as i32);
    let (w, h) = (
        pad * 3 + swatch + widest,
        legend_height(entries.len(), style),
    );
    let (xs, ys) = plot;
    let inset = style.px(LEGEND_INSET);
    let (left, top) = match corner {
        SeriesLabelPosition::UpperLeft => (xs.start + inset, ys.start + inset),
        SeriesLabelPosition::LowerLeft => (xs.start + inset, ys.end - inset - h),
        SeriesLabelPosition::LowerRight => (xs.end - inset - w, ys.end - inset - h),
        _ => (xs.end - inset - w, ys.start + inset),
    };
    area.draw(&Rectangle::new(
        [(left, top), (left + w, top + h)],
        palette::PAPER.mix(0.85).filled(),
    ))?;
    area.draw(&Rectangle::new(
        [(left, top), (left + w, top + h)],
        palette::FAINT.stroke_width(1),
    ))?;
    for (k, e) in entries.iter().enumerate() {
        let y = top + pad + row * k as i32 + row / 2;
        let x = left + pad;
        if e.bar {
            let half = style.px(5.0);
            area.draw(&Rectangle::new(
                [(x, y - half), (x + swatch, y + half)],
                e.colour.filled(),
            ))?;
        } else {
            area.draw(&PathElement::new(
                vec![(x, y), (x + swatch, y)],
                e.colour.stroke_width(style.px(3.0) as u32),
            ))?;
        }
        area.draw(&Text::new(
            e.label.clone(),
            (x + swatch + pad, y),
            font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// How far `corner_legend` keeps its box from the plot's edges, in CSS pixels.
pub const LEGEND_INSET: f64 = 8.0;

/// The height of `corner_legend`'s box for `entries` rows, in pixels: for a chart that must leave room for it.
pub fn legend_height(entries: usize, style: Style) -> i32 {
    2 * style.px(6.0) + (style.font(13.0) * 1.45).round() as i32 * entries as i32
}

/// A curve drawn dashed, as every other run of `dash` consecutive points: for a second curve that must read
/// as "not the main one" (the noise-free curve, the best epoch's fit, a mini-batch's own parabola).
pub fn dashed<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    points: &[(f64, f64)],
    dash: usize,
    style: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for run in points.chunks(dash.max(2)).step_by(2) {
        chart.draw_series(std::iter::once(PathElement::new(run.to_vec(), style)))?;
    }
    Ok(())
}

/// The text style of axis labels and legends.
pub fn label_font(style: Style) -> TextStyle<'static> {
    (FontFamily::SansSerif, style.font(13.0))
        .into_font()
        .color(&palette::INK)
}

/// The house chart's margin on every side, and the height of its x labels' band, in CSS pixels.
pub const CHART_MARGIN: f64 = 12.0;
pub const X_LABEL_AREA: f64 = 36.0;

/// A chart on `area` with the house margins: `y_labels` is the width, in CSS pixels, kept for y tick labels.
#[allow(clippy::type_complexity)] // plotters' own chart type, spelled out once here.
pub fn chart<'a, DB: DrawingBackend, X: AsRangedCoord, Y: AsRangedCoord>(
    area: &'a DrawingArea<DB, Shift>,
    style: Style,
    y_labels: f64,
    x: X,
    y: Y,
) -> Result<
    ChartContext<'a, DB, Cartesian2d<X::CoordDescType, Y::CoordDescType>>,
    DrawingAreaErrorKind<DB::ErrorType>,
> {
    ChartBuilder::on(area)
        .margin(style.px(CHART_MARGIN))
        .x_label_area_size(style.px(X_LABEL_AREA))
        .y_label_area_size(style.px(y_labels))
        .build_cartesian_2d(x, y)
}

/// The label of a tick on a log₁₀ axis at `v`: "1eN" at whole decades, nothing between them. Plotters puts
/// ticks at half decades too when few decades are shown, and rounding those would name the wrong height.
pub fn decade_label(v: &f64) -> String {
    whole(v).map(|n| format!("1e{n}")).unwrap_or_default()
}

/// `v` as a whole number when it is one (a layer, a decade), else `None`.
pub fn whole(v: &f64) -> Option<i64> {
    ((v - v.round()).abs() < 1e-9).then(|| v.round() as i64)
}

/// The house style of a chart's mesh: faint grid, muted axes, ink labels.
/// How many x tick labels a plot on `area` has room for, at one per `each` CSS pixels (70 suits four-digit
/// epochs and signed decimals, 28 a layer number), so that they do not run together on a phone.
pub fn x_label_count<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    each: f64,
    style: Style,
) -> usize {
    let width = f64::from(area.dim_in_pixel().0);
    (width / f64::from(style.px(each).max(1))).clamp(3.0, 20.0) as usize
}

pub fn house_mesh<'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'b mut MeshStyle<'a, 'b, X, Y, DB>,
    style: Style,
) -> &'b mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.light_line_style(palette::FAINT)
        .bold_line_style(palette::FAINT)
        .axis_style(palette::MUTED)
        .label_style(label_font(style))
        .axis_desc_style(label_font(style))
}

/// The corner where a legend of `labels` covers the least of the data, so it never sits on the one curve a
/// person is looking at. `points` are in the chart's coordinates (sample lines along their length with
/// `along`, and bars over their area), `x` and `y` are the ranges shown, and `plot` is the plotting area's
/// size in pixels. Ties keep the first of upper right, upper left, lower right, lower left.
pub fn emptiest_corner(
    points: &[(f64, f64)],
    x: (f64, f64),
    y: (f64, f64),
    plot: (u32, u32),
    labels: &[&str],
    style: Style,
) -> SeriesLabelPosition {
    // plotters' legend: a margin, an 18-pixel line sample, a gap, then the label; one row per label.
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let width = style.font(13.0) * 0.62 * widest + style.scale * 50.0;
    let height = style.font(13.0) * 1.45 * labels.len() as f64 + style.scale * 16.0;
    let (w, h) = (
        width / f64::from(plot.0.max(1)),
        height / f64::from(plot.1.max(1)),
    );
    // An empty range (one layer, one point) puts everything in the middle, away from every corner.
    let unit = |v: f64, (lo, hi): (f64, f64)| {
        if hi - lo > 0.0 {
            (v - lo) / (hi - lo)
        } else {
            0.5
        }
    };
    let covered = |left: bool, upper: bool| {
        points
            .iter()
            .filter(|&&(px, py)| {
                let (u, v) = (unit(px, x), unit(py, y));
                let inside_x = if left { u <= w } else { u >= 1.0 - w };
                let inside_y = if upper { v >= 1.0 - h } else { v <= h };
                inside_x && inside_y
            })
            .count()
    };
    let corners = [
        (SeriesLabelPosition::UpperRight, covered(false, true)),
        (SeriesLabelPosition::UpperLeft, covered(true, true)),
        (SeriesLabelPosition::LowerRight, covered(false, false)),
        (SeriesLabelPosition::LowerLeft, covered(true, false)),
    ];
    let fewest = corners.iter().map(|c| c.1).min().unwrap_or(0);
    corners
        .into_iter()
        .find(|c| c.1 == fewest)
        .map_or(SeriesLabelPosition::UpperRight, |c| c.0)
}

/// Where a label box of `size` pixels goes beside a vertical line at pixel `x`, inside `plot` (left, top,
/// right, bottom): of the places on either side of the line, at the top, the bottom or between, the one over
/// the fewest of `pixels` (the curves as drawn) that keeps clear of the `taken` boxes, the top first and
/// `right_first`'s side first among equals. A label box hides what is under it, so the curve a person reads
/// should not be there. None when the label fits on neither side.
pub fn beside_line(
    x: i32,
    plot: [i32; 4],
    size: (i32, i32),
    pixels: &[(i32, i32)],
    taken: &[[i32; 4]],
    right_first: bool,
    style: Style,
) -> Option<[i32; 4]> {
    let (w, h) = size;
    let gap = style.px(5.0);
    let pad = style.px(3.0);
    let overlaps = |a: &[i32; 4], b: &[i32; 4]| {
        a[0] - pad < b[2] && b[0] < a[2] + pad && a[1] - pad < b[3] && b[1] < a[3] + pad
    };
    let covered = |b: &[i32; 4]| {
        pixels
            .iter()
            .filter(|&&(px, py)| {
                b[0] - pad <= px && px <= b[2] + pad && b[1] - pad <= py && py <= b[3] + pad
            })
            .count()
    };
    let room = (plot[3] - plot[1] - 2 * gap - h).max(0);
    [0.0, 1.0, 0.25, 0.5, 0.75]
        .iter()
        .flat_map(|&f| {
            [right_first, !right_first].map(|right| {
                let y = plot[1] + gap + (f64::from(room) * f) as i32;
                let left = if right { x + gap } else { x - gap - w };
                [left, y, left + w, y + h]
            })
        })
        .filter(|b| plot[0] <= b[0] && b[2] <= plot[2] && !taken.iter().any(|t| overlaps(b, t)))
        .min_by_key(covered)
}

/// A polyline with `per_segment` points along each segment, so a line that only passes through a corner
/// still counts there.
pub fn along(points: &[(f64, f64)], per_segment: usize) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len() * per_segment.max(1));
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        for k in 0..per_segment.max(1) {
            let t = k as f64 / per_segment.max(1) as f64;
            out.push((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t));
        }
    }
    out.extend(points.last());
    out
}
