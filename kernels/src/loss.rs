//! Per-example losses. A batch's loss is the mean of its examples' losses.

use serde::{Deserialize, Serialize};

/// ln(a) is clamped here, as PyTorch's `BCELoss` does, so a saturated sigmoid gives a large loss, not ∞.
const LOG_FLOOR: f64 = -100.0;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// E = ½ Σ (t − a)². The ½ cancels the 2 of the derivative: ∂E/∂a = a − t.
    HalfSquaredError,
    /// E = Σ (t − a)², so ∂E/∂a = 2(a − t): every gradient is exactly twice that of the ½ form.
    SquaredError,
    /// E = −Σ [t ln a + (1 − t) ln(1 − a)], for sigmoid outputs.
    BinaryCrossEntropy,
    /// E = −Σ t ln a, for a softmax output whose targets sum to 1.
    CrossEntropy,
}

impl Loss {
    pub const ALL: [Loss; 4] = [
        Loss::HalfSquaredError,
        Loss::SquaredError,
        Loss::BinaryCrossEntropy,
        Loss::CrossEntropy,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Loss::HalfSquaredError => "half_squared_error",
            Loss::SquaredError => "squared_error",
            Loss::BinaryCrossEntropy => "binary_cross_entropy",
            Loss::CrossEntropy => "cross_entropy",
        }
    }

    /// The loss of one example.
    pub fn value(self, a: &[f64], t: &[f64]) -> f64 {
        let pairs = a.iter().zip(t);
        match self {
            Loss::HalfSquaredError => 0.5 * pairs.map(|(a, t)| (t - a) * (t - a)).sum::<f64>(),
            Loss::SquaredError => pairs.map(|(a, t)| (t - a) * (t - a)).sum(),
            Loss::BinaryCrossEntropy => -pairs
                .map(|(&a, &t)| t * clamped_ln(a) + (1.0 - t) * clamped_ln(1.0 - a))
                .sum::<f64>(),
            Loss::CrossEntropy => -pairs.map(|(&a, &t)| t * clamped_ln(a)).sum::<f64>(),
        }
    }

    /// ∂E/∂aⱼ for every output j.
    pub fn de_da(self, a: &[f64], t: &[f64]) -> Vec<f64> {
        a.iter()
            .zip(t)
            .map(|(&a, &t)| self.de_da_one(a, t))
            .collect()
    }

    /// ∂E/∂a of one output with activation a and target t.
    #[inline]
    pub fn de_da_one(self, a: f64, t: f64) -> f64 {
        match self {
            Loss::HalfSquaredError => a - t,
            Loss::SquaredError => 2.0 * (a - t),
            Loss::BinaryCrossEntropy => (a - t) / (a * (1.0 - a)),
            Loss::CrossEntropy => -t / a,
        }
    }

    /// The formula, for people.
    pub fn formula(self) -> &'static str {
        match self {
            Loss::HalfSquaredError => "E = ½(T − a)²",
            Loss::SquaredError => "E = (T − a)²",
            Loss::BinaryCrossEntropy => "E = −[T ln a + (1 − T) ln(1 − a)]",
            Loss::CrossEntropy => "E = −Σ T ln a",
        }
    }
}

fn clamped_ln(x: f64) -> f64 {
    // libm, not the platform, so native and WebAssembly runs agree bit for bit.
    libm::log(x).max(LOG_FLOOR)
}
