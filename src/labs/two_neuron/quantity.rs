//! What each operation computes, as the name a student would write it under (z₁, ∂E/∂w₂, the new b₁) and
//! its value: the number Predict first asks for.

use super::stepper::Operation;
use crate::engine::names::Names;
use crate::engine::trace::StepTrace;

/// What an operation computes, as the name a student would write it under and its value: the number a
/// class can be asked to predict before Step reveals it. For a neuron with several weights, the first one's.
pub fn result(op: Operation, trace: &StepTrace) -> (String, f64) {
    use Operation::*;
    let names = Names::for_layers(&trace.before);
    let value = |e: usize, l: usize| &trace.examples[e].layers[l];
    match op {
        WeightedSum {
            example: e,
            layer: l,
            neuron: j,
        } => (names.neuron("z", l, j), value(e, l).z[j]),
        Activate {
            example: e,
            layer: l,
            neuron: j,
        } => (names.neuron("a", l, j), value(e, l).a[j]),
        Loss { example: e } => ("E".into(), trace.examples[e].loss),
        BatchLoss => ("E of the batch".into(), trace.loss),
        OutputError {
            example: e,
            neuron: j,
        } => {
            let last = trace.before.len() - 1;
            (
                format!("∂E/∂{}", names.neuron("a", last, j)),
                value(e, last).de_da[j],
            )
        }
        ActivationSlope {
            example: e,
            layer: l,
            neuron: j,
        } => (
            format!("∂{}/∂{}", names.neuron("a", l, j), names.neuron("z", l, j)),
            value(e, l).da_dz[j],
        ),
        NeuronError {
            example: e,
            layer: l,
            neuron: j,
        } => (
            format!("∂E/∂{}", names.neuron("z", l, j)),
            value(e, l).de_dz[j],
        ),
        PropagateError {
            example: e,
            layer: l,
            neuron: i,
        } => (
            format!("∂E/∂{}", names.neuron("a", l, i)),
            value(e, l).de_da[i],
        ),
        WeightGradient {
            layer: l,
            neuron: j,
        } => (
            format!("∂E/∂{}", names.weight(l, j, 0)),
            trace.gradients[l].weights[j][0],
        ),
        BiasGradient {
            layer: l,
            neuron: j,
        } => (
            format!("∂E/∂{}", names.bias(l, j)),
            trace.gradients[l].biases[j],
        ),
        UpdateWeights {
            layer: l,
            neuron: j,
        } => (
            format!("the new {}", names.weight(l, j, 0)),
            trace.after[l].weights[j][0],
        ),
        UpdateBias {
            layer: l,
            neuron: j,
        } => (
            format!("the new {}", names.bias(l, j)),
            trace.after[l].biases[j],
        ),
    }
}
