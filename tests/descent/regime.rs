//! Thresholds and regimes: where steps start to overshoot and to diverge, and which regime η is in, in
//! numbers and in words.

use crate::closed_forms::{bias_eigenvalues, mean_of, EXACT_M, HAND};
use crate::common::assert_rel;
use crate::helpers::{lab, path_w, setup_with, stepped, PRESETS};
use backprop_lab::labs::descent::{
    regime, regime_text, thresholds, DescentCommand, DescentSetup, Model, Preset, Regime,
};

#[test]
fn slope_thresholds_are_one_over_2m_and_one_over_m() {
    let mut datasets: Vec<(String, Vec<[f64; 2]>)> = PRESETS
        .iter()
        .map(|p| (format!("{p:?}"), p.points()))
        .collect();
    datasets.push(("hand-made".into(), HAND.to_vec()));
    datasets.push(("one point".into(), vec![[-0.5, 3.0]]));
    for (name, points) in datasets {
        let m = mean_of(&points, |x, _| x * x);
        let t = thresholds(&setup_with(points, Model::Slope, 0.1));
        assert_rel(
            t.overshoot,
            1.0 / (2.0 * m),
            1e-12,
            &format!("{name}: 1/(2m)"),
        );
        assert_rel(t.diverge, 1.0 / m, 1e-12, &format!("{name}: 1/m"));
        assert_eq!(t.condition, 1.0, "{name}: one parameter, round bowl");
        assert_eq!((t.overshoot_label, t.diverge_label), ("1/(2m)", "1/m"));
    }
    // Written out: mean(x²) = (9 + 0.25 + 49 + 6.25)/4 = 16.125.
    let t = thresholds(&setup_with(HAND.to_vec(), Model::Slope, 0.1));
    assert_rel(t.overshoot, 1.0 / 32.25, 1e-12, "hand-made 1/(2m)");
    assert_rel(t.diverge, 1.0 / 16.125, 1e-12, "hand-made 1/m");
    let t = thresholds(&DescentSetup::default());
    assert_rel(t.overshoot, 6.0 / 11.375, 1e-12, "ExactLine 1/(2m)");
    assert_rel(t.diverge, 6.0 / 5.6875, 1e-12, "ExactLine 1/m");
}

#[test]
fn bias_thresholds_come_from_the_hessian_eigenvalues() {
    let mut datasets: Vec<(String, Vec<[f64; 2]>)> = PRESETS
        .iter()
        .map(|p| (format!("{p:?}"), p.points()))
        .collect();
    datasets.push(("hand-made".into(), HAND.to_vec()));
    for (name, points) in datasets {
        let (largest, smallest) = bias_eigenvalues(&points);
        let t = thresholds(&setup_with(points, Model::SlopeAndIntercept, 0.01));
        assert_rel(
            t.overshoot,
            1.0 / largest,
            1e-12,
            &format!("{name}: 1/c_max"),
        );
        assert_rel(t.diverge, 2.0 / largest, 1e-12, &format!("{name}: 2/c_max"));
        assert_rel(
            t.condition,
            largest / smallest,
            1e-9,
            &format!("{name}: condition"),
        );
        assert_eq!((t.overshoot_label, t.diverge_label), ("1/c", "2/c"));
    }
    // Hand-made, written out: tr = 2(16.125 + 1) = 34.25, det = 4(16.125 − 1.75²) = 52.25.
    let largest = 17.125 + (17.125f64 * 17.125 - 52.25).sqrt();
    let t = thresholds(&setup_with(HAND.to_vec(), Model::SlopeAndIntercept, 0.01));
    assert_rel(t.overshoot, 1.0 / largest, 1e-12, "hand-made 1/c");
    assert_rel(
        t.condition,
        largest * largest / 52.25,
        1e-9,
        "hand-made condition",
    );
}

