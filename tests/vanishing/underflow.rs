//! Gradients that underflow are labelled as such (not as a ReLU off), and nothing the lab reports is NaN
//! or infinite.

use crate::common::assert_rel;
use crate::hand::{df, f, hand_chain, setup, CHAIN_ACTIVATIONS};
use backprop_lab::engine::Activation;
use backprop_lab::engine::Data;
use backprop_lab::engine::Layer;
use backprop_lab::engine::Loss;
use backprop_lab::engine::Optimizer;
use backprop_lab::engine::Spec;
use backprop_lab::engine::Trainer;
use backprop_lab::labs::vanishing::{
    layer_reports, report, ChainSetup, Zero, MAX_DEPTH, MAX_WIDTH, TRAIN_RATE, TRAIN_STEPS,
};

fn sigmoid_chain(n: usize, w: f64, b: f64, target: f64) -> Spec {
    Spec {
        layers: (0..n)
            .map(|_| Layer {
                weights: vec![vec![w]],
                biases: vec![b],
                activation: Activation::Sigmoid,
                frozen_biases: false,
            })
            .collect(),
        loss: Loss::HalfSquaredError,
        optimizer: Optimizer::Sgd { learning_rate: 0.1 },
        data: Data {
            inputs: vec![vec![1.0]],
            targets: vec![vec![target]],
        },
        batch_size: 1,
        steps: 1,
        start_step: 0,
        shuffle_seed: None,
        optimizer_state: None,
    }
}

#[test]
fn sigmoid_gradients_that_underflow_are_labelled_underflow() {
    // Within the bounds a sigmoid chain cannot underflow: each factor is at least σ′(1.5)·0.5 > 0.05, so
    // twenty layers shrink by at most ~1e-26.
    let s = setup(MAX_DEPTH, Activation::Sigmoid, false);
    let r = report(&s, Activation::Sigmoid);
    assert!(r
        .layers
        .iter()
        .all(|l| l.gradient > 0.0 && l.zero.is_none()));

    // By hand: 30 sigmoids with w = 1, b = −40, so z ≈ −40 everywhere and σ′(z) ≈ e^{−40} ≈ 4.2e-18: each
    // factor is non-zero but their product falls below the smallest subnormal (4.9e-324) after ~18 layers.
    let n = 30;
    let trace = Trainer::new(sigmoid_chain(n, 1.0, -40.0, 0.5))
        .unwrap()
        .step();
    let reports = layer_reports(&trace);
    assert_eq!(reports.len(), n);
    // Every slope is non-zero (e^{−39} or e^{−40}-ish), so no factor is 0.
    let (w, b) = (vec![1.0; n], vec![-40.0; n]);
    let hand = hand_chain(Activation::Sigmoid, &w, &b);
    for (l, lr) in reports.iter().enumerate() {
        assert_rel(lr.z[0], hand.z[l], 1e-12, "z");
        assert!(
            lr.slope > 1e-18 && lr.slope < 1e-16,
            "layer {} slope {:e}",
            l + 1,
            lr.slope
        );
    }
    // The closed form in log10, where it cannot underflow: log|∂E/∂w_l| = log|a_L − T| + log σ′(z_L)
    // + Σ_{k=l}^{L−1} log(w_{k+1}·σ′(z_k)) + log a_{l−1} (target 0.5).
    let out = hand.a[n - 1];
    let log_g: Vec<f64> = (1..=n)
        .map(|l| {
            let g = (out - 0.5).abs().log10()
                + df(Activation::Sigmoid, hand.z[n - 1]).log10()
                + (l..n)
                    .map(|k| (w[k] * df(Activation::Sigmoid, hand.z[k - 1])).log10())
                    .sum::<f64>();
            let a_prev = if l == 1 { 1.0 } else { hand.a[l - 2] };
            g + a_prev.log10()
        })
        .collect();
    let mut zeros = 0;
    for (l, lr) in reports.iter().enumerate() {
        let what = format!("layer {} (log10 |∂E/∂w| = {:.1})", l + 1, log_g[l]);
        assert!(lr.gradient.is_finite() && lr.signal.is_finite(), "{what}");
        if log_g[l] < -325.0 {
            // Below half the smallest subnormal (4.9e-324): exactly 0, labelled as an underflow.
            assert_eq!(lr.gradient, 0.0, "{what}");
            assert_eq!(lr.zero, Some(Zero::Underflow), "{what}");
            zeros += 1;
        } else if log_g[l] > -300.0 {
            // Comfortably normal: the closed form holds.
            assert_rel(lr.gradient.log10(), log_g[l], 1e-9, &what);
            assert_eq!(lr.zero, None, "{what}");
        }
        if lr.gradient == 0.0 {
            assert_eq!(lr.zero, Some(Zero::Underflow), "{what}");
        }
    }
    assert!(zeros >= 5, "the first layers must underflow ({zeros})");
    assert!(log_g[n - 1] > -300.0, "the last layers keep a gradient");
}

