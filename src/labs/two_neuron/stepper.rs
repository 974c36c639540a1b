//! The stepper: a step's trace cut into the operations a student thinks in (compute one z, apply one
//! activation, the error, each backward factor, each update), and what is visible after the first k of them.

use serde::{Deserialize, Serialize};

use crate::engine::layer::Layer;
use crate::engine::{ParamSet, StepTrace};

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Forward,
    Backward,
    Update,
}

/// One operation. Layers and neurons are 0-based indices.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Operation {
    /// z = Σ w·a_prev + b of one neuron for one example.
    WeightedSum {
        example: usize,
        layer: usize,
        neuron: usize,
    },
    /// a = f(z) of one neuron.
    Activate {
        example: usize,
        layer: usize,
        neuron: usize,
    },
    /// E of one example.
    Loss { example: usize },
    /// The mean of the batch's losses (only for batches of more than one example).
    BatchLoss,
    /// ∂E/∂a of one output neuron, from the loss.
    OutputError { example: usize, neuron: usize },
    /// ∂a/∂z = f′(z) of one neuron.
    ActivationSlope {
        example: usize,
        layer: usize,
        neuron: usize,
    },
    /// ∂E/∂z = ∂E/∂a · ∂a/∂z of one neuron.
    NeuronError {
        example: usize,
        layer: usize,
        neuron: usize,
    },
    /// ∂E/∂w of every weight into one neuron (batch mean).
    WeightGradient { layer: usize, neuron: usize },
    /// ∂E/∂b of one neuron (batch mean).
    BiasGradient { layer: usize, neuron: usize },
    /// ∂E/∂a of one neuron in a hidden layer, gathered from the layer after it.
    PropagateError {
        example: usize,
        layer: usize,
        neuron: usize,
    },
    /// The optimizer's update of the weights into one neuron.
    UpdateWeights { layer: usize, neuron: usize },
    /// The optimizer's update of one bias.
    UpdateBias { layer: usize, neuron: usize },
}

impl Operation {
    pub fn phase(self) -> Phase {
        use Operation::*;
        match self {
            WeightedSum { .. } | Activate { .. } | Loss { .. } | BatchLoss => Phase::Forward,
            UpdateWeights { .. } | UpdateBias { .. } => Phase::Update,
            _ => Phase::Backward,
        }
    }
}

/// The operations of one step, in order: the forward pass example by example, then the backward pass layer by
/// layer from the output (each layer's gradients as soon as its ∂E/∂z is known, as the seed does), then the
/// updates from the output layer back.
pub fn operations(trace: &StepTrace) -> Vec<Operation> {
    use Operation::*;
    let layers = &trace.before;
    let examples = trace.examples.len();
    let mut ops = Vec::new();
    for example in 0..examples {
        for (layer, l) in layers.iter().enumerate() {
            if l.activation == crate::engine::activation::Activation::Softmax {
                // Softmax needs every z of the layer before any a.
                ops.extend((0..l.neurons()).map(|neuron| WeightedSum {
                    example,
                    layer,
                    neuron,
                }));
                ops.extend((0..l.neurons()).map(|neuron| Activate {
                    example,
                    layer,
                    neuron,
                }));
            } else {
                for neuron in 0..l.neurons() {
                    ops.push(WeightedSum {
                        example,
                        layer,
                        neuron,
                    });
                    ops.push(Activate {
                        example,
                        layer,
                        neuron,
                    });
                }
            }
        }
        ops.push(Loss { example });
    }
    if examples > 1 {
        ops.push(BatchLoss);
    }
    let last = layers.len() - 1;
    for layer in (0..layers.len()).rev() {
        let neurons = layers[layer].neurons();
        for example in 0..examples {
            for neuron in 0..neurons {
                if layer == last {
                    ops.push(OutputError { example, neuron });
                }
                ops.push(ActivationSlope {
                    example,
                    layer,
                    neuron,
                });
                ops.push(NeuronError {
                    example,
                    layer,
                    neuron,
                });
            }
        }
        for neuron in 0..neurons {
            ops.push(WeightGradient { layer, neuron });
            ops.push(BiasGradient { layer, neuron });
        }
        if layer > 0 {
            for example in 0..examples {
                for neuron in 0..layers[layer - 1].neurons() {
                    ops.push(PropagateError {
                        example,
                        layer: layer - 1,
                        neuron,
                    });
                }
            }
        }
    }
    for layer in (0..layers.len()).rev() {
        for neuron in 0..layers[layer].neurons() {
            ops.push(UpdateWeights { layer, neuron });
            ops.push(UpdateBias { layer, neuron });
        }
    }
    ops
}

