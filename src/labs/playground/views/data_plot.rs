//! The data: the square with its axes, the network's output painted under the points (by the caller, as
//! image data, into the rectangle this view gives it), and the points: training points filled with a white
//! rim, test points with a dark rim (or left out), the picked point ringed.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::heatmap::Scale;
use crate::labs::playground::setup::{Task, HALF};
use crate::labs::playground::PlaygroundSnapshot;
use crate::shared::chart::{chart, house_mesh, palette, Style};

/// The plot's rectangle in pixels: left, top, right, bottom.
pub type Rect = (i32, i32, i32, i32);

/// The colour a point is drawn in: its class's, full strength, or its value's.
pub fn point_colour(task: Task, target: f64) -> RGBColor {
    let full = match task {
        Task::Classification if target >= 0.5 => [0, 114, 178],
        Task::Classification => [230, 159, 0],
        Task::Regression => {
            let [r, g, b, _] = Scale::output(task).colour(target, false);
            [r, g, b]
        }
    };
    RGBColor(full[0], full[1], full[2])
}

/// (x₁, x₂) at pixel (px, py) of a plot drawn in `rect`; `None` off the square.
pub fn data_at(rect: Rect, px: f64, py: f64) -> Option<(f64, f64)> {
    let (left, top, right, bottom) = rect;
    let x1 = -HALF + 2.0 * HALF * (px - left as f64) / (right - left).max(1) as f64;
    let x2 = HALF - 2.0 * HALF * (py - top as f64) / (bottom - top).max(1) as f64;
    (x1.abs() <= HALF && x2.abs() <= HALF).then_some((x1, x2))
}

/// Draws the axes, then calls `picture` with the plot's rectangle (where the output goes, under the
/// points), then the points. Returns the rectangle.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &PlaygroundSnapshot,
    show_test: bool,
    style: Style,
    picture: impl FnOnce(Rect),
) -> Result<Rect, DrawingAreaErrorKind<DB::ErrorType>> {
    let rect = draw_axes(area, style)?;
    picture(rect);
    draw_points(area, snap, show_test, style, rect)?;
    Ok(rect)
}

/// The square's axes and their labels, without the output or the points; returns the plot's rectangle.
pub fn draw_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: Style,
) -> Result<Rect, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let mut chart = chart(area, style, 40.0, -HALF..HALF, -HALF..HALF)?;
    house_mesh(&mut chart.configure_mesh(), style)
        .disable_mesh()
        .x_desc("x₁")
        .y_desc("x₂")
        .x_labels(7)
        .y_labels(7)
        .draw()?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    Ok((xs.start, ys.start, xs.end, ys.end))
}

/// The points over the plot's rectangle `rect` (as `draw_axes` returned it), on an area of the same size:
/// the page keeps them as a layer of their own, redrawn only when they change.
pub fn draw_points<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &PlaygroundSnapshot,
    show_test: bool,
    style: Style,
    rect: Rect,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (left, top, right, bottom) = rect;
    let plot = area.apply_coord_spec(Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
        -HALF..HALF,
        -HALF..HALF,
        (left..right, top..bottom),
    ));
    let radius = style.px(4.0).max(2);
    let rim = style.px(1.5).max(1) as u32;
    let shown = snap
        .points
        .iter()
        .enumerate()
        .filter(|(_, p)| show_test || !p.test);
    for (k, p) in shown {
        let colour = point_colour(snap.task, p.target);
        let at = (p.x1, p.x2);
        plot.draw(&Circle::new(at, radius, colour.filled()))?;
        let edge = if p.test { palette::INK } else { palette::PAPER };
        plot.draw(&Circle::new(at, radius, edge.stroke_width(rim)))?;
        if snap.picked_point == Some(k) {
            plot.draw(&Circle::new(
                at,
                radius * 2,
                palette::INK.stroke_width(rim * 2),
            ))?;
        }
    }
    Ok(())
}
