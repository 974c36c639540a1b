//! The distance to the minimum at each step, and the factor |1 − c·η| each step multiplies it by (issue 19:
//! at η = 3 the cost curve pins every step to its top edge, so the growing zigzag never shows). Checked
//! against the closed forms: |w_k − w*| = |w₀ − w*|·|1 − 2mη|ᵏ for ẑ = w·x.

use crate::closed_forms::{
    assert_close, bias_eigenvalues, least_squares, slope_moments, EXACT_M, HAND,
};
use crate::common::assert_rel;
use crate::helpers::{lab, setup_with, stepped};
use backprop_lab::labs::descent::{DescentCommand, DescentSetup, Model, Preset};
use backprop_lab::shared::format::sig4;

#[test]
fn each_step_multiplies_the_distance_by_the_closed_form_factor() {
    let points = Preset::ExactLine.points();
    let (m, w_star) = slope_moments(&points);
    assert_rel(m, EXACT_M, 1e-12, "m");
    // Smooth, overshooting, at the edge 1/m (the factor is 1), diverging, and the η = 3.
    for eta in [0.1, 0.4, 0.8, 1.0 / EXACT_M, 1.5, 3.0] {
        let s = stepped(setup_with(points.clone(), Model::Slope, eta), 6).snapshot();
        let factor = (1.0 - 2.0 * m * eta).abs();
        assert_rel(
            s.distance_factor.unwrap(),
            factor,
            1e-12,
            &format!("η = {eta}"),
        );
        assert_eq!(s.distances.len(), 7, "η = {eta}: steps 0 to 6");
        let start = (s.setup.w0 - w_star).abs();
        for (k, d) in s.distances.iter().enumerate() {
            assert_eq!(d[0], k as f64);
            assert_close(
                d[1],
                start * factor.powi(k as i32),
                start,
                1e-12,
                &format!("η = {eta}: |w_{k} − w*|"),
            );
        }
    }
}

#[test]
fn the_sentence_gives_the_factor_and_what_it_does_to_the_distance() {
    let points = Preset::ExactLine.points();
    let text = |eta: f64| stepped(setup_with(points.clone(), Model::Slope, eta), 1).snapshot();
    // η = 3: 2m = 1.896, so each step multiplies the distance by |1 − 1.896 × 3| = 4.688.
    let s = text(3.0);
    assert_eq!(sig4(s.distance_factor.unwrap()), "4.688");
    assert!(
        s.distance_text
            .contains("by |1 − 2m·η| = |1\u{a0}−\u{a0}1.896\u{a0}×\u{a0}3.000| = 4.688: the distance grows 4.688-fold"),
        "{}",
        s.distance_text
    );
    assert!(s.distance_text.contains("straight line up"));
    let s = text(0.8);
    assert!(
        s.distance_text
            .contains("shrinks to 0.5167 of itself each step")
            && s.distance_text.contains("zigzags"),
        "{}",
        s.distance_text
    );
    let s = text(0.1);
    assert!(
        s.distance_text.contains("straight line down.") && !s.distance_text.contains("zigzags"),
        "{}",
        s.distance_text
    );
    // The course's points, where η = 0.4 = 1/m bounces 0 → 4 → 0: the distance, 2, stays.
    let s = stepped(
        setup_with(Preset::SeedPoints.points(), Model::Slope, 0.4),
        3,
    )
    .snapshot();
    assert_eq!(s.distance_factor, Some(1.0));
    assert!(s.distances.iter().all(|d| (d[1] - 2.0).abs() < 1e-12));
    assert!(
        s.distance_text.contains("stays the same, a flat line") && s.distance_text.contains("1/m"),
        "{}",
        s.distance_text
    );
}

/// With a bias the distance is to (w*, b*), and the factor |1 − c·η| is that of the bowl's steepest
/// direction; along the valley's floor the factor is |1 − c_min·η|, and the larger one sets the slope.
#[test]
fn with_a_bias_the_distance_is_to_the_least_squares_point() {
    let (largest, smallest) = bias_eigenvalues(&HAND);
    let (w_star, b_star) = least_squares(&HAND);
    // Diverging along the steepest direction only: 1.2 across, about 0.89 along the floor.
    let eta = 2.2 / largest;
    let s = stepped(setup_with(HAND.to_vec(), Model::SlopeAndIntercept, eta), 40).snapshot();
    let across = (1.0 - largest * eta).abs();
    let along = (1.0 - smallest * eta).abs();
    assert_rel(s.distance_factor.unwrap(), across, 1e-12, "factor");
    for (d, p) in s.distances.iter().zip(&s.path) {
        assert_rel(
            d[1],
            (p.w - w_star).hypot(p.b - b_star),
            1e-9,
            "distance to (w*, b*)",
        );
    }
    // After forty steps the floor's part has faded: each step multiplies the distance by the factor.
    let ratio = s.distances[40][1] / s.distances[39][1];
    assert_rel(ratio, across, 1e-4, "the last step's growth");
    assert!(
        s.distance_text.contains(&format!(
            "|1 − c·η| = |1\u{a0}−\u{a0}{}\u{a0}×\u{a0}",
            sig4(largest)
        )) && s
            .distance_text
            .contains(&format!("and by {} along its floor", sig4(along))),
        "{}",
        s.distance_text
    );
    // Converging slowly along the floor: the smaller factor across fades first, and the floor's sets the
    // slope.
    let eta = 1.0 / largest;
    let s = stepped(setup_with(HAND.to_vec(), Model::SlopeAndIntercept, eta), 30).snapshot();
    let along = 1.0 - smallest * eta;
    assert_rel(
        s.distances[30][1] / s.distances[29][1],
        along,
        1e-6,
        "floor",
    );
    assert!(
        s.distance_text
            .contains(&format!("shrinks to {} of itself", sig4(along))),
        "{}",
        s.distance_text
    );
}

#[test]
fn without_a_single_minimum_there_is_no_distance() {
    // Every x is 0: J is flat in w.
    let s = lab(setup_with(vec![[0.0, 1.0], [0.0, 2.0]], Model::Slope, 0.4)).snapshot();
    assert!(s.distances.is_empty() && s.distance_factor.is_none());
    assert!(
        s.distance_text.contains("no minimum"),
        "{}",
        s.distance_text
    );
    // Every x the same, with a bias: a whole line of minima.
    let s = lab(setup_with(
        vec![[0.3, 1.0], [0.3, 2.0]],
        Model::SlopeAndIntercept,
        0.4,
    ))
    .snapshot();
    assert!(s.distances.is_empty());
    assert!(
        s.distance_text.contains("whole line"),
        "{}",
        s.distance_text
    );
}

/// Mini-batch steps go down their own points' parabola: the distances are still measured, and the sentence
/// says the factor is for steps on all the points.
#[test]
fn mini_batch_runs_are_measured_and_the_factor_is_qualified() {
    let mut l = lab(DescentSetup {
        batch_size: 2,
        ..setup_with(Preset::NoisyLine.points(), Model::Slope, 0.2)
    });
    l.apply(DescentCommand::Step { count: 5 }).unwrap();
    let s = l.snapshot();
    assert_eq!(s.distances.len(), 6);
    assert!(
        s.distance_text.contains("for steps on all the points"),
        "{}",
        s.distance_text
    );
}
