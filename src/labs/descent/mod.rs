//! The gradient-descent lab: fit a line to points (x, z) by gradient descent on the mean squared error
//! J = (1/n) Σ (zᵢ − ẑᵢ)². The model is one identity neuron, ẑ = w·x (bias frozen at 0) or ẑ = w·x + b,
//! trained by the same `Trainer` as every other lab, so every number shown comes from a `StepTrace`.
//!
//! J is quadratic, so its curvature is constant and the learning-rate thresholds are exact. For ẑ = w·x,
//! J″(w) = 2m with m = mean(xᵢ²), and each step multiplies the distance to the minimum by r = 1 − 2ηm:
//! steps overshoot when η > 1/(2m) (r < 0) and diverge when η > 1/m (|r| > 1). With a bias, the same holds
//! along each axis of the bowl, with 2m replaced by the Hessian's eigenvalues λ: overshoot past 1/λ_max,
//! divergence past 2/λ_max.

pub mod link;
pub mod views;

use serde::{Deserialize, Serialize};

use crate::engine::activation::Activation;
use crate::engine::layer::Layer;
use crate::engine::loss::Loss;
use crate::engine::optimizer::Optimizer;
use crate::engine::rng::Rng;
use crate::engine::spec::{Data, Spec};
use crate::engine::trace::StepTrace;
use crate::engine::trainer::Trainer;
use crate::shared::format::{factor, read_number, sig4};

pub const MAX_POINTS: usize = 200;
/// Steps kept; a run that goes on longer is not the point of this lab.
pub const MAX_STEPS: usize = 5_000;
/// How many times its starting J a run's J may grow before the lab calls it diverged and stops it.
pub const RUNAWAY: f64 = 1e12;

/// Inputs, targets, starting values and learning rates are bounded so that nothing overflows by accident.
pub const MAX_MAGNITUDE: f64 = 1e6;
/// How many epochs the batch-size comparison runs.
pub const RACE_EPOCHS: usize = 12;
/// Updates in the optimizer race.
pub const OPTIMIZER_STEPS: usize = 40;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// ẑ = w·x: one parameter, the cost is a parabola J(w).
    Slope,
    /// ẑ = w·x + b: two parameters, the cost is a bowl J(w, b).
    SlopeAndIntercept,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Six points on z = 2x with mean(x²) ≈ 0.95, so η = 0.4 converges in about four visible steps.
    ExactLine,
    /// Twenty points near z = 2x with seeded noise.
    NoisyLine,
    /// The course's (1, 2) and (2, 4): m = 2.5, so η = 0.4 = 1/m bounces 0 → 4 → 0 forever.
    SeedPoints,
    /// The exact line with two points far off it.
    Outliers,
    /// x between 4 and 10, far from 0: a long, narrow valley in (w, b) until x is standardised.
    FarFromZero,
}

impl Preset {
    pub fn points(self) -> Vec<[f64; 2]> {
        let line = |xs: &[f64]| xs.iter().map(|&x| [x, 2.0 * x]).collect::<Vec<_>>();
        let exact: Vec<f64> = (1..=6).map(|k| 0.25 * k as f64).collect();
        match self {
            Preset::ExactLine => line(&exact),
            Preset::NoisyLine => {
                let mut rng = Rng::new(7);
                (0..20)
                    .map(|k| {
                        // Rounded, so the points box reads 0.325, not 0.32499999999999996.
                        let x = round3(0.1 + 0.075 * k as f64);
                        [x, round3(2.0 * x + rng.uniform(-0.45, 0.45))]
                    })
                    .collect()
            }
            Preset::SeedPoints => vec![[1.0, 2.0], [2.0, 4.0]],
            Preset::Outliers => {
                let mut points = line(&exact);
                points.push([0.75, 4.5]);
                points.push([1.25, 0.5]);
                points
            }
            Preset::FarFromZero => {
                let mut rng = Rng::new(11);
                (0..13)
                    .map(|k| {
                        let x = 4.0 + 0.5 * k as f64;
                        [x, round3(0.5 * x + 1.0 + rng.uniform(-0.3, 0.3))]
                    })
                    .collect()
            }
        }
    }
}

/// Three decimals, so preset points read cleanly in the page and in exported text.
fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// Everything that defines a descent run.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DescentSetup {
    pub points: Vec<[f64; 2]>,
    pub model: Model,
    /// Fit on (x − mean x)/std x instead of x; the line is drawn back in x.
    pub standardize: bool,
    pub learning_rate: f64,
    pub w0: f64,
    pub b0: f64,
    /// Points per step: 0 (or all of them) is batch descent; fewer is mini-batch descent, 1 stochastic,
    /// each epoch visiting the points in a shuffled order.
    #[serde(default)]
    pub batch_size: usize,
}

