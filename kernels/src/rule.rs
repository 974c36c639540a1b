//! One optimizer step's update of a parameter, for each optimizer (following torch.optim). The traced
//! trainer applies it one parameter at a time; the fast trainer applies it to whole runs of parameters with
//! `apply_all`, here, where it is compiled for speed.

/// One step's update of a single parameter. The traced trainer and the fast trainer both go through it, so
/// they apply the very same arithmetic.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    Sgd {
        learning_rate: f64,
    },
    Momentum {
        learning_rate: f64,
        momentum: f64,
    },
    Rmsprop {
        learning_rate: f64,
        decay: f64,
        eps: f64,
    },
    Adam {
        learning_rate: f64,
        beta1: f64,
        beta2: f64,
        eps: f64,
        correction1: f64,
        correction2: f64,
    },
}

impl Rule {
    /// Updates parameter `p` with gradient `g`. `first` is momentum's buffer, RMSprop's square average or
    /// Adam's m; `second` is Adam's v.
    #[inline]
    pub fn apply(self, p: &mut f64, g: f64, first: &mut f64, second: &mut f64) {
        match self {
            Rule::Sgd { learning_rate } => *p -= learning_rate * g,
            Rule::Momentum {
                learning_rate,
                momentum,
            } => {
                *first = momentum * *first + g;
                *p -= learning_rate * *first;
            }
            Rule::Rmsprop {
                learning_rate,
                decay,
                eps,
            } => {
                *first = decay * *first + (1.0 - decay) * g * g;
                *p -= learning_rate * g / (first.sqrt() + eps);
            }
            Rule::Adam {
                learning_rate,
                beta1,
                beta2,
                eps,
                correction1,
                correction2,
            } => {
                *first = beta1 * *first + (1.0 - beta1) * g;
                let m_hat = *first / correction1;
                *second = beta2 * *second + (1.0 - beta2) * g * g;
                let v_hat = *second / correction2;
                *p -= learning_rate * m_hat / (v_hat.sqrt() + eps);
            }
        }
    }
}

impl Rule {
    /// `apply` to every parameter of `params`, with the gradients and buffers at the same positions.
    pub fn apply_all(
        self,
        params: &mut [f64],
        grads: &[f64],
        first: &mut [f64],
        second: &mut [f64],
    ) {
        for (((p, &g), m), v) in params
            .iter_mut()
            .zip(grads)
            .zip(first.iter_mut())
            .zip(second.iter_mut())
        {
            self.apply(p, g, m, v);
        }
    }
}
