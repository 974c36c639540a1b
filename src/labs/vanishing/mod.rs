//! The activations and vanishing-gradient lab. A deep chain (or a wider stack) of one activation is run
//! forward and backward by the same trainer as every other lab; what is shown is read from its traces:
//! |∂E/∂w| per layer, the factor f′(z)·w the gradient is multiplied by at each layer on its way back, and
//! how training moves each layer's weights, for sigmoid, tanh, ReLU and leaky ReLU from the same start.

pub mod link;
pub mod views;

use serde::{Deserialize, Serialize};

use crate::engine::activation::{softmax, Activation};
use crate::engine::layer::Layer;
use crate::engine::loss::Loss;
use crate::engine::optimizer::Optimizer;
use crate::engine::rng::Rng;
use crate::engine::spec::{Data, Spec};
use crate::engine::trace::StepTrace;
use crate::engine::trainer::Trainer;
use crate::shared::format::read_number;

pub const MAX_DEPTH: usize = 20;
pub const MAX_WIDTH: usize = 8;
/// Steps of the training comparison.
pub const TRAIN_STEPS: usize = 300;
/// Small enough that the default chain (depth 8, seed 1) keeps its ReLUs on (at 0.05 its first step moves
/// the weights by about 0.45 and turns one off for good), large enough that tanh and ReLU reach the target
/// within the run while the sigmoid's first layers barely move. Other seeds and depths can still lose a
/// ReLU on the way, and the page says after which step.
pub const TRAIN_RATE: f64 = 0.02;
/// The learning rates a training comparison may use: from barely moving to far past the point where
/// ReLU chains die on their first step.
pub const MIN_TRAIN_RATE: f64 = 0.0001;
pub const MAX_TRAIN_RATE: f64 = 1.0;
/// The hidden activations compared side by side.
pub const COMPARED: [Activation; 4] = [
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
];
const INPUT: f64 = 1.0;
const TARGET: f64 = 0.1;
/// The bias that pushes layer 2's z below zero for the dying-ReLU case.
pub const DYING_BIAS: f64 = -3.0;
/// A small positive bias that keeps ReLUs on (after the dying layer, and in wider stacks).
const LIVE_BIAS: f64 = 0.2;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChainSetup {
    /// Layers, the output included.
    pub depth: usize,
    /// Neurons in each hidden layer (1: a chain of single neurons); the output layer has one.
    pub width: usize,
    pub activation: Activation,
    /// Give layer 2 a strongly negative bias, so a ReLU there never fires.
    pub dying_relu: bool,
    pub seed: u64,
    /// The learning rate of the training comparison.
    #[serde(default = "default_train_rate")]
    pub train_rate: f64,
}

fn default_train_rate() -> f64 {
    TRAIN_RATE
}

impl Default for ChainSetup {
    fn default() -> Self {
        ChainSetup {
            depth: 8,
            width: 1,
            activation: Activation::Sigmoid,
            dying_relu: false,
            seed: 1,
            train_rate: TRAIN_RATE,
        }
    }
}