impl Default for DescentSetup {
    fn default() -> Self {
        DescentSetup {
            points: Preset::ExactLine.points(),
            model: Model::Slope,
            standardize: false,
            learning_rate: 0.4,
            w0: 0.0,
            b0: 0.0,
            batch_size: 0,
        }
    }
}

/// The statistics of the features the model is fitted on.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
// The page reads m = mean(x²) alone; the rest serve the thresholds and the tests.
pub struct Moments {
    #[serde(skip_serializing)]
    pub n: usize,
    #[serde(skip_serializing)]
    pub mean_x: f64,
    /// m = mean(x²).
    pub mean_x2: f64,
    #[serde(skip_serializing)]
    pub mean_z: f64,
    #[serde(skip_serializing)]
    pub mean_xz: f64,
    #[serde(skip_serializing)]
    pub mean_z2: f64,
}

/// How x was rescaled before fitting: x′ = (x − shift)/scale.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
pub struct Scaling {
    pub shift: f64,
    pub scale: f64,
}

impl DescentSetup {
    pub fn validate(&self) -> Result<(), String> {
        if self.points.is_empty() {
            return Err("Add at least one point.".into());
        }
        if self.points.len() > MAX_POINTS {
            return Err(format!("At most {MAX_POINTS} points."));
        }
        if self
            .points
            .iter()
            .flatten()
            .any(|v| !v.is_finite() || v.abs() > MAX_MAGNITUDE)
        {
            return Err(format!(
                "Every x and z must be a number between −{MAX_MAGNITUDE:e} and {MAX_MAGNITUDE:e}."
            ));
        }
        if !(self.learning_rate.is_finite()
            && self.learning_rate > 0.0
            && self.learning_rate <= MAX_MAGNITUDE)
        {
            return Err(format!(
                "The learning rate must be above 0 and at most {MAX_MAGNITUDE:e}."
            ));
        }
        if self.batch_size > MAX_POINTS {
            return Err(format!(
                "A step can use at most {MAX_POINTS} points (0 means all of them)."
            ));
        }
        if !(self.w0.is_finite()
            && self.b0.is_finite()
            && self.w0.abs() <= MAX_MAGNITUDE
            && self.b0.abs() <= MAX_MAGNITUDE)
        {
            return Err("The starting w and b must be numbers of reasonable size.".into());
        }
        if self.standardize && self.model == Model::Slope {
            return Err("Standardising x needs the model with a bias (ẑ = w·x + b): it shifts x by its mean, \
                        and only b can absorb the shift."
                .into());
        }
        if self.standardize && self.scaling().is_none() {
            return Err("Standardising needs at least two different x values.".into());
        }
        Ok(())
    }

    /// The parameters' names: w and b, or w′ and b′ when the fit is on standardised x (they are the line's
    /// in x′, not those of the line drawn back in x).
    pub fn param_names(&self) -> (&'static str, &'static str) {
        if self.standardize {
            ("w′", "b′")
        } else {
            ("w", "b")
        }
    }

    /// The shift and scale of standardisation (population standard deviation), if it is on and possible.
    pub fn scaling(&self) -> Option<Scaling> {
        if !self.standardize {
            return None;
        }
        let n = self.points.len() as f64;
        let mean = self.points.iter().map(|p| p[0]).sum::<f64>() / n;
        let var = self
            .points
            .iter()
            .map(|p| (p[0] - mean).powi(2))
            .sum::<f64>()
            / n;
        (var > 1e-24).then(|| Scaling {
            shift: mean,
            scale: var.sqrt(),
        })
    }

    /// The x values the model sees.
    pub fn features(&self) -> Vec<f64> {
        let scaling = self.scaling();
        self.points
            .iter()
            .map(|p| scaling.map_or(p[0], |s| (p[0] - s.shift) / s.scale))
            .collect()
    }

    pub fn moments(&self) -> Moments {
        let xs = self.features();
        let n = xs.len() as f64;
        let mean = |f: &dyn Fn(f64, f64) -> f64| {
            xs.iter()
                .zip(&self.points)
                .map(|(&x, p)| f(x, p[1]))
                .sum::<f64>()
                / n
        };
        Moments {
            n: xs.len(),
            mean_x: mean(&|x, _| x),
            mean_x2: mean(&|x, _| x * x),
            mean_z: mean(&|_, z| z),
            mean_xz: mean(&|x, z| x * z),
            mean_z2: mean(&|_, z| z * z),
        }
    }

