//! A lab session: the one place the page's state lives and changes. Commands come in (from buttons), the
//! session updates, and a read-only `Snapshot` goes out for the views to draw.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::chain::{chain_rules, ChainRule};
use super::describe::Names;
use super::describe::{describe, result};
use super::predict::{Predictions, Score, Verdict};
use super::stepper::{operations, Operation, Phase, Shown, StepView};
use crate::engine::activation::Activation;
use crate::engine::layer::Layer;
use crate::engine::loss::Loss;
use crate::engine::loss_curve::LossCurve;
use crate::engine::spec::{Spec, SpecError};
use crate::engine::trace::StepTrace;
use crate::engine::trainer::Trainer;
use crate::shared::format::sig4;

/// Steps of history kept for stepping back; older ones are dropped (their losses stay in the curve).
pub const HISTORY_LIMIT: usize = 2_000;
/// How many iterations one command may run, so a click can never freeze the page.
pub const MAX_RUN: usize = 100_000;

/// What a person can ask for. Edits restart the run from the values shown, with the edit applied.
// Written by the page as `{type: "step", count: 1}`.
#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    /// Forward (positive) or back (negative) by this many operations.
    Step {
        count: i64,
    },
    /// One operation forward, with a guess for the number it computes, judged when it is revealed.
    Predict {
        guess: f64,
    },
    /// Jump to the end of the forward pass, the backward pass or the update of this iteration.
    Finish {
        phase: Phase,
    },
    /// Jump to the start of the next iteration.
    NextIteration,
    /// Run this many whole iterations (for Play and for "train to the end").
    RunIterations {
        count: usize,
    },
    /// Back to iteration 0 of the current setup.
    Reset,
    /// Replace the setup by the seed's two-neuron example.
    LoadExample,
    SetInput {
        index: usize,
        value: f64,
    },
    SetTarget {
        index: usize,
        value: f64,
    },
    SetWeight {
        layer: usize,
        neuron: usize,
        input: usize,
        value: f64,
    },
    SetBias {
        layer: usize,
        neuron: usize,
        value: f64,
    },
    SetLearningRate {
        value: f64,
    },
    SetLoss {
        loss: Loss,
    },
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Divergence {
    /// 1-based iteration whose numbers overflowed (the page reads the message, which names it).
    #[serde(skip_serializing)]
    pub iteration: usize,
    pub message: String,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct OperationView {
    /// Not sent to the page, which reads the phase, the text and the quantity: serialising this enum of
    /// a dozen shapes cost the page 1 KB, gzipped, for nothing.
    #[serde(skip)]
    pub operation: Operation,
    pub phase: Phase,
    pub text: String,
    /// What the operation computes (its name, as `z₁` or `the new w₂`) and its value: what a class is asked
    /// to predict before Step reveals it.
    pub quantity: String,
    pub value: f64,
    /// The sentence with that value (wherever it appears) and the final result hidden as "?": what the
    /// page shows of the next operation, so a prediction is not read off the screen.
    pub prompt: String,
}

/// One neuron's values for the first example of the step, with its name.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct NeuronRow {
    pub label: String,
    pub layer: usize,
    pub neuron: usize,
    pub z: Shown,
    pub a: Shown,
    pub de_da: Shown,
    pub da_dz: Shown,
    pub de_dz: Shown,
}

/// One weight or bias: its value when the step began, its gradient and its value after the update, each
/// once known.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ParamRow {
    pub label: String,
    /// `weight` or `bias`.
    pub kind: &'static str,
    pub layer: usize,
    pub neuron: usize,
    /// For weights, the input (or previous neuron) the edge comes from.
    pub input: Option<usize>,
    pub value: f64,
    pub gradient: Shown,
    pub after: Shown,
}

