//! The stepper (a step cut into operations, and what is visible after k of them), the lab session's commands,
//! and the chain rules and texts of its snapshot.

use crate::common::{assert_rel, assert_sig4, identity_neuron, small_net};
use backprop_lab::engine::Activation;
use backprop_lab::engine::Loss;
use backprop_lab::engine::Optimizer;
use backprop_lab::engine::Spec;
use backprop_lab::engine::Trainer;
use backprop_lab::labs::two_neuron::predict::Mark;
use backprop_lab::labs::two_neuron::session::HISTORY_LIMIT;
use backprop_lab::labs::two_neuron::stepper::{operations, StepView};
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Operation;
use backprop_lab::labs::two_neuron::Phase;
use backprop_lab::labs::two_neuron::Session;
use backprop_lab::labs::two_neuron::Snapshot;

fn two_neuron_trace() -> backprop_lab::engine::StepTrace {
    Trainer::new(Spec::two_neuron()).expect("valid").step()
}

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

fn at(s: &Session) -> (usize, usize) {
    let snap = s.snapshot();
    (snap.iteration, snap.done)
}

#[track_caller]
fn ok(s: &mut Session, c: Command) {
    let shown = format!("{c:?}");
    if let Err(e) = s.apply(c) {
        panic!("{shown} refused: {e}");
    }
}

#[test]
fn a_new_session_starts_at_iteration_one() {
    let s = Session::two_neuron();
    let snap = s.snapshot();
    assert_eq!((snap.iteration, snap.done), (1, 0));
    assert_eq!(snap.operation_count, 19);
    assert_eq!(snap.stage, "start");
    assert!(snap.last.is_none());
    assert_eq!(
        snap.next.as_ref().map(|n| n.operation),
        Some(Operation::WeightedSum {
            example: 0,
            layer: 0,
            neuron: 0
        })
    );
    assert!(!snap.can_step_back);
    assert!(snap.diverged.is_none());
    assert_eq!(snap.architecture, [1, 1, 1]);
    assert_eq!(
        snap.activations,
        [backprop_lab::engine::Activation::Sigmoid; 2]
    );
    assert_eq!(snap.loss_name, "half_squared_error");
    assert_eq!(snap.optimizer, "sgd");
    assert_eq!(snap.learning_rate, 0.4);
    assert_eq!(snap.inputs, [[0.1]]);
    assert_eq!(snap.targets, [[0.25]]);
    assert_eq!(snap.loss_count, 0);
    assert_eq!(snap.latest_loss, None);
}

#[test]
fn step_forward_and_back_one_at_a_time_across_iterations() {
    let mut s = Session::two_neuron();
    let mut expected = vec![(1, 0)];
    for k in 1..=3 {
        for done in 1..=19 {
            expected.push((k, done));
        }
        expected.push((k + 1, 0));
    }
    let mut seen = vec![at(&s)];
    for _ in 1..expected.len() {
        ok(&mut s, Command::Step { count: 1 });
        seen.push(at(&s));
    }
    assert_eq!(seen, expected);
    // And back again along the same positions.
    let mut back = vec![at(&s)];
    for _ in 1..expected.len() {
        ok(&mut s, Command::Step { count: -1 });
        back.push(at(&s));
    }
    back.reverse();
    assert_eq!(back, expected);
    // At the very start, stepping back stays put.
    ok(&mut s, Command::Step { count: -1 });
    assert_eq!(at(&s), (1, 0));
    ok(&mut s, Command::Step { count: -1000 });
    assert_eq!(at(&s), (1, 0));
}

#[test]
fn step_by_many_equals_many_single_steps() {
    for count in [0i64, 5, 19, 20, 21, 39, 40, 45, 101] {
        let mut many = Session::two_neuron();
        ok(&mut many, Command::Step { count });
        let mut single = Session::two_neuron();
        for _ in 0..count {
            ok(&mut single, Command::Step { count: 1 });
        }
        assert_eq!(at(&many), at(&single), "Step {count}");
        // 20 positions (0..=19) per iteration.
        let c = count as usize;
        assert_eq!(at(&many), (1 + c / 20, c % 20), "Step {count}");
        assert_eq!(many.snapshot(), single.snapshot(), "Step {count}");

        ok(&mut many, Command::Step { count: -count });
        assert_eq!(at(&many), (1, 0), "Step {count} then back");
    }
    let mut s = Session::two_neuron();
    ok(&mut s, Command::Step { count: 45 });
    ok(&mut s, Command::Step { count: -7 });
    assert_eq!(at(&s), (2, 18));
    ok(&mut s, Command::Step { count: -100 });
    assert_eq!(at(&s), (1, 0));
}