    fn layer(&self, w: f64, b: f64) -> Layer {
        Layer {
            weights: vec![vec![w]],
            biases: vec![if self.model == Model::Slope { 0.0 } else { b }],
            activation: Activation::Identity,
            frozen_biases: self.model == Model::Slope,
        }
    }

    /// The points per step when a step learns from fewer than all of them.
    pub fn mini_batch(&self) -> Option<usize> {
        (self.batch_size > 0 && self.batch_size < self.points.len()).then_some(self.batch_size)
    }

    /// The main run's spec: all points a step, or shuffled mini-batches.
    pub fn run_spec(&self) -> Spec {
        match self.mini_batch() {
            Some(size) => self.spec(size, Some(BATCH_SHUFFLE_SEED)),
            None => self.spec(self.points.len(), None),
        }
    }

    /// dJ/dw and dJ/db over all the points, by the same loss as the trainer: J = (1/n)·Σ(ŷ − z)², so each
    /// point adds 2(ŷ − z)·x and 2(ŷ − z).
    pub fn gradient(&self, w: f64, b: f64) -> (f64, f64) {
        let b = if self.model == Model::Slope { 0.0 } else { b };
        let xs = self.features();
        let n = xs.len() as f64;
        xs.iter()
            .zip(&self.points)
            .fold((0.0, 0.0), |(gw, gb), (&x, p)| {
                let error = 2.0 * (w * x + b - p[1]);
                (gw + error * x / n, gb + error / n)
            })
    }

    /// The network spec of this run: one identity neuron, squared error averaged over a batch, SGD.
    pub fn spec(&self, batch_size: usize, shuffle_seed: Option<u64>) -> Spec {
        Spec {
            layers: vec![self.layer(self.w0, self.b0)],
            loss: Loss::SquaredError,
            optimizer: Optimizer::Sgd {
                learning_rate: self.learning_rate,
            },
            data: Data {
                inputs: self.features().into_iter().map(|x| vec![x]).collect(),
                targets: self.points.iter().map(|p| vec![p[1]]).collect(),
            },
            batch_size: batch_size.clamp(1, self.points.len().max(1)),
            steps: 1,
            start_step: 0,
            shuffle_seed,
            optimizer_state: None,
        }
    }

    /// J(w, b) over all the points, through the same network and loss the trainer uses.
    pub fn cost(&self, w: f64, b: f64) -> f64 {
        self.cost_fn()(w, b)
    }

    /// J as a function of (w, b), with the features computed once: the curve and the grid evaluate it
    /// thousands of times per snapshot. ẑ = w·x + b is the identity neuron's output, computed as `Layer`
    /// computes it, and the loss is the trainer's, so J here equals the traces' loss.
    pub fn cost_fn(&self) -> impl Fn(f64, f64) -> f64 + '_ {
        let xs = self.features();
        let slope_only = self.model == Model::Slope;
        move |w, b| {
            let b = if slope_only { 0.0 } else { b };
            let total: f64 = xs
                .iter()
                .zip(&self.points)
                .map(|(&x, p)| Loss::SquaredError.value(&[w * x + b], &[p[1]]))
                .sum();
            total / xs.len() as f64
        }
    }

    /// The eigenvalues of J's Hessian (largest first): 2m for ẑ = w·x; for ẑ = w·x + b those of
    /// 2·[[mean x², mean x], [mean x, 1]].
    pub fn curvatures(&self) -> (f64, f64) {
        let m = self.moments();
        match self.model {
            Model::Slope => (2.0 * m.mean_x2, 2.0 * m.mean_x2),
            Model::SlopeAndIntercept => {
                let (a, b, c) = (m.mean_x2, m.mean_x, 1.0);
                let half_gap = (((a - c) / 2.0).powi(2) + b * b).sqrt();
                let centre = (a + c) / 2.0;
                (
                    2.0 * (centre + half_gap),
                    2.0 * (centre - half_gap).max(0.0),
                )
            }
        }
    }

    /// The least-squares minimum (w*, b*), if it is unique.
    pub fn minimum(&self) -> Option<(f64, f64)> {
        let m = self.moments();
        match self.model {
            Model::Slope => (m.mean_x2 > 1e-24).then(|| (m.mean_xz / m.mean_x2, 0.0)),
            Model::SlopeAndIntercept => {
                let var = m.mean_x2 - m.mean_x * m.mean_x;
                (var > 1e-24 * m.mean_x2.max(1.0)).then(|| {
                    let w = (m.mean_xz - m.mean_x * m.mean_z) / var;
                    (w, m.mean_z - w * m.mean_x)
                })
            }
        }
    }

    /// The fitted line in the original x: slope and intercept of ẑ as a function of x.
    pub fn line(&self, w: f64, b: f64) -> Line {
        let b = if self.model == Model::Slope { 0.0 } else { b };
        match self.scaling() {
            Some(s) => Line {
                slope: w / s.scale,
                intercept: b - w * s.shift / s.scale,
            },
            None => Line {
                slope: w,
                intercept: b,
            },
        }
    }
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
pub struct Line {
    pub slope: f64,
    pub intercept: f64,
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// Every step moves toward the minimum without crossing it.
    Smooth,
    /// η = 1/λ: one step lands on the minimum (along the steepest axis).
    OneStep,
    /// Steps cross the minimum and the crossings shrink.
    Overshoot,
    /// η = 2/λ: steps jump to the mirror point and back forever.
    Bounce,
    /// Each crossing lands farther out: the run goes away.
    Diverge,
}