impl ChainSetup {
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=MAX_DEPTH).contains(&self.depth) {
            let why = if self.depth == 0 {
                "a chain needs at least one"
            } else {
                "deeper chains only repeat the same shrinking"
            };
            return Err(format!(
                "The depth must be between 1 and {MAX_DEPTH} layers: {why}."
            ));
        }
        if !(1..=MAX_WIDTH).contains(&self.width) {
            return Err(format!(
                "The width must be between 1 and {MAX_WIDTH} neurons a layer."
            ));
        }
        if !(self.train_rate.is_finite()
            && (MIN_TRAIN_RATE..=MAX_TRAIN_RATE).contains(&self.train_rate))
        {
            return Err(format!(
                "The learning rate of the training run must be between {MIN_TRAIN_RATE} and {MAX_TRAIN_RATE}."
            ));
        }
        if !COMPARED.contains(&self.activation) && self.activation != Activation::Identity {
            return Err("Choose sigmoid, tanh, ReLU, leaky ReLU or identity for the chain.".into());
        }
        Ok(())
    }

    /// The same weights for every activation: a chain draws each from U(0.5, 1.5) so signals neither die nor
    /// explode by chance; a wider stack uses Glorot-uniform weights and biases of 0.2 so ReLUs start on.
    /// A chain's biases start at 0.
    pub fn layers(&self, activation: Activation) -> Vec<Layer> {
        let mut rng = Rng::new(self.seed);
        let mut fan_in = 1;
        (0..self.depth)
            .map(|l| {
                let neurons = if l + 1 == self.depth { 1 } else { self.width };
                let limit = (6.0 / (fan_in + neurons) as f64).sqrt();
                let weights = (0..neurons)
                    .map(|_| {
                        (0..fan_in)
                            .map(|_| {
                                if self.width == 1 {
                                    rng.uniform(0.5, 1.5)
                                } else {
                                    rng.uniform(-limit, limit)
                                }
                            })
                            .collect()
                    })
                    .collect();
                // Dying ReLU: layer 2 is pushed below zero, and the layers after it get a small positive bias
                // so they stay alive: only the dead neuron (and what lies behind it) stops learning.
                let bias = match (self.dying_relu, l) {
                    (true, 1) => DYING_BIAS,
                    (true, l) if l > 1 => LIVE_BIAS,
                    _ if self.width > 1 => LIVE_BIAS,
                    _ => 0.0,
                };
                fan_in = neurons;
                Layer {
                    weights,
                    biases: vec![bias; neurons],
                    activation,
                    frozen_biases: false,
                }
            })
            .collect()
    }

    pub fn spec(&self, activation: Activation) -> Spec {
        Spec {
            layers: self.layers(activation),
            loss: Loss::HalfSquaredError,
            optimizer: Optimizer::Sgd {
                learning_rate: self.train_rate,
            },
            data: Data {
                inputs: vec![vec![INPUT]],
                targets: vec![vec![TARGET]],
            },
            batch_size: 1,
            steps: 1,
            start_step: 0,
            shuffle_seed: None,
            optimizer_state: None,
        }
    }
}

/// Why a gradient shown as 0 is 0.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Zero {
    /// A ReLU's z ≤ 0 somewhere on the way back: the slope there is exactly 0.
    ReluOff,
    /// This layer's input is 0: the ReLU feeding it is off, so its output a = 0 multiplies every weight.
    DeadInput,
    /// Every factor is non-zero but the product fell below the smallest number a double can hold.
    Underflow,
}

/// One layer of the backward pass, for the first example.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct LayerReport {
    /// 1-based, from the input.
    pub layer: usize,
    /// Mean |∂E/∂w| over the layer's weights.
    pub gradient: f64,
    /// Mean |∂E/∂z| over the layer's neurons: the signal arriving at this layer.
    pub signal: f64,
    /// Mean f′(z) over the layer's neurons.
    pub slope: f64,
    /// For a chain: the factor f′(z_{l−1})·w_l the signal is multiplied by when it passes back through this
    /// layer into the one before (`None` for the first layer and for wider stacks).
    pub factor: Option<f64>,
    pub z: Vec<f64>,
    pub zero: Option<Zero>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ActivationReport {
    pub activation: Activation,
    /// The activation's name as people read it.
    pub label: &'static str,
    pub layers: Vec<LayerReport>,
    /// |∂E/∂w| of the last layer over that of the first: how much smaller the first layer's gradient is.
    pub ratio: Option<f64>,
    /// The loss before each training step. Drawn in Rust; not sent to the page.
    #[serde(skip_serializing)]
    pub losses: Vec<f64>,
    /// The last of `losses`, which the page shows as a number (0 when there are none).
    pub final_loss: f64,
    /// The loss after the first step (`losses[1]`), to say how far a slow run has come since.
    pub loss_after_step_1: Option<f64>,
    /// Mean |w_after − w_before| per layer over the whole training run.
    pub weight_change: Vec<f64>,
    /// Set when the training run overflowed.
    pub diverged_at: Option<usize>,
    /// The step after which every gradient was exactly 0 while the error was not: plain gradient descent
    /// cannot move from there (a dead ReLU).
    pub stuck_after: Option<usize>,
}

