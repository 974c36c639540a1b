//! The gradient-descent lab: thresholds, step sequences, regimes, divergence, commands, point parsing, the bias
//! model and the batch-size race, each checked against closed forms written out here (never against the code
//! under test).

use crate::common::assert_rel;
use backprop_lab::labs::descent::{
    parse_points, race, regime, regime_text, thresholds, DescentCommand, DescentLab, DescentSetup,
    DescentSnapshot, Model, Preset, Regime, MAX_POINTS, RACE_EPOCHS,
};
use proptest::prelude::*;
use proptest::test_runner::Config;

const PRESETS: [Preset; 5] = [
    Preset::ExactLine,
    Preset::NoisyLine,
    Preset::SeedPoints,
    Preset::Outliers,
    Preset::FarFromZero,
];

/// Every preset's numbers are written as a person would type them: at most three decimals, so the points box
/// never shows 0.32499999999999996.
#[test]
fn preset_points_have_at_most_three_decimals() {
    for preset in PRESETS {
        for p in preset.points() {
            for v in p {
                assert_eq!(v, (v * 1000.0).round() / 1000.0, "{preset:?}: {v}");
                assert!(format!("{v}").len() <= 6, "{preset:?}: {v}");
            }
        }
    }
}

/// Hand-made data: x = −3, 0.5, 7, 2.5, so mean(x²) = 64.5/4 = 16.125 and mean(x) = 1.75.
const HAND: [[f64; 2]; 4] = [[-3.0, 1.0], [0.5, 2.0], [7.0, -4.0], [2.5, 2.5]];

/// ExactLine: x = 0.25, 0.5, …, 1.5 on z = 2x, so m = mean(x²) = 5.6875/6 and w* = 2.
const EXACT_M: f64 = 5.6875 / 6.0;

// ---------------------------------------------------------------------------------------------------------
// Closed forms
// ---------------------------------------------------------------------------------------------------------

fn mean_of(points: &[[f64; 2]], f: impl Fn(f64, f64) -> f64) -> f64 {
    points.iter().map(|p| f(p[0], p[1])).sum::<f64>() / points.len() as f64
}

/// J(w, b) = (1/n) Σ (zᵢ − w xᵢ − b)².
fn cost(points: &[[f64; 2]], w: f64, b: f64) -> f64 {
    mean_of(points, |x, z| (z - w * x - b).powi(2))
}

/// dJ/dw = −(2/n) Σ (zᵢ − w xᵢ − b) xᵢ.
fn dj_dw(points: &[[f64; 2]], w: f64, b: f64) -> f64 {
    -2.0 * mean_of(points, |x, z| (z - w * x - b) * x)
}

/// dJ/db = −(2/n) Σ (zᵢ − w xᵢ − b).
fn dj_db(points: &[[f64; 2]], w: f64, b: f64) -> f64 {
    -2.0 * mean_of(points, |x, z| z - w * x - b)
}

/// For ẑ = w·x: (m, w*) with m = mean(x²) and w* = mean(xz)/mean(x²).
fn slope_moments(points: &[[f64; 2]]) -> (f64, f64) {
    let m = mean_of(points, |x, _| x * x);
    (m, mean_of(points, |x, z| x * z) / m)
}

/// w_k = w* + (1 − 2ηm)ᵏ (w₀ − w*), k = 0..=steps.
fn slope_path(points: &[[f64; 2]], eta: f64, w0: f64, steps: usize) -> Vec<f64> {
    let (m, w_star) = slope_moments(points);
    let r = 1.0 - 2.0 * eta * m;
    (0..=steps)
        .map(|k| w_star + r.powi(k as i32) * (w0 - w_star))
        .collect()
}

/// The eigenvalues (largest, smallest) of 2·[[E x², E x], [E x, 1]], from the characteristic polynomial
/// λ² − tr·λ + det = 0; the smaller one as det/λ_max to avoid cancellation.
fn bias_eigenvalues(points: &[[f64; 2]]) -> (f64, f64) {
    let a = mean_of(points, |x, _| x * x);
    let c = mean_of(points, |x, _| x);
    let tr = 2.0 * (a + 1.0);
    let det = 4.0 * (a - c * c);
    let largest = tr / 2.0 + (tr * tr / 4.0 - det).sqrt();
    (largest, det / largest)
}

/// The least-squares line by the normal equations [[Σx², Σx], [Σx, n]]·(w, b) = (Σxz, Σz), by Cramer's rule.
fn least_squares(points: &[[f64; 2]]) -> (f64, f64) {
    let n = points.len() as f64;
    let (mut sxx, mut sx, mut sxz, mut sz) = (0.0, 0.0, 0.0, 0.0);
    for p in points {
        sxx += p[0] * p[0];
        sx += p[0];
        sxz += p[0] * p[1];
        sz += p[1];
    }
    let det = n * sxx - sx * sx;
    ((n * sxz - sx * sz) / det, (sxx * sz - sx * sxz) / det)
}

/// |actual − expected| ≤ tol·max(|expected|, scale).
#[track_caller]
fn assert_close(actual: f64, expected: f64, scale: f64, tol: f64, what: &str) {
    let bound = tol * expected.abs().max(scale);
    assert!(
        actual.is_finite() && (actual - expected).abs() <= bound,
        "{what}: got {actual:e}, expected {expected:e} (difference {:e} > {bound:e})",
        (actual - expected).abs()
    );
}

/// J compared relatively, exactly when the expected J is 0.
#[track_caller]
fn assert_cost(actual: f64, expected: f64, what: &str) {
    if expected == 0.0 {
        assert_eq!(actual, 0.0, "{what}");
    } else {
        assert_rel(actual, expected, 1e-12, what);
    }
}

// ---------------------------------------------------------------------------------------------------------
// Lab helpers
// ---------------------------------------------------------------------------------------------------------

fn setup_with(points: Vec<[f64; 2]>, model: Model, eta: f64) -> DescentSetup {
    DescentSetup {
        points,
        model,
        standardize: false,
        learning_rate: eta,
        w0: 0.0,
        b0: 0.0,
        batch_size: 0,
    }
}

fn lab(setup: DescentSetup) -> DescentLab {
    DescentLab::new(setup).expect("a valid setup")
}

