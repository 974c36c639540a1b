//! Finite-difference gradient checks: backpropagation's recorded gradients against central differences of the
//! batch's mean loss, computed independently from `network::predict` and `Loss::value`, on many random networks.

mod common;

use backprop_engine::network::predict;
use backprop_engine::Activation;
use backprop_engine::Data;
use backprop_engine::Layer;
use backprop_engine::Loss;
use backprop_engine::Optimizer;
use backprop_engine::Spec;
use backprop_engine::StepTrace;
use backprop_engine::Trainer;
use common::layer;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Activations a hidden layer may use (softmax is output-only).
const HIDDEN: [Activation; 5] = [
    Activation::Identity,
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
];

/// A random network and batch, as plain numbers; `build` turns it into a spec.
#[derive(Clone, Debug)]
struct Case {
    inputs: usize,
    widths: Vec<usize>,
    /// Output activation for the squared losses (index into HIDDEN).
    output: usize,
    examples: usize,
    /// Weights, biases and inputs, uniform in [-2, 2].
    params: Vec<f64>,
    /// Raw targets, uniform in [0, 1].
    raw_targets: Vec<f64>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        1usize..=3,
        prop::collection::vec(1usize..=4, 1..=4),
        0usize..HIDDEN.len(),
        1usize..=3,
        prop::collection::vec(-2.0f64..2.0, 128),
        prop::collection::vec(0.0f64..1.0, 16),
    )
        .prop_map(
            |(inputs, widths, output, examples, params, raw_targets)| Case {
                inputs,
                widths,
                output,
                examples,
                params,
                raw_targets,
            },
        )
}

fn build(c: &Case, hidden: Activation, loss: Loss) -> Spec {
    let mut values = c.params.iter().copied().cycle();
    let mut next = move || values.next().unwrap_or(0.0);
    let last = c.widths.len() - 1;
    let output_activation = match loss {
        Loss::HalfSquaredError | Loss::SquaredError => HIDDEN[c.output],
        Loss::BinaryCrossEntropy => Activation::Sigmoid,
        Loss::CrossEntropy => Activation::Softmax,
    };
    let mut width = c.inputs;
    let mut layers = Vec::new();
    for (l, &n) in c.widths.iter().enumerate() {
        let weights = (0..n)
            .map(|_| (0..width).map(|_| next()).collect())
            .collect();
        let biases = (0..n).map(|_| next()).collect();
        let activation = if l == last { output_activation } else { hidden };
        layers.push(layer(weights, biases, activation));
        width = n;
    }
    let outputs = width;
    let inputs = (0..c.examples)
        .map(|_| (0..c.inputs).map(|_| next() / 2.0).collect())
        .collect();
    let mut raw = c.raw_targets.iter().copied().cycle();
    let targets = (0..c.examples)
        .map(|_| {
            let t: Vec<f64> = (0..outputs).map(|_| raw.next().unwrap_or(0.5)).collect();
            match loss {
                // Any real target; spread to [-1, 1].
                Loss::HalfSquaredError | Loss::SquaredError => {
                    t.iter().map(|v| 2.0 * v - 1.0).collect()
                }
                // Strictly inside (0, 1).
                Loss::BinaryCrossEntropy => t.iter().map(|v| 0.01 + 0.98 * v).collect(),
                // Positive, summing to 1.
                Loss::CrossEntropy => {
                    let shifted: Vec<f64> = t.iter().map(|v| 0.01 + v).collect();
                    let sum: f64 = shifted.iter().sum();
                    shifted.iter().map(|v| v / sum).collect()
                }
            }
        })
        .collect();
    Spec {
        layers,
        loss,
        optimizer: Optimizer::Sgd { learning_rate: 0.1 },
        data: Data { inputs, targets },
        batch_size: c.examples,
        steps: 1,
        start_step: 0,
        shuffle_seed: None,
        optimizer_state: None,
    }
}

/// The batch's mean loss for these parameters, without the trainer: forward with `predict`, then `Loss::value`.
fn batch_loss(layers: &[Layer], spec: &Spec) -> f64 {
    let data = &spec.data;
    let total: f64 = data
        .inputs
        .iter()
        .zip(&data.targets)
        .map(|(x, t)| spec.loss.value(&predict(layers, x), t))
        .sum();
    total / data.inputs.len() as f64
}

