//! Step sequences: paths that follow the closed form, the update written out, stepping back and forth.

use crate::closed_forms::{assert_close, dj_dw, EXACT_M};
use crate::common::assert_rel;
use crate::helpers::{assert_slope_path, lab, path_w, setup_with, stepped};
use backprop_lab::labs::descent::{DescentCommand, DescentSetup, Model, Preset, Regime};

#[test]
fn exact_line_paths_follow_the_closed_form_in_every_regime() {
    let (overshoot, diverge) = (1.0 / (2.0 * EXACT_M), 1.0 / EXACT_M);
    let cases = [
        (0.05, Regime::Smooth),
        (0.3, Regime::Smooth),
        (0.5, Regime::Smooth),
        (overshoot, Regime::OneStep),
        (0.6, Regime::Overshoot),
        (0.8, Regime::Overshoot),
        (1.0, Regime::Overshoot),
        (diverge, Regime::Bounce),
        (1.1, Regime::Diverge),
        (1.6, Regime::Diverge),
        // Ten steps stay under the lab's runaway stop (J a trillion times its start): 14¹⁰ ≈ 3e11.
        (2.5, Regime::Diverge),
    ];
    for (eta, expected_regime) in cases {
        for w0 in [0.0, -1.5, 5.0] {
            let setup = DescentSetup {
                learning_rate: eta,
                w0,
                ..DescentSetup::default()
            };
            let s = stepped(setup, 10).snapshot();
            assert_eq!(s.iteration, 10);
            assert_eq!(s.regime, expected_regime, "η = {eta}");
            assert_slope_path(&s, &format!("η = {eta}, w0 = {w0}"));
            let distances: Vec<f64> = path_w(&s).iter().map(|w| w - 2.0).collect();
            match expected_regime {
                Regime::Smooth => assert!(
                    distances
                        .windows(2)
                        .all(|d| d[1].abs() < d[0].abs() && d[1].signum() == d[0].signum()),
                    "smooth: {distances:?}"
                ),
                Regime::OneStep => assert!(distances[1..].iter().all(|d| d.abs() < 1e-12)),
                Regime::Overshoot => assert!(
                    distances
                        .windows(2)
                        .all(|d| d[1].abs() < d[0].abs() && d[1].signum() != d[0].signum()),
                    "overshoot: {distances:?}"
                ),
                Regime::Bounce => assert!(distances
                    .windows(2)
                    .all(|d| (d[1] + d[0]).abs() < 1e-9 * d[0].abs())),
                Regime::Diverge => assert!(
                    distances
                        .windows(2)
                        .all(|d| d[1].abs() > d[0].abs() && d[1].signum() != d[0].signum()),
                    "diverge: {distances:?}"
                ),
            }
            // w, b and cost of the snapshot are those of the current point.
            let here = s.path[10];
            assert_eq!((s.w, s.b, s.cost), (here.w, here.b, here.cost));
        }
    }
}

#[test]
fn the_default_converges_smoothly_to_two_in_four_steps() {
    let s = stepped(DescentSetup::default(), 12).snapshot();
    assert_eq!(s.regime, Regime::Smooth);
    let w = path_w(&s);
    assert_eq!(w[0], 0.0);
    assert!(
        (w[3] - 2.0).abs() > 0.01,
        "three steps are not enough: {w:?}"
    );
    assert!(
        (w[4] - 2.0).abs() < 0.01,
        "within 0.01 of 2 in 4 steps: {w:?}"
    );
    assert!(
        w.windows(2).all(|p| p[0] < p[1] && p[1] < 2.0),
        "never crosses 2: {w:?}"
    );
    // r = 1 − 0.8·m; w_k = 2 − 2rᵏ.
    let r = 1.0 - 0.8 * EXACT_M;
    for (k, &wk) in w.iter().enumerate() {
        assert_close(
            wk,
            2.0 - 2.0 * r.powi(k as i32),
            1.0,
            1e-12,
            &format!("w_{k}"),
        );
    }
    let minimum = s.minimum.expect("unique minimum");
    assert_rel(minimum.w, 2.0, 1e-12, "w*");
    assert!(minimum.cost.abs() < 1e-25, "J(w*) = {}", minimum.cost);
}