/// Where the regimes change, for this data and model.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Thresholds {
    /// Above this, steps overshoot: 1/(2m), or 1/λ_max with a bias.
    pub overshoot: f64,
    /// Above this, the run diverges: 1/m, or 2/λ_max.
    pub diverge: f64,
    pub overshoot_label: &'static str,
    pub diverge_label: &'static str,
    /// λ_max / λ_min: how long and narrow the valley is (1 is round).
    pub condition: f64,
    /// λ_max, J's curvature along its steepest direction (2m for ẑ = w·x): the page names it where the
    /// marks 1/λ and 2/λ appear.
    pub curvature: f64,
}

/// Exact comparisons with a relative tolerance, so η = 0.4 with m = 2.5 counts as η = 1/m.
fn same(a: f64, b: f64) -> bool {
    // Infinite thresholds (all x = 0: J is flat in w) equal nothing.
    a.is_finite() && b.is_finite() && (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

pub fn thresholds(setup: &DescentSetup) -> Thresholds {
    let (largest, smallest) = setup.curvatures();
    let (overshoot_label, diverge_label) = match setup.model {
        Model::Slope => ("1/(2m)", "1/m"),
        Model::SlopeAndIntercept => ("1/λ", "2/λ"),
    };
    Thresholds {
        overshoot: 1.0 / largest,
        diverge: 2.0 / largest,
        overshoot_label,
        diverge_label,
        condition: if smallest > 0.0 {
            largest / smallest
        } else {
            f64::INFINITY
        },
        curvature: largest,
    }
}

pub fn regime(learning_rate: f64, t: &Thresholds) -> Regime {
    if same(learning_rate, t.diverge) {
        Regime::Bounce
    } else if learning_rate > t.diverge {
        Regime::Diverge
    } else if same(learning_rate, t.overshoot) {
        Regime::OneStep
    } else if learning_rate > t.overshoot {
        Regime::Overshoot
    } else {
        Regime::Smooth
    }
}

/// The regime in words, with the numbers that decide it.
pub fn regime_text(regime: Regime, learning_rate: f64, t: &Thresholds) -> String {
    let (eta, lo, hi) = (sig4(learning_rate), sig4(t.overshoot), sig4(t.diverge));
    let (lo_name, hi_name) = (t.overshoot_label, t.diverge_label);
    if !t.overshoot.is_finite() {
        // m = mean(x²) = 0: J does not depend on w at all, and "below 1/(2m) = inf" would explain nothing.
        return format!(
            "Nothing to descend: every x is 0, so the cost is the same for every w and no step moves it \
             (η = {eta} or any other). Add a point with x ≠ 0."
        );
    }
    // With a bias and a long valley these regimes are those of its steepest direction: along the floor J
    // curves `condition` times less, and there the run creeps (at "x far from zero" it never crosses w*).
    let floor = if !t.condition.is_finite() {
        // Every x the same (or one point): the floor is flat, a whole line of minima that no step moves along.
        " That is across the valley. Every x is the same, so its floor is flat: every point on it is a \
         minimum, and no step moves along it."
            .to_string()
    } else if t.condition > 1.01 {
        format!(
            " That is across the valley, along its steepest direction. Along the valley's floor J curves {} \
             times less, so there each step covers a small part of the way and the run creeps.",
            sig4(t.condition)
        )
    } else {
        String::new()
    };
    match regime {
        Regime::Smooth => format!(
            "Smooth convergence: η = {eta} is below {lo_name} = {lo}, so every step moves toward the minimum \
             without crossing it."
        ),
        Regime::OneStep => format!(
            "One step: η = {eta} is exactly {lo_name}, so a single step lands on the minimum (along the \
             steepest direction)."
        ),
        Regime::Overshoot => format!(
            "Overshoot: η = {eta} is between {lo_name} = {lo} and {hi_name} = {hi}, so each step jumps across \
             the minimum, and the jumps shrink: the run oscillates in.{floor}"
        ),
        Regime::Bounce => format!(
            "Bouncing forever: η = {eta} is exactly {hi_name}, so each step jumps to the mirror point across \
             the minimum and back: it never gets closer.{floor}"
        ),
        Regime::Diverge => format!(
            "Divergence: η = {eta} is above {hi_name} = {hi}, so each jump lands farther from the minimum than \
             the last: the run goes away.{}",
            if floor.is_empty() {
                ""
            } else {
                " That is across the valley, along its steepest direction: however the run moves along the \
                 valley's floor, it goes away across it."
            }
        ),
    }
}

/// One point of the descent path.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
pub struct PathPoint {
    pub w: f64,
    pub b: f64,
    /// J(w, b), from the trace of the step taken from here (or computed for the newest point).
    pub cost: f64,
}

/// The region of (w, b, J) worth drawing: it holds the minimum and the start; points beyond it are drawn on
/// its edge with an arrow to where they went.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub w_min: f64,
    pub w_max: f64,
    pub b_min: f64,
    pub b_max: f64,
    pub cost_max: f64,
}

impl Window {
    pub fn contains(&self, p: &PathPoint) -> bool {
        (self.w_min..=self.w_max).contains(&p.w) && (self.b_min..=self.b_max).contains(&p.b)
    }
}

/// A sampled J(w, b) for the contour view: `values[row][col]` at w = w_min + col·dw, b = b_min + row·db.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct CostGrid {
    pub size: usize,
    pub values: Vec<Vec<f64>>,
}

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

