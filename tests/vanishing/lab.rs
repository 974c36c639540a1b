//! The activations and vanishing-gradient lab: per-layer gradients of a chain against the closed-form product
//! of factors, how sigmoid shrinks the signal and ReLU does not, the seed's two-neuron ratio, the dying ReLU,
//! the labels of exact zeros, the training comparison, the lab's commands and bounds, and the activation
//! gallery. Every expected value is written out here by hand (never read back from the code under test); the
//! seeded weights of `ChainSetup::layers` are the only input taken from the crate.

use crate::common::{assert_rel, assert_sig4};
use backprop_lab::engine::Activation;
use backprop_lab::engine::Data;
use backprop_lab::engine::Layer;
use backprop_lab::engine::Loss;
use backprop_lab::engine::Optimizer;
use backprop_lab::engine::Spec;
use backprop_lab::engine::Trainer;
use backprop_lab::labs::vanishing::{
    activation_curve, activation_point, layer_reports, ratio_by_depth, report, seed_ratio,
    ChainSetup, VanishingCommand, VanishingLab, VanishingSnapshot, Zero, COMPARED, DYING_BIAS,
    GALLERY_Z, MAX_DEPTH, MAX_WIDTH, TRAIN_RATE, TRAIN_STEPS,
};

/// The chain's input and target (the lab's fixed example).
const X: f64 = 1.0;
const T: f64 = 0.1;

/// Every activation a chain may use: the four compared ones and identity.
const CHAIN_ACTIVATIONS: [Activation; 5] = [
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Identity,
];

// ---------------------------------------------------------------------------------------------------------
// Hand formulas, independent of the crate's activation code.

/// f(z), written out.
fn f(act: Activation, z: f64) -> f64 {
    match act {
        Activation::Identity => z,
        Activation::Sigmoid => 1.0 / (1.0 + (-z).exp()),
        Activation::Tanh => z.tanh(),
        Activation::Relu => {
            if z > 0.0 {
                z
            } else {
                0.0
            }
        }
        Activation::LeakyRelu => {
            if z > 0.0 {
                z
            } else {
                0.01 * z
            }
        }
        Activation::Softmax => unreachable!("softmax is not an element-wise activation"),
    }
}

/// f′(z), written from z alone (not from a = f(z) as the crate does).
fn df(act: Activation, z: f64) -> f64 {
    match act {
        Activation::Identity => 1.0,
        // σ′(z) = e^{−z} / (1 + e^{−z})².
        Activation::Sigmoid => (-z).exp() / (1.0 + (-z).exp()).powi(2),
        // tanh′(z) = sech²(z) = 1 / cosh²(z).
        Activation::Tanh => 1.0 / z.cosh().powi(2),
        // At z = 0 ReLU takes slope 0 and leaky ReLU 0.01 (the crate's documented convention, as PyTorch).
        Activation::Relu => {
            if z > 0.0 {
                1.0
            } else {
                0.0
            }
        }
        Activation::LeakyRelu => {
            if z > 0.0 {
                1.0
            } else {
                0.01
            }
        }
        Activation::Softmax => unreachable!("softmax is not an element-wise activation"),
    }
}

/// A chain's forward pass and the closed-form gradients, by hand.
struct HandChain {
    w: Vec<f64>,
    /// z_l and a_l for l = 1..=L (index l − 1).
    z: Vec<f64>,
    a: Vec<f64>,
    /// E = ½(a_L − T)².
    loss: f64,
    /// ∂E/∂z_l = (a_L − T)·f′(z_L)·Π_{k=l}^{L−1}(w_{k+1}·f′(z_k)).
    de_dz: Vec<f64>,
    /// ∂E/∂w_l = ∂E/∂z_l · a_{l−1}, a_0 = x.
    de_dw: Vec<f64>,
    /// The factor f′(z_{l−1})·w_l of layer l ≥ 2 (index l − 1; index 0 unused).
    factor: Vec<f64>,
}

fn chain_weights(layers: &[Layer]) -> (Vec<f64>, Vec<f64>) {
    for layer in layers {
        assert_eq!(layer.weights.len(), 1, "a chain has one neuron per layer");
        assert_eq!(
            layer.weights[0].len(),
            1,
            "a chain has one input per neuron"
        );
    }
    (
        layers.iter().map(|l| l.weights[0][0]).collect(),
        layers.iter().map(|l| l.biases[0]).collect(),
    )
}

fn hand_chain(act: Activation, w: &[f64], b: &[f64]) -> HandChain {
    let n = w.len();
    let (mut z, mut a) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut prev = X;
    for l in 0..n {
        let zl = w[l] * prev + b[l];
        z.push(zl);
        prev = f(act, zl);
        a.push(prev);
    }
    let out = a[n - 1];
    let loss = 0.5 * (out - T) * (out - T);
    // The closed form: a fresh product for each layer, not a recursion.
    let de_dz: Vec<f64> = (1..=n)
        .map(|l| {
            let mut g = (out - T) * df(act, z[n - 1]);
            for k in l..n {
                // w_{k+1}·f′(z_k), 1-based k; w index k, z index k − 1.
                g *= w[k] * df(act, z[k - 1]);
            }
            g
        })
        .collect();
    let de_dw = (1..=n)
        .map(|l| {
            let a_prev = if l == 1 { X } else { a[l - 2] };
            de_dz[l - 1] * a_prev
        })
        .collect();
    let factor = (1..=n)
        .map(|l| {
            if l == 1 {
                f64::NAN
            } else {
                df(act, z[l - 2]) * w[l - 1]
            }
        })
        .collect();
    HandChain {
        w: w.to_vec(),
        z,
        a,
        loss,
        de_dz,
        de_dw,
        factor,
    }
}

fn hand_for(setup: &ChainSetup, act: Activation) -> HandChain {
    let (w, b) = chain_weights(&setup.layers(act));
    hand_chain(act, &w, &b)
}

