//! The written summary of a run, from the core: what the network reached, and what the settings explain.
//! For two classes it always says "test accuracy NN.N%" in those words, so a person and a test find it.

use super::lab::PlaygroundLab;
use super::metrics::percent;
use super::setup::{DataKind, Task};
use crate::engine::Activation;
use crate::shared::format::sig4;

/// Below this gap between training and test accuracy the difference is the split's luck, not overfitting
/// (and a network that does not fit its training points yet has not overfitted them).
const OVERFIT_GAP: f64 = 0.1;

impl PlaygroundLab {
    /// The network can only draw a straight boundary (or fit a plane): no hidden layer, or identity hidden
    /// layers, on x₁ and x₂ alone.
    pub fn is_linear_in_x(&self) -> bool {
        self.setup.features.all_linear()
            && (self.setup.hidden.is_empty() || self.setup.activation == Activation::Identity)
    }

    /// Weights (not biases) that are exactly zero, and all of them.
    pub fn zero_weights(&self) -> (usize, usize) {
        let layers = self.layers();
        let weights = layers.iter().flat_map(|l| l.weights.iter().flatten());
        let all = weights.clone().count();
        (weights.filter(|&&w| w == 0.0).count(), all)
    }

    pub fn summary(&self) -> String {
        let run = &self.run;
        let when = match (&run.diverged, run.epoch) {
            (Some(d), _) => format!("when it diverged at epoch {} ({})", d.epoch, d.reason),
            (None, 0) if run.updates == 0 => "before training".into(),
            (None, 1) => "after 1 epoch".into(),
            (None, e) => format!("after {e} epochs"),
        };
        let mut parts = vec![match self.setup.task() {
            Task::Classification => {
                let test = run.test.accuracy.map_or("–".into(), percent);
                let training = run.training.accuracy.map_or("–".into(), percent);
                let mut s = format!("test accuracy {test} {when} (training accuracy {training})");
                if run.test.accuracy.is_some_and(|a| (0.4..=0.6).contains(&a)) && run.updates > 0 {
                    s += ", near chance (50%)";
                }
                s
            }
            Task::Regression => format!(
                "test RMSE {} and R² {} {when} (training RMSE {})",
                run.test.rmse.map_or("–".into(), sig4),
                run.test.r2.map_or("–".into(), sig4),
                run.training.rmse.map_or("–".into(), sig4),
            ),
        }];
        if run.diverged.is_some() {
            parts.push("press Reset, and lower the learning rate".into());
        }
        if let Some(target) = run.replay_to {
            parts.push(format!(
                "retraining to epoch {} as the link asks",
                target / run.steps_per_epoch
            ));
        }
        if self.is_linear_in_x() {
            parts.push(self.linear_words());
        }
        if let (Some(training), Some(test)) = (run.training.accuracy, run.test.accuracy) {
            // Shares of a set are multiples of 1/n: a gap of exactly ten points must not round below it.
            if training >= 0.9 && training - test >= OVERFIT_GAP - 1e-9 {
                parts.push(format!(
                    "training accuracy {} but test accuracy {}: the network has learnt the training points' noise, not the shape",
                    percent(training),
                    percent(test)
                ));
            }
        }
        if matches!(
            self.setup.regularization(),
            crate::engine::Regularization::L1 { .. }
        ) {
            let (zeros, all) = self.zero_weights();
            parts.push(format!(
                "L1 has pruned {zeros} of {all} weights to exactly 0"
            ));
        }
        let mut text = parts.join("; ");
        text.push('.');
        text
    }

    fn linear_words(&self) -> String {
        let layer = if self.setup.hidden.is_empty() {
            "a single layer on x₁ and x₂ draws a straight line"
        } else {
            "identity neurons add nothing: layers without a bend, on x₁ and x₂, still draw a straight line"
        };
        match self.setup.data {
            DataKind::Gauss => format!("{layer}, and a straight line is all the two blobs need"),
            DataKind::Xor => format!("the boundary needs x₁x₂ or a hidden layer: {layer}"),
            DataKind::Circle => {
                format!("the boundary needs x₁² and x₂² or a hidden layer: {layer}")
            }
            DataKind::Spiral => {
                format!("the spirals need hidden layers (and help from sin x₁ and sin x₂): {layer}")
            }
            DataKind::Plane => {
                let fit = if self.setup.hidden.is_empty() {
                    "a single layer on x₁ and x₂ fits a plane"
                } else {
                    "identity neurons add nothing: the network on x₁ and x₂ still fits a plane"
                };
                format!("{fit}, which is all this tilted plane needs")
            }
            DataKind::Bumps => {
                let fit = if self.setup.hidden.is_empty() {
                    "a single layer on x₁ and x₂ fits a plane"
                } else {
                    "identity neurons add nothing: the network on x₁ and x₂ still fits a plane"
                };
                format!("the bumps need a hidden layer or other features: {fit}")
            }
        }
    }
}
