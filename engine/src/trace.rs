//! The trace: plain data holding every value of one training step. It is produced by `Trainer::step`, never
//! changed afterwards, and is the single source every view and every test reads.

use serde::{Deserialize, Serialize};

use crate::layer::{Layer, ParamSet};
use crate::optimizer::OptimizerState;

/// One layer's values for one example, one entry per neuron.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct LayerValues {
    /// z = Σᵢ wⱼᵢ aᵢ + bⱼ, the weighted input.
    pub z: Vec<f64>,
    /// a = f(z), the activation.
    pub a: Vec<f64>,
    /// ∂E/∂a: from the loss at the output, from the next layer (Σₖ wₖⱼ ∂E/∂zₖ) elsewhere.
    pub de_da: Vec<f64>,
    /// ∂a/∂z = f′(z). For softmax, the diagonal of the Jacobian only.
    pub da_dz: Vec<f64>,
    /// ∂E/∂z = ∂E/∂a · ∂a/∂z (for softmax, through the full Jacobian).
    pub de_dz: Vec<f64>,
}

/// Everything one example did during a step.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ExampleTrace {
    /// Index of the example in the data.
    pub index: usize,
    pub input: Vec<f64>,
    pub target: Vec<f64>,
    pub layers: Vec<LayerValues>,
    /// This example's loss E.
    pub loss: f64,
}

/// One training step: a forward and backward pass over one batch, then one optimizer update.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StepTrace {
    /// 0-based count of optimizer steps before this one.
    pub step: usize,
    /// 0-based epoch this batch belongs to.
    pub epoch: usize,
    pub examples: Vec<ExampleTrace>,
    /// Mean of the examples' losses.
    pub loss: f64,
    /// Per layer: ∂E/∂w and ∂E/∂b, each the mean over the batch.
    pub gradients: Vec<ParamSet>,
    /// Parameters when the step began.
    pub before: Vec<Layer>,
    /// Parameters after the update.
    pub after: Vec<Layer>,
    /// Optimizer state after the update (buffers shaped like the parameters).
    pub optimizer_state: OptimizerState,
}

impl StepTrace {
    /// True when every recorded number is finite; a step that overflowed is where a run diverged.
    pub fn is_finite(&self) -> bool {
        self.loss.is_finite()
            && self
                .gradients
                .iter()
                .all(|g| g.values().all(f64::is_finite))
            && self.after.iter().all(|l| l.params().all(f64::is_finite))
    }
}
