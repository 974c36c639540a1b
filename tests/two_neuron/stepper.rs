//! The stepper: a step cut into operations in the seed's order, and exactly what is visible after k of
//! them.

use super::support::two_neuron_trace;
use crate::common::small_net;
use backprop_lab::engine::Activation;
use backprop_lab::engine::Loss;
use backprop_lab::engine::Optimizer;
use backprop_lab::engine::Spec;
use backprop_lab::engine::Trainer;
use backprop_lab::labs::two_neuron::stepper::{operations, StepView};
use backprop_lab::labs::two_neuron::Operation;
use backprop_lab::labs::two_neuron::Phase;

#[test]
fn two_neuron_operations_in_the_seed_order() {
    use Operation::*;
    let ops = operations(&two_neuron_trace());
    let expected = vec![
        // Forward: z1, a1, z2, a2, E.
        WeightedSum {
            example: 0,
            layer: 0,
            neuron: 0,
        },
        Activate {
            example: 0,
            layer: 0,
            neuron: 0,
        },
        WeightedSum {
            example: 0,
            layer: 1,
            neuron: 0,
        },
        Activate {
            example: 0,
            layer: 1,
            neuron: 0,
        },
        Loss { example: 0 },
        // Backward, output layer: dE/da2, da2/dz2, dE/dz2, dE/dw2, dE/db2.
        OutputError {
            example: 0,
            neuron: 0,
        },
        ActivationSlope {
            example: 0,
            layer: 1,
            neuron: 0,
        },
        NeuronError {
            example: 0,
            layer: 1,
            neuron: 0,
        },
        WeightGradient {
            layer: 1,
            neuron: 0,
        },
        BiasGradient {
            layer: 1,
            neuron: 0,
        },
        // dE/da1, da1/dz1, dE/dz1, dE/dw1, dE/db1.
        PropagateError {
            example: 0,
            layer: 0,
            neuron: 0,
        },
        ActivationSlope {
            example: 0,
            layer: 0,
            neuron: 0,
        },
        NeuronError {
            example: 0,
            layer: 0,
            neuron: 0,
        },
        WeightGradient {
            layer: 0,
            neuron: 0,
        },
        BiasGradient {
            layer: 0,
            neuron: 0,
        },
        // Updates w2, b2, w1, b1.
        UpdateWeights {
            layer: 1,
            neuron: 0,
        },
        UpdateBias {
            layer: 1,
            neuron: 0,
        },
        UpdateWeights {
            layer: 0,
            neuron: 0,
        },
        UpdateBias {
            layer: 0,
            neuron: 0,
        },
    ];
    assert_eq!(ops, expected);
    let phases: Vec<Phase> = ops.iter().map(|o| o.phase()).collect();
    let mut want = vec![Phase::Forward; 5];
    want.extend([Phase::Backward; 10]);
    want.extend([Phase::Update; 4]);
    assert_eq!(phases, want);
}

/// For the two-neuron example, each visible value and the 1-based index of the operation that reveals it.
#[test]
fn step_view_reveals_exactly_the_values_of_the_operations_done() {
    let trace = two_neuron_trace();
    let ops = operations(&trace);
    let ex = &trace.examples[0];
    for k in 0..=ops.len() {
        let view = StepView::new(&trace, &ops, k);
        let shown = |revealed_by: usize, value: f64| {
            if k >= revealed_by {
                Some(value)
            } else {
                None
            }
        };
        let v = &view.examples[0];
        let (l0, l1) = (&ex.layers[0], &ex.layers[1]);
        assert_eq!(v.layers[0].z[0], shown(1, l0.z[0]), "z1 after {k}");
        assert_eq!(v.layers[0].a[0], shown(2, l0.a[0]), "a1 after {k}");
        assert_eq!(v.layers[1].z[0], shown(3, l1.z[0]), "z2 after {k}");
        assert_eq!(v.layers[1].a[0], shown(4, l1.a[0]), "a2 after {k}");
        assert_eq!(v.loss, shown(5, ex.loss), "E after {k}");
        assert_eq!(view.loss, shown(5, trace.loss), "batch E after {k}");
        assert_eq!(
            v.layers[1].de_da[0],
            shown(6, l1.de_da[0]),
            "dE/da2 after {k}"
        );
        assert_eq!(
            v.layers[1].da_dz[0],
            shown(7, l1.da_dz[0]),
            "da2/dz2 after {k}"
        );
        assert_eq!(
            v.layers[1].de_dz[0],
            shown(8, l1.de_dz[0]),
            "dE/dz2 after {k}"
        );
        let g = &view.gradients;
        assert_eq!(
            g[1].de_dw[0][0],
            shown(9, trace.gradients[1].weights[0][0]),
            "dE/dw2 after {k}"
        );
        assert_eq!(
            g[1].de_db[0],
            shown(10, trace.gradients[1].biases[0]),
            "dE/db2 after {k}"
        );
        assert_eq!(
            v.layers[0].de_da[0],
            shown(11, l0.de_da[0]),
            "dE/da1 after {k}"
        );
        assert_eq!(
            v.layers[0].da_dz[0],
            shown(12, l0.da_dz[0]),
            "da1/dz1 after {k}"
        );
        assert_eq!(
            v.layers[0].de_dz[0],
            shown(13, l0.de_dz[0]),
            "dE/dz1 after {k}"
        );
        assert_eq!(
            g[0].de_dw[0][0],
            shown(14, trace.gradients[0].weights[0][0]),
            "dE/dw1 after {k}"
        );
        assert_eq!(
            g[0].de_db[0],
            shown(15, trace.gradients[0].biases[0]),
            "dE/db1 after {k}"
        );

        let param = |revealed_by: usize, before: f64, after: f64| {
            if k >= revealed_by {
                (after, true)
            } else {
                (before, false)
            }
        };
        let (b, a) = (&trace.before, &trace.after);
        let p = &view.params;
        let u = &view.updated;
        assert_eq!(
            (p[1].weights[0][0], u[1].weights[0]),
            param(16, b[1].weights[0][0], a[1].weights[0][0]),
            "w2 after {k}"
        );
        assert_eq!(
            (p[1].biases[0], u[1].biases[0]),
            param(17, b[1].biases[0], a[1].biases[0]),
            "b2 after {k}"
        );
        assert_eq!(
            (p[0].weights[0][0], u[0].weights[0]),
            param(18, b[0].weights[0][0], a[0].weights[0][0]),
            "w1 after {k}"
        );
        assert_eq!(
            (p[0].biases[0], u[0].biases[0]),
            param(19, b[0].biases[0], a[0].biases[0]),
            "b1 after {k}"
        );
        // The inputs and targets are always visible.
        assert_eq!(v.input, ex.input);
        assert_eq!(v.target, ex.target);
    }
}