#[test]
fn standardised_thresholds_are_half_and_one_with_a_round_bowl() {
    let mut datasets: Vec<Vec<[f64; 2]>> = PRESETS.iter().map(|p| p.points()).collect();
    datasets.push(HAND.to_vec());
    for points in datasets {
        for model in [Model::SlopeAndIntercept, Model::Slope] {
            let setup = DescentSetup {
                standardize: true,
                ..setup_with(points.clone(), model, 0.1)
            };
            let t = thresholds(&setup);
            assert_rel(t.overshoot, 0.5, 1e-12, &format!("{model:?} overshoot"));
            assert_rel(t.diverge, 1.0, 1e-12, &format!("{model:?} diverge"));
            assert_rel(t.condition, 1.0, 1e-9, &format!("{model:?} condition"));
        }
    }
}

#[test]
fn far_from_zero_is_a_long_narrow_valley_until_scaled() {
    let points = Preset::FarFromZero.points();
    let raw = thresholds(&setup_with(points.clone(), Model::SlopeAndIntercept, 0.01));
    assert!(raw.condition > 100.0, "condition {}", raw.condition);
    // x = 4, 4.5, …, 10: mean x = 7, mean x² = 49 + 0.25·(13² − 1)/12 = 52.5.
    let largest = 53.5 + (53.5f64 * 53.5 - 4.0 * (52.5 - 49.0)).sqrt();
    assert_rel(
        raw.condition,
        largest * largest / 14.0,
        1e-9,
        "FarFromZero condition",
    );
    let scaled = thresholds(&DescentSetup {
        standardize: true,
        ..setup_with(points, Model::SlopeAndIntercept, 0.01)
    });
    assert!(scaled.condition < 1.0 + 1e-9, "{}", scaled.condition);

    // The snapshot shows the same numbers, and the scaling is (mean x, population std of x).
    let mut lab = lab(setup_with(
        Preset::FarFromZero.points(),
        Model::SlopeAndIntercept,
        0.01,
    ));
    assert_eq!(lab.snapshot().thresholds, raw);
    assert_eq!(lab.snapshot().scaling, None);
    lab.apply(DescentCommand::SetStandardize { on: true })
        .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.thresholds, scaled);
    let scaling = s.scaling.expect("standardised");
    assert_rel(scaling.shift, 7.0, 1e-12, "shift = mean x");
    assert_rel(scaling.scale, 3.5f64.sqrt(), 1e-12, "scale = std x");
}

#[test]
fn regimes_change_at_the_thresholds() {
    let t = thresholds(&DescentSetup::default());
    let (lo, hi) = (1.0 / (2.0 * EXACT_M), 1.0 / EXACT_M);
    let cases = [
        (0.3, Regime::Smooth),
        (lo * (1.0 - 1e-6), Regime::Smooth),
        (lo, Regime::OneStep),
        (lo * (1.0 + 1e-6), Regime::Overshoot),
        (0.8, Regime::Overshoot),
        (hi * (1.0 - 1e-6), Regime::Overshoot),
        (hi, Regime::Bounce),
        (hi * (1.0 + 1e-6), Regime::Diverge),
        (1.5, Regime::Diverge),
        (50.0, Regime::Diverge),
    ];
    for (eta, expected) in cases {
        assert_eq!(regime(eta, &t), expected, "η = {eta}");
    }
    // The lab agrees when η is set through the command.
    let mut lab = lab(DescentSetup::default());
    for (eta, expected) in cases {
        lab.apply(DescentCommand::SetLearningRate { value: eta })
            .unwrap();
        assert_eq!(lab.snapshot().regime, expected, "lab, η = {eta}");
    }
}

