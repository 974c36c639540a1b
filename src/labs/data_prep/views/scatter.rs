//! Two number columns against each other, a point per row that has both, coloured and shaped by the
//! target's class (a ring, a square, a cross, …) so the classes part without colour too; a value
//! target's points are all drawn alike.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::labs::data_prep::DataSnapshot;
use crate::shared::chart::legend::{corner_legend, LegendEntry};
use crate::shared::chart::series_chart::SERIES_COLOURS;
use crate::shared::chart::Dash;
use crate::shared::chart::{chart, house_mesh, palette, Style};

/// A class's colour: the Okabe–Ito colours in turn.
pub fn class_colour(class: Option<usize>) -> RGBColor {
    class.map_or(palette::MUTED, |c| SERIES_COLOURS[c % SERIES_COLOURS.len()])
}

/// The range of `values` with a twentieth of it spare on each side (one unit when they are all equal).
fn padded(values: impl Iterator<Item = f64>) -> std::ops::Range<f64> {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() {
        return 0.0..1.0;
    }
    let spare = if hi > lo { (hi - lo) / 20.0 } else { 1.0 };
    lo - spare..hi + spare
}

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &DataSnapshot,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let xs = padded(snap.points.iter().map(|p| p.0));
    let ys = padded(snap.points.iter().map(|p| p.1));
    let mut chart = chart(area, style, 56.0, xs.clone(), ys.clone())?;
    house_mesh(&mut chart.configure_mesh(), style)
        .x_desc(snap.scatter_x.as_str())
        .y_desc(snap.scatter_y.as_str())
        .x_labels(6)
        .y_labels(6)
        .draw()?;
    let size = style.px(3.5).max(2);
    let width = style.px(1.5).max(1) as u32;
    for &(x, y, class) in &snap.points {
        let colour = class_colour(class);
        match class.map(|c| c % 3) {
            Some(1) => chart.draw_series([EmptyElement::at((x, y))
                + Rectangle::new([(-size, -size), (size, size)], colour.filled())])?,
            Some(2) => chart.draw_series([Cross::new((x, y), size, colour.stroke_width(width))])?,
            _ => chart.draw_series([Circle::new((x, y), size, colour.stroke_width(width))])?,
        };
    }
    if !snap.classes.is_empty() {
        let plot = chart.plotting_area().get_pixel_range();
        let drawn: Vec<(f64, f64)> = snap.points.iter().map(|p| (p.0, p.1)).collect();
        let entries: Vec<LegendEntry> = snap
            .classes
            .iter()
            .enumerate()
            .map(|(c, name)| LegendEntry {
                label: name.clone(),
                colour: class_colour(Some(c)),
                bar: true,
                dash: Dash::Solid,
            })
            .collect();
        corner_legend(
            area,
            plot,
            (&drawn, (xs.start, xs.end), (ys.start, ys.end)),
            &entries,
            style,
        )?;
    }
    Ok(())
}
