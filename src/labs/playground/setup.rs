//! What a run is made of: the data (kind, seed, noise, size, split), the inputs, the network, the optimizer
//! and the regularisation, with the bounds each must keep and the reason a value is refused.
//!
//! The points live in the square [−6, 6]², TensorFlow Playground's: sin x₁ and sin x₂ then span almost two
//! periods and draw stripes a network can use (on [−1, 1] a sine is nearly a straight line, so the sine
//! features would add nothing), and a teacher who knows that tool sees the same pictures at the same scale.

use serde::{Deserialize, Serialize};

use super::features::Features;
use crate::engine::{Activation, Optimizer, Regularization};

/// The points lie in [−HALF, HALF]².
pub const HALF: f64 = 6.0;
pub const MIN_POINTS: usize = 20;
pub const MAX_POINTS: usize = 1000;
pub const MIN_TEST_PERCENT: usize = 10;
pub const MAX_TEST_PERCENT: usize = 90;
pub const MAX_NOISE: f64 = 1.0;
pub const MAX_HIDDEN_LAYERS: usize = 6;
pub const MAX_NEURONS: usize = 8;
pub const MIN_LEARNING_RATE: f64 = 1e-5;
pub const MAX_LEARNING_RATE: f64 = 10.0;
pub const MAX_RATE: f64 = 10.0;
/// A run stops here; a link may ask for any epoch up to it.
pub const MAX_EPOCHS: usize = 100_000;
/// One command trains at most this many epochs, so that a frame never freezes.
pub const MAX_EPOCHS_PER_COMMAND: usize = 100;

/// The six datasets: four of two classes, two of values.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DataKind {
    Gauss,
    Xor,
    Circle,
    Spiral,
    Plane,
    Bumps,
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// Labels 0 and 1; a sigmoid output read as the chance of class 1, binary cross-entropy.
    Classification,
    /// Values in [−1, 1]; an identity output, squared error.
    Regression,
}

impl DataKind {
    pub const ALL: [DataKind; 6] = [
        DataKind::Gauss,
        DataKind::Xor,
        DataKind::Circle,
        DataKind::Spiral,
        DataKind::Plane,
        DataKind::Bumps,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DataKind::Gauss => "gauss",
            DataKind::Xor => "xor",
            DataKind::Circle => "circle",
            DataKind::Spiral => "spiral",
            DataKind::Plane => "plane",
            DataKind::Bumps => "bumps",
        }
    }

    pub fn from_key(key: &str) -> Option<DataKind> {
        DataKind::ALL.into_iter().find(|d| d.key() == key)
    }

    pub fn title(self) -> &'static str {
        match self {
            DataKind::Gauss => "two Gaussian blobs",
            DataKind::Xor => "XOR quadrants",
            DataKind::Circle => "a circle inside a ring",
            DataKind::Spiral => "two spirals",
            DataKind::Plane => "a tilted plane",
            DataKind::Bumps => "Gaussian bumps",
        }
    }

    pub fn task(self) -> Task {
        match self {
            DataKind::Plane | DataKind::Bumps => Task::Regression,
            _ => Task::Classification,
        }
    }
}

/// Gradient descent, momentum, RMSprop or Adam, with torch.optim's default settings.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    Rmsprop,
    Adam,
}

impl OptimizerKind {
    pub const ALL: [OptimizerKind; 4] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Rmsprop,
        OptimizerKind::Adam,
    ];

    /// With torch.optim's default settings.
    pub fn with_rate(self, learning_rate: f64) -> Optimizer {
        match self {
            OptimizerKind::Sgd => Optimizer::Sgd { learning_rate },
            OptimizerKind::Momentum => Optimizer::momentum(learning_rate),
            OptimizerKind::Rmsprop => Optimizer::rmsprop(learning_rate),
            OptimizerKind::Adam => Optimizer::adam(learning_rate),
        }
    }

    /// The settings that belong to this optimizer, as a link spells them.
    pub fn setting_keys(self) -> &'static [&'static str] {
        match self {
            OptimizerKind::Sgd => &[],
            OptimizerKind::Momentum => &["mu"],
            OptimizerKind::Rmsprop => &["alpha"],
            OptimizerKind::Adam => &["beta1", "beta2"],
        }
    }

    /// `sgd`, `momentum`, `rmsprop`, `adam`: the spec's names.
    pub fn key(self) -> &'static str {
        self.with_rate(1.0).name()
    }

    pub fn from_key(key: &str) -> Option<OptimizerKind> {
        OptimizerKind::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// Which penalty; its rate is kept apart, so switching it off and on again keeps the rate.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Penalty {
    None,
    L1,
    L2,
}