/// `actual` equals `expected` to `tol` relative, or both are exactly zero.
#[track_caller]
fn assert_rel_or_zero(actual: f64, expected: f64, tol: f64, what: &str) {
    if expected == 0.0 {
        assert_eq!(actual, 0.0, "{what}: expected exactly 0");
    } else {
        assert_rel(actual, expected, tol, what);
    }
}

fn setup(depth: usize, activation: Activation, dying_relu: bool) -> ChainSetup {
    ChainSetup {
        depth,
        width: 1,
        activation,
        dying_relu,
        seed: 1,
        train_rate: TRAIN_RATE,
    }
}

fn lab() -> VanishingLab {
    VanishingLab::new(ChainSetup::default()).expect("the default setup is valid")
}

// ---------------------------------------------------------------------------------------------------------
// 1. Per-layer gradients against the closed-form product of factors.

#[test]
fn chain_gradients_equal_the_closed_form_product_of_factors() {
    for act in CHAIN_ACTIVATIONS {
        for depth in 1..=MAX_DEPTH {
            for dying in [false, true] {
                let s = setup(depth, act, dying);
                let hand = hand_for(&s, act);
                let r = report(&s, act);
                let tag = format!("{act:?} depth {depth} dying {dying}");
                assert_eq!(r.activation, act, "{tag}");
                assert_eq!(r.layers.len(), depth, "{tag}: one report per layer");
                for (l, lr) in r.layers.iter().enumerate() {
                    let what = format!("{tag} layer {}", l + 1);
                    assert_eq!(lr.layer, l + 1, "{what}: layers are 1-based from the input");
                    assert_rel_or_zero(
                        lr.gradient,
                        hand.de_dw[l].abs(),
                        1e-12,
                        &format!("{what} |∂E/∂w|"),
                    );
                    assert_rel_or_zero(
                        lr.signal,
                        hand.de_dz[l].abs(),
                        1e-12,
                        &format!("{what} |∂E/∂z|"),
                    );
                    assert_rel_or_zero(
                        lr.slope,
                        df(act, hand.z[l]).abs(),
                        1e-12,
                        &format!("{what} f′(z)"),
                    );
                    assert_eq!(lr.z.len(), 1, "{what}");
                    assert_rel_or_zero(lr.z[0], hand.z[l], 1e-12, &format!("{what} z"));
                    match (l, lr.factor) {
                        (0, None) => {}
                        (0, Some(v)) => panic!("{what}: the first layer has no factor, got {v}"),
                        (_, None) => panic!("{what}: a chain layer after the first has a factor"),
                        (_, Some(v)) => {
                            assert_rel_or_zero(v, hand.factor[l], 1e-12, &format!("{what} factor"))
                        }
                    }
                }
                // ratio = |∂E/∂w_L| / |∂E/∂w_1| (none for one layer or a zero first gradient).
                let (g1, gl) = (hand.de_dw[0].abs(), hand.de_dw[depth - 1].abs());
                match r.ratio {
                    Some(ratio) => {
                        assert!(depth > 1 && g1 > 0.0, "{tag}: unexpected ratio {ratio}");
                        assert_rel(ratio, gl / g1, 1e-11, &format!("{tag} ratio"));
                    }
                    None => assert!(depth == 1 || g1 == 0.0, "{tag}: ratio missing"),
                }
            }
        }
    }
}

#[test]
fn chain_weights_are_seeded_uniform_and_the_same_for_every_activation() {
    for depth in [1, 8, MAX_DEPTH] {
        for dying in [false, true] {
            let s = setup(depth, Activation::Sigmoid, dying);
            let (w, b) = chain_weights(&s.layers(Activation::Sigmoid));
            assert_eq!(w.len(), depth);
            for (l, &wl) in w.iter().enumerate() {
                assert!(
                    (0.5..1.5).contains(&wl),
                    "w_{} = {wl} outside U(0.5, 1.5)",
                    l + 1
                );
            }
            // Chain biases: 0; with the dying ReLU, b₂ = −3 and every later bias 0.2.
            for (l, &bl) in b.iter().enumerate() {
                let expected = match (dying, l) {
                    (true, 1) => -3.0,
                    (true, l) if l > 1 => 0.2,
                    _ => 0.0,
                };
                assert_eq!(bl, expected, "b_{} (depth {depth}, dying {dying})", l + 1);
            }
            for act in CHAIN_ACTIVATIONS {
                let layers = s.layers(act);
                assert_eq!(chain_weights(&layers), (w.clone(), b.clone()), "{act:?}");
                assert!(layers.iter().all(|l| l.activation == act), "{act:?}");
            }
        }
    }
    assert_eq!(DYING_BIAS, -3.0);
}

