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
