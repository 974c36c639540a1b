//! Each optimizer's first steps derived by hand, and the buffers it keeps after one step.

#![allow(unused_imports)]
use crate::common::{assert_rel, identity_neuron, small_net};
use crate::{b_of, entry, grad, run, w_of, B0, T, W0, X};
use backprop_engine::{Optimizer, OptimizerState, ParamSet, Spec, StepTrace, Trainer};

#[test]
fn sgd_first_steps() {
    let traces = run(Optimizer::Sgd { learning_rate: 0.1 }, 3);
    // Step 1 by hand: z = 0.5·1.5 − 0.2 = 0.55, r = z − t = −1.45, g_w = −2.175, g_b = −1.45.
    assert_rel(traces[0].gradients[0].weights[0][0], -2.175, 1e-14, "g_w 1");
    assert_rel(traces[0].gradients[0].biases[0], -1.45, 1e-14, "g_b 1");
    // θ ← θ − η·g: w = 0.5 + 0.2175 = 0.7175, b = −0.2 + 0.145 = −0.055.
    assert_rel(w_of(&traces[0]), 0.7175, 1e-14, "w 1");
    assert_rel(b_of(&traces[0]), -0.055, 1e-13, "b 1");
    // Step 2: z = 0.7175·1.5 − 0.055 = 1.02125, r = −0.97875, g_w = −1.468125.
    // w = 0.7175 + 0.1468125 = 0.8643125, b = −0.055 + 0.097875 = 0.042875.
    assert_rel(w_of(&traces[1]), 0.8643125, 1e-14, "w 2");
    assert_rel(b_of(&traces[1]), 0.042875, 1e-12, "b 2");
    // Step 3 from the formula.
    let (gw, gb) = grad(0.8643125, 0.042875);
    assert_rel(w_of(&traces[2]), 0.8643125 - 0.1 * gw, 1e-14, "w 3");
    assert_rel(b_of(&traces[2]), 0.042875 - 0.1 * gb, 1e-12, "b 3");
    for t in &traces {
        assert_eq!(t.optimizer_state, OptimizerState::Sgd {});
    }
}

#[test]
fn momentum_first_steps() {
    // The default μ is 0.9 (torch.optim.SGD has none; the lab's momentum mode defaults to 0.9).
    let spec = Spec::from_json(
        r#"{"layers": [{"weights": [[0.5]], "biases": [-0.2], "activation": "identity"}],
            "loss": "half_squared_error", "optimizer": {"name": "momentum", "learning_rate": 0.1},
            "data": {"inputs": [[1.5]], "targets": [[2.0]]}}"#,
    )
    .expect("valid");
    assert_eq!(
        spec.optimizer,
        Optimizer::Momentum {
            learning_rate: 0.1,
            momentum: 0.9
        }
    );
    let mut trainer = Trainer::new(spec).expect("valid");
    let traces: Vec<StepTrace> = (0..3).map(|_| trainer.step()).collect();

    // buf ← μ·buf + g; θ ← θ − η·buf. Step 1: buf = g = (−2.175, −1.45), so the step equals SGD's.
    assert_rel(w_of(&traces[0]), 0.7175, 1e-14, "w 1");
    assert_rel(b_of(&traces[0]), -0.055, 1e-13, "b 1");
    // Step 2: g = (−1.468125, −0.97875); buf_w = 0.9·(−2.175) − 1.468125 = −3.425625,
    // buf_b = 0.9·(−1.45) − 0.97875 = −2.28375; w = 0.7175 + 0.3425625 = 1.0600625, b = −0.055 + 0.228375 = 0.173375.
    let (bw, bb) = match &traces[1].optimizer_state {
        OptimizerState::Momentum { buffer } => entry(buffer),
        other => panic!("momentum state expected, got {other:?}"),
    };
    assert_rel(bw, -3.425625, 1e-14, "buf_w 2");
    assert_rel(bb, -2.28375, 1e-14, "buf_b 2");
    assert_rel(w_of(&traces[1]), 1.0600625, 1e-14, "w 2");
    assert_rel(b_of(&traces[1]), 0.173375, 1e-13, "b 2");
    // Step 3: z = 1.0600625·1.5 + 0.173375 = 1.76346875, r = −0.23653125, g_w = −0.354796875;
    // buf_w = 0.9·(−3.425625) − 0.354796875 = −3.437859375; w = 1.0600625 + 0.3437859375 = 1.4038484375.
    assert_rel(w_of(&traces[2]), 1.4038484375, 1e-14, "w 3");
    let buf_b3 = 0.9 * -2.28375 + -0.23653125;
    assert_rel(b_of(&traces[2]), 0.173375 - 0.1 * buf_b3, 1e-13, "b 3");
}

