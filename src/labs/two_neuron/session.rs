//! A lab session: the one place the page's state lives and changes. Commands come in (from buttons), the
//! session updates, and a read-only `Snapshot` goes out for the views to draw.

use super::history::History;
use super::predict::{read_guess, Predictions, Verdict};
use super::quantity::result;
use crate::engine::loss::Loss;
use crate::engine::spec::{Spec, SpecError};
use crate::engine::trace::StepTrace;

// These once lived in this file: re-exported so that their old paths (`session::MAX_RUN` and the rest) work.
pub use super::command::{Command, MAX_RUN};
pub use super::divergence::Divergence;
pub use super::history::HISTORY_LIMIT;
pub use super::question::as_question;
pub use super::snapshot::{NeuronRow, OperationView, ParamRow, Snapshot};

pub struct Session {
    /// What Reset returns to.
    initial: Spec,
    /// The run of `initial` computed so far, and where the page stands in it.
    history: History,
    predictions: Predictions,
    verdict: Option<Verdict>,
    /// Predict first is on: a setting of the page, not of the run, so a restart keeps it and a link carries it.
    predict_first: bool,
}

impl Session {
    pub fn new(spec: Spec) -> Result<Session, SpecError> {
        let history = History::new(spec.clone())?;
        Ok(Session {
            initial: spec,
            history,
            predictions: Predictions::default(),
            verdict: None,
            predict_first: false,
        })
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
        self.history.losses().values()
    }

    /// The error curve up to the iteration shown: (iteration, loss) points.
    pub fn loss_curve(&self) -> &[[f64; 2]] {
        self.history.losses().up_to(self.history.loss_count())
    }

    pub fn diverged(&self) -> Option<&Divergence> {
        self.history.diverged()
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

    /// The iteration on screen as CSV, one row per operation (see `run_csv`).
    pub fn operations_csv(&self) -> String {
        super::run_csv::operations_csv(
            self.history.iteration() + 1,
            self.current_trace(),
            self.history.spec(),
        )
    }

    pub fn current_trace(&self) -> &StepTrace {
        self.history.current_trace()
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
            Command::Step { count } => self.history.step_by(count.clamp(-1_000_000, 1_000_000)),
            Command::Predict { guess } => self.predict(&guess),
            Command::SetPredictFirst { on } => {
                self.predict_first = on;
                Ok(())
            }
            Command::Finish { phase } => {
                self.history.finish(phase);
                Ok(())
            }
            Command::NextIteration => self.history.go_to(self.history.iteration() + 1, 0),
            Command::RunIterations { count } => {
                let count = count.min(MAX_RUN);
                let target = self.history.iteration() + count;
                self.history.go_to(target, 0)
            }
            Command::Reset => self.restart(self.initial.clone()),
            Command::LoadExample => self.restart(Spec::two_neuron()),
            Command::SetLoss { loss } => self.switch_loss(loss),
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
    fn predict(&mut self, typed: &str) -> Result<(), String> {
        let guess = read_guess(typed)?;
        let place = (self.history.iteration(), self.history.done());
        let asked = self
            .history
            .ops()
            .get(self.history.done())
            .map(|&op| result(op, self.current_trace()));
        self.history.step_by(1)?;
        if let Some((quantity, value)) = asked {
            self.verdict = Some(self.predictions.judge(place, &quantity, &guess, value));
        }
        Ok(())
    }

    /// Switch the error function and keep the place: the run is recomputed from the same starting values,
    /// trained under `loss` from iteration 1, up to the iteration and operation shown, so a class can compare
    /// the same iteration under both functions (and switching back gives the same numbers, bit for bit).
    /// A run that diverges before getting there stops where its numbers overflowed, and its snapshot says so.
    /// Past `MAX_RUN` iterations a recomputation would freeze the page; the run then starts again from the
    /// values the iteration shown began with, as every other edit does.
    fn switch_loss(&mut self, loss: Loss) -> Result<(), String> {
        let (k, done) = (self.history.iteration(), self.history.done());
        if k >= MAX_RUN {
            return self.edit(|s| {
                s.loss = loss;
                Ok(())
            });
        }
        let mut spec = self.initial.clone();
        spec.loss = loss;
        let mut switched = Session::new(spec).map_err(|e| e.to_string())?;
        switched.predict_first = self.predict_first;
        // Its error is the divergence the snapshot reports; the history already stands where it stopped.
        let _ = switched.history.go_to(k, done);
        *self = switched;
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
        let mut fresh = Session::new(spec).map_err(|e| e.to_string())?;
        fresh.predict_first = self.predict_first;
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
            done: self.history.done(),
            predict_first: self.predict_first,
        };
        if self.history.iteration() < MAX_RUN {
            return super::link::two_neuron_query(&self.initial, at(self.history.iteration() + 1));
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
        opened.predict_first = at.predict_first;
        opened.history.go_to(at.iteration - 1, at.done)?;
        if at.done > opened.history.ops().len() {
            return Err(format!(
                "op: iteration {} has {} operations.",
                at.iteration,
                opened.history.ops().len()
            ));
        }
        *self = opened;
        Ok(())
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot::of(
            &self.history,
            self.verdict.clone(),
            self.predictions.score(),
            self.predict_first,
        )
    }
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