/// Everything the view can show, flattened, for counting.
fn revealed(view: &StepView) -> usize {
    let some = |v: &[Option<f64>]| v.iter().filter(|x| x.is_some()).count();
    let mut n = usize::from(view.loss.is_some());
    for e in &view.examples {
        n += usize::from(e.loss.is_some());
        for l in &e.layers {
            n += some(&l.z) + some(&l.a) + some(&l.de_da) + some(&l.da_dz) + some(&l.de_dz);
        }
    }
    for g in &view.gradients {
        n += g.de_dw.iter().map(|r| some(r)).sum::<usize>() + some(&g.de_db);
    }
    for u in &view.updated {
        n += u.weights.iter().chain(&u.biases).filter(|b| **b).count();
    }
    n
}

/// On a wider network with a batch of two: nothing is shown before the first operation, each operation shows
/// something new, and after the last every value is shown and equals the trace.
#[test]
fn step_view_on_a_batch_shows_more_with_every_operation() {
    let trace = Trainer::new(small_net(2, 2, Optimizer::Sgd { learning_rate: 0.1 }))
        .expect("valid")
        .step();
    let ops = operations(&trace);
    // 2 examples × (3 + 1 neurons × 2 forward ops + loss) + batch loss + backward + updates.
    assert!(ops.contains(&Operation::BatchLoss));
    assert_eq!(revealed(&StepView::new(&trace, &ops, 0)), 0);
    let mut previous = 0;
    for k in 1..=ops.len() {
        let n = revealed(&StepView::new(&trace, &ops, k));
        assert!(
            n > previous,
            "operation {k} ({:?}) showed nothing new",
            ops[k - 1]
        );
        previous = n;
    }
    let full = StepView::new(&trace, &ops, ops.len());
    assert_eq!(full.loss, Some(trace.loss));
    for (v, e) in full.examples.iter().zip(&trace.examples) {
        assert_eq!(v.loss, Some(e.loss));
        for (lv, le) in v.layers.iter().zip(&e.layers) {
            let all = |x: &[f64]| x.iter().map(|v| Some(*v)).collect::<Vec<_>>();
            assert_eq!(lv.z, all(&le.z));
            assert_eq!(lv.a, all(&le.a));
            assert_eq!(lv.de_da, all(&le.de_da));
            assert_eq!(lv.da_dz, all(&le.da_dz));
            assert_eq!(lv.de_dz, all(&le.de_dz));
        }
    }
    for (p, a) in full.params.iter().zip(&trace.after) {
        assert_eq!(p.weights, a.weights);
        assert_eq!(p.biases, a.biases);
    }
    // Past the end is the same as the end.
    assert_eq!(StepView::new(&trace, &ops, ops.len() + 5), full);
}

#[test]
fn softmax_layer_computes_every_z_before_any_a() {
    let spec = Spec {
        layers: vec![crate::common::layer(
            vec![vec![1.0], vec![-1.0], vec![0.5]],
            vec![0.0, 0.1, 0.2],
            Activation::Softmax,
        )],
        loss: Loss::CrossEntropy,
        optimizer: Optimizer::Sgd { learning_rate: 0.1 },
        data: backprop_lab::engine::Data {
            inputs: vec![vec![1.0]],
            targets: vec![vec![0.0, 1.0, 0.0]],
        },
        batch_size: 1,
        steps: 1,
        start_step: 0,
        shuffle_seed: None,
        optimizer_state: None,
    };
    let trace = Trainer::new(spec).expect("valid").step();
    let ops = operations(&trace);
    let kinds: Vec<&str> = ops[..6]
        .iter()
        .map(|o| match o {
            Operation::WeightedSum { .. } => "z",
            Operation::Activate { .. } => "a",
            _ => "?",
        })
        .collect();
    assert_eq!(kinds, ["z", "z", "z", "a", "a", "a"]);
}