fn mean_abs<'a>(values: impl Iterator<Item = &'a f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v.abs(), n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// Layer-by-layer gradients of one trace.
pub fn layer_reports(trace: &StepTrace) -> Vec<LayerReport> {
    let ex = &trace.examples[0];
    let chain = trace.before.iter().all(|l| l.neurons() == 1);
    let mut relu_off_on_the_way_back = false;
    let mut reports: Vec<LayerReport> = (0..trace.before.len())
        .rev()
        .map(|l| {
            let v = &ex.layers[l];
            let g = &trace.gradients[l];
            let gradient = mean_abs(g.weights.iter().flatten());
            // Why an exact 0, read from the values: no signal arrived (every ∂E/∂z here is 0), because a ReLU
            // on the way back is off; or the signal arrived but every input is 0, because the layer feeding
            // this one is all off. A mix of the two counts as a ReLU off; a zero with no ReLU off anywhere
            // on the path is underflow.
            let relu_off = |k: usize| {
                trace.before[k].activation == Activation::Relu && ex.layers[k].da_dz.contains(&0.0)
            };
            relu_off_on_the_way_back |= relu_off(l);
            let signal_cut = v.de_dz.iter().all(|&d| d == 0.0);
            let input_dead = l > 0 && ex.layers[l - 1].a.iter().all(|&a| a == 0.0);
            let zero = (gradient == 0.0).then_some(if signal_cut {
                if relu_off_on_the_way_back {
                    Zero::ReluOff
                } else {
                    Zero::Underflow
                }
            } else if input_dead {
                Zero::DeadInput
            } else if relu_off_on_the_way_back || (l > 0 && relu_off(l - 1)) {
                Zero::ReluOff
            } else {
                Zero::Underflow
            });
            LayerReport {
                layer: l + 1,
                gradient,
                signal: mean_abs(v.de_dz.iter()),
                slope: mean_abs(v.da_dz.iter()),
                factor: (chain && l > 0)
                    .then(|| ex.layers[l - 1].da_dz[0] * trace.before[l].weights[0][0]),
                z: v.z.clone(),
                zero,
            }
        })
        .collect();
    reports.reverse();
    reports
}

/// Every gradient exactly 0 with the error above 0: plain gradient descent stays where it is for good.
fn stuck(trace: &StepTrace) -> bool {
    trace.loss > 0.0
        && trace.gradients.iter().all(|g| {
            g.weights
                .iter()
                .flatten()
                .chain(&g.biases)
                .all(|&d| d == 0.0)
        })
}

pub fn report(setup: &ChainSetup, activation: Activation) -> ActivationReport {
    let mut trainer = match Trainer::new(setup.spec(activation)) {
        Ok(t) => t,
        // A validated setup always makes a valid spec; an empty report says nothing wrong.
        Err(_) => {
            return ActivationReport {
                activation,
                label: activation.label(),
                layers: Vec::new(),
                ratio: None,
                losses: Vec::new(),
                final_loss: 0.0,
                loss_after_step_1: None,
                weight_change: Vec::new(),
                diverged_at: None,
                stuck_after: None,
            }
        }
    };
    let start = trainer.layers().to_vec();
    let first = trainer.step();
    let layers = layer_reports(&first);
    let ratio = match (layers.first(), layers.last()) {
        (Some(a), Some(b)) if layers.len() > 1 && a.gradient > 0.0 => Some(b.gradient / a.gradient),
        _ => None,
    };
    let mut losses = vec![first.loss];
    let mut diverged_at = None;
    // Stuck after step 0 means stuck from the start.
    let mut stuck_after = stuck(&first).then_some(0);
    // The weights after the last finite step: a run that overflowed is measured up to where it went wrong.
    let mut last_finite = None;
    for step in 1..TRAIN_STEPS {
        let trace = trainer.step();
        if !trace.is_finite() {
            diverged_at = Some(step + 1);
            last_finite = Some(trace.before);
            break;
        }
        losses.push(trace.loss);
        if stuck_after.is_none() && stuck(&trace) {
            stuck_after = Some(step);
        }
    }
    let end = last_finite.as_deref().unwrap_or(trainer.layers());
    let weight_change = start
        .iter()
        .zip(end)
        .map(|(a, b)| {
            let deltas: Vec<f64> = a
                .weights
                .iter()
                .flatten()
                .zip(b.weights.iter().flatten())
                .map(|(x, y)| y - x)
                .collect();
            mean_abs(deltas.iter())
        })
        .collect();
    ActivationReport {
        activation,
        label: activation.label(),
        layers,
        ratio,
        final_loss: losses.last().copied().unwrap_or(0.0),
        loss_after_step_1: losses.get(1).copied(),
        losses,
        weight_change,
        diverged_at,
        stuck_after,
    }
}

