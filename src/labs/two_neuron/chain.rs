//! The chain rule written out for a chain of single neurons (the seed's two-neuron example and deeper
//! chains): ∂E/∂w₁ = ∂E/∂a₂ · ∂a₂/∂z₂ · ∂z₂/∂a₁ · ∂a₁/∂z₁ · ∂z₁/∂w₁, each factor with its value once it is known.

use serde::Serialize;

use super::stepper::{Shown, StepView};
use crate::engine::names::Names;
use crate::engine::trace::StepTrace;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Factor {
    /// e.g. `∂a₂/∂z₂`.
    pub label: String,
    /// What the factor equals, e.g. `a₂(1 − a₂)` or `w₂`.
    pub meaning: String,
    pub value: Shown,
    /// The value overflowed (see `LayerView::de_da`): the page writes "overflowed", not a number.
    pub overflowed: bool,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ChainRule {
    /// `w₁`, `b₂`, …
    pub parameter: String,
    pub factors: Vec<Factor>,
    /// The product of the factors, once the operation computing this gradient is done.
    pub product: Shown,
    /// A factor overflowed, so the product cannot be written (the gradient is still a number).
    pub product_overflowed: bool,
    /// ∂E/∂parameter as backpropagation computed it, once that operation is done.
    pub gradient: Shown,
}

/// One chain rule per parameter, output layer first; empty unless the network is a chain of single neurons
/// and the step holds one example.
pub fn chain_rules(trace: &StepTrace, view: &StepView, loss_derivative: &str) -> Vec<ChainRule> {
    let names = Names::for_layers(&trace.before);
    if !names.is_chain() || trace.examples.len() != 1 {
        return Vec::new();
    }
    let ex = &view.examples[0];
    let last = trace.before.len() - 1;
    let a = |l: usize| names.neuron("a", l, 0);
    let z = |l: usize| names.neuron("z", l, 0);
    let mut rules = Vec::new();
    for l in (0..=last).rev() {
        // The factors every parameter of layer l shares: from the loss down to ∂a_l/∂z_l.
        let mut shared = vec![Factor {
            label: format!("∂E/∂{}", a(last)),
            meaning: loss_derivative.replace('a', &a(last)),
            value: ex.layers[last].de_da[0],
            overflowed: ex.layers[last].de_da_overflowed[0],
        }];
        for k in (l..=last).rev() {
            if k < last {
                shared.push(Factor {
                    label: format!("∂{}/∂{}", z(k + 1), a(k)),
                    meaning: names.weight(k + 1, 0, 0),
                    value: Some(trace.before[k + 1].weights[0][0]),
                    overflowed: false,
                });
            }
            shared.push(Factor {
                label: format!("∂{}/∂{}", a(k), z(k)),
                meaning: format!("f′({})", z(k)),
                value: ex.layers[k].da_dz[0],
                overflowed: false,
            });
        }
        let feed = if l == 0 {
            Some(ex.input[0])
        } else {
            ex.layers[l - 1].a[0]
        };
        let w = names.weight(l, 0, 0);
        let b = names.bias(l, 0);
        for (parameter, last_factor, gradient) in [
            (
                w.clone(),
                Factor {
                    label: format!("∂{}/∂{w}", z(l)),
                    meaning: names.feed(l, 0),
                    value: feed,
                    overflowed: false,
                },
                view.gradients[l].de_dw[0][0],
            ),
            (
                b.clone(),
                Factor {
                    label: format!("∂{}/∂{b}", z(l)),
                    meaning: "1".into(),
                    value: Some(1.0),
                    overflowed: false,
                },
                view.gradients[l].de_db[0],
            ),
        ] {
            let mut factors = shared.clone();
            factors.push(last_factor);
            // The product waits for the operation that computes this gradient, like the table and the
            // diagram: shown as soon as its factors are known, it gave the answer away a step early.
            let product =
                gradient.and_then(|_| factors.iter().try_fold(1.0, |p, f| f.value.map(|v| p * v)));
            let product_overflowed = gradient.is_some() && factors.iter().any(|f| f.overflowed);
            rules.push(ChainRule {
                parameter,
                factors,
                product,
                product_overflowed,
                gradient,
            });
        }
    }
    rules
}
