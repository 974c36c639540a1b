//! Regularisation, applied to every weight (never a bias) right after the optimizer's update, in both
//! trainers, so a traced step and a fast step agree to the bit.
//!
//! Both kinds are decoupled from the optimizer, as in TensorFlow Playground: the optimizer moves a weight by
//! its loss gradient, then the penalty's own step follows, scaled by the learning rate η and the rate λ:
//!
//! - L2, penalty (λ/2)·w²: w ← w − η·λ·w. Under gradient descent that is the same move as adding λ·w to the
//!   gradient (up to rounding); under RMSprop or Adam the penalty is not divided by the optimizer's running
//!   scale (AdamW's weight decay, not Adam's), so the same λ pulls the same way whatever the optimizer.
//! - L1, penalty λ·|w|: w ← w − η·λ·sign(w), except that a weight whose step would cross zero stops at
//!   exactly 0 (the truncated-gradient rule). A weight at 0 stays there unless its loss gradient moves it by
//!   more than η·λ in one step, so inputs that do not help are pruned to exact zeros.
//!
//! The losses the trainers report are the data's alone, without the penalty.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Default)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Regularization {
    #[default]
    None,
    L1 {
        rate: f64,
    },
    L2 {
        rate: f64,
    },
}

impl Regularization {
    /// `l1`, `l2` or `none`.
    pub fn name(&self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L1 { .. } => "l1",
            Regularization::L2 { .. } => "l2",
        }
    }

    /// λ (0 for none).
    pub fn rate(&self) -> f64 {
        match *self {
            Regularization::None => 0.0,
            Regularization::L1 { rate } | Regularization::L2 { rate } => rate,
        }
    }

    /// True when it changes nothing: none, or a rate of 0.
    pub fn is_off(&self) -> bool {
        self.rate() == 0.0
    }

    /// The penalty's step on one weight `w`, already moved by the optimizer, with learning rate η.
    #[inline]
    pub fn apply(self, w: &mut f64, learning_rate: f64) {
        match self {
            Regularization::None => {}
            Regularization::L2 { rate } => *w -= learning_rate * rate * *w,
            Regularization::L1 { rate } => {
                let step = learning_rate * rate;
                // A weight that would cross zero (or land on it) stops at exactly +0; one at 0 stays there.
                if *w > 0.0 {
                    *w = if *w - step > 0.0 { *w - step } else { 0.0 };
                } else if *w < 0.0 {
                    *w = if *w + step < 0.0 { *w + step } else { 0.0 };
                }
            }
        }
    }

    /// `apply` to each weight of a run of weights.
    pub fn apply_all(self, weights: &mut [f64], learning_rate: f64) {
        if self.is_off() {
            return;
        }
        for w in weights {
            self.apply(w, learning_rate);
        }
    }
}
