//! Edits restart the run from the values shown (a refused one changes nothing), the loss can be changed, and
//! a run that diverged is recovered by an edit or by Reset.

use super::support::{at, ok, operation_text};
use crate::common::{assert_rel, identity_neuron};
use backprop_lab::engine::Loss;
use backprop_lab::engine::Optimizer;
use backprop_lab::engine::Spec;
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Phase;
use backprop_lab::labs::two_neuron::Session;
use backprop_lab::labs::two_neuron::Snapshot;

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

/// The page prints what the core decides about the network: whether it is the course's chain (whose
/// sentences name a₂ and w₂) and which optimizer the title names.
#[test]
fn the_snapshot_says_whether_the_network_is_the_courses_and_how_it_is_trained() {
    let course = Session::two_neuron().snapshot();
    assert!(course.course_chain);
    assert_eq!(
        course.trained_with, None,
        "plain gradient descent goes unnamed"
    );
    let mut adam = Spec::two_neuron();
    adam.optimizer = Optimizer::adam(0.1);
    let s = Session::new(adam).unwrap().snapshot();
    assert!(s.course_chain, "the same chain, trained otherwise");
    assert_eq!(s.trained_with, Some("Adam"));
    let mut tanh = Spec::two_neuron();
    tanh.layers[0].activation = backprop_lab::engine::Activation::Tanh;
    assert!(!Session::new(tanh).unwrap().snapshot().course_chain);
    let wide = Session::new(crate::common::small_net(4, 2, Optimizer::momentum(0.1))).unwrap();
    assert!(!wide.snapshot().course_chain);
    assert_eq!(wide.snapshot().trained_with, Some("momentum"));
}
