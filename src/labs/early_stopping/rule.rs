//! The one rule early stopping follows: watch the lowest validation error, and stop when it has not improved
//! for `patience` epochs. Used while training and to re-read a finished run with other settings.

/// Where early stopping with some patience stopped, and what it kept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StopPoint {
    /// The epoch after which the patience ran out.
    pub epoch: usize,
    /// The best epoch at that moment: the weights early stopping keeps.
    pub kept_epoch: usize,
    pub kept_validation: f64,
}

/// The lowest validation error so far and how long ago it was: the one rule early stopping follows, used
/// both while training and to re-read a finished run with another patience.
#[derive(Clone, Copy, Debug)]
pub(super) struct Watch {
    epoch: usize,
    pub(super) best_epoch: usize,
    pub(super) best: f64,
    /// Epochs since the best one.
    pub(super) wait: usize,
    /// The least drop that counts as an improvement.
    min_delta: f64,
}

impl Watch {
    pub(super) fn new(first: f64, min_delta: f64) -> Watch {
        Watch {
            epoch: 0,
            best_epoch: 0,
            best: first,
            wait: 0,
            min_delta,
        }
    }

    /// The next epoch's validation error; true when it is a new best. Only an error lower than the best by
    /// more than `min_delta` counts (strictly lower, with 0), and an error that is not a number never does.
    pub(super) fn observe(&mut self, error: f64) -> bool {
        self.epoch += 1;
        if error < self.best - self.min_delta || self.best.is_nan() && !error.is_nan() {
            self.best = error;
            self.best_epoch = self.epoch;
            self.wait = 0;
            true
        } else {
            self.wait += 1;
            false
        }
    }

    pub(super) fn stop_point(&self, patience: usize) -> Option<StopPoint> {
        (self.wait >= patience).then_some(StopPoint {
            epoch: self.epoch,
            kept_epoch: self.best_epoch,
            kept_validation: self.best,
        })
    }
}

/// Reads a run's validation errors (epoch 0 first) as early stopping with `patience` and `min_delta` would:
/// the first epoch at which it would have stopped, if any.
pub fn stop_point(validation: &[f64], patience: usize, min_delta: f64) -> Option<StopPoint> {
    let (&first, rest) = validation.split_first()?;
    let mut watch = Watch::new(first, min_delta);
    rest.iter().find_map(|&error| {
        watch.observe(error);
        watch.stop_point(patience)
    })
}
