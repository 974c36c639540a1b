//! The training comparison: every compared activation trained from the same weights, with its first backward
//! pass, its losses, how far each layer's weights moved, and where a run overflowed or stuck.

use serde::Serialize;

use super::flow::{layer_reports, mean_abs, LayerReport};
use super::setup::ChainSetup;
use crate::engine::activation::Activation;
use crate::engine::trace::StepTrace;
use crate::engine::trainer::Trainer;
use crate::shared::format::sig4;

/// Steps of the training comparison.
pub const TRAIN_STEPS: usize = 300;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ActivationReport {
    pub activation: Activation,
    /// The activation's name as people read it.
    pub label: &'static str,
    pub layers: Vec<LayerReport>,
    /// |∂E/∂w| of the last layer over that of the first: how much smaller the first layer's gradient is.
    pub ratio: Option<f64>,
    /// The loss before each training step. Drawn in Rust; not sent to the page.
    #[serde(skip_serializing)]
    pub losses: Vec<f64>,
    /// The last of `losses`, which the page shows as a number (0 when there are none).
    pub final_loss: f64,
    /// The loss after the first step (`losses[1]`), to say how far a slow run has come since.
    pub loss_after_step_1: Option<f64>,
    /// Mean |w_after − w_before| per layer over the whole training run.
    pub weight_change: Vec<f64>,
    /// Set when the training run overflowed.
    pub diverged_at: Option<usize>,
    /// The step after which every gradient was exactly 0 while the error was not: plain gradient descent
    /// cannot move from there (a dead ReLU).
    pub stuck_after: Option<usize>,
}

/// Every gradient exactly 0 with the error above 0: plain gradient descent stays where it is for good.
fn stuck(trace: &StepTrace) -> bool {
    trace.loss > 0.0
        && trace.gradients.iter().all(|g| {
            g.weights
                .iter()
                .flatten()
                .chain(&g.biases)
                .all(|&d| d == 0.0)
        })
}

pub fn report(setup: &ChainSetup, activation: Activation) -> ActivationReport {
    let mut trainer = match Trainer::new(setup.spec(activation)) {
        Ok(t) => t,
        // A validated setup always makes a valid spec; an empty report says nothing wrong.
        Err(_) => {
            return ActivationReport {
                activation,
                label: activation.label(),
                layers: Vec::new(),
                ratio: None,
                losses: Vec::new(),
                final_loss: 0.0,
                loss_after_step_1: None,
                weight_change: Vec::new(),
                diverged_at: None,
                stuck_after: None,
            }
        }
    };
    let start = trainer.layers().to_vec();
    let first = trainer.step();
    let layers = layer_reports(&first);
    let ratio = match (layers.first(), layers.last()) {
        (Some(a), Some(b)) if layers.len() > 1 && a.gradient > 0.0 => Some(b.gradient / a.gradient),
        _ => None,
    };
    let mut losses = vec![first.loss];
    let mut diverged_at = None;
    // Stuck after step 0 means stuck from the start.
    let mut stuck_after = stuck(&first).then_some(0);
    // The weights after the last finite step: a run that overflowed is measured up to where it went wrong.
    let mut last_finite = None;
    for step in 1..TRAIN_STEPS {
        let trace = trainer.step();
        if !trace.is_finite() {
            diverged_at = Some(step + 1);
            last_finite = Some(trace.before);
            break;
        }
        losses.push(trace.loss);
        if stuck_after.is_none() && stuck(&trace) {
            stuck_after = Some(step);
        }
    }
    let end = last_finite.as_deref().unwrap_or(trainer.layers());
    let weight_change = start
        .iter()
        .zip(end)
        .map(|(a, b)| {
            let deltas: Vec<f64> = a
                .weights
                .iter()
                .flatten()
                .zip(b.weights.iter().flatten())
                .map(|(x, y)| y - x)
                .collect();
            mean_abs(deltas.iter())
        })
        .collect();
    ActivationReport {
        activation,
        label: activation.label(),
        layers,
        ratio,
        final_loss: losses.last().copied().unwrap_or(0.0),
        loss_after_step_1: losses.get(1).copied(),
        losses,
        weight_change,
        diverged_at,
        stuck_after,
    }
}

/// What the training comparison's runs did, in sentences: a run whose gradients all became exactly 0 cannot
/// move again (the chart shows it flat; this says why), and leaky ReLU beside a dead ReLU, said as its error
/// went: crept down (by less than a tenth), kept falling, or did not come down.
pub fn training_note(compared: &[ActivationReport]) -> String {
    let mut said: Vec<String> = compared
        .iter()
        .filter_map(|r| {
            r.stuck_after.map(|k| {
                if k == 0 {
                    format!(
                        "{} never learns here: every gradient is 0 from the first step, because a ReLU on the \
                         path is off (z ≤ 0, slope 0).",
                        r.label
                    )
                } else {
                    format!(
                        "{} stopped learning after step {k}: that step pushed a ReLU's z below 0, where its slope \
                         is 0, so no gradient gets past it again (a “dead” ReLU). Its error stays where it was.",
                        r.label
                    )
                }
            })
        })
        .collect();
    // Leaky ReLU takes the same first step but still passes 1% of the gradient below 0: not stuck. How its
    // error went is read from its own losses, not assumed.
    let find = |a: Activation| compared.iter().find(|r| r.activation == a);
    if let (Some(relu), Some(leaky)) = (find(Activation::Relu), find(Activation::LeakyRelu)) {
        if let (Some(_), None, None, Some(first)) = (
            relu.stuck_after,
            leaky.stuck_after,
            leaky.diverged_at,
            leaky.loss_after_step_1,
        ) {
            let last = leaky.final_loss;
            // The last error recorded is the one the last step started from: after step TRAIN_STEPS − 1.
            let span = format!(
                "from {} after step 1 to {} after step {}",
                sig4(first),
                sig4(last),
                leaky.losses.len() - 1
            );
            let how = if last >= first {
                format!("yet its error did not come down: it went {span}.")
            } else if last > 0.9 * first {
                format!("and its error creeps down, very slowly: {span}.")
            } else {
                format!("and its error keeps falling: {span}.")
            };
            said.push(format!(
                "Leaky ReLU is not stuck: below 0 its slope is 0.01, not 0, so 1% of the gradient still gets \
                 through, {how}"
            ));
        }
    }
    said.join(" ")
}