fn stepped(setup: DescentSetup, count: i64) -> DescentLab {
    let mut lab = lab(setup);
    lab.apply(DescentCommand::Step { count })
        .expect("steps without overflow");
    lab
}

fn path_w(s: &DescentSnapshot) -> Vec<f64> {
    s.path.iter().map(|p| p.w).collect()
}

/// The snapshot's path follows w_k = w* + (1 − 2ηm)ᵏ(w₀ − w*), b stays 0, and each J is the closed form.
#[track_caller]
fn assert_slope_path(s: &DescentSnapshot, what: &str) {
    let points = &s.setup.points;
    let expected = slope_path(points, s.setup.learning_rate, s.setup.w0, s.iteration);
    assert_eq!(s.path.len(), expected.len(), "{what}: path length");
    let (_, w_star) = slope_moments(points);
    let scale = (s.setup.w0 - w_star).abs().max(1.0);
    for (k, (p, &w)) in s.path.iter().zip(&expected).enumerate() {
        assert_close(p.w, w, scale, 1e-12, &format!("{what}: w_{k}"));
        assert_eq!(p.b, 0.0, "{what}: b_{k} stays 0 for ẑ = w·x");
        assert_cost(p.cost, cost(points, p.w, 0.0), &format!("{what}: J(w_{k})"));
    }
}

// ---------------------------------------------------------------------------------------------------------
// 1. Thresholds
// ---------------------------------------------------------------------------------------------------------

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
            &format!("{name}: 1/λmax"),
        );
        assert_rel(t.diverge, 2.0 / largest, 1e-12, &format!("{name}: 2/λmax"));
        assert_rel(
            t.condition,
            largest / smallest,
            1e-9,
            &format!("{name}: condition"),
        );
        assert_eq!((t.overshoot_label, t.diverge_label), ("1/λ", "2/λ"));
    }
    // Hand-made, written out: tr = 2(16.125 + 1) = 34.25, det = 4(16.125 − 1.75²) = 52.25.
    let largest = 17.125 + (17.125f64 * 17.125 - 52.25).sqrt();
    let t = thresholds(&setup_with(HAND.to_vec(), Model::SlopeAndIntercept, 0.01));
    assert_rel(t.overshoot, 1.0 / largest, 1e-12, "hand-made 1/λ");
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

// ---------------------------------------------------------------------------------------------------------
// 2. Step sequences
// ---------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------
// 3. Regimes
// ---------------------------------------------------------------------------------------------------------

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

    // With a bias the labels are 1/λ and 2/λ; hand-made λmax written out.
    let largest = 17.125 + (17.125f64 * 17.125 - 52.25).sqrt();
    let tb = thresholds(&setup_with(HAND.to_vec(), Model::SlopeAndIntercept, 0.01));
    let over_b = regime_text(Regime::Overshoot, 1.5 / largest, &tb);
    let (lo_b, hi_b) = (1.0 / largest, 2.0 / largest);
    // 1/λ = 1/32.65 ≈ 0.03063, 2/λ ≈ 0.06126 (four significant figures).
    assert!(
        (lo_b - 0.03063).abs() < 5e-6 && (hi_b - 0.06126).abs() < 5e-6,
        "{lo_b} {hi_b}"
    );
    assert!(
        over_b.contains("1/λ = 0.03063") && over_b.contains("2/λ = 0.06126"),
        "{over_b}"
    );
    // These regimes are the steepest direction's: along the valley's floor, which curves λmax/λmin times
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
    // With a bias and every x the same the floor is flat (λmin = 0): a line of minima, not a slow crawl.
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

// ---------------------------------------------------------------------------------------------------------
// 4. Divergence
// ---------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------
// 5. Commands
// ---------------------------------------------------------------------------------------------------------

#[test]
fn setting_the_learning_rate_keeps_the_steps_and_recomputes_the_path() {
    let mut lab = stepped(DescentSetup::default(), 7);
    for eta in [0.2, 0.9, 1.2, 0.4] {
        lab.apply(DescentCommand::SetLearningRate { value: eta })
            .unwrap();
        let s = lab.snapshot();
        assert_eq!(s.iteration, 7, "η = {eta}");
        assert_eq!(s.setup.learning_rate, eta);
        assert_slope_path(&s, &format!("η = {eta}"));
    }
    // Sliding into divergence shows as far as it got, without an error.
    lab.apply(DescentCommand::Step { count: 193 }).unwrap();
    lab.apply(DescentCommand::SetLearningRate { value: 50.0 })
        .expect("no error while sliding η");
    let s = lab.snapshot();
    assert!(
        s.iteration < 10,
        "the runaway stops within a few steps: {}",
        s.iteration
    );
    assert!(s.overflow.is_some());
    lab.apply(DescentCommand::SetLearningRate { value: 0.4 })
        .unwrap();
    let s = lab.snapshot();
    assert!(s.overflow.is_none());
    assert_slope_path(&s, "back to η = 0.4");
}

