//! What defines a descent run (points, model, standardising, η, start, batch size), its checks, and what
//! follows from the data alone: moments, scaling, gradient, cost, curvatures, minimum and the fitted line.

use serde::{Deserialize, Serialize};

use super::preset::Preset;
use crate::engine::activation::Activation;
use crate::engine::layer::Layer;
use crate::engine::loss::Loss;
use crate::engine::optimizer::Optimizer;
use crate::engine::spec::{Data, Spec};

// The limits on what a run may ask for. The link codec checks them as it reads, so they live here, below both
// it and the lab.
pub const MAX_POINTS: usize = 200;
/// Steps kept; a run that goes on longer is not the point of this lab.
pub const MAX_STEPS: usize = 5_000;
/// Inputs, targets, starting values and learning rates are bounded so that nothing overflows by accident.
pub const MAX_MAGNITUDE: f64 = 1e6;

/// Each epoch of mini-batch descent visits the points in an order shuffled by this seed.
const BATCH_SHUFFLE_SEED: u64 = 1;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// ẑ = w·x: one parameter, the cost is a parabola J(w).
    Slope,
    /// ẑ = w·x + b: two parameters, the cost is a bowl J(w, b).
    SlopeAndIntercept,
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
