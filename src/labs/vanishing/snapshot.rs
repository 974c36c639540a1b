//! What the vanishing lab shows the page, in one value.

use serde::Serialize;

use super::compare::ActivationReport;
use super::gallery::CurvePoint;
use super::ratio::{DepthRatio, SeedRatio};
use super::setup::ChainSetup;
use super::softmax::SoftmaxView;
use crate::engine::activation::Activation;

/// What the lab shows.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct VanishingSnapshot {
    pub setup: ChainSetup,
    /// The chosen activation's backward pass.
    pub chosen: ActivationReport,
    /// Every compared activation from the same weights (the chosen one included).
    pub compared: Vec<ActivationReport>,
    /// Layers of the backward signal revealed so far, counted from the output (for the animation).
    pub revealed: usize,
    pub ratio_by_depth: Vec<DepthRatio>,
    /// The training comparison's learning rate and number of steps.
    pub train_rate: f64,
    pub train_steps: usize,
    pub seed_ratio: Option<SeedRatio>,
    pub gallery: CurvePoint,
    pub gallery_activation: Activation,
    /// The graph of f and f′ over |z| ≤ 6. Drawn in Rust; not sent to the page.
    #[serde(skip_serializing)]
    pub gallery_curve: Vec<CurvePoint>,
    pub softmax: SoftmaxView,
    /// What the training runs did, in sentences (`compare::training_note`): which stopped learning and why,
    /// and how leaky ReLU's error went beside a dead ReLU.
    pub training_note: String,
}
