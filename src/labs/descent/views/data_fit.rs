//! The data (x, z) with the current line ẑ = w·x (+ b), the residuals it leaves, and the last few lines
//! fading behind it.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::labs::descent::DescentSnapshot;
use crate::shared::chart::{chart, house_mesh, palette, Style};
use crate::shared::format::{sig4, tick};

pub use crate::shared::chart::Mapping;

/// The part of the line z = slope·x + intercept inside the window, if any: clipped, not clamped, so a steep
/// runaway line is drawn steep.
pub fn clip_line(
    slope: f64,
    intercept: f64,
    xs: (f64, f64),
    zs: (f64, f64),
) -> Option<Vec<(f64, f64)>> {
    let (mut from, mut to) = xs;
    if slope != 0.0 {
        let (a, b) = ((zs.0 - intercept) / slope, (zs.1 - intercept) / slope);
        from = from.max(a.min(b));
        to = to.min(a.max(b));
    } else if !(zs.0..=zs.1).contains(&intercept) {
        return None;
    }
    (from.is_finite() && to.is_finite() && from <= to).then(|| {
        vec![
            (from, slope * from + intercept),
            (to, slope * to + intercept),
        ]
    })
}

/// The data window: every point and the origin, with a margin.
pub fn data_window(points: &[[f64; 2]]) -> ((f64, f64), (f64, f64)) {
    let range = |values: &mut dyn Iterator<Item = f64>| {
        let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let pad = ((hi - lo) * 0.12).max(0.5);
        (lo - pad, hi + pad)
    };
    (
        range(&mut points.iter().map(|p| p[0])),
        range(&mut points.iter().map(|p| p[1])),
    )
}

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &DescentSnapshot,
    style: Style,
) -> Result<Mapping, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let (xs, zs) = data_window(&snap.setup.points);
    let font = (FontFamily::SansSerif, style.font(13.0))
        .into_font()
        .color(&palette::INK);
    let mut chart = chart(area, style, 52.0, xs.0..xs.1, zs.0..zs.1)?;
    house_mesh(&mut chart.configure_mesh(), style)
        .x_desc("input x")
        .y_desc("output z")
        .x_labels(7)
        .y_labels(6)
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .draw()?;
    let line_points =
        |slope: f64, intercept: f64| clip_line(slope, intercept, xs, zs).unwrap_or_default();
    let old = snap.old_lines.len();
    for (k, line) in snap.old_lines.iter().enumerate() {
        let alpha = 0.12 + 0.35 * (k + 1) as f64 / old as f64;
        chart.draw_series(std::iter::once(PathElement::new(
            line_points(line.slope, line.intercept),
            palette::FORWARD
                .mix(alpha)
                .stroke_width(style.px(1.5).max(1) as u32),
        )))?;
    }
    let line = snap.line;
    // Residuals: what J squares and averages.
    chart.draw_series(snap.setup.points.iter().map(|p| {
        let fitted = (line.slope * p[0] + line.intercept).clamp(zs.0, zs.1);
        PathElement::new(
            vec![(p[0], p[1]), (p[0], fitted)],
            palette::BACKWARD
                .mix(0.6)
                .stroke_width(style.px(1.0).max(1) as u32),
        )
    }))?;
    chart.draw_series(std::iter::once(PathElement::new(
        line_points(line.slope, line.intercept),
        palette::FORWARD.stroke_width(style.px(3.0) as u32),
    )))?;
    // A mini-batch step's points get a ring: the line moves for them alone this step.
    if let Some(lens) = snap.update.as_ref().and_then(|u| u.batch.as_ref()) {
        chart.draw_series(
            lens.points
                .iter()
                .filter_map(|&k| snap.setup.points.get(k))
                .map(|p| {
                    Circle::new(
                        (p[0], p[1]),
                        style.px(10.0),
                        palette::HIGHLIGHT.stroke_width(style.px(3.0) as u32),
                    )
                }),
        )?;
    }
    chart.draw_series(
        snap.setup
            .points
            .iter()
            .map(|p| Circle::new((p[0], p[1]), style.px(5.0), palette::INK.filled())),
    )?;
    let equation = if line.intercept == 0.0 {
        format!("ẑ = {}·x", sig4(line.slope))
    } else {
        let sign = if line.intercept < 0.0 { '−' } else { '+' };
        format!(
            "ẑ = {}·x {sign} {}",
            sig4(line.slope),
            sig4(line.intercept.abs())
        )
    };
    let corner = chart.backend_coord(&(xs.0, zs.1));
    area.draw(&Text::new(
        equation,
        (corner.0 + style.px(8.0), corner.1 + style.px(8.0)),
        font.color(&palette::FORWARD),
    ))?;
    let (pixels_x, pixels_y) = chart.plotting_area().get_pixel_range();
    area.present()?;
    Ok(Mapping {
        pixels_x: (pixels_x.start, pixels_x.end),
        pixels_y: (pixels_y.start, pixels_y.end),
        x: xs,
        z: zs,
    })
}
