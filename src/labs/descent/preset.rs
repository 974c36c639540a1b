//! The lessons' ready-made data sets: each preset's points, as a person would type them.

use serde::{Deserialize, Serialize};

use crate::engine::rng::Rng;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Six points on z = 2x with mean(x²) ≈ 0.95, so η = 0.4 converges in about four visible steps.
    ExactLine,
    /// Twenty points near z = 2x with seeded noise.
    NoisyLine,
    /// The course's (1, 2) and (2, 4): m = 2.5, so η = 0.4 = 1/m bounces 0 → 4 → 0 forever.
    SeedPoints,
    /// The exact line with two points far off it.
    Outliers,
    /// x between 4 and 10, far from 0: a long, narrow valley in (w, b) until x is standardised.
    FarFromZero,
}

impl Preset {
    pub fn points(self) -> Vec<[f64; 2]> {
        let line = |xs: &[f64]| xs.iter().map(|&x| [x, 2.0 * x]).collect::<Vec<_>>();
        let exact: Vec<f64> = (1..=6).map(|k| 0.25 * k as f64).collect();
        match self {
            Preset::ExactLine => line(&exact),
            Preset::NoisyLine => {
                let mut rng = Rng::new(7);
                (0..20)
                    .map(|k| {
                        // Rounded, so the points box reads 0.325, not 0.32499999999999996.
                        let x = round3(0.1 + 0.075 * k as f64);
                        [x, round3(2.0 * x + rng.uniform(-0.45, 0.45))]
                    })
                    .collect()
            }
            Preset::SeedPoints => vec![[1.0, 2.0], [2.0, 4.0]],
            Preset::Outliers => {
                let mut points = line(&exact);
                points.push([0.75, 4.5]);
                points.push([1.25, 0.5]);
                points
            }
            Preset::FarFromZero => {
                let mut rng = Rng::new(11);
                (0..13)
                    .map(|k| {
                        let x = 4.0 + 0.5 * k as f64;
                        [x, round3(0.5 * x + 1.0 + rng.uniform(-0.3, 0.3))]
                    })
                    .collect()
            }
        }
    }
}

/// Three decimals, so preset points read cleanly in the page and in exported text.
fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}