#[test]
fn finish_phases_jump_forward_only() {
    let mut s = Session::two_neuron();
    ok(
        &mut s,
        Command::Finish {
            phase: Phase::Forward,
        },
    );
    assert_eq!(at(&s), (1, 5));
    assert_eq!(s.snapshot().stage, "forward");
    ok(
        &mut s,
        Command::Finish {
            phase: Phase::Backward,
        },
    );
    assert_eq!(at(&s), (1, 15));
    assert_eq!(s.snapshot().stage, "backward");
    ok(
        &mut s,
        Command::Finish {
            phase: Phase::Forward,
        },
    );
    assert_eq!(
        at(&s),
        (1, 15),
        "finishing the forward pass again does nothing"
    );
    ok(
        &mut s,
        Command::Finish {
            phase: Phase::Update,
        },
    );
    assert_eq!(at(&s), (1, 19));
    let snap = s.snapshot();
    assert_eq!(snap.stage, "done");
    assert!(snap.next.is_none());
    // From the middle of the forward pass, finishing the update does the rest.
    let mut s = Session::two_neuron();
    ok(&mut s, Command::Step { count: 2 });
    ok(
        &mut s,
        Command::Finish {
            phase: Phase::Update,
        },
    );
    assert_eq!(at(&s), (1, 19));
}

#[test]
fn next_iteration_and_run_iterations() {
    let mut s = Session::two_neuron();
    ok(&mut s, Command::Step { count: 3 });
    ok(&mut s, Command::NextIteration);
    assert_eq!(at(&s), (2, 0));
    let first = Trainer::new(Spec::two_neuron()).expect("valid").step();
    assert_eq!(
        s.current_trace().before,
        first.after,
        "iteration 2 starts where 1 ended"
    );
    assert_eq!(s.current_trace().step, 1);

    ok(&mut s, Command::RunIterations { count: 5 });
    assert_eq!(at(&s), (7, 0));
    let mut trainer = Trainer::new(Spec::two_neuron()).expect("valid");
    let traces: Vec<_> = (0..7).map(|_| trainer.step()).collect();
    assert_eq!(s.current_trace(), &traces[6]);
    let snap = s.snapshot();
    // Losses of iterations 1–6 are shown in the curve; iteration 7's is not revealed yet.
    assert_eq!(snap.loss_count, 6);
    assert_eq!(snap.latest_loss, Some(traces[5].loss));
    ok(
        &mut s,
        Command::Finish {
            phase: Phase::Forward,
        },
    );
    assert_eq!(s.snapshot().latest_loss, Some(traces[6].loss));
    assert!(s.snapshot().can_step_back);
}

#[test]
fn reset_returns_to_iteration_one_with_the_initial_values() {
    let fresh = Session::two_neuron().snapshot();
    let mut s = Session::two_neuron();
    ok(&mut s, Command::RunIterations { count: 12 });
    ok(&mut s, Command::Step { count: 7 });
    assert_ne!(s.snapshot(), fresh);
    ok(&mut s, Command::Reset);
    assert_eq!(s.snapshot(), fresh);
    assert_eq!(s.losses().len(), 1);
    assert_eq!(s.current_trace().before, Spec::two_neuron().layers);
}

#[test]
fn edits_restart_with_the_edited_value() {
    let mut s = Session::two_neuron();
    ok(&mut s, Command::RunIterations { count: 3 });
    ok(&mut s, Command::Step { count: 4 });
    let shown = s.current_trace().before.clone();
    ok(
        &mut s,
        Command::SetWeight {
            layer: 1,
            neuron: 0,
            input: 0,
            value: 0.5,
        },
    );
    assert_eq!(at(&s), (1, 0), "an edit restarts");
    let before = &s.current_trace().before;
    assert_eq!(before[1].weights[0][0], 0.5);
    // The other parameters are the values shown when the edit was made (iteration 4), not the seed's.
    assert_eq!(before[1].biases, shown[1].biases);
    assert_eq!(before[0], shown[0]);
    assert_ne!(shown[0].weights[0][0], 0.15);
    // The edited setup is what Reset returns to.
    ok(&mut s, Command::RunIterations { count: 2 });
    ok(&mut s, Command::Reset);
    assert_eq!(s.current_trace().before[1].weights[0][0], 0.5);

    ok(
        &mut s,
        Command::SetBias {
            layer: 0,
            neuron: 0,
            value: -1.25,
        },
    );
    assert_eq!(s.current_trace().before[0].biases[0], -1.25);
    ok(
        &mut s,
        Command::SetInput {
            index: 0,
            value: 0.3,
        },
    );
    assert_eq!(s.snapshot().inputs, [[0.3]]);
    assert_eq!(s.current_trace().examples[0].input, [0.3]);
    ok(
        &mut s,
        Command::SetTarget {
            index: 0,
            value: 0.9,
        },
    );
    assert_eq!(s.snapshot().targets, [[0.9]]);
    ok(&mut s, Command::SetLearningRate { value: 0.1 });
    assert_eq!(s.snapshot().learning_rate, 0.1);
    assert_eq!(s.spec().optimizer.learning_rate(), 0.1);
    // The restarted run uses the new rate: w₂ after = w₂ − 0.1·g.
    let t = s.current_trace();
    assert_rel(
        t.after[1].weights[0][0],
        t.before[1].weights[0][0] - 0.1 * t.gradients[1].weights[0][0],
        1e-15,
        "update with the edited learning rate",
    );

    ok(&mut s, Command::LoadExample);
    assert_eq!(s.spec(), &Spec::two_neuron());
}

