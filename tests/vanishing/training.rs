//! The training comparison: how far each layer's weights move, the losses it records, a run that overflows,
//! and a run that gets stuck (a dead ReLU) and says after which step.

use crate::common::assert_rel;
use crate::hand::{chain_weights, hand_chain, hand_for, lab, setup, CHAIN_ACTIVATIONS};
use backprop_lab::engine::Activation;
use backprop_lab::engine::Trainer;
use backprop_lab::labs::vanishing::{
    report, ChainSetup, VanishingCommand, MAX_DEPTH, TRAIN_RATE, TRAIN_STEPS,
};

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
