//! Divergence: a run that goes away stops with a message, keeps what it shows finite, and the window keeps
//! its ground.

use crate::closed_forms::{assert_close, slope_path, EXACT_M};
use crate::helpers::{assert_slope_path, lab, path_w};
use backprop_lab::labs::descent::{
    DescentCommand, DescentLab, DescentSetup, DescentSnapshot, Regime,
};

fn diverging_lab(eta: f64) -> (DescentLab, Result<(), String>) {
    let mut lab = lab(DescentSetup {
        learning_rate: eta,
        ..DescentSetup::default()
    });
    let result = lab.apply(DescentCommand::Step { count: 5000 });
    (lab, result)
}

#[test]
fn divergence_stops_with_a_message_and_reset_recovers() {
    let (mut lab, result) = diverging_lab(50.0);
    let message = result.expect_err("stepping past the runaway fails");
    let s = lab.snapshot();
    assert!(
        message.starts_with(&format!(
            "Diverged at step {}: J grew from 3.792 to ",
            s.iteration
        )) && message.contains("Lower η"),
        "{message}"
    );
    assert_eq!(s.regime, Regime::Diverge);
    assert_eq!(s.overflow.as_deref(), Some(message.as_str()));
    // r = 1 − 100m ≈ −93.8, so J grows about 8800-fold a step: a trillion-fold within four steps, and the
    // step before was still under it.
    assert!(s.iteration >= 2 && s.iteration <= 4, "{}", s.iteration);
    let costs: Vec<f64> = s.path.iter().map(|p| p.cost).collect();
    let start = costs[0];
    assert!(costs[costs.len() - 1] > backprop_lab::labs::descent::RUNAWAY * start);
    assert!(costs[costs.len() - 2] <= backprop_lab::labs::descent::RUNAWAY * start);
    assert!(s.update.is_none(), "no next step after the stop");
    // The path is the closed form up to the stop.
    let expected = slope_path(&s.setup.points, 50.0, 0.0, s.iteration);
    for (k, (p, &w)) in s.path.iter().zip(&expected).enumerate() {
        assert_close(p.w, w, 1.0, 1e-9, &format!("runaway w_{k}"));
    }

    // Further steps fail and change nothing.
    let iteration = s.iteration;
    assert!(lab.apply(DescentCommand::Step { count: 1 }).is_err());
    assert_eq!(lab.snapshot(), s);
    // One step back is fine and hides the overflow; forward again to the last point is fine too.
    lab.apply(DescentCommand::Step { count: -1 }).unwrap();
    let back = lab.snapshot();
    assert_eq!(
        (back.iteration, back.overflow.clone()),
        (iteration - 1, None)
    );
    assert!(back.update.is_some());
    lab.apply(DescentCommand::Step { count: 1 }).unwrap();
    assert_eq!(lab.snapshot().iteration, iteration);
    assert!(lab.apply(DescentCommand::Step { count: 1 }).is_err());

    lab.apply(DescentCommand::Reset).unwrap();
    let s = lab.snapshot();
    assert_eq!((s.iteration, s.overflow.clone()), (0, None));
    assert_eq!(path_w(&s), vec![0.0]);
    assert!(s.update.is_some());
    assert_eq!(s.setup.learning_rate, 50.0, "Reset keeps the setup");
    lab.apply(DescentCommand::Step { count: 3 }).unwrap();
    assert_slope_path(&lab.snapshot(), "after Reset");
}

#[test]
fn a_runaway_path_keeps_every_shown_cost_finite() {
    let (lab, _) = diverging_lab(50.0);
    let s = lab.snapshot();
    let bad: Vec<_> = s
        .path
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.w.is_finite() || !p.cost.is_finite())
        .collect();
    assert!(bad.is_empty(), "non-finite path points: {bad:?}");
    assert!(s.cost.is_finite(), "snapshot cost {}", s.cost);
}

/// The window holds the minimum and the start, stays finite, does not chase a runaway w, and `inside` says
/// exactly which points lie in it.
#[track_caller]
fn assert_window_keeps_its_ground(s: &DescentSnapshot) {
    let win = s.window;
    let (w_star, w0): (f64, f64) = (2.0, s.setup.w0);
    assert!(
        [win.w_min, win.w_max, win.b_min, win.b_max, win.cost_max]
            .iter()
            .all(|v| v.is_finite()),
        "window {win:?}"
    );
    assert!(
        win.w_min <= w_star.min(w0) && win.w_max >= w_star.max(w0),
        "{win:?}"
    );
    assert!(
        win.w_max - win.w_min <= 100.0 * (w0 - w_star).abs().max(1.0),
        "the window chased the runaway: {win:?}"
    );
    assert_eq!(s.inside.len(), s.path.len());
    for (k, (p, &inside)) in s.path.iter().zip(&s.inside).enumerate() {
        assert_eq!(
            inside,
            win.w_min <= p.w && p.w <= win.w_max,
            "inside[{k}] for w = {}",
            p.w
        );
    }
    assert!(s.inside[0], "the start is in view");
    assert!(
        !s.inside.last().unwrap(),
        "the runaway point is not in view"
    );
    assert!(s.curve.iter().all(|c| c[0].is_finite() && c[1].is_finite()));
}

#[test]
fn the_window_keeps_the_minimum_and_start_in_view_while_w_runs_away() {
    let (lab, _) = diverging_lab(50.0);
    let s = lab.snapshot();
    assert_window_keeps_its_ground(&s);
    assert!(s.inside[1..].iter().all(|&i| !i), "{:?}", &s.inside[..5]);
}

#[test]
fn the_window_stays_bounded_when_w_doubles_each_step() {
    // η = 1.5/m: r = 1 − 3 = −2, the distance to w* doubles every step until the numbers overflow.
    let (lab, result) = diverging_lab(1.5 / EXACT_M);
    assert!(result.is_err());
    let s = lab.snapshot();
    assert!(s.overflow.is_some());
    assert_window_keeps_its_ground(&s);
}