#[test]
fn seed_points_bounce_exactly_between_zero_and_four() {
    let s = stepped(
        setup_with(Preset::SeedPoints.points(), Model::Slope, 0.4),
        6,
    )
    .snapshot();
    assert_eq!(s.regime, Regime::Bounce);
    assert_eq!(path_w(&s), vec![0.0, 4.0, 0.0, 4.0, 0.0, 4.0, 0.0]);
    // J(0) = (2² + 4²)/2 = 10 and J(4) = ((2 − 4)² + (4 − 8)²)/2 = 10.
    assert!(s.path.iter().all(|p| p.cost == 10.0), "{:?}", s.path);
    let t = &s.thresholds;
    assert_rel(t.diverge, 0.4, 1e-12, "1/m = 1/2.5");
    assert!(s.regime_text.contains("Bouncing"), "{}", s.regime_text);
    // The update from w = 0: dJ/dw = −(2/2)(2·1 + 4·2) = −10, w ← 0 − 0.4 × (−10) = 4.
    let u = s.update.expect("next step");
    assert_eq!((u.dj_dw, u.next_w), (-10.0, 4.0));
    assert_eq!(u.text, "w ← w − η·dJ/dw = 0 − 0.4000 × (-10.00) = 4.000");
}

#[test]
fn the_update_writes_out_the_numbers_of_the_next_step() {
    let points = Preset::ExactLine.points();
    let mut lab = lab(DescentSetup::default());
    let s = lab.snapshot();
    let u = s.update.expect("next step");
    // dJ/dw at 0 = −(2/n)Σ z x = −4m = −3.7917; 0 + 0.4·3.7917 = 1.5167.
    assert_rel(u.dj_dw, dj_dw(&points, 0.0, 0.0), 1e-12, "dJ/dw at 0");
    assert_rel(u.dj_dw, -4.0 * EXACT_M, 1e-12, "dJ/dw = −4m");
    assert_rel(u.next_w, 1.6 * EXACT_M, 1e-12, "next w");
    assert_eq!(u.dj_db, None);
    assert_eq!(u.next_b, 0.0);
    assert!(
        u.text.starts_with("w ← w − η·dJ/dw = 0 − 0.4"),
        "{}",
        u.text
    );
    assert_eq!(u.text, "w ← w − η·dJ/dw = 0 − 0.4000 × (-3.792) = 1.517");

    lab.apply(DescentCommand::Step { count: 1 }).unwrap();
    let s = lab.snapshot();
    let u = s.update.expect("next step");
    let w1 = s.w;
    assert_rel(u.dj_dw, dj_dw(&points, w1, 0.0), 1e-12, "dJ/dw at w1");
    assert_rel(u.next_w, w1 - 0.4 * dj_dw(&points, w1, 0.0), 1e-12, "w2");
    // w1 = 1.5167, dJ/dw = −2m(2 − w1) = −0.91632, w2 = 1.8832.
    assert_eq!(
        u.text,
        "w ← w − η·dJ/dw = 1.517 − 0.4000 × (-0.9163) = 1.883"
    );
    // The update's next point is the next path point.
    lab.apply(DescentCommand::Step { count: 1 }).unwrap();
    assert_eq!(lab.snapshot().w, u.next_w);
}

#[test]
fn stepping_back_and_forth_walks_the_same_path() {
    let mut lab = stepped(DescentSetup::default(), 8);
    let forward = lab.snapshot();
    lab.apply(DescentCommand::Step { count: -5 }).unwrap();
    let back = lab.snapshot();
    assert_eq!(back.iteration, 3);
    assert_eq!(back.path[..], forward.path[..4]);
    assert!(back.can_step_back);
    lab.apply(DescentCommand::Step { count: -100 }).unwrap();
    let start = lab.snapshot();
    assert_eq!(start.iteration, 0);
    assert!(!start.can_step_back);
    lab.apply(DescentCommand::Step { count: 8 }).unwrap();
    assert_eq!(lab.snapshot(), forward);
}
