//! Where labels go: the corner a legend covers least of the data, and the place beside a vertical line that
//! hides the fewest drawn points.

use plotters::prelude::*;

use super::style::Style;

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