/// Everything the page shows, as plain data.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// 1-based iteration being shown.
    pub iteration: usize,
    /// Operations done in this iteration, of `operation_count`.
    pub done: usize,
    pub operation_count: usize,
    /// `start`, `forward`, `backward`, `update` (the phase of the last operation done) or `done`.
    pub stage: &'static str,
    /// The operation just done, with its numbers.
    pub last: Option<OperationView>,
    /// The operation that Step will do next.
    pub next: Option<OperationView>,
    pub view: StepView,
    pub neurons: Vec<NeuronRow>,
    pub parameters: Vec<ParamRow>,
    /// Names of the inputs and targets (x, T for the seed's chain).
    pub input_labels: Vec<String>,
    pub target_labels: Vec<String>,
    pub chain: Vec<ChainRule>,
    pub architecture: Vec<usize>,
    pub activations: Vec<Activation>,
    pub loss_name: &'static str,
    pub loss_formula: &'static str,
    /// `sgd`, `momentum`, `rmsprop` or `adam`: the title names any but plain gradient descent.
    pub optimizer: &'static str,
    pub learning_rate: f64,
    /// The setup's example inputs and targets (what the edit fields show).
    pub inputs: Vec<Vec<f64>>,
    pub targets: Vec<Vec<f64>>,
    /// The loss at the start of each iteration so far (drawn by the error curve).
    pub loss_count: usize,
    pub latest_loss: Option<f64>,
    pub diverged: Option<Divergence>,
    /// Learning has stalled although nothing overflowed: every neuron saturated, so every gradient is ≈ 0.
    pub stalled: Option<String>,
    pub can_step_back: bool,
    /// The last Predict's verdict, until the next command.
    pub prediction: Option<Verdict>,
    /// The run's Predict first score, once a guess has been judged.
    pub score: Option<Score>,
    /// The iteration on screen began from the course example's values (its x, T, weights, biases and η), so
    /// under E = ½(T − a)² its numbers are the course's.
    pub course_values: bool,
}

pub struct Session {
    /// What Reset returns to.
    initial: Spec,
    trainer: Trainer,
    /// Traces of iterations `first_kept ..= first_kept + history.len() - 1`.
    /// A ring: dropping the oldest trace must not shift two thousand others every iteration.
    history: VecDeque<StepTrace>,
    first_kept: usize,
    /// Loss of every iteration computed so far, including dropped ones.
    losses: LossCurve,
    /// Iteration shown (0-based) and operations done in it.
    iteration: usize,
    done: usize,
    ops: Vec<Operation>,
    diverged: Option<Divergence>,
    predictions: Predictions,
    verdict: Option<Verdict>,
}

impl Session {
    pub fn new(spec: Spec) -> Result<Session, SpecError> {
        let trainer = Trainer::new(spec.clone())?;
        let mut session = Session {
            initial: spec,
            trainer,
            history: VecDeque::new(),
            first_kept: 0,
            losses: LossCurve::new(),
            iteration: 0,
            done: 0,
            ops: Vec::new(),
            diverged: None,
            predictions: Predictions::default(),
            verdict: None,
        };
        session.compute_next();
        session.ops = operations(&session.history[0]);
        Ok(session)
    }

    pub fn two_neuron() -> Session {
        // The built-in example always validates; a test pins that.
        Session::new(Spec::two_neuron())
            .unwrap_or_else(|e| panic!("built-in example is invalid: {e}"))
    }

    pub fn spec(&self) -> &Spec {
        &self.initial
    }

    /// The loss of every iteration computed so far (sampled more sparsely after `CURVE_POINTS` of them).
    pub fn losses(&self) -> Vec<f64> {
        self.losses.values()
    }

    /// The error curve up to the iteration shown: (iteration, loss) points.
    pub fn loss_curve(&self) -> &[[f64; 2]] {
        self.losses.up_to(self.loss_count())
    }

    /// Iterations whose loss has been revealed: those before the one shown, and the one shown once its
    /// (batch) loss has been computed.
    fn loss_count(&self) -> usize {
        let single = self.current_trace().examples.len() == 1;
        let revealed = self.ops[..self.done].iter().any(|op| match op {
            Operation::Loss { .. } => single,
            Operation::BatchLoss => true,
            _ => false,
        });
        self.iteration + usize::from(revealed)
    }

    pub fn diverged(&self) -> Option<&Divergence> {
        self.diverged.as_ref()
    }

    /// Backpropagation's gradients of the iteration on screen against central differences of its error.
    /// The gradient check of the iteration on screen, or why it is not offered (a network too big for it).
    pub fn gradient_check(&self) -> Result<Vec<crate::engine::gradcheck::GradientCheck>, String> {
        let count: usize = self.spec().layers.iter().map(|l| l.params().count()).sum();
        if count > crate::engine::gradcheck::MAX_CHECKED {
            return Err(format!(
                "This network has {count} parameters; the check runs for up to {}.",
                crate::engine::gradcheck::MAX_CHECKED
            ));
        }
        Ok(crate::engine::gradcheck::check(
            self.current_trace(),
            self.spec().loss,
        ))
    }

    pub fn current_trace(&self) -> &StepTrace {
        &self.history[self.iteration - self.first_kept]
    }

    /// The last iteration computed (0-based).
    fn newest(&self) -> usize {
        self.first_kept + self.history.len() - 1
    }

