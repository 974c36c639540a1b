//! L1 and L2 after the optimizer's update: the rule on one weight derived by hand (the stop at zero
//! included), the fast trainer bit-identical to the traced one with either, and a sweep giving the same
//! activations as the grid and the probe it generalises.

mod common;

use backprop_engine::fast::FastTrainer;
use backprop_engine::{Data, Optimizer, Regularization, Spec, Trainer};
use common::{identity_neuron, small_net};

#[test]
fn l2_shrinks_a_weight_by_eta_lambda_w() {
    let mut w = 0.8;
    Regularization::L2 { rate: 0.5 }.apply(&mut w, 0.1);
    assert_eq!(w, 0.8 - 0.1 * 0.5 * 0.8);
}

#[test]
fn l1_moves_a_weight_by_eta_lambda_towards_zero_and_stops_there() {
    let l1 = Regularization::L1 { rate: 0.5 };
    let at = |w: f64| {
        let mut w = w;
        l1.apply(&mut w, 0.1);
        w
    };
    // η·λ = 0.05.
    assert_eq!(at(0.3), 0.3 - 0.05);
    assert_eq!(at(-0.3), -0.3 + 0.05);
    assert_eq!(at(0.02), 0.0, "would cross zero: stops at 0");
    assert_eq!(at(-0.02), 0.0);
    assert_eq!(at(0.05), 0.0, "lands on zero");
    assert_eq!(at(0.0), 0.0, "a zero weight stays zero");
    assert!(at(0.02).is_sign_positive());
}

#[test]
fn no_regularisation_and_a_zero_rate_change_nothing() {
    for r in [
        Regularization::None,
        Regularization::L1 { rate: 0.0 },
        Regularization::L2 { rate: 0.0 },
    ] {
        let mut w = [0.3, -0.7];
        r.apply_all(&mut w, 0.5);
        assert_eq!(w, [0.3, -0.7]);
        assert!(r.is_off());
    }
}

/// One identity neuron, one example, gradient descent: the traced step is the optimizer's, then the penalty's.
#[test]
fn a_traced_step_applies_the_penalty_after_the_update_and_leaves_the_bias_alone() {
    let (w, b, x, t, eta) = (0.6, 0.2, 1.5, 0.0, 0.1);
    let spec = identity_neuron(w, b, x, t, Optimizer::Sgd { learning_rate: eta });
    let error = w * x + b - t;
    let moved = w - eta * (error * x);
    for (r, expected) in [
        (Regularization::L2 { rate: 0.3 }, moved - eta * 0.3 * moved),
        (Regularization::L1 { rate: 0.3 }, moved - eta * 0.3),
        // η·λ = 0.5 > the moved weight (0.465): it stops at 0.
        (Regularization::L1 { rate: 5.0 }, 0.0),
    ] {
        let mut trainer = Trainer::new(spec.clone()).unwrap().with_regularization(r);
        let step = trainer.step();
        assert_eq!(step.after[0].weights[0][0], expected, "{r:?}");
        assert_eq!(
            step.after[0].biases[0],
            b - eta * error,
            "{r:?}: no penalty on biases"
        );
    }
}

#[test]
fn the_fast_trainer_regularises_bit_for_bit_like_the_traced_one() {
    let optimizers = [
        Optimizer::Sgd { learning_rate: 0.3 },
        Optimizer::momentum(0.2),
        Optimizer::rmsprop(0.05),
        Optimizer::adam(0.05),
    ];
    for optimizer in optimizers {
        for r in [
            Regularization::L1 { rate: 0.4 },
            Regularization::L2 { rate: 0.7 },
            Regularization::L1 { rate: 20.0 },
        ] {
            let mut spec = small_net(7, 3, optimizer);
            spec.shuffle_seed = Some(9);
            let mut traced = Trainer::new(spec.clone()).unwrap().with_regularization(r);
            let mut fast = FastTrainer::new(&spec).unwrap().with_regularization(r);
            assert_eq!(fast.regularization(), r);
            for step in 0..25 {
                let trace = traced.step();
                let loss = fast.step();
                assert_eq!(
                    trace.loss.to_bits(),
                    loss.to_bits(),
                    "{optimizer:?} {r:?} step {step}"
                );
                assert_eq!(
                    fast.layers(),
                    trace.after,
                    "{optimizer:?} {r:?} step {step}"
                );
            }
            if let Regularization::L1 { rate: 20.0 } = r {
                let zeros = fast
                    .layers()
                    .iter()
                    .flat_map(|l| l.weights.concat())
                    .filter(|&w| w == 0.0)
                    .count();
                assert!(zeros > 0, "{optimizer:?}: a strong L1 prunes weights");
            }
        }
    }
}

fn grid(n: usize, lo: f64, hi: f64) -> Vec<Vec<f64>> {
    let at = |k: usize| lo + (hi - lo) * k as f64 / (n - 1) as f64;
    (0..n)
        .flat_map(|row| (0..n).map(move |col| vec![at(col), at(row)]))
        .collect()
}

#[test]
fn a_sweep_gives_the_grid_and_the_probe_values_in_chunks() {
    let spec: Spec = small_net(5, 5, Optimizer::adam(0.1));
    let mut fast = FastTrainer::new(&spec).unwrap();
    fast.train(7);
    // 23 × 23 = 529 inputs: more than two chunks, the last one short and odd.
    let inputs = grid(23, -2.0, 2.0);
    let mut sweep = fast.sweep(&inputs);
    assert_eq!(sweep.len(), 529);
    let every = fast.sweep_neurons(&mut sweep, fast.params(), 0..4);
    let expected = fast.neuron_grid(-2.0, 2.0, 23);
    assert_eq!(every.len(), expected.len());
    assert!(every
        .iter()
        .zip(&expected)
        .all(|(a, b)| a.to_bits() == b.to_bits()));
    let outputs = fast.sweep_neurons(&mut sweep, fast.params(), 3..4);
    let mut probe = fast.probe(&Data {
        targets: vec![vec![0.0]; inputs.len()],
        inputs,
    });
    assert_eq!(outputs, fast.probe_outputs(&mut probe, fast.params()));
    assert!(
        fast.sweep_neurons(&mut sweep, fast.params(), 0..9)
            .is_empty(),
        "neurons past the network's give nothing"
    );
}
