//! Helpers shared by the integration tests (each test file includes this with `mod common;`).
#![allow(dead_code)]

use backprop_engine::Activation;
use backprop_engine::Data;
use backprop_engine::Layer;
use backprop_engine::Loss;
use backprop_engine::Optimizer;
use backprop_engine::Spec;

/// The seed's spec text, exactly as the issue gives it.
pub const SEED_SPEC: &str = r#"{"layers": [{"weights": [[0.15]], "biases": [0.4], "activation": "sigmoid"}, {"weights": [[0.45]], "biases": [0.65], "activation": "sigmoid"}], "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.4}, "data": {"inputs": [[0.1]], "targets": [[0.25]]}, "batch_size": 1, "steps": 1}"#;

/// Relative error |actual − expected| / |expected|.
pub fn rel_err(actual: f64, expected: f64) -> f64 {
    (actual - expected).abs() / expected.abs()
}

/// Asserts `actual` is within `tol` relative error of `expected`.
#[track_caller]
pub fn assert_rel(actual: f64, expected: f64, tol: f64, what: &str) {
    assert!(
        actual.is_finite() && rel_err(actual, expected) <= tol,
        "{what}: got {actual:e}, expected {expected:e} (relative error {:e} > {tol:e})",
        rel_err(actual, expected)
    );
}

/// `actual` agrees with a number printed to four significant figures.
///
/// A value printed to 4 s.f. such as 0.6023 stands for anything in [0.60225, 0.60235), i.e. within half a unit
/// of the 4th digit: an absolute error of 0.5·10^(e−3) for a mantissa d.ddd·10^e, which is a relative error of
/// at most 0.5/1000 = 5e-4 (attained for mantissas near 1.000; smaller for larger mantissas). So "agrees to 4
/// significant figures" is checked as relative error ≤ 5e-4, which is a bit looser than "rounds to the same 4
/// digits" for large mantissas but never allows a wrong leading digit.
#[track_caller]
pub fn assert_sig4(actual: f64, printed: f64, what: &str) {
    assert_rel(actual, printed, 5e-4, what);
}

pub fn layer(weights: Vec<Vec<f64>>, biases: Vec<f64>, activation: Activation) -> Layer {
    Layer {
        weights,
        biases,
        activation,
        frozen_biases: false,
    }
}

/// One identity neuron z = w·x + b, E = ½(z − t)², one example: the gradient is known in closed form,
/// ∂E/∂w = (w x + b − t)·x and ∂E/∂b = w x + b − t.
pub fn identity_neuron(w: f64, b: f64, x: f64, t: f64, optimizer: Optimizer) -> Spec {
    Spec {
        layers: vec![layer(vec![vec![w]], vec![b], Activation::Identity)],
        loss: Loss::HalfSquaredError,
        optimizer,
        data: Data {
            inputs: vec![vec![x]],
            targets: vec![vec![t]],
        },
        batch_size: 1,
        steps: 1,
        start_step: 0,
        shuffle_seed: None,
        optimizer_state: None,
    }
}

/// A 2-3-1 network (tanh hidden, sigmoid output) on `n` examples, deterministic values.
pub fn small_net(n: usize, batch_size: usize, optimizer: Optimizer) -> Spec {
    let inputs: Vec<Vec<f64>> = (0..n)
        .map(|k| vec![0.3 * k as f64 - 0.5, 0.7 - 0.2 * k as f64])
        .collect();
    let targets: Vec<Vec<f64>> = (0..n).map(|k| vec![0.1 + 0.15 * k as f64]).collect();
    Spec {
        layers: vec![
            layer(
                vec![vec![0.5, -0.3], vec![-0.8, 0.2], vec![0.1, 0.9]],
                vec![0.1, -0.2, 0.05],
                Activation::Tanh,
            ),
            layer(vec![vec![0.7, -0.4, 0.6]], vec![0.2], Activation::Sigmoid),
        ],
        loss: Loss::HalfSquaredError,
        optimizer,
        data: Data { inputs, targets },
        batch_size,
        steps: 1,
        start_step: 0,
        shuffle_seed: None,
        optimizer_state: None,
    }
}