    fn compute_next(&mut self) {
        let trace = self.trainer.step();
        self.losses.push(trace.loss);
        // Iterations count from 1 in this session, whatever step a resumed spec started at.
        let iteration = self.losses.len();
        if self.diverged.is_none() && !trace.is_finite() {
            // Blame what overflowed: an error that cannot be computed from the starting values is not the
            // learning rate's fault, and lowering it would not help.
            let cause = if iteration == 1 && !trace.loss.is_finite() {
                "The error of the starting values is already too large for a computer's numbers: make x, T, \
                 the weights or the biases smaller."
            } else {
                "The learning rate is too large for this network; lower it and press Reset."
            };
            self.diverged = Some(Divergence {
                iteration,
                message: format!(
                    "Diverged at iteration {iteration}: the numbers overflowed (loss {}). {cause}",
                    crate::shared::format::sig4(trace.loss)
                ),
            });
        }
        self.history.push_back(trace);
        if self.history.len() > HISTORY_LIMIT {
            self.history.pop_front();
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
    fn go_to(&mut self, k: usize, done: usize) -> Result<(), String> {
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
        Ok(operations(&self.history[k - self.first_kept]).len() as i64)
    }

    /// Positions run 0..=len within each iteration, and (k, len) is followed by (k + 1, 0).
    fn step_by(&mut self, count: i64) -> Result<(), String> {
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

    /// Apply one command. A refused command changes nothing and says why.
    pub fn apply(&mut self, command: Command) -> Result<(), String> {
        // A verdict answers the Predict that made it; any other command moves on from it, unless refused.
        let verdict = self.verdict.take();
        let applied = self.apply_command(command);
        if applied.is_err() {
            self.verdict = verdict;
        }
        applied
    }

    fn apply_command(&mut self, command: Command) -> Result<(), String> {
        match command {
            Command::Step { count } => self.step_by(count.clamp(-1_000_000, 1_000_000)),
            Command::Predict { guess } => self.predict(guess),
            Command::Finish { phase } => {
                let end = self
                    .ops
                    .iter()
                    .rposition(|op| op.phase() == phase)
                    .map_or(self.done, |i| i + 1);
                // Only forward: "finish the forward pass" during the update does nothing.
                self.done = self.done.max(end);
                Ok(())
            }
            Command::NextIteration => self.go_to(self.iteration + 1, 0),
            Command::RunIterations { count } => {
                let count = count.min(MAX_RUN);
                let target = self.iteration + count;
                self.go_to(target, 0)
            }
            Command::Reset => self.restart(self.initial.clone()),
            Command::LoadExample => self.restart(Spec::two_neuron()),
            Command::SetLoss { loss } => self.edit(|s| {
                s.loss = loss;
                Ok(())
            }),
            Command::SetLearningRate { value } => self.edit(|s| {
                s.optimizer.set_learning_rate(value);
                Ok(())
            }),
            Command::SetInput { index, value } => self.edit(|s| {
                set(
                    s.data.inputs.first_mut().and_then(|x| x.get_mut(index)),
                    value,
                    "input",
                )
            }),
            Command::SetTarget { index, value } => self.edit(|s| {
                set(
                    s.data.targets.first_mut().and_then(|t| t.get_mut(index)),
                    value,
                    "target",
                )
            }),
            Command::SetWeight {
                layer,
                neuron,
                input,
                value,
            } => self.edit(|s| {
                let slot = s
                    .layers
                    .get_mut(layer)
                    .and_then(|l| l.weights.get_mut(neuron))
                    .and_then(|r| r.get_mut(input));
                set(slot, value, "weight")
            }),
            Command::SetBias {
                layer,
                neuron,
                value,
            } => self.edit(|s| {
                set(
                    s.layers
                        .get_mut(layer)
                        .and_then(|l| l.biases.get_mut(neuron)),
                    value,
                    "bias",
                )
            }),
        }
    }

    /// Steps once and judges `guess` against the number that step computes. At the end of an iteration there
    /// is nothing to predict, and it steps on.
    fn predict(&mut self, guess: f64) -> Result<(), String> {
        if !guess.is_finite() {
            return Err("A prediction must be a number.".into());
        }
        let place = (self.iteration, self.done);
        let asked = self
            .ops
            .get(self.done)
            .map(|&op| result(op, self.current_trace()));
        self.step_by(1)?;
        if let Some((quantity, value)) = asked {
            self.verdict = Some(self.predictions.judge(place, &quantity, guess, value));
        }
        Ok(())
    }

    /// Restart from the values of the iteration shown, changed by `change`.
    fn edit(&mut self, change: impl FnOnce(&mut Spec) -> Result<(), String>) -> Result<(), String> {
        let mut spec = self.initial.clone();
        spec.layers = self.current_trace().before.clone();
        spec.optimizer_state = None;
        change(&mut spec)?;
        self.restart(spec)
    }

    /// Start over from `spec`; if it is refused, nothing changes.
    pub fn restart(&mut self, spec: Spec) -> Result<(), String> {
        let fresh = Session::new(spec).map_err(|e| e.to_string())?;
        *self = fresh;
        Ok(())
    }

    /// The query of a link that opens this setup, when it is the course example's shape.
    /// A link opens the setup and recomputes the iterations before the one shown, so that its numbers and
    /// error curve come back. Past `MAX_RUN` iterations that would take seconds: the link then starts from
    /// the values the iteration on screen began with, which gives the same numbers at once (counted from
    /// iteration 1, and without the curve before them).
    pub fn link(&self) -> Option<String> {
        let at = |iteration| super::link::Position {
            iteration,
            done: self.done,
        };
        if self.iteration < MAX_RUN {
            return super::link::two_neuron_query(&self.initial, at(self.iteration + 1));
        }
        let mut spec = self.initial.clone();
        spec.layers = self.current_trace().before.clone();
        super::link::two_neuron_query(&spec, at(1))
    }

    /// Opens the setup a link describes, at the iteration and operation it names; a refused link changes
    /// nothing.
    pub fn open_link(&mut self, query: &str) -> Result<(), String> {
        let (spec, at) = super::link::two_neuron_from_query(query)?;
        let mut opened = Session::new(spec).map_err(|e| e.to_string())?;
        opened.go_to(at.iteration - 1, at.done)?;
        if at.done > opened.ops.len() {
            return Err(format!(
                "op: iteration {} has {} operations.",
                at.iteration,
                opened.ops.len()
            ));
        }
        *self = opened;
        Ok(())
    }

    pub fn snapshot(&self) -> Snapshot {
        let trace = self.current_trace();
        let spec = self.trainer.spec();
        let view = StepView::new(trace, &self.ops, self.done);
        let op_view = |op: Operation| {
            let (quantity, value) = result(op, trace);
            let text = describe(op, trace, spec.loss, &spec.optimizer);
            OperationView {
                operation: op,
                phase: op.phase(),
                // A neuron with several inputs has one part per weight ("…; …"); the question is about the
                // first, and the others' results would be answers to come, so only its part is asked.
                prompt: as_question(text.split("; ").next().unwrap_or(&text), &sig4(value)),
                text,
                quantity,
                value,
            }
        };
        let last = self.done.checked_sub(1).map(|i| op_view(self.ops[i]));
        let stage = match (&last, self.done == self.ops.len()) {
            (_, true) => "done",
            (None, _) => "start",
            (Some(v), _) => match v.phase {
                Phase::Forward => "forward",
                Phase::Backward => "backward",
                Phase::Update => "update",
            },
        };
        let loss_derivative = match spec.loss {
            Loss::HalfSquaredError => "a − T",
            Loss::SquaredError => "2(a − T)",
            Loss::BinaryCrossEntropy => "(a − T)/(a(1 − a))",
            Loss::CrossEntropy => "−T/a",
        };
        let chain = chain_rules(trace, &view, loss_derivative);
        let loss_count = self.loss_count();
        let names = Names::for_layers(&trace.before);
        let (neurons, parameters) = rows(trace, &view, names);
        Snapshot {
            iteration: self.iteration + 1,
            neurons,
            parameters,
            input_labels: (0..trace.before[0].inputs())
                .map(|i| names.input(i))
                .collect(),
            target_labels: (0..trace.examples[0].target.len())
                .map(|j| names.target(j))
                .collect(),
            done: self.done,
            operation_count: self.ops.len(),
            stage,
            next: self.ops.get(self.done).map(|&op| op_view(op)),
            last,
            chain,
            architecture: std::iter::once(trace.before[0].inputs())
                .chain(trace.before.iter().map(Layer::neurons))
                .collect(),
            activations: trace.before.iter().map(|l| l.activation).collect(),
            loss_name: spec.loss.name(),
            loss_formula: spec.loss.formula(),
            optimizer: spec.optimizer.name(),
            learning_rate: spec.optimizer.learning_rate(),
            inputs: spec.data.inputs.clone(),
            targets: spec.data.targets.clone(),
            loss_count,
            latest_loss: loss_count.checked_sub(1).and_then(|i| {
                // Exact from the kept traces; from the curve for iterations older than those.
                i.checked_sub(self.first_kept)
                    .and_then(|k| self.history.get(k))
                    .map(|t| t.loss)
                    .or_else(|| self.losses.at(i + 1))
            }),
            diverged: self
                .diverged
                .clone()
                .filter(|d| self.iteration + 1 >= d.iteration),
            can_step_back: self.iteration > self.first_kept || self.done > 0,
            prediction: self.verdict.clone(),
            score: self.predictions.score(),
            course_values: {
                let course = Spec::two_neuron();
                trace.before == course.layers
                    && spec.data == course.data
                    && spec.optimizer == course.optimizer
            },
            stalled: stalled(trace),
            view,
        }
    }
}

/// A run whose every neuron sits on a flat part of its activation learns nothing, though no number overflowed
/// (a huge η on sigmoids does this). Saying so keeps a student from waiting for progress that cannot come.
fn stalled(trace: &StepTrace) -> Option<String> {
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
            crate::shared::format::sig4(trace.loss),
            crate::shared::format::sig4(largest)
        )
    })
}

