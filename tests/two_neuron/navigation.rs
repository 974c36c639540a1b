//! Moving through a session: stepping forward and back, finishing a phase, the next iteration, runs, Reset,
//! the limit of kept history, and the commands in the page's shape.

use super::support::{at, ok};
use backprop_lab::engine::Loss;
use backprop_lab::engine::Spec;
use backprop_lab::engine::Trainer;
use backprop_lab::labs::two_neuron::session::HISTORY_LIMIT;
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Operation;
use backprop_lab::labs::two_neuron::Phase;
use backprop_lab::labs::two_neuron::Session;

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
