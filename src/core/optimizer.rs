//! Optimizers, with the update rules PyTorch's `torch.optim` documents (no weight decay, no dampening, no
//! Nesterov). Each keeps its state in buffers shaped like the parameters, recorded in every trace.

use serde::{Deserialize, Serialize};

use super::network::Layer;
use super::trace::ParamSet;

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

// Written internally tagged ({"name": "adam", …}) but read through a flat struct: serde reads an internally
// tagged enum by buffering the object into its `Content` and reading that again, code that was a sixth of the
// page's wasm (README, Performance: size). The defaults of settings left out are `TryFrom`'s.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(tag = "name", rename_all = "snake_case", try_from = "OptimizerFields")]
pub enum Optimizer {
    /// θ ← θ − η·g
    Sgd { learning_rate: f64 },
    /// buf ← μ·buf + g; θ ← θ − η·buf
    Momentum { learning_rate: f64, momentum: f64 },
    /// v ← α·v + (1 − α)·g²; θ ← θ − η·g / (√v + ε)
    Rmsprop {
        learning_rate: f64,
        decay: f64,
        eps: f64,
    },
    /// m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; θ ← θ − η·m̂ / (√v̂ + ε), m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
    Adam {
        learning_rate: f64,
        beta1: f64,
        beta2: f64,
        eps: f64,
    },
}

/// What an optimizer remembers between steps.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "name", rename_all = "snake_case", try_from = "StateFields")]
pub enum OptimizerState {
    Sgd,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OptimizerName {
    Sgd,
    Momentum,
    Rmsprop,
    Adam,
}

/// Each optimizer's name as a spec writes it, in the order of `OptimizerName`: the one table both directions
/// read.
const OPTIMIZER_NAMES: [&str; 4] = ["sgd", "momentum", "rmsprop", "adam"];
const OPTIMIZERS: [OptimizerName; 4] = [
    OptimizerName::Sgd,
    OptimizerName::Momentum,
    OptimizerName::Rmsprop,
    OptimizerName::Adam,
];

impl OptimizerName {
    fn as_str(self) -> &'static str {
        OPTIMIZER_NAMES[self as usize]
    }
}

// By hand: a derived enum would be read with `deserialize_enum`, which serde_json answers for `true` with
// "expected value" instead of naming what it found.
impl<'de> Deserialize<'de> for OptimizerName {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<OptimizerName, D::Error> {
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = OptimizerName;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("variant identifier")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OptimizerName, E> {
                OPTIMIZER_NAMES
                    .iter()
                    .position(|&text| text == v)
                    .map(|k| OPTIMIZERS[k])
                    .ok_or_else(|| E::unknown_variant(v, &OPTIMIZER_NAMES))
            }
        }
        de.deserialize_str(Name)
    }
}

/// A field that may be left out, but not given as null: `Option`'s own reader would take null for "left
/// out", and a spec with `"momentum": null` would quietly get the default.
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    de: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(de).map(Some)
}

/// Every optimizer's settings in one object, as a spec writes them; `TryFrom` keeps the named one's.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptimizerFields {
    name: OptimizerName,
    learning_rate: f64,
    #[serde(default, deserialize_with = "present")]
    momentum: Option<f64>,
    #[serde(default, deserialize_with = "present")]
    decay: Option<f64>,
    #[serde(default, deserialize_with = "present")]
    eps: Option<f64>,
    #[serde(default, deserialize_with = "present")]
    beta1: Option<f64>,
    #[serde(default, deserialize_with = "present")]
    beta2: Option<f64>,
}

/// Refuses a field given that belongs to another optimizer, as `deny_unknown_fields` did per variant.
fn only_fields(name: OptimizerName, given: &[(&str, bool)], own: &[&str]) -> Result<(), String> {
    match given
        .iter()
        .find(|(field, present)| *present && !own.contains(field))
    {
        // In serde's words, which `spec::plain_words` rewrites for people.
        Some((field, _)) if own.is_empty() => Err(format!(
            "unknown field “{field}”: {} has nothing but its name",
            name.as_str()
        )),
        Some((field, _)) => Err(format!(
            "unknown field `{field}` for {}, expected one of `{}`",
            name.as_str(),
            own.join("`, `")
        )),
        None => Ok(()),
    }
}

impl TryFrom<OptimizerFields> for Optimizer {
    type Error = String;