/// The tables' rows, from the trace and what the view has revealed.
fn rows(trace: &StepTrace, view: &StepView, names: Names) -> (Vec<NeuronRow>, Vec<ParamRow>) {
    let ex = &view.examples[0];
    let mut neurons = Vec::new();
    let mut parameters = Vec::new();
    for (l, layer) in trace.before.iter().enumerate() {
        let v = &ex.layers[l];
        for j in 0..layer.neurons() {
            let label = if names.is_chain() {
                format!("neuron {}", l + 1)
            } else {
                format!("layer {} neuron {}", l + 1, j + 1)
            };
            neurons.push(NeuronRow {
                label,
                layer: l,
                neuron: j,
                z: v.z[j],
                a: v.a[j],
                de_da: v.de_da[j],
                da_dz: v.da_dz[j],
                de_dz: v.de_dz[j],
            });
        }
    }
    // Output layer first, as the backward pass meets them.
    for (l, layer) in trace.before.iter().enumerate().rev() {
        for j in 0..layer.neurons() {
            for i in 0..layer.inputs() {
                parameters.push(ParamRow {
                    label: names.weight(l, j, i),
                    kind: "weight",
                    layer: l,
                    neuron: j,
                    input: Some(i),
                    value: layer.weights[j][i],
                    gradient: view.gradients[l].de_dw[j][i],
                    after: view.updated[l].weights[j].then(|| trace.after[l].weights[j][i]),
                });
            }
            parameters.push(ParamRow {
                label: names.bias(l, j),
                kind: "bias",
                layer: l,
                neuron: j,
                input: None,
                value: layer.biases[j],
                gradient: view.gradients[l].de_db[j],
                after: view.updated[l].biases[j].then(|| trace.after[l].biases[j]),
            });
        }
    }
    (neurons, parameters)
}

