//! Hand formulas the vanishing tests share, independent of the crate's activation code: f and f′ written
//! out, a chain's forward pass and closed-form gradients, and the setups the tests start from. Only the seeded
//! weights of `ChainSetup::layers` are taken from the crate.

use crate::common::assert_rel;
use backprop_lab::engine::Activation;
use backprop_lab::engine::Layer;
use backprop_lab::labs::vanishing::{ChainSetup, VanishingLab, TRAIN_RATE};

/// The chain's input and target (the lab's fixed example).
pub(crate) const X: f64 = 1.0;
pub(crate) const T: f64 = 0.1;

/// Every activation a chain may use: the four compared ones and identity.
pub(crate) const CHAIN_ACTIVATIONS: [Activation; 5] = [
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Identity,
];

/// f(z), written out.
pub(crate) fn f(act: Activation, z: f64) -> f64 {
    match act {
        Activation::Identity => z,
        Activation::Sigmoid => 1.0 / (1.0 + (-z).exp()),
        Activation::Tanh => z.tanh(),
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
                0.01 * z
            }
        }
        Activation::Softmax => unreachable!("softmax is not an element-wise activation"),
    }
}

/// f′(z), written from z alone (not from a = f(z) as the crate does).
pub(crate) fn df(act: Activation, z: f64) -> f64 {
    match act {
        Activation::Identity => 1.0,
        // σ′(z) = e^{−z} / (1 + e^{−z})².
        Activation::Sigmoid => (-z).exp() / (1.0 + (-z).exp()).powi(2),
        // tanh′(z) = sech²(z) = 1 / cosh²(z).
        Activation::Tanh => 1.0 / z.cosh().powi(2),
        // At z = 0 ReLU takes slope 0 and leaky ReLU 0.01 (the crate's documented convention, as PyTorch).
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
                0.01
            }
        }
        Activation::Softmax => unreachable!("softmax is not an element-wise activation"),
    }
}

/// A chain's forward pass and the closed-form gradients, by hand.
pub(crate) struct HandChain {
    pub(crate) w: Vec<f64>,
    /// z_l and a_l for l = 1..=L (index l − 1).
    pub(crate) z: Vec<f64>,
    pub(crate) a: Vec<f64>,
    /// E = ½(a_L − T)².
    pub(crate) loss: f64,
    /// ∂E/∂z_l = (a_L − T)·f′(z_L)·Π_{k=l}^{L−1}(w_{k+1}·f′(z_k)).
    pub(crate) de_dz: Vec<f64>,
    /// ∂E/∂w_l = ∂E/∂z_l · a_{l−1}, a_0 = x.
    pub(crate) de_dw: Vec<f64>,
    /// The factor f′(z_{l−1})·w_l of layer l ≥ 2 (index l − 1; index 0 unused).
    pub(crate) factor: Vec<f64>,
}

pub(crate) fn chain_weights(layers: &[Layer]) -> (Vec<f64>, Vec<f64>) {
    for layer in layers {
        assert_eq!(layer.weights.len(), 1, "a chain has one neuron per layer");
        assert_eq!(
            layer.weights[0].len(),
            1,
            "a chain has one input per neuron"
        );
    }
    (
        layers.iter().map(|l| l.weights[0][0]).collect(),
        layers.iter().map(|l| l.biases[0]).collect(),
    )
}

pub(crate) fn hand_chain(act: Activation, w: &[f64], b: &[f64]) -> HandChain {
    let n = w.len();
    let (mut z, mut a) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut prev = X;
    for l in 0..n {
        let zl = w[l] * prev + b[l];
        z.push(zl);
        prev = f(act, zl);
        a.push(prev);
    }
    let out = a[n - 1];
    let loss = 0.5 * (out - T) * (out - T);
    // The closed form: a fresh product for each layer, not a recursion.
    let de_dz: Vec<f64> = (1..=n)
        .map(|l| {
            let mut g = (out - T) * df(act, z[n - 1]);
            for k in l..n {
                // w_{k+1}·f′(z_k), 1-based k; w index k, z index k − 1.
                g *= w[k] * df(act, z[k - 1]);
            }
            g
        })
        .collect();
    let de_dw = (1..=n)
        .map(|l| {
            let a_prev = if l == 1 { X } else { a[l - 2] };
            de_dz[l - 1] * a_prev
        })
        .collect();
    let factor = (1..=n)
        .map(|l| {
            if l == 1 {
                f64::NAN
            } else {
                df(act, z[l - 2]) * w[l - 1]
            }
        })
        .collect();
    HandChain {
        w: w.to_vec(),
        z,
        a,
        loss,
        de_dz,
        de_dw,
        factor,
    }
}

pub(crate) fn hand_for(setup: &ChainSetup, act: Activation) -> HandChain {
    let (w, b) = chain_weights(&setup.layers(act));
    hand_chain(act, &w, &b)
}

/// `actual` equals `expected` to `tol` relative, or both are exactly zero.
#[track_caller]
pub(crate) fn assert_rel_or_zero(actual: f64, expected: f64, tol: f64, what: &str) {
    if expected == 0.0 {
        assert_eq!(actual, 0.0, "{what}: expected exactly 0");
    } else {
        assert_rel(actual, expected, tol, what);
    }
}

pub(crate) fn setup(depth: usize, activation: Activation, dying_relu: bool) -> ChainSetup {
    ChainSetup {
        depth,
        width: 1,
        activation,
        dying_relu,
        seed: 1,
        train_rate: TRAIN_RATE,
    }
}

pub(crate) fn lab() -> VanishingLab {
    VanishingLab::new(ChainSetup::default()).expect("the default setup is valid")
}
