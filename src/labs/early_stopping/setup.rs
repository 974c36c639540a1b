//! What a run is made of: the data's size, noise and split, the network, the optimizer, the stopping rule's
//! settings and the seeds, with the bounds each must keep.

use serde::{Deserialize, Serialize};

/// A run ends here even if nothing stops it: enough for every setting the lab offers to overfit.
pub const MAX_EPOCHS: usize = 20_000;
pub const MIN_POINTS: usize = 12;
pub const MAX_POINTS: usize = 200;
/// Fewer validation points than this judge the fit by one or two noisy values.
pub const MIN_VALIDATION: usize = 3;
pub const MAX_HIDDEN: usize = 64;
/// The largest least-improvement: the errors of this lab are mean squares of a curve between −1 and 1.
pub const MAX_MIN_DELTA: f64 = 1.0;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StoppingSetup {
    /// Samples, training and validation together.
    pub points: usize,
    /// Standard deviation of the Gaussian noise added to each sample's y.
    pub noise: f64,
    /// Percentage of the samples held out for validation.
    pub validation_percent: usize,
    /// Neurons in each of the two hidden tanh layers.
    pub hidden: usize,
    /// Adam's learning rate.
    pub learning_rate: f64,
    /// L2 weight decay λ: the penalty (λ/2)·Σw² on the weights, the other classic remedy for overfitting.
    /// The errors shown are the data's alone, without it.
    #[serde(default)]
    pub weight_decay: f64,
    /// Epochs without a lower validation error before early stopping gives up.
    pub patience: usize,
    /// How much lower an error must be to count as lower (Keras's `min_delta`): drops smaller than this are
    /// noise, and do not reset the patience or move the kept weights.
    #[serde(default)]
    pub min_delta: f64,
    /// Stop when the patience runs out; otherwise train on and only mark where it would have stopped.
    pub stop_early: bool,
    /// Seeds the samples' x, their noise and the split.
    pub data_seed: u64,
    /// Seeds the initial weights.
    pub weight_seed: u64,
}

/// The lesson's run: 13 training points for a network of 2 × 16 tanh neurons, Adam at 0.01. Its validation
/// error is lowest at epoch 260, is half as high again when the patience of 200 runs out at epoch 460, and
/// nearly twice as high at epoch 1000, while the training error keeps falling: overfitting a class can see.
/// With 30 points the same network barely turned (2% up when the patience ran out, at epoch 564).
/// `tests/early_stopping/overfitting.rs` holds it to that.
impl Default for StoppingSetup {
    fn default() -> Self {
        StoppingSetup {
            points: 20,
            noise: 0.3,
            validation_percent: 33,
            hidden: 16,
            learning_rate: 0.01,
            weight_decay: 0.0,
            patience: 200,
            min_delta: 0.0,
            stop_early: false,
            data_seed: 1,
            weight_seed: 1,
        }
    }
}

impl StoppingSetup {
    pub fn validate(&self) -> Result<(), String> {
        if !(MIN_POINTS..=MAX_POINTS).contains(&self.points) {
            return Err(format!(
                "The number of points must be between {MIN_POINTS} and {MAX_POINTS}: fewer leave too few to split."
            ));
        }
        if !(0.0..=1.0).contains(&self.noise) {
            return Err(
                "The noise must be between 0 and 1 (the curve itself runs from −1 to 1).".into(),
            );
        }
        if !(10..=50).contains(&self.validation_percent) {
            return Err("The validation share must be between 10% and 50%.".into());
        }
        if self.validation_count() < MIN_VALIDATION {
            return Err(format!(
                "Hold out at least {MIN_VALIDATION} points for validation: {}% of {} points is {}, too few to judge the fit by.",
                self.validation_percent,
                self.points,
                self.validation_count()
            ));
        }
        if !(1..=MAX_HIDDEN).contains(&self.hidden) {
            return Err(format!(
                "Each hidden layer needs between 1 and {MAX_HIDDEN} neurons."
            ));
        }
        if !(self.learning_rate > 0.0 && self.learning_rate <= 1.0) {
            return Err("The learning rate must be above 0 and at most 1.".into());
        }
        if !(0.0..=1.0).contains(&self.weight_decay) {
            return Err("The weight decay λ must be between 0 and 1.".into());
        }
        if !(0.0..=MAX_MIN_DELTA).contains(&self.min_delta) {
            return Err(format!(
                "The smallest improvement that counts must be between 0 and {MAX_MIN_DELTA}."
            ));
        }
        if !(1..=MAX_EPOCHS).contains(&self.patience) {
            return Err(format!(
                "The patience must be between 1 and {MAX_EPOCHS} epochs."
            ));
        }
        Ok(())
    }

    pub fn validation_count(&self) -> usize {
        (self.points * self.validation_percent + 50) / 100
    }
}
