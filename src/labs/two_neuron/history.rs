//! The run as computed so far, and where the page stands in it: the trainer, the traces of the last
//! `HISTORY_LIMIT` iterations (for stepping back), every iteration's loss, and the iteration and operation
//! shown. Moving forward computes what is missing; no move goes past the iteration where the run diverged.

use std::collections::VecDeque;

use super::divergence::{is_stalled, Divergence};
use super::stepper::{operations, Operation, Phase};
use crate::engine::loss_curve::LossCurve;
use crate::engine::spec::{Spec, SpecError};
use crate::engine::trace::StepTrace;
use crate::engine::trainer::Trainer;

/// Steps of history kept for stepping back; older ones are dropped (their losses stay in the curve).
pub const HISTORY_LIMIT: usize = 2_000;

pub(super) struct History {
    trainer: Trainer,
    /// Traces of iterations `first_kept ..= first_kept + traces.len() - 1`.
    /// A ring: dropping the oldest trace must not shift two thousand others every iteration.
    traces: VecDeque<StepTrace>,
    first_kept: usize,
    /// Loss of every iteration computed so far, including dropped ones.
    losses: LossCurve,
    /// Iteration shown (0-based) and operations done in it.
    iteration: usize,
    done: usize,
    ops: Vec<Operation>,
    diverged: Option<Divergence>,
    /// The run's first iteration had already stalled: the values it started from saturate every neuron.
    stalled_from_start: bool,
}

impl History {
    /// The run of `spec`, its first iteration computed and shown with nothing done.
    pub fn new(spec: Spec) -> Result<History, SpecError> {
        let trainer = Trainer::new(spec)?;
        let mut history = History {
            trainer,
            traces: VecDeque::new(),
            first_kept: 0,
            losses: LossCurve::new(),
            iteration: 0,
            done: 0,
            ops: Vec::new(),
            diverged: None,
            stalled_from_start: false,
        };
        history.compute_next();
        history.ops = operations(&history.traces[0]);
        history.stalled_from_start = is_stalled(&history.traces[0]);
        Ok(history)
    }

    /// The setup being trained, as the trainer holds it.
    pub fn spec(&self) -> &Spec {
        self.trainer.spec()
    }

    /// Iteration shown (0-based).
    pub fn iteration(&self) -> usize {
        self.iteration
    }

    /// Operations done in the iteration shown.
    pub fn done(&self) -> usize {
        self.done
    }

    /// The operations of the iteration shown.
    pub fn ops(&self) -> &[Operation] {
        &self.ops
    }

    pub fn current_trace(&self) -> &StepTrace {
        &self.traces[self.iteration - self.first_kept]
    }

    pub fn losses(&self) -> &LossCurve {
        &self.losses
    }

    pub fn diverged(&self) -> Option<&Divergence> {
        self.diverged.as_ref()
    }

    /// Whether the run's first iteration had already stalled (the values it started from are saturated).
    pub fn stalled_from_start(&self) -> bool {
        self.stalled_from_start
    }

    /// Whether a step back is possible: the oldest kept iteration, with nothing done, is as far as it goes.
    pub fn can_step_back(&self) -> bool {
        self.iteration > self.first_kept || self.done > 0
    }

    /// Iterations whose loss has been revealed: those before the one shown, and the one shown once its
    /// (batch) loss has been computed.
    pub fn loss_count(&self) -> usize {
        let single = self.current_trace().examples.len() == 1;
        let revealed = self.ops[..self.done].iter().any(|op| match op {
            Operation::Loss { .. } => single,
            Operation::BatchLoss => true,
            _ => false,
        });
        self.iteration + usize::from(revealed)
    }

    /// The loss of iteration `i` (0-based), once computed.
    pub fn loss(&self, i: usize) -> Option<f64> {
        // Exact from the kept traces; from the curve for iterations older than those.
        i.checked_sub(self.first_kept)
            .and_then(|k| self.traces.get(k))
            .map(|t| t.loss)
            .or_else(|| self.losses.at(i + 1))
    }

    /// The last iteration computed (0-based).
    fn newest(&self) -> usize {
        self.first_kept + self.traces.len() - 1
    }

    fn compute_next(&mut self) {
        let trace = self.trainer.step();
        self.losses.push(trace.loss);
        // Iterations count from 1 in this session, whatever step a resumed spec started at.
        let iteration = self.losses.len();
        if self.diverged.is_none() {
            self.diverged = Divergence::of(iteration, &trace);
        }
        self.traces.push_back(trace);
        if self.traces.len() > HISTORY_LIMIT {
            self.traces.pop_front();
            self.first_kept += 1;
        }
    }

    /// Computes iterations up to `k` (0-based). Refuses to go past the iteration where the run diverged.
    fn ensure_computed(&mut self, k: usize) -> Result<(), String> {
        loop {
            if let Some(d) = &self.diverged {
                if k >= d.iteration {
                    return Err(d.message.clone());
                }
            }
            if self.newest() >= k {
                return Ok(());
            }
            self.compute_next();
        }
    }

    fn show(&mut self, k: usize, done: usize) {
        self.iteration = k;
        self.ops = operations(self.current_trace());
        self.done = done.min(self.ops.len());
    }

    /// Show iteration `k` (0-based) with `done` operations done, computing it if needed. A run that diverges
    /// on the way stops at the end of the iteration that overflowed, so its numbers can be inspected.
    pub fn go_to(&mut self, k: usize, done: usize) -> Result<(), String> {
        if k < self.first_kept {
            return Err(format!(
                "Only the last {HISTORY_LIMIT} iterations are kept; iteration {} is gone.",
                k + 1
            ));
        }
        if let Err(message) = self.ensure_computed(k) {
            if let Some(d) = &self.diverged {
                let last = d.iteration - 1;
                self.show(last, usize::MAX);
            }
            return Err(message);
        }
        self.show(k, done);
        Ok(())
    }

    fn operation_count(&mut self, k: usize) -> Result<i64, String> {
        if let Err(message) = self.ensure_computed(k) {
            self.go_to(k, 0)?;
            return Err(message);
        }
        Ok(operations(&self.traces[k - self.first_kept]).len() as i64)
    }

    /// Positions run 0..=len within each iteration, and (k, len) is followed by (k + 1, 0).
    pub fn step_by(&mut self, count: i64) -> Result<(), String> {
        let mut k = self.iteration;
        let mut done = self.done as i64 + count;
        if count >= 0 {
            loop {
                let len = self.operation_count(k)?;
                if done <= len {
                    break;
                }
                done -= len + 1;
                k += 1;
            }
        } else {
            while done < 0 {
                if k == self.first_kept {
                    done = 0;
                    break;
                }
                k -= 1;
                done += self.operation_count(k)? + 1;
            }
        }
        self.go_to(k, done as usize)
    }

    /// Jump to the end of `phase` in the iteration shown.
    pub fn finish(&mut self, phase: Phase) {
        let end = self
            .ops
            .iter()
            .rposition(|op| op.phase() == phase)
            .map_or(self.done, |i| i + 1);
        // Only forward: "finish the forward pass" during the update does nothing.
        self.done = self.done.max(end);
    }
}