/// Rejects cases where central differences are not a fair check: a ReLU kink within reach of the step, a
/// nearly saturated sigmoid under binary cross-entropy (the reference loss itself loses precision there; the
/// fully saturated case is `bce_with_a_saturated_sigmoid_...`), or a softmax output so small that
/// cross-entropy's ln is clamped.
fn fair(trace: &StepTrace) -> bool {
    let last = trace.before.len() - 1;
    trace.examples.iter().all(|ex| {
        ex.layers.iter().enumerate().all(|(l, v)| {
            let act = trace.before[l].activation;
            let kink = matches!(act, Activation::Relu | Activation::LeakyRelu)
                && v.z.iter().any(|z| z.abs() < 1e-3);
            let saturated = l == last
                && match act {
                    // Under binary cross-entropy, Loss::value computes ln(1 − a) from a rounded a: at
                    // z = 15 the rounding of 1 − a (≈ 3e-7) is ~2e-10 relative, which the difference quotient
                    // turns into ~1e-4 of error. Below |z| = 10 the error is < 1e-6, so the check stays fair.
                    Activation::Sigmoid => v.z.iter().any(|z| z.abs() > 10.0),
                    Activation::Softmax => v.a.iter().any(|a| *a < 1e-30),
                    _ => false,
                };
            !kink && !saturated
        })
    })
}

/// Central differences with h = 1e-6 against the trace's gradients.
///
/// Tolerance |a − b| ≤ 1e-5·max(1, |a|, |b|) + 1e-9·max(1, |E|): the first term is the brief's; the second
/// covers the rounding of the difference quotient itself, about ε·|E|/h ≈ 1e-10·|E|, which matters only for
/// deep identity networks whose loss reaches 1e6 or more while a particular gradient stays small.
fn check_gradients(spec: &Spec) -> Result<(), TestCaseError> {
    let trace = Trainer::new(spec.clone())
        .map_err(|e| TestCaseError::fail(format!("spec refused: {e}")))?
        .step();
    prop_assume!(fair(&trace));

    let e0 = batch_loss(&spec.layers, spec);
    prop_assert!(
        (trace.loss - e0).abs() <= 1e-12 * e0.abs().max(1.0),
        "trace loss {} vs recomputed {}",
        trace.loss,
        e0
    );

    let h = 1e-6;
    let numeric = |perturb: &dyn Fn(&mut Vec<Layer>, f64)| {
        let mut plus = spec.layers.clone();
        perturb(&mut plus, h);
        let mut minus = spec.layers.clone();
        perturb(&mut minus, -h);
        (batch_loss(&plus, spec) - batch_loss(&minus, spec)) / (2.0 * h)
    };
    let close = |a: f64, b: f64| {
        a.is_finite()
            && (a - b).abs() <= 1e-5 * 1f64.max(a.abs()).max(b.abs()) + 1e-9 * e0.abs().max(1.0)
    };
    for (l, layer) in spec.layers.iter().enumerate() {
        for j in 0..layer.neurons() {
            for i in 0..layer.inputs() {
                let fd = numeric(&|ls: &mut Vec<Layer>, d: f64| ls[l].weights[j][i] += d);
                let bp = trace.gradients[l].weights[j][i];
                prop_assert!(
                    close(bp, fd),
                    "dE/dw[{l}][{j}][{i}]: backprop {bp:e}, finite difference {fd:e}"
                );
            }
            let fd = numeric(&|ls: &mut Vec<Layer>, d: f64| ls[l].biases[j] += d);
            let bp = trace.gradients[l].biases[j];
            prop_assert!(
                close(bp, fd),
                "dE/db[{l}][{j}]: backprop {bp:e}, finite difference {fd:e}"
            );
        }
    }
    Ok(())
}

fn config() -> Config {
    Config {
        cases: 256,
        max_global_rejects: 4096,
        failure_persistence: None,
        ..Config::default()
    }
}

macro_rules! gradient_checks {
    ($($name:ident: $hidden:expr, $loss:expr;)*) => {
        proptest! {
            #![proptest_config(config())]
            $(
                #[test]
                fn $name(c in case()) {
                    check_gradients(&build(&c, $hidden, $loss))?;
                }
            )*
        }
    };
}

