//! Batches: the order the trainer walks the data in, shuffling, and batch means of the loss and gradients.

mod common;

use backprop_engine::network::predict;
use backprop_engine::Data;
use backprop_engine::Optimizer;
use backprop_engine::ParamSet;
use backprop_engine::Spec;
use backprop_engine::StepTrace;
use backprop_engine::Trainer;
use common::small_net;

fn sgd() -> Optimizer {
    Optimizer::Sgd { learning_rate: 0.5 }
}

fn indices(t: &StepTrace) -> Vec<usize> {
    t.examples.iter().map(|e| e.index).collect()
}

fn run(spec: Spec, steps: usize) -> Vec<StepTrace> {
    let mut trainer = Trainer::new(spec).expect("valid");
    (0..steps).map(|_| trainer.step()).collect()
}

#[test]
fn batches_walk_the_data_in_order_with_the_remainder_last() {
    let spec = small_net(5, 2, sgd());
    let data = spec.data.clone();
    let traces = run(spec, 8);
    let expected: [&[usize]; 8] = [
        &[0, 1],
        &[2, 3],
        &[4],
        &[0, 1],
        &[2, 3],
        &[4],
        &[0, 1],
        &[2, 3],
    ];
    let epochs = [0, 0, 0, 1, 1, 1, 2, 2];
    for (k, t) in traces.iter().enumerate() {
        assert_eq!(indices(t), expected[k], "batch of step {k}");
        assert_eq!(t.epoch, epochs[k], "epoch of step {k}");
        assert_eq!(t.step, k);
        for ex in &t.examples {
            assert_eq!(
                ex.input, data.inputs[ex.index],
                "input of example {}",
                ex.index
            );
            assert_eq!(ex.target, data.targets[ex.index]);
        }
    }
}

#[test]
fn batch_size_one_and_full_batch() {
    let ones = run(small_net(3, 1, sgd()), 4);
    let got: Vec<Vec<usize>> = ones.iter().map(indices).collect();
    assert_eq!(got, vec![vec![0], vec![1], vec![2], vec![0]]);
    assert_eq!(
        ones.iter().map(|t| t.epoch).collect::<Vec<_>>(),
        [0, 0, 0, 1]
    );

    let full = run(small_net(3, 3, sgd()), 3);
    for (k, t) in full.iter().enumerate() {
        assert_eq!(indices(t), [0, 1, 2]);
        assert_eq!(t.epoch, k);
    }
}

/// One epoch's example indices, in the order visited.
fn epoch_orders(traces: &[StepTrace]) -> Vec<Vec<usize>> {
    let mut orders: Vec<Vec<usize>> = Vec::new();
    for t in traces {
        if orders.len() <= t.epoch {
            orders.resize(t.epoch + 1, Vec::new());
        }
        orders[t.epoch].extend(indices(t));
    }
    orders
}

fn shuffled(seed: u64) -> Spec {
    let mut spec = small_net(10, 3, sgd());
    spec.shuffle_seed = Some(seed);
    spec
}

#[test]
fn shuffling_gives_a_reproducible_permutation_per_epoch() {
    // 10 examples in batches of 3: 3, 3, 3, 1 per epoch; 24 steps = 6 epochs.
    let a = run(shuffled(7), 24);
    let b = run(shuffled(7), 24);
    assert_eq!(a, b, "same seed, same traces");

    let sizes: Vec<usize> = a.iter().take(8).map(|t| t.examples.len()).collect();
    assert_eq!(sizes, [3, 3, 3, 1, 3, 3, 3, 1]);

    let orders = epoch_orders(&a);
    assert_eq!(orders.len(), 6);
    for (e, order) in orders.iter().enumerate() {
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            (0..10).collect::<Vec<_>>(),
            "epoch {e} is a permutation"
        );
    }
    // A fresh order each epoch (two equal shuffles of 10 have probability 1/10!).
    for e in 1..orders.len() {
        assert_ne!(orders[e], orders[e - 1], "epochs {} and {e}", e - 1);
    }
    assert!(
        orders.iter().any(|o| *o != (0..10).collect::<Vec<_>>()),
        "actually shuffled"
    );

    // Another seed gives other orders.
    let other = epoch_orders(&run(shuffled(8), 24));
    assert_ne!(other, orders);
    assert_ne!(other[0], orders[0]);
}

