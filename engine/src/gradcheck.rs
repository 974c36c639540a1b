//! Backpropagation checked the slow way: nudge each parameter a little up and a little down, run the network
//! forward both times, and see how much the error moved. (E(θ + h) − E(θ − h)) / 2h is the slope of E along
//! θ with no chain rule in it at all, so when it agrees with backpropagation's ∂E/∂θ to many digits, the
//! chain rule was applied right.

use serde::Serialize;

use crate::layer::Layer;
use crate::loss::Loss;
use crate::names::Names;
use crate::network::predict;
use crate::trace::StepTrace;

/// How far each parameter is nudged, relative to its size (and absolute below 1). Central differences err
/// by about h²·E‴ from the curve and by about ε·E/h from rounding; near 1e-5 both are around 1e-10.
pub const NUDGE: f64 = 1e-5;

/// Beyond this many parameters the page does not run the check (it costs two forward passes of the whole
/// batch per parameter).
pub const MAX_CHECKED: usize = 200;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct GradientCheck {
    /// The parameter as the page names it (w₁, b₂, w¹₂₁…).
    pub name: String,
    /// ∂E/∂θ from backpropagation: the value the step used.
    pub backprop: f64,
    /// (E(θ + h) − E(θ − h)) / 2h.
    pub numerical: f64,
    pub nudge: f64,
    /// |backprop − numerical| / max(|backprop|, |numerical|); 0 when both are 0.
    pub difference: f64,
    /// The two agree as far as a nudge of h can tell: within 10⁻⁶ of their size, or both below the nudge's own
    /// error (about 10⁻⁸ of E, or of 1 when E is smaller, from rounding E and from the curve's bend over h), where a relative difference
    /// means nothing. Near a minimum every gradient is that small.
    pub agrees: bool,
    /// Both are below the nudge's own error: too small for it to measure.
    pub too_small: bool,
}

/// The batch's mean error with the given parameters.
fn mean_error(layers: &[Layer], loss: Loss, trace: &StepTrace) -> f64 {
    let total: f64 = trace
        .examples
        .iter()
        .map(|ex| loss.value(&predict(layers, &ex.input), &ex.target))
        .sum();
    total / trace.examples.len().max(1) as f64
}

/// Every weight and bias of the step's starting parameters in the page's table's order: the output layer
/// first (the order backpropagation reaches them), each neuron's weights and then its bias.
pub fn check(trace: &StepTrace, loss: Loss) -> Vec<GradientCheck> {
    let names = Names::for_layers(&trace.before);
    let resolution = 1e-8 * trace.loss.abs().max(1.0);
    let mut rows = Vec::new();
    let mut layers = trace.before.clone();
    let mut row = |layers: &mut Vec<Layer>,
                   name: String,
                   backprop: f64,
                   get: &dyn Fn(&mut Vec<Layer>) -> &mut f64| {
        let start = *get(layers);
        let nudge = NUDGE * start.abs().max(1.0);
        *get(layers) = start + nudge;
        let up = mean_error(layers, loss, trace);
        *get(layers) = start - nudge;
        let down = mean_error(layers, loss, trace);
        *get(layers) = start;
        let numerical = (up - down) / (2.0 * nudge);
        let scale = backprop.abs().max(numerical.abs());
        let gap = (backprop - numerical).abs();
        rows.push(GradientCheck {
            name,
            backprop,
            numerical,
            nudge,
            difference: if scale > 0.0 { gap / scale } else { 0.0 },
            agrees: gap <= 1e-6 * scale + resolution,
            too_small: scale <= resolution,
        });
    };
    for l in (0..trace.before.len()).rev() {
        let (neurons, inputs) = (trace.before[l].neurons(), trace.before[l].inputs());
        for j in 0..neurons {
            for i in 0..inputs {
                row(
                    &mut layers,
                    names.weight(l, j, i),
                    trace.gradients[l].weights[j][i],
                    &move |layers| &mut layers[l].weights[j][i],
                );
            }
            row(
                &mut layers,
                names.bias(l, j),
                trace.gradients[l].biases[j],
                &move |layers| &mut layers[l].biases[j],
            );
        }
    }
    rows
}