/// A value that is `null` until the operation that computes it has been done.
pub type Shown = Option<f64>;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct LayerView {
    pub z: Vec<Shown>,
    pub a: Vec<Shown>,
    /// `null` until computed, and also where it overflowed (`de_da_overflowed` says which): the output's
    /// ∂E/∂a under cross-entropy divides by an a that has rounded to exactly 0 or 1 (divergence.rs).
    pub de_da: Vec<Shown>,
    pub de_da_overflowed: Vec<bool>,
    pub da_dz: Vec<Shown>,
    pub de_dz: Vec<Shown>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ExampleView {
    pub index: usize,
    pub input: Vec<f64>,
    pub target: Vec<f64>,
    pub layers: Vec<LayerView>,
    pub loss: Shown,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct GradientView {
    pub de_dw: Vec<Vec<Shown>>,
    pub de_db: Vec<Shown>,
}

/// What a person sees after the first `done` operations of a step.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct StepView {
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub examples: Vec<ExampleView>,
    /// The batch's loss (the example's loss when the batch holds one).
    pub loss: Shown,
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub gradients: Vec<GradientView>,
    /// Each parameter as it stands now: updated if its update has been done, else as the step began.
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub params: Vec<ParamSet>,
    /// Which parameters the update has already changed.
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub updated: Vec<UpdatedView>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct UpdatedView {
    pub weights: Vec<bool>,
    pub biases: Vec<bool>,
}

fn params_of(layers: &[Layer]) -> Vec<ParamSet> {
    layers
        .iter()
        .map(|l| ParamSet {
            weights: l.weights.clone(),
            biases: l.biases.clone(),
        })
        .collect()
}

impl StepView {
    pub fn new(trace: &StepTrace, ops: &[Operation], done: usize) -> StepView {
        let blank = |n: usize| vec![None; n];
        let mut view = StepView {
            examples: trace
                .examples
                .iter()
                .map(|e| ExampleView {
                    index: e.index,
                    input: e.input.clone(),
                    target: e.target.clone(),
                    layers: e
                        .layers
                        .iter()
                        .map(|v| LayerView {
                            z: blank(v.z.len()),
                            a: blank(v.z.len()),
                            de_da: blank(v.z.len()),
                            de_da_overflowed: vec![false; v.z.len()],
                            da_dz: blank(v.z.len()),
                            de_dz: blank(v.z.len()),
                        })
                        .collect(),
                    loss: None,
                })
                .collect(),
            loss: None,
            gradients: trace
                .gradients
                .iter()
                .map(|g| GradientView {
                    de_dw: g.weights.iter().map(|r| blank(r.len())).collect(),
                    de_db: blank(g.biases.len()),
                })
                .collect(),
            params: params_of(&trace.before),
            updated: trace
                .before
                .iter()
                .map(|l| UpdatedView {
                    weights: vec![false; l.neurons()],
                    biases: vec![false; l.neurons()],
                })
                .collect(),
        };
        let single = trace.examples.len() == 1;
        for op in &ops[..done.min(ops.len())] {
            view.reveal(trace, *op, single);
        }
        view
    }

    fn reveal(&mut self, trace: &StepTrace, op: Operation, single: bool) {
        use Operation::*;
        match op {
            WeightedSum {
                example: e,
                layer: l,
                neuron: j,
            } => {
                self.examples[e].layers[l].z[j] = Some(trace.examples[e].layers[l].z[j]);
            }
            Activate {
                example: e,
                layer: l,
                neuron: j,
            } => {
                self.examples[e].layers[l].a[j] = Some(trace.examples[e].layers[l].a[j]);
            }
            Loss { example: e } => {
                self.examples[e].loss = Some(trace.examples[e].loss);
                if single {
                    self.loss = Some(trace.loss);
                }
            }
            BatchLoss => self.loss = Some(trace.loss),
            OutputError {
                example: e,
                neuron: j,
            } => {
                let l = trace.before.len() - 1;
                let value = trace.examples[e].layers[l].de_da[j];
                let shown = &mut self.examples[e].layers[l];
                shown.de_da[j] = Some(value).filter(|v| v.is_finite());
                shown.de_da_overflowed[j] = !value.is_finite();
            }
            PropagateError {
                example: e,
                layer: l,
                neuron: j,
            } => {
                self.examples[e].layers[l].de_da[j] = Some(trace.examples[e].layers[l].de_da[j]);
            }
            ActivationSlope {
                example: e,
                layer: l,
                neuron: j,
            } => {
                self.examples[e].layers[l].da_dz[j] = Some(trace.examples[e].layers[l].da_dz[j]);
            }
            NeuronError {
                example: e,
                layer: l,
                neuron: j,
            } => {
                self.examples[e].layers[l].de_dz[j] = Some(trace.examples[e].layers[l].de_dz[j]);
            }
            WeightGradient {
                layer: l,
                neuron: j,
            } => {
                self.gradients[l].de_dw[j] = trace.gradients[l].weights[j]
                    .iter()
                    .map(|&g| Some(g))
                    .collect();
            }
            BiasGradient {
                layer: l,
                neuron: j,
            } => {
                self.gradients[l].de_db[j] = Some(trace.gradients[l].biases[j]);
            }
            UpdateWeights {
                layer: l,
                neuron: j,
            } => {
                self.params[l].weights[j] = trace.after[l].weights[j].clone();
                self.updated[l].weights[j] = true;
            }
            UpdateBias {
                layer: l,
                neuron: j,
            } => {
                self.params[l].biases[j] = trace.after[l].biases[j];
                self.updated[l].biases[j] = true;
            }
        }
    }
}