gradient_checks! {
    identity_half_squared_error: Activation::Identity, Loss::HalfSquaredError;
    identity_squared_error: Activation::Identity, Loss::SquaredError;
    identity_binary_cross_entropy: Activation::Identity, Loss::BinaryCrossEntropy;
    identity_cross_entropy: Activation::Identity, Loss::CrossEntropy;
    sigmoid_half_squared_error: Activation::Sigmoid, Loss::HalfSquaredError;
    sigmoid_squared_error: Activation::Sigmoid, Loss::SquaredError;
    sigmoid_binary_cross_entropy: Activation::Sigmoid, Loss::BinaryCrossEntropy;
    sigmoid_cross_entropy: Activation::Sigmoid, Loss::CrossEntropy;
    tanh_half_squared_error: Activation::Tanh, Loss::HalfSquaredError;
    tanh_squared_error: Activation::Tanh, Loss::SquaredError;
    tanh_binary_cross_entropy: Activation::Tanh, Loss::BinaryCrossEntropy;
    tanh_cross_entropy: Activation::Tanh, Loss::CrossEntropy;
    relu_half_squared_error: Activation::Relu, Loss::HalfSquaredError;
    relu_squared_error: Activation::Relu, Loss::SquaredError;
    relu_binary_cross_entropy: Activation::Relu, Loss::BinaryCrossEntropy;
    relu_cross_entropy: Activation::Relu, Loss::CrossEntropy;
    leaky_relu_half_squared_error: Activation::LeakyRelu, Loss::HalfSquaredError;
    leaky_relu_squared_error: Activation::LeakyRelu, Loss::SquaredError;
    leaky_relu_binary_cross_entropy: Activation::LeakyRelu, Loss::BinaryCrossEntropy;
    leaky_relu_cross_entropy: Activation::LeakyRelu, Loss::CrossEntropy;
}

/// Independent ∂E/∂a at the output, from the loss formulas.
fn output_de_da(loss: Loss, a: f64, t: f64) -> f64 {
    match loss {
        Loss::HalfSquaredError => a - t,
        Loss::SquaredError => 2.0 * (a - t),
        Loss::BinaryCrossEntropy => -t / a + (1.0 - t) / (1.0 - a),
        Loss::CrossEntropy => -t / a,
    }
}

/// Independent f′(z) for the element-wise activations.
fn slope(act: Activation, z: f64) -> f64 {
    match act {
        Activation::Identity => 1.0,
        Activation::Sigmoid => {
            let s = 1.0 / (1.0 + (-z).exp());
            s * (1.0 - s)
        }
        Activation::Tanh => 1.0 / z.cosh().powi(2),
        Activation::Relu => f64::from(u8::from(z > 0.0)),
        Activation::LeakyRelu => {
            if z > 0.0 {
                1.0
            } else {
                0.01
            }
        }
        Activation::Softmax => unreachable!("not element-wise"),
    }
}

fn near(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * 1f64.max(a.abs()).max(b.abs())
}

