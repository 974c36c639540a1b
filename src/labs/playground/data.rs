//! The datasets, generated from a seed: the same seed, noise and size give the same points to the bit,
//! natively and in the browser (the seeded SplitMix64, libm's log, sin and cos, and IEEE arithmetic).
//!
//! Classification points carry the label 0 or 1, the targets a sigmoid output and binary cross-entropy
//! expect (the output reads as the chance of class 1); half the points are of each class. Regression points
//! carry a value in [−1, 1]. Every point lies in the square [−6, 6]².

use serde::Serialize;
use std::f64::consts::{PI, TAU};

use super::setup::{DataKind, PlaygroundSetup, Task, HALF};
use crate::engine::rng::Rng;

#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x1: f64,
    pub x2: f64,
    /// 0 or 1 for a class, the value for regression.
    pub target: f64,
    pub test: bool,
    /// Where the point stands in the seeded order that splits the generated points: the first
    /// `test_count` are test points, so a new share moves points between the sets without redrawing them.
    /// Points added by hand have none and are training points.
    #[serde(skip)]
    pub rank: Option<usize>,
}

impl Point {
    pub fn new(x1: f64, x2: f64, target: f64) -> Point {
        Point {
            x1,
            x2,
            target,
            test: false,
            rank: None,
        }
    }
}

/// A standard normal (Box–Muller; 1 − u keeps the logarithm finite).
fn normal(rng: &mut Rng) -> f64 {
    let (u, v) = (1.0 - rng.next_f64(), rng.next_f64());
    (-2.0 * libm::log(u)).sqrt() * libm::cos(TAU * v)
}

fn clamp(v: f64) -> f64 {
    v.clamp(-HALF, HALF)
}

/// The points of a setup, split into training and test points.
pub fn generate(setup: &PlaygroundSetup) -> Vec<Point> {
    let mut rng = Rng::new(setup.seed);
    let n = setup.points;
    let jitter = 2.0 * setup.noise;
    let ones = n / 2;
    let mut points: Vec<Point> = (0..n)
        .map(|k| {
            // The first half is class 1, the rest class 0; the order is shuffled below.
            let (class, along) = if k < ones {
                (1.0, k as f64 / ones as f64)
            } else {
                (0.0, (k - ones) as f64 / (n - ones) as f64)
            };
            let (x1, x2, target) = shape(setup.data, &mut rng, class, along);
            // The noise's draws are taken whatever its level, so a new level scales the same draws.
            let (n1, n2) = (normal(&mut rng), normal(&mut rng));
            match setup.data.task() {
                Task::Classification => {
                    Point::new(clamp(x1 + jitter * n1), clamp(x2 + jitter * n2), target)
                }
                Task::Regression => Point::new(
                    clamp(x1),
                    clamp(x2),
                    (target + 0.5 * setup.noise * n1).clamp(-1.0, 1.0),
                ),
            }
        })
        .collect();
    rng.shuffle(&mut points);
    let mut order: Vec<usize> = (0..n).collect();
    Rng::new(setup.seed ^ 0x5EED_5B11_7000_0000).shuffle(&mut order);
    for (rank, &k) in order.iter().enumerate() {
        points[k].rank = Some(rank);
    }
    split(&mut points, setup.test_count());
    points
}

/// Marks as test points those whose rank is below `test_count`.
pub fn split(points: &mut [Point], test_count: usize) {
    for p in points {
        p.test = p.rank.is_some_and(|r| r < test_count);
    }
}

/// One point of a dataset before noise: (x₁, x₂, target).
fn shape(kind: DataKind, rng: &mut Rng, class: f64, along: f64) -> (f64, f64, f64) {
    let sign = if class == 1.0 { 1.0 } else { -1.0 };
    match kind {
        // Centres (2, 2) for class 1 and (−2, −2) for class 0, spread 1.
        DataKind::Gauss => (2.0 * sign + normal(rng), 2.0 * sign + normal(rng), class),
        // Class 1 in the quadrants where x₁x₂ > 0, kept 0.3 from the axes so the classes do not touch.
        DataKind::Xor => {
            let flip = if rng.next_f64() < 0.5 { 1.0 } else { -1.0 };
            let a = rng.uniform(0.3, HALF) * flip;
            let b = rng.uniform(0.3, HALF) * flip * sign;
            (a, b, class)
        }
        // Class 1 within radius 2.5 of the centre, class 0 in the ring from 3.5 to 5.5.
        DataKind::Circle => {
            let r = if class == 1.0 {
                rng.uniform(0.0, 2.5)
            } else {
                rng.uniform(3.5, 5.5)
            };
            let angle = rng.uniform(0.0, TAU);
            (r * libm::cos(angle), r * libm::sin(angle), class)
        }
        // Two arms turning 1.75 times, class 0's half a turn from class 1's.
        DataKind::Spiral => {
            let r = 0.5 + 5.0 * along;
            let angle = 1.75 * TAU * along + if class == 1.0 { 0.0 } else { PI };
            (r * libm::sin(angle), r * libm::cos(angle), class)
        }
        // z = (x₁ + x₂) / 12, from −1 to 1 over the square.
        DataKind::Plane => {
            let (x1, x2) = (rng.uniform(-HALF, HALF), rng.uniform(-HALF, HALF));
            (x1, x2, (x1 + x2) / (2.0 * HALF))
        }
        DataKind::Bumps => {
            let (x1, x2) = (rng.uniform(-HALF, HALF), rng.uniform(-HALF, HALF));
            (x1, x2, bumps(x1, x2))
        }
    }
}

/// Four bumps of height ±1 and width 1.5: up at (−3, 3) and (3, −3), down at (3, 3) and (−3, −3), the sum
/// held to [−1, 1].
pub fn bumps(x1: f64, x2: f64) -> f64 {
    const BUMPS: [(f64, f64, f64); 4] = [
        (-3.0, 3.0, 1.0),
        (3.0, -3.0, 1.0),
        (3.0, 3.0, -1.0),
        (-3.0, -3.0, -1.0),
    ];
    BUMPS
        .iter()
        .map(|&(c1, c2, height)| {
            let d2 = (x1 - c1).powi(2) + (x2 - c2).powi(2);
            height * libm::exp(-d2 / (2.0 * 1.5 * 1.5))
        })
        .sum::<f64>()
        .clamp(-1.0, 1.0)
}
