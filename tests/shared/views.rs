//! The lab's views drawn to SVG natively: what they draw, where, and that labels stay apart.

#[allow(unused_imports)]
use crate::common::svg::*;

#[test]
fn a_legend_goes_to_the_corner_the_data_leaves_empty() {
    use backprop_lab::shared::chart::along;
    use backprop_lab::shared::chart::emptiest_corner;
    use backprop_lab::shared::chart::Style;
    use plotters::prelude::SeriesLabelPosition;
    let corner = |points: &[(f64, f64)]| {
        let sampled = along(points, 8);
        format!(
            "{:?}",
            emptiest_corner(
                &sampled,
                (0.0, 10.0),
                (0.0, 1.0),
                (600, 300),
                &["a", "b"],
                Style::default()
            )
        )
    };
    let name = |p: SeriesLabelPosition| format!("{p:?}");
    // A line falling from the upper left to the lower right leaves the upper right and lower left empty; the
    // upper right comes first.
    assert_eq!(
        corner(&[(0.0, 1.0), (10.0, 0.0)]),
        name(SeriesLabelPosition::UpperRight)
    );
    // Rising: the upper right is taken, the upper left is free.
    assert_eq!(
        corner(&[(0.0, 0.0), (10.0, 1.0)]),
        name(SeriesLabelPosition::UpperLeft)
    );
    // Along the top: both upper corners are taken.
    assert_eq!(
        corner(&[(0.0, 0.98), (10.0, 0.98)]),
        name(SeriesLabelPosition::LowerRight)
    );
    // A line only crossing the lower right corner between two far points still counts there.
    assert_eq!(
        corner(&[(0.0, 0.98), (10.0, 0.98), (10.0, 0.0), (8.0, 0.0)]),
        name(SeriesLabelPosition::LowerLeft)
    );
}

#[test]
fn runs_closer_than_the_tolerance_count_as_one_line() {
    use backprop_lab::shared::chart::on_top_of;
    assert!(on_top_of(&[1.0, 2.0, 3.0], &[1.001, 2.0, 2.999], 0.01));
    assert!(
        !on_top_of(&[1.0, 2.0, 3.0], &[1.0, 2.5, 3.0], 0.01),
        "one point apart"
    );
    assert!(
        !on_top_of(&[1.0, 2.0], &[1.0, 2.0, 3.0], 0.01),
        "different lengths"
    );
    assert!(
        on_top_of(&[f64::INFINITY], &[f64::NAN], 0.01),
        "both off the chart"
    );
    assert!(!on_top_of(&[f64::INFINITY], &[1.0], 0.01));
}

/// Issue 19: a series of one point (a run at epoch 0, a race's first update) draws no line, so it must show
/// as a marker, on either scale; the races, the training comparison and early stopping all draw this chart.
#[test]
fn a_series_of_one_point_shows_as_a_marker() {
    use backprop_lab::shared::chart::palette;
    use backprop_lab::shared::chart::series_chart::{self, Scale, Series};
    use backprop_lab::shared::chart::Style;
    let one = [[0.0, 0.25]];
    let two = [[0.0, 0.5], [10.0, 0.125]];
    for scale in [Scale::Linear, Scale::Log10] {
        let text = svg(600, 300, |a| {
            let series = [
                Series {
                    label: "one point",
                    points: &one,
                    colour: Some(palette::BACKWARD),
                },
                Series {
                    label: "a line",
                    points: &two,
                    colour: Some(palette::FORWARD),
                },
            ];
            series_chart::draw(a, &series, ("epoch", "E"), scale, &[], Style::default()).unwrap()
        });
        let markers = filled_circles(&text, "#D55E00");
        assert_eq!(markers.len(), 1, "{scale:?}: the lone point is drawn");
        // Epoch 0 is the left end of the plot.
        assert!(markers[0][0] < 120.0, "{scale:?}: {markers:?}");
        assert!(
            filled_circles(&text, "#0072B2").is_empty(),
            "{scale:?}: a line of two points is a line"
        );
    }
}

