//! The side panels' inputs: the activation gallery's points and curve against the hand formulas, and scores
//! read as people type them.

use crate::common::{assert_rel, assert_sig4};
use crate::hand::{assert_rel_or_zero, df, f, CHAIN_ACTIVATIONS};
use backprop_lab::engine::Activation;
use backprop_lab::labs::vanishing::{activation_curve, activation_point, GALLERY_Z};

#[test]
fn activation_points_match_the_hand_formulas() {
    for act in CHAIN_ACTIVATIONS {
        for z in [-5.0, -3.0, -1.0, -0.25, 0.0, 0.25, 1.0, 3.0, 5.0] {
            let p = activation_point(act, z);
            assert_eq!(p.z, z);
            let what = format!("{act:?} at {z}");
            assert_rel_or_zero(p.f, f(act, z), 1e-12, &format!("{what}: f"));
            assert_rel_or_zero(p.df, df(act, z), 1e-12, &format!("{what}: f′"));
        }
    }
    // Sigmoid: σ(0) = ½, σ′(0) = ¼ is the maximum; the tails are flat.
    let p0 = activation_point(Activation::Sigmoid, 0.0);
    assert_eq!(p0.f, 0.5);
    assert_eq!(p0.df, 0.25);
    for k in -600..=600 {
        let z = k as f64 / 100.0;
        assert!(
            activation_point(Activation::Sigmoid, z).df <= 0.25,
            "σ′({z}) > ¼"
        );
    }
    for z in [-3.0, 3.0] {
        let d = activation_point(Activation::Sigmoid, z).df;
        assert!(d.abs() < 0.05, "σ′({z}) = {d}");
        // σ′(3) = e^{−3}/(1 + e^{−3})² ≈ 0.04518.
        assert_sig4(d, 0.04518, "σ′(±3)");
    }
    // tanh′(0) = 1, the maximum.
    assert_eq!(activation_point(Activation::Tanh, 0.0).df, 1.0);
    // Leaky ReLU keeps slope 0.01 below 0; ReLU's is 0.
    for z in [-5.0, -1.0, -1e-9] {
        assert_eq!(activation_point(Activation::LeakyRelu, z).df, 0.01);
        assert_rel(
            activation_point(Activation::LeakyRelu, z).f,
            0.01 * z,
            1e-15,
            "0.01 z",
        );
        assert_eq!(activation_point(Activation::Relu, z).df, 0.0);
        assert_eq!(activation_point(Activation::Relu, z).f, 0.0);
    }
    assert_eq!(activation_point(Activation::Relu, 2.0).df, 1.0);
    assert_eq!(activation_point(Activation::LeakyRelu, 2.0).df, 1.0);
}

#[test]
fn activation_curve_samples_evenly() {
    let curve = activation_curve(Activation::Tanh, -GALLERY_Z, GALLERY_Z, 240);
    assert_eq!(curve.len(), 241);
    for (k, p) in curve.iter().enumerate() {
        let z = -6.0 + 12.0 * k as f64 / 240.0;
        assert!((p.z - z).abs() < 1e-12, "sample {k}: {} vs {z}", p.z);
        assert_rel_or_zero(p.f, f(Activation::Tanh, p.z), 1e-12, "tanh");
        assert_rel(p.df, df(Activation::Tanh, p.z), 1e-10, "tanh′");
    }
}

/// Scores are read as people type them: commas or spaces between them, or semicolons when the numbers have
/// decimal commas, and the typographic minus.
#[test]
fn scores_are_read_as_typed() {
    use backprop_lab::labs::vanishing::read_scores;
    assert_eq!(read_scores("2, 1, 0.1").unwrap(), vec![2.0, 1.0, 0.1]);
    assert_eq!(read_scores("2 1   0.1").unwrap(), vec![2.0, 1.0, 0.1]);
    assert_eq!(read_scores("0,5; −1; 2").unwrap(), vec![0.5, -1.0, 2.0]);
    assert!(read_scores("1,000; 2")
        .unwrap_err()
        .contains("“1,000” is not a number"));
    assert!(read_scores("0x10").is_err());
    assert_eq!(read_scores("").unwrap(), Vec::<f64>::new());
    // Pasted from a document: a no-break space and a line break separate as a space does.
    assert_eq!(read_scores("2,\u{a0}1\n0.1").unwrap(), vec![2.0, 1.0, 0.1]);
    let long = read_scores(&"x".repeat(100)).unwrap_err();
    assert!(long.contains('…') && long.chars().count() < 60, "{long}");
}
