//! The optimizer's update of one parameter written out with its own numbers (plain gradient descent,
//! momentum's buffer, RMSprop's running square, Adam's corrected moments).

use crate::engine::optimizer::{Optimizer, OptimizerState, ParamIndex, Rule};
// Numbers as a sentence writes them: "overflowed", never inf or NaN.
use super::divergence::{written as sig4, written_factor as factor};

/// The update of one parameter, written out with the optimizer's own numbers: momentum's buffer, RMSprop's
/// running square, Adam's m̂ and v̂ after this step, so a class can see why Adam's first step is about η
/// whatever g is (m̂ = g and √v̂ = |g|).
pub fn update_text(
    name: &str,
    (before, gradient, after): (f64, f64, f64),
    optimizer: &Optimizer,
    state: &OptimizerState,
    (l, at): (usize, ParamIndex),
) -> String {
    let n = sig4;
    let eta = n(optimizer.learning_rate());
    let head = format!("{name} ← {name} − η·");
    match (*optimizer, state) {
        (Optimizer::Momentum { momentum, .. }, OptimizerState::Momentum { buffer }) => {
            let buf = at.get(&buffer[l]);
            format!(
                "{head}buf = {} − {eta} × {} = {}, where buf ← μ·buf + g = {} (μ = {}, g = {})",
                n(before),
                factor(buf),
                n(after),
                n(buf),
                n(momentum),
                n(gradient)
            )
        }
        (Optimizer::Rmsprop { decay, eps, .. }, OptimizerState::Rmsprop { square_avg }) => {
            let v = at.get(&square_avg[l]);
            // √v + ε, not √v: with g = 0 (an input of 0) v is 0 too, and the step is 0/ε, not 0/0.
            format!(
                "{head}g/(√v + ε) = {} − {eta} × {}/{} = {}, where v ← α·v + (1 − α)·g² = {} (α = {})",
                n(before),
                factor(gradient),
                n(v.sqrt() + eps),
                n(after),
                n(v),
                n(decay)
            )
        }
        (adam @ Optimizer::Adam { eps, .. }, OptimizerState::Adam { steps, m, v }) => {
            let (m, v) = (at.get(&m[l]), at.get(&v[l]));
            let (c1, c2) = match adam.rule(*steps) {
                Rule::Adam {
                    correction1,
                    correction2,
                    ..
                } => (correction1, correction2),
                _ => (1.0, 1.0),
            };
            format!(
                "{head}m̂/(√v̂ + ε) = {} − {eta} × {}/{} = {}, where at t = {steps}, m̂ = m/(1 − β₁ᵗ) = {}/{} and v̂ = v/(1 − β₂ᵗ) = {}/{}",
                n(before),
                factor(m / c1),
                n((v / c2).sqrt() + eps),
                n(after),
                n(m),
                n(c1),
                n(v),
                n(c2)
            )
        }
        _ => format!(
            "{head}∂E/∂{name} = {} − {eta} × {} = {}",
            n(before),
            factor(gradient),
            n(after)
        ),
    }
}