#[test]
fn no_seed_means_no_shuffle() {
    let traces = run(small_net(10, 3, sgd()), 8);
    for order in epoch_orders(&traces) {
        assert_eq!(order, (0..10).collect::<Vec<_>>());
    }
}

/// The batch loss is the mean of its examples' losses, each recomputed independently from the parameters
/// the step began with.
#[test]
fn batch_loss_is_the_mean_of_example_losses() {
    let spec = small_net(5, 2, sgd());
    let (data, loss) = (spec.data.clone(), spec.loss);
    for t in run(spec, 6) {
        let independent: Vec<f64> = t
            .examples
            .iter()
            .map(|ex| {
                loss.value(
                    &predict(&t.before, &data.inputs[ex.index]),
                    &data.targets[ex.index],
                )
            })
            .collect();
        for (ex, want) in t.examples.iter().zip(&independent) {
            assert!((ex.loss - want).abs() <= 1e-15 * want.max(1e-300));
        }
        let mean = independent.iter().sum::<f64>() / independent.len() as f64;
        assert!(
            (t.loss - mean).abs() <= 1e-15 * mean,
            "step {}: {} vs {mean}",
            t.step,
            t.loss
        );
        if t.examples.len() == 2 {
            assert_ne!(t.examples[0].loss, t.examples[1].loss, "not vacuous");
        }
    }
}

/// The batch gradient is the mean of the per-example gradients, each obtained from a separate one-example run
/// from the same parameters.
#[test]
fn batch_gradients_are_the_mean_of_example_gradients() {
    let spec = small_net(5, 3, sgd());
    let traces = run(spec.clone(), 4);
    for t in &traces {
        let per_example: Vec<Vec<ParamSet>> = t
            .examples
            .iter()
            .map(|ex| {
                let single = Spec {
                    layers: t.before.clone(),
                    data: Data {
                        inputs: vec![ex.input.clone()],
                        targets: vec![ex.target.clone()],
                    },
                    batch_size: 1,
                    ..spec.clone()
                };
                Trainer::new(single).expect("valid").step().gradients
            })
            .collect();
        let n = per_example.len() as f64;
        for (l, g) in t.gradients.iter().enumerate() {
            let values: Vec<f64> = g.values().collect();
            for (p, got) in values.iter().enumerate() {
                let mean = per_example
                    .iter()
                    .map(|gs| gs[l].values().nth(p).unwrap_or(f64::NAN))
                    .sum::<f64>()
                    / n;
                assert!(
                    (got - mean).abs() <= 1e-14 * mean.abs().max(1e-12),
                    "step {} layer {l} parameter {p}: {got} vs mean {mean}",
                    t.step
                );
            }
        }
        // The update is one SGD step with the mean gradient.
        for ((b, a), g) in t.before.iter().zip(&t.after).zip(&t.gradients) {
            for ((pb, pa), pg) in b.params().zip(a.params()).zip(g.values()) {
                assert!((pa - (pb - 0.5 * pg)).abs() < 1e-15);
            }
        }
    }
}

/// `next_spec` should continue where the run stopped. With 5 examples in batches of 2, a run stopped after one
/// step has used examples [0, 1]; its continuation must take [2, 3] next, as the uninterrupted run does.
/// The spec has nowhere to keep the position within the epoch (nor the epoch, which also seeds the shuffle), so
/// the resumed trainer starts the epoch over with [0, 1] and the numbers diverge from the uninterrupted run.
#[test]
fn next_spec_mid_epoch_continues_with_the_next_batch() {
    let spec = small_net(5, 2, sgd());
    let straight = run(spec.clone(), 4);
    let mut first = Trainer::new(spec).expect("valid");
    first.step();
    let resumed = run(first.next_spec(), 3);
    let got: Vec<Vec<usize>> = resumed.iter().map(indices).collect();
    let want: Vec<Vec<usize>> = straight[1..].iter().map(indices).collect();
    assert_eq!(got, want, "batches after resuming from next_spec");
    for (r, s) in resumed.iter().zip(&straight[1..]) {
        assert_eq!(r.after, s.after);
    }
}