/// A wider stack: the gradient is the mean |∂E/∂w| over each layer's weights, the signal the mean |∂E/∂z|
/// over its neurons, and there is no chain factor. Backprop written out with explicit sums.
#[test]
fn wide_stack_reports_mean_magnitudes_and_no_factor() {
    for act in CHAIN_ACTIVATIONS {
        for (depth, width) in [(4, 3), (6, MAX_WIDTH), (2, 2)] {
            let s = ChainSetup {
                depth,
                width,
                activation: act,
                dying_relu: false,
                seed: 7,
                train_rate: TRAIN_RATE,
            };
            let layers = s.layers(act);
            // Shapes and Glorot bounds: limit √(6 / (fan_in + fan_out)); biases 0.2.
            let mut fan_in = 1;
            for (l, layer) in layers.iter().enumerate() {
                let n = if l + 1 == depth { 1 } else { width };
                assert_eq!(layer.weights.len(), n);
                let limit = (6.0 / (fan_in + n) as f64).sqrt();
                for row in &layer.weights {
                    assert_eq!(row.len(), fan_in);
                    assert!(row.iter().all(|w| w.abs() <= limit), "Glorot bound");
                }
                assert!(layer.biases.iter().all(|&b| b == 0.2));
                fan_in = n;
            }
            // Forward.
            let mut zs: Vec<Vec<f64>> = Vec::new();
            let mut as_: Vec<Vec<f64>> = Vec::new();
            let mut prev = vec![X];
            for layer in &layers {
                let z: Vec<f64> = layer
                    .weights
                    .iter()
                    .zip(&layer.biases)
                    .map(|(row, b)| row.iter().zip(&prev).map(|(w, a)| w * a).sum::<f64>() + b)
                    .collect();
                let a: Vec<f64> = z.iter().map(|&z| f(act, z)).collect();
                prev = a.clone();
                zs.push(z);
                as_.push(a);
            }
            // Backward.
            let mut de_dz: Vec<Vec<f64>> = vec![Vec::new(); depth];
            let out = as_[depth - 1][0];
            de_dz[depth - 1] = vec![(out - T) * df(act, zs[depth - 1][0])];
            for l in (0..depth - 1).rev() {
                de_dz[l] = (0..zs[l].len())
                    .map(|i| {
                        let back: f64 = layers[l + 1]
                            .weights
                            .iter()
                            .zip(&de_dz[l + 1])
                            .map(|(row, g)| row[i] * g)
                            .sum();
                        back * df(act, zs[l][i])
                    })
                    .collect();
            }
            let r = report(&s, act);
            for l in 0..depth {
                let a_prev: &[f64] = if l == 0 { &[X] } else { &as_[l - 1] };
                let mut sum = 0.0;
                let mut count = 0;
                for g in &de_dz[l] {
                    for a in a_prev {
                        sum += (g * a).abs();
                        count += 1;
                    }
                }
                let what = format!("{act:?} {depth}×{width} layer {}", l + 1);
                assert_rel_or_zero(r.layers[l].gradient, sum / count as f64, 1e-10, &what);
                let signal = de_dz[l].iter().map(|g| g.abs()).sum::<f64>() / de_dz[l].len() as f64;
                assert_rel_or_zero(r.layers[l].signal, signal, 1e-10, &what);
                assert_eq!(
                    r.layers[l].factor, None,
                    "{what}: no factor in a wide stack"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// 2. Sigmoid shrinks the signal; ReLU does not.

#[test]
fn sigmoid_shrinks_the_gradient_on_its_way_back() {
    for depth in 2..=MAX_DEPTH {
        let s = setup(depth, Activation::Sigmoid, false);
        let (w, _) = chain_weights(&s.layers(Activation::Sigmoid));
        let max_w = w.iter().copied().fold(0.0, f64::max);
        let r = report(&s, Activation::Sigmoid);
        let (first, last) = (r.layers[0].gradient, r.layers[depth - 1].gradient);
        assert!(
            first < last,
            "depth {depth}: first {first:e} not below last {last:e}"
        );
        for lr in &r.layers[1..] {
            let factor = lr.factor.expect("a chain layer has a factor");
            // σ′ ≤ 1/4, so f′(z)·w ≤ w/4 ≤ max w / 4 (< 0.375 since w < 1.5).
            assert!(
                factor > 0.0 && factor <= 0.25 * max_w,
                "depth {depth}: factor {factor}"
            );
            assert!(factor < 0.375);
        }
        // Then the first layer's gradient is at most (max w / 4)^(L−1) times the output's ∂E/∂z_L.
        let bound = r.layers[depth - 1].signal * (0.25 * max_w).powi(depth as i32 - 1) * X;
        assert!(
            first <= bound * (1.0 + 1e-12),
            "depth {depth}: {first:e} > {bound:e}"
        );
    }
}

#[test]
fn sigmoid_ratio_grows_with_depth() {
    let s = ChainSetup::default();
    let points = ratio_by_depth(&s);
    assert_eq!(points.len(), MAX_DEPTH - 1, "depths 2..=20");
    for (k, p) in points.iter().enumerate() {
        assert_eq!(p.depth, k + 2, "depth column");
        assert_eq!(p.zero, None);
        // The ratio at each depth is the closed form |∂E/∂w_L| / |∂E/∂w_1| of that chain.
        let hand = hand_for(
            &setup(k + 2, Activation::Sigmoid, false),
            Activation::Sigmoid,
        );
        let expected = hand.de_dw[k + 1].abs() / hand.de_dw[0].abs();
        let ratio = p.ratio.expect("a sigmoid chain's first gradient is not 0");
        assert_rel(ratio, expected, 1e-11, &format!("ratio at depth {}", k + 2));
    }
    for pair in points.windows(2) {
        assert!(
            pair[1].ratio > pair[0].ratio,
            "sigmoid ratio not increasing: depth {} → {:?}, depth {} → {:?}",
            pair[0].depth,
            pair[0].ratio,
            pair[1].depth,
            pair[1].ratio
        );
    }
    // At depth 20 the first layer's gradient is more than a hundred million times smaller (4^19 ≈ 2.7e11
    // is the most σ′ ≤ ¼ alone could give with unit weights).
    assert!(points[points.len() - 1].ratio.unwrap() > 1e8);
    // The default depth (8) alone shows a ratio in the thousands.
    assert!(report(&s, Activation::Sigmoid).ratio.unwrap() > 1e3);
}

#[test]
fn relu_and_leaky_relu_keep_the_ratio_near_one() {
    for act in [Activation::Relu, Activation::LeakyRelu] {
        let s = ChainSetup {
            activation: act,
            ..ChainSetup::default()
        };
        let points = ratio_by_depth(&s);
        assert_eq!(points.len(), MAX_DEPTH - 1);
        for p in &points {
            // Slope 1 everywhere on the default seed: the ratio is a product of weights in (0.5, 1.5) over
            // the input, well within one order of magnitude (observed 0.72–1.6; asserted within 2×).
            assert!(
                (0.5..2.0).contains(&p.ratio.unwrap()),
                "{act:?} depth {}: ratio {:?}",
                p.depth,
                p.ratio
            );
        }
        let r = report(&s, act);
        assert!(
            r.layers.iter().all(|l| l.slope == 1.0),
            "{act:?}: every ReLU on"
        );
        let ratio = r.ratio.unwrap();
        assert!((0.1..10.0).contains(&ratio), "{act:?}: ratio {ratio}");
    }
}

// ---------------------------------------------------------------------------------------------------------
// 3. The seed's two-neuron ratio.

#[test]
fn seed_ratio_is_about_fifty_six() {
    let r = seed_ratio().expect("the seed spec is valid");
    // x = 0.1, w₁ = 0.15, b₁ = 0.4, w₂ = 0.45, b₂ = 0.65, T = 0.25, sigmoid, E = ½(a₂ − T)².
    let s = |z: f64| 1.0 / (1.0 + (-z).exp());
    let (x, w1, b1, w2, b2, t) = (0.1, 0.15, 0.4, 0.45, 0.65, 0.25);
    let a1 = s(w1 * x + b1);
    let a2 = s(w2 * a1 + b2);
    let delta2 = (a2 - t) * a2 * (1.0 - a2);
    let de_dw2 = delta2 * a1;
    let de_dw1 = delta2 * w2 * a1 * (1.0 - a1) * x;
    assert_rel(r.de_dw1, de_dw1, 1e-12, "∂E/∂w₁");
    assert_rel(r.de_dw2, de_dw2, 1e-12, "∂E/∂w₂");
    assert_rel(r.ratio, de_dw2 / de_dw1, 1e-12, "ratio");
    // The printed numbers.
    assert_sig4(r.de_dw1, 0.001021, "∂E/∂w₁");
    assert_sig4(r.de_dw2, 0.05707, "∂E/∂w₂");
    assert_sig4(r.ratio, 55.87, "ratio");
    assert_eq!(r.ratio.round(), 56.0, "the seed's ~56×");
    // Taken apart: the biases' ratio is the backward factor alone, 1/(w₂·σ′(z₁)) ≈ 9.28; the weights' adds
    // the ratio of their inputs, a₁/x ≈ 6.02.
    assert_rel(
        r.de_db2 / r.de_db1,
        1.0 / (w2 * a1 * (1.0 - a1)),
        1e-12,
        "biases' ratio",
    );
    assert_sig4(r.de_db2 / r.de_db1, 9.277, "biases' ratio");
    assert_eq!((r.x, r.a1), (x, a1));
    assert_rel(
        r.ratio,
        r.de_db2 / r.de_db1 * a1 / x,
        1e-12,
        "weights' = biases' × a₁/x",
    );
}

// ---------------------------------------------------------------------------------------------------------
// 4. The dying ReLU.

#[test]
fn dying_relu_stops_the_layers_behind_the_dead_neuron() {
    let s = ChainSetup {
        dying_relu: true,
        ..ChainSetup::default()
    };
    assert_eq!(s.depth, 8);
    let (w, b) = chain_weights(&s.layers(Activation::Relu));
    // Why: z₂ = w₂·a₁ − 3 with a₁ = w₁·x < 1.5 and w₂ < 1.5, so z₂ < 2.25 − 3 < 0.
    let z2 = w[1] * (w[0] * X) + DYING_BIAS;
    assert!(z2 < 1.5 * 1.5 - 3.0, "z₂ = {z2}");
    assert!(z2 < 0.0);
    assert_eq!(b[1], -3.0);

    let relu = report(&s, Activation::Relu);
    assert_eq!(relu.layers[1].z.len(), 1);
    assert_rel(relu.layers[1].z[0], z2, 1e-12, "ReLU z₂");
    assert!(relu.layers[1].z[0] < 0.0);
    assert_eq!(relu.layers[1].slope, 0.0, "ReLU′(z₂ < 0) = 0");
    // Layers 1 and 2 (behind and at the dead neuron) and 3 (fed by its output 0) learn nothing.
    for l in 0..3 {
        assert_eq!(
            relu.layers[l].gradient,
            0.0,
            "ReLU layer {} gradient",
            l + 1
        );
        assert_eq!(
            relu.weight_change[l],
            0.0,
            "ReLU layer {} weight change",
            l + 1
        );
    }
    for l in 0..2 {
        assert_eq!(
            relu.layers[l].zero,
            Some(Zero::ReluOff),
            "ReLU layer {}",
            l + 1
        );
        assert_eq!(relu.layers[l].signal, 0.0, "ReLU layer {} ∂E/∂z", l + 1);
    }
    // Layer 3 still gets a signal (its z = 0·w₃ + 0.2 > 0); only its input is 0.
    assert_rel(relu.layers[2].z[0], 0.2, 1e-15, "ReLU z₃ = b₃");
    assert!(relu.layers[2].signal > 0.0);
    for l in 3..8 {
        assert!(relu.layers[l].gradient > 0.0, "ReLU layer {} learns", l + 1);
        assert_eq!(relu.layers[l].zero, None, "ReLU layer {}", l + 1);
        assert!(relu.weight_change[l] > 0.0, "ReLU layer {} moves", l + 1);
    }
    assert_eq!(relu.ratio, None, "the first gradient is 0: no ratio");

    let leaky = report(&s, Activation::LeakyRelu);
    assert_rel(leaky.layers[1].z[0], z2, 1e-12, "leaky z₂");
    assert_eq!(leaky.layers[1].slope, 0.01, "leaky ReLU′(z₂ < 0) = 0.01");
    for l in 0..8 {
        assert!(
            leaky.layers[l].gradient > 0.0,
            "leaky layer {} gradient",
            l + 1
        );
        assert_eq!(leaky.layers[l].zero, None, "leaky layer {}", l + 1);
        assert!(
            leaky.weight_change[l] > 0.0,
            "leaky layer {} weight change",
            l + 1
        );
    }
    // Leaky: the signal through the dead neuron is scaled by 0.01, not cut: ∂E/∂z₂ = w₃·∂E/∂z₃·0.01.
    let hand = hand_for(&s, Activation::LeakyRelu);
    assert_rel(
        leaky.layers[1].signal,
        (hand.w[2] * hand.de_dz[2] * 0.01).abs(),
        1e-12,
        "leaky ∂E/∂z₂",
    );
    assert!(leaky.ratio.unwrap().is_finite());
}

/// Layer 3's gradient is 0 because its input a₂ = ReLU(z₂ < 0) = 0: its own ReLU is on and a signal reaches
/// it, so the cause is its dead input, not a ReLU off on the way back and not an underflow.
#[test]
fn a_layer_fed_by_a_dead_relu_is_labelled_dead_input() {
    let s = ChainSetup {
        dying_relu: true,
        activation: Activation::Relu,
        ..ChainSetup::default()
    };
    let relu = report(&s, Activation::Relu);
    assert_eq!(relu.layers[2].gradient, 0.0);
    assert_eq!(relu.layers[2].slope, 1.0, "layer 3's own ReLU is on");
    assert_eq!(
        relu.layers[2].zero,
        Some(Zero::DeadInput),
        "layer 3 (input a₂ = 0 from the dead ReLU) is labelled {:?}",
        relu.layers[2].zero
    );
    // Layers 1 and 2 are cut off on the way back, at layer 2's ReLU.
    assert_eq!(relu.layers[1].zero, Some(Zero::ReluOff));
    assert_eq!(relu.layers[0].zero, Some(Zero::ReluOff));
    // The table by depth keeps every depth and says why the first gradient is 0 (from depth 2, where the
    // dead layer is the output, to 20).
    let depths = ratio_by_depth(&s);
    assert_eq!(
        depths.iter().map(|d| d.depth).collect::<Vec<_>>(),
        (2..=MAX_DEPTH).collect::<Vec<_>>()
    );
    for d in &depths {
        assert_eq!(d.ratio, None, "depth {}", d.depth);
        assert_eq!(d.zero, Some(Zero::ReluOff), "depth {}", d.depth);
    }
    // No ReLU (or leaky ReLU) setup within the lab's bounds can underflow: every value is O(1) or exactly 0.
    for act in [Activation::Relu, Activation::LeakyRelu] {
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
                    let trace = Trainer::new(s.spec(act)).unwrap().step();
                    for lr in layer_reports(&trace) {
                        assert_ne!(
                            lr.zero,
                            Some(Zero::Underflow),
                            "{act:?} depth {depth} width {width} dying {dying_relu}: layer {} labelled underflow",
                            lr.layer
                        );
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// 5. Underflow, and nothing NaN or infinite.

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

// ---------------------------------------------------------------------------------------------------------
// 6. Training.

#[test]
fn training_moves_sigmoid_first_layer_far_less_than_relu() {
    let s = ChainSetup::default();
    let sig = report(&s, Activation::Sigmoid);
    let (first, last) = (sig.weight_change[0], sig.weight_change[s.depth - 1]);
    // Observed ≈ 3.2e-5 vs 0.79 (≈ 24 000×).
    assert!(
        first > 0.0 && first * 100.0 <= last,
        "sigmoid: first {first:e}, last {last:e}"
    );
    // Monotone along the chain for sigmoid on this seed.
    for pair in sig.weight_change.windows(2) {
        assert!(
            pair[0] < pair[1],
            "sigmoid weight change {:?}",
            sig.weight_change
        );
    }
    for act in [Activation::Relu, Activation::LeakyRelu] {
        let r = report(&s, act);
        let (first, last) = (r.weight_change[0], r.weight_change[s.depth - 1]);
        // Observed ≈ 0.44 vs 0.45.
        assert!(first > 0.0 && last > 0.0);
        assert!(
            first <= 10.0 * last && last <= 10.0 * first,
            "{act:?}: {first} vs {last}"
        );
    }
}

#[test]
fn losses_start_at_the_first_step_and_decrease() {
    let s = ChainSetup::default();
    assert_eq!(TRAIN_STEPS, 300);
    for act in CHAIN_ACTIVATIONS {
        let r = report(&s, act);
        let hand = hand_for(&s, act);
        assert_eq!(r.diverged_at, None, "{act:?} on the default setup");
        assert_eq!(r.losses.len(), TRAIN_STEPS, "{act:?}: one loss per step");
        assert_rel(
            r.losses[0],
            hand.loss,
            1e-12,
            &format!("{act:?} first loss"),
        );
        let last = *r.losses.last().unwrap();
        assert!(last < r.losses[0], "{act:?}: {} → {last}", r.losses[0]);
        // The second loss is that of the weights after one SGD step, w ← w − η·∂E/∂w, b ← b − η·∂E/∂z.
        let (w, b) = chain_weights(&s.layers(act));
        let w1: Vec<f64> = w
            .iter()
            .zip(&hand.de_dw)
            .map(|(w, g)| w - TRAIN_RATE * g)
            .collect();
        let b1: Vec<f64> = b
            .iter()
            .zip(&hand.de_dz)
            .map(|(b, g)| b - TRAIN_RATE * g)
            .collect();
        let after = hand_chain(act, &w1, &b1);
        assert_rel(
            r.losses[1],
            after.loss,
            1e-10,
            &format!("{act:?} second loss"),
        );
        assert!(
            r.weight_change.iter().all(|&c| c > 0.0),
            "{act:?}: every layer moves"
        );
    }
    // The learning rate: a one-layer chain moves by exactly η·|∂E/∂w| in its first step.
    let one = setup(1, Activation::Identity, false);
    let hand = hand_for(&one, Activation::Identity);
    let mut trainer = Trainer::new(one.spec(Activation::Identity)).unwrap();
    let step = trainer.step();
    assert_rel(
        (step.after[0].weights[0][0] - step.before[0].weights[0][0]).abs(),
        TRAIN_RATE * hand.de_dw[0].abs(),
        1e-12,
        "one SGD step",
    );
}

#[test]
fn a_diverged_run_keeps_the_losses_before_the_overflow() {
    // An identity stack of 20, four wide, with the dying bias: its output overshoots and the weights blow up.
    let s = ChainSetup {
        depth: MAX_DEPTH,
        width: 4,
        activation: Activation::Identity,
        dying_relu: true,
        seed: 1,
        train_rate: TRAIN_RATE,
    };
    let r = report(&s, Activation::Identity);
    let step = r.diverged_at.expect("this run diverges");
    assert!((2..=TRAIN_STEPS).contains(&step));
    assert_eq!(r.losses.len(), step - 1);
    // The first loss is that of a fresh trainer's first step on the same weights.
    let first = Trainer::new(s.spec(Activation::Identity)).unwrap().step();
    assert_eq!(r.losses[0], first.loss, "first loss");
    assert!(r.losses.iter().all(|l| l.is_finite()));
    assert!(
        r.weight_change.iter().all(|c| c.is_finite()),
        "weight change after divergence: {:?}",
        r.weight_change
    );
}

// ---------------------------------------------------------------------------------------------------------
// 7. Bounds and commands.

#[track_caller]
fn assert_refused(lab: &mut VanishingLab, command: VanishingCommand, names: &[&str]) {
    let before: VanishingSnapshot = lab.snapshot();
    let what = format!("{command:?}");
    let err = lab.apply(command).expect_err(&what);
    for name in names {
        assert!(
            err.contains(name),
            "{what}: message {err:?} does not name {name:?}"
        );
    }
    assert_eq!(lab.snapshot(), before, "{what} changed the snapshot");
}

#[test]
fn out_of_range_setups_are_refused_and_change_nothing() {
    let mut lab = lab();
    assert_eq!(MAX_DEPTH, 20);
    assert_eq!(MAX_WIDTH, 8);
    assert_refused(
        &mut lab,
        VanishingCommand::SetDepth { depth: 0 },
        &["depth", "1", "20"],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetDepth { depth: 21 },
        &["depth", "20"],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetWidth { width: 0 },
        &["width", "1", "8"],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetWidth { width: 9 },
        &["width", "8"],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetActivation {
            activation: Activation::Softmax,
        },
        &[],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetGalleryActivation {
            activation: Activation::Softmax,
        },
        &[],
    );
    for bad in [
        ChainSetup {
            depth: 0,
            ..ChainSetup::default()
        },
        ChainSetup {
            depth: 21,
            ..ChainSetup::default()
        },
        ChainSetup {
            width: 0,
            ..ChainSetup::default()
        },
        ChainSetup {
            width: 9,
            ..ChainSetup::default()
        },
        ChainSetup {
            activation: Activation::Softmax,
            ..ChainSetup::default()
        },
    ] {
        assert!(bad.validate().is_err(), "{bad:?}");
        assert!(VanishingLab::new(bad).is_err());
    }
    // The limits themselves are accepted.
    for (depth, width) in [(1, 1), (MAX_DEPTH, 1), (1, MAX_WIDTH), (3, MAX_WIDTH)] {
        let ok = ChainSetup {
            depth,
            width,
            ..ChainSetup::default()
        };
        assert_eq!(ok.validate(), Ok(()));
    }
}

#[test]
fn setup_commands_recompute_and_show_the_whole_backward_pass() {
    let mut lab = lab();
    let s = lab.snapshot();
    assert_eq!(s.setup, ChainSetup::default());
    assert_eq!(s.revealed, 8);
    let acts: Vec<Activation> = s.compared.iter().map(|r| r.activation).collect();
    assert_eq!(acts, COMPARED.to_vec());
    assert_eq!(s.chosen.activation, Activation::Sigmoid);
    assert_eq!(s.ratio_by_depth.len(), MAX_DEPTH - 1);

    lab.apply(VanishingCommand::Reveal { count: -3 }).unwrap();
    lab.apply(VanishingCommand::SetDepth { depth: 5 }).unwrap();
    let s = lab.snapshot();
    assert_eq!(s.setup.depth, 5);
    assert_eq!(s.revealed, 5, "a new chain shows its whole backward pass");
    assert_eq!(s.chosen.layers.len(), 5);
    let hand = hand_for(&setup(5, Activation::Sigmoid, false), Activation::Sigmoid);
    for l in 0..5 {
        assert_rel(
            s.chosen.layers[l].gradient,
            hand.de_dw[l].abs(),
            1e-12,
            "depth 5",
        );
    }

    lab.apply(VanishingCommand::SetActivation {
        activation: Activation::Identity,
    })
    .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.chosen.activation, Activation::Identity);
    assert_eq!(
        s.compared.len(),
        COMPARED.len() + 1,
        "identity joins the comparison"
    );
    assert_eq!(s.compared[COMPARED.len()].activation, Activation::Identity);

    lab.apply(VanishingCommand::SetWidth { width: 3 }).unwrap();
    let s = lab.snapshot();
    assert_eq!(s.setup.width, 3);
    assert!(s.chosen.layers.iter().all(|l| l.factor.is_none()));

    lab.apply(VanishingCommand::SetDyingRelu { on: true })
        .unwrap();
    assert!(lab.snapshot().setup.dying_relu);
}

#[test]
fn reveal_clamps_to_the_depth() {
    let mut lab = lab();
    let depth = lab.snapshot().setup.depth as i64;
    let mut shown = depth;
    for count in [-3, -100, 2, 1, 100, -1, i64::MIN, i64::MAX, 0, -2] {
        lab.apply(VanishingCommand::Reveal { count }).unwrap();
        shown = shown.saturating_add(count).clamp(0, depth);
        assert_eq!(
            lab.snapshot().revealed as i64,
            shown,
            "after Reveal {count}"
        );
    }
    lab.apply(VanishingCommand::Reveal { count: -100 }).unwrap();
    assert_eq!(lab.snapshot().revealed, 0);
    lab.apply(VanishingCommand::RevealAll).unwrap();
    assert_eq!(lab.snapshot().revealed, 8);
}

#[test]
fn gallery_z_clamps_and_rejects_nan() {
    let mut lab = lab();
    assert_eq!(GALLERY_Z, 6.0);
    for (z, shown) in [
        (100.0, 6.0),
        (-100.0, -6.0),
        (2.5, 2.5),
        (-6.0, -6.0),
        (6.0001, 6.0),
    ] {
        lab.apply(VanishingCommand::SetGalleryZ { z }).unwrap();
        let g = lab.snapshot().gallery;
        assert_eq!(g.z, shown, "z {z}");
        assert_rel(g.f, f(Activation::Sigmoid, shown), 1e-12, "gallery f");
        assert_rel(g.df, df(Activation::Sigmoid, shown), 1e-12, "gallery f′");
    }
    assert_refused(&mut lab, VanishingCommand::SetGalleryZ { z: f64::NAN }, &[]);
    lab.apply(VanishingCommand::SetGalleryActivation {
        activation: Activation::Tanh,
    })
    .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.gallery_activation, Activation::Tanh);
    assert_rel(s.gallery.f, f(Activation::Tanh, 6.0), 1e-12, "tanh(6)");
    // The curve spans ±GALLERY_Z.
    assert_eq!(s.gallery_curve.first().unwrap().z, -GALLERY_Z);
    assert_rel(
        s.gallery_curve.last().unwrap().z,
        GALLERY_Z,
        1e-15,
        "curve end",
    );
}

#[test]
fn scores_and_temperature_are_checked_and_softmax_is_exact() {
    let mut lab = lab();
    let check = |s: &VanishingSnapshot| {
        let t = s.softmax.temperature;
        let exps: Vec<f64> = s.softmax.scores.iter().map(|x| (x / t).exp()).collect();
        let total: f64 = exps.iter().sum();
        assert_eq!(s.softmax.probabilities.len(), exps.len());
        for (p, e) in s.softmax.probabilities.iter().zip(&exps) {
            assert_rel(*p, e / total, 1e-12, "exp(s/T)/Σexp(s/T)");
        }
        let sum: f64 = s.softmax.probabilities.iter().sum();
        assert!((sum - 1.0).abs() < 1e-12, "sum {sum}");
        assert!(
            (s.softmax.sum - 1.0).abs() < 1e-12,
            "reported sum {}",
            s.softmax.sum
        );
    };
    let s = lab.snapshot();
    assert_eq!(s.softmax.scores, vec![2.0, 1.0, 0.1]);
    assert_eq!(s.softmax.temperature, 1.0);
    check(&s);
    // The seed-style numbers: softmax(2, 1, 0.1) ≈ (0.659, 0.242, 0.099).
    assert!((s.softmax.probabilities[0] - 0.659).abs() < 5e-4);

    assert_refused(
        &mut lab,
        VanishingCommand::SetScores { text: " , ".into() },
        &["between 1 and 10"],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetScores {
            text: ["0.5"; 11].join(", "),
        },
        &["10"],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetScores {
            text: "1, abc".into(),
        },
        &["“abc” is not a number"],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetTemperature { temperature: 0.0 },
        &[],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetTemperature {
            temperature: 1000.0,
        },
        &[],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetTemperature {
            temperature: f64::NAN,
        },
        &[],
    );

    let ten: Vec<f64> = (0..10).map(|k| k as f64 * 0.7 - 3.0).collect();
    let text: Vec<String> = ten.iter().map(|v| v.to_string()).collect();
    lab.apply(VanishingCommand::SetScores {
        text: text.join(" "),
    })
    .unwrap();
    lab.apply(VanishingCommand::SetTemperature { temperature: 2.5 })
        .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.softmax.scores, ten);
    assert_eq!(s.softmax.temperature, 2.5);
    check(&s);
    // A low temperature sharpens, a high one flattens.
    lab.apply(VanishingCommand::SetTemperature { temperature: 0.01 })
        .unwrap();
    let sharp = lab.snapshot();
    check(&sharp);
    assert!(sharp.softmax.probabilities[9] > 0.999);
    lab.apply(VanishingCommand::SetTemperature { temperature: 100.0 })
        .unwrap();
    let flat = lab.snapshot();
    check(&flat);
    assert!(flat
        .softmax
        .probabilities
        .iter()
        .all(|p| (p - 0.1).abs() < 0.01));
    // Large scores do not overflow: the scaled exponentials are formed relative to the largest.
    lab.apply(VanishingCommand::SetScores {
        text: "1e6, 999999".into(),
    })
    .unwrap();
    lab.apply(VanishingCommand::SetTemperature { temperature: 1.0 })
        .unwrap();
    let big = lab.snapshot();
    let e = (-1.0f64).exp();
    assert_rel(big.softmax.probabilities[0], 1.0 / (1.0 + e), 1e-12, "p₀");
    assert_rel(big.softmax.probabilities[1], e / (1.0 + e), 1e-12, "p₁");
}

#[test]
fn the_same_seed_gives_the_same_snapshot_and_another_seed_other_weights() {
    let a = lab().snapshot();
    let b = lab().snapshot();
    assert_eq!(a, b);

    let one = ChainSetup::default();
    let two = ChainSetup {
        seed: 2,
        ..ChainSetup::default()
    };
    let (w1, _) = chain_weights(&one.layers(Activation::Sigmoid));
    let (w2, _) = chain_weights(&two.layers(Activation::Sigmoid));
    assert_ne!(w1, w2);
    assert!(
        w1.iter().zip(&w2).all(|(x, y)| x != y),
        "every weight is redrawn"
    );

    let mut lab2 = lab();
    lab2.apply(VanishingCommand::Reseed { seed: 2 }).unwrap();
    let c = lab2.snapshot();
    assert_ne!(c, a);
    assert_eq!(c.setup.seed, 2);
    assert_ne!(c.chosen.layers[0].gradient, a.chosen.layers[0].gradient);
    // The report follows the new weights.
    let hand = hand_for(&two, Activation::Sigmoid);
    for l in 0..8 {
        assert_rel(
            c.chosen.layers[l].gradient,
            hand.de_dw[l].abs(),
            1e-12,
            "seed 2",
        );
    }
    // Reseeding back restores the first snapshot exactly.
    lab2.apply(VanishingCommand::Reseed { seed: 1 }).unwrap();
    assert_eq!(lab2.snapshot(), a);
}

// ---------------------------------------------------------------------------------------------------------
// 8. The activation gallery.

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

/// With the default weights no activation's run gets stuck (at η = 0.05 the ReLU chain's first step turned a
/// ReLU off for good); a chain whose output ReLU is off from the start is stuck from step 0, and says so.
#[test]
fn a_run_that_cannot_move_says_when_it_stopped() {
    let s = ChainSetup::default();
    for act in CHAIN_ACTIVATIONS {
        let r = report(&s, act);
        assert_eq!(r.stuck_after, None, "{act:?} on the default setup");
    }
    let relu = report(
        &ChainSetup {
            activation: Activation::Relu,
            ..s.clone()
        },
        Activation::Relu,
    );
    let sigmoid = report(&s, Activation::Sigmoid);
    assert!(
        relu.losses.last().unwrap() * 1e6 < *sigmoid.losses.last().unwrap(),
        "ReLU reaches the target, the sigmoid does not: {:?} vs {:?}",
        relu.losses.last(),
        sigmoid.losses.last()
    );
    // Depth 2 with the dying bias: the output ReLU is the dead one, so nothing ever gets a gradient.
    let dead = ChainSetup {
        depth: 2,
        activation: Activation::Relu,
        dying_relu: true,
        ..s
    };
    let r = report(&dead, Activation::Relu);
    assert_eq!(r.stuck_after, Some(0));
    assert!(r.losses.iter().all(|&l| l == r.losses[0] && l > 0.0));
    assert!(r.weight_change.iter().all(|&c| c == 0.0));
    // Leaky ReLU leaks a little gradient through the same neuron, so it is never stuck.
    assert_eq!(report(&dead, Activation::LeakyRelu).stuck_after, None);
}

/// Too large a step kills a ReLU chain: at η = 0.05 the first step of the default chain moves its weights by
/// about 0.45 and turns a ReLU off for good. The run says after which step it stuck; leaky ReLU, whose slope
/// below 0 is 0.01, keeps crawling.
#[test]
fn a_large_learning_rate_kills_the_relu_chain_on_its_first_step() {
    let mut lab = lab();
    lab.apply(VanishingCommand::SetTrainRate { rate: 0.05 })
        .unwrap();
    let snapshot = lab.snapshot();
    assert_eq!(snapshot.train_rate, 0.05);
    let by = |a: Activation| {
        snapshot
            .compared
            .iter()
            .find(|r| r.activation == a)
            .unwrap()
    };
    assert_eq!(by(Activation::Relu).stuck_after, Some(1));
    assert_eq!(by(Activation::LeakyRelu).stuck_after, None);
    assert_eq!(by(Activation::Sigmoid).stuck_after, None);
    let relu = by(Activation::Relu);
    assert!(
        relu.losses[1..].iter().all(|&l| l == relu.losses[1]),
        "flat after step 1"
    );
    assert_eq!(relu.final_loss, *relu.losses.last().unwrap());
    let leaky = by(Activation::LeakyRelu);
    let after_first = leaky.loss_after_step_1.unwrap();
    assert_eq!(after_first, leaky.losses[1]);
    assert!(
        leaky.final_loss < after_first,
        "leaky ReLU creeps down: {after_first} → {}",
        leaky.final_loss
    );
    for (rate, what) in [(0.0, "zero"), (1.5, "too large"), (f64::NAN, "NaN")] {
        assert!(
            lab.apply(VanishingCommand::SetTrainRate { rate }).is_err(),
            "{what} refused"
        );
    }
    assert_eq!(
        lab.snapshot().train_rate,
        0.05,
        "a refused rate changes nothing"
    );
}

/// In a wide stack a layer whose inputs are all 0 (the layer before it is entirely off) still receives a
/// signal: its zero gradient is the dead input's, not a ReLU off on the way back.
#[test]
fn a_wide_layer_behind_an_all_off_layer_is_labelled_dead_input() {
    let s = ChainSetup {
        depth: 8,
        width: 4,
        activation: Activation::Relu,
        ..ChainSetup::default()
    };
    let trace = Trainer::new(s.spec(Activation::Relu)).unwrap().step();
    let reports = layer_reports(&trace);
    let mut seen = 0;
    for (l, r) in reports.iter().enumerate() {
        let ex = &trace.examples[0];
        let dead_input = l > 0 && ex.layers[l - 1].a.iter().all(|&a| a == 0.0);
        if r.gradient == 0.0 && r.signal > 0.0 {
            assert!(
                dead_input,
                "layer {}: a zero with a signal has a dead input",
                r.layer
            );
            assert_eq!(r.zero, Some(Zero::DeadInput), "layer {}", r.layer);
            seen += 1;
        }
        if r.zero == Some(Zero::ReluOff) {
            assert_eq!(
                r.signal, 0.0,
                "layer {}: 'ReLU off' means no signal arrived",
                r.layer
            );
        }
    }
    assert!(
        seen > 0,
        "this stack has a layer behind an all-off layer: {reports:?}"
    );
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
