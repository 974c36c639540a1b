//! The hand-written exp, tanh and sigmoid against libm (musl's, accurate to within an ulp): every result within
//! a few units in the last place, over the whole range, and the special values exactly.

use backprop_engine::elementary::{exp, sigmoid, tanh};
use backprop_engine::rng::Rng;

/// Distance in units in the last place between two finite numbers of the same sign (or both zero).
fn ulps(a: f64, b: f64) -> u64 {
    if a == b {
        return 0;
    }
    assert_eq!(
        a.is_sign_negative(),
        b.is_sign_negative(),
        "{a} and {b} differ in sign"
    );
    a.to_bits().abs_diff(b.to_bits())
}

fn reference_sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + libm::exp(-z))
    } else {
        let e = libm::exp(z);
        e / (1.0 + e)
    }
}

/// Random arguments across many scales, both signs: 10⁻³⁰⁰ up to the edges of the range.
fn arguments(count: usize, seed: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    let scales = [
        1e-300, 1e-12, 1e-4, 0.01, 0.2, 0.35, 1.0, 3.0, 10.0, 25.0, 300.0, 745.0,
    ];
    (0..count)
        .map(|k| rng.uniform(-1.0, 1.0) * scales[k % scales.len()])
        .collect()
}

/// The largest distance in ulps between `ours` and `reference` over seeded arguments, and where it is. Results
/// in the subnormals, where an ulp is an absolute 5e-324, may be one of those off and are not counted.
fn worst_ulps(seed: u64, ours: impl Fn(f64) -> f64, reference: impl Fn(f64) -> f64) -> (u64, f64) {
    let mut worst = (0, 0.0);
    for x in arguments(400_000, seed) {
        let (got, want) = (ours(x), reference(x));
        if want.abs() < f64::MIN_POSITIVE {
            assert!(
                (got - want).abs() <= 5e-324,
                "at {x}: {got}, reference {want}"
            );
            continue;
        }
        let d = ulps(got, want);
        if d > worst.0 {
            worst = (d, x);
        }
    }
    worst
}

#[test]
fn exp_is_within_two_ulps_of_libm_everywhere() {
    let (d, x) = worst_ulps(1, exp, libm::exp);
    assert!(d <= 2, "exp is {d} ulps off at x = {x}");
}

#[test]
fn tanh_is_within_four_ulps_of_libm_everywhere() {
    let (d, x) = worst_ulps(2, tanh, libm::tanh);
    assert!(d <= 4, "tanh is {d} ulps off at x = {x}");
}

#[test]
fn sigmoid_is_within_four_ulps_of_the_libm_form_everywhere() {
    let (d, z) = worst_ulps(3, sigmoid, reference_sigmoid);
    assert!(d <= 4, "σ is {d} ulps off at z = {z}");
}

#[test]
fn special_values_come_out_exactly() {
    assert_eq!(exp(0.0), 1.0);
    assert_eq!(exp(-0.0), 1.0);
    assert_eq!(exp(f64::INFINITY), f64::INFINITY);
    assert_eq!(exp(f64::NEG_INFINITY), 0.0);
    assert_eq!(exp(709.7), libm::exp(709.7));
    assert_eq!(exp(709.8), f64::INFINITY, "past ln(f64::MAX) it overflows");
    assert_eq!(
        exp(-745.2),
        0.0,
        "below the smallest subnormal it underflows"
    );
    assert!(
        exp(-740.0) > 0.0 && exp(-740.0) < f64::MIN_POSITIVE,
        "subnormal"
    );
    assert!(ulps(exp(1.0), std::f64::consts::E) <= 1);
    assert!(exp(f64::NAN).is_nan());

    assert_eq!(tanh(0.0).to_bits(), 0.0f64.to_bits());
    assert_eq!(
        tanh(-0.0).to_bits(),
        (-0.0f64).to_bits(),
        "the sign of zero survives"
    );
    assert_eq!(tanh(1e-300), 1e-300, "tiny x: tanh x = x");
    assert_eq!(tanh(25.0), 1.0);
    assert_eq!(tanh(-1e300), -1.0);
    assert_eq!(tanh(f64::INFINITY), 1.0);
    assert_eq!(tanh(f64::NEG_INFINITY), -1.0);
    assert!(tanh(f64::NAN).is_nan());

    assert_eq!(sigmoid(0.0), 0.5);
    assert_eq!(sigmoid(f64::INFINITY), 1.0);
    assert_eq!(sigmoid(f64::NEG_INFINITY), 0.0);
    assert_eq!(sigmoid(800.0), 1.0);
    assert_eq!(sigmoid(-800.0), 0.0);
    assert!(sigmoid(f64::NAN).is_nan());
}

#[test]
fn tanh_is_odd_and_sigmoid_is_symmetric_about_one_half() {
    for x in arguments(50_000, 4) {
        assert_eq!(tanh(-x).to_bits(), (-tanh(x)).to_bits(), "tanh(−{x})");
        if x.abs() < 30.0 {
            let sum = sigmoid(x) + sigmoid(-x);
            assert!(
                (sum - 1.0).abs() <= 2.0 * f64::EPSILON,
                "σ({x}) + σ(−{x}) = {sum}"
            );
        }
    }
}

#[test]
fn all_three_are_monotone_on_a_fine_grid() {
    let mut previous = (0.0, -1.0, 0.0);
    for k in 0..=200_000 {
        let x = -30.0 + 60.0 * k as f64 / 200_000.0;
        let now = (exp(x), tanh(x), sigmoid(x));
        if k > 0 {
            assert!(now.0 >= previous.0, "exp falls at {x}");
            assert!(now.1 >= previous.1, "tanh falls at {x}");
            assert!(now.2 >= previous.2, "σ falls at {x}");
        }
        previous = now;
    }
}
