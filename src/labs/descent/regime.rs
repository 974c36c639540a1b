//! How a learning rate behaves on this data: the thresholds where steps start to overshoot and to diverge,
//! the regime η falls in, and the sentence that explains it.
//!
//! J's curvature is called c (c_max, c_min along the bowl's axes with a bias), not λ: λ is the early-stopping
//! lab's weight decay, as it usually is, and one page should not give one letter two meanings.

use serde::Serialize;

use super::setup::{DescentSetup, Model};
use crate::shared::format::sig4;

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// Every step moves toward the minimum without crossing it.
    Smooth,
    /// η = 1/c: one step lands on the minimum (along the steepest axis).
    OneStep,
    /// Steps cross the minimum and the crossings shrink.
    Overshoot,
    /// η = 2/c: steps jump to the mirror point and back forever.
    Bounce,
    /// Each crossing lands farther out: the run goes away.
    Diverge,
}

/// Where the regimes change, for this data and model.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Thresholds {
    /// Above this, steps overshoot: 1/(2m), or 1/c_max with a bias.
    pub overshoot: f64,
    /// Above this, the run diverges: 1/m, or 2/c_max.
    pub diverge: f64,
    pub overshoot_label: &'static str,
    pub diverge_label: &'static str,
    /// c_max / c_min: how long and narrow the valley is (1 is round).
    pub condition: f64,
    /// c_max, J's curvature along its steepest direction (2m for ẑ = w·x): the page names it c where the
    /// marks 1/c and 2/c appear.
    pub curvature: f64,
}

/// Exact comparisons with a relative tolerance, so η = 0.4 with m = 2.5 counts as η = 1/m.
fn same(a: f64, b: f64) -> bool {
    // Infinite thresholds (all x = 0: J is flat in w) equal nothing.
    a.is_finite() && b.is_finite() && (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

pub fn thresholds(setup: &DescentSetup) -> Thresholds {
    let (largest, smallest) = setup.curvatures();
    let (overshoot_label, diverge_label) = match setup.model {
        Model::Slope => ("1/(2m)", "1/m"),
        Model::SlopeAndIntercept => ("1/c", "2/c"),
    };
    Thresholds {
        overshoot: 1.0 / largest,
        diverge: 2.0 / largest,
        overshoot_label,
        diverge_label,
        condition: if smallest > 0.0 {
            largest / smallest
        } else {
            f64::INFINITY
        },
        curvature: largest,
    }
}

pub fn regime(learning_rate: f64, t: &Thresholds) -> Regime {
    if same(learning_rate, t.diverge) {
        Regime::Bounce
    } else if learning_rate > t.diverge {
        Regime::Diverge
    } else if same(learning_rate, t.overshoot) {
        Regime::OneStep
    } else if learning_rate > t.overshoot {
        Regime::Overshoot
    } else {
        Regime::Smooth
    }
}

/// The regime in words, with the numbers that decide it.
pub fn regime_text(regime: Regime, learning_rate: f64, t: &Thresholds) -> String {
    let (eta, lo, hi) = (sig4(learning_rate), sig4(t.overshoot), sig4(t.diverge));
    let (lo_name, hi_name) = (t.overshoot_label, t.diverge_label);
    if !t.overshoot.is_finite() {
        // m = mean(x²) = 0: J does not depend on w at all, and "below 1/(2m) = inf" would explain nothing.
        return format!(
            "Nothing to descend: every x is 0, so the cost is the same for every w and no step moves it \
             (η = {eta} or any other). Add a point with x ≠ 0."
        );
    }
    // Each step multiplies the distance to the minimum along J's steepest direction by |1 − η·c_max|, and along
    // the valley's floor (with a bias) by |1 − η·c_min|. Whether the run creeps is read from those factors, not
    // from the condition number alone: a valley twice as long as wide still closes in fast.
    let steep_creeps = creeps(1.0 - learning_rate * t.curvature);
    let floor_creeps = creeps(1.0 - learning_rate * t.curvature / t.condition);
    // With a bias and a long valley these regimes are those of its steepest direction: along the floor J
    // curves `condition` times less, and there the run may creep (at "x far from zero" it never crosses w*).
    let floor = if !t.condition.is_finite() {
        // Every x the same (or one point): the floor is flat, a whole line of minima that no step moves along.
        " That is across the valley. Every x is the same, so its floor is flat: every point on it is a \
         minimum, and no step moves along it."
            .to_string()
    } else if t.condition > 1.01 {
        let along = format!(
            " That is across the valley, along its steepest direction. Along the valley's floor J curves {} \
             times less,",
            sig4(t.condition)
        );
        if floor_creeps {
            format!("{along} so there each step covers a small part of the way and the run creeps.")
        } else {
            format!("{along} and there the run closes in on the minimum.")
        }
    } else {
        String::new()
    };
    // Where the steep direction settles but the floor creeps: said after the smooth and the one-step regimes.
    let floor_creep = if t.condition > 1.01 && t.condition.is_finite() && floor_creeps {
        format!(
            " Along the valley's floor J curves {} times less, so there each step covers a small part of the \
             way and the run creeps.",
            sig4(t.condition)
        )
    } else {
        String::new()
    };
    match regime {
        Regime::Smooth => format!(
            "Smooth convergence: η = {eta} is below {lo_name} = {lo}, so every step moves toward the minimum \
             without crossing it.{}",
            if steep_creeps {
                format!(
                    " But η is so far below {lo_name} that each step covers only a small part of the way: the \
                     run creeps, and takes more than {CREEP_STEPS} steps to come ten times closer."
                )
            } else {
                floor_creep
            }
        ),
        Regime::OneStep => format!(
            "One step: η = {eta} is exactly {lo_name}, so a single step lands on the minimum (along the \
             steepest direction).{floor_creep}"
        ),
        Regime::Overshoot => format!(
            "Overshoot: η = {eta} is between {lo_name} = {lo} and {hi_name} = {hi}, so each step jumps across \
             the minimum, and the jumps shrink: the run oscillates in.{}{floor}",
            if steep_creeps {
                format!(
                    " η is so close to {hi_name} that they shrink only a little each time: it takes more than \
                     {CREEP_STEPS} steps to come ten times closer."
                )
            } else {
                String::new()
            }
        ),
        Regime::Bounce => format!(
            "Bouncing forever: η = {eta} is exactly {hi_name}, so each step jumps to the mirror point across \
             the minimum and back: it never gets closer.{floor}"
        ),
        Regime::Diverge => format!(
            "Divergence: η = {eta} is above {hi_name} = {hi}, so each jump lands farther from the minimum than \
             the last: the run goes away.{}",
            if floor.is_empty() {
                ""
            } else {
                " That is across the valley, along its steepest direction: however the run moves along the \
                 valley's floor, it goes away across it."
            }
        ),
    }
}

/// A run creeps when it takes more than this many steps to come ten times closer to the minimum.
pub const CREEP_STEPS: usize = 100;

/// Whether a distance multiplied by `factor` (in absolute value) at every step takes more than `CREEP_STEPS`
/// steps to shrink tenfold: |factor| > 10^(−1/100).
fn creeps(factor: f64) -> bool {
    const TENFOLD_IN_100_STEPS: f64 = 0.977_237_220_955_810_7;
    factor.abs() > TENFOLD_IN_100_STEPS
}