#[test]
fn rmsprop_first_steps() {
    let (lr, alpha, eps) = (0.01, 0.99, 1e-8);
    let spec = Spec::from_json(
        r#"{"layers": [{"weights": [[0.5]], "biases": [-0.2], "activation": "identity"}],
            "loss": "half_squared_error", "optimizer": {"name": "rmsprop", "learning_rate": 0.01},
            "data": {"inputs": [[1.5]], "targets": [[2.0]]}}"#,
    )
    .expect("valid");
    assert_eq!(
        spec.optimizer,
        Optimizer::Rmsprop {
            learning_rate: lr,
            decay: alpha,
            eps
        },
        "torch.optim.RMSprop defaults: alpha 0.99, eps 1e-8"
    );
    let mut trainer = Trainer::new(spec).expect("valid");
    let traces: Vec<StepTrace> = (0..3).map(|_| trainer.step()).collect();

    // v ← α·v + (1 − α)·g²; θ ← θ − η·g/(√v + ε).
    // Step 1 explicitly: v_w = (1 − 0.99)·2.175² = 0.04730625, √v_w = 0.1·2.175 = 0.2175, so w moves by
    // η·2.175/0.2175 = η/√(1 − α) = 0.1 against the gradient (up to ε).
    let v_w1 = (1.0 - alpha) * 2.175 * 2.175;
    assert_rel(
        w_of(&traces[0]),
        W0 + lr * 2.175 / (v_w1.sqrt() + eps),
        1e-14,
        "w 1",
    );
    assert_rel(w_of(&traces[0]), W0 + 0.1, 1e-6, "w 1 ≈ w0 + η/√(1−α)");

    let (mut w, mut b, mut vw, mut vb) = (W0, B0, 0.0, 0.0);
    for (k, t) in traces.iter().enumerate() {
        let (gw, gb) = grad(w, b);
        vw = alpha * vw + (1.0 - alpha) * gw * gw;
        vb = alpha * vb + (1.0 - alpha) * gb * gb;
        w -= lr * gw / (vw.sqrt() + eps);
        b -= lr * gb / (vb.sqrt() + eps);
        assert_rel(w_of(t), w, 1e-12, &format!("w {}", k + 1));
        assert_rel(b_of(t), b, 1e-12, &format!("b {}", k + 1));
        let (sw, sb) = match &t.optimizer_state {
            OptimizerState::Rmsprop { square_avg } => entry(square_avg),
            other => panic!("rmsprop state expected, got {other:?}"),
        };
        assert_rel(sw, vw, 1e-12, "square_avg w");
        assert_rel(sb, vb, 1e-12, "square_avg b");
    }
}

#[test]
fn adam_first_steps() {
    let (lr, b1, b2, eps) = (0.05, 0.9, 0.999, 1e-8);
    let spec = Spec::from_json(
        r#"{"layers": [{"weights": [[0.5]], "biases": [-0.2], "activation": "identity"}],
            "loss": "half_squared_error", "optimizer": {"name": "adam", "learning_rate": 0.05},
            "data": {"inputs": [[1.5]], "targets": [[2.0]]}}"#,
    )
    .expect("valid");
    assert_eq!(
        spec.optimizer,
        Optimizer::Adam {
            learning_rate: lr,
            beta1: b1,
            beta2: b2,
            eps
        },
        "torch.optim.Adam defaults: betas (0.9, 0.999), eps 1e-8"
    );
    let mut trainer = Trainer::new(spec).expect("valid");
    let traces: Vec<StepTrace> = (0..3).map(|_| trainer.step()).collect();

    // Step 1: m̂ = g, v̂ = g², so θ moves by η·g/(|g| + ε) ≈ η = 0.05 against the gradient.
    assert_rel(w_of(&traces[0]), W0 + 0.05, 1e-8, "w 1");
    assert_rel(b_of(&traces[0]), B0 + 0.05, 1e-8, "b 1");

    let (mut w, mut b) = (W0, B0);
    let (mut mw, mut mb, mut vw, mut vb) = (0.0, 0.0, 0.0, 0.0);
    for (k, t) in traces.iter().enumerate() {
        let step = (k + 1) as i32;
        let (gw, gb) = grad(w, b);
        mw = b1 * mw + (1.0 - b1) * gw;
        mb = b1 * mb + (1.0 - b1) * gb;
        vw = b2 * vw + (1.0 - b2) * gw * gw;
        vb = b2 * vb + (1.0 - b2) * gb * gb;
        let (c1, c2) = (1.0 - b1.powi(step), 1.0 - b2.powi(step));
        // ε outside the square root, as torch.optim.Adam documents.
        w -= lr * (mw / c1) / ((vw / c2).sqrt() + eps);
        b -= lr * (mb / c1) / ((vb / c2).sqrt() + eps);
        assert_rel(w_of(t), w, 1e-12, &format!("w {}", k + 1));
        assert_rel(b_of(t), b, 1e-12, &format!("b {}", k + 1));
        match &t.optimizer_state {
            OptimizerState::Adam { steps, m, v } => {
                assert_eq!(*steps, (k + 1) as u64, "Adam's step count");
                let (smw, smb) = entry(m);
                let (svw, svb) = entry(v);
                assert_rel(smw, mw, 1e-12, "m w");
                assert_rel(smb, mb, 1e-12, "m b");
                assert_rel(svw, vw, 1e-12, "v w");
                assert_rel(svb, vb, 1e-12, "v b");
            }
            other => panic!("adam state expected, got {other:?}"),
        }
    }
}

