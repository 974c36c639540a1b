//! Several labelled curves on shared axes, linear or log₁₀ in y: the batch-size race and the training
//! comparison of activations.

use plotters::coord::Shift;
use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::marker::marker;
use super::{
    along, beside_line, boxed_text, chart, decade_label, house_mesh, on_top_of, palette, polyline,
    text_size, x_label_count, Style,
};
use crate::shared::format::tick;

/// The colours of runs that have none of their own, in order (the race charts and the paths they draw).
pub const SERIES_COLOURS: [RGBColor; 5] = [
    palette::FORWARD,
    palette::UPDATE,
    palette::BACKWARD,
    palette::HIGHLIGHT,
    palette::INK,
];

pub struct Series<'a> {
    pub label: &'a str,
    pub points: &'a [[f64; 2]],
    /// The series' own colour, where it has one (an activation); otherwise the next of `SERIES_COLOURS`.
    pub colour: Option<RGBColor>,
}

/// A vertical line across the chart at `x`, labelled beside it: an epoch to point at.
pub struct Mark<'a> {
    pub x: f64,
    pub label: &'a str,
    /// What the label shrinks to where the whole one does not fit beside the line.
    pub short: &'a str,
    pub colour: RGBColor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Linear,
    /// y is drawn as log₁₀ y; values ≤ 0 sit on the floor.
    Log10,
}

/// The chart; a series of a single point (a run that has not moved yet) shows as a dot.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    descriptions: (&str, &str),
    scale: Scale,
    marks: &[Mark],
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_with(area, series, descriptions, scale, marks, style, false)
}

/// The chart with a dot on every point: for a few steps, each of which should be counted.
pub fn draw_dotted<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    descriptions: (&str, &str),
    scale: Scale,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_with(area, series, descriptions, scale, &[], style, true)
}