/// The last layer's |∂E/∂w| over the first's at one depth, or why there is no ratio (the first is 0).
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct DepthRatio {
    pub depth: usize,
    pub ratio: Option<f64>,
    pub zero: Option<Zero>,
}

/// How the first layer's gradient shrinks relative to the last as the chain deepens, depth 2 to MAX_DEPTH.
/// Every depth has an entry: one whose first gradient is 0 says why instead of a ratio.
pub fn ratio_by_depth(setup: &ChainSetup) -> Vec<DepthRatio> {
    (2..=MAX_DEPTH)
        .filter_map(|depth| {
            let deeper = ChainSetup {
                depth,
                ..setup.clone()
            };
            let trace = Trainer::new(deeper.spec(setup.activation)).ok()?.step();
            let layers = layer_reports(&trace);
            let (first, last) = (layers.first()?, layers.last()?);
            Some(DepthRatio {
                depth,
                ratio: (first.gradient > 0.0).then(|| last.gradient / first.gradient),
                zero: first.zero,
            })
        })
        .collect()
}

/// The seed's two-neuron observation, taken apart: ∂E/∂w₁ is 56 times smaller than ∂E/∂w₂, but only the
/// biases' ratio (about 9) is the signal shrinking on its way back through w₂·σ′(z₁); the rest is the inputs
/// the two weights multiply, x = 0.1 against a₁ = 0.6.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct SeedRatio {
    pub de_dw1: f64,
    pub de_dw2: f64,
    pub ratio: f64,
    pub de_db1: f64,
    pub de_db2: f64,
    /// The input w₁ multiplies, and the one w₂ multiplies.
    pub x: f64,
    pub a1: f64,
}

pub fn seed_ratio() -> Option<SeedRatio> {
    let trace = Trainer::new(Spec::two_neuron()).ok()?.step();
    let (de_dw1, de_dw2) = (
        trace.gradients[0].weights[0][0],
        trace.gradients[1].weights[0][0],
    );
    let example = trace.examples.first()?;
    Some(SeedRatio {
        de_dw1,
        de_dw2,
        ratio: de_dw2 / de_dw1,
        de_db1: trace.gradients[0].biases[0],
        de_db2: trace.gradients[1].biases[0],
        x: example.input[0],
        a1: example.layers[0].a[0],
    })
}

/// One point of an activation's graph.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
pub struct CurvePoint {
    pub z: f64,
    pub f: f64,
    pub df: f64,
}

pub fn activation_point(activation: Activation, z: f64) -> CurvePoint {
    let f = activation.value(z);
    CurvePoint {
        z,
        f,
        df: activation.derivative(z, f),
    }
}

pub fn activation_curve(
    activation: Activation,
    from: f64,
    to: f64,
    samples: usize,
) -> Vec<CurvePoint> {
    (0..=samples)
        .map(|k| activation_point(activation, from + (to - from) * k as f64 / samples as f64))
        .collect()
}

