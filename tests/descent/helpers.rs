//! Labs built and stepped for the tests, and the check that a snapshot's path is the slope model's closed form.

use crate::closed_forms::{assert_close, assert_cost, cost, slope_moments, slope_path};
use backprop_lab::labs::descent::{
    DescentCommand, DescentLab, DescentSetup, DescentSnapshot, Model, Preset,
};

pub(crate) const PRESETS: [Preset; 5] = [
    Preset::ExactLine,
    Preset::NoisyLine,
    Preset::SeedPoints,
    Preset::Outliers,
    Preset::FarFromZero,
];

pub(crate) fn setup_with(points: Vec<[f64; 2]>, model: Model, eta: f64) -> DescentSetup {
    DescentSetup {
        points,
        model,
        standardize: false,
        learning_rate: eta,
        w0: 0.0,
        b0: 0.0,
        batch_size: 0,
    }
}

pub(crate) fn lab(setup: DescentSetup) -> DescentLab {
    DescentLab::new(setup).expect("a valid setup")
}

pub(crate) fn stepped(setup: DescentSetup, count: i64) -> DescentLab {
    let mut lab = lab(setup);
    lab.apply(DescentCommand::Step { count })
        .expect("steps without overflow");
    lab
}

pub(crate) fn path_w(s: &DescentSnapshot) -> Vec<f64> {
    s.path.iter().map(|p| p.w).collect()
}

/// The snapshot's path follows w_k = w* + (1 − 2ηm)ᵏ(w₀ − w*), b stays 0, and each J is the closed form.
#[track_caller]
pub(crate) fn assert_slope_path(s: &DescentSnapshot, what: &str) {
    let points = &s.setup.points;
    let expected = slope_path(points, s.setup.learning_rate, s.setup.w0, s.iteration);
    assert_eq!(s.path.len(), expected.len(), "{what}: path length");
    let (_, w_star) = slope_moments(points);
    let scale = (s.setup.w0 - w_star).abs().max(1.0);
    for (k, (p, &w)) in s.path.iter().zip(&expected).enumerate() {
        assert_close(p.w, w, scale, 1e-12, &format!("{what}: w_{k}"));
        assert_eq!(p.b, 0.0, "{what}: b_{k} stays 0 for ẑ = w·x");
        assert_cost(p.cost, cost(points, p.w, 0.0), &format!("{what}: J(w_{k})"));
    }
}