#[test]
fn refused_edits_leave_the_session_unchanged() {
    let mut s = Session::two_neuron();
    ok(&mut s, Command::RunIterations { count: 2 });
    ok(&mut s, Command::Step { count: 6 });
    let before: Snapshot = s.snapshot();
    let refused = [
        Command::SetWeight {
            layer: 0,
            neuron: 0,
            input: 0,
            value: f64::NAN,
        },
        Command::SetWeight {
            layer: 0,
            neuron: 0,
            input: 0,
            value: f64::INFINITY,
        },
        Command::SetWeight {
            layer: 2,
            neuron: 0,
            input: 0,
            value: 1.0,
        },
        Command::SetWeight {
            layer: 0,
            neuron: 1,
            input: 0,
            value: 1.0,
        },
        Command::SetWeight {
            layer: 0,
            neuron: 0,
            input: 1,
            value: 1.0,
        },
        Command::SetBias {
            layer: 1,
            neuron: 0,
            value: f64::NEG_INFINITY,
        },
        Command::SetBias {
            layer: 7,
            neuron: 0,
            value: 1.0,
        },
        Command::SetInput {
            index: 1,
            value: 1.0,
        },
        Command::SetInput {
            index: 0,
            value: f64::NAN,
        },
        Command::SetTarget {
            index: 1,
            value: 1.0,
        },
        Command::SetTarget {
            index: 0,
            value: f64::INFINITY,
        },
        Command::SetLearningRate { value: f64::NAN },
        Command::SetLearningRate { value: -0.1 },
        Command::SetLearningRate { value: 0.0 },
        Command::SetLearningRate {
            value: f64::INFINITY,
        },
        // Cross-entropy needs a softmax output.
        Command::SetLoss {
            loss: Loss::CrossEntropy,
        },
    ];
    for c in refused {
        let shown = format!("{c:?}");
        let e = s.apply(c).expect_err(&shown);
        assert!(!e.is_empty(), "{shown}: empty message");
        assert_eq!(s.snapshot(), before, "{shown} changed the session");
    }
}

#[test]
fn squared_error_doubles_the_gradients_shown() {
    let mut half = Session::two_neuron();
    let mut full = Session::two_neuron();
    ok(
        &mut full,
        Command::SetLoss {
            loss: Loss::SquaredError,
        },
    );
    for s in [&mut half, &mut full] {
        ok(
            s,
            Command::Finish {
                phase: Phase::Backward,
            },
        );
    }
    let (h, f) = (half.snapshot(), full.snapshot());
    assert_eq!(f.loss_name, "squared_error");
    assert_eq!(f.loss_formula, "E = (T − a)²");
    assert_eq!(f.view.loss, h.view.loss.map(|e| 2.0 * e));
    for (fg, hg) in f.view.gradients.iter().zip(&h.view.gradients) {
        for (fr, hr) in fg.de_dw.iter().zip(&hg.de_dw) {
            for (a, b) in fr.iter().zip(hr) {
                assert!(b.is_some());
                assert_eq!(*a, b.map(|v| 2.0 * v));
            }
        }
        for (a, b) in fg.de_db.iter().zip(&hg.de_db) {
            assert!(b.is_some());
            assert_eq!(*a, b.map(|v| 2.0 * v));
        }
    }
    // The text of the output error shows the factor 2.
    let text = operation_text(&full, 6);
    assert!(text.contains("2("), "{text}");
}

/// The text of the `k`-th operation (1-based) of the current iteration.
fn operation_text(s: &Session, k: usize) -> String {
    let mut copy = Session::new(s.spec().clone()).expect("valid");
    ok(&mut copy, Command::Step { count: k as i64 });
    copy.snapshot().last.map(|l| l.text).unwrap_or_default()
}

#[test]
fn operation_texts_show_the_numbers() {
    let s = Session::two_neuron();
    let expect = [
        (1, "0.4150"),
        (2, "0.6023"),
        (3, "0.9210"),
        (4, "0.7153"),
        (5, "0.1082"),
        (6, "0.4653"),
        (7, "0.2037"),
        (8, "0.09476"),
        (9, "0.05707"),
        (10, "0.09476"),
        (11, "0.04264"),
        (13, "0.01021"),
        (14, "0.001021"),
        (16, "0.4272"),
        (17, "0.6121"),
        (18, "0.1496"),
        (19, "0.3959"),
    ];
    for (k, number) in expect {
        let text = operation_text(&s, k);
        assert!(
            text.contains(number),
            "operation {k}: {text:?} lacks {number}"
        );
    }
    let mut s = Session::two_neuron();
    ok(&mut s, Command::Step { count: 1 });
    let last = s.snapshot().last.expect("one operation done");
    assert_eq!(last.phase, Phase::Forward);
    assert!(last.text.contains("0.4150"), "{}", last.text);
    assert!(last.text.contains("z₁"), "{}", last.text);
}