/// A sigmoid saturated at large positive z has a ∂a/∂z that rounds to exactly 0 (a = 1.0, 1 − a = 0): the
/// gradients behind it are 0, but no ReLU is involved, so they must not be labelled `ReluOff`.
#[test]
fn a_saturated_sigmoid_is_not_labelled_relu_off() {
    // z ≈ 41 in every layer: σ(41) rounds to 1.0 in a double.
    let trace = Trainer::new(sigmoid_chain(3, 1.0, 40.0, 0.5))
        .unwrap()
        .step();
    assert_eq!(f(Activation::Sigmoid, 41.0), 1.0);
    let reports = layer_reports(&trace);
    for lr in &reports {
        assert_eq!(lr.gradient, 0.0, "layer {}", lr.layer);
        assert!(
            lr.zero.is_some(),
            "layer {}: a zero gradient needs a reason",
            lr.layer
        );
        assert_ne!(
            lr.zero,
            Some(Zero::ReluOff),
            "layer {} of an all-sigmoid network is labelled ReluOff",
            lr.layer
        );
    }
}

#[test]
fn no_reported_gradient_or_signal_is_nan_or_infinite() {
    for act in CHAIN_ACTIVATIONS {
        for depth in 1..=MAX_DEPTH {
            for width in 1..=MAX_WIDTH {
                for dying_relu in [false, true] {
                    let s = ChainSetup {
                        depth,
                        width,
                        activation: act,
                        dying_relu,
                        seed: 1,
                        train_rate: TRAIN_RATE,
                    };
                    assert_eq!(s.validate(), Ok(()));
                    let trace = Trainer::new(s.spec(act)).unwrap().step();
                    let reports = layer_reports(&trace);
                    let tag = format!("{act:?} depth {depth} width {width} dying {dying_relu}");
                    assert_eq!(reports.len(), depth, "{tag}");
                    for lr in &reports {
                        assert!(
                            lr.gradient.is_finite() && lr.gradient >= 0.0,
                            "{tag}: {lr:?}"
                        );
                        assert!(lr.signal.is_finite() && lr.signal >= 0.0, "{tag}: {lr:?}");
                        assert!(lr.slope.is_finite(), "{tag}: {lr:?}");
                        assert!(lr.z.iter().all(|z| z.is_finite()), "{tag}: {lr:?}");
                        assert!(lr.factor.is_none_or(f64::is_finite), "{tag}: {lr:?}");
                        // A factor for every chain layer after the first, none in a wide stack.
                        assert_eq!(
                            lr.factor.is_some(),
                            width == 1 && lr.layer > 1,
                            "{tag}: {lr:?}"
                        );
                        // A zero gradient always says why; a non-zero one never does.
                        assert_eq!(lr.zero.is_some(), lr.gradient == 0.0, "{tag}: {lr:?}");
                    }
                }
            }
        }
    }
}

/// The whole report (training included) on a sample of setups: every number shown is finite.
#[test]
fn every_report_number_is_finite_on_a_sample_of_setups() {
    let mut diverged = 0;
    for act in CHAIN_ACTIVATIONS {
        for depth in [1, 8, MAX_DEPTH] {
            for width in [1, 4, MAX_WIDTH] {
                for dying_relu in [false, true] {
                    let s = ChainSetup {
                        depth,
                        width,
                        activation: act,
                        dying_relu,
                        seed: 1,
                        train_rate: TRAIN_RATE,
                    };
                    let r = report(&s, act);
                    let tag = format!("{act:?} depth {depth} width {width} dying {dying_relu}");
                    assert!(r.losses.iter().all(|v| v.is_finite()), "{tag}: losses");
                    assert_eq!(r.weight_change.len(), depth, "{tag}");
                    for lr in &r.layers {
                        assert!(lr.gradient.is_finite() && lr.signal.is_finite(), "{tag}");
                    }
                    if r.diverged_at.is_none() {
                        // (After a divergence: see `a_diverged_run_keeps_the_losses_before_the_overflow`.)
                        assert!(
                            r.weight_change.iter().all(|v| v.is_finite() && *v >= 0.0),
                            "{tag}: weight change {:?}",
                            r.weight_change
                        );
                        assert_eq!(r.losses.len(), TRAIN_STEPS, "{tag}");
                    }
                    if let Some(step) = r.diverged_at {
                        diverged += 1;
                        // The losses of the steps before the one that overflowed.
                        assert_eq!(r.losses.len(), step - 1, "{tag}");
                    }
                }
            }
        }
    }
    // An identity stack of 20, four wide, with the dying bias diverges (its output is a sum of products of 20
    // weights).
    assert!(diverged > 0, "the sample should include a diverging run");
}
