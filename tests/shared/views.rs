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