#[test]
fn chain_rules_multiply_out_to_the_gradients() {
    let mut s = Session::two_neuron();
    // Before the backward pass, no product and no gradient is known.
    ok(
        &mut s,
        Command::Finish {
            phase: Phase::Forward,
        },
    );
    let snap = s.snapshot();
    assert_eq!(snap.chain.len(), 4);
    for rule in &snap.chain {
        assert_eq!(rule.product, None, "{}", rule.parameter);
        assert_eq!(rule.gradient, None, "{}", rule.parameter);
    }

    // Step by step through the backward pass: a product is never shown before the table's gradient, even
    // once all its factors are known (that gave the answer away a step early).
    while s.snapshot().stage != "update" && s.snapshot().next.is_some() {
        ok(&mut s, Command::Step { count: 1 });
        let snap = s.snapshot();
        for rule in &snap.chain {
            let factors_known = rule.factors.iter().all(|f| f.value.is_some());
            assert_eq!(
                rule.product.is_some(),
                rule.gradient.is_some(),
                "{}: product {:?}, gradient {:?}, factors known: {factors_known}",
                rule.parameter,
                rule.product,
                rule.gradient
            );
        }
        if snap.chain.iter().all(|r| r.gradient.is_some()) {
            break;
        }
    }
    let snap = s.snapshot();
    let names: Vec<&str> = snap.chain.iter().map(|r| r.parameter.as_str()).collect();
    assert_eq!(names, ["w₂", "b₂", "w₁", "b₁"]);
    let g = &s.current_trace().gradients;
    let exact = [
        g[1].weights[0][0],
        g[1].biases[0],
        g[0].weights[0][0],
        g[0].biases[0],
    ];
    for (rule, want) in snap.chain.iter().zip(exact) {
        let product = rule.product.expect("every factor known");
        // The product of the factors, multiplied here independently of the crate's own product.
        let mine: f64 = rule
            .factors
            .iter()
            .map(|f| f.value.expect("known"))
            .product();
        assert_rel(product, want, 1e-12, &rule.parameter);
        assert_rel(mine, want, 1e-12, &rule.parameter);
        assert_eq!(rule.gradient, Some(want), "{}", rule.parameter);
    }
    let w1 = &snap.chain[2];
    let labels: Vec<&str> = w1.factors.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(
        labels,
        ["∂E/∂a₂", "∂a₂/∂z₂", "∂z₂/∂a₁", "∂a₁/∂z₁", "∂z₁/∂w₁"]
    );
    let values: Vec<f64> = w1
        .factors
        .iter()
        .map(|f| f.value.unwrap_or(f64::NAN))
        .collect();
    assert_sig4(values[0], 0.4653, "∂E/∂a₂");
    assert_sig4(values[1], 0.2037, "∂a₂/∂z₂");
    assert_eq!(values[2], 0.45, "∂z₂/∂a₁ = w₂");
    assert_sig4(values[3], 0.2395, "∂a₁/∂z₁");
    assert_eq!(values[4], 0.1, "∂z₁/∂w₁ = x");
    let w2_labels: Vec<&str> = snap.chain[0]
        .factors
        .iter()
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(w2_labels, ["∂E/∂a₂", "∂a₂/∂z₂", "∂z₂/∂w₂"]);
}

#[test]
fn chain_rules_only_for_chains_of_single_neurons() {
    let s = Session::new(small_net(1, 1, Optimizer::Sgd { learning_rate: 0.1 })).expect("valid");
    assert!(s.snapshot().chain.is_empty());
}

/// η = 1e308 on one identity neuron: the first update is w − 1e308·g with |g| = 10, which overflows to ±∞.
#[test]
fn a_huge_learning_rate_diverges_and_an_edit_recovers() {
    let mut s = Session::new(identity_neuron(
        0.0,
        0.0,
        1.0,
        10.0,
        Optimizer::Sgd {
            learning_rate: 1e308,
        },
    ))
    .expect("valid");
    let d = s.snapshot().diverged.expect("diverged in iteration 1");
    assert_eq!(d.iteration, 1);
    assert!(d.message.contains("Diverged"), "{}", d.message);
    assert!(s.current_trace().after[0].weights[0][0].is_infinite());
    // The overflowing iteration itself can be stepped through.
    ok(
        &mut s,
        Command::Finish {
            phase: Phase::Update,
        },
    );
    assert_eq!(at(&s), (1, s.snapshot().operation_count));
    let e = s
        .apply(Command::Step { count: 1 })
        .expect_err("past the divergence");
    assert!(e.contains("Diverged"), "{e}");
    assert!(s.apply(Command::NextIteration).is_err());
    assert!(s.apply(Command::RunIterations { count: 3 }).is_err());
    ok(&mut s, Command::Step { count: -1 });
    // Lowering the learning rate restarts from the values shown, which are finite.
    ok(&mut s, Command::SetLearningRate { value: 0.1 });
    assert!(s.snapshot().diverged.is_none());
    ok(&mut s, Command::RunIterations { count: 10 });
    assert_eq!(at(&s), (11, 0));
}

