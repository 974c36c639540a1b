//! What the lab shows at one step: every number, sentence and sampled curve the page and the views read.

use serde::Serialize;

use super::race::{RaceBowl, RaceSeries};
use super::regime::{Regime, Thresholds};
use super::setup::{DescentSetup, Line, Moments, Scaling};
use super::update::Update;
use super::window::{CostGrid, PathPoint, Window};

/// What the gradient-descent lab shows.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct DescentSnapshot {
    pub setup: DescentSetup,
    /// What the page calls the slope and the intercept: w and b, or w′ and b′ on standardised x (the line's
    /// parameters in x′, not those of the line drawn in x).
    pub param_names: (&'static str, &'static str),
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
    /// (step k, distance from the minimum) at each point of the path, for the chart of the distance on a
    /// log scale; empty without a single minimum. Drawn in Rust; not sent to the page.
    #[serde(skip_serializing)]
    pub distances: Vec<[f64; 2]>,
    /// |1 − c·η|, what each step on all the points multiplies that distance by along J's steepest direction.
    pub distance_factor: Option<f64>,
    /// That factor in words, with its numbers, for the text beside the chart.
    pub distance_text: String,
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
