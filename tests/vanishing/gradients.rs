//! Per-layer gradients against the closed-form product of factors, how sigmoid shrinks the signal on its way
//! back and ReLU does not, and the seed's two-neuron ratio taken apart.

use crate::common::{assert_rel, assert_sig4};
use crate::hand::{
    assert_rel_or_zero, chain_weights, df, f, hand_for, setup, CHAIN_ACTIVATIONS, T, X,
};
use backprop_lab::engine::Activation;
use backprop_lab::labs::vanishing::{
    ratio_by_depth, report, seed_ratio, ChainSetup, DYING_BIAS, MAX_DEPTH, MAX_WIDTH, TRAIN_RATE,
};

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
