//! The gradient-descent lab: fit a line to points (x, z) by gradient descent on the mean squared error
//! J = (1/n) Σ (zᵢ − ẑᵢ)². The model is one identity neuron, ẑ = w·x (bias frozen at 0) or ẑ = w·x + b,
//! trained by the same `Trainer` as every other lab, so every number shown comes from a `StepTrace`.
//!
//! J is quadratic, so its curvature is constant and the learning-rate thresholds are exact. For ẑ = w·x,
//! J″(w) = 2m with m = mean(xᵢ²), and each step multiplies the distance to the minimum by r = 1 − 2ηm:
//! steps overshoot when η > 1/(2m) (r < 0) and diverge when η > 1/m (|r| > 1). With a bias, the same holds
//! along each axis of the bowl, with 2m replaced by the Hessian's eigenvalues, J's curvatures c: overshoot
//! past 1/c_max, divergence past 2/c_max. (c, not the textbooks' λ: on this page λ is weight decay.)
//!
//! The lab's files, one concept each, in an order where each uses only files before it, so no two depend on
//! each other: `preset` (the lessons' data); `setup` (a run's inputs, their limits, and what follows from the
//! data alone); `points` (typed and CSV points); `regime` (thresholds and regimes); `window` (where J is
//! drawn, and J sampled there); `distance` (how far each step is from the minimum, and the factor a step
//! multiplies that by); `race` (the batch-size and optimizer races); `update` (the next step written out);
//! `command`; `snapshot`; `link` (the address); and this file, the lab itself, which steps the run and
//! builds the snapshot. The views draw from a snapshot and the types in it. The `pub use`s below keep every public path
//! `labs::descent::X` as it was, for the page, the views and the tests.

mod command;
mod distance;
pub mod link;
mod points;
mod preset;
mod race;
mod regime;
mod setup;
mod snapshot;
mod update;
pub mod views;
mod window;

pub use command::DescentCommand;
pub use distance::{distance_factor, distance_text, distances};
pub use points::parse_points;
pub use preset::Preset;
pub use race::{optimizer_race, race, Outcome, RaceBowl, RaceSeries, OPTIMIZER_STEPS, RACE_EPOCHS};
pub use regime::{regime, regime_text, thresholds, Regime, Thresholds};
pub use setup::{
    DescentSetup, Line, Model, Moments, Scaling, MAX_MAGNITUDE, MAX_POINTS, MAX_STEPS,
};
pub use snapshot::DescentSnapshot;
pub use update::{BatchLens, Update};
pub use window::{CostGrid, PathPoint, Window};

use crate::engine::loss::Loss;
use crate::engine::trace::StepTrace;
use crate::engine::trainer::Trainer;
use crate::shared::format::sig4;
use race::race_bowl;
use update::update;
use window::{curve, grid, sampled, window};

/// How many times its starting J a run's J may grow before the lab calls it diverged and stops it.
pub const RUNAWAY: f64 = 1e12;

pub struct DescentLab {
    setup: DescentSetup,
    trainer: Trainer,
    /// Traces of steps 0, 1, …: trace k goes from w_k to w_{k+1}. One more than shown is kept, for `update`.
    traces: Vec<StepTrace>,
    shown: usize,
    overflow: Option<String>,
    /// The batch-size comparison depends only on the setup: computed once per setup.
    race: Vec<RaceSeries>,
    optimizer_race: Vec<RaceSeries>,
    race_bowl: Option<RaceBowl>,
}

impl DescentLab {
    pub fn new(setup: DescentSetup) -> Result<DescentLab, String> {
        setup.validate()?;
        let trainer = Trainer::new(setup.run_spec()).map_err(|e| e.to_string())?;
        let optimizer_race = optimizer_race(&setup);
        let mut lab = DescentLab {
            race: race(&setup),
            race_bowl: race_bowl(&setup, &optimizer_race),
            optimizer_race,
            setup,
            trainer,
            traces: Vec::new(),
            shown: 0,
            overflow: None,
        };
        lab.ensure(0);
        Ok(lab)
    }

    /// The query of a link that opens this setup at this step.
    pub fn link(&self) -> String {
        link::descent_query(&self.setup, self.shown)
    }

    /// Opens the setup and step a link describes; a refused link changes nothing.
    pub fn open_link(&mut self, query: &str) -> Result<(), String> {
        let (setup, steps) = link::descent_from_query(query)?;
        let mut lab = DescentLab::new(setup)?;
        // A link into a run that overflows shows as far as the run got.
        let _ = lab.go_to(steps);
        *self = lab;
        Ok(())
    }

    /// The point nearest to (x, z) within the given distances, for picking a point to drag.
    pub fn point_near(&self, x: f64, z: f64, reach_x: f64, reach_z: f64) -> Option<usize> {
        self.setup
            .points
            .iter()
            .enumerate()
            .map(|(k, p)| {
                (
                    k,
                    ((p[0] - x) / reach_x).powi(2) + ((p[1] - z) / reach_z).powi(2),
                )
            })
            .filter(|&(_, d)| d <= 1.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(k, _)| k)
    }