fn set(slot: Option<&mut f64>, value: f64, what: &str) -> Result<(), String> {
    if !value.is_finite() {
        return Err(format!("The {what} must be a finite number."));
    }
    match slot {
        Some(v) => {
            *v = value;
            Ok(())
        }
        None => Err(format!("There is no such {what} in this network.")),
    }
}

/// `text` with every whole-number occurrence of `value` (not inside a longer number) replaced by "?", except
/// where it is an operand, followed by " ×", " +" or " −": an operation's sentence as a question. The
/// result is never an operand, wherever the sentence puts it (at the end, or first, as a ReLU's slope is:
/// "∂a/∂z = 1.000, because z = … is positive"); an operand with the same value is a factor already on screen
/// (∂E/∂b₂ is ∂E/∂z₂ times 1, and "? × 1 = ?" hid the known ∂E/∂z₂). If the value never occurs, whatever
/// follows the last "= " is hidden instead.
pub fn as_question(text: &str, value: &str) -> String {
    let part_of_number = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = false;
    while let Some(at) = rest.find(value) {
        let before = rest[..at].chars().last().or_else(|| out.chars().last());
        let after_text = &rest[at + value.len()..];
        let operand = [" ×", " +", " −"]
            .iter()
            .any(|op| after_text.starts_with(op));
        out.push_str(&rest[..at]);
        if part_of_number(before) || part_of_number(after_text.chars().next()) || operand {
            out.push_str(value);
        } else {
            out.push('?');
            found = true;
        }
        rest = after_text;
    }
    out.push_str(rest);
    match (found, out.rfind("= ")) {
        (false, Some(at)) => format!("{}= ?", &out[..at]),
        _ => out,
    }
}