#[test]
fn editing_the_setup_keeps_the_steps_shown() {
    let mut lab = stepped(DescentSetup::default(), 5);
    let mut points = Preset::ExactLine.points();

    lab.apply(DescentCommand::MovePoint {
        index: 0,
        x: 0.25,
        z: 1.0,
    })
    .unwrap();
    points[0] = [0.25, 1.0];
    let s = lab.snapshot();
    assert_eq!((s.iteration, &s.setup.points), (5, &points));
    assert_slope_path(&s, "moved point");

    lab.apply(DescentCommand::AddPoint { x: -1.0, z: -3.0 })
        .unwrap();
    points.push([-1.0, -3.0]);
    let s = lab.snapshot();
    assert_eq!((s.iteration, &s.setup.points), (5, &points));
    assert_slope_path(&s, "added point");

    lab.apply(DescentCommand::RemovePoint { index: 2 }).unwrap();
    points.remove(2);
    let s = lab.snapshot();
    assert_eq!((s.iteration, &s.setup.points), (5, &points));
    assert_slope_path(&s, "removed point");

    lab.apply(DescentCommand::SetPointsText {
        text: "1, 2\n2, 4".into(),
    })
    .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.iteration, 5);
    assert_eq!(s.setup.points, vec![[1.0, 2.0], [2.0, 4.0]]);
    assert_eq!(path_w(&s), vec![0.0, 4.0, 0.0, 4.0, 0.0, 4.0]);

    lab.apply(DescentCommand::SetPoints {
        points: HAND.to_vec(),
    })
    .unwrap();
    lab.apply(DescentCommand::SetLearningRate { value: 0.02 })
        .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.iteration, 5);
    assert_slope_path(&s, "hand-made points");

    lab.apply(DescentCommand::SetStart { w: 1.0, b: 0.5 })
        .unwrap();
    let s = lab.snapshot();
    assert_eq!((s.iteration, s.setup.w0, s.setup.b0), (5, 1.0, 0.5));
    assert_slope_path(&s, "new start (b ignored for ẑ = w·x)");

    lab.apply(DescentCommand::SetModel {
        model: Model::SlopeAndIntercept,
    })
    .unwrap();
    let s = lab.snapshot();
    assert_eq!((s.iteration, s.setup.model), (5, Model::SlopeAndIntercept));
    assert_eq!((s.path[0].w, s.path[0].b), (1.0, 0.5));
    assert!(s.grid.is_some() && s.update.unwrap().dj_db.is_some());

    lab.apply(DescentCommand::SetStandardize { on: true })
        .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.iteration, 5);
    assert!(s.setup.standardize && s.scaling.is_some());

    // Back to the model without a bias: standardising goes with the bias (the page greys its box out), so it
    // is switched off rather than left on unseen.
    lab.apply(DescentCommand::SetModel {
        model: Model::Slope,
    })
    .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.iteration, 5);
    assert!(!s.setup.standardize && s.scaling.is_none());
}

/// A preset is a new lesson: step 0, its own points and the default settings, whatever the last lesson left
/// (the batch size, set in its own panel, stays). "x far from zero" brings its bias model and small η.
#[test]
fn a_preset_starts_a_new_lesson_with_its_own_settings() {
    let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
    lab.apply(DescentCommand::SetBatchSize { size: 2 }).unwrap();
    lab.apply(DescentCommand::LoadPreset {
        preset: Preset::FarFromZero,
    })
    .unwrap();
    lab.apply(DescentCommand::SetStandardize { on: true })
        .unwrap();
    lab.apply(DescentCommand::Step { count: 4 }).unwrap();
    let s = lab.snapshot();
    assert_eq!(
        (s.setup.model, s.setup.learning_rate, s.iteration),
        (Model::SlopeAndIntercept, 0.01, 4)
    );
    lab.apply(DescentCommand::LoadPreset {
        preset: Preset::ExactLine,
    })
    .unwrap();
    let s = lab.snapshot();
    let expected = DescentSetup {
        batch_size: 2,
        ..DescentSetup::default()
    };
    assert_eq!(s.iteration, 0);
    assert_eq!(s.setup, expected);
}

/// A link cannot ask for standardising without the bias that absorbs its shift.
#[test]
fn standardising_without_a_bias_is_refused_with_a_reason() {
    let setup = DescentSetup {
        standardize: true,
        ..DescentSetup::default()
    };
    let why = DescentLab::new(setup).err().expect("refused");
    assert!(why.contains("needs the model with a bias"), "{why}");
}

#[test]
fn invalid_commands_fail_and_change_nothing() {
    let mut lab = stepped(DescentSetup::default(), 3);
    let before = lab.snapshot();
    let n = before.setup.points.len();
    let invalid = [
        DescentCommand::MovePoint {
            index: 0,
            x: f64::NAN,
            z: 1.0,
        },
        DescentCommand::MovePoint {
            index: 1,
            x: 1.0,
            z: f64::INFINITY,
        },
        DescentCommand::MovePoint {
            index: n,
            x: 1.0,
            z: 1.0,
        },
        DescentCommand::AddPoint {
            x: f64::NAN,
            z: 0.0,
        },
        DescentCommand::AddPoint { x: 1e7, z: 0.0 },
        DescentCommand::RemovePoint { index: n },
        DescentCommand::RemovePoint { index: usize::MAX },
        DescentCommand::SetPoints { points: vec![] },
        DescentCommand::SetPoints {
            points: vec![[1.0, 2.0]; MAX_POINTS + 1],
        },
        DescentCommand::SetPoints {
            points: vec![[f64::NAN, 2.0]],
        },
        DescentCommand::SetPointsText { text: "".into() },
        DescentCommand::SetPointsText {
            text: "1, 2\nfoo".into(),
        },
        DescentCommand::SetLearningRate { value: 0.0 },
        DescentCommand::SetLearningRate { value: -0.4 },
        DescentCommand::SetLearningRate { value: f64::NAN },
        DescentCommand::SetLearningRate {
            value: f64::INFINITY,
        },
        DescentCommand::SetStart {
            w: f64::NAN,
            b: 0.0,
        },
        DescentCommand::SetStart { w: 0.0, b: 1e300 },
    ];
    for command in invalid {
        let result = lab.apply(command.clone());
        assert!(result.is_err(), "{command:?} should fail");
        assert_eq!(lab.snapshot(), before, "{command:?} changed the lab");
    }

    // Standardising needs two different x values.
    let mut same_x = stepped(
        setup_with(vec![[1.0, 2.0], [1.0, 3.0]], Model::Slope, 0.1),
        2,
    );
    let before = same_x.snapshot();
    assert!(same_x
        .apply(DescentCommand::SetStandardize { on: true })
        .is_err());
    assert_eq!(same_x.snapshot(), before);

    // Removing the only point leaves nothing to fit.
    let mut one = stepped(setup_with(vec![[1.0, 2.0]], Model::Slope, 0.1), 2);
    let before = one.snapshot();
    assert!(one.apply(DescentCommand::RemovePoint { index: 0 }).is_err());
    assert_eq!(one.snapshot(), before);

    // A lab cannot be made from an invalid setup either.
    for bad in [
        setup_with(vec![], Model::Slope, 0.1),
        setup_with(vec![[1.0, 2.0]], Model::Slope, 0.0),
        DescentSetup {
            standardize: true,
            ..setup_with(vec![[3.0, 1.0]], Model::Slope, 0.1)
        },
    ] {
        assert!(DescentLab::new(bad).is_err());
    }
}

