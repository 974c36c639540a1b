//! The spec: network + data + loss + optimizer as one JSON document. The page imports and exports it and the
//! `trace` command line reads it. Untrusted input: every problem comes back as a `SpecError` naming the field.

use serde::{Deserialize, Serialize};

use crate::activation::Activation;
use crate::layer::Layer;
use crate::loss::Loss;
use crate::optimizer::{Optimizer, OptimizerState};
pub use crate::spec_error::SpecError;
use crate::spec_error::{err, refused};

/// Bounds that keep a spec small enough to trace and draw.
pub const MAX_LAYERS: usize = 64;
pub const MAX_WIDTH: usize = 256;
pub const MAX_EXAMPLES: usize = 100_000;
pub const MAX_STEPS: usize = 1_000_000;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Data {
    pub inputs: Vec<Vec<f64>>,
    pub targets: Vec<Vec<f64>>,
}

fn one() -> usize {
    1
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Adam's step count is capped so its bias corrections stay meaningful numbers.
pub const MAX_ADAM_STEPS: u64 = 1 << 40;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub layers: Vec<Layer>,
    pub loss: Loss,
    pub optimizer: Optimizer,
    pub data: Data,
    /// Examples per optimizer step; the last batch of an epoch holds the remainder.
    #[serde(default = "one")]
    pub batch_size: usize,
    /// How many optimizer steps the command line traces.
    #[serde(default = "one")]
    pub steps: usize,
    /// When set, each epoch visits the examples in an order shuffled by this seed; otherwise in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shuffle_seed: Option<u64>,
    /// Optimizer steps already taken: a resumed run continues numbering, and its batches, from here.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub start_step: usize,
    /// Optimizer buffers to resume from (a trace's `next_spec` carries them); zero when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optimizer_state: Option<OptimizerState>,
}

