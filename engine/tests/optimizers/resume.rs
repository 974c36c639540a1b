//! Runs continued from a saved spec give the same bits, a state of another optimizer is refused, and
//! Adam's bias corrections hold at huge step counts.

#![allow(unused_imports)]
use crate::common::{assert_rel, identity_neuron, small_net};
use crate::{b_of, entry, grad, run, w_of, B0, T, W0, X};
use backprop_engine::{Optimizer, OptimizerState, ParamSet, Spec, StepTrace, Trainer};

fn all_optimizers() -> [Optimizer; 4] {
    [
        Optimizer::Sgd { learning_rate: 0.3 },
        Optimizer::Momentum {
            learning_rate: 0.2,
            momentum: 0.8,
        },
        Optimizer::Rmsprop {
            learning_rate: 0.05,
            decay: 0.9,
            eps: 1e-8,
        },
        Optimizer::Adam {
            learning_rate: 0.05,
            beta1: 0.8,
            beta2: 0.99,
            eps: 1e-8,
        },
    ]
}

/// `Trainer::next_spec()` after 3 steps, fed to a new trainer, gives exactly the numbers of steps 4–6 of an
/// uninterrupted run (full-batch, so the data order does not depend on where the run stopped).
#[test]
fn next_spec_continues_bit_identically_for_every_optimizer() {
    for optimizer in all_optimizers() {
        let spec = small_net(3, 3, optimizer);
        let mut whole = Trainer::new(spec.clone()).expect("valid");
        let straight: Vec<StepTrace> = (0..6).map(|_| whole.step()).collect();

        let mut first = Trainer::new(spec).expect("valid");
        for _ in 0..3 {
            first.step();
        }
        let next = first.next_spec();
        assert_eq!(next.layers, straight[2].after, "{}", optimizer.name());
        match optimizer {
            Optimizer::Sgd { .. } => assert_eq!(next.optimizer_state, None),
            _ => assert_eq!(
                next.optimizer_state.as_ref(),
                Some(&straight[2].optimizer_state),
                "{}",
                optimizer.name()
            ),
        }
        let mut resumed = Trainer::new(next).expect("next_spec validates");
        for (k, s) in straight.iter().enumerate().skip(3) {
            let t = resumed.step();
            let name = optimizer.name();
            assert_eq!(t.examples, s.examples, "{name} step {k}: examples");
            assert_eq!(t.loss, s.loss, "{name} step {k}: loss");
            assert_eq!(t.gradients, s.gradients, "{name} step {k}: gradients");
            assert_eq!(t.before, s.before, "{name} step {k}: before");
            assert_eq!(t.after, s.after, "{name} step {k}: after");
            assert_eq!(
                t.optimizer_state, s.optimizer_state,
                "{name} step {k}: state"
            );
        }
        // Not vacuous: the parameters did move in steps 4–6.
        assert_ne!(straight[5].after, straight[2].after);
    }
}

/// A state from the wrong optimizer, or shaped unlike the layers, is refused.
#[test]
fn mismatched_optimizer_state_is_refused() {
    let mut spec = small_net(3, 3, Optimizer::Sgd { learning_rate: 0.1 });
    let mut adam = small_net(
        3,
        3,
        Optimizer::Adam {
            learning_rate: 0.1,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
    );
    let state = Trainer::new(adam.clone())
        .expect("valid")
        .step()
        .optimizer_state;
    spec.optimizer_state = Some(state.clone());
    assert_eq!(
        Trainer::new(spec).err().map(|e| e.field),
        Some("optimizer_state".to_string())
    );
    if let OptimizerState::Adam { steps, m, mut v } = state {
        v[0].biases.pop();
        adam.optimizer_state = Some(OptimizerState::Adam { steps, m, v });
    }
    assert_eq!(
        Trainer::new(adam).err().map(|e| e.field),
        Some("optimizer_state".to_string())
    );
}

fn adam_resumed_at(steps: u64) -> Spec {
    let mut spec = identity_neuron(
        W0,
        B0,
        X,
        T,
        Optimizer::Adam {
            learning_rate: 0.05,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
    );
    let set = |w: f64, b: f64| {
        vec![ParamSet {
            weights: vec![vec![w]],
            biases: vec![b],
        }]
    };
    spec.optimizer_state = Some(OptimizerState::Adam {
        steps,
        m: set(-0.3, -0.2),
        v: set(0.5, 0.25),
    });
    spec
}

/// After many steps both bias corrections are 1 (β₂ᵗ underflows to 0 long before t = 10⁶), so resuming Adam at
/// step 2³¹ must move the parameters exactly as resuming at step 10⁶ does. The crate computes βᵗ with
/// `powi(steps as i32)`: 2³¹ wraps to i32::MIN, β^(−2³¹) = ∞, the correction becomes −∞, m̂ = −0 and the
/// parameters do not move at all.
#[test]
fn adam_bias_correction_survives_large_step_counts() {
    let at = |steps: u64| {
        Trainer::new(adam_resumed_at(steps))
            .expect("valid")
            .step()
            .after
    };
    let reference = at(1_000_000);
    assert_ne!(reference[0].weights[0][0], W0, "premise: Adam moves w");
    assert_eq!(at(1 << 31), reference, "resumed at step 2^31");
    assert_eq!(at(1 << 40), reference, "resumed at step 2^40");
}

/// A spec (for instance a hand-edited `next_spec`) whose Adam step count is u64::MAX must either be refused by
/// validation or step without panicking. The crate accepts it and `steps += 1` overflows (a panic in debug
/// builds, a wrap to t = 0 and a division by zero in release).
#[test]
fn adam_with_maximal_step_count_does_not_panic() {
    let spec = adam_resumed_at(u64::MAX);
    let Ok(mut trainer) = Trainer::new(spec) else {
        return; // refused by validation: fine
    };
    let stepped = std::panic::catch_unwind(move || trainer.step());
    match stepped {
        Ok(t) => assert!(t.is_finite(), "non-finite step: {:?}", t.after),
        Err(_) => panic!("Trainer::step panicked on a spec that Trainer::new accepted"),
    }
}

/// Adam's correction 1 − βᵗ, with βᵗ as e^(t·ln β), agrees with pow's to within two units in the last place
/// of 1 (what subtracting from 1 leaves of either), over every step count a run can reach.
#[test]
fn adams_corrections_agree_with_pow() {
    use backprop_engine::optimizer::power;
    for base in [0.9, 0.99, 0.999, 0.5, 0.123_456_789] {
        for t in (0..200u64).chain([1_000, 4_096, 12_345, 100_000, 1_000_000, 1 << 40]) {
            let (ours, libm) = (1.0 - power(base, t), 1.0 - libm::pow(base, t as f64));
            assert!(
                (ours - libm).abs() <= 2.0 * f64::EPSILON,
                "1 − {base}^{t}: {ours} vs {libm}"
            );
        }
    }
    assert_eq!(power(0.9, 0), 1.0);
}
