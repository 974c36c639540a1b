//! The sentence for each operation, words and numbers: "z₁ = w₁·x + b₁ = 0.15 × 0.1 + 0.4 = 0.4150". Names
//! follow the seed for a chain of single neurons (x, z₁, a₂, w₂, T) and add the neuron for wider layers
//! (z²₁ = layer 2, neuron 1). The update's sentence is in `update_text`, the number asked for in `quantity`.

use super::stepper::Operation;
use super::update_text::update_text;
use crate::engine::activation::Activation;
use crate::engine::loss::Loss;
use crate::engine::optimizer::{Optimizer, ParamIndex};
use crate::engine::trace::StepTrace;
// Numbers as a sentence writes them: "overflowed", never inf or NaN.
use super::divergence::{written as sig4, written_factor as factor};
pub use backprop_engine::names::Names;
// `result` lived here before it had a file of its own; its old path still works.
pub use super::quantity::result;

fn activation_symbol(a: Activation) -> &'static str {
    match a {
        Activation::Identity => "identity",
        Activation::Sigmoid => "σ",
        Activation::Tanh => "tanh",
        Activation::Relu => "ReLU",
        Activation::LeakyRelu => "leakyReLU",
        Activation::Softmax => "softmax",
    }
}

/// The sentence for one operation, with its numbers.
pub fn describe(op: Operation, trace: &StepTrace, loss: Loss, optimizer: &Optimizer) -> String {
    use Operation::*;
    let names = Names::for_layers(&trace.before);
    let prefix = |e: usize| {
        if trace.examples.len() > 1 {
            format!("example {}: ", trace.examples[e].index + 1)
        } else {
            String::new()
        }
    };
    let n = sig4;
    match op {
        WeightedSum {
            example: e,
            layer: l,
            neuron: j,
        } => {
            let layer = &trace.before[l];
            let ex = &trace.examples[e];
            let feed: &[f64] = if l == 0 {
                &ex.input
            } else {
                &ex.layers[l - 1].a
            };
            let z = names.neuron("z", l, j);
            let symbols: Vec<String> = (0..feed.len())
                .map(|i| format!("{}·{}", names.weight(l, j, i), names.feed(l, i)))
                .collect();
            let numbers: Vec<String> = layer.weights[j]
                .iter()
                .zip(feed)
                .map(|(w, a)| format!("{} × {}", factor(*w), factor(*a)))
                .collect();
            if feed.len() <= 3 {
                format!(
                    "{}{z} = {} + {} = {}{} = {}",
                    prefix(e),
                    symbols.join(" + "),
                    names.bias(l, j),
                    numbers.join(" + "),
                    plus(layer.biases[j]),
                    n(ex.layers[l].z[j])
                )
            } else {
                format!(
                    "{}{z} = Σᵢ wᵢ·aᵢ + {} = {}",
                    prefix(e),
                    names.bias(l, j),
                    n(ex.layers[l].z[j])
                )
            }
        }
        Activate {
            example: e,
            layer: l,
            neuron: j,
        } => {
            let v = &trace.examples[e].layers[l];
            let f = trace.before[l].activation;
            let (a, z) = (names.neuron("a", l, j), names.neuron("z", l, j));
            if f == Activation::Softmax {
                format!("{}{a} = e^{z} / Σₖ e^zₖ = {}", prefix(e), n(v.a[j]))
            } else {
                let s = activation_symbol(f);
                format!(
                    "{}{a} = {s}({z}) = {s}({}) = {}",
                    prefix(e),
                    n(v.z[j]),
                    n(v.a[j])
                )
            }
        }
        Loss { example: e } => {
            let ex = &trace.examples[e];
            let last = trace.before.len() - 1;
            let out = &ex.layers[last].a;
            if out.len() == 1 {
                let (t, a) = (names.target(0), names.neuron("a", last, 0));
                let (tv, av) = (n(ex.target[0]), factor(out[0]));
                let symbolic = loss.formula().replace('T', &t).replace('a', &a);
                let numeric = loss.formula().replace('T', &tv).replace('a', &av);
                // The formula's own "E = " is kept once.
                format!(
                    "{}{symbolic} = {} = {}",
                    prefix(e),
                    &numeric[4..],
                    n(ex.loss)
                )
            } else {
                format!("{}{} = {}", prefix(e), loss.formula(), n(ex.loss))
            }
        }
        BatchLoss => format!(
            "E of the batch = mean of its {} examples' E = {}",
            trace.examples.len(),
            n(trace.loss)
        ),
        OutputError {
            example: e,
            neuron: j,
        } => {
            let ex = &trace.examples[e];
            let last = trace.before.len() - 1;
            let a = names.neuron("a", last, j);
            let t = names.target(j);
            let (av, tv) = (n(ex.layers[last].a[j]), factor(ex.target[j]));
            let g = n(ex.layers[last].de_da[j]);
            let head = format!("{}∂E/∂{a}", prefix(e));
            match loss {
                crate::engine::loss::Loss::HalfSquaredError => {
                    format!("{head} = {a} − {t} = {av} − {tv} = {g}")
                }
                crate::engine::loss::Loss::SquaredError => {
                    format!("{head} = 2({a} − {t}) = 2 × ({av} − {tv}) = {g}")
                }
                crate::engine::loss::Loss::BinaryCrossEntropy => {
                    format!("{head} = ({a} − {t}) / ({a}(1 − {a})) = {g}")
                }
                crate::engine::loss::Loss::CrossEntropy => format!("{head} = −{t}/{a} = {g}"),
            }
        }
        ActivationSlope {
            example: e,
            layer: l,
            neuron: j,
        } => {
            let v = &trace.examples[e].layers[l];
            let f = trace.before[l].activation;
            let (a, z) = (names.neuron("a", l, j), names.neuron("z", l, j));
            let (av, zv, d) = (n(v.a[j]), n(v.z[j]), n(v.da_dz[j]));
            let head = format!("{}∂{a}/∂{z}", prefix(e));
            match f {
                Activation::Sigmoid => format!("{head} = {a}(1 − {a}) = {av} × (1 − {av}) = {d}"),
                Activation::Softmax => {
                    format!("{head} = {a}(1 − {a}) = {d} (the diagonal of softmax's Jacobian)")
                }
                Activation::Tanh => format!("{head} = 1 − {a}² = 1 − {}² = {d}", factor(v.a[j])),
                Activation::Identity => format!("{head} = 1"),
                Activation::Relu => format!(
                    "{head} = {d}, because {z} = {zv} is {}",
                    if v.z[j] > 0.0 {
                        "positive"
                    } else {
                        "not positive"
                    }
                ),
                Activation::LeakyRelu => format!(
                    "{head} = {d}, because {z} = {zv} is {}",
                    if v.z[j] > 0.0 {
                        "positive"
                    } else {
                        "not positive (slope 0.01)"
                    }
                ),
            }
        }
        NeuronError {
            example: e,
            layer: l,
            neuron: j,
        } => {
            let v = &trace.examples[e].layers[l];
            let (a, z) = (names.neuron("a", l, j), names.neuron("z", l, j));
            if trace.before[l].activation == Activation::Softmax {
                format!(
                    "{}∂E/∂{z} = Σₖ ∂E/∂aₖ · ∂aₖ/∂{z} = {}",
                    prefix(e),
                    n(v.de_dz[j])
                )
            } else {
                format!(
                    "{}∂E/∂{z} = ∂E/∂{a} · ∂{a}/∂{z} = {} × {} = {}",
                    prefix(e),
                    n(v.de_da[j]),
                    factor(v.da_dz[j]),
                    n(v.de_dz[j])
                )
            }
        }
        WeightGradient {
            layer: l,
            neuron: j,
        } => {
            let z = names.neuron("z", l, j);
            let parts: Vec<String> = trace.gradients[l].weights[j]
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    let w = names.weight(l, j, i);
                    if trace.examples.len() == 1 {
                        let ex = &trace.examples[0];
                        let feed = if l == 0 {
                            ex.input[i]
                        } else {
                            ex.layers[l - 1].a[i]
                        };
                        format!(
                            "∂E/∂{w} = ∂E/∂{z} · ∂{z}/∂{w} = {} × {} ({}) = {}",
                            n(ex.layers[l].de_dz[j]),
                            names.feed(l, i),
                            n(feed),
                            n(*g)
                        )
                    } else {
                        format!(
                            "∂E/∂{w} = mean over the batch of ∂E/∂{z} · {} = {}",
                            names.feed(l, i),
                            n(*g)
                        )
                    }
                })
                .collect();
            parts.join("; ")
        }
        BiasGradient {
            layer: l,
            neuron: j,
        } => {
            let (b, z) = (names.bias(l, j), names.neuron("z", l, j));
            let g = n(trace.gradients[l].biases[j]);
            if trace.examples.len() == 1 {
                let de_dz = n(trace.examples[0].layers[l].de_dz[j]);
                format!("∂E/∂{b} = ∂E/∂{z} · ∂{z}/∂{b} = {de_dz} × 1 = {g}")
            } else {
                format!("∂E/∂{b} = mean over the batch of ∂E/∂{z} = {g}")
            }
        }
        PropagateError {
            example: e,
            layer: l,
            neuron: i,
        } => {
            let next = &trace.before[l + 1];
            let ex = &trace.examples[e];
            let a = names.neuron("a", l, i);
            let terms: Vec<String> = (0..next.neurons())
                .map(|k| {
                    format!(
                        "∂E/∂{} · {}",
                        names.neuron("z", l + 1, k),
                        names.weight(l + 1, k, i)
                    )
                })
                .collect();
            let numbers: Vec<String> = (0..next.neurons())
                .map(|k| {
                    format!(
                        "{} × {}",
                        factor(ex.layers[l + 1].de_dz[k]),
                        factor(next.weights[k][i])
                    )
                })
                .collect();
            format!(
                "{}∂E/∂{a} = {} = {} = {}",
                prefix(e),
                terms.join(" + "),
                numbers.join(" + "),
                n(ex.layers[l].de_da[i])
            )
        }
        UpdateWeights {
            layer: l,
            neuron: j,
        } => {
            let parts: Vec<String> = (0..trace.before[l].inputs())
                .map(|i| {
                    update_text(
                        &names.weight(l, j, i),
                        (
                            trace.before[l].weights[j][i],
                            trace.gradients[l].weights[j][i],
                            trace.after[l].weights[j][i],
                        ),
                        optimizer,
                        &trace.optimizer_state,
                        (l, ParamIndex::Weight(j, i)),
                    )
                })
                .collect();
            parts.join("; ")
        }
        UpdateBias {
            layer: l,
            neuron: j,
        } => update_text(
            &names.bias(l, j),
            (
                trace.before[l].biases[j],
                trace.gradients[l].biases[j],
                trace.after[l].biases[j],
            ),
            optimizer,
            &trace.optimizer_state,
            (l, ParamIndex::Bias(j)),
        ),
    }
}

/// " + 0.4" or " − 0.4": a signed term, so a negative bias does not read "+ -0.4".
fn plus(v: f64) -> String {
    if v < 0.0 {
        format!(" − {}", sig4(-v))
    } else {
        format!(" + {}", sig4(v))
    }
}
