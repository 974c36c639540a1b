//! Optimizers, with the update rules PyTorch's `torch.optim` documents (no weight decay, no dampening, no
//! Nesterov). Each keeps its state in buffers shaped like the parameters, recorded in every trace.

use serde::{Deserialize, Serialize};

use crate::layer::Layer;
use crate::layer::ParamSet;

fn default_momentum() -> f64 {
    0.9
}
fn default_decay() -> f64 {
    0.99
}
fn default_beta1() -> f64 {
    0.9
}
fn default_beta2() -> f64 {
    0.999
}
fn default_eps() -> f64 {
    1e-8
}

// serde's own internally tagged enums, `{"name": "adam", …}`. `deny_unknown_fields` refuses a setting of
// another optimizer, and a setting given as null is refused too (the defaults fill only what is left out).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(tag = "name", rename_all = "snake_case", deny_unknown_fields)]
pub enum Optimizer {
    /// θ ← θ − η·g
    Sgd {
        #[serde(deserialize_with = "learning_rate")]
        learning_rate: f64,
    },
    /// buf ← μ·buf + g; θ ← θ − η·buf
    Momentum {
        #[serde(deserialize_with = "learning_rate")]
        learning_rate: f64,
        #[serde(default = "default_momentum", deserialize_with = "momentum")]
        momentum: f64,
    },
    /// v ← α·v + (1 − α)·g²; θ ← θ − η·g / (√v + ε)
    Rmsprop {
        #[serde(deserialize_with = "learning_rate")]
        learning_rate: f64,
        #[serde(default = "default_decay", deserialize_with = "decay")]
        decay: f64,
        #[serde(default = "default_eps", deserialize_with = "eps")]
        eps: f64,
    },
    /// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; θ ← θ − η·m̂ / (√v̂ + ε), m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
    Adam {
        #[serde(deserialize_with = "learning_rate")]
        learning_rate: f64,
        #[serde(default = "default_beta1", deserialize_with = "beta1")]
        beta1: f64,
        #[serde(default = "default_beta2", deserialize_with = "beta2")]
        beta2: f64,
        #[serde(default = "default_eps", deserialize_with = "eps")]
        eps: f64,
    },
}

/// The prefix by which a setting's refusal names the setting (`spec_error::refused` moves it into the path).
pub const SETTING_PREFIX: &str = "setting ";

// serde reads a tagged enum from a buffered copy of the object, which loses the path to the field inside it:
// each setting names itself in its refusal instead, so "momentum": null is still refused as
// `optimizer.momentum`.
macro_rules! setting {
    ($($name:ident),*) => {$(
        fn $name<'de, D: serde::Deserializer<'de>>(de: D) -> Result<f64, D::Error> {
            f64::deserialize(de).map_err(|e| {
                serde::de::Error::custom(format!("{SETTING_PREFIX}{}: {e}", stringify!($name)))
            })
        }
    )*};
}
setting!(learning_rate, momentum, decay, eps, beta1, beta2);

/// What an optimizer remembers between steps.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "name", rename_all = "snake_case", deny_unknown_fields)]
pub enum OptimizerState {
    Sgd {},
    Momentum {
        buffer: Vec<ParamSet>,
    },
    Rmsprop {
        square_avg: Vec<ParamSet>,
    },
    Adam {
        steps: u64,
        m: Vec<ParamSet>,
        v: Vec<ParamSet>,
    },
}

impl Optimizer {
    /// Momentum with torch.optim's default μ = 0.9.
    pub fn momentum(learning_rate: f64) -> Optimizer {
        Optimizer::Momentum {
            learning_rate,
            momentum: default_momentum(),
        }
    }

    /// RMSprop with torch.optim's defaults α = 0.99, ε = 1e-8.
    pub fn rmsprop(learning_rate: f64) -> Optimizer {
        Optimizer::Rmsprop {
            learning_rate,
            decay: default_decay(),
            eps: default_eps(),
        }
    }