/// Issue 19: before a polyline is drawn, each point closer than half a pixel to the last one kept is
/// dropped; a curve that turns back within a pixel had grown spikes.
#[test]
fn a_polyline_drops_points_within_half_a_pixel_of_the_last_kept() {
    use backprop_lab::shared::chart::polyline::{thinned, MIN_STEP};
    let same = |p: &(f64, f64)| *p;
    assert_eq!(MIN_STEP, 0.5);
    // Dithering within half a pixel, then on: only the ends are left.
    let dither = [(0.0, 0.0), (0.2, 0.1), (0.1, -0.1), (0.3, 0.2), (5.0, 0.0)];
    assert_eq!(thinned(&dither, same, 0.5), vec![(0.0, 0.0), (5.0, 0.0)]);
    // Measured from the last point kept, not from the one before: a slow drift of 0.3 px a point keeps
    // every second point, and so keeps its shape.
    let drift: Vec<(f64, f64)> = (0..7).map(|k| (0.3 * k as f64, 0.0)).collect();
    let kept = thinned(&drift, same, 0.5);
    assert_eq!(kept.len(), 4, "{kept:?}");
    for pair in kept.windows(2) {
        assert!(pair[1].0 - pair[0].0 >= 0.5 - 1e-12, "{kept:?}");
    }
    // The last point always ends the line, taking the place of a kept point too close to it.
    let end = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (2.2, 0.0)];
    assert_eq!(
        thinned(&end, same, 0.5),
        vec![(0.0, 0.0), (1.0, 0.0), (2.2, 0.0)]
    );
    // The first stays too: a line of two points in the same place is still two points.
    assert_eq!(thinned(&[(1.0, 1.0), (1.0, 1.0)], same, 0.5).len(), 2);
    assert_eq!(thinned(&[(1.0, 1.0)], same, 0.5), vec![(1.0, 1.0)]);
    assert!(thinned::<(f64, f64)>(&[], same, 0.5).is_empty());
    // Points far apart are all kept, in order.
    let zigzag = [(0.0, 0.0), (1.0, 3.0), (2.0, 0.0), (3.0, 3.0)];
    assert_eq!(thinned(&zigzag, same, 0.5), zigzag.to_vec());
    // Distances are in pixels as `pixel` places the points: a data step of 0.01 is 0.2 px on a chart
    // where one unit is 20 px, so every third point is kept (0, 0.6, 1.2, … px), and the last ends the line.
    let fine: Vec<(f64, f64)> = (0..=100).map(|k| (0.01 * k as f64, 1.0)).collect();
    let kept = thinned(&fine, |p| (20.0 * p.0, 20.0 * p.1), 0.5);
    assert_eq!(kept.first(), fine.first());
    assert_eq!(kept.last(), fine.last());
    assert_eq!(kept.len(), 34, "{kept:?}");
}

/// Where a chart draws a point, before plotters rounds it: the same corners as plotters, y downward.
#[test]
fn a_charts_pixels_are_its_data_range_stretched_over_its_plot() {
    use backprop_lab::shared::chart::polyline::pixel_of;
    let pixel = pixel_of((10..110, 20..70), 0.0..4.0, -1.0..1.0);
    assert_eq!(pixel(&(0.0, -1.0)), (10.0, 70.0), "lower left");
    assert_eq!(pixel(&(4.0, 1.0)), (110.0, 20.0), "upper right");
    assert_eq!(pixel(&(1.0, 0.0)), (35.0, 45.0));
}

/// Issue 19: a log axis's ticks are powers of ten as people write them, 10⁻¹⁰ … 10², not "1e-10"; between
/// whole decades, nothing.
#[test]
fn decades_are_written_as_powers_of_ten() {
    use backprop_lab::shared::chart::decade_label;
    assert_eq!(decade_label(&-10.0), "10⁻¹⁰");
    assert_eq!(decade_label(&-3.0), "10⁻³");
    assert_eq!(decade_label(&0.0), "10⁰");
    assert_eq!(decade_label(&1.0), "10¹");
    assert_eq!(decade_label(&2.0), "10²");
    assert_eq!(decade_label(&15.0), "10¹⁵");
    // Axis positions carry rounding dust; a half decade is not labelled.
    assert_eq!(decade_label(&(-2.0 + 1e-12)), "10⁻²");
    assert_eq!(decade_label(&0.5), "");
}

/// Issue 18: runs are told apart by shape as well as colour. The first run is a plain line; the second has
/// squares and the third triangles, six along the line and one on the legend's line sample.
#[test]
fn each_run_after_the_first_carries_its_own_marker_shape() {
    use backprop_lab::shared::chart::series_chart::{self, Scale, Series};
    use backprop_lab::shared::chart::Style;
    let runs: Vec<Vec<[f64; 2]>> = (1..=3)
        .map(|r| {
            (0..50)
                .map(|k| [k as f64, 1.0 / (1.0 + r as f64 * k as f64)])
                .collect()
        })
        .collect();
    let text = svg(600, 300, |a| {
        let series: Vec<Series> = ["batch", "mini-batch", "stochastic"]
            .iter()
            .zip(&runs)
            .map(|(label, points)| Series {
                label,
                points,
                colour: None,
            })
            .collect();
        series_chart::draw(
            a,
            &series,
            ("update", "J"),
            Scale::Linear,
            &[],
            Style::default(),
        )
        .unwrap()
    });
    // The markers are polygons filled with the paper (then outlined in the run's colour).
    let corners: Vec<usize> = text
        .split("<polygon")
        .skip(1)
        .filter(|p| p.contains("fill=\"#FFFFFF\""))
        .map(|p| {
            let points = p
                .split("points=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            points.split_whitespace().count()
        })
        .collect();
    assert_eq!(
        corners.iter().filter(|&&c| c == 4).count(),
        7,
        "squares: {corners:?}"
    );
    assert_eq!(
        corners.iter().filter(|&&c| c == 3).count(),
        7,
        "triangles: {corners:?}"
    );
    assert_eq!(corners.len(), 14, "the first run has none: {corners:?}");
}
