//! L1 and L2 in the lab, against the rule derived by hand from the same update without them: L2 leaves
//! w′·(1 − ηλ), L1 leaves w′ − ηλ·sign(w′), or exactly 0 where that would cross zero; biases are never
//! penalised. Over a run, L1 prunes the weights of inputs that do not help to exact zeros.

use backprop_lab::labs::playground::*;

use crate::support::{lab, train};

/// The weights (flat, each layer's rows then its biases) after one update of a link's run.
fn one_update(query: &str) -> (Vec<f64>, PlaygroundLab) {
    let mut lab = lab(query);
    lab.apply(PlaygroundCommand::StepBatch).unwrap();
    (lab.params().to_vec(), lab)
}

/// Which entries of the flat parameters are weights (not biases).
fn is_weight(lab: &PlaygroundLab) -> Vec<bool> {
    lab.layers()
        .iter()
        .flat_map(|l| {
            std::iter::repeat_n(true, l.inputs() * l.neurons())
                .chain(std::iter::repeat_n(false, l.neurons()))
        })
        .collect()
}

const BASE: &str = "data=xor&seed=3&layers=3&features=x1,x2,x1x2&opt=sgd&lr=1&batch=all";

#[test]
fn l2_shrinks_each_weight_after_the_update_by_eta_lambda() {
    let (plain, lab) = one_update(BASE);
    let (l2, _) = one_update(&format!("{BASE}&reg=l2&rate=0.5"));
    let (eta, lambda) = (1.0, 0.5);
    for ((&w, &got), weight) in plain.iter().zip(&l2).zip(is_weight(&lab)) {
        let expected = if weight { w - eta * lambda * w } else { w };
        assert_eq!(got, expected);
    }
}

#[test]
fn l1_moves_each_weight_by_eta_lambda_towards_zero_and_stops_at_zero() {
    let (plain, lab) = one_update(BASE);
    let weight = is_weight(&lab);
    // A rate whose step ηλ lies between the smallest and the largest weight: some weights cross zero.
    let mut sizes: Vec<f64> = plain
        .iter()
        .zip(&weight)
        .filter(|(_, &w)| w)
        .map(|(v, _)| v.abs())
        .collect();
    sizes.sort_by(f64::total_cmp);
    let eta = 1.0;
    let step = sizes[sizes.len() / 2];
    let lambda = step / eta;
    let (l1, after) = one_update(&format!("{BASE}&reg=l1&rate={lambda}"));
    let step = eta * lambda;
    let mut stopped = 0;
    for ((&w, &got), &is) in plain.iter().zip(&l1).zip(&weight) {
        let expected = if !is {
            w
        } else if w.abs() <= step {
            stopped += 1;
            0.0
        } else {
            w - step * w.signum()
        };
        assert_eq!(got, expected, "w′ = {w}, ηλ = {step}");
    }
    assert!(stopped >= sizes.len() / 2, "{stopped} weights stopped at 0");
    let snapshot = after.snapshot();
    assert_eq!(snapshot.zero_weights, stopped);
    assert_eq!(
        snapshot.edges.iter().filter(|e| e.zero).count(),
        stopped,
        "the edges drawn as gone are the zero weights"
    );
    assert!(snapshot.edges.iter().all(|e| e.zero == (e.weight == 0.0)));
}

#[test]
fn over_a_run_l1_prunes_the_inputs_that_do_not_help() {
    let all =
        "data=xor&seed=1&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=none&opt=sgd&lr=0.03";
    let mut lab = lab(&format!("{all}&reg=l1&rate=0.1"));
    train(&mut lab, 200);
    let weights = &lab.layers()[0].weights[0];
    // x₁x₂ alone separates XOR: its weight survives, and most of the others are exactly 0.
    assert!(weights[4].abs() > 0.1, "{weights:?}");
    let zeros = weights.iter().filter(|&&w| w == 0.0).count();
    assert!(zeros >= 4, "{weights:?}");
    let snapshot = lab.snapshot();
    assert!(
        snapshot
            .summary
            .contains(&format!("L1 has pruned {zeros} of 7 weights to exactly 0")),
        "{}",
        snapshot.summary
    );
    assert!(lab.run.test.accuracy.unwrap() >= 0.95);
    // Without L1 no weight is exactly zero.
    let mut plain = crate::support::lab(all);
    train(&mut plain, 200);
    assert!(plain.layers()[0].weights[0].iter().all(|&w| w != 0.0));
}