impl Spec {
    /// Parses and validates. Never panics, whatever the text.
    pub fn from_json(text: &str) -> Result<Spec, SpecError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let spec = Spec::deserialize_with_path(&mut de)?;
        // Text after the document (a second spec pasted in, say) is refused, not silently ignored.
        de.end().map_err(|e| err("", e.to_string()))?;
        spec.validate()?;
        Ok(spec)
    }

    /// Reads a spec from any serde deserializer (JSON text natively, a parsed JavaScript value in the page),
    /// naming the field at fault; the caller validates.
    pub fn deserialize_with_path<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Spec, SpecError>
    where
        D::Error: std::fmt::Display,
    {
        serde_path_to_error::deserialize(de).map_err(|e| {
            // A syntax error leaves `?` segments where the parser could not tell the field; keep the known part.
            let path = e.path().to_string();
            refused(&path, &e.into_inner().to_string())
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The seed's worked example: x = 0.1, w₁ = 0.15, b₁ = 0.4, w₂ = 0.45, b₂ = 0.65, T = 0.25, η = 0.4,
    /// E = ½(T − a)² (the form whose gradients the seed's numbers are).
    pub fn two_neuron() -> Spec {
        let sigmoid = |w: f64, b: f64| Layer {
            weights: vec![vec![w]],
            biases: vec![b],
            activation: Activation::Sigmoid,
            frozen_biases: false,
        };
        Spec {
            layers: vec![sigmoid(0.15, 0.4), sigmoid(0.45, 0.65)],
            loss: Loss::HalfSquaredError,
            optimizer: Optimizer::Sgd { learning_rate: 0.4 },
            data: Data {
                inputs: vec![vec![0.1]],
                targets: vec![vec![0.25]],
            },
            batch_size: 1,
            steps: 1,
            start_step: 0,
            shuffle_seed: None,
            optimizer_state: None,
        }
    }

    pub fn validate(&self) -> Result<(), SpecError> {
        if self.layers.is_empty() {
            return Err(err("layers", "needs at least one layer"));
        }
        if self.layers.len() > MAX_LAYERS {
            return Err(err(
                "layers",
                format!(
                    "has {} layers; at most {MAX_LAYERS} are allowed",
                    self.layers.len()
                ),
            ));
        }
        let mut width = self.layers[0].inputs();
        if width == 0 {
            return Err(err(
                "layers[0].weights",
                "needs at least one row with at least one input",
            ));
        }
        if width > MAX_WIDTH {
            return Err(err(
                "layers[0].weights[0]",
                format!("has {width} inputs; at most {MAX_WIDTH} are allowed"),
            ));
        }
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            let n = layer.neurons();
            if n == 0 || n > MAX_WIDTH {
                return Err(err(
                    format!("layers[{l}].biases"),
                    format!("has {n} neurons; each layer needs 1 to {MAX_WIDTH}"),
                ));
            }
            if layer.weights.len() != n {
                return Err(err(
                    format!("layers[{l}].weights"),
                    format!(
                        "has {} rows but the layer has {n} biases (one row per neuron)",
                        layer.weights.len()
                    ),
                ));
            }
            for (j, row) in layer.weights.iter().enumerate() {
                if row.len() != width {
                    return Err(err(
                        format!("layers[{l}].weights[{j}]"),
                        format!(
                            "has {} weights but the layer before gives {width} inputs",
                            row.len()
                        ),
                    ));
                }
            }
            if layer.params().any(|v| !v.is_finite()) {
                return Err(err(
                    format!("layers[{l}]"),
                    "every weight and bias must be a finite number",
                ));
            }
            if layer.activation == Activation::Softmax && l != last {
                return Err(err(
                    format!("layers[{l}].activation"),
                    "softmax is only allowed on the output layer",
                ));
            }
            width = n;
        }
        let outputs = width;
        let output_activation = self.layers[last].activation;
        match self.loss {
            Loss::CrossEntropy if output_activation != Activation::Softmax => {
                return Err(err("loss", "cross_entropy needs a softmax output layer"));
            }
            Loss::BinaryCrossEntropy
                if !matches!(output_activation, Activation::Sigmoid | Activation::Softmax) =>
            {
                return Err(err(
                    "loss",
                    "binary_cross_entropy needs outputs in (0, 1): use a sigmoid output layer",
                ));
            }
            _ => {}
        }
        self.validate_optimizer()?;
        self.validate_data(self.layers[0].inputs(), outputs)?;
        if self.batch_size == 0 || self.batch_size > self.data.inputs.len() {
            return Err(err(
                "batch_size",
                format!(
                    "must be between 1 and the number of examples ({})",
                    self.data.inputs.len()
                ),
            ));
        }
        if self.steps > MAX_STEPS {
            return Err(err("steps", format!("at most {MAX_STEPS}")));
        }
        // Compared as u64: on wasm32 a usize is 32 bits, and `MAX_ADAM_STEPS as usize` would be 0.
        if self.start_step as u64 > MAX_ADAM_STEPS {
            return Err(err("start_step", format!("at most {MAX_ADAM_STEPS}")));
        }
        if let Some(state) = &self.optimizer_state {
            if !self.optimizer.state_fits(state, &self.layers) {
                return Err(err(
                    "optimizer_state",
                    "does not belong to this optimizer or is not shaped like the layers",
                ));
            }
            if matches!(state, OptimizerState::Adam { steps, .. } if *steps > MAX_ADAM_STEPS) {
                return Err(err(
                    "optimizer_state.steps",
                    format!("at most {MAX_ADAM_STEPS}"),
                ));
            }
            if state_values(state).any(|v| !v.is_finite()) {
                return Err(err(
                    "optimizer_state",
                    "every value must be a finite number",
                ));
            }
        }
        Ok(())
    }

    fn validate_optimizer(&self) -> Result<(), SpecError> {
        let lr = self.optimizer.learning_rate();
        if !(lr.is_finite() && lr > 0.0) {
            return Err(err(
                "optimizer.learning_rate",
                "must be a positive finite number",
            ));
        }
        let unit = |name: &str, v: f64| {
            if (0.0..1.0).contains(&v) {
                Ok(())
            } else {
                Err(err(
                    format!("optimizer.{name}"),
                    "must be at least 0 and below 1",
                ))
            }
        };
        let positive = |name: &str, v: f64| {
            if v.is_finite() && v > 0.0 {
                Ok(())
            } else {
                Err(err(
                    format!("optimizer.{name}"),
                    "must be a positive finite number",
                ))
            }
        };
        match self.optimizer {
            Optimizer::Sgd { .. } => Ok(()),
            Optimizer::Momentum { momentum, .. } => unit("momentum", momentum),
            Optimizer::Rmsprop { decay, eps, .. } => unit("decay", decay).and(positive("eps", eps)),
            Optimizer::Adam {
                beta1, beta2, eps, ..
            } => unit("beta1", beta1)
                .and(unit("beta2", beta2))
                .and(positive("eps", eps)),
        }
    }

    fn validate_data(&self, inputs: usize, outputs: usize) -> Result<(), SpecError> {
        let n = self.data.inputs.len();
        if n == 0 || n > MAX_EXAMPLES {
            return Err(err(
                "data.inputs",
                format!("needs 1 to {MAX_EXAMPLES} examples"),
            ));
        }
        if self.data.targets.len() != n {
            return Err(err(
                "data.targets",
                format!(
                    "has {} rows but data.inputs has {n}",
                    self.data.targets.len()
                ),
            ));
        }
        for (k, (x, t)) in self.data.inputs.iter().zip(&self.data.targets).enumerate() {
            if x.len() != inputs {
                return Err(err(
                    format!("data.inputs[{k}]"),
                    format!("has {} values but the network takes {inputs}", x.len()),
                ));
            }
            if t.len() != outputs {
                return Err(err(
                    format!("data.targets[{k}]"),
                    format!("has {} values but the network gives {outputs}", t.len()),
                ));
            }
            if x.iter().chain(t).any(|v| !v.is_finite()) {
                return Err(err(
                    format!("data[{k}]"),
                    "every input and target must be a finite number",
                ));
            }
            match self.loss {
                Loss::BinaryCrossEntropy if t.iter().any(|t| !(0.0..=1.0).contains(t)) => {
                    return Err(err(
                        format!("data.targets[{k}]"),
                        "binary_cross_entropy needs targets between 0 and 1",
                    ));
                }
                Loss::CrossEntropy
                    if t.iter().any(|&t| t < 0.0) || (t.iter().sum::<f64>() - 1.0).abs() > 1e-9 =>
                {
                    return Err(err(
                        format!("data.targets[{k}]"),
                        "cross_entropy needs targets ≥ 0 that sum to 1",
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn state_values(state: &OptimizerState) -> Box<dyn Iterator<Item = f64> + '_> {
    match state {
        OptimizerState::Sgd {} => Box::new(std::iter::empty()),
        OptimizerState::Momentum { buffer } => Box::new(buffer.iter().flat_map(|s| s.values())),
        OptimizerState::Rmsprop { square_avg } => {
            Box::new(square_avg.iter().flat_map(|s| s.values()))
        }
        OptimizerState::Adam { m, v, .. } => Box::new(m.iter().chain(v).flat_map(|s| s.values())),
    }
}
