//! The activation gallery: an activation's value f(z) and slope f′(z) at one z and as a graph.

use serde::Serialize;

use crate::engine::activation::Activation;

/// The gallery's z runs over this range.
pub const GALLERY_Z: f64 = 6.0;

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