/// Scores as people type them: separated by commas and spaces, or, when a semicolon separates them, by
/// semicolons and spaces, so that each can have a decimal comma ("0,5; 1"). Each is read as the page reads any
/// number (`format::read_number`).
pub fn read_scores(text: &str) -> Result<Vec<f64>, String> {
    let semicolons = text.contains(';');
    text.split(|c: char| c.is_whitespace() || c == if semicolons { ';' } else { ',' })
        .filter(|s| !s.is_empty())
        .map(|s| {
            read_number(s).ok_or_else(|| {
                let short: String = s.chars().take(24).collect();
                let more = if short.len() < s.len() { "…" } else { "" };
                format!("“{short}{more}” is not a number.")
            })
        })
        .collect()
}

/// The gallery's z runs over this range.
pub const GALLERY_Z: f64 = 6.0;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct SoftmaxView {
    pub scores: Vec<f64>,
    pub temperature: f64,
    pub probabilities: Vec<f64>,
    pub sum: f64,
}

/// What the lab shows.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct VanishingSnapshot {
    pub setup: ChainSetup,
    /// The chosen activation's backward pass.
    pub chosen: ActivationReport,
    /// Every compared activation from the same weights (the chosen one included).
    pub compared: Vec<ActivationReport>,
    /// Layers of the backward signal revealed so far, counted from the output (for the animation).
    pub revealed: usize,
    pub ratio_by_depth: Vec<DepthRatio>,
    /// The training comparison's learning rate and number of steps.
    pub train_rate: f64,
    pub train_steps: usize,
    pub seed_ratio: Option<SeedRatio>,
    pub gallery: CurvePoint,
    pub gallery_activation: Activation,
    /// The graph of f and f′ over |z| ≤ 6. Drawn in Rust; not sent to the page.
    #[serde(skip_serializing)]
    pub gallery_curve: Vec<CurvePoint>,
    pub softmax: SoftmaxView,
}

// Written by the page as `{type: "step", count: 1}`.
#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum VanishingCommand {
    SetDepth {
        depth: usize,
    },
    SetWidth {
        width: usize,
    },
    SetActivation {
        activation: Activation,
    },
    SetDyingRelu {
        on: bool,
    },
    /// The learning rate of the training comparison.
    SetTrainRate {
        rate: f64,
    },
    /// New random weights (the same for every activation).
    Reseed {
        seed: u64,
    },
    /// Reveal (positive) or hide (negative) layers of the backward signal.
    Reveal {
        count: i64,
    },
    RevealAll,
    SetGalleryActivation {
        activation: Activation,
    },
    SetGalleryZ {
        z: f64,
    },
    /// Scores as typed: "2, 1, 0.1", or "0,5; 1" with decimal commas when semicolons separate them.
    SetScores {
        text: String,
    },
    SetTemperature {
        temperature: f64,
    },
}

pub struct VanishingLab {
    setup: ChainSetup,
    /// The two-neuron example's ratio never changes: computed once.
    seed_ratio: Option<SeedRatio>,
    compared: Vec<ActivationReport>,
    ratio_by_depth: Vec<DepthRatio>,
    revealed: usize,
    gallery_activation: Activation,
    gallery_z: f64,
    scores: Vec<f64>,
    temperature: f64,
}

impl VanishingLab {
    pub fn new(setup: ChainSetup) -> Result<VanishingLab, String> {
        setup.validate()?;
        let mut lab = VanishingLab {
            seed_ratio: seed_ratio(),
            compared: Vec::new(),
            ratio_by_depth: Vec::new(),
            revealed: setup.depth,
            setup,
            gallery_activation: Activation::Sigmoid,
            gallery_z: 0.0,
            scores: vec![2.0, 1.0, 0.1],
            temperature: 1.0,
        };
        lab.recompute();
        Ok(lab)
    }

    fn recompute(&mut self) {
        let mut compared: Vec<ActivationReport> =
            COMPARED.iter().map(|&a| report(&self.setup, a)).collect();
        if !COMPARED.contains(&self.setup.activation) {
            compared.push(report(&self.setup, self.setup.activation));
        }
        self.compared = compared;
        self.ratio_by_depth = ratio_by_depth(&self.setup);
        self.revealed = self.revealed.min(self.setup.depth);
    }

