//! The two comparisons run from the lab's start: batch against mini-batch against stochastic steps, and
//! gradient descent against momentum, RMSprop and Adam, with the bowl the optimizers' paths are drawn on.

use serde::Serialize;

use super::setup::{DescentSetup, Model};
use super::window::{grid, window, CostGrid, Window};
use crate::engine::optimizer::Optimizer;
use crate::engine::spec::Spec;
use crate::engine::trainer::Trainer;

/// How many epochs the batch-size comparison runs.
pub const RACE_EPOCHS: usize = 12;
/// Updates in the optimizer race.
pub const OPTIMIZER_STEPS: usize = 40;

/// How a run of a race ended, as the page words it.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// J overflowed before the last update: the run stops at its last finite point.
    Overflowed,
    /// J ended more than a thousand times where it started, whether or not it overflowed yet.
    Diverging,
    /// J never went below its start.
    NeverBelowStart,
    Descended,
}

/// One run in a comparison: a batch size, or an optimizer.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct RaceSeries {
    pub label: String,
    #[serde(skip_serializing)]
    pub batch_size: usize,
    /// (epochs done, or updates for the optimizer race, J over all the points) after every update. A run
    /// that overflowed stops at its last finite point.
    pub costs: Vec<[f64; 2]>,
    /// (w, b) after every update, from the start. Drawn in Rust; not sent to the page.
    #[serde(skip_serializing)]
    pub path: Vec<[f64; 2]>,
    /// The lowest J of the run, the start included.
    pub lowest: f64,
    pub outcome: Outcome,
}

/// J and (w, b) after every update, each from the start.
type Runs = (Vec<[f64; 2]>, Vec<[f64; 2]>);

impl RaceSeries {
    /// A run of `updates` planned updates, from what `run` gave.
    fn new(label: String, batch_size: usize, (costs, path): Runs, updates: usize) -> RaceSeries {
        let (start, last) = (costs[0][1], costs[costs.len() - 1][1]);
        let lowest = costs.iter().map(|c| c[1]).fold(f64::INFINITY, f64::min);
        let outcome = if costs.len() - 1 < updates {
            Outcome::Overflowed
        } else if last > 1000.0 * start.max(1e-300) {
            Outcome::Diverging
        } else if lowest >= start {
            Outcome::NeverBelowStart
        } else {
            Outcome::Descended
        };
        RaceSeries {
            label,
            batch_size,
            costs,
            path,
            lowest,
            outcome,
        }
    }
}

/// Runs `spec` for `updates` updates: J over all the points and (w, b) after each, until J overflows.
fn run(setup: &DescentSetup, spec: Spec, updates: usize, per_x: f64) -> Runs {
    let j = setup.cost_fn();
    let mut costs = vec![[0.0, j(setup.w0, setup.b0)]];
    let mut path = vec![[setup.w0, setup.b0]];
    if let Ok(mut trainer) = Trainer::new(spec) {
        for step in 1..=updates {
            let trace = trainer.step();
            let layer = &trace.after[0];
            let (w, b) = (layer.weights[0][0], layer.biases[0]);
            let cost = j(w, b);
            if !cost.is_finite() {
                break;
            }
            costs.push([step as f64 / per_x, cost]);
            path.push([w, b]);
        }
    }
    (costs, path)
}

/// Plain gradient descent, momentum, RMSprop and Adam (torch.optim's defaults) from the same start with the
/// same η, each on the whole batch: J after every update, and the path through (w, b).
pub fn optimizer_race(setup: &DescentSetup) -> Vec<RaceSeries> {
    let (eta, n) = (setup.learning_rate, setup.points.len());
    [
        ("gradient descent", Optimizer::Sgd { learning_rate: eta }),
        ("momentum (μ = 0.9)", Optimizer::momentum(eta)),
        ("RMSprop (α = 0.99)", Optimizer::rmsprop(eta)),
        ("Adam (β₁ = 0.9, β₂ = 0.999)", Optimizer::adam(eta)),
    ]
    .into_iter()
    .map(|(label, optimizer)| {
        let spec = Spec {
            optimizer,
            ..setup.spec(n, None)
        };
        RaceSeries::new(
            label.to_string(),
            n,
            run(setup, spec, OPTIMIZER_STEPS, 1.0),
            OPTIMIZER_STEPS,
        )
    })
    .collect()
}

/// The optimizer race's own view of J(w, b): a window that holds every path that does not run away (RMSprop's
/// first step, ten times η, can land well outside the lab's own window), and the grid over it.
#[derive(Clone, Debug, PartialEq)]
pub struct RaceBowl {
    pub window: Window,
    pub grid: CostGrid,
}

/// Every run starts at the same point, so the first run's start is the window's.
pub(super) fn race_bowl(setup: &DescentSetup, race: &[RaceSeries]) -> Option<RaceBowl> {
    if setup.model != Model::SlopeAndIntercept || race.is_empty() {
        return None;
    }
    let points = race
        .iter()
        .flat_map(|r| r.path.iter().map(|p| (p[0], p[1])));
    let window = window(setup, points);
    Some(RaceBowl {
        grid: grid(setup, &window, 64),
        window,
    })
}

/// Batch, mini-batch and stochastic gradient descent from the same start with the same η: J over all the
/// points after every update, against epochs, so their noise can be compared.
pub fn race(setup: &DescentSetup) -> Vec<RaceSeries> {
    let n = setup.points.len();
    let mini = 4.min(n);
    let mut kinds = vec![(format!("batch ({n} per step)"), n)];
    if mini < n && mini > 1 {
        kinds.push((format!("mini-batch ({mini} per step)"), mini));
    }
    if n > 1 {
        kinds.push(("stochastic (1 per step)".to_string(), 1));
    }
    kinds
        .into_iter()
        .map(|(label, batch_size)| {
            let per_epoch = n.div_ceil(batch_size);
            let updates = RACE_EPOCHS * per_epoch;
            let runs = run(
                setup,
                setup.spec(batch_size, Some(1)),
                updates,
                per_epoch as f64,
            );
            RaceSeries::new(label, batch_size, runs, updates)
        })
        .collect()
}