impl Penalty {
    pub fn key(self) -> &'static str {
        match self {
            Penalty::None => "none",
            Penalty::L1 => "l1",
            Penalty::L2 => "l2",
        }
    }

    pub fn from_key(key: &str) -> Option<Penalty> {
        [Penalty::None, Penalty::L1, Penalty::L2]
            .into_iter()
            .find(|p| p.key() == key)
    }
}

/// The activations a hidden layer may take (softmax belongs to an output layer of several classes).
pub const HIDDEN_ACTIVATIONS: [Activation; 5] = [
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Tanh,
    Activation::Sigmoid,
    Activation::Identity,
];

pub fn activation_key(activation: Activation) -> &'static str {
    match activation {
        Activation::Relu => "relu",
        Activation::LeakyRelu => "leaky_relu",
        Activation::Tanh => "tanh",
        Activation::Sigmoid => "sigmoid",
        Activation::Identity => "identity",
        Activation::Softmax => "softmax",
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PlaygroundSetup {
    pub data: DataKind,
    /// Seeds the points and their split.
    pub seed: u64,
    /// How far each point is moved at random (classification: a normal of standard deviation 2·noise in
    /// each coordinate) or how much is added to its value (regression: a normal of 0.5·noise).
    pub noise: f64,
    pub points: usize,
    /// The share of the generated points held out as test points, in percent.
    pub test_percent: usize,
    pub features: Features,
    /// Neurons in each hidden layer, input side first; empty for none.
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub optimizer: OptimizerKind,
    pub learning_rate: f64,
    /// Momentum's μ, RMSprop's α (the decay of its mean square), Adam's β₁ and β₂: each from 0 to below 1,
    /// torch.optim's defaults at first. Each is kept when the optimizer changes.
    pub momentum: f64,
    pub alpha: f64,
    pub beta1: f64,
    pub beta2: f64,
    /// Training points per update; `None` for all of them (one update an epoch).
    pub batch: Option<usize>,
    pub penalty: Penalty,
    /// The regularisation rate λ.
    pub rate: f64,
    /// Seeds the starting weights and the order of each epoch's batches; "new weights" moves it on.
    pub weight_seed: u64,
}

impl Default for PlaygroundSetup {
    /// TensorFlow Playground's defaults: a circle, x₁ and x₂, layers of 4 and 2 tanh neurons, η = 0.03,
    /// batches of 10, half the points held out.
    fn default() -> PlaygroundSetup {
        PlaygroundSetup {
            data: DataKind::Circle,
            seed: 1,
            noise: 0.0,
            points: 500,
            test_percent: 50,
            features: Features::default(),
            hidden: vec![4, 2],
            activation: Activation::Tanh,
            optimizer: OptimizerKind::Sgd,
            learning_rate: 0.03,
            momentum: 0.9,
            alpha: 0.99,
            beta1: 0.9,
            beta2: 0.999,
            batch: Some(10),
            penalty: Penalty::None,
            rate: 0.001,
            weight_seed: 1,
        }
    }
}

impl PlaygroundSetup {
    pub fn task(&self) -> Task {
        self.data.task()
    }

    pub fn optimizer(&self) -> Optimizer {
        let learning_rate = self.learning_rate;
        match self.optimizer.with_rate(learning_rate) {
            Optimizer::Momentum { .. } => Optimizer::Momentum {
                learning_rate,
                momentum: self.momentum,
            },
            Optimizer::Rmsprop { eps, .. } => Optimizer::Rmsprop {
                learning_rate,
                decay: self.alpha,
                eps,
            },
            Optimizer::Adam { eps, .. } => Optimizer::Adam {
                learning_rate,
                beta1: self.beta1,
                beta2: self.beta2,
                eps,
            },
            sgd => sgd,
        }
    }

    /// An optimizer setting by its link key (`mu`, `alpha`, `beta1`, `beta2`).
    pub fn setting_mut(&mut self, key: &str) -> Option<&mut f64> {
        match key {
            "mu" => Some(&mut self.momentum),
            "alpha" => Some(&mut self.alpha),
            "beta1" => Some(&mut self.beta1),
            "beta2" => Some(&mut self.beta2),
            _ => None,
        }
    }

    pub fn setting(&self, key: &str) -> Option<f64> {
        self.clone().setting_mut(key).map(|v| *v)
    }

    pub fn regularization(&self) -> Regularization {
        match self.penalty {
            Penalty::None => Regularization::None,
            Penalty::L1 => Regularization::L1 { rate: self.rate },
            Penalty::L2 => Regularization::L2 { rate: self.rate },
        }
    }

    /// How many of the generated points are test points.
    pub fn test_count(&self) -> usize {
        (self.points * self.test_percent + 50) / 100
    }

    /// Each refusal names the setting (as a link spells it) and says what it must be.
    pub fn validate(&self) -> Result<(), String> {
        if !(MIN_POINTS..=MAX_POINTS).contains(&self.points) {
            return Err(format!("points: from {MIN_POINTS} to {MAX_POINTS} points."));
        }
        if !(0.0..=MAX_NOISE).contains(&self.noise) {
            return Err(format!("noise: from 0 to {MAX_NOISE}."));
        }
        if !(MIN_TEST_PERCENT..=MAX_TEST_PERCENT).contains(&self.test_percent) {
            return Err(format!(
                "test: the share held out is from {MIN_TEST_PERCENT}% to {MAX_TEST_PERCENT}%."
            ));
        }
        validate_hidden(&self.hidden)?;
        if !HIDDEN_ACTIVATIONS.contains(&self.activation) {
            return Err(
                "act: a hidden layer takes relu, leaky_relu, tanh, sigmoid or identity.".into(),
            );
        }
        if !(MIN_LEARNING_RATE..=MAX_LEARNING_RATE).contains(&self.learning_rate) {
            return Err(format!(
                "lr: the learning rate is from {MIN_LEARNING_RATE} to {MAX_LEARNING_RATE}."
            ));
        }
        for key in ["mu", "alpha", "beta1", "beta2"] {
            let v = self.setting(key).unwrap_or(0.0);
            if !(0.0..1.0).contains(&v) {
                return Err(format!("{key}: from 0 to below 1."));
            }
        }
        if let Some(batch) = self.batch {
            if !(1..=MAX_POINTS).contains(&batch) {
                return Err(format!("batch: from 1 to {MAX_POINTS} points, or all."));
            }
        }
        if !(0.0..=MAX_RATE).contains(&self.rate) {
            return Err(format!(
                "rate: the regularisation rate is from 0 to {MAX_RATE}."
            ));
        }
        Ok(())
    }
}

/// 0 to `MAX_HIDDEN_LAYERS` hidden layers of 1 to `MAX_NEURONS` neurons.
pub fn validate_hidden(hidden: &[usize]) -> Result<(), String> {
    if hidden.len() > MAX_HIDDEN_LAYERS {
        return Err(format!(
            "layers: at most {MAX_HIDDEN_LAYERS} hidden layers."
        ));
    }
    if let Some(k) = hidden.iter().position(|n| !(1..=MAX_NEURONS).contains(n)) {
        return Err(format!(
            "layers: hidden layer {} has {} neurons; a layer has 1 to {MAX_NEURONS}.",
            k + 1,
            hidden[k]
        ));
    }
    Ok(())
}