fn draw_with<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    (x_desc, y_desc): (&str, &str),
    scale: Scale,
    marks: &[Mark],
    style: Style,
    dots: bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let right = series
        .iter()
        .flat_map(|s| s.points.iter().filter(finite).map(|p| p[0]))
        .fold(1.0, f64::max);
    let values = || {
        series
            .iter()
            .flat_map(|s| s.points.iter().filter(finite).map(|p| p[1]))
    };
    let (bottom, top, y_of): (f64, f64, Box<dyn Fn(f64) -> f64>) = match scale {
        Scale::Linear => {
            // The first point can dwarf the rest; the top follows what comes after it, so the shape shows.
            let later = series
                .iter()
                .flat_map(|s| s.points.iter().skip(1).filter(finite).map(|p| p[1]))
                .chain(
                    series
                        .iter()
                        .filter_map(|s| s.points.first().map(|p| p[1] * 0.5)),
                )
                .filter(|v| v.is_finite())
                .fold(0.0, f64::max);
            let top = later.max(1e-9) * 1.1;
            (0.0, top, Box::new(move |y: f64| y.min(top)))
        }
        Scale::Log10 => {
            let positive = values().filter(|&v| v > 0.0);
            let (lo, hi) = positive.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
            // A little room above the largest value, so a run that starts at exactly 10ᵏ is not drawn on the
            // plot's top edge.
            let (lo, hi) = if lo.is_finite() {
                (lo.log10().floor(), (hi.log10() + 0.05).ceil())
            } else {
                (-1.0, 0.0)
            };
            // Converging runs show at most twelve decades, so one that reaches 1e-30 does not flatten the
            // others; runs that blow up (past 1e6) show their whole climb.
            let lo = if hi <= 6.0 { lo.max(hi - 12.0) } else { lo };
            let hi = hi.max(lo + 1.0);
            (
                lo,
                hi,
                Box::new(move |y: f64| if y > 0.0 { y.log10() } else { lo }),
            )
        }
    };
    // The legend goes in a band under the plot, not over it: in any corner some run's line passed through.
    let face = (FontFamily::SansSerif, style.font(13.0)).into_font();
    let font = face.clone().color(&palette::INK);
    let (width, height) = area.dim_in_pixel();
    // Two pixels of the plot (about 70% of the canvas), in the units drawn: closer runs look like one line.
    let tolerance = 2.0 * style.scale * (top - bottom) / (0.7 * f64::from(height.max(1)));
    let labels = legend_labels(series, &|p| y_of(p), tolerance);
    let measure = |label: &str| -> i32 { text_size(area, label, &face).0 };
    // Under the y axis's labels on a wide chart; from the edge on a phone, where every pixel counts.
    let indent = if width < style.px(500.0) as u32 {
        style.px(8.0)
    } else {
        style.px(64.0)
    };
    let rows = legend_rows(&labels, width, indent, &measure, style);
    let row_height = style.px(18.0);
    let band = row_height * rows.len() as i32 + style.px(6.0);
    let (plot_area, legend_area) = area.split_vertically((height as i32 - band).max(1));
    // A little room past the last x, so its tick label is not cut at the canvas's edge.
    let mut chart = chart(&plot_area, style, 64.0, 0.0..right * 1.03, bottom..top)?;
    let linear_label = |v: &f64| tick(*v);
    let y_label: &dyn Fn(&f64) -> String = match scale {
        Scale::Linear => &linear_label,
        Scale::Log10 => &decade_label,
    };
    house_mesh(&mut chart.configure_mesh(), style)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(x_label_count(area, 70.0, style).min(10))
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(y_label)
        .draw()?;
    // Each run as drawn, in the chart's units: the lines, and what the marks' labels should not cover.
    let drawn: Vec<Vec<(f64, f64)>> = series
        .iter()
        .map(|s| {
            s.points
                .iter()
                .filter(finite)
                .map(|p| (p[0], y_of(p[1])))
                .collect()
        })
        .collect();
    for (k, points) in drawn.iter().enumerate() {
        // Each line a little thinner than the one before, drawn over it: two runs with the same values (ReLU
        // and leaky ReLU when nothing is dead) show as one line inside another, not as one hiding the other.
        let width = style
            .font(2.0 + 1.2 * (series.len() - 1 - k) as f64)
            .round()
            .max(1.0);
        polyline(
            &mut chart,
            points,
            colour_of(series, k).stroke_width(width as u32),
        )?;
        // Markers along the line, a shape per run, so runs differ by more than colour (a colour-blind
        // reader, a grey printout). Each run's markers are shifted a little, so runs on top of one another
        // still show each one's.
        if k > 0 && points.len() > 1 {
            let base = plot_area.get_base_pixel();
            let count = 6;
            for m in 0..count {
                let at = (m as f64 + 0.5 + 0.15 * (k % 5) as f64) / count as f64;
                let p = points[((at * points.len() as f64) as usize).min(points.len() - 1)];
                // Not one for a point off the plot (below a log scale's floor).
                if !(bottom..=top).contains(&p.1) {
                    continue;
                }
                let (x, y) = chart.backend_coord(&p);
                marker(
                    &plot_area,
                    k,
                    (x - base.0, y - base.1),
                    colour_of(series, k),
                    style,
                )?;
            }
        }
        // A line through a single point draws nothing: that point is a dot.
        if dots || points.len() == 1 {
            let radius = style.px(if dots { 3.0 } else { 4.0 });
            chart.draw_series(
                points
                    .iter()
                    .map(|&p| Circle::new(p, radius, colour_of(series, k).filled())),
            )?;
        }
    }
    // Marks over the lines, then their labels over every mark line (placed below, by `beside_line`), kept
    // inside the plotting area, off the axes' tick labels.
    let shown: Vec<&Mark> = marks
        .iter()
        .filter(|m| (0.0..=right).contains(&m.x))
        .collect();
    for mark in &shown {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(mark.x, bottom), (mark.x, top)],
            mark.colour.stroke_width(style.px(2.0) as u32),
        )))?;
    }
    // Each label beside its line where it hides the least of the curves and none of another label; the
    // short form where the long one fits on neither side (a phone).
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let plot = [xs.start, ys.start, xs.end, ys.end];
    // Only a chart with marks needs the curves in pixels (the races have none).
    let mut pixels = Vec::new();
    if !shown.is_empty() {
        for points in &drawn {
            pixels.extend(along(points, 3).iter().map(|p| chart.backend_coord(p)));
        }
    }
    let base = plot_area.get_base_pixel();
    let mut taken: Vec<[i32; 4]> = Vec::with_capacity(shown.len());
    for mark in &shown {
        let (x, _) = chart.backend_coord(&(mark.x, top));
        let right_first = mark.x < right / 2.0;
        let place = [mark.label, mark.short].into_iter().find_map(|label| {
            let size = text_size(&plot_area, label, &face);
            beside_line(x, plot, size, &pixels, &taken, right_first, style).map(|b| (label, b))
        });
        // Room on neither side even for the short form (a very narrow plot): centred on its line, under the
        // labels placed so far, and held inside the plot.
        let (label, b) = place.unwrap_or_else(|| {
            let (w, h) = text_size(&plot_area, mark.short, &face);
            let y = taken.iter().map(|t| t[3]).max().unwrap_or(plot[1]) + style.px(4.0);
            let left = (x - w / 2).clamp(plot[0], (plot[2] - w).max(plot[0]));
            (mark.short, [left, y, left + w, y + h])
        });
        taken.push(b);
        boxed_text(
            &plot_area,
            label,
            (b[0] - base.0, b[1] - base.1),
            &face,
            mark.colour,
            (HPos::Left, VPos::Top),
            style,
        )?;
    }
    // The legend: a line sample and the label for each run, row by row.
    let (swatch, gap) = (style.px(18.0), style.px(6.0));
    for (r, row) in rows.iter().enumerate() {
        let y = style.px(4.0) + row_height * r as i32 + row_height / 2;
        let mut x = indent;
        for item in row {
            // A wrapped label's later lines have no line sample; they line up under its first.
            if item.first {
                legend_area.draw(&PathElement::new(
                    vec![(x, y), (x + swatch, y)],
                    colour_of(series, item.series).stroke_width(style.px(3.0) as u32),
                ))?;
                let colour = colour_of(series, item.series);
                marker(
                    &legend_area,
                    item.series,
                    (x + swatch / 2, y),
                    colour,
                    style,
                )?;
            }
            legend_area.draw(&Text::new(
                item.text.clone(),
                (x + swatch + gap, y),
                font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
            x += item_width(measure(&item.text), style);
        }
    }
    area.present()
}

/// A point that can be drawn (a run that overflowed has none past its last finite one).
fn finite(p: &&[f64; 2]) -> bool {
    p[0].is_finite() && p[1].is_finite()
}

fn colour_of(series: &[Series], k: usize) -> RGBColor {
    series[k]
        .colour
        .unwrap_or(SERIES_COLOURS[k % SERIES_COLOURS.len()])
}

/// Each run's label; a run within `tolerance` of an earlier one all along (in drawn units) hides under it,
/// and its label says so.
fn legend_labels(series: &[Series], y_of: &dyn Fn(f64) -> f64, tolerance: f64) -> Vec<String> {
    let ys =
        |s: &Series| -> Vec<f64> { s.points.iter().filter(finite).map(|p| y_of(p[1])).collect() };
    series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            match series[..k]
                .iter()
                .find(|earlier| on_top_of(&ys(earlier), &ys(s), tolerance))
            {
                Some(earlier) => format!("{} (on top of {})", s.label, earlier.label),
                None => s.label.to_string(),
            }
        })
        .collect()
}

