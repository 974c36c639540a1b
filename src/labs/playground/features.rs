//! The inputs the network is given: each a function of a point's (x₁, x₂), switched on or off. They are
//! computed once per point when the data or the choice of features changes, and kept; training reads the
//! kept values and never computes them again.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
// Named as the link names them: `x1`, `x2`, `x1sq`, `x2sq`, `x1x2`, `sinx1`, `sinx2`.
#[serde(rename_all = "lowercase")]
pub enum Feature {
    X1,
    X2,
    #[serde(rename = "x1sq")]
    X1Squared,
    #[serde(rename = "x2sq")]
    X2Squared,
    X1X2,
    SinX1,
    SinX2,
}

impl Feature {
    /// In the order the network's inputs take them.
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// The name a link writes: `x1`, `x2`, `x1sq`, `x2sq`, `x1x2`, `sinx1`, `sinx2`.
    pub fn key(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1sq",
            Feature::X2Squared => "x2sq",
            Feature::X1X2 => "x1x2",
            Feature::SinX1 => "sinx1",
            Feature::SinX2 => "sinx2",
        }
    }

    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Feature::X1 => "x₁",
            Feature::X2 => "x₂",
            Feature::X1Squared => "x₁²",
            Feature::X2Squared => "x₂²",
            Feature::X1X2 => "x₁x₂",
            Feature::SinX1 => "sin x₁",
            Feature::SinX2 => "sin x₂",
        }
    }

    pub fn from_key(key: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Its value at a point. The sines are libm's, so the page and the native build get the same bits.
    pub fn value(self, x1: f64, x2: f64) -> f64 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => libm::sin(x1),
            Feature::SinX2 => libm::sin(x2),
        }
    }

    /// x₁ and x₂ themselves: a network on these alone, with no hidden layer, draws a straight boundary.
    pub fn is_linear(self) -> bool {
        matches!(self, Feature::X1 | Feature::X2)
    }
}

/// The features switched on, kept in `Feature::ALL`'s order without repeats (so two equal choices compare
/// equal, and the network's inputs are always in the same order).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(try_from = "Vec<Feature>", into = "Vec<Feature>")]
pub struct Features(Vec<Feature>);

impl Features {
    /// At least one feature, or the reason there is none.
    pub fn new(chosen: impl IntoIterator<Item = Feature>) -> Result<Features, String> {
        let mut list: Vec<Feature> = chosen.into_iter().collect();
        list.sort();
        list.dedup();
        if list.is_empty() {
            return Err("features: switch on at least one input.".into());
        }
        Ok(Features(list))
    }

    pub fn list(&self) -> &[Feature] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, feature: Feature) -> bool {
        self.0.contains(&feature)
    }

    /// The same choice with one feature switched on or off; switching off the last one is refused.
    pub fn with(&self, feature: Feature, on: bool) -> Result<Features, String> {
        let rest = self.0.iter().copied().filter(|&f| f != feature);
        if on {
            Features::new(rest.chain([feature]))
        } else {
            Features::new(rest).map_err(|_| {
                format!(
                    "features: {} is the only input left; switch another on first.",
                    feature.label()
                )
            })
        }
    }

    /// Only x₁ and x₂ (one or both).
    pub fn all_linear(&self) -> bool {
        self.0.iter().all(|f| f.is_linear())
    }

    /// The network's inputs for one point.
    pub fn inputs(&self, x1: f64, x2: f64) -> Vec<f64> {
        self.0.iter().map(|f| f.value(x1, x2)).collect()
    }

    /// `x1,x2,x1x2`, as a link writes them.
    pub fn keys(&self) -> String {
        self.0.iter().map(|f| f.key()).collect::<Vec<_>>().join(",")
    }

    /// "x₁, x₂ and x₁x₂".
    pub fn labels(&self) -> String {
        let labels: Vec<&str> = self.0.iter().map(|f| f.label()).collect();
        match labels.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => labels.join(""),
        }
    }
}

impl Default for Features {
    fn default() -> Features {
        Features(vec![Feature::X1, Feature::X2])
    }
}

impl TryFrom<Vec<Feature>> for Features {
    type Error = String;
    fn try_from(list: Vec<Feature>) -> Result<Features, String> {
        Features::new(list)
    }
}

impl From<Features> for Vec<Feature> {
    fn from(features: Features) -> Vec<Feature> {
        features.0
    }
}