// ---------------------------------------------------------------------------------------------------------
// 6. Parsing points
// ---------------------------------------------------------------------------------------------------------

#[test]
fn parse_points_accepts_the_usual_separators_and_comments() {
    assert_eq!(
        parse_points("1, 2\n2;4\n# comment\n 3\t6").unwrap(),
        vec![[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]
    );
    assert_eq!(
        parse_points("\r\n  −1.5 , 2e-1   # trailing comment\r\n0.25 −3\n\n").unwrap(),
        vec![[-1.5, 0.2], [0.25, -3.0]]
    );
    assert_eq!(parse_points("7 8").unwrap(), vec![[7.0, 8.0]]);
}

#[test]
fn parse_points_reads_csv_files_as_spreadsheets_save_them() {
    // A header line of column names, quoted fields and Windows line ends.
    assert_eq!(
        parse_points("\"size\",\"price\"\r\n\"1.5\",\"300\"\r\n2,410\r\n").unwrap(),
        vec![[1.5, 300.0], [2.0, 410.0]]
    );
    // A comment may come before the header.
    assert_eq!(
        parse_points("# houses\nx; z\n1; 2").unwrap(),
        vec![[1.0, 2.0]]
    );
    // Decimal commas, where semicolons or tabs separate the numbers (as spreadsheets in much of Europe
    // save them).
    assert_eq!(
        parse_points("x;z\n1,5;2,25\n-0,5;3\n4;\"0,125\"\n7\t1,75").unwrap(),
        vec![[1.5, 2.25], [-0.5, 3.0], [4.0, 0.125], [7.0, 1.75]]
    );
    // Quoted decimal commas, with either separator, and a spreadsheet's empty rows (separators only).
    assert_eq!(
        parse_points("\"1,5\";\"2,25\"\n\"3,5\";\"4,5\"").unwrap(),
        vec![[1.5, 2.25], [3.5, 4.5]],
        "the first line is a point, not column names"
    );
    assert_eq!(
        parse_points("\"1,5\",\"2,25\"\n;;\n,\n\"3\",4").unwrap(),
        vec![[1.5, 2.25], [3.0, 4.0]]
    );
    // A file of column names alone has no points.
    assert!(parse_points("x, z\n\n")
        .unwrap_err()
        .starts_with("No points"));
}

#[test]
fn parse_points_reports_bad_lines_by_number() {
    let cases = [
        ("1, 2\nfoo, 3", "Line 2"),
        ("1, 2\n1 2 3", "Line 2"),
        ("1, 2\n3", "Line 2"),
        ("# header\n\n1, 2\n4, inf", "Line 4"),
        ("1, NaN", "Line 1"),
        ("1, 2\n2, 4\n3, 1e400", "Line 3"),
        // Only a first line may be column names, and only if none of it is a number.
        ("x, z\nsize, price\n1, 2", "Line 2"),
        ("x, 2\n1, 2", "Line 1"),
        ("1,5; 2,2,5", "Line 1"),
    ];
    for (text, line) in cases {
        let err = parse_points(text).expect_err(text);
        assert!(err.starts_with(line), "{text:?}: {err}");
    }
    assert!(parse_points("1, 2\nfoo, 3").unwrap_err().contains("“foo”"));
    assert!(parse_points("1 2 3").unwrap_err().contains("found 3"));
    // "1,000" could be a thousand or one: refused, as the page's fields refuse it; "0,125" is a decimal.
    assert!(parse_points("\"1,000\";2").unwrap_err().contains("“1,000”"));
    assert_eq!(parse_points("\"0,125\";2").unwrap(), vec![[0.125, 2.0]]);
    // A message quotes what was written, decimal comma and all.
    assert!(parse_points("1,5; 2,2,5").unwrap_err().contains("“2,2,5”"));
}

#[test]
fn parse_points_rejects_empty_text_and_too_many_points() {
    for text in ["", "   ", "\n\n", "# only a comment\n  # another"] {
        assert!(parse_points(text).is_err(), "{text:?}");
    }
    let lines = |n: usize| {
        (0..n)
            .map(|k| format!("{k}, {}", 2 * k))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let max = parse_points(&lines(MAX_POINTS)).unwrap();
    assert_eq!(max.len(), MAX_POINTS);
    assert_eq!(max[MAX_POINTS - 1], [199.0, 398.0]);
    let err = parse_points(&lines(MAX_POINTS + 1)).unwrap_err();
    assert!(err.contains(&MAX_POINTS.to_string()), "{err}");
}

/// Whatever happens, the answer is either sane points or a message of a known kind.
fn check_parse(text: &str) -> Result<(), TestCaseError> {
    match parse_points(text) {
        Ok(points) => {
            prop_assert!(!points.is_empty() && points.len() <= MAX_POINTS);
            prop_assert!(points.iter().flatten().all(|v| v.is_finite()));
        }
        Err(message) => prop_assert!(
            message.starts_with("Line ")
                || message.starts_with("No points")
                || message.starts_with("At most"),
            "unexpected message {message:?}"
        ),
    }
    Ok(())
}

fn parse_config() -> Config {
    Config {
        cases: 2000,
        failure_persistence: None,
        ..Config::default()
    }
}

fn valid_text() -> impl Strategy<Value = (Vec<[f64; 2]>, String)> {
    let separator = prop::sample::select(vec![", ", ",", ";", "\t", " ", " ; ", ",\t"]);
    let value = prop_oneof![
        -1e6..1e6f64,
        (-1000i32..1000).prop_map(f64::from),
        -1.0..1.0f64
    ];
    prop::collection::vec((value.clone(), separator, value, any::<bool>()), 1..25).prop_map(
        |rows| {
            let mut text = String::new();
            let mut points = Vec::new();
            for (x, sep, z, comment) in rows {
                if comment {
                    text.push_str("# a comment, with 1, 2\n\n");
                }
                text.push_str(&format!("{x}{sep}{z}\n"));
                points.push([x, z]);
            }
            (points, text)
        },
    )
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize, usize),
    Replace(usize, char),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let ch = prop_oneof![
        prop::sample::select(vec![
            ',', ';', ' ', '\t', '\n', '\r', '#', '.', 'e', 'E', '-', '+', '−', '0', '9', 'i', 'n',
            'f', 'N', 'a', '“', '\u{a0}', '\u{0}',
        ]),
        any::<char>(),
    ];
    let edit = prop_oneof![
        (any::<usize>(), ch.clone()).prop_map(|(i, c)| Edit::Insert(i, c)),
        (any::<usize>(), 0usize..8).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<usize>(), ch).prop_map(|(i, c)| Edit::Replace(i, c)),
    ];
    prop::collection::vec(edit, 1..6)
}

fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let len = chars.len();
        match *edit {
            Edit::Insert(i, c) => chars.insert(i % (len + 1), c),
            Edit::Delete(i, n) if len > 0 => {
                let start = i % len;
                chars.drain(start..(start + n).min(len));
            }
            Edit::Replace(i, c) if len > 0 => chars[i % len] = c,
            _ => {}
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(parse_config())]

    #[test]
    fn parse_points_never_panics_on_arbitrary_text(text in any::<String>()) {
        check_parse(&text)?;
    }

    #[test]
    fn parse_points_never_panics_on_number_like_text(text in "[0-9eE.,;# \t\r\n+−-]{0,120}") {
        check_parse(&text)?;
    }

    #[test]
    fn parse_points_reads_valid_text_back_and_survives_mutations(
        (points, text) in valid_text(),
        edits in edits(),
    ) {
        prop_assert_eq!(parse_points(&text), Ok(points));
        check_parse(&apply_edits(&text, &edits))?;
    }
}

// ---------------------------------------------------------------------------------------------------------
// 7. The bias model
// ---------------------------------------------------------------------------------------------------------

#[test]
fn bias_steps_follow_the_closed_form_gradient() {
    let points = Preset::NoisyLine.points();
    let eta = 0.1;
    let s = stepped(
        setup_with(points.clone(), Model::SlopeAndIntercept, eta),
        10,
    )
    .snapshot();
    let (mut w, mut b) = (0.0, 0.0);
    for (k, p) in s.path.iter().enumerate() {
        assert_close(p.w, w, 1.0, 1e-12, &format!("w_{k}"));
        assert_close(p.b, b, 1.0, 1e-12, &format!("b_{k}"));
        assert_rel(p.cost, cost(&points, p.w, p.b), 1e-12, &format!("J_{k}"));
        let (gw, gb) = (dj_dw(&points, w, b), dj_db(&points, w, b));
        w -= eta * gw;
        b -= eta * gb;
    }
    let u = s.update.expect("next step");
    assert_rel(u.dj_dw, dj_dw(&points, s.w, s.b), 1e-12, "dJ/dw");
    assert_rel(u.dj_db.unwrap(), dj_db(&points, s.w, s.b), 1e-12, "dJ/db");
    assert!(u.text.contains("b ← b − η·dJ/db = "), "{}", u.text);
    // The line of ẑ = w·x + b without scaling is (w, b) itself.
    assert_eq!((s.line.slope, s.line.intercept), (s.w, s.b));
}

#[test]
fn bias_model_converges_to_the_least_squares_line() {
    let points = Preset::NoisyLine.points();
    let (w_ls, b_ls) = least_squares(&points);
    let s = stepped(
        setup_with(points.clone(), Model::SlopeAndIntercept, 0.1),
        3000,
    )
    .snapshot();
    assert_close(s.w, w_ls, 1.0, 1e-9, "w → w*");
    assert_close(s.b, b_ls, 1.0, 1e-9, "b → b*");
    let minimum = s.minimum.expect("unique minimum");
    assert_close(minimum.w, w_ls, 1.0, 1e-12, "reported w*");
    assert_close(minimum.b, b_ls, 1.0, 1e-12, "reported b*");
    assert_rel(minimum.cost, cost(&points, w_ls, b_ls), 1e-9, "J(w*, b*)");
}

#[test]
fn standardised_fits_give_the_same_line_in_x_units() {
    for preset in [Preset::NoisyLine, Preset::FarFromZero, Preset::Outliers] {
        let points = preset.points();
        let (w_ls, b_ls) = least_squares(&points);
        let setup = DescentSetup {
            standardize: true,
            learning_rate: 0.4,
            ..setup_with(points.clone(), Model::SlopeAndIntercept, 0.4)
        };
        let s = stepped(setup, 60).snapshot();
        assert_close(s.line.slope, w_ls, 1.0, 1e-9, &format!("{preset:?} slope"));
        assert_close(
            s.line.intercept,
            b_ls,
            1.0,
            1e-9,
            &format!("{preset:?} intercept"),
        );
        // The scaled parameters are the line in x′ = (x − mean)/std: w′ = slope·std, b′ = mean of z.
        let mean_x = mean_of(&points, |x, _| x);
        let std_x = mean_of(&points, |x, _| (x - mean_x).powi(2)).sqrt();
        assert_close(s.w, w_ls * std_x, 1.0, 1e-9, "w′");
        assert_close(s.b, mean_of(&points, |_, z| z), 1.0, 1e-9, "b′");
        // Every drawn line is the same prediction: ẑ(x) = w′(x − mean)/std + b′.
        for (p, line) in s.path[s.iteration - 3..s.iteration]
            .iter()
            .zip(&s.old_lines[s.old_lines.len() - 3..])
        {
            for x in [-2.0, 0.5, 9.0] {
                assert_close(
                    line.slope * x + line.intercept,
                    p.w * (x - mean_x) / std_x + p.b,
                    1.0,
                    1e-12,
                    "old line",
                );
            }
        }
    }
    // Without scaling, FarFromZero's long valley would need far more steps at a far smaller η.
    let far = Preset::FarFromZero.points();
    let (w_ls, _) = least_squares(&far);
    let slow = stepped(setup_with(far, Model::SlopeAndIntercept, 0.009), 60).snapshot();
    assert!((slow.line.slope - w_ls).abs() > 1e-3);
}