/// η = 10 on one identity neuron (x = 1): the error grows by |1 − 2η| = 19 per step, so the numbers overflow
/// after some hundred iterations. Running further stops at the end of the iteration that overflowed, stepping
/// on is refused, and Reset recovers.
#[test]
fn a_run_that_diverges_later_stops_there_and_reset_recovers() {
    let spec = identity_neuron(
        0.0,
        0.0,
        1.0,
        1.0,
        Optimizer::Sgd {
            learning_rate: 10.0,
        },
    );
    let mut s = Session::new(spec).expect("valid");
    assert!(s.snapshot().diverged.is_none());
    let e = s
        .apply(Command::RunIterations { count: 5000 })
        .expect_err("diverges");
    assert!(e.contains("Diverged"), "{e}");
    let snap = s.snapshot();
    let d = snap.diverged.clone().expect("diverged");
    assert!(
        d.iteration > 10 && d.iteration < 1000,
        "iteration {}",
        d.iteration
    );
    assert_eq!(
        snap.iteration, d.iteration,
        "stopped at the iteration that overflowed"
    );
    assert_eq!(snap.done, snap.operation_count);
    assert!(!s.current_trace().is_finite());
    // Every earlier iteration was finite.
    assert_eq!(s.losses().len(), d.iteration);
    assert!(s.losses()[..d.iteration - 1].iter().all(|l| l.is_finite()));

    let e = s.apply(Command::Step { count: 1 }).expect_err("refused");
    assert!(e.contains("Diverged"), "{e}");
    assert_eq!(s.snapshot(), snap, "a refused step changes nothing");

    ok(&mut s, Command::Reset);
    let snap = s.snapshot();
    assert_eq!((snap.iteration, snap.done), (1, 0));
    assert!(snap.diverged.is_none());
    assert_eq!(s.current_trace().before[0].weights[0][0], 0.0);
    ok(&mut s, Command::RunIterations { count: 5 });
    assert_eq!(at(&s), (6, 0));
}

#[test]
fn history_is_limited_and_stepping_back_stops_at_the_oldest_kept() {
    let mut s = Session::two_neuron();
    let n = HISTORY_LIMIT + 50;
    ok(&mut s, Command::RunIterations { count: n });
    assert_eq!(at(&s), (n + 1, 0));
    assert_eq!(
        s.losses().len(),
        n + 1,
        "dropped iterations keep their loss"
    );
    ok(&mut s, Command::Step { count: -1_000_000 });
    let (iteration, done) = at(&s);
    assert_eq!(done, 0);
    assert_eq!(iteration, n + 2 - HISTORY_LIMIT, "oldest kept iteration");
    assert!(!s.snapshot().can_step_back);
}

