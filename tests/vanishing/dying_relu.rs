//! The dying ReLU: the layers behind a dead neuron stop learning, and their zero gradients are labelled by
//! cause (a ReLU off on the way back, or a dead input), in a chain and in a wide stack.

use crate::common::assert_rel;
use crate::hand::{chain_weights, hand_for, X};
use backprop_lab::engine::Activation;
use backprop_lab::engine::Trainer;
use backprop_lab::labs::vanishing::{
    layer_reports, ratio_by_depth, report, ChainSetup, Zero, DYING_BIAS, MAX_DEPTH, MAX_WIDTH,
    TRAIN_RATE,
};

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