    fn try_from(f: OptimizerFields) -> Result<Optimizer, String> {
        let given = [
            ("momentum", f.momentum.is_some()),
            ("decay", f.decay.is_some()),
            ("eps", f.eps.is_some()),
            ("beta1", f.beta1.is_some()),
            ("beta2", f.beta2.is_some()),
        ];
        let learning_rate = f.learning_rate;
        let (optimizer, own): (Optimizer, &[&str]) = match f.name {
            OptimizerName::Sgd => (Optimizer::Sgd { learning_rate }, &["learning_rate"]),
            OptimizerName::Momentum => (
                Optimizer::Momentum {
                    learning_rate,
                    momentum: f.momentum.unwrap_or_else(default_momentum),
                },
                &["learning_rate", "momentum"],
            ),
            OptimizerName::Rmsprop => (
                Optimizer::Rmsprop {
                    learning_rate,
                    decay: f.decay.unwrap_or_else(default_decay),
                    eps: f.eps.unwrap_or_else(default_eps),
                },
                &["learning_rate", "decay", "eps"],
            ),
            OptimizerName::Adam => (
                Optimizer::Adam {
                    learning_rate,
                    beta1: f.beta1.unwrap_or_else(default_beta1),
                    beta2: f.beta2.unwrap_or_else(default_beta2),
                    eps: f.eps.unwrap_or_else(default_eps),
                },
                &["learning_rate", "beta1", "beta2", "eps"],
            ),
        };
        only_fields(f.name, &given, own).map(|_| optimizer)
    }
}

/// Every optimizer's state in one object; `TryFrom` keeps the named one's.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFields {
    name: OptimizerName,
    #[serde(default, deserialize_with = "present")]
    buffer: Option<Vec<ParamSet>>,
    #[serde(default, deserialize_with = "present")]
    square_avg: Option<Vec<ParamSet>>,
    #[serde(default, deserialize_with = "present")]
    steps: Option<u64>,
    #[serde(default, deserialize_with = "present")]
    m: Option<Vec<ParamSet>>,
    #[serde(default, deserialize_with = "present")]
    v: Option<Vec<ParamSet>>,
}

impl TryFrom<StateFields> for OptimizerState {
    type Error = String;

    fn try_from(f: StateFields) -> Result<OptimizerState, String> {
        let given = [
            ("buffer", f.buffer.is_some()),
            ("square_avg", f.square_avg.is_some()),
            ("steps", f.steps.is_some()),
            ("m", f.m.is_some()),
            ("v", f.v.is_some()),
        ];
        let missing = |field: &str| format!("missing field `{field}`");
        let (state, own): (OptimizerState, &[&str]) = match f.name {
            OptimizerName::Sgd => (OptimizerState::Sgd, &[]),
            OptimizerName::Momentum => (
                OptimizerState::Momentum {
                    buffer: f.buffer.ok_or_else(|| missing("buffer"))?,
                },
                &["buffer"],
            ),
            OptimizerName::Rmsprop => (
                OptimizerState::Rmsprop {
                    square_avg: f.square_avg.ok_or_else(|| missing("square_avg"))?,
                },
                &["square_avg"],
            ),
            OptimizerName::Adam => (
                OptimizerState::Adam {
                    steps: f.steps.ok_or_else(|| missing("steps"))?,
                    m: f.m.ok_or_else(|| missing("m"))?,
                    v: f.v.ok_or_else(|| missing("v"))?,
                },
                &["steps", "m", "v"],
            ),
        };
        only_fields(f.name, &given, own).map(|_| state)
    }
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

    pub fn name(&self) -> &'static str {
        match self {
            Optimizer::Sgd { .. } => OptimizerName::Sgd,
            Optimizer::Momentum { .. } => OptimizerName::Momentum,
            Optimizer::Rmsprop { .. } => OptimizerName::Rmsprop,
            Optimizer::Adam { .. } => OptimizerName::Adam,
        }
        .as_str()
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
            Optimizer::Sgd { .. } => OptimizerState::Sgd,
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
            (Optimizer::Sgd { .. }, OptimizerState::Sgd) => true,
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
            OptimizerState::Sgd => {
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

/// βᵗ as e^(t·ln β), from the page's own exp and the log the losses already use, so no general `pow` is
/// linked in for Adam's two corrections. What Adam needs is 1 − βᵗ: an error of one unit in ln β moves
/// βᵗ by at most βᵗ·t·|ln β| units, and that product never passes 1/e, so 1 − βᵗ is as exact as with pow.
pub fn power(base: f64, exponent: u64) -> f64 {
    if exponent == 0 {
        return 1.0;
    }
    super::elementary::exp(exponent as f64 * libm::log(base))
}