/// The window around the minimum for runs through `points`, the first of them their start.
fn window(setup: &DescentSetup, points: impl Iterator<Item = (f64, f64)>) -> Window {
    let (w_star, b_star) = setup.minimum().unwrap_or((0.0, 0.0));
    let mut points = points.peekable();
    let (w0, b0) = points.peek().copied().unwrap_or((w_star, b_star));
    let span = |centre: f64, from: f64| 1.35 * (from - centre).abs().max(0.5 + 0.25 * centre.abs());
    let (mut base_w, mut base_b) = (span(w_star, w0), span(b_star, b0));
    if setup.model == Model::SlopeAndIntercept {
        // The spans end up equal (below), so a step off along the shorter one may grow the window as far as
        // along the longer: RMSprop's first step from (0, 0) to (4, 4) when the start differs only in w.
        base_w = base_w.max(base_b);
        base_b = base_w;
    }
    let (mut hw, mut hb) = (base_w, base_b);
    // Let the window grow to hold oscillations up to three times the starting span; past that, clamp, so a
    // run that goes away does not drag the parabola out of sight.
    for (w, b) in points {
        let (dw, db) = ((w - w_star).abs(), (b - b_star).abs());
        if dw.is_finite() && dw <= 3.0 * base_w {
            hw = hw.max(dw * 1.1);
        }
        if db.is_finite() && db <= 3.0 * base_b {
            hb = hb.max(db * 1.1);
        }
    }
    if setup.model == Model::SlopeAndIntercept {
        // Equal spans on both axes, so a round bowl looks round and a narrow valley looks narrow.
        hw = hw.max(hb);
        hb = hw;
    }
    let (w_min, w_max) = (w_star - hw, w_star + hw);
    let (b_min, b_max) = if setup.model == Model::Slope {
        (0.0, 0.0)
    } else {
        (b_star - hb, b_star + hb)
    };
    let corners = [
        (w_min, b_min),
        (w_min, b_max),
        (w_max, b_min),
        (w_max, b_max),
    ];
    let cost = setup.cost_fn();
    let cost_max = corners.iter().map(|&(w, b)| cost(w, b)).fold(0.0, f64::max);
    Window {
        w_min,
        w_max,
        b_min,
        b_max,
        cost_max: if cost_max > 0.0 { cost_max } else { 1.0 },
    }
}

