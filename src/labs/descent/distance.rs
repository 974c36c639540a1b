//! How far each step is from the minimum, and the factor every step multiplies that distance by: |1 − c·η|
//! along J's steepest direction (c = 2m for ẑ = w·x). On a log scale a constant factor is a straight line:
//! up for divergence, down for convergence, flat at the edge η = 2/c. The cost curve cannot show that: a
//! diverging run's points leave it by its top edge, and a converging zigzag's later steps sink into its floor.

use super::regime::{Regime, Thresholds};
use super::setup::{DescentSetup, Model};
use super::window::PathPoint;
use crate::shared::format::sig4;

/// (step k, the distance from (w_k, b_k) to the minimum (w*, b*)) for each point of the path: |w_k − w*|
/// for ẑ = w·x, whose b stays 0. None without a single minimum.
pub fn distances(path: &[PathPoint], minimum: Option<(f64, f64)>) -> Vec<[f64; 2]> {
    let Some((w, b)) = minimum else {
        return Vec::new();
    };
    path.iter()
        .enumerate()
        // libm's hypot, not std's: std calls the platform's, which need not give WebAssembly's bits.
        .map(|(k, p)| [k as f64, libm::hypot(p.w - w, p.b - b)])
        .collect()
}

/// |1 − c·η|: what each step on all the points multiplies the distance by, along J's steepest direction.
/// None when J does not curve at all (every x is 0).
pub fn distance_factor(learning_rate: f64, t: &Thresholds) -> Option<f64> {
    (t.curvature.is_finite() && t.curvature > 0.0)
        .then(|| (1.0 - t.curvature * learning_rate).abs())
}

/// The factor in words, with its numbers, and what it does to the distance.
pub fn distance_text(setup: &DescentSetup, t: &Thresholds, regime: Regime) -> String {
    let eta = setup.learning_rate;
    let Some(f) = distance_factor(eta, t) else {
        return "Every x is 0, so no step moves w, and there is no minimum to measure a distance to.".into();
    };
    if setup.minimum().is_none() {
        return "Every x is the same, so the minimum is a whole line of (w, b), not one point: there is no \
                single distance to draw."
            .into();
    }
    let (w, b) = setup.param_names();
    // No-break spaces inside the product, so it never wraps between a factor and its sign.
    let product = format!(
        "|1\u{a0}−\u{a0}{}\u{a0}×\u{a0}{}| = {}",
        sig4(t.curvature),
        sig4(eta),
        sig4(f)
    );
    let (lead, long_run) = match setup.model {
        Model::Slope => (
            format!("Each step multiplies the distance |{w} − {w}*| by |1 − 2m·η| = {product}"),
            f,
        ),
        Model::SlopeAndIntercept => {
            // Along the valley's floor J curves `condition` times less: c_min = c / condition.
            let floor = if t.condition.is_finite() {
                (1.0 - t.curvature / t.condition * eta).abs()
            } else {
                1.0
            };
            (
                format!(
                    "Each step multiplies the distance to ({w}*, {b}*) by |1 − c·η| = {product} across the \
                     valley, and by {} along its floor, where J curves {} times less; as the steps go on, \
                     the larger factor sets the slope",
                    sig4(floor),
                    sig4(t.condition)
                ),
                f.max(floor),
            )
        }
    };
    let outcome = match regime {
        Regime::Diverge => format!(
            ": the distance grows {}-fold a step, a straight line up on this log scale. That is divergence.",
            sig4(long_run)
        ),
        Regime::Bounce if setup.model == Model::Slope => format!(
            ": the distance stays the same, a flat line. η = {} is the edge between converging and \
             diverging.",
            t.diverge_label
        ),
        Regime::OneStep if setup.model == Model::Slope => {
            ": the first step lands on the minimum, and the distance drops to 0 (the chart's floor).".into()
        }
        _ if long_run < 1.0 => format!(
            ": the distance shrinks to {} of itself each step, a straight line down{}.",
            sig4(long_run),
            if eta > t.overshoot {
                " (the steps cross the minimum, so the run zigzags, but the distance falls evenly)"
            } else {
                ""
            }
        ),
        _ => ": in the long run the distance stops shrinking, a flat line.".into(),
    };
    let mut text = lead + &outcome;
    if setup.mini_batch().is_some() {
        text.push_str(
            " That is for steps on all the points; a mini-batch step follows its own points' parabola, so \
             this run's distance wanders about that line.",
        );
    }
    text
}
