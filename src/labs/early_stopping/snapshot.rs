//! What the early-stopping lab shows the page: the errors, the best epoch, the points with both fits, the
//! curves and histories the views draw, and the status sentences that say what the run shows.

use serde::Serialize;

use super::data::{curve_xs, truth, CURVE_POINTS};
use super::lab::StoppingLab;
use super::rule::StopPoint;
use super::setup::{StoppingSetup, MAX_EPOCHS};
use crate::engine::loss_curve::thinned;

/// One sample with the network's output for it now and at the best epoch.
#[derive(Serialize, Clone, Debug)]
pub struct PointRow {
    pub x: f64,
    pub y: f64,
    pub validation: bool,
    pub now: f64,
    pub best: f64,
}

#[derive(Serialize, Clone, Debug)]
pub struct StoppingSnapshot {
    pub setup: StoppingSetup,
    pub epoch: usize,
    pub training_count: usize,
    pub validation_count: usize,
    /// Mean squared errors after `epoch` epochs.
    pub training_error: f64,
    pub validation_error: f64,
    /// The epoch with the lowest validation error so far, and its errors.
    pub best_epoch: usize,
    /// What that epoch is called: "lowest", or "best" with a least improvement, where the kept epoch need
    /// not have the lowest error (a later, smaller drop does not count). The page and the chart both say it.
    pub best_word: &'static str,
    pub best_validation: f64,
    pub best_training: f64,
    /// Epochs since the best one.
    pub wait: usize,
    /// The validation error of the noise-free curve itself: no fit beats it except by luck.
    pub noise_floor: f64,
    /// While a link's run is being trained towards its epoch, that epoch.
    pub replay_to: Option<usize>,
    /// Where the patience first ran out, if it has (the page reads the status, which says it).
    #[serde(skip_serializing)]
    pub stop: Option<StopPoint>,
    /// Why training cannot go on (stopped, diverged, or at the epoch limit).
    pub finished: Option<String>,
    pub status: String,
    pub rows: Vec<PointRow>,
    // The curves are drawn by the views from this snapshot and are not sent to the page.
    #[serde(skip)]
    pub truth_curve: Vec<[f64; 2]>,
    #[serde(skip)]
    pub fit_curve: Vec<[f64; 2]>,
    #[serde(skip)]
    pub best_curve: Vec<[f64; 2]>,
    #[serde(skip)]
    pub training_history: Vec<[f64; 2]>,
    #[serde(skip)]
    pub validation_history: Vec<[f64; 2]>,
}

// Reading the run for the page: nothing here changes it.
impl StoppingLab {
    pub fn snapshot(&self) -> StoppingSnapshot {
        let epoch = self.epoch();
        let (now, best) = (&self.now_outputs, &self.best_outputs);
        let xs: Vec<f64> = curve_xs().collect();
        let curve = |values: &[f64]| -> Vec<[f64; 2]> {
            xs.iter().zip(values).map(|(&x, &y)| [x, y]).collect()
        };
        let rows = self
            .samples
            .iter()
            .zip(&now[CURVE_POINTS..])
            .zip(&best[CURVE_POINTS..])
            .map(|((s, &now), &best)| PointRow {
                x: s.x,
                y: s.y,
                validation: s.validation,
                now,
                best,
            })
            .collect();
        let training_count = self.samples.iter().filter(|s| !s.validation).count();
        StoppingSnapshot {
            setup: self.setup.clone(),
            epoch,
            training_count,
            validation_count: self.samples.len() - training_count,
            training_error: self.training_errors[epoch],
            validation_error: self.validation_errors[epoch],
            best_epoch: self.watch.best_epoch,
            best_word: if self.setup.min_delta > 0.0 {
                "best"
            } else {
                "lowest"
            },
            best_validation: self.watch.best,
            best_training: self.training_errors[self.watch.best_epoch],
            wait: self.watch.wait,
            noise_floor: self.noise_floor,
            replay_to: self.replay_to,
            stop: self.stop,
            finished: self.finished(),
            status: self.status(),
            rows,
            truth_curve: xs.iter().map(|&x| [x, truth(x)]).collect(),
            fit_curve: curve(&now[..CURVE_POINTS]),
            best_curve: curve(&best[..CURVE_POINTS]),
            training_history: thinned(&self.training_errors),
            validation_history: thinned(&self.validation_errors),
        }
    }

