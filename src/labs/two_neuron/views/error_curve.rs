//! The error E at the start of each iteration, over iterations.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::shared::chart::polyline::{pixel_of, thinned, MIN_STEP};
use crate::shared::chart::{chart, decade_label, house_mesh, palette, Style};

/// `points` are (iteration, loss), iterations counted from 1; iteration `current` is marked.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[[f64; 2]],
    current: usize,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let finite: Vec<(usize, f64)> = points
        .iter()
        .filter(|p| p[1].is_finite())
        .map(|p| (p[0] as usize, p[1]))
        .collect();
    // Over many orders of magnitude (a run blowing up, or E falling towards 0 for long) a linear axis shows
    // one spike or one flat line; then the curve is drawn as log₁₀ E.
    let largest = finite.iter().map(|p| p.1).fold(0.0, f64::max);
    let smallest = finite
        .iter()
        .map(|p| p.1)
        .filter(|&l| l > 0.0)
        .fold(f64::INFINITY, f64::min);
    let logarithmic = largest > 0.0 && largest / smallest > 1e4;
    let finite: Vec<(usize, f64)> = if logarithmic {
        let floor = smallest.log10().floor();
        finite
            .iter()
            .map(|&(k, l)| (k, if l > 0.0 { l.log10() } else { floor }))
            .collect()
    } else {
        finite
    };
    let (bottom, top) = if logarithmic {
        (
            smallest.log10().floor(),
            largest.log10().ceil().max(smallest.log10().floor() + 1.0),
        )
    } else if largest > 0.0 {
        (0.0, largest * 1.08)
    } else {
        (0.0, 1.0)
    };
    let right = points.last().map_or(0, |p| p[0] as usize).max(10);
    let mut chart = chart(area, style, 76.0, 1usize..right, bottom..top)?;
    let format_linear = |v: &f64| crate::shared::format::tick(*v);
    let formatter: &dyn Fn(&f64) -> String = if logarithmic {
        &decade_label
    } else {
        &format_linear
    };
    house_mesh(&mut chart.configure_mesh(), style)
        .x_desc("iteration")
        .y_desc(if logarithmic {
            "error E (log scale)"
        } else {
            "error E"
        })
        .x_labels(6)
        .y_labels(5)
        .y_label_formatter(formatter)
        .draw()?;
    // Iterations are whole numbers on this chart's x axis, so it thins its line itself.
    let pixels = chart.plotting_area().get_pixel_range();
    let pixel = pixel_of(pixels.clone(), 1.0..right as f64, bottom..top);
    let line = thinned(&finite, |&(k, l)| pixel(&(k as f64, l)), MIN_STEP);
    chart.draw_series(std::iter::once(PathElement::new(
        line,
        ShapeStyle::from(&palette::FORWARD).stroke_width(style.px(2.0).max(1) as u32),
    )))?;
    // A line through one point draws nothing, and a few iterations read best counted: while iterations lie
    // at least 10 pixels apart each error is a dot too (the first iteration's alone is only a dot).
    let xs = pixels.0;
    let apart = f64::from(xs.end - xs.start) / (right.max(2) - 1) as f64;
    if finite.len() == 1 || apart >= f64::from(style.px(10.0)) {
        // A lone point a little bigger, as the series charts draw one: it stands on the y axis.
        let radius = style.px(if finite.len() == 1 { 4.0 } else { 3.0 });
        chart.draw_series(
            finite
                .iter()
                .map(|&p| Circle::new(p, radius, palette::FORWARD.filled())),
        )?;
    }
    if let Some(&(k, l)) = finite.iter().find(|p| p.0 == current) {
        chart.draw_series(std::iter::once(Circle::new(
            (k, l),
            style.px(4.0),
            palette::HIGHLIGHT.filled(),
        )))?;
    }
    area.present()
}
