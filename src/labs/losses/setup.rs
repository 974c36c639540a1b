//! The losses lab's setup: where z starts, the target, the learning rate and the number of updates, with
//! their limits, and the one-neuron spec a run trains.

use serde::{Deserialize, Serialize};

use crate::engine::{Activation, Data, Layer, Loss, Optimizer, Spec};

/// z runs over ±8: σ(8) = 0.99966, where squared error's slope is down to 3·10⁻⁴ of its size at z = 0.
pub const Z_RANGE: f64 = 8.0;
/// The losses compared, in the order the page lists them.
pub const COMPARED: [Loss; 3] = [
    Loss::HalfSquaredError,
    Loss::SquaredError,
    Loss::BinaryCrossEntropy,
];
/// "Close" for the training runs: the output within this of its target.
pub const CLOSE: f64 = 0.1;
pub const MAX_RATE: f64 = 10.0;
pub const MAX_ITERATIONS: usize = 5000;
/// The neuron's input in the training runs: z = w·1 + b.
pub const INPUT: f64 = 1.0;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct LossSetup {
    /// The output's z: where the table is read, and where training starts (w = z, b = 0).
    pub z: f64,
    /// The target T, between 0 and 1.
    pub target: f64,
    pub learning_rate: f64,
    pub iterations: usize,
}

impl Default for LossSetup {
    /// Confidently wrong: a = σ(−4) = 0.018 where the answer is 1.
    fn default() -> LossSetup {
        LossSetup {
            z: -4.0,
            target: 1.0,
            learning_rate: 0.5,
            iterations: 300,
        }
    }
}

impl LossSetup {
    pub fn validate(&self) -> Result<(), String> {
        if !(self.z.is_finite() && self.z.abs() <= Z_RANGE) {
            return Err(format!(
                "z must be a number between −{Z_RANGE} and {Z_RANGE}."
            ));
        }
        if !(self.target.is_finite() && (0.0..=1.0).contains(&self.target)) {
            return Err(
                "The target T must be between 0 and 1: a sigmoid's output can only be there."
                    .into(),
            );
        }
        if !(self.learning_rate.is_finite()
            && self.learning_rate > 0.0
            && self.learning_rate <= MAX_RATE)
        {
            return Err(format!(
                "The learning rate must be above 0 and at most {MAX_RATE}."
            ));
        }
        if !(1..=MAX_ITERATIONS).contains(&self.iterations) {
            return Err(format!(
                "The number of updates must be between 1 and {MAX_ITERATIONS}."
            ));
        }
        Ok(())
    }

    /// One sigmoid neuron with input 1, starting at w = z, b = 0, trained on the one example (1, T).
    pub fn spec(&self, loss: Loss) -> Spec {
        Spec {
            layers: vec![Layer {
                weights: vec![vec![self.z]],
                biases: vec![0.0],
                activation: Activation::Sigmoid,
                frozen_biases: false,
            }],
            loss,
            optimizer: Optimizer::Sgd {
                learning_rate: self.learning_rate,
            },
            data: Data {
                inputs: vec![vec![INPUT]],
                targets: vec![vec![self.target]],
            },
            batch_size: 1,
            steps: 1,
            start_step: 0,
            shuffle_seed: None,
            optimizer_state: None,
        }
    }
}