fn curve(setup: &DescentSetup, window: &Window, b: f64, samples: usize) -> Vec<[f64; 2]> {
    let cost = setup.cost_fn();
    sampled(window, samples, |w| cost(w, b))
}

/// A cost across the window's w, at `samples` + 1 evenly spaced points.
fn sampled(window: &Window, samples: usize, cost: impl Fn(f64) -> f64) -> Vec<[f64; 2]> {
    (0..=samples)
        .map(|k| {
            let w = window.w_min + (window.w_max - window.w_min) * k as f64 / samples as f64;
            [w, cost(w)]
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
fn race_bowl(setup: &DescentSetup, race: &[RaceSeries]) -> Option<RaceBowl> {
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

fn grid(setup: &DescentSetup, window: &Window, size: usize) -> CostGrid {
    let cost = setup.cost_fn();
    let at = |lo: f64, hi: f64, k: usize| lo + (hi - lo) * k as f64 / (size - 1) as f64;
    CostGrid {
        size,
        values: (0..size)
            .map(|row| {
                let b = at(window.b_min, window.b_max, row);
                (0..size)
                    .map(|col| cost(at(window.w_min, window.w_max, col), b))
                    .collect()
            })
            .collect(),
    }
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

/// What Step will do from the current point, written out.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Update {
    pub dj_dw: f64,
    pub dj_db: Option<f64>,
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub next_w: f64,
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub next_b: f64,
    pub text: String,
    /// For a mini-batch step: which points it learns from and how their slopes make its gradient.
    pub batch: Option<BatchLens>,
}

/// One mini-batch step seen up close: the step's gradient is the mean of its points' own slopes, which is
/// not J's slope over all the points.
#[derive(Serialize, Clone, Debug, PartialEq)]
// The page reads the sentence; the views and the tests read the numbers.
pub struct BatchLens {
    /// The points the step learns from (0-based, into the setup's points), in the batch's order.
    #[serde(skip_serializing)]
    pub points: Vec<usize>,
    /// Each of those points' own slope dEᵢ/dw = 2(ŷᵢ − zᵢ)·xᵢ; their mean is the step's dJ/dw.
    #[serde(skip_serializing)]
    pub slopes: Vec<f64>,
    /// The cost of the step's points alone at the current w (and b): where its tangent touches its parabola.
    #[serde(skip_serializing)]
    pub cost: f64,
    /// J's slope over all the points at the same w (and b): what batch descent would follow.
    #[serde(skip_serializing)]
    pub full_dj_dw: f64,
    #[serde(skip_serializing)]
    pub full_dj_db: Option<f64>,
    /// 0-based epoch, and the step's place in it.
    #[serde(skip_serializing)]
    pub epoch: usize,
    #[serde(skip_serializing)]
    pub step_in_epoch: usize,
    #[serde(skip_serializing)]
    pub steps_per_epoch: usize,
    pub text: String,
}

fn batch_lens(setup: &DescentSetup, trace: &StepTrace, size: usize) -> BatchLens {
    let n = setup.points.len();
    let points: Vec<usize> = trace.examples.iter().map(|e| e.index).collect();
    let slopes: Vec<f64> = trace
        .examples
        .iter()
        .map(|e| e.layers[0].de_dz[0] * e.input[0])
        .collect();
    let before = &trace.before[0];
    let (full_w, full_b) = setup.gradient(before.weights[0][0], before.biases[0]);
    let steps_per_epoch = n.div_ceil(size);
    let named: Vec<String> = points.iter().map(|k| (k + 1).to_string()).collect();
    let listed: Vec<String> = slopes.iter().map(|&g| sig4(g)).collect();
    let which = match named.split_last() {
        Some((last, [])) => format!("point {last}"),
        Some((last, rest)) => format!("points {} and {last}", rest.join(", ")),
        None => "no point".into(),
    };
    let (w, b) = setup.param_names();
    let slopes_said = if slopes.len() == 1 {
        format!(
            "its own slope dEᵢ/d{w} is {}, and that is the step's g",
            listed[0]
        )
    } else {
        format!(
            "their own slopes dEᵢ/d{w} are {}, and their mean {} is the step's g",
            listed.join(", "),
            sig4(trace.gradients[0].weights[0][0])
        )
    };
    let mut text = format!(
        "This step learns from {which} (of {n}; step {} of {steps_per_epoch} in epoch {}, in a shuffled order), \
         ringed on the data. The dashed curve is their own cost; the step goes down its slope g at {w}: \
         {slopes_said}. Over all the points, J's slope here is {}.",
        trace.step % steps_per_epoch + 1,
        trace.epoch + 1,
        sig4(full_w)
    );
    // With a bias, b steps the same way: each point's own dEᵢ/db is 2(ŷᵢ − zᵢ), their mean the step's g_b.
    if setup.model == Model::SlopeAndIntercept {
        let of_b: Vec<String> = trace
            .examples
            .iter()
            .map(|e| sig4(e.layers[0].de_dz[0]))
            .collect();
        text.push_str(&format!(
            " For {b}: the points' own slopes dEᵢ/d{b} are {}, so g_b = {}, where J's is {}.",
            of_b.join(", "),
            sig4(trace.gradients[0].biases[0]),
            sig4(full_b)
        ));
    }
    BatchLens {
        points,
        slopes,
        cost: trace.loss,
        full_dj_dw: full_w,
        full_dj_db: (setup.model == Model::SlopeAndIntercept).then_some(full_b),
        epoch: trace.epoch,
        step_in_epoch: trace.step % steps_per_epoch,
        steps_per_epoch,
        text,
    }
}

fn update(setup: &DescentSetup, trace: &StepTrace) -> Update {
    let g = &trace.gradients[0];
    let (before, after) = (&trace.before[0], &trace.after[0]);
    let eta = sig4(setup.learning_rate);
    let (w, b) = setup.param_names();
    // A mini-batch step follows its own points' slope g, not J's: the name says which.
    let (gw, gb) = if setup.mini_batch().is_some() {
        ("g".to_string(), "g_b".to_string())
    } else {
        (format!("dJ/d{w}"), format!("dJ/d{b}"))
    };
    let mut text = format!(
        "{w} ← {w} − η·{gw} = {} − {eta} × {} = {}",
        sig4(before.weights[0][0]),
        factor(g.weights[0][0]),
        sig4(after.weights[0][0])
    );
    if setup.model == Model::SlopeAndIntercept {
        text.push_str(&format!(
            ";  {b} ← {b} − η·{gb} = {} − {eta} × {} = {}",
            sig4(before.biases[0]),
            factor(g.biases[0]),
            sig4(after.biases[0])
        ));
    }
    Update {
        dj_dw: g.weights[0][0],
        dj_db: (setup.model == Model::SlopeAndIntercept).then_some(g.biases[0]),
        next_w: after.weights[0][0],
        next_b: after.biases[0],
        text,
        batch: setup
            .mini_batch()
            .map(|size| batch_lens(setup, trace, size)),
    }
}

/// What the gradient-descent lab shows.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct DescentSnapshot {
    pub setup: DescentSetup,
    /// Points per step when a step learns from fewer than all of them (`DescentSetup::mini_batch`); None is
    /// batch descent, whatever size was chosen (it applies again when points are added).
    pub mini_batch: Option<usize>,
    /// Steps taken so far (w_k is the current point).
    pub iteration: usize,
    pub w: f64,
    pub b: f64,
    pub cost: f64,
    /// The next step, from the trace of the step that Step would take; `None` once the run has overflowed.
    pub update: Option<Update>,
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub path: Vec<PathPoint>,
    /// Whether each path point lies inside the window (else it is drawn on the edge with an arrow).
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub inside: Vec<bool>,
    pub line: Line,
    /// Earlier lines, oldest first (at most eight), to draw fading.
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub old_lines: Vec<Line>,
    pub scaling: Option<Scaling>,
    pub moments: Moments,
    pub thresholds: Thresholds,
    pub regime: Regime,
    pub regime_text: String,
    pub minimum: Option<PathPoint>,
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub window: Window,
    /// J(w) across the window at the current b (the parabola for ẑ = w·x). Drawn in Rust; not sent to the page.
    #[serde(skip_serializing)]
    pub curve: Vec<[f64; 2]>,
    /// J over the (w, b) window, for the contour view of ẑ = w·x + b. Drawn in Rust; not sent to the page.
    #[serde(skip_serializing)]
    pub grid: Option<CostGrid>,
    /// For a mini-batch step: the cost of its points alone across the window, at the current b — the
    /// parabola the step goes down. Drawn in Rust; not sent to the page.
    #[serde(skip_serializing)]
    pub batch_curve: Vec<[f64; 2]>,
    pub race: Vec<RaceSeries>,
    /// Gradient descent, momentum, RMSprop and Adam from the same start and η.
    pub optimizer_race: Vec<RaceSeries>,
    /// Where the optimizers' paths are drawn, for ẑ = w·x + b. Drawn in Rust; not sent to the page.
    #[serde(skip_serializing)]
    pub race_bowl: Option<RaceBowl>,
    /// Set when the run diverged (J past a trillion times its start) or its numbers overflowed: it cannot
    /// go further.
    pub overflow: Option<String>,
    pub can_step_back: bool,
}

/// What a person can ask of the gradient-descent lab.
// Written by the page as `{type: "step", count: 1}`.
#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum DescentCommand {
    /// Forward (positive) or back (negative) by this many steps.
    Step {
        count: i64,
    },
    Reset,
    /// Keeps the number of steps shown, recomputed with the new rate, so sliding η reshapes the path live.
    SetLearningRate {
        value: f64,
    },
    SetStart {
        w: f64,
        b: f64,
    },
    LoadPreset {
        preset: Preset,
    },
    SetPoints {
        points: Vec<[f64; 2]>,
    },
    /// Points per step (0: all).
    SetBatchSize {
        size: usize,
    },
    /// Points typed as text, one "x, z" pair a line.
    SetPointsText {
        text: String,
    },
    MovePoint {
        index: usize,
        x: f64,
        z: f64,
    },
    AddPoint {
        x: f64,
        z: f64,
    },
    RemovePoint {
        index: usize,
    },
    SetModel {
        model: Model,
    },
    SetStandardize {
        on: bool,
    },
}

/// Parses "x, z" lines: typed in, or a CSV file saved from a spreadsheet. Commas, semicolons, tabs or spaces
/// separate the two numbers, and `#` starts a comment. What spreadsheets add is understood too: a first line of
/// column names (no number in it) is skipped, fields may be in double quotes, and where a semicolon or a tab
/// separates the two numbers, a comma inside one is a decimal comma ("1,5; 2,25"). Untrusted text: every
/// problem is reported with its line number, never a panic.
pub fn parse_points(text: &str) -> Result<Vec<[f64; 2]>, String> {
    let mut points = Vec::new();
    let mut first = true;
    for (number, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        // Two readings of the line: split at commas, semicolons, tabs and spaces; or, where a semicolon or a
        // tab separates the numbers, at those alone, so a comma can be a decimal comma. Quotes hold a field
        // together either way.
        let fields = split_fields(line, &[',', ';', '\t', ' ']);
        let wide = split_fields(line, &[';', '\t']);
        // A blank line, or one of separators only (a spreadsheet's empty row), holds nothing.
        if fields.is_empty() {
            continue;
        }
        // Column names: a first line in which neither reading finds a number.
        let header = first && fields.iter().chain(&wide).all(|f| read_number(f).is_none());
        first = false;
        if header {
            continue;
        }
        let pair = match (&fields[..], &wide[..]) {
            ([x, z], _) => (x, z),
            (_, [x, z]) if x.contains(',') || z.contains(',') => (x, z),
            _ => {
                return Err(format!(
                    "Line {}: expected two numbers “x, z”, found {}.",
                    number + 1,
                    fields.len()
                ))
            }
        };
        let parse = |f: &str| -> Result<f64, String> {
            read_number(f).ok_or_else(|| format!("Line {}: “{f}” is not a number.", number + 1))
        };
        points.push([parse(pair.0)?, parse(pair.1)?]);
        if points.len() > MAX_POINTS {
            return Err(format!("At most {MAX_POINTS} points."));
        }
    }
    if points.is_empty() {
        return Err("No points: write one “x, z” pair a line.".into());
    }
    Ok(points)
}

/// The non-empty fields of `line` between any of `separators`, trimmed, with a field's surrounding double
/// quotes taken off; a separator inside quotes belongs to its field (`"1,5";"2,25"` is two fields).
fn split_fields(line: &str, separators: &[char]) -> Vec<String> {
    let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if !quoted && separators.contains(&c) => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
        .into_iter()
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty())
        .collect()
}

/// Each epoch of mini-batch descent visits the points in an order shuffled by this seed.
const BATCH_SHUFFLE_SEED: u64 = 1;

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
                self.overflow = Some(format!(
                    "Diverged at step {}: J grew from {} to {}, over a trillion times its start; every step \
                     lands farther from the minimum than the last. Lower η and press Reset.",
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