    fn change(&mut self, change: impl FnOnce(&mut ChainSetup)) -> Result<(), String> {
        let mut setup = self.setup.clone();
        change(&mut setup);
        setup.validate()?;
        self.setup = setup;
        // A new chain starts with its whole backward pass shown; the animation replays it on request.
        self.revealed = self.setup.depth;
        self.recompute();
        Ok(())
    }

    pub fn apply(&mut self, command: VanishingCommand) -> Result<(), String> {
        match command {
            VanishingCommand::SetDepth { depth } => self.change(|s| s.depth = depth),
            VanishingCommand::SetWidth { width } => self.change(|s| s.width = width),
            VanishingCommand::SetActivation { activation } => {
                self.change(|s| s.activation = activation)
            }
            VanishingCommand::SetDyingRelu { on } => self.change(|s| s.dying_relu = on),
            VanishingCommand::SetTrainRate { rate } => self.change(|s| s.train_rate = rate),
            VanishingCommand::Reseed { seed } => self.change(|s| s.seed = seed),
            VanishingCommand::Reveal { count } => {
                let target = (self.revealed as i64)
                    .saturating_add(count)
                    .clamp(0, self.setup.depth as i64);
                self.revealed = target as usize;
                Ok(())
            }
            VanishingCommand::RevealAll => {
                self.revealed = self.setup.depth;
                Ok(())
            }
            VanishingCommand::SetGalleryActivation { activation } => {
                if activation == Activation::Softmax {
                    return Err("Softmax acts on a whole layer; it has its own panel.".into());
                }
                self.gallery_activation = activation;
                Ok(())
            }
            VanishingCommand::SetGalleryZ { z } => {
                if !z.is_finite() {
                    return Err("z must be a number.".into());
                }
                self.gallery_z = z.clamp(-GALLERY_Z, GALLERY_Z);
                Ok(())
            }
            VanishingCommand::SetScores { text } => {
                let scores = read_scores(&text)?;
                if scores.is_empty() || scores.len() > 10 {
                    return Err("Give between 1 and 10 scores.".into());
                }
                if scores.iter().any(|s| s.abs() > 1e6) {
                    return Err("Every score must be a number between −1e6 and 1e6.".into());
                }
                self.scores = scores;
                Ok(())
            }
            VanishingCommand::SetTemperature { temperature } => {
                if !(temperature.is_finite() && (0.01..=100.0).contains(&temperature)) {
                    return Err("The temperature must be between 0.01 and 100.".into());
                }
                self.temperature = temperature;
                Ok(())
            }
        }
    }

    /// The query of a link that opens this chain.
    pub fn link(&self) -> String {
        link::vanishing_query(&self.setup)
    }

    /// Opens the chain a link describes; a refused link changes nothing.
    pub fn open_link(&mut self, query: &str) -> Result<(), String> {
        let setup = link::vanishing_from_query(query)?;
        self.change(|s| *s = setup)
    }

    pub fn snapshot(&self) -> VanishingSnapshot {
        let scaled: Vec<f64> = self.scores.iter().map(|s| s / self.temperature).collect();
        let probabilities = softmax(&scaled);
        let chosen = self
            .compared
            .iter()
            .find(|r| r.activation == self.setup.activation)
            .cloned()
            .unwrap_or_else(|| report(&self.setup, self.setup.activation));
        VanishingSnapshot {
            setup: self.setup.clone(),
            chosen,
            compared: self.compared.clone(),
            revealed: self.revealed,
            ratio_by_depth: self.ratio_by_depth.clone(),
            train_rate: self.setup.train_rate,
            train_steps: TRAIN_STEPS,
            seed_ratio: self.seed_ratio.clone(),
            gallery: activation_point(self.gallery_activation, self.gallery_z),
            gallery_activation: self.gallery_activation,
            gallery_curve: activation_curve(self.gallery_activation, -GALLERY_Z, GALLERY_Z, 240),
            softmax: SoftmaxView {
                scores: self.scores.clone(),
                temperature: self.temperature,
                sum: probabilities.iter().sum(),
                probabilities,
            },
        }
    }
}

crate::shared::lab::linkable_lab!(VanishingLab, VanishingCommand, VanishingSnapshot);