#[test]
fn the_cost_grid_samples_the_bowl_and_the_minimum_is_lowest() {
    for (preset, standardize) in [
        (Preset::NoisyLine, false),
        (Preset::FarFromZero, false),
        (Preset::FarFromZero, true),
        (Preset::Outliers, false),
    ] {
        let points = preset.points();
        let setup = DescentSetup {
            standardize,
            ..setup_with(points.clone(), Model::SlopeAndIntercept, 0.005)
        };
        let s = stepped(setup, 5).snapshot();
        let grid = s.grid.as_ref().expect("a grid for the bias model");
        assert!(grid.size >= 2);
        assert_eq!(grid.values.len(), grid.size);
        assert!(grid.values.iter().all(|row| row.len() == grid.size));
        assert!(grid.values.iter().flatten().all(|v| v.is_finite()));
        let minimum = s.minimum.expect("unique minimum");
        let lowest = grid
            .values
            .iter()
            .flatten()
            .fold(f64::INFINITY, |a, &v| a.min(v));
        assert!(
            minimum.cost <= lowest,
            "{preset:?}: {} > {lowest}",
            minimum.cost
        );
        // values[row][col] is J at w = w_min + col·dw, b = b_min + row·db, written out on the raw points
        // (through the scaled x when standardised).
        let xs: Vec<[f64; 2]> = match s.scaling {
            Some(sc) => points
                .iter()
                .map(|p| [(p[0] - sc.shift) / sc.scale, p[1]])
                .collect(),
            None => points.clone(),
        };
        let win = s.window;
        let last = grid.size - 1;
        let at = |lo: f64, hi: f64, k: usize| lo + (hi - lo) * k as f64 / last as f64;
        for (row, col) in [(0, 0), (0, last), (last, 0), (last, last), (last / 2, 3)] {
            let (w, b) = (at(win.w_min, win.w_max, col), at(win.b_min, win.b_max, row));
            assert_rel(
                grid.values[row][col],
                cost(&xs, w, b),
                1e-9,
                &format!("{preset:?} grid[{row}][{col}]"),
            );
        }
        // The window holds the minimum and the start.
        assert!(win.w_min <= minimum.w && minimum.w <= win.w_max);
        assert!(win.b_min <= minimum.b && minimum.b <= win.b_max);
        assert!(s.inside[0]);
    }
    // ẑ = w·x has a curve, not a grid.
    assert!(lab(DescentSetup::default()).snapshot().grid.is_none());
}

// ---------------------------------------------------------------------------------------------------------
// 8. The race
// ---------------------------------------------------------------------------------------------------------

#[test]
fn race_runs_batch_mini_batch_and_stochastic_from_the_same_start() {
    for model in [Model::Slope, Model::SlopeAndIntercept] {
        let points = Preset::NoisyLine.points();
        let setup = setup_with(points.clone(), model, 0.1);
        let series = race(&setup);
        let sizes: Vec<usize> = series.iter().map(|s| s.batch_size).collect();
        assert_eq!(sizes, vec![20, 4, 1]);
        assert!(series[0].label.contains("batch") && series[2].label.contains("stochastic"));
        let j0 = cost(&points, 0.0, 0.0);
        for s in &series {
            let per_epoch = 20 / s.batch_size;
            assert_eq!(s.costs.len(), 1 + RACE_EPOCHS * per_epoch, "{}", s.label);
            assert_eq!(s.costs[0][0], 0.0);
            assert_rel(s.costs[0][1], j0, 1e-12, "starts at J(w0)");
            for (k, c) in s.costs.iter().enumerate() {
                assert_eq!(
                    c[0],
                    k as f64 / per_epoch as f64,
                    "epochs done after update {k}"
                );
            }
            assert_eq!(s.costs.last().unwrap()[0], RACE_EPOCHS as f64);
            let (first, last) = (s.costs[0][1], s.costs.last().unwrap()[1]);
            assert!(last < first, "{}: {last} ≥ {first}", s.label);
            assert!(s.costs.iter().all(|c| c[1].is_finite()));
        }
        assert!(series[2].costs.len() > series[0].costs.len());
        // The batch series walks the closed-form path: monotone for a smooth η.
        let batch: Vec<f64> = series[0].costs.iter().map(|c| c[1]).collect();
        assert!(
            batch.windows(2).all(|p| p[1] < p[0]),
            "{model:?} batch: {batch:?}"
        );
        if model == Model::Slope {
            let path = slope_path(&points, 0.1, 0.0, RACE_EPOCHS);
            for (k, (&c, &w)) in batch.iter().zip(&path).enumerate() {
                assert_rel(c, cost(&points, w, 0.0), 1e-9, &format!("batch J_{k}"));
            }
        }
    }
}

#[test]
fn stochastic_steps_are_noisy_but_batch_steps_are_not() {
    for (model, eta) in [(Model::Slope, 0.4), (Model::SlopeAndIntercept, 0.1)] {
        let setup = setup_with(Preset::NoisyLine.points(), model, eta);
        assert_eq!(regime(eta, &thresholds(&setup)), Regime::Smooth);
        let series = race(&setup);
        let increases = |k: usize| {
            series[k]
                .costs
                .windows(2)
                .filter(|p| p[1][1] > p[0][1])
                .count()
        };
        assert_eq!(increases(0), 0, "{model:?}: batch J never increases");
        assert!(
            increases(2) > 0,
            "{model:?}: stochastic J goes up sometimes"
        );
        assert!(increases(1) > 0, "{model:?}: so does mini-batch J");
    }
}

#[test]
fn race_kinds_depend_on_the_number_of_points() {
    let sizes = |points: Vec<[f64; 2]>| -> Vec<usize> {
        race(&setup_with(points, Model::Slope, 0.1))
            .iter()
            .map(|s| s.batch_size)
            .collect()
    };
    assert_eq!(sizes(vec![[1.0, 2.0]]), vec![1]);
    assert_eq!(sizes(Preset::SeedPoints.points()), vec![2, 1]);
    assert_eq!(sizes(HAND.to_vec()), vec![4, 1]);
    assert_eq!(sizes(Preset::ExactLine.points()), vec![6, 4, 1]);
    // The snapshot carries the race of its setup.
    let s = lab(DescentSetup::default()).snapshot();
    assert_eq!(s.race, race(&DescentSetup::default()));
}

#[test]
fn a_diverging_race_stops_before_the_numbers_overflow() {
    let series = race(&setup_with(Preset::NoisyLine.points(), Model::Slope, 50.0));
    for s in &series {
        assert!(s.costs.iter().all(|c| c[1].is_finite()), "{}", s.label);
        assert!(s.costs.len() > 1);
        assert!(s.costs.last().unwrap()[1] > s.costs[0][1], "{}", s.label);
    }
}