    pub fn setup(&self) -> &DescentSetup {
        &self.setup
    }

    /// Computes traces up to step k (0-based), stopping at an overflow.
    fn ensure(&mut self, k: usize) {
        let j_start = self.setup.cost(self.setup.w0, self.setup.b0);
        while self.traces.len() <= k && self.overflow.is_none() {
            let trace = self.trainer.step();
            // A mini-batch step records its own points' loss; J over all the points can overflow first.
            let after = &trace.after[0];
            let j_after = self.setup.cost(after.weights[0][0], after.biases[0]);
            // A run whose J has grown a trillion-fold is diverging beyond doubt: it stops and says so in a
            // few steps, instead of running on for a hundred more until the numbers overflow.
            if trace.is_finite() && j_after.is_finite() && j_after > RUNAWAY * j_start.max(1e-12) {
                self.traces.push(trace);
                // Said of every step only if every step of this run did land farther out: a mini-batch step
                // goes down its own points' parabola, and in a long valley the first steps may still come
                // nearer along its floor.
                let how = if self.every_step_farther() {
                    "every step lands farther from the minimum than the last"
                } else {
                    "its steps carry it ever farther from the minimum"
                };
                self.overflow = Some(format!(
                    "Diverged at step {}: J grew from {} to {}, over a trillion times its start; {how}. Lower η \
                     and press Reset.",
                    self.traces.len(),
                    sig4(j_start),
                    sig4(j_after)
                ));
                return;
            }
            if !trace.is_finite() || !j_after.is_finite() {
                // This step's J(w_k) overflowed although w_k did not: stop at w_{k−1}, whose J is a number.
                if self.traces.len() > 1 {
                    self.traces.pop();
                }
                self.overflow = Some(format!(
                    "The numbers overflowed after {} steps: w ran away past what a computer can hold. Lower η \
                     and press Reset.",
                    self.traces.len()
                ));
                return;
            }
            self.traces.push(trace);
        }
    }

    /// Whether each step computed so far landed farther from the least-squares minimum than the one before.
    fn every_step_farther(&self) -> bool {
        let Some((w, b)) = self.setup.minimum() else {
            return false;
        };
        let away = |l: &crate::engine::layer::Layer| (l.weights[0][0] - w).hypot(l.biases[0] - b);
        let start = self.traces.first().map(|t| away(&t.before[0]));
        let after = self.traces.iter().map(|t| away(&t.after[0]));
        start
            .into_iter()
            .chain(after)
            .collect::<Vec<f64>>()
            .windows(2)
            .all(|d| d[1] > d[0])
    }

    fn go_to(&mut self, k: usize) -> Result<(), String> {
        let k = k.min(MAX_STEPS);
        self.ensure(k);
        // The last point we can show is the one the last finite trace ends at.
        let reachable = if self.traces.len() > k {
            k
        } else {
            self.traces.len()
        };
        self.shown = reachable;
        match (&self.overflow, reachable < k) {
            (Some(message), true) => Err(message.clone()),
            _ => Ok(()),
        }
    }

    fn restart(&mut self, setup: DescentSetup, keep_steps: bool) -> Result<(), String> {
        let shown = self.shown;
        *self = DescentLab::new(setup)?;
        if keep_steps {
            // Sliding η into divergence is expected here: show as far as it got, without an error.
            let _ = self.go_to(shown);
        }
        Ok(())
    }

    pub fn apply(&mut self, command: DescentCommand) -> Result<(), String> {
        let mut setup = self.setup.clone();
        match command {
            DescentCommand::Step { count } => {
                let target = (self.shown as i64)
                    .saturating_add(count)
                    .clamp(0, MAX_STEPS as i64) as usize;
                return self.go_to(target);
            }
            DescentCommand::Reset => return self.restart(setup, false),
            DescentCommand::SetLearningRate { value } => {
                setup.learning_rate = value;
                return self.restart(setup, true);
            }
            DescentCommand::SetStart { w, b } => {
                setup.w0 = w;
                setup.b0 = b;
            }
            DescentCommand::LoadPreset { preset } => {
                // A preset is a new lesson: it starts at step 0 with its own settings, not with the last
                // lesson's model, η or standardising (only the batch size, set in its own panel, stays).
                let mut fresh = DescentSetup {
                    points: preset.points(),
                    batch_size: setup.batch_size,
                    ..DescentSetup::default()
                };
                if preset == Preset::FarFromZero {
                    fresh.model = Model::SlopeAndIntercept;
                    fresh.learning_rate = 0.01;
                }
                return self.restart(fresh, false);
            }
            DescentCommand::SetPoints { points } => setup.points = points,
            DescentCommand::SetPointsText { text } => setup.points = parse_points(&text)?,
            DescentCommand::MovePoint { index, x, z } => {
                *setup
                    .points
                    .get_mut(index)
                    .ok_or("There is no such point.")? = [x, z];
                return self.restart(setup, true);
            }
            DescentCommand::AddPoint { x, z } => setup.points.push([x, z]),
            DescentCommand::RemovePoint { index } => {
                if index >= setup.points.len() {
                    return Err("There is no such point.".into());
                }
                setup.points.remove(index);
            }
            DescentCommand::SetModel { model } => {
                setup.model = model;
                // Standardising shifts x by its mean, which only a bias can absorb.
                setup.standardize &= model == Model::SlopeAndIntercept;
            }
            DescentCommand::SetStandardize { on } => setup.standardize = on,
            DescentCommand::SetBatchSize { size } => setup.batch_size = size,
        }
        self.restart(setup, true)
    }