#[test]
fn regime_texts_name_the_regime_and_the_thresholds() {
    let t = thresholds(&DescentSetup::default());
    // 1/(2m) = 6/11.375 = 0.527472… and 1/m = 6/5.6875 = 1.054945…
    let (lo, hi) = (6.0 / 11.375, 6.0 / 5.6875);
    let text = |eta: f64| regime_text(regime(eta, &t), eta, &t);

    let smooth = text(0.3);
    assert!(smooth.contains("Smooth"), "{smooth}");
    assert!(
        smooth.contains("0.3000") && smooth.contains("1/(2m) = 0.5275"),
        "{smooth}"
    );

    let one = text(lo);
    assert!(one.contains("One step") && one.contains("0.5275"), "{one}");

    let over = text(0.8);
    assert!(over.contains("Overshoot"), "{over}");
    assert!(
        over.contains("1/(2m) = 0.5275") && over.contains("1/m = 1.055"),
        "{over}"
    );

    let bounce = text(hi);
    assert!(
        bounce.contains("Bouncing") && bounce.contains("1.055"),
        "{bounce}"
    );
    assert!(bounce.contains("1/m"), "{bounce}");

    let diverge = text(2.0);
    assert!(diverge.contains("Divergence"), "{diverge}");
    assert!(
        diverge.contains("2.000") && diverge.contains("1/m = 1.055"),
        "{diverge}"
    );

    // With a bias the labels are 1/c and 2/c (c is J's largest curvature; λ is the early-stopping lab's
    // weight decay); hand-made c_max written out.
    let largest = 17.125 + (17.125f64 * 17.125 - 52.25).sqrt();
    let tb = thresholds(&setup_with(HAND.to_vec(), Model::SlopeAndIntercept, 0.01));
    let over_b = regime_text(Regime::Overshoot, 1.5 / largest, &tb);
    let (lo_b, hi_b) = (1.0 / largest, 2.0 / largest);
    // 1/c = 1/32.65 ≈ 0.03063, 2/c ≈ 0.06126 (four significant figures).
    assert!(
        (lo_b - 0.03063).abs() < 5e-6 && (hi_b - 0.06126).abs() < 5e-6,
        "{lo_b} {hi_b}"
    );
    assert!(
        over_b.contains("1/c = 0.03063") && over_b.contains("2/c = 0.06126"),
        "{over_b}"
    );
    // These regimes are the steepest direction's: along the valley's floor, which curves c_max/c_min times
    // less, the run creeps, and the sentence says so (a slope-only fit has one direction and no such note).
    let smallest = 17.125 - (17.125f64 * 17.125 - 52.25).sqrt();
    let condition = backprop_lab::shared::format::sig4(largest / smallest);
    assert!(
        over_b.contains(&format!(
            "Along the valley's floor J curves {condition} times less"
        )),
        "{over_b}"
    );
    let diverge_b = regime_text(Regime::Diverge, 3.0 / largest, &tb);
    assert!(diverge_b.contains("goes away across it"), "{diverge_b}");
    assert!(!diverge.contains("valley"), "{diverge}");
    // With a bias and every x the same the floor is flat (c_min = 0): a line of minima, not a slow crawl.
    let flat = thresholds(&setup_with(
        vec![[0.3, 1.0], [0.3, 2.0]],
        Model::SlopeAndIntercept,
        0.01,
    ));
    assert!(flat.condition.is_infinite());
    let text = regime_text(Regime::Overshoot, 1.5 * flat.overshoot, &flat);
    assert!(
        text.contains("its floor is flat") && !text.contains("inf"),
        "{text}"
    );
}

#[test]
fn points_all_at_x_zero_do_not_bounce() {
    // With every x = 0, dJ/dw = 0 for every w: w never moves, so the run is not "bouncing forever".
    let points = vec![[0.0, 1.0], [0.0, 2.0]];
    let s = stepped(setup_with(points, Model::Slope, 0.4), 3).snapshot();
    assert_eq!(path_w(&s), vec![0.0; 4], "w cannot move when every x is 0");
    assert_ne!(s.regime, Regime::Bounce, "{}", s.regime_text);
    assert_eq!(s.regime, Regime::Smooth, "{}", s.regime_text);
}
