//! Helpers the stepper and session tests share: the course's first trace, where a session stands, a command
//! that must be accepted, and the sentence of one operation.

use backprop_lab::engine::Spec;
use backprop_lab::engine::Trainer;
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Session;

pub fn two_neuron_trace() -> backprop_lab::engine::StepTrace {
    Trainer::new(Spec::two_neuron()).expect("valid").step()
}

pub fn at(s: &Session) -> (usize, usize) {
    let snap = s.snapshot();
    (snap.iteration, snap.done)
}

#[track_caller]
pub fn ok(s: &mut Session, c: Command) {
    let shown = format!("{c:?}");
    if let Err(e) = s.apply(c) {
        panic!("{shown} refused: {e}");
    }
}

/// The text of the `k`-th operation (1-based) of the current iteration.
pub fn operation_text(s: &Session, k: usize) -> String {
    let mut copy = Session::new(s.spec().clone()).expect("valid");
    ok(&mut copy, Command::Step { count: k as i64 });
    copy.snapshot().last.map(|l| l.text).unwrap_or_default()
}