    /// Whether the validation error has clearly turned up since the epoch early stopping keeps while the
    /// training error clearly went on falling: a tenth up and a fifth down, so a flat run's wobble is not
    /// called overfitting.
    fn overfitting_since(&self, kept: usize) -> bool {
        let epoch = self.epoch();
        self.validation_errors[epoch] > 1.1 * self.validation_errors[kept]
            && self.training_errors[epoch] < 0.8 * self.training_errors[kept]
    }

    /// What the run shows so far, in a sentence or two.
    fn status(&self) -> String {
        let epoch = self.epoch();
        let (patience, best) = (self.setup.patience, self.watch.best_epoch);
        if let Some(at) = self.diverged_at {
            return format!(
                "The run diverged at epoch {at}. Press Reset and lower the learning rate."
            );
        }
        if let Some(target) = self.replay_to {
            return format!("Training the run again up to epoch {target}: epoch {epoch}…");
        }
        if epoch == 0 {
            return "Not trained yet. Each epoch is one pass over the training points, after which the \
                    network is scored on the validation points, which it never learns from."
                .into();
        }
        // With a least improvement, the best epoch is the last drop big enough to count, not the lowest.
        let delta = self.setup.min_delta;
        // The same two sentences either way; with a least improvement they say what counts as a drop.
        let (counting, lowered, not_lowered, last_drop) = if delta > 0.0 {
            (
                format!(" (counting only drops of more than {delta})"),
                format!("lowered the validation error by more than {delta}"),
                format!("The validation error has not dropped by more than {delta}"),
                "the last such drop was",
            )
        } else {
            (
                String::new(),
                "has the lowest validation error so far".to_string(),
                "The validation error has not improved".to_string(),
                "its lowest was",
            )
        };
        let mut text = match self.stop {
            None if self.watch.wait == 0 => format!(
                "Epoch {epoch} {lowered}: the network is still learning the curve."
            ),
            None => format!(
                "{not_lowered} for {} of {patience} epochs; {last_drop} at epoch {best}.",
                self.watch.wait
            ),
            Some(stop) if self.setup.stop_early && stop.epoch == epoch => format!(
                "Stopped early at epoch {epoch}: the validation error had not improved{counting} for {patience} \
                 epochs. Early stopping keeps the weights of epoch {} (dashed).",
                stop.kept_epoch
            ),
            Some(stop) => {
                let mut text = format!(
                    "With patience {patience}{counting}, early stopping would have stopped at epoch {} and kept \
                     epoch {}.",
                    stop.epoch, stop.kept_epoch
                );
                if best > stop.kept_epoch {
                    text.push_str(&format!(
                        " Training on found a lower validation error at epoch {best}: this patience gave up too soon."
                    ));
                } else if self.overfitting_since(stop.kept_epoch) {
                    text.push_str(
                        " Since then the training error has kept falling while the validation error rose: the \
                         network is ",
                    );
                    // Samples without noise have no noise to fit: what the network fits is its few points.
                    text.push_str(if self.setup.noise > 0.0 {
                        "fitting the noise of its training points (overfitting)."
                    } else {
                        "bending to pass through its training points in ways the curve between them does not \
                         follow, though they have no noise (overfitting)."
                    });
                }
                if self.setup.stop_early {
                    text.push_str(
                        " This run had already gone past that epoch when early stopping was turned on or its \
                         settings changed: press Reset to run it again with early stopping.",
                    );
                }
                text
            }
        };
        if epoch >= MAX_EPOCHS {
            text.push_str(&format!(
                " The run has reached its limit of {MAX_EPOCHS} epochs."
            ));
        }
        text
    }
}