proptest! {
    #![proptest_config(Config { cases: 512, max_global_rejects: 4096, failure_persistence: None, ..Config::default() })]

    /// The backward pass's recorded pieces obey their definitions: ∂E/∂a at the output is the loss's
    /// derivative; a hidden layer's ∂E/∂aⱼ = Σₖ wₖⱼ ∂E/∂zₖ of the layer after it; element-wise layers have
    /// ∂a/∂z = f′(z) and ∂E/∂z = ∂E/∂a·∂a/∂z; softmax with cross-entropy has ∂E/∂z = a − t.
    #[test]
    fn backward_pieces_obey_their_definitions(
        c in case(),
        hidden in 0usize..HIDDEN.len(),
        loss in 0usize..4,
    ) {
        let loss = Loss::ALL[loss];
        let spec = build(&c, HIDDEN[hidden], loss);
        let trace = Trainer::new(spec.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?.step();
        prop_assume!(fair(&trace));
        let last = spec.layers.len() - 1;
        for ex in &trace.examples {
            let out = &ex.layers[last];
            for j in 0..out.a.len() {
                if loss != Loss::CrossEntropy {
                    let want = output_de_da(loss, out.a[j], ex.target[j]);
                    prop_assert!(near(out.de_da[j], want, 1e-9), "output dE/da[{j}] {} vs {want}", out.de_da[j]);
                }
            }
            for (l, v) in ex.layers.iter().enumerate() {
                let act = spec.layers[l].activation;
                if act == Activation::Softmax {
                    for j in 0..v.a.len() {
                        let want = v.a[j] - ex.target[j];
                        prop_assert!(near(v.de_dz[j], want, 1e-12), "softmax dE/dz[{j}] {} vs a − t = {want}", v.de_dz[j]);
                    }
                    continue;
                }
                for j in 0..v.z.len() {
                    let f1 = slope(act, v.z[j]);
                    prop_assert!(near(v.da_dz[j], f1, 1e-9), "layer {l} da/dz[{j}] {} vs f'(z) {f1}", v.da_dz[j]);
                    prop_assert!(near(v.de_dz[j], v.de_da[j] * v.da_dz[j], 1e-12), "layer {l} dE/dz[{j}]");
                }
                if l < last {
                    let next = &spec.layers[l + 1];
                    for j in 0..v.a.len() {
                        let sum: f64 = (0..next.neurons())
                            .map(|k| next.weights[k][j] * ex.layers[l + 1].de_dz[k])
                            .sum();
                        prop_assert!(near(v.de_da[j], sum, 1e-12), "layer {l} dE/da[{j}] {} vs Σ w·dE/dz {sum}", v.de_da[j]);
                    }
                }
            }
        }
    }
}

/// Softmax + cross-entropy: ∂E/∂z = a − t, and it agrees with pushing −t/a through the full softmax Jacobian
/// ∂aₖ/∂zⱼ = aₖ(δₖⱼ − aⱼ), written out here as a double loop.
#[test]
fn softmax_cross_entropy_error_is_a_minus_t() {
    let spec = Spec {
        layers: vec![
            layer(
                vec![vec![0.4, -1.2], vec![0.9, 0.3]],
                vec![0.1, -0.5],
                Activation::Tanh,
            ),
            layer(
                vec![vec![1.5, -0.7], vec![-0.2, 0.8], vec![0.6, 1.1]],
                vec![0.0, 0.3, -0.4],
                Activation::Softmax,
            ),
        ],
        loss: Loss::CrossEntropy,
        optimizer: Optimizer::Sgd { learning_rate: 0.1 },
        data: Data {
            inputs: vec![vec![0.5, -1.0], vec![1.5, 0.25]],
            targets: vec![vec![0.2, 0.3, 0.5], vec![0.0, 1.0, 0.0]],
        },
        batch_size: 2,
        steps: 1,
        start_step: 0,
        shuffle_seed: None,
        optimizer_state: None,
    };
    let trace = Trainer::new(spec).expect("valid").step();
    for ex in &trace.examples {
        let out = &ex.layers[1];
        let a = &out.a;
        let t = &ex.target;
        assert!(((a.iter().sum::<f64>()) - 1.0).abs() < 1e-15);
        for j in 0..3 {
            assert_eq!(out.de_dz[j], a[j] - t[j], "dE/dz[{j}] = a − t");
            let via_jacobian: f64 = (0..3)
                .map(|k| {
                    let delta = if k == j { 1.0 } else { 0.0 };
                    (-t[k] / a[k]) * a[k] * (delta - a[j])
                })
                .sum();
            assert!(
                (out.de_dz[j] - via_jacobian).abs() < 1e-14,
                "dE/dz[{j}] {} vs Jacobian route {via_jacobian}",
                out.de_dz[j]
            );
        }
        // ∂E/∂a at the output is −t/a (recorded for the student).
        for j in 0..3 {
            assert_eq!(out.de_da[j], -t[j] / a[j]);
        }
    }
}

/// A sigmoid output saturated to exactly 1.0 (z = 40) under binary cross-entropy. The derivative of
/// E = −[t ln a + (1 − t) ln(1 − a)] with respect to z is exactly a − t = 0.7 here, and every number in the
/// trace should be finite. The crate computes ∂E/∂a = (a − t)/(a(1 − a)) = 0.7/0 = ∞ and then ∂E/∂z = ∞·0 =
/// NaN, so one saturated example poisons the whole step (and the session reports a divergence that is not
/// one). Softmax + cross-entropy already special-cases ∂E/∂z = a − t for exactly this reason.
#[test]
fn bce_with_a_saturated_sigmoid_gives_finite_gradients() {
    let spec = Spec {
        layers: vec![layer(vec![vec![40.0]], vec![0.0], Activation::Sigmoid)],
        loss: Loss::BinaryCrossEntropy,
        optimizer: Optimizer::Sgd { learning_rate: 0.1 },
        data: Data {
            inputs: vec![vec![1.0]],
            targets: vec![vec![0.3]],
        },
        batch_size: 1,
        steps: 1,
        start_step: 0,
        shuffle_seed: None,
        optimizer_state: None,
    };
    let trace = Trainer::new(spec).expect("valid").step();
    assert_eq!(trace.examples[0].layers[0].a[0], 1.0, "premise: saturated");
    assert!(
        trace.is_finite(),
        "non-finite trace: dE/dz = {:?}, gradients = {:?}",
        trace.examples[0].layers[0].de_dz,
        trace.gradients
    );
    let g = trace.gradients[0].weights[0][0];
    assert!((g - 0.7).abs() < 1e-9, "dE/dw = {g}, expected a − t = 0.7");
}