/// A legend item's width: the line sample, a gap, the label and the space after it.
fn item_width(text_width: i32, style: Style) -> i32 {
    style.px(18.0 + 6.0 + 18.0) + text_width
}

/// One line of a legend item: its series' label, or a part of it where the label is wider than the chart.
struct LegendLine {
    series: usize,
    text: String,
    first: bool,
}

/// The legend's items, packed into rows that fit the width. A label too wide for a row of its own (a phone)
/// is broken between words over several rows.
fn legend_rows(
    labels: &[String],
    width: u32,
    indent: i32,
    measure: &dyn Fn(&str) -> i32,
    style: Style,
) -> Vec<Vec<LegendLine>> {
    let room = width as i32 - indent - style.px(8.0);
    let mut rows: Vec<Vec<LegendLine>> = vec![Vec::new()];
    let mut used = 0;
    for (k, label) in labels.iter().enumerate() {
        let w = item_width(measure(label), style);
        if used > 0 && used + w > room {
            rows.push(Vec::new());
            used = 0;
        }
        if w <= room {
            rows.last_mut().expect("one row at least").push(LegendLine {
                series: k,
                text: label.clone(),
                first: true,
            });
            used += w;
            continue;
        }
        // Too wide for a row of its own: a row per line, broken between words, from the row's start.
        let mut line = String::new();
        let mut first = true;
        for word in label.split(' ') {
            let longer = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && item_width(measure(&longer), style) > room {
                let text = std::mem::replace(&mut line, word.to_string());
                rows.last_mut().expect("one row at least").push(LegendLine {
                    series: k,
                    text,
                    first,
                });
                rows.push(Vec::new());
                first = false;
            } else {
                line = longer;
            }
        }
        rows.last_mut().expect("one row at least").push(LegendLine {
            series: k,
            text: line,
            first,
        });
        rows.push(Vec::new());
        used = 0;
    }
    rows.retain(|row| !row.is_empty());
    rows
}