#[test]
fn with_every_x_at_zero_the_page_says_there_is_nothing_to_descend() {
    let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
    lab.apply(DescentCommand::SetPoints {
        points: vec![[0.0, 1.0], [0.0, 2.0]],
    })
    .unwrap();
    let text = lab.snapshot().regime_text;
    assert!(
        text.starts_with("Nothing to descend: every x is 0"),
        "{text}"
    );
    assert!(!text.contains("inf"), "{text}");
}

// ---------------------------------------------------------------------------------------------------------
// The optimizer race.

#[test]
fn the_optimizer_race_runs_four_optimizers_from_one_start() {
    use backprop_lab::labs::descent::{optimizer_race, OPTIMIZER_STEPS};
    let setup = DescentSetup::default();
    let eta = setup.learning_rate;
    let runs = optimizer_race(&setup);
    let labels: Vec<&str> = runs.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "gradient descent",
            "momentum (μ = 0.9)",
            "RMSprop (α = 0.99)",
            "Adam (β₁ = 0.9, β₂ = 0.999)"
        ]
    );
    for r in &runs {
        assert_eq!(
            r.costs.len(),
            OPTIMIZER_STEPS + 1,
            "{}: no overflow here",
            r.label
        );
        assert_eq!(r.path.len(), r.costs.len());
        assert_eq!(
            r.path[0],
            [setup.w0, setup.b0],
            "{}: the same start",
            r.label
        );
        for (c, p) in r.costs.iter().zip(&r.path) {
            assert_eq!(
                c[1],
                setup.cost(p[0], p[1]),
                "{}: J is J at the path's point",
                r.label
            );
        }
    }
    let (sgd, momentum, rmsprop, adam) = (&runs[0], &runs[1], &runs[2], &runs[3]);
    // Plain gradient descent is the lab's own run, step for step.
    let mut lab = DescentLab::new(setup.clone()).unwrap();
    lab.apply(DescentCommand::Step { count: 5 }).unwrap();
    let path = lab.snapshot().path;
    for (k, (shown, raced)) in path.iter().zip(&sgd.path).enumerate() {
        assert_eq!([shown.w, shown.b], *raced, "step {k}");
    }
    assert_eq!(path.len(), 6);
    // Momentum's first step is plain descent's; its second adds μ times the first to plain descent's second
    // (from the same point, since the first steps agree).
    let step = |p: &[[f64; 2]], k: usize| p[k + 1][0] - p[k][0];
    assert_eq!(momentum.path[1], sgd.path[1]);
    assert_rel(
        step(&momentum.path, 1),
        0.9 * step(&momentum.path, 0) + step(&sgd.path, 1),
        1e-12,
        "momentum's second step",
    );
    // RMSprop's square average starts at 0: after one update it is 0.01·g², so the first step is η·g/(0.1|g|),
    // ten times η. Adam's corrected averages give m̂/√v̂ = g/|g|: a first step of η.
    assert_rel(
        step(&rmsprop.path, 0).abs(),
        10.0 * eta,
        1e-6,
        "RMSprop's first step",
    );
    assert_rel(step(&adam.path, 0).abs(), eta, 1e-6, "Adam's first step");
    // All four head downhill from w₀ = 0 toward w* = 2.
    for r in &runs {
        assert!(step(&r.path, 0) > 0.0, "{}", r.label);
    }
    // How each run ended, as the page's list says it.
    use backprop_lab::labs::descent::Outcome;
    assert_eq!(sgd.outcome, Outcome::Descended);
    assert_eq!(sgd.lowest, 0.0, "the exact line is fitted exactly");
    let with = |eta: f64| {
        optimizer_race(&DescentSetup {
            learning_rate: eta,
            ..setup.clone()
        })
    };
    let fast = &with(3.0)[0];
    assert_eq!(fast.outcome, Outcome::Diverging, "{:?}", fast.costs.last());
    assert_eq!(fast.costs.len(), OPTIMIZER_STEPS + 1, "not overflowed yet");
    assert_eq!(fast.lowest, fast.costs[0][1], "never below its start");
    let runaway = &with(1e5)[0];
    assert_eq!(runaway.outcome, Outcome::Overflowed);
    assert!(runaway.costs.len() < OPTIMIZER_STEPS + 1);
}

// ---------------------------------------------------------------------------------------------------------
// The mini-batch lens

/// Mini-batch steps: each step's gradient is the mean of its points' own slopes 2(w·x + b − z)·x, written
/// out here; each epoch visits every point once; the path's costs are J over all the points; and the
/// step's tangent touches its own points' parabola, which is not J's.
#[test]
fn a_mini_batch_step_is_the_mean_of_its_points_slopes() {
    for model in [Model::Slope, Model::SlopeAndIntercept] {
        let setup = DescentSetup {
            points: HAND.to_vec(),
            model,
            learning_rate: 0.01,
            batch_size: 3,
            ..DescentSetup::default()
        };
        let mut lab = DescentLab::new(setup).unwrap();
        let mut seen: Vec<usize> = Vec::new();
        for step in 0..6 {
            let s = lab.snapshot();
            let update = s.update.clone().unwrap();
            let lens = update.batch.clone().expect("a mini-batch step has a lens");
            let bias = if model == Model::Slope { 0.0 } else { s.b };
            // Each epoch holds two steps: three points, then the one left.
            assert_eq!(
                (lens.epoch, lens.step_in_epoch, lens.steps_per_epoch),
                (step / 2, step % 2, 2)
            );
            assert_eq!(lens.points.len(), if step % 2 == 0 { 3 } else { 1 });
            let by_hand: Vec<f64> = lens
                .points
                .iter()
                .map(|&k| {
                    let [x, z] = HAND[k];
                    2.0 * (s.w * x + bias - z) * x
                })
                .collect();
            for (a, b) in lens.slopes.iter().zip(&by_hand) {
                assert_rel(*a, *b, 1e-12, "a point's slope");
            }
            let mean = by_hand.iter().sum::<f64>() / by_hand.len() as f64;
            assert_rel(
                update.dj_dw,
                mean,
                1e-12,
                "the step's gradient is their mean",
            );
            assert_rel(
                lens.full_dj_dw,
                dj_dw(&HAND, s.w, bias),
                1e-12,
                "J's own slope",
            );
            let chosen: Vec<[f64; 2]> = lens.points.iter().map(|&k| HAND[k]).collect();
            assert_rel(
                lens.cost,
                cost(&chosen, s.w, bias),
                1e-12,
                "the batch's cost",
            );
            assert_cost(
                s.cost,
                cost(&HAND, s.w, bias),
                "the path follows J over all the points",
            );
            assert!(!s.batch_curve.is_empty());
            assert!(
                lens.text.contains(&format!("epoch {}", step / 2 + 1)),
                "{}",
                lens.text
            );
            if model == Model::SlopeAndIntercept {
                // b's slopes 2(ŷᵢ − zᵢ), their mean, and J's own, each to four figures as the sentence shows.
                let of_b: Vec<String> = lens
                    .points
                    .iter()
                    .map(|&k| {
                        backprop_lab::shared::format::sig4(
                            2.0 * (s.w * HAND[k][0] + bias - HAND[k][1]),
                        )
                    })
                    .collect();
                let said = format!(
                    "For b: the points' own slopes dEᵢ/db are {}, so g_b = {}, where J's is {}.",
                    of_b.join(", "),
                    backprop_lab::shared::format::sig4(update.dj_db.unwrap()),
                    backprop_lab::shared::format::sig4(dj_db(&HAND, s.w, bias))
                );
                assert!(lens.text.ends_with(&said), "{}", lens.text);
            } else {
                assert!(!lens.text.contains("For b"));
            }
            seen.extend(&lens.points);
            if step % 2 == 1 {
                let mut epoch = seen.clone();
                epoch.sort_unstable();
                assert_eq!(epoch, vec![0, 1, 2, 3], "an epoch visits every point once");
                seen.clear();
            }
            lab.apply(DescentCommand::Step { count: 1 }).unwrap();
        }
    }
}