    /// Adam with torch.optim's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    pub fn adam(learning_rate: f64) -> Optimizer {
        Optimizer::Adam {
            learning_rate,
            beta1: default_beta1(),
            beta2: default_beta2(),
            eps: default_eps(),
        }
    }

    /// The name a spec writes: `sgd`, `momentum`, `rmsprop` or `adam`.
    pub fn name(&self) -> &'static str {
        match self {
            Optimizer::Sgd { .. } => "sgd",
            Optimizer::Momentum { .. } => "momentum",
            Optimizer::Rmsprop { .. } => "rmsprop",
            Optimizer::Adam { .. } => "adam",
        }
    }

    /// The name a person reads: "gradient descent", "momentum", "RMSprop", "Adam".
    pub fn title(&self) -> &'static str {
        match self {
            Optimizer::Sgd { .. } => "gradient descent",
            Optimizer::Momentum { .. } => "momentum",
            Optimizer::Rmsprop { .. } => "RMSprop",
            Optimizer::Adam { .. } => "Adam",
        }
    }

    pub fn learning_rate(&self) -> f64 {
        match *self {
            Optimizer::Sgd { learning_rate }
            | Optimizer::Momentum { learning_rate, .. }
            | Optimizer::Rmsprop { learning_rate, .. }
            | Optimizer::Adam { learning_rate, .. } => learning_rate,
        }
    }

    pub fn set_learning_rate(&mut self, value: f64) {
        match self {
            Optimizer::Sgd { learning_rate }
            | Optimizer::Momentum { learning_rate, .. }
            | Optimizer::Rmsprop { learning_rate, .. }
            | Optimizer::Adam { learning_rate, .. } => *learning_rate = value,
        }
    }

    /// The state before the first step: zero buffers.
    pub fn initial_state(&self, layers: &[Layer]) -> OptimizerState {
        let zeros = || layers.iter().map(ParamSet::zeros_like).collect::<Vec<_>>();
        match self {
            Optimizer::Sgd { .. } => OptimizerState::Sgd {},
            Optimizer::Momentum { .. } => OptimizerState::Momentum { buffer: zeros() },
            Optimizer::Rmsprop { .. } => OptimizerState::Rmsprop {
                square_avg: zeros(),
            },
            Optimizer::Adam { .. } => OptimizerState::Adam {
                steps: 0,
                m: zeros(),
                v: zeros(),
            },
        }
    }

    /// True when `state` belongs to this optimizer and is shaped like `layers`.
    pub fn state_fits(&self, state: &OptimizerState, layers: &[Layer]) -> bool {
        let fits = |sets: &[ParamSet]| {
            sets.len() == layers.len()
                && sets.iter().zip(layers).all(|(s, l)| {
                    s.biases.len() == l.biases.len()
                        && s.weights.len() == l.weights.len()
                        && s.weights
                            .iter()
                            .zip(&l.weights)
                            .all(|(a, b)| a.len() == b.len())
                })
        };
        match (self, state) {
            (Optimizer::Sgd { .. }, OptimizerState::Sgd {}) => true,
            (Optimizer::Momentum { .. }, OptimizerState::Momentum { buffer }) => fits(buffer),
            (Optimizer::Rmsprop { .. }, OptimizerState::Rmsprop { square_avg }) => fits(square_avg),
            (Optimizer::Adam { .. }, OptimizerState::Adam { m, v, .. }) => fits(m) && fits(v),
            _ => false,
        }
    }

    /// The rule of the next step; `steps` counts Adam's steps including this one (for its bias correction).
    pub fn rule(&self, steps: u64) -> Rule {
        match *self {
            Optimizer::Sgd { learning_rate } => Rule::Sgd { learning_rate },
            Optimizer::Momentum {
                learning_rate,
                momentum,
            } => Rule::Momentum {
                learning_rate,
                momentum,
            },
            Optimizer::Rmsprop {
                learning_rate,
                decay,
                eps,
            } => Rule::Rmsprop {
                learning_rate,
                decay,
                eps,
            },
            Optimizer::Adam {
                learning_rate,
                beta1,
                beta2,
                eps,
            } => Rule::Adam {
                learning_rate,
                beta1,
                beta2,
                eps,
                correction1: 1.0 - power(beta1, steps),
                correction2: 1.0 - power(beta2, steps),
            },
        }
    }

    /// One update of every parameter in place; `state` must fit (see `state_fits`).
    pub fn update(&self, layers: &mut [Layer], gradients: &[ParamSet], state: &mut OptimizerState) {
        // Slots an optimizer does not use point here.
        let (mut unused1, mut unused2) = (0.0, 0.0);
        match state {
            OptimizerState::Sgd {} => {
                let rule = self.rule(0);
                for_each_param(layers, gradients, |_, _, p, g| {
                    rule.apply(p, g, &mut unused1, &mut unused2)
                });
            }
            OptimizerState::Momentum { buffer: first }
            | OptimizerState::Rmsprop { square_avg: first } => {
                let rule = self.rule(0);
                for_each_param(layers, gradients, |l, idx, p, g| {
                    rule.apply(p, g, idx.slot(&mut first[l]), &mut unused2)
                });
            }
            OptimizerState::Adam { steps, m, v } => {
                *steps = steps.saturating_add(1);
                let rule = self.rule(*steps);
                for_each_param(layers, gradients, |l, idx, p, g| {
                    rule.apply(p, g, idx.slot(&mut m[l]), idx.slot(&mut v[l]))
                });
            }
        }
    }
}

pub use backprop_kernels::rule::Rule;

/// Which parameter of a layer: a weight (j, i) or a bias j.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamIndex {
    Weight(usize, usize),
    Bias(usize),
}

impl ParamIndex {
    pub fn slot(self, set: &mut ParamSet) -> &mut f64 {
        match self {
            ParamIndex::Weight(j, i) => &mut set.weights[j][i],
            ParamIndex::Bias(j) => &mut set.biases[j],
        }
    }

    pub fn get(self, set: &ParamSet) -> f64 {
        match self {
            ParamIndex::Weight(j, i) => set.weights[j][i],
            ParamIndex::Bias(j) => set.biases[j],
        }
    }
}

fn for_each_param(
    layers: &mut [Layer],
    gradients: &[ParamSet],
    mut f: impl FnMut(usize, ParamIndex, &mut f64, f64),
) {
    for (l, (layer, grad)) in layers.iter_mut().zip(gradients).enumerate() {
        for (j, (row, grow)) in layer.weights.iter_mut().zip(&grad.weights).enumerate() {
            for (i, (p, &g)) in row.iter_mut().zip(grow).enumerate() {
                f(l, ParamIndex::Weight(j, i), p, g);
            }
        }
        if layer.frozen_biases {
            continue;
        }
        for (j, (p, &g)) in layer.biases.iter_mut().zip(&grad.biases).enumerate() {
            f(l, ParamIndex::Bias(j), p, g);
        }
    }
}

/// βᵗ for Adam's bias corrections, from libm, so the page and the native build share one `pow`.
pub fn power(base: f64, exponent: u64) -> f64 {
    libm::pow(base, exponent as f64)
}
