//! The early-stopping lab's data: the samples (training points filled, validation points hollow), the curve
//! they were drawn from, the network's fit now, and the fit of the epoch with the lowest validation error.
//! The legend is in the page, as text.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::labs::early_stopping::StoppingSnapshot;
use crate::shared::chart::{chart, house_mesh, palette, patterned, polyline, Dash, Style};

/// The y window: the curve's −1..1 and every sample, with a margin. The fits are clipped to it, so a wild
/// overfit swing does not squash the data.
pub fn window(snap: &StoppingSnapshot) -> (f64, f64) {
    let (lo, hi) = snap
        .rows
        .iter()
        .map(|r| r.y)
        .fold((-1.0f64, 1.0f64), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let pad = (hi - lo) * 0.1;
    (lo - pad, hi + pad)
}

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &StoppingSnapshot,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let (lo, hi) = window(snap);
    let mut chart = chart(area, style, 48.0, -1.05..1.05, lo..hi)?;
    house_mesh(&mut chart.configure_mesh(), style)
        .x_desc("input x")
        .y_desc("output")
        .x_labels(5)
        .y_labels(5)
        .draw()?;
    let clipped = |curve: &[[f64; 2]]| -> Vec<(f64, f64)> {
        curve.iter().map(|p| (p[0], p[1].clamp(lo, hi))).collect()
    };
    let line = |px: f64| style.px(px).max(1) as u32;
    // The curve the samples came from, dotted, and the best epoch's fit once the run has moved past it,
    // dashed: three curves, three patterns (the page's legend shows the same).
    patterned(
        &mut chart,
        &clipped(&snap.truth_curve),
        Dash::Dotted,
        palette::MUTED.stroke_width(line(1.5)),
        style,
    )?;
    if snap.best_epoch != snap.epoch {
        patterned(
            &mut chart,
            &clipped(&snap.best_curve),
            Dash::Dashed,
            palette::UPDATE.stroke_width(line(3.0)),
            style,
        )?;
    }
    polyline(
        &mut chart,
        &clipped(&snap.fit_curve),
        palette::FORWARD.stroke_width(line(2.5)),
    )?;
    let radius = style.px(5.0);
    for row in &snap.rows {
        let at = (row.x, row.y);
        if row.validation {
            // Hollow and orange: told apart from the training points by shape as well as colour.
            let (x, y) = chart.backend_coord(&at);
            area.draw(&Rectangle::new(
                [(x - radius, y - radius), (x + radius, y + radius)],
                palette::PAPER.filled(),
            ))?;
            area.draw(&Rectangle::new(
                [(x - radius, y - radius), (x + radius, y + radius)],
                palette::BACKWARD.stroke_width(line(2.5)),
            ))?;
        } else {
            chart.draw_series(std::iter::once(Circle::new(
                at,
                radius,
                palette::INK.filled(),
            )))?;
        }
    }
    area.present()
}