#[test]
fn all_the_points_a_step_has_no_lens_and_links_keep_the_batch_size() {
    for size in [0, 4, 9] {
        let lab = DescentLab::new(DescentSetup {
            points: HAND.to_vec(),
            batch_size: size,
            ..DescentSetup::default()
        })
        .unwrap();
        let s = lab.snapshot();
        assert!(s.update.unwrap().batch.is_none(), "batch size {size}");
        assert!(s.batch_curve.is_empty());
        // As many points as there are is batch descent; the chosen size is kept for when points are added.
        assert!(lab.setup().mini_batch().is_none());
        assert_eq!(
            s.mini_batch, None,
            "the page's menu reads this and shows “all”"
        );
        assert_eq!(lab.setup().batch_size, size);
    }
    let mut lab = DescentLab::new(DescentSetup {
        points: HAND.to_vec(),
        batch_size: 1,
        ..DescentSetup::default()
    })
    .unwrap();
    assert_eq!(lab.snapshot().mini_batch, Some(1));
    lab.apply(DescentCommand::Step { count: 3 }).unwrap();
    let link = lab.link();
    assert!(link.contains("batch=1"), "{link}");
    let mut reopened = DescentLab::new(DescentSetup::default()).unwrap();
    reopened.open_link(&link).unwrap();
    assert_eq!(reopened.snapshot().w, lab.snapshot().w);
    assert_eq!(reopened.setup().batch_size, 1);
    lab.apply(DescentCommand::SetBatchSize { size: 0 }).unwrap();
    assert!(lab.snapshot().update.unwrap().batch.is_none());
    assert!(lab
        .apply(DescentCommand::SetBatchSize {
            size: MAX_POINTS + 1
        })
        .is_err());
}

/// A mini-batch run that blows up stops while J over all the points is still a number: its own points' loss
/// is not what the path shows.
#[test]
fn a_mini_batch_run_that_overflows_stops_at_a_finite_j() {
    let mut lab = DescentLab::new(DescentSetup {
        batch_size: 1,
        learning_rate: 3.0,
        ..DescentSetup::default()
    })
    .unwrap();
    assert!(lab.apply(DescentCommand::Step { count: 2000 }).is_err());
    let s = lab.snapshot();
    assert!(s.overflow.is_some());
    assert!(s.cost.is_finite(), "J = {}", s.cost);
    assert!(s.path.iter().all(|p| p.cost.is_finite()));
}

/// The optimizers' paths are drawn on a view of their own that holds every path that descends: at the
/// defaults with a bias, RMSprop's first step goes ten times η along both axes, from (0, 0) to (4, 4), well
/// outside the lab's own window (which ends at b = 2.7).
#[test]
fn the_optimizer_paths_view_holds_every_path_that_descends() {
    use backprop_lab::labs::descent::Outcome;
    for preset in PRESETS {
        let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
        lab.apply(DescentCommand::LoadPreset { preset }).unwrap();
        lab.apply(DescentCommand::SetModel {
            model: Model::SlopeAndIntercept,
        })
        .unwrap();
        let s = lab.snapshot();
        let bowl = s.race_bowl.as_ref().expect("a view for the paths");
        assert_eq!(bowl.grid.size, 64);
        for run in s
            .optimizer_race
            .iter()
            .filter(|r| r.outcome == Outcome::Descended)
        {
            for p in &run.path {
                let inside = (bowl.window.w_min..=bowl.window.w_max).contains(&p[0])
                    && (bowl.window.b_min..=bowl.window.b_max).contains(&p[1]);
                assert!(
                    inside,
                    "{preset:?}, {}: {p:?} outside {:?}",
                    run.label, bowl.window
                );
            }
        }
    }
    let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
    lab.apply(DescentCommand::SetModel {
        model: Model::SlopeAndIntercept,
    })
    .unwrap();
    let s = lab.snapshot();
    let rmsprop = &s.optimizer_race[2];
    assert_rel(rmsprop.path[1][0], 4.0, 1e-6, "RMSprop's first w");
    assert_rel(rmsprop.path[1][1], 4.0, 1e-6, "RMSprop's first b");
    assert!(s.window.b_max < 4.0, "the lab's own window is smaller");
    // Without a bias there is no view from above.
    lab.apply(DescentCommand::SetModel {
        model: Model::Slope,
    })
    .unwrap();
    assert!(lab.snapshot().race_bowl.is_none());
}
