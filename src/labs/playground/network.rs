//! The network: one input per feature, the hidden layers, and one output whose activation and loss follow
//! the task. Its starting weights are seeded Glorot; its edits (a layer or a neuron more or less) keep the
//! limits and say why when they cannot.

use serde::Serialize;

use super::setup::{validate_hidden, PlaygroundSetup, Task, MAX_HIDDEN_LAYERS, MAX_NEURONS};
use crate::engine::layer::{glorot, Layer};
use crate::engine::{Activation, Loss};

/// Every bias starts here, as in TensorFlow Playground: a ReLU neuron then starts on its sloping side.
pub const START_BIAS: f64 = 0.1;

/// A new hidden layer gets this many neurons.
pub const NEW_LAYER_NEURONS: usize = 2;

/// Sigmoid and binary cross-entropy for two classes, identity and squared error for values.
pub fn output(task: Task) -> (Activation, Loss) {
    match task {
        Task::Classification => (Activation::Sigmoid, Loss::BinaryCrossEntropy),
        Task::Regression => (Activation::Identity, Loss::SquaredError),
    }
}

/// Layer sizes, inputs first, the single output last.
pub fn sizes(setup: &PlaygroundSetup) -> Vec<usize> {
    let mut sizes = vec![setup.features.len()];
    sizes.extend(&setup.hidden);
    sizes.push(1);
    sizes
}

/// The starting layers: Glorot-uniform weights from the weight seed.
pub fn starting_layers(setup: &PlaygroundSetup) -> Vec<Layer> {
    glorot(
        &sizes(setup),
        (setup.activation, output(setup.task()).0),
        START_BIAS,
        setup.weight_seed,
    )
}

/// What a command may do to the hidden layers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum LayerEdit {
    /// A hidden layer of `NEW_LAYER_NEURONS` just before the output.
    AddLayer,
    /// The hidden layer just before the output.
    RemoveLayer,
    AddNeuron {
        layer: usize,
    },
    RemoveNeuron {
        layer: usize,
    },
}

/// The hidden layers after an edit, or why it cannot be made.
pub fn edit_hidden(hidden: &[usize], edit: LayerEdit) -> Result<Vec<usize>, String> {
    let mut next = hidden.to_vec();
    let layer_at = |layer: usize| {
        if layer < hidden.len() {
            Ok(layer)
        } else if hidden.is_empty() {
            Err("There is no hidden layer: add one first.".to_string())
        } else {
            Err(format!(
                "There is no hidden layer {}: the hidden layers are 1 to {}.",
                layer + 1,
                hidden.len()
            ))
        }
    };
    match edit {
        LayerEdit::AddLayer => {
            if hidden.len() >= MAX_HIDDEN_LAYERS {
                return Err(format!(
                    "The network already has {MAX_HIDDEN_LAYERS} hidden layers, the most it can have."
                ));
            }
            next.push(NEW_LAYER_NEURONS);
        }
        LayerEdit::RemoveLayer => {
            if next.pop().is_none() {
                return Err("There is no hidden layer to remove.".into());
            }
        }
        LayerEdit::AddNeuron { layer } => {
            let l = layer_at(layer)?;
            if next[l] >= MAX_NEURONS {
                return Err(format!(
                    "Hidden layer {} already has {MAX_NEURONS} neurons, the most a layer has.",
                    l + 1
                ));
            }
            next[l] += 1;
        }
        LayerEdit::RemoveNeuron { layer } => {
            let l = layer_at(layer)?;
            if next[l] <= 1 {
                return Err(format!(
                    "Hidden layer {} has one neuron left; remove the layer instead.",
                    l + 1
                ));
            }
            next[l] -= 1;
        }
    }
    validate_hidden(&next)?;
    Ok(next)
}

/// The layers of a flat parameter vector laid out as the fast trainer's (each layer's weights row by row,
/// then its biases), shaped like `template`.
pub fn layers_from(params: &[f64], template: &[Layer]) -> Vec<Layer> {
    let mut at = 0;
    template
        .iter()
        .map(|layer| {
            let mut next = |n: usize| {
                let values = params.get(at..at + n).unwrap_or_default().to_vec();
                at += n;
                values
            };
            let weights = (0..layer.neurons()).map(|_| next(layer.inputs())).collect();
            Layer {
                weights,
                biases: next(layer.neurons()),
                activation: layer.activation,
                frozen_biases: false,
            }
        })
        .collect()
}
