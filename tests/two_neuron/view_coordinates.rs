//! The error curve drawn where the numbers say: read back through its axis labels, one point per iteration
//! at the height of that iteration's error.

use crate::common::svg::*;
use backprop_lab::labs::two_neuron::views::error_curve;
use backprop_lab::labs::two_neuron::{Command, Session};
use backprop_lab::shared::chart::Style;

/// The error curve's colour (`palette::FORWARD`).
const CURVE: &str = "#0072B2";

#[test]
fn the_error_curve_has_one_point_per_iteration_at_its_error() {
    let mut session = Session::two_neuron();
    session
        .apply(Command::RunIterations { count: 60 })
        .expect("sixty iterations of the course's example");
    let losses = session.losses();
    let points = session.loss_curve();
    assert_eq!(points.len(), 60);
    let text = svg(600, 300, |a| {
        error_curve::draw(a, points, 60, Style::default()).unwrap()
    });
    let (x, y) = scales(&text, "error curve");
    let drawn = polyline_points(&text, CURVE);
    assert_eq!(drawn.len(), 60, "one point per iteration: {drawn:?}");
    for (k, ([px, py], [iteration, loss])) in drawn.iter().zip(points).enumerate() {
        assert_eq!(*iteration, (k + 1) as f64, "iterations counted from 1");
        assert_eq!(*loss, losses[k], "the curve is the session's errors");
        assert!(
            (x.px(*iteration) - px).abs() <= 1.0 && (y.px(*loss) - py).abs() <= 1.0,
            "iteration {iteration}, E = {loss}: drawn at ({px}, {py}), the axes put it at ({:.1}, {:.1})",
            x.px(*iteration),
            y.px(*loss)
        );
    }
    // The current iteration's marker sits on the curve's last point.
    let marked = circles(&text, "#E69F00");
    let [px, py] = drawn[59];
    assert!(
        marked
            .iter()
            .any(|c| (c[0] - px).abs() <= 1.0 && (c[1] - py).abs() <= 1.0),
        "the marker {marked:?} is on iteration 60 at ({px}, {py})"
    );
}

#[test]
fn on_a_log_scale_the_heights_are_decades() {
    // An error falling over six decades is drawn as log₁₀ E: a point's height is its decade.
    let points: Vec<[f64; 2]> = (1..=7).map(|k| [k as f64, 10f64.powi(1 - k)]).collect();
    let text = svg(600, 300, |a| {
        error_curve::draw(a, &points, 7, Style::default()).unwrap()
    });
    assert!(text.contains("(log scale)"));
    let (xs, ys) = tick_labels(&text);
    let x = Scale::from_ticks(&xs, "x axis");
    let decades: Vec<[f64; 2]> = ys.iter().map(|&[v, px]| [v.log10(), px]).collect();
    let y = Scale::from_ticks(&decades, "decades");
    let drawn = polyline_points(&text, CURVE);
    assert_eq!(drawn.len(), points.len());
    for ([px, py], [k, e]) in drawn.iter().zip(&points) {
        assert!(
            (x.px(*k) - px).abs() <= 1.0 && (y.px(e.log10()) - py).abs() <= 1.0,
            "E = {e} at iteration {k}: drawn at ({px}, {py})"
        );
    }
}
