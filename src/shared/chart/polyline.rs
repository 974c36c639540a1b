//! Polylines as a canvas should be given them. A long run (thousands of epochs across a few hundred pixels)
//! puts many points within a pixel of each other; plotters rounds each to a whole pixel, and the line then
//! turns back and forth between neighbouring pixels. Where it turns sharply a thick stroke grows a spike
//! (with the canvas's default miter joins), so every chart drops the points that add nothing visible first:
//! each one closer than half a pixel to the last point kept. The canvas also joins and caps lines round
//! (`web::canvas`), which keeps what turns are left smooth.

use std::ops::Range;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// The least distance, in backend pixels, between two consecutive points of a drawn polyline.
pub const MIN_STEP: f64 = 0.5;

/// `points` without each one that lies closer than `min_step` (in the units `pixel` returns) to the last
/// point kept. The first and the last point always stay, so the line starts and ends where it should: a last
/// point too close to the one kept before it takes that one's place. Points `pixel` cannot place (NaN) are
/// kept, for the caller to deal with as before.
pub fn thinned<P: Copy>(points: &[P], pixel: impl Fn(&P) -> (f64, f64), min_step: f64) -> Vec<P> {
    let mut kept: Vec<P> = Vec::with_capacity(points.len());
    let mut last_kept = (f64::NAN, f64::NAN);
    for (k, p) in points.iter().enumerate() {
        let at = pixel(p);
        let near = (at.0 - last_kept.0).hypot(at.1 - last_kept.1) < min_step;
        if !near {
            kept.push(*p);
            last_kept = at;
        } else if k + 1 == points.len() {
            // The last point, too close to the one kept before it: it stands in for that one, unless that
            // one is the first, which stays too.
            if kept.len() > 1 {
                kept.pop();
            }
            kept.push(*p);
        }
    }
    kept
}

/// Where a chart whose plotting area covers `pixels` and shows `x` × `y` draws a point, in backend pixels,
/// before rounding (plotters' own mapping, with y growing downward).
pub fn pixel_of(
    (px, py): (Range<i32>, Range<i32>),
    x: Range<f64>,
    y: Range<f64>,
) -> impl Fn(&(f64, f64)) -> (f64, f64) {
    move |&(a, b)| {
        let fx = (a - x.start) / (x.end - x.start);
        let fy = (b - y.start) / (y.end - y.start);
        (
            f64::from(px.start) + fx * f64::from(px.end - px.start),
            f64::from(py.end) - fy * f64::from(py.end - py.start),
        )
    }
}

/// A chart with f64 axes, as most views draw.
pub type F64Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// `points` thinned to this chart's pixels (`thinned` at `MIN_STEP`).
pub fn thin_for<DB: DrawingBackend>(
    chart: &F64Chart<'_, DB>,
    points: &[(f64, f64)],
) -> Vec<(f64, f64)> {
    let pixel = pixel_of(
        chart.plotting_area().get_pixel_range(),
        chart.x_range(),
        chart.y_range(),
    );
    thinned(points, pixel, MIN_STEP)
}

/// A polyline through `points` on the chart, thinned first.
pub fn polyline<DB: DrawingBackend>(
    chart: &mut F64Chart<'_, DB>,
    points: &[(f64, f64)],
    style: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let points = thin_for(chart, points);
    chart.draw_series(std::iter::once(PathElement::new(points, style)))?;
    Ok(())
}
