//! How much smaller the first layer's gradient is than the last's: as the chain deepens, and in the seed's
//! two-neuron example taken apart.

use serde::Serialize;

use super::flow::{layer_reports, Zero};
use super::setup::{ChainSetup, MAX_DEPTH};
use crate::engine::spec::Spec;
use crate::engine::trainer::Trainer;

/// The last layer's |∂E/∂w| over the first's at one depth, or why there is no ratio (the first is 0).
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct DepthRatio {
    pub depth: usize,
    pub ratio: Option<f64>,
    pub zero: Option<Zero>,
}

/// How the first layer's gradient shrinks relative to the last as the chain deepens, depth 2 to MAX_DEPTH.
/// Every depth has an entry: one whose first gradient is 0 says why instead of a ratio.
pub fn ratio_by_depth(setup: &ChainSetup) -> Vec<DepthRatio> {
    (2..=MAX_DEPTH)
        .filter_map(|depth| {
            let deeper = ChainSetup {
                depth,
                ..setup.clone()
            };
            let trace = Trainer::new(deeper.spec(setup.activation)).ok()?.step();
            let layers = layer_reports(&trace);
            let (first, last) = (layers.first()?, layers.last()?);
            Some(DepthRatio {
                depth,
                ratio: (first.gradient > 0.0).then(|| last.gradient / first.gradient),
                zero: first.zero,
            })
        })
        .collect()
}

/// The seed's two-neuron observation, taken apart: ∂E/∂w₁ is 56 times smaller than ∂E/∂w₂, but only the
/// biases' ratio (about 9) is the signal shrinking on its way back through w₂·σ′(z₁); the rest is the inputs
/// the two weights multiply, x = 0.1 against a₁ = 0.6.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct SeedRatio {
    pub de_dw1: f64,
    pub de_dw2: f64,
    pub ratio: f64,
    pub de_db1: f64,
    pub de_db2: f64,
    /// The input w₁ multiplies, and the one w₂ multiplies.
    pub x: f64,
    pub a1: f64,
}

pub fn seed_ratio() -> Option<SeedRatio> {
    let trace = Trainer::new(Spec::two_neuron()).ok()?.step();
    let (de_dw1, de_dw2) = (
        trace.gradients[0].weights[0][0],
        trace.gradients[1].weights[0][0],
    );
    let example = trace.examples.first()?;
    Some(SeedRatio {
        de_dw1,
        de_dw2,
        ratio: de_dw2 / de_dw1,
        de_db1: trace.gradients[0].biases[0],
        de_db2: trace.gradients[1].biases[0],
        x: example.input[0],
        a1: example.layers[0].a[0],
    })
}