#[test]
fn commands_parse_in_the_pages_shape() {
    // The page writes `{type: "step", count: 1}`; serde reads it as it is (tests/web.rs sends it through the
    // real handle).
    let parse = |text: &str| serde_json::from_str::<Command>(text).map_err(|e| e.to_string());
    assert_eq!(
        parse(r#"{"type": "step", "count": -3}"#),
        Ok(Command::Step { count: -3 })
    );
    assert_eq!(
        parse(r#"{"type": "finish", "phase": "backward"}"#),
        Ok(Command::Finish {
            phase: Phase::Backward
        })
    );
    assert_eq!(
        parse(r#"{"type": "next_iteration"}"#),
        Ok(Command::NextIteration)
    );
    assert_eq!(
        parse(r#"{"type": "set_loss", "loss": "squared_error"}"#),
        Ok(Command::SetLoss {
            loss: Loss::SquaredError
        })
    );
    assert_eq!(
        parse(r#"{"type": "set_weight", "layer": 1, "neuron": 0, "input": 0, "value": 0.5}"#),
        Ok(Command::SetWeight {
            layer: 1,
            neuron: 0,
            input: 0,
            value: 0.5
        })
    );
    assert!(parse(r#"{"type": "step", "count": 1, "extra": 2}"#).is_err());
    assert!(parse(r#"{"type": "jump"}"#).is_err());
    assert!(
        parse(r#"{"step": {"count": 1}}"#).is_err(),
        "a command needs its type"
    );
    assert!(
        parse(r#"{"type": "step"}"#).is_err(),
        "a command with fields needs them"
    );
}

/// What Predict first asks for: each operation's quantity and value. Each value is the number the
/// operation's sentence ends with, and the names follow the seed: z₁, a₁, …, E, then the gradients from
/// the output back, then the new weights and biases, with the seed's numbers.
#[test]
fn each_operation_names_the_number_it_reveals() {
    use backprop_lab::labs::two_neuron::describe::{describe, result};
    use backprop_lab::shared::format::sig4;
    let spec = Spec::two_neuron();
    let trace = two_neuron_trace();
    let ops = operations(&trace);
    let results: Vec<(String, f64)> = ops.iter().map(|&op| result(op, &trace)).collect();
    for (&op, (name, value)) in ops.iter().zip(&results) {
        let text = describe(op, &trace, spec.loss, &spec.optimizer);
        assert!(text.ends_with(&sig4(*value)), "{name}: {text}");
        let bare = name.trim_start_matches("the new ");
        assert!(text.contains(bare), "{name} is named in “{text}”");
    }
    let names: Vec<&str> = results.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(&names[..5], ["z₁", "a₁", "z₂", "a₂", "E"]);
    let value = |name: &str| results.iter().find(|(n, _)| n == name).unwrap().1;
    assert_sig4(value("z₁"), 0.415, "z₁");
    assert_sig4(value("∂E/∂w₂"), 0.05707, "∂E/∂w₂");
    assert_sig4(value("∂E/∂b₂"), 0.09480, "∂E/∂b₂");
    assert_sig4(value("∂E/∂w₁"), 0.001021, "∂E/∂w₁");
    assert_sig4(value("∂E/∂b₁"), 0.01021, "∂E/∂b₁");
    assert_sig4(value("the new w₂"), 0.4272, "new w₂");
    assert_sig4(value("the new w₁"), 0.1496, "new w₁");
    assert_sig4(value("the new b₁"), 0.3959, "new b₁");
}

/// The question Predict first shows hides the asked number wherever it is not an operand, and nothing that
/// only contains its digits; a factor with the same value, already on screen, stays.
#[test]
fn a_prompt_hides_the_asked_number_and_only_it() {
    use backprop_lab::labs::two_neuron::session::as_question;
    assert_eq!(
        as_question("z₁ = 0.1500 × 0.1000 + 0.4000 = 0.4150", "0.4150"),
        "z₁ = 0.1500 × 0.1000 + 0.4000 = ?"
    );
    assert_eq!(
        as_question("w ← 0.4500 → 0.3500 (g = 0.1)", "0.3500"),
        "w ← 0.4500 → ? (g = 0.1)"
    );
    assert_eq!(
        as_question("a = 10.4150 or 0.41500 = -0.4150", "0.4150"),
        "a = 10.4150 or 0.41500 = -?"
    );
    assert_eq!(
        as_question(
            "∂E/∂b₂ = ∂E/∂z₂ · ∂z₂/∂b₂ = 0.09476 × 1 = 0.09476",
            "0.09476"
        ),
        "∂E/∂b₂ = ∂E/∂z₂ · ∂z₂/∂b₂ = 0.09476 × 1 = ?"
    );
    // A ReLU's slope comes first, and z can have the same value: neither gives the answer away.
    assert_eq!(
        as_question("∂a₁/∂z₁ = 1.000, because z₁ = 1.000 is positive", "1.000"),
        "∂a₁/∂z₁ = ?, because z₁ = ? is positive"
    );
    // A number the sentence does not spell out: its last result is the question.
    assert_eq!(
        as_question("∂a/∂z = 1, because z = 2.000", "0.5000"),
        "∂a/∂z = 1, because z = ?"
    );
    // The course's chain, and a ReLU chain whose slope (1) equals its z (1) and whose second slope (0)
    // equals its z (0): every prompt hides its answer.
    let relu = Spec::from_json(
        r#"{"layers": [{"weights": [[1]], "biases": [0], "activation": "relu"},
           {"weights": [[-1]], "biases": [0], "activation": "relu"}],
           "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.1},
           "data": {"inputs": [[1]], "targets": [[1]]}, "batch_size": 1}"#,
    )
    .unwrap();
    for spec in [Spec::two_neuron(), relu] {
        let mut session = Session::new(spec).unwrap();
        while session.snapshot().next.is_some() {
            let next = session.snapshot().next.unwrap();
            // The asked value is gone: wherever it still appears, it is an operand, a factor that is already
            // known (the step it comes from is done).
            let shown = backprop_lab::shared::format::sig4(next.value);
            assert!(next.prompt.contains('?'), "{}", next.prompt);
            for (at, _) in next.prompt.match_indices(&shown) {
                let after = &next.prompt[at + shown.len()..];
                let operand = [" ×", " +", " −"].iter().any(|op| after.starts_with(op));
                let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
                let inside = digit(after.chars().next()) || digit(next.prompt[..at].chars().last());
                assert!(operand || inside, "{}: the answer shows", next.prompt);
            }
            session.apply(Command::Step { count: 1 }).unwrap();
        }
    }
}

/// A neuron with two inputs has two weights per operation: Predict first asks for the first, and its prompt
/// shows neither weight's result (the second's was printed beside the first's question).
#[test]
fn predict_first_on_a_two_input_neuron_asks_one_weight_and_shows_no_other() {
    let mut session = Session::new(small_net(1, 1, Optimizer::Sgd { learning_rate: 0.5 })).unwrap();
    let mut asked = 0;
    while let Some(next) = session.snapshot().next {
        if matches!(
            next.operation,
            Operation::WeightGradient { layer: 0, .. } | Operation::UpdateWeights { layer: 0, .. }
        ) {
            asked += 1;
            let full = &next.text;
            assert_eq!(full.matches("; ").count(), 1, "two weights: {full}");
            assert!(!next.prompt.contains("; "), "{}", next.prompt);
            assert!(
                next.prompt.contains(&next.quantity.replace("the new ", "")),
                "{}",
                next.prompt
            );
            let second = full.split("; ").nth(1).unwrap();
            let second_result = second.rsplit("= ").next().unwrap();
            assert!(!next.prompt.contains(second), "{}", next.prompt);
            assert!(
                next.prompt.ends_with("= ?"),
                "{} (not {second_result})",
                next.prompt
            );
        }
        session.apply(Command::Step { count: 1 }).unwrap();
    }
    assert_eq!(asked, 6, "three neurons, a gradient and an update each");
}

/// Predict first, judged in the core: the verdicts the page shows, a score that counts each operation once,
/// and a score that starts again with the run.
#[test]
fn predictions_are_judged_and_scored_per_run() {
    let mut session = Session::two_neuron();
    let predict = |s: &mut Session, guess: f64| {
        s.apply(Command::Predict { guess }).unwrap();
        s.snapshot().prediction.expect("a verdict")
    };
    let v = predict(&mut session, 0.415);
    assert_eq!(
        (v.verdict, v.message.as_str()),
        (
            Mark::Right,
            "You predicted z₁ = 0.4150; it is 0.4150: right."
        )
    );
    let v = predict(&mut session, 0.6);
    assert_eq!(v.verdict, Mark::Close);
    assert!(
        v.message
            .starts_with("You predicted a₁ = 0.6000; it is 0.6023: close: too low by 0.002"),
        "{}",
        v.message
    );
    assert!(v.message.ends_with("(0.4%)."), "{}", v.message);
    let v = predict(&mut session, 0.5);
    assert_eq!(
        (v.verdict, v.message.as_str()),
        (
            Mark::Off,
            "You predicted z₂ = 0.5000; it is 0.9210: too low by 0.4210 (46%)."
        )
    );
    let score = session.snapshot().score.unwrap();
    assert_eq!((score.right, score.made), (1, 3));

    // Back one and guess z₂ again: practice, not a second mark.
    session.apply(Command::Step { count: -1 }).unwrap();
    assert_eq!(
        session.snapshot().prediction,
        None,
        "another command clears the verdict"
    );
    assert_eq!(predict(&mut session, 0.921).verdict, Mark::Right);
    assert_eq!(session.snapshot().score.unwrap().made, 3);

    // A wrong sign is called out.
    let mut backward = Session::two_neuron();
    backward
        .apply(Command::Finish {
            phase: Phase::Forward,
        })
        .unwrap();
    backward.apply(Command::Step { count: 1 }).unwrap();
    let next = backward.snapshot().next.unwrap();
    let v = predict(&mut backward, -next.value);
    assert_eq!(v.verdict, Mark::Off);
    assert!(
        v.message.ends_with("off: the sign is wrong."),
        "{}",
        v.message
    );

    // A non-number changes nothing, the verdict on screen included.
    let before = session.snapshot();
    assert!(before.prediction.is_some());
    assert!(session.apply(Command::Predict { guess: f64::NAN }).is_err());
    assert_eq!(session.snapshot().done, before.done);
    assert_eq!(session.snapshot().score, before.score);
    assert_eq!(session.snapshot().prediction, before.prediction);

    // An edited value starts the run again, and the score with it: the old run's marks do not block the new
    // run's operations.
    session
        .apply(Command::SetLearningRate { value: 0.5 })
        .unwrap();
    assert_eq!(session.snapshot().score, None);
    assert_eq!(predict(&mut session, 0.415).verdict, Mark::Right);
    assert_eq!(session.snapshot().score.unwrap().made, 1);
}

/// A class working to three figures is right: 0.0571 for ∂E/∂w₂ = 0.05707 (0.05% off), and 0.05704, nearer
/// still though it rounds the other way. Two figures (0.057) or a slip in the third (0.0572) is only close.
#[test]
fn a_guess_right_to_three_figures_is_right() {
    use backprop_lab::labs::two_neuron::predict::mark;
    let value = 0.057_070_4;
    for guess in [0.0571, 0.05704, 0.05707] {
        assert_eq!(mark(guess, value).0, Mark::Right, "{guess}");
    }
    for guess in [0.057, 0.0572, 0.0569] {
        assert_eq!(mark(guess, value).0, Mark::Close, "{guess}");
    }
    // The tolerance follows the value's size: 948 for 947.6, -0.00102 for -0.0010213, 3.80 for 3.7951.
    assert_eq!(mark(948.0, 947.6).0, Mark::Right);
    assert_eq!(mark(-0.00102, -0.001_021_3).0, Mark::Right);
    assert_eq!(mark(3.80, 3.7951).0, Mark::Right);
    assert_eq!(mark(3.81, 3.7951).0, Mark::Close);
    assert_eq!(mark(0.01, 0.0).0, Mark::Off);
}

/// Against a true value of 0 (or a guess ten times off) a percentage says nothing: the marks give the
/// difference alone.
#[test]
fn a_guess_against_zero_is_marked_without_a_percentage() {
    use backprop_lab::labs::two_neuron::predict::mark;
    assert_eq!(
        mark(0.1, 0.0),
        (Mark::Off, "too high by 0.1000".to_string())
    );
    assert_eq!(
        mark(50.0, 1.0),
        (Mark::Off, "too high by 49.00".to_string())
    );
    assert_eq!(
        mark(5.0, 1.0),
        (Mark::Off, "too high by 4.000 (400%)".to_string())
    );
    assert_eq!(mark(0.0, 0.0).0, Mark::Right);
}

/// At the end of an iteration there is nothing to predict: Predict steps on without a verdict.
#[test]
fn predicting_past_the_last_operation_just_steps() {
    let mut session = Session::two_neuron();
    session
        .apply(Command::Finish {
            phase: Phase::Update,
        })
        .unwrap();
    session.apply(Command::Predict { guess: 1.0 }).unwrap();
    let s = session.snapshot();
    assert_eq!(
        (s.iteration, s.done, s.prediction, s.score),
        (2, 0, None, None)
    );
}

/// Negative numbers inside a written-out sum are bracketed: "1 − (-0.4621)²" is tanh's slope, where
/// "1 − -0.4621²" would square only 0.4621; a negative weight reads "(-0.5) × a", and a negative output
/// "½(T − (-0.9242))²".
#[test]
fn negative_factors_are_bracketed_in_the_written_out_sums() {
    let spec = Spec::from_json(
        r#"{"layers": [{"weights": [[-0.5]], "biases": [0], "activation": "tanh"},
           {"weights": [[2]], "biases": [0], "activation": "identity"}],
           "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.1},
           "data": {"inputs": [[1]], "targets": [[1]]}, "batch_size": 1}"#,
    )
    .unwrap();
    let mut session = Session::new(spec).unwrap();
    let mut texts = Vec::new();
    while let Some(next) = session.snapshot().next {
        texts.push(next.text);
        session.apply(Command::Step { count: 1 }).unwrap();
    }
    let all = texts.join("\n");
    assert!(all.contains("(-0.5000) × 1.000"), "{all}");
    assert!(all.contains("= 1 − (-0.4621)² = 0.7864"), "{all}");
    // The output a = 2·tanh(−0.5) is negative: the error subtracts it in brackets.
    assert!(all.contains("= ½(1.000 − (-0.9242))² = "), "{all}");
    for text in &texts {
        assert!(!text.contains("× -") && !text.contains("− -"), "{text}");
    }
}

/// An optimizer's update is written out with its own numbers. Adam's first step: m = 0.1·g and v = 0.001·g²,
/// and their corrections 1 − 0.9¹ = 0.1 and 1 − 0.999¹ = 0.001 give back m̂ = g and √v̂ = |g|, so w₂ moves by
/// η whatever g is. Momentum's first buffer is g itself; RMSprop's v is 0.01·g², so its step is 10·η.
#[test]
fn optimizer_updates_show_their_state() {
    use backprop_lab::labs::two_neuron::describe::describe;
    use backprop_lab::shared::format::sig4;
    let g = 0.057_070_4; // ∂E/∂w₂ of the course's first step
    let first_update = |optimizer: Optimizer| {
        let spec = Spec {
            optimizer,
            ..Spec::two_neuron()
        };
        let trace = Trainer::new(spec.clone()).expect("valid").step();
        let op = Operation::UpdateWeights {
            layer: 1,
            neuron: 0,
        };
        let after = trace.after[1].weights[0][0];
        (describe(op, &trace, spec.loss, &spec.optimizer), after)
    };
    let (adam, after) = first_update(Optimizer::adam(0.1));
    assert_rel(after, 0.45 - 0.1, 1e-6, "Adam's first step is η");
    assert_eq!(
        adam,
        format!(
            "w₂ ← w₂ − η·m̂/(√v̂ + ε) = 0.4500 − 0.1000 × 0.05707/0.05707 = {}, where at t = 1, m̂ = m/(1 − β₁ᵗ) = \
             0.005707/0.1000 and v̂ = v/(1 − β₂ᵗ) = {}/0.001000",
            sig4(after),
            sig4(0.001 * g * g)
        )
    );
    let (momentum, after) = first_update(Optimizer::momentum(0.5));
    assert_eq!(
        momentum,
        format!(
            "w₂ ← w₂ − η·buf = 0.4500 − 0.5000 × 0.05707 = {}, where buf ← μ·buf + g = 0.05707 (μ = 0.9000, g = 0.05707)",
            sig4(after)
        )
    );
    let (rmsprop, after) = first_update(Optimizer::rmsprop(0.01));
    assert_rel(
        0.45 - after,
        10.0 * 0.01,
        1e-5,
        "RMSprop's first step is 10·η",
    );
    assert_eq!(
        rmsprop,
        format!(
            "w₂ ← w₂ − η·g/(√v + ε) = 0.4500 − 0.01000 × 0.05707/0.005707 = {}, where v ← α·v + (1 − α)·g² = {} (α = 0.9900)",
            sig4(after),
            sig4(0.01 * g * g)
        )
    );
    // The course's own update: η = 0.4 takes w₂ to 0.427.
    let (sgd, _) = first_update(Optimizer::Sgd { learning_rate: 0.4 });
    assert_eq!(
        sgd,
        "w₂ ← w₂ − η·∂E/∂w₂ = 0.4500 − 0.4000 × 0.05707 = 0.4272"
    );
    // With x = 0, ∂E/∂w₁ = 0 and so is v: the step is 0/(√0 + ε), written as such, never 0/0.
    let mut spec = Spec {
        optimizer: Optimizer::rmsprop(0.01),
        ..Spec::two_neuron()
    };
    spec.data.inputs = vec![vec![0.0]];
    let trace = Trainer::new(spec.clone()).expect("valid").step();
    let op = Operation::UpdateWeights {
        layer: 0,
        neuron: 0,
    };
    let text = describe(op, &trace, spec.loss, &spec.optimizer);
    assert!(text.contains(" × 0/1.000e-8 = 0.1500,"), "{text}");
    assert!(!text.contains("0/0"), "{text}");
}
