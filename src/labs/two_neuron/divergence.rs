//! A run that went wrong, in words the page shows: numbers that overflowed (a divergence, with its cause) or
//! learning that stalled although nothing overflowed.

use serde::Serialize;

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
        if trace.is_finite() {
            return None;
        }
        // Blame what overflowed: an error that cannot be computed from the starting values is not the
        // learning rate's fault, and lowering it would not help.
        let cause = if iteration == 1 && !trace.loss.is_finite() {
            "The error of the starting values is already too large for a computer's numbers: make x, T, \
             the weights or the biases smaller."
        } else {
            "The learning rate is too large for this network; lower it and press Reset."
        };
        Some(Divergence {
            iteration,
            message: format!(
                "Diverged at iteration {iteration}: the numbers overflowed (loss {}). {cause}",
                sig4(trace.loss)
            ),
        })
    }
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
