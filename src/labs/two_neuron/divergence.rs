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

/// A run whose every neuron sits on a flat part of its activation learns nothing, though no number overflowed
/// (a huge η on sigmoids does this). Saying so keeps a student from waiting for progress that cannot come.
pub fn stalled(trace: &StepTrace) -> Option<String> {
    let slopes = || {
        trace
            .examples
            .iter()
            .flat_map(|e| e.layers.iter().flat_map(|l| l.da_dz.iter()))
    };
    let saturated = slopes().all(|d| d.abs() < 1e-6);
    // The error's own gradient can still get through a saturated output (a sigmoid under cross-entropy, where
    // ∂E/∂z = a − T), and a tiny E is a good fit, not a stall: the message is for a run that truly cannot move.
    let still = trace
        .gradients
        .iter()
        .all(|g| g.values().all(|v| v.abs() < 1e-6));
    (saturated && still && trace.is_finite() && trace.loss > 1e-3).then(|| {
        let largest = trace.before.iter().flat_map(|l| l.params()).fold(0.0, |m: f64, v| m.max(v.abs()));
        format!(
            "Learning has stalled: every neuron is saturated (∂a/∂z ≈ 0), so every gradient is ≈ 0 while E is \
             still {}. The largest weight or bias is {}: the steps were too large. Press Reset (back to the \
             values this run started from) or “Load the course example”, then lower η: lowering η first \
             restarts from the saturated values on screen.",
            sig4(trace.loss),
            sig4(largest)
        )
    })
}
