//! A run that went wrong, in words the page shows: numbers that overflowed (a divergence, with its cause) or
//! learning that stalled although nothing overflowed.

use serde::Serialize;

use crate::engine::optimizer::OptimizerState;
use crate::engine::trace::StepTrace;
use crate::shared::format::sig4;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Divergence {
    /// 1-based iteration whose numbers overflowed (the page reads the message, which names it).
    #[serde(skip_serializing)]
    pub iteration: usize,
    pub message: String,
}

impl Divergence {
    /// The divergence of 1-based `iteration`, whose trace is `trace`, if any of its numbers overflowed.
    pub fn of(iteration: usize, trace: &StepTrace) -> Option<Divergence> {
        if !overflowed(trace) {
            return None;
        }
        // Blame what overflowed: at the first iteration, everything before the update (the error, the values
        // of each neuron, the gradients, the optimizer's memory of them) comes from the starting values alone;
        // no learning rate has acted yet, and lowering it would not help.
        let cause = if iteration == 1 && !before_update_finite(trace) {
            "The starting values are already too large for a computer's numbers: make x, T, the weights or \
             the biases smaller."
        } else {
            "The learning rate is too large for this network; lower it and press Reset."
        };
        // Never ±inf or NaN as text: the loss is named only while it is a number.
        let what = if trace.loss.is_finite() {
            format!("loss {}", sig4(trace.loss))
        } else {
            "the loss among them".to_string()
        };
        Some(Divergence {
            iteration,
            message: format!(
                "Diverged at iteration {iteration}: the numbers overflowed ({what}). {cause}"
            ),
        })
    }
}

/// Whether any number of this iteration overflowed: the loss, a z, a, ∂a/∂z or ∂E/∂z of any example, a
/// gradient, a weight after the update or the optimizer's memory (RMSprop's mean of g² overflows before g
/// does). One exception, which is no divergence: the output's ∂E/∂a under cross-entropy, which divides by an
/// output that has rounded to exactly 0 or 1; backpropagation goes around it (∂E/∂z = a − T, computed
/// directly and finite), and `overflow_note` says so.
pub fn overflowed(trace: &StepTrace) -> bool {
    !(before_update_finite(trace) && trace.after.iter().all(|l| l.params().all(f64::is_finite)))
}

/// Whether every number of this iteration before its update is finite (but the output's ∂E/∂a, above).
fn before_update_finite(trace: &StepTrace) -> bool {
    let last = trace.before.len() - 1;
    let values = trace.examples.iter().all(|e| {
        e.layers.iter().enumerate().all(|(l, v)| {
            let own = v.z.iter().chain(&v.a).chain(&v.da_dz).chain(&v.de_dz);
            own.chain(if l == last { &[][..] } else { &v.de_da[..] })
                .all(|x| x.is_finite())
        })
    });
    // The optimizer's memory is of gradients (and their squares), before η multiplies them.
    let state = match &trace.optimizer_state {
        OptimizerState::Sgd {} => true,
        OptimizerState::Momentum { buffer: sets }
        | OptimizerState::Rmsprop { square_avg: sets } => {
            sets.iter().all(|g| g.values().all(f64::is_finite))
        }
        OptimizerState::Adam { m, v, .. } => {
            m.iter().chain(v).all(|g| g.values().all(f64::is_finite))
        }
    };
    trace.loss.is_finite()
        && trace
            .gradients
            .iter()
            .all(|g| g.values().all(f64::is_finite))
        && values
        && state
}

/// Under cross-entropy, an output that has rounded to exactly 0 or 1 makes ∂E/∂a divide by 0 while the run
/// goes on: what the page writes instead of that number, and why.
pub fn overflow_note(trace: &StepTrace) -> Option<String> {
    let last = trace.before.len() - 1;
    let output = &trace.examples.first()?.layers[last];
    let saturated = output
        .de_da
        .iter()
        .zip(&output.de_dz)
        .any(|(d, g)| !d.is_finite() && g.is_finite());
    saturated.then(|| {
        "The output has rounded to exactly 0 or 1, so ∂E/∂a, which divides by a or by 1 − a, has no value a \
         computer can hold: the page writes “overflowed” there, and in the chain rule's product. Cross-entropy \
         does not need it: backpropagation computes ∂E/∂z = a − T directly, which stays a number, and goes on \
         from there."
            .to_string()
    })
}

/// Whether every neuron of this iteration sits on a flat part of its activation and every gradient is ≈ 0
/// while E is not: the run learns nothing, though no number overflowed.
pub fn is_stalled(trace: &StepTrace) -> bool {
    let saturated = trace
        .examples
        .iter()
        .flat_map(|e| e.layers.iter().flat_map(|l| l.da_dz.iter()))
        .all(|d| d.abs() < 1e-6);
    // The error's own gradient can still get through a saturated output (a sigmoid under cross-entropy, where
    // ∂E/∂z = a − T), and a tiny E is a good fit, not a stall: the message is for a run that truly cannot move.
    let still = trace
        .gradients
        .iter()
        .all(|g| g.values().all(|v| v.abs() < 1e-6));
    saturated && still && trace.is_finite() && trace.loss > 1e-3
}

/// A run whose every neuron sits on a flat part of its activation learns nothing, though no number overflowed.
/// Saying so keeps a student from waiting for progress that cannot come, and the cause decides the advice:
/// values this run started from that were already saturated (`from_start`: no η helps, and Reset comes back
/// to them), or steps that were too large (a huge η on sigmoids does this).
pub fn stalled(trace: &StepTrace, from_start: bool) -> Option<String> {
    is_stalled(trace).then(|| {
        let largest = trace.before.iter().flat_map(|l| l.params()).fold(0.0, |m: f64, v| m.max(v.abs()));
        let why = if from_start {
            "the values this run started from already saturate every neuron, so no learning rate helps, and \
             Reset comes back to them. Make the weights and biases smaller, or press “Load the course example”."
        } else {
            "the steps were too large. Press Reset (back to the values this run started from) or “Load the \
             course example”, then lower η: lowering η first restarts from the saturated values on screen."
        };
        format!(
            "Learning has stalled: every neuron is saturated (∂a/∂z ≈ 0), so every gradient is ≈ 0 while E is \
             still {}. The largest weight or bias is {}: {why}",
            sig4(trace.loss),
            sig4(largest)
        )
    })
}

/// A number in a sentence, with four significant figures; one that overflowed (a diverged run's) is written
/// as the word, never as inf or NaN.
pub fn written(v: f64) -> String {
    if v.is_finite() {
        sig4(v)
    } else {
        "overflowed".into()
    }
}

/// `written`, in parentheses when negative, as a factor of a product: 0.5 × (−0.2).
pub fn written_factor(v: f64) -> String {
    if v.is_finite() {
        crate::shared::format::factor(v)
    } else {
        written(v)
    }
}