    /// Point k of the path; `cost` is J over all the points (`DescentSetup::cost_fn`, built once by the
    /// caller: building it rescales every point).
    fn point(&self, k: usize, cost: &impl Fn(f64, f64) -> f64) -> PathPoint {
        let layer = if k == 0 {
            &self.traces[0].before[0]
        } else {
            &self.traces[k - 1].after[0]
        };
        let (w, b) = (layer.weights[0][0], layer.biases[0]);
        // J(w_k) is the loss recorded by the step taken from w_k; the newest point may have no such step yet.
        // A mini-batch step records its batch's loss, not J over all the points, which the path follows.
        let cost = match (self.traces.get(k), self.setup.mini_batch()) {
            (Some(t), None) => t.loss,
            _ => cost(w, b),
        };
        PathPoint { w, b, cost }
    }

    pub fn snapshot(&self) -> DescentSnapshot {
        let setup = &self.setup;
        let cost = setup.cost_fn();
        let path: Vec<PathPoint> = (0..=self.shown).map(|k| self.point(k, &cost)).collect();
        let here = path[self.shown];
        let window = window(setup, path.iter().map(|p| (p.w, p.b)));
        let thresholds = thresholds(setup);
        let regime = regime(setup.learning_rate, &thresholds);
        let lines: Vec<Line> = path.iter().map(|p| setup.line(p.w, p.b)).collect();
        DescentSnapshot {
            param_names: setup.param_names(),
            mini_batch: setup.mini_batch(),
            iteration: self.shown,
            w: here.w,
            b: here.b,
            cost: here.cost,
            update: self.traces.get(self.shown).map(|t| update(setup, t)),
            inside: path.iter().map(|p| window.contains(p)).collect(),
            line: lines[self.shown],
            old_lines: lines[self.shown.saturating_sub(8)..self.shown].to_vec(),
            scaling: setup.scaling(),
            moments: setup.moments(),
            regime_text: {
                let mut text = regime_text(regime, setup.learning_rate, &thresholds);
                if setup.mini_batch().is_some() {
                    text.push_str(
                        " That is for steps on all the points. A mini-batch step goes down the parabola of its \
                         own points, which curves more or less than J's, so this run can cross the minimum, or \
                         settle, where these marks say it would not; and on noisy data it never quite settles.",
                    );
                }
                text
            },
            distances: distances(&path, setup.minimum()),
            distance_factor: distance_factor(setup.learning_rate, &thresholds),
            distance_text: distance_text(setup, &thresholds, regime),
            regime,
            thresholds,
            minimum: setup.minimum().map(|(w, b)| PathPoint {
                w,
                b,
                cost: setup.cost(w, b),
            }),
            curve: curve(
                setup,
                &window,
                if setup.model == Model::Slope {
                    0.0
                } else {
                    here.b
                },
                160,
            ),
            grid: (setup.model == Model::SlopeAndIntercept).then(|| grid(setup, &window, 64)),
            batch_curve: self
                .traces
                .get(self.shown)
                .filter(|_| setup.mini_batch().is_some())
                .map(|t| {
                    // The step's own examples carry the features the model sees (standardised or not).
                    let b = if setup.model == Model::Slope {
                        0.0
                    } else {
                        here.b
                    };
                    let n = t.examples.len() as f64;
                    sampled(&window, 160, |w| {
                        t.examples
                            .iter()
                            .map(|e| Loss::SquaredError.value(&[w * e.input[0] + b], &e.target))
                            .sum::<f64>()
                            / n
                    })
                })
                .unwrap_or_default(),
            race: self.race.clone(),
            optimizer_race: self.optimizer_race.clone(),
            race_bowl: self.race_bowl.clone(),
            window,
            path,
            overflow: self
                .overflow
                .clone()
                .filter(|_| self.shown >= self.traces.len()),
            can_step_back: self.shown > 0,
            setup: setup.clone(),
        }
    }
}

crate::shared::lab::linkable_lab!(DescentLab, DescentCommand, DescentSnapshot);
