//! The backward pass read layer by layer from a trace: how large each layer's gradient is, the factor the
//! signal is multiplied by on its way back through a chain, and why a gradient shown as 0 is 0.

use serde::Serialize;

use crate::engine::activation::Activation;
use crate::engine::trace::StepTrace;

/// Why a gradient shown as 0 is 0.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Zero {
    /// A ReLU's z ≤ 0 somewhere on the way back: the slope there is exactly 0.
    ReluOff,
    /// This layer's input is 0: the ReLU feeding it is off, so its output a = 0 multiplies every weight.
    DeadInput,
    /// Every factor is non-zero but the product fell below the smallest number a double can hold.
    Underflow,
}

/// One layer of the backward pass, for the first example.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct LayerReport {
    /// 1-based, from the input.
    pub layer: usize,
    /// Mean |∂E/∂w| over the layer's weights.
    pub gradient: f64,
    /// Mean |∂E/∂z| over the layer's neurons: the signal arriving at this layer.
    pub signal: f64,
    /// Mean f′(z) over the layer's neurons.
    pub slope: f64,
    /// For a chain: the factor f′(z_{l−1})·w_l the signal is multiplied by when it passes back through this
    /// layer into the one before (`None` for the first layer and for wider stacks).
    pub factor: Option<f64>,
    pub z: Vec<f64>,
    pub zero: Option<Zero>,
}

/// The mean magnitude of some values (0 for none): how the lab sums up a layer's many gradients as one bar.
pub(super) fn mean_abs<'a>(values: impl Iterator<Item = &'a f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v.abs(), n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// Layer-by-layer gradients of one trace.
pub fn layer_reports(trace: &StepTrace) -> Vec<LayerReport> {
    let ex = &trace.examples[0];
    let chain = trace.before.iter().all(|l| l.neurons() == 1);
    let mut relu_off_on_the_way_back = false;
    let mut reports: Vec<LayerReport> = (0..trace.before.len())
        .rev()
        .map(|l| {
            let v = &ex.layers[l];
            let g = &trace.gradients[l];
            let gradient = mean_abs(g.weights.iter().flatten());
            // Why an exact 0, read from the values: no signal arrived (every ∂E/∂z here is 0), because a ReLU
            // on the way back is off; or the signal arrived but every input is 0, because the layer feeding
            // this one is all off. A mix of the two counts as a ReLU off; a zero with no ReLU off anywhere
            // on the path is underflow.
            let relu_off = |k: usize| {
                trace.before[k].activation == Activation::Relu && ex.layers[k].da_dz.contains(&0.0)
            };
            relu_off_on_the_way_back |= relu_off(l);
            let signal_cut = v.de_dz.iter().all(|&d| d == 0.0);
            let input_dead = l > 0 && ex.layers[l - 1].a.iter().all(|&a| a == 0.0);
            let zero = (gradient == 0.0).then_some(if signal_cut {
                if relu_off_on_the_way_back {
                    Zero::ReluOff
                } else {
                    Zero::Underflow
                }
            } else if input_dead {
                Zero::DeadInput
            } else if relu_off_on_the_way_back || (l > 0 && relu_off(l - 1)) {
                Zero::ReluOff
            } else {
                Zero::Underflow
            });
            LayerReport {
                layer: l + 1,
                gradient,
                signal: mean_abs(v.de_dz.iter()),
                slope: mean_abs(v.da_dz.iter()),
                factor: (chain && l > 0)
                    .then(|| ex.layers[l - 1].da_dz[0] * trace.before[l].weights[0][0]),
                z: v.z.clone(),
                zero,
            }
        })
        .collect();
    reports.reverse();
    reports
}
