//! The data the network learns from: the curve, its noisy samples split into training and validation points,
//! and the x at which the fitted curves are drawn over it.

use super::setup::StoppingSetup;
use crate::engine::rng::Rng;

/// Points of the fitted curves drawn over x in [−1, 1].
pub(super) const CURVE_POINTS: usize = 161;

/// The x at which the fitted curves are drawn: `CURVE_POINTS` evenly over [−1, 1].
pub(super) fn curve_xs() -> impl Iterator<Item = f64> {
    (0..CURVE_POINTS).map(|k| -1.0 + 2.0 * k as f64 / (CURVE_POINTS - 1) as f64)
}

/// The curve the data is sampled from, before noise: one period of a sine over x in [−1, 1].
pub fn truth(x: f64) -> f64 {
    libm::sin(std::f64::consts::PI * x)
}

/// The samples, each with its split, in order of x. The x and the noise come from `data_seed`: changing the
/// noise level scales the same draws, and changing the share moves points between the sets without
/// redrawing them.
pub fn samples(setup: &StoppingSetup) -> Vec<Sample> {
    let mut rng = Rng::new(setup.data_seed);
    let n = setup.points as f64;
    // One x at random in each of n equal slices of [−1, 1]: spread over the whole curve, already in order.
    let drawn: Vec<(f64, f64)> = (0..setup.points)
        .map(|k| {
            let x = -1.0 + 2.0 * (k as f64 + rng.next_f64()) / n;
            // Box–Muller: a standard normal from two uniforms (1 − u keeps the logarithm finite).
            let (u, v) = (1.0 - rng.next_f64(), rng.next_f64());
            let normal = (-2.0 * libm::log(u)).sqrt() * libm::cos(std::f64::consts::TAU * v);
            (x, normal)
        })
        .collect();
    let mut order: Vec<usize> = (0..setup.points).collect();
    Rng::new(setup.data_seed ^ 0x5EED_5B11_7000_0000).shuffle(&mut order);
    let mut validation = vec![false; setup.points];
    for &k in &order[..setup.validation_count()] {
        validation[k] = true;
    }
    drawn
        .iter()
        .zip(validation)
        .map(|(&(x, normal), validation)| Sample {
            x,
            y: truth(x) + setup.noise * normal,
            validation,
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub x: f64,
    pub y: f64,
    pub validation: bool,
}
