//! Switching the error function keeps the place: a teacher at iteration 3 compares that iteration under
//! ½(T − a)² and (T − a)², so the run is recomputed under the other function from the same starting values
//! up to the same iteration and operation (issue 19).

use super::support::{at, ok};
use crate::common::identity_neuron;
use backprop_lab::engine::Loss;
use backprop_lab::engine::Optimizer;
use backprop_lab::engine::Spec;
use backprop_lab::labs::two_neuron::session::MAX_RUN;
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Session;

fn set_loss(loss: Loss) -> Command {
    Command::SetLoss { loss }
}

/// A session of `spec` at iteration `iteration` (1-based) with `done` operations done.
fn at_place(spec: Spec, iteration: usize, done: usize) -> Session {
    let mut s = Session::new(spec).expect("valid");
    ok(
        &mut s,
        Command::RunIterations {
            count: iteration - 1,
        },
    );
    ok(&mut s, Command::Step { count: done as i64 });
    assert_eq!(at(&s), (iteration, done));
    s
}

fn under(loss: Loss) -> Spec {
    let mut spec = Spec::two_neuron();
    spec.loss = loss;
    spec
}

/// Every number the page and the views read, written so that two runs agree only if they agree bit for bit
/// (Debug writes each f64 with the shortest digits that read back to the same bits).
fn every_number(s: &Session) -> String {
    format!(
        "{:?} {:?} {:?}",
        s.snapshot(),
        s.current_trace(),
        s.losses()
    )
}

#[test]
fn switching_keeps_the_iteration_and_operation_and_recomputes_the_run_under_the_new_function() {
    let operations = Session::two_neuron().snapshot().operation_count;
    for done in [0, 1, 5, 9, operations] {
        let mut s = at_place(Spec::two_neuron(), 3, done);
        let original = every_number(&s);
        ok(&mut s, set_loss(Loss::SquaredError));
        assert_eq!(at(&s), (3, done), "the place is kept at operation {done}");
        let trained_so = at_place(under(Loss::SquaredError), 3, done);
        assert_eq!(
            every_number(&s),
            every_number(&trained_so),
            "the numbers of a run trained under (T − a)² from the start, at operation {done}"
        );
        assert_eq!(s.snapshot().loss_name, "squared_error");
        // The starting values did not change: Reset goes to iteration 1 of the same values, under (T − a)².
        assert_eq!(s.spec(), &under(Loss::SquaredError));

        ok(&mut s, set_loss(Loss::HalfSquaredError));
        assert_eq!(at(&s), (3, done));
        assert_eq!(
            every_number(&s),
            original,
            "switching back gives the original numbers bit for bit, at operation {done}"
        );
    }
}

#[test]
fn the_switched_run_is_the_one_the_new_function_trains_and_its_first_gradients_are_double() {
    // At iteration 1 the switch doubles every gradient of the course's first iteration exactly.
    let mut half = at_place(Spec::two_neuron(), 1, 9);
    let gradients = |s: &Session| s.current_trace().gradients.clone();
    let course = gradients(&half);
    let de_dw2 = course[1].weights[0][0];
    assert!(
        (de_dw2 - 0.05706).abs() < 2e-5,
        "the course's ∂E/∂w₂: {de_dw2}"
    );
    ok(&mut half, set_loss(Loss::SquaredError));
    assert_eq!(gradients(&half)[1].weights[0][0], 2.0 * de_dw2);
    assert_eq!(gradients(&half)[0].biases[0], 2.0 * course[0].biases[0]);
    // At iteration 3 the two runs have parted: (T − a)² took steps twice as long from iteration 1 on, so the
    // weights iteration 3 began with differ.
    let mut s = at_place(Spec::two_neuron(), 3, 0);
    let before = s.current_trace().before.clone();
    ok(&mut s, set_loss(Loss::SquaredError));
    assert_ne!(s.current_trace().before, before);
    assert_eq!(
        s.losses().len(),
        3,
        "the error curve holds the iterations before, under the new function"
    );
}

/// On one identity neuron with its bias (x = 1, so w and b both move by η times the gradient) the distance
/// to T shrinks by |1 − 2η| a step under ½(T − a)² and by |1 − 4η| under (T − a)²: at η = 0.75, the first
/// converges and the second doubles its distance every step and
/// overflows after some hundred iterations. Switching past that point stops where the numbers overflowed,
/// and the snapshot says so; switching back keeps that place, as any switch keeps the place shown.
#[test]
fn a_switch_to_a_function_that_diverges_sooner_stops_where_it_overflowed() {
    let spec = identity_neuron(
        0.0,
        0.0,
        1.0,
        1.0,
        Optimizer::Sgd {
            learning_rate: 0.75,
        },
    );
    let mut s = at_place(spec.clone(), 2000, 2);
    assert!(s.snapshot().diverged.is_none());
    ok(&mut s, set_loss(Loss::SquaredError));
    let snap = s.snapshot();
    let d = snap.diverged.expect("(T − a)² at η = 0.75 diverges");
    assert!(d.iteration < 2000, "before iteration 2000: {}", d.iteration);
    assert_eq!(
        (snap.iteration, snap.done),
        (d.iteration, snap.operation_count),
        "stopped at the end of the iteration that overflowed"
    );
    ok(&mut s, set_loss(Loss::HalfSquaredError));
    assert!(s.snapshot().diverged.is_none());
    assert_eq!(
        every_number(&s),
        every_number(&at_place(spec, d.iteration, snap.operation_count))
    );
}

/// Past `MAX_RUN` iterations, recomputing would freeze the page for seconds: the switch then starts the run
/// again from the values the iteration shown began with, as an edit does.
#[test]
fn past_max_run_the_switch_starts_again_from_the_values_shown() {
    let mut s = Session::two_neuron();
    ok(&mut s, Command::RunIterations { count: MAX_RUN });
    assert_eq!(at(&s), (MAX_RUN + 1, 0));
    let before = s.current_trace().before.clone();
    ok(&mut s, set_loss(Loss::SquaredError));
    assert_eq!(at(&s), (1, 0));
    assert_eq!(s.current_trace().before, before);
    assert_eq!(s.snapshot().loss_name, "squared_error");
}
