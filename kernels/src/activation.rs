//! Activation functions. Each variant keeps its value and its derivative in the same `match`, so adding one
//! touches one place.

use serde::{Deserialize, Serialize};

use crate::elementary;
use crate::lanes::Lanes;

/// Slope of leaky ReLU for negative inputs.
pub const LEAKY_RELU_SLOPE: f64 = 0.01;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    Identity,
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu,
    /// Only on the output layer: each output depends on every z of the layer.
    Softmax,
}

impl Activation {
    pub const ALL: [Activation; 6] = [
        Activation::Identity,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Softmax,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Activation::Identity => "identity",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::LeakyRelu => "leaky_relu",
            Activation::Softmax => "softmax",
        }
    }

    /// The name people read: "ReLU", "leaky ReLU".
    pub fn label(self) -> &'static str {
        match self {
            Activation::Identity => "identity",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "ReLU",
            Activation::LeakyRelu => "leaky ReLU",
            Activation::Softmax => "softmax",
        }
    }

    /// a = f(z) for a whole layer.
    pub fn apply(self, z: &[f64]) -> Vec<f64> {
        match self {
            Activation::Softmax => softmax(z),
            _ => z.iter().map(|&z| self.value(z)).collect(),
        }
    }

    /// f(z) for element-wise activations. For softmax this is meaningless on its own; use `apply`.
    pub fn value(self, z: f64) -> f64 {
        match self {
            Activation::Identity | Activation::Softmax => z,
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => elementary::tanh(z),
            // Not `z.max(0.0)`: for z = −0 that gives +0 natively and −0 in WebAssembly.
            Activation::Relu => {
                if z > 0.0 {
                    z
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_RELU_SLOPE * z
                }
            }
        }
    }

    /// f′(z), written in terms of z and a = f(z) (whichever is exact and cheap). At z = 0 ReLU takes the
    /// derivative 0 and leaky ReLU 0.01, as PyTorch does.
    ///
    /// For softmax this is the diagonal ∂aⱼ/∂zⱼ = aⱼ(1 − aⱼ) only; backprop through softmax uses the full
    /// Jacobian (see `backprop_through`).
    pub fn derivative(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Identity => 1.0,
            Activation::Sigmoid | Activation::Softmax => sigmoid_slope(a),
            Activation::Tanh => tanh_slope(a),
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAKY_RELU_SLOPE
                }
            }
        }
    }

    /// ∂E/∂z from ∂E/∂a for a whole layer. Element-wise activations multiply by f′(z); softmax applies its
    /// Jacobian ∂aₖ/∂zⱼ = aₖ(δₖⱼ − aⱼ), so ∂E/∂zⱼ = aⱼ(∂E/∂aⱼ − Σₖ aₖ ∂E/∂aₖ).
    pub fn backprop_through(self, z: &[f64], a: &[f64], de_da: &[f64]) -> Vec<f64> {
        match self {
            Activation::Softmax => {
                let weighted: f64 = a.iter().zip(de_da).map(|(a, g)| a * g).sum();
                a.iter()
                    .zip(de_da)
                    .map(|(a, g)| a * (g - weighted))
                    .collect()
            }
            _ => z
                .iter()
                .zip(a)
                .zip(de_da)
                .map(|((&z, &a), &g)| g * self.derivative(z, a))
                .collect(),
        }
    }
}

/// σ′ written with a = σ(z), on one value or a pair: the fast trainer's loops use the very expression
/// `derivative` does.
#[inline(always)]
pub fn sigmoid_slope<L: Lanes>(a: L) -> L {
    a * (L::splat(1.0) - a)
}

/// tanh′ written with a = tanh z, on one value or a pair (see `sigmoid_slope`).
#[inline(always)]
pub fn tanh_slope<L: Lanes>(a: L) -> L {
    L::splat(1.0) - a * a
}

/// The logistic sigmoid (see `elementary` for why it is written by hand).
pub use crate::elementary::sigmoid;

/// Softmax shifted by the largest score, so large scores do not overflow.
pub fn softmax(z: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; z.len()];
    softmax_into(z, &mut out);
    out
}

/// `softmax` written into `out`, for the fast trainer, which must not allocate per example.
pub fn softmax_into(z: &[f64], out: &mut [f64]) {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    for (e, &z) in out.iter_mut().zip(z) {
        *e = elementary::exp(z - max);
    }
    let sum: f64 = out.iter().sum();
    for e in out.iter_mut() {
        *e /= sum;
    }
}
