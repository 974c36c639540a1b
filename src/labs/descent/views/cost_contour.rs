//! J(w, b) seen from above: bands of equal cost (darker is lower) with the descent path on top. Without
//! feature scaling the bowl can be a long, narrow valley; standardising x makes it round.

use plotters::coord::Shift;
use plotters::prelude::*;

use plotters::coord::types::RangedCoordf64;

use crate::shared::chart::series_chart::SERIES_COLOURS;
use plotters::style::text_anchor::{HPos, VPos};

use crate::labs::descent::{CostGrid, DescentSnapshot, Window};
use crate::shared::chart::{
    boxed_text, chart, house_mesh, palette, polyline, x_label_count, Style,
};
use crate::shared::format::{sig4, tick};

/// Bands of equal cost, evenly spaced in log(J − J_min), so the valley floor keeps its shape.
const BANDS: f64 = 12.0;

/// The lab's own descent path on the bowl.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &DescentSnapshot,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = bowl(area, snap, &snap.window, snap.grid.as_ref(), style)?;
    let path: Vec<[f64; 2]> = snap.path.iter().map(|p| [p.w, p.b]).collect();
    draw_path(
        &mut chart,
        &snap.window,
        &path,
        (palette::HIGHLIGHT, 0),
        true,
        style,
    )?;
    // A run that left the window is held to its edge: say where it really is, as the cost curve does (a
    // dot in the corner at (−6, −8) stood for (−1126, −696)). The core says which points are inside.
    if let (Some(p), Some(false)) = (snap.path.last(), snap.inside.last()) {
        let window = &snap.window;
        let held = clamped(window, &[p.w, p.b]);
        let pixel = chart.backend_coord(&held);
        let right = held.0 > (window.w_min + window.w_max) / 2.0;
        let below = held.1 < (window.b_min + window.b_max) / 2.0;
        let (w, b) = snap.setup.param_names();
        let text = format!(
            "({w}, {b}) = ({}, {}) (off the chart)",
            sig4(p.w),
            sig4(p.b)
        );
        let nudge = if below {
            -style.px(10.0)
        } else {
            style.px(10.0)
        };
        boxed_text(
            area,
            &text,
            (pixel.0, pixel.1 + nudge),
            &(FontFamily::SansSerif, style.font(12.0)).into_font(),
            palette::BACKWARD,
            (
                if right { HPos::Right } else { HPos::Left },
                if below { VPos::Bottom } else { VPos::Top },
            ),
            style,
        )?;
    }
    area.present()
}

/// Each optimizer's path of the optimizer race on the bowl, in the race chart's colours.
pub fn draw_race<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &DescentSnapshot,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (window, grid) = match &snap.race_bowl {
        Some(bowl) => (&bowl.window, Some(&bowl.grid)),
        None => (&snap.window, snap.grid.as_ref()),
    };
    let mut chart = bowl(area, snap, window, grid, style)?;
    // Last drawn on top: plain gradient descent, the one the others are measured against. Each path drawn
    // earlier is wider, so where two runs go the same way (Adam along RMSprop's track in a long valley) the
    // one underneath still shows along both sides.
    for (k, run) in snap.optimizer_race.iter().enumerate().rev() {
        let colour = SERIES_COLOURS[k % SERIES_COLOURS.len()];
        draw_path(&mut chart, window, &run.path, (colour, k), false, style)?;
    }
    area.present()
}

type Bowl<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The axes, the bands of equal cost and the minimum.
fn bowl<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    snap: &DescentSnapshot,
    window: &Window,
    grid: Option<&CostGrid>,
    style: Style,
) -> Result<Bowl<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let mut chart = chart(
        area,
        style,
        56.0,
        window.w_min..window.w_max,
        window.b_min..window.b_max,
    )?;
    house_mesh(&mut chart.configure_mesh(), style)
        .disable_mesh()
        .x_desc(super::cost_curve::weight_axis(&snap.setup))
        .y_desc(format!("bias {}", snap.setup.param_names().1))
        .x_labels(x_label_count(area, 70.0, style).min(10))
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .draw()?;
    if let Some(grid) = grid {
        let floor = snap.minimum.map_or(0.0, |m| m.cost);
        let level = |j: f64| ((j - floor).max(1e-12)).ln();
        let (lo, hi) = grid
            .values
            .iter()
            .flatten()
            .map(|&j| level(j))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        let span = (hi - lo).max(1e-9);
        let n = grid.size;
        let (dw, db) = (
            (window.w_max - window.w_min) / (n - 1) as f64,
            (window.b_max - window.b_min) / (n - 1) as f64,
        );
        chart.draw_series(grid.values.iter().enumerate().flat_map(|(row, values)| {
            values.iter().enumerate().map(move |(col, &j)| {
                let band =
                    ((level(j) - lo) / span * BANDS).floor().min(BANDS - 1.0) / (BANDS - 1.0);
                // Dark blue in the valley, pale toward the rim.
                let shade = |dark: u8, pale: u8| {
                    (dark as f64 + (pale as f64 - dark as f64) * band).round() as u8
                };
                let colour = RGBColor(shade(20, 240), shade(80, 244), shade(140, 250));
                let (w, b) = (
                    window.w_min + col as f64 * dw,
                    window.b_min + row as f64 * db,
                );
                Rectangle::new(
                    [(w - dw / 2.0, b - db / 2.0), (w + dw / 2.0, b + db / 2.0)],
                    colour.filled(),
                )
            })
        }))?;
    }
    if let Some(min) = snap.minimum {
        chart.draw_series(std::iter::once(Cross::new(
            (min.w, min.b),
            style.px(6.0),
            palette::PAPER.stroke_width(style.px(2.0) as u32),
        )))?;
    }
    Ok(chart)
}

/// A path through (w, b), held to the window, with a dot at each point (a bigger one at the end of the lab's
/// own path, where it stands now; a ring for a point held to the edge). `under` runs drawn on top of it make
/// it wider, so that it shows beside them.
fn draw_path<DB: DrawingBackend>(
    chart: &mut Bowl<'_, DB>,
    window: &Window,
    path: &[[f64; 2]],
    (colour, under): (RGBColor, usize),
    mark_last: bool,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let points: Vec<(f64, f64)> = path.iter().map(|p| clamped(window, p)).collect();
    let wider = 1.5 * under as f64;
    polyline(
        chart,
        &points,
        colour.stroke_width(style.px(2.0 + wider) as u32),
    )?;
    let last = points.len().saturating_sub(1);
    chart.draw_series(points.iter().zip(path).enumerate().map(|(k, (&p, at))| {
        let big = mark_last && k == last;
        let radius = style.px(if big { 6.0 } else { 3.0 + wider / 2.0 });
        if p == (at[0], at[1]) {
            Circle::new(p, radius, colour.filled())
        } else {
            Circle::new(
                p,
                radius + style.px(1.0),
                colour.stroke_width(style.px(1.5) as u32),
            )
        }
    }))?;
    Ok(())
}

fn clamped(window: &Window, p: &[f64; 2]) -> (f64, f64) {
    (
        p[0].clamp(window.w_min, window.w_max),
        p[1].clamp(window.b_min, window.b_max),
    )
}