/// Known property: Adam's first step moves every parameter whose gradient is well above ε by almost exactly η,
/// against the sign of its gradient, whatever the gradient's size (|Δθ| = η·|g|/(|g| + ε)).
#[test]
fn adam_first_step_moves_each_parameter_by_about_eta() {
    let lr = 0.01;
    let spec = small_net(
        4,
        4,
        Optimizer::Adam {
            learning_rate: lr,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
    );
    let t = Trainer::new(spec).expect("valid").step();
    let mut checked = 0;
    for ((before, after), g) in t.before.iter().zip(&t.after).zip(&t.gradients) {
        let moved = after.params().zip(before.params()).map(|(a, b)| a - b);
        for (delta, g) in moved.zip(g.values()) {
            if g.abs() < 1e-3 {
                continue;
            }
            checked += 1;
            assert!(
                delta.signum() == -g.signum(),
                "moved {delta} with gradient {g}"
            );
            assert!(
                delta.abs() <= lr * (1.0 + 1e-12) && delta.abs() >= lr * (1.0 - 1e-5),
                "moved by {delta}, expected about η = {lr} (gradient {g})"
            );
        }
    }
    assert!(
        checked >= 8,
        "only {checked} parameters had a usable gradient"
    );
}

/// The recorded optimizer state after the first step, for a multi-layer network: buffers shaped like the
/// parameters, holding g (momentum), (1 − α)g² (RMSprop), (1 − β₁)g and (1 − β₂)g² (Adam, steps = 1).
#[test]
fn optimizer_state_after_one_step_holds_the_expected_buffers() {
    let scaled = |gs: &[ParamSet], f: &dyn Fn(f64) -> f64| -> Vec<ParamSet> {
        gs.iter()
            .map(|g| ParamSet {
                weights: g
                    .weights
                    .iter()
                    .map(|r| r.iter().map(|v| f(*v)).collect())
                    .collect(),
                biases: g.biases.iter().map(|v| f(*v)).collect(),
            })
            .collect()
    };
    let close = |a: &[ParamSet], b: &[ParamSet]| {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert_eq!(x.weights.len(), y.weights.len());
            assert_eq!(x.biases.len(), y.biases.len());
            for (p, q) in x.values().zip(y.values()) {
                assert!((p - q).abs() <= 1e-15 * q.abs().max(1e-300), "{p} vs {q}");
            }
        }
    };

    let t = Trainer::new(small_net(
        3,
        3,
        Optimizer::Momentum {
            learning_rate: 0.1,
            momentum: 0.9,
        },
    ))
    .expect("valid")
    .step();
    match &t.optimizer_state {
        OptimizerState::Momentum { buffer } => assert_eq!(buffer, &t.gradients),
        other => panic!("{other:?}"),
    }

    let t = Trainer::new(small_net(
        3,
        3,
        Optimizer::Rmsprop {
            learning_rate: 0.1,
            decay: 0.99,
            eps: 1e-8,
        },
    ))
    .expect("valid")
    .step();
    match &t.optimizer_state {
        OptimizerState::Rmsprop { square_avg } => {
            close(square_avg, &scaled(&t.gradients, &|g| (1.0 - 0.99) * g * g))
        }
        other => panic!("{other:?}"),
    }

    let t = Trainer::new(small_net(
        3,
        3,
        Optimizer::Adam {
            learning_rate: 0.1,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
    ))
    .expect("valid")
    .step();
    match &t.optimizer_state {
        OptimizerState::Adam { steps, m, v } => {
            assert_eq!(*steps, 1);
            close(m, &scaled(&t.gradients, &|g| (1.0 - 0.9) * g));
            close(v, &scaled(&t.gradients, &|g| (1.0 - 0.999) * g * g));
        }
        other => panic!("{other:?}"),
    }
}
