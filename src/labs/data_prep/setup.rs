//! What a preparation and a run are made of: the target and feature columns (by name, so a link reads the
//! same for people), the split, the missing-value choice, the scaling, and the network and its training.

use serde::{Deserialize, Serialize};

use crate::engine::{Activation, Optimizer};

pub const MAX_HIDDEN_LAYERS: usize = 3;
pub const MAX_NEURONS: usize = 32;
pub const MAX_EPOCHS: usize = 2000;
pub const MAX_LEARNING_RATE: f64 = 10.0;
/// Rows × epochs a run may take, so a large file of one's own does not freeze the page.
pub const MAX_WORK: usize = 20_000_000;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Rows with a missing value in any column are left out.
    DropAny,
    /// Rows missing the target or one of the chosen features are left out.
    DropFeatures,
    /// Missing numbers get the training rows' mean, missing categories their most frequent level.
    FillMean,
    /// As `FillMean`, with the training rows' median.
    FillMedian,
}

impl Missing {
    pub const ALL: [Missing; 4] = [
        Missing::DropAny,
        Missing::DropFeatures,
        Missing::FillMean,
        Missing::FillMedian,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Missing::DropAny => "drop_any",
            Missing::DropFeatures => "drop_features",
            Missing::FillMean => "fill_mean",
            Missing::FillMedian => "fill_median",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Scaling {
    None,
    /// (x − min) / (max − min): the training rows span [0, 1].
    MinMax,
    /// (x − mean) / standard deviation: the training rows have mean 0 and standard deviation 1.
    Standard,
}

impl Scaling {
    pub fn key(self) -> &'static str {
        match self {
            Scaling::None => "none",
            Scaling::MinMax => "min_max",
            Scaling::Standard => "standard",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Scaling::None => "no scaling",
            Scaling::MinMax => "min-max scaling",
            Scaling::Standard => "standardisation",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    Adam,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct DataSetup {
    pub target: String,
    pub features: Vec<String>,
    pub validation_percent: usize,
    pub test_percent: usize,
    /// The split's seed.
    pub seed: u64,
    pub missing: Missing,
    pub scaling: Scaling,
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub optimizer: OptimizerKind,
    pub learning_rate: f64,
    pub batch: usize,
    pub epochs: usize,
    /// Epochs without a better validation loss before training stops; 0 trains every epoch.
    pub patience: usize,
    pub weight_seed: u64,
}

/// The four measurements of the penguins.
pub const MEASUREMENTS: [&str; 4] = [
    "bill_length_mm",
    "bill_depth_mm",
    "flipper_length_mm",
    "body_mass_g",
];

impl Default for DataSetup {
    fn default() -> DataSetup {
        DataSetup {
            target: "species".into(),
            features: MEASUREMENTS.iter().map(|s| s.to_string()).collect(),
            validation_percent: 20,
            test_percent: 20,
            seed: 1,
            missing: Missing::DropFeatures,
            scaling: Scaling::Standard,
            hidden: vec![8],
            activation: Activation::Tanh,
            optimizer: OptimizerKind::Sgd,
            learning_rate: 0.1,
            batch: 16,
            epochs: 300,
            patience: 30,
            weight_seed: 1,
        }
    }
}

impl DataSetup {
    pub fn optimizer(&self) -> Optimizer {
        match self.optimizer {
            OptimizerKind::Sgd => Optimizer::Sgd {
                learning_rate: self.learning_rate,
            },
            OptimizerKind::Momentum => Optimizer::momentum(self.learning_rate),
            OptimizerKind::Adam => Optimizer::adam(self.learning_rate),
        }
    }

    /// The limits that do not depend on the table (the columns are checked when the data are prepared).
    pub fn validate(&self) -> Result<(), String> {
        if self.features.is_empty() {
            return Err("Choose at least one feature column.".into());
        }
        if self.validation_percent + self.test_percent > 80 {
            return Err(format!(
                "Validation ({}%) and test ({}%) together may take at most 80% of the rows: the rest is what the network learns from.",
                self.validation_percent, self.test_percent
            ));
        }
        if self.validation_percent < 5 || self.test_percent < 5 {
            return Err(
                "Validation and test each need at least 5% of the rows, or there is nothing to measure on."
                    .into(),
            );
        }
        if self.hidden.len() > MAX_HIDDEN_LAYERS {
            return Err(format!(
                "hidden: at most {MAX_HIDDEN_LAYERS} hidden layers."
            ));
        }
        if self.hidden.iter().any(|&n| !(1..=MAX_NEURONS).contains(&n)) {
            return Err(format!(
                "hidden: a hidden layer has 1 to {MAX_NEURONS} neurons."
            ));
        }
        if matches!(self.activation, Activation::Softmax) {
            return Err("act: softmax is only for the output layer.".into());
        }
        if !(self.learning_rate > 0.0 && self.learning_rate <= MAX_LEARNING_RATE) {
            return Err(format!(
                "lr: the learning rate is above 0 and at most {MAX_LEARNING_RATE}."
            ));
        }
        if !(1..=1000).contains(&self.batch) {
            return Err("batch: a batch has 1 to 1000 rows.".into());
        }
        if !(1..=MAX_EPOCHS).contains(&self.epochs) {
            return Err(format!("epochs: from 1 to {MAX_EPOCHS}."));
        }
        if self.patience > MAX_EPOCHS {
            return Err(format!("patience: from 0 (off) to {MAX_EPOCHS} epochs."));
        }
        Ok(())
    }
}
