//! A picture's values as RGBA pixels, one per cell, ready for the page to paint as image data: orange for
//! low (class 0, negative), white in the middle, blue for high (class 1, positive), as TensorFlow Playground
//! colours them, in the Okabe–Ito orange and blue the other labs use. "Discretise" keeps the two colours
//! alone, which shows the class boundary by itself.

use crate::engine::Activation;
use crate::labs::playground::setup::Task;

/// The ends of the colours: orange at `low`, white at `mid`, blue at `high`; values past an end take its
/// colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub low: f64,
    pub mid: f64,
    pub high: f64,
}

const ORANGE: [f64; 3] = [230.0, 159.0, 0.0];
const BLUE: [f64; 3] = [0.0, 114.0, 178.0];
/// How far towards its colour a cell at an end goes: below 1, so the points drawn on top stand out.
const STRENGTH: f64 = 0.8;

impl Scale {
    /// The output: the chance of class 1 (0 to 1, the boundary at 0.5), or a value in [−1, 1].
    pub fn output(task: Task) -> Scale {
        match task {
            Task::Classification => Scale {
                low: 0.0,
                mid: 0.5,
                high: 1.0,
            },
            Task::Regression => Scale::symmetric(1.0),
        }
    }

    /// −m to m around 0.
    pub fn symmetric(m: f64) -> Scale {
        Scale {
            low: -m,
            mid: 0.0,
            high: m,
        }
    }

    /// A hidden neuron's picture: its activation's own range where it has one (tanh −1 to 1, sigmoid 0 to 1
    /// around 0.5); otherwise ±1, or ±(its largest size) when that is more, so a ReLU picture never saturates.
    pub fn neuron(activation: Activation, values: &[f64]) -> Scale {
        match activation {
            Activation::Tanh => Scale::symmetric(1.0),
            Activation::Sigmoid => Scale::output(Task::Classification),
            _ => Scale::symmetric(Scale::largest(values).max(1.0)),
        }
    }

    /// A feature's picture: ± its largest size over the square (6 for x₁, 36 for x₁², 1 for sin x₁).
    pub fn feature(values: &[f64]) -> Scale {
        Scale::symmetric(Scale::largest(values).max(1e-12))
    }

    fn largest(values: &[f64]) -> f64 {
        values
            .iter()
            .filter(|v| v.is_finite())
            .fold(0.0, |m, v| m.max(v.abs()))
    }

    /// Where `v` stands: −1 at `low`, 0 at `mid`, 1 at `high`, held to [−1, 1] (0 for what is not a number).
    pub fn position(&self, v: f64) -> f64 {
        let t = if v >= self.mid {
            (v - self.mid) / (self.high - self.mid)
        } else {
            -(self.mid - v) / (self.mid - self.low)
        };
        if t.is_finite() {
            t.clamp(-1.0, 1.0)
        } else {
            0.0
        }
    }

    /// The colour of `v`; discretised, the full colour of its side of `mid`.
    pub fn colour(&self, v: f64, discretize: bool) -> [u8; 4] {
        let t = self.position(v);
        let (towards, amount) = match (discretize, t >= 0.0) {
            (true, true) => (BLUE, 1.0),
            (true, false) => (ORANGE, 1.0),
            (false, true) => (BLUE, t),
            (false, false) => (ORANGE, -t),
        };
        let mix = |k: usize| (255.0 + (towards[k] - 255.0) * amount * STRENGTH).round() as u8;
        [mix(0), mix(1), mix(2), 255]
    }
}

/// Every value's colour, four bytes each (red, green, blue, alpha), in the values' order.
pub fn rgba(values: &[f64], scale: Scale, discretize: bool) -> Vec<u8> {
    values
        .iter()
        .flat_map(|&v| scale.colour(v, discretize))
        .collect()
}
