//! From a table to numbers a network learns from, in the course's order: the target and the features, the
//! rows each missing-value choice keeps, a split stratified by class, fill values and scaling fitted on the
//! training rows alone (so nothing of the validation or test rows leaks into what is learnt), then every
//! kept row encoded: numbers as they are (filled, scaled), categories one-hot.

use serde::Serialize;

use super::setup::{DataSetup, Missing, Scaling};
use crate::engine::rng::Rng;
use crate::shared::format::sig4;
use crate::shared::table::{Table, Values};

/// Which set a kept row is in.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Set {
    Training,
    Validation,
    Test,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub enum Task {
    /// The classes, in the order their names first appear.
    Classification(Vec<String>),
    Regression,
}

/// A feature's fill value, fitted on the training rows.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Fill {
    pub column: String,
    pub value: String,
    /// How it was found: "the mean of 206 training rows".
    pub why: String,
    /// Kept rows whose cell it filled.
    pub cells: usize,
}

/// One numeric input's scaling, fitted on the training rows: x ↦ (x − offset) / divisor.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Scale {
    pub input: String,
    pub offset: f64,
    pub divisor: f64,
    /// The training rows' range before and after.
    pub before_min: f64,
    pub before_max: f64,
    pub after_min: f64,
    pub after_max: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub task: Task,
    pub target: usize,
    pub features: Vec<usize>,
    /// The network's inputs: a number column's name, or "island = Dream" for each level of a category.
    pub inputs: Vec<String>,
    /// Rows kept under each choice of `Missing::ALL`, in that order.
    pub kept_by_choice: [usize; 4],
    /// The kept rows (table rows, in order) and the set of each.
    pub kept: Vec<usize>,
    pub sets: Vec<Set>,
    pub fills: Vec<Fill>,
    /// (table row, column) of every cell filled.
    pub filled: Vec<(usize, usize)>,
    pub scales: Vec<Scale>,
    /// Each kept row's inputs and targets (one-hot classes, or the value in training standard deviations
    /// from the training mean).
    pub encoded: Vec<Vec<f64>>,
    pub targets: Vec<Vec<f64>>,
    /// Regression: the training targets' mean and standard deviation, to give errors in the target's units.
    pub target_scale: (f64, f64),
}

impl Prepared {
    pub fn rows_of(&self, set: Set) -> Vec<usize> {
        indices(self.kept.len(), &|k| self.sets[k] == set)
    }

    /// A kept row's class (classification), or 0.
    pub fn class_of(&self, k: usize) -> usize {
        argmax(&self.targets[k])
    }
}

/// The numbers below `n` that `keep` keeps. One function for every such list (rows of a set, rows kept,
/// rows missing a value), rather than a filtered iterator each: each of those is its own code in the page.
pub fn indices(n: usize, keep: &dyn Fn(usize) -> bool) -> Vec<usize> {
    let mut out = Vec::new();
    for k in 0..n {
        if keep(k) {
            out.push(k);
        }
    }
    out
}

/// The values of `rows` that are there.
fn present(values: &[Option<f64>], rows: &[usize]) -> Vec<f64> {
    let mut out = Vec::with_capacity(rows.len());
    for &r in rows {
        if let Some(v) = values[r] {
            out.push(v);
        }
    }
    out
}

fn one_hot(n: usize, k: usize) -> Vec<f64> {
    let mut v = vec![0.0; n];
    v[k] = 1.0;
    v
}

pub fn argmax(values: &[f64]) -> usize {
    (0..values.len()).fold(0, |best, j| if values[j] > values[best] { j } else { best })
}

fn column_index(table: &Table, name: &str, what: &str) -> Result<usize, String> {
    table.column(name).ok_or_else(|| {
        format!(
            "{what}: the data have no column “{}”.",
            crate::shared::query::shorten(name)
        )
    })
}

/// The rows kept under `choice`, in table order.
pub fn kept_rows(table: &Table, target: usize, features: &[usize], choice: Missing) -> Vec<usize> {
    indices(table.rows, &|r| {
        !table.columns[target].is_missing(r)
            && match choice {
                Missing::DropAny => !table.row_has_missing(r),
                Missing::DropFeatures => features.iter().all(|&c| !table.columns[c].is_missing(r)),
                Missing::FillMean | Missing::FillMedian => true,
            }
    })
}

/// Splits each group (a class, or all rows for a value) by the seed: a share to test, a share to
/// validation, the rest to training.
fn split(groups: &[Vec<usize>], setup: &DataSetup, total: usize) -> Vec<Set> {
    let mut sets = vec![Set::Training; total];
    let mut rng = Rng::new(setup.seed);
    for group in groups {
        let mut order = group.clone();
        rng.shuffle(&mut order);
        let share = |percent: usize| (group.len() * percent + 50) / 100;
        let test = share(setup.test_percent);
        let validation = share(setup.validation_percent);
        for (k, &row) in order.iter().enumerate() {
            if k < test {
                sets[row] = Set::Test;
            } else if k < test + validation {
                sets[row] = Set::Validation;
            }
        }
    }
    sets
}

fn median(values: &mut [f64]) -> f64 {
    let n = values.len();
    let (below, &mut middle, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        middle
    } else {
        // The largest value below the middle one: the other of the middle two.
        (below.iter().copied().fold(f64::NEG_INFINITY, f64::max) + middle) / 2.0
    }
}

fn mean_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len().max(1) as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, var.sqrt())
}

fn range(values: &[f64]) -> (f64, f64) {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo, hi)
}

pub fn prepare(table: &Table, setup: &DataSetup) -> Result<Prepared, String> {
    setup.validate()?;
    let target = column_index(table, &setup.target, "target")?;
    let features = setup
        .features
        .iter()
        .map(|name| column_index(table, name, "features"))
        .collect::<Result<Vec<_>, _>>()?;
    if features.contains(&target) {
        return Err("The target cannot also be a feature.".into());
    }
    let kept_by_choice = Missing::ALL.map(|c| kept_rows(table, target, &features, c).len());
    let kept = kept_rows(table, target, &features, setup.missing);
    let (task, groups) = match &table.columns[target].values {
        Values::Categories { levels, codes } => {
            if levels.len() < 2 || levels.len() > 20 {
                return Err(format!(
                    "target: “{}” has {} classes; a class target needs 2 to 20.",
                    setup.target,
                    levels.len()
                ));
            }
            let groups = (0..levels.len())
                .map(|c| indices(kept.len(), &|k| codes[kept[k]] == Some(c)))
                .collect::<Vec<Vec<usize>>>();
            (Task::Classification(levels.clone()), groups)
        }
        Values::Numbers(_) => (Task::Regression, vec![indices(kept.len(), &|_| true)]),
    };
    let sets = split(&groups, setup, kept.len());
    let training: Vec<usize> = indices(kept.len(), &|k| sets[k] == Set::Training)
        .iter()
        .map(|&k| kept[k])
        .collect();
    if training.is_empty() || sets.iter().all(|&s| s != Set::Validation) {
        return Err(format!(
            "Only {} rows are kept: too few to split into training, validation and test rows.",
            kept.len()
        ));
    }
    let fill = matches!(setup.missing, Missing::FillMean | Missing::FillMedian);
    let mut prepared = Prepared {
        task,
        target,
        features: features.clone(),
        inputs: Vec::new(),
        kept_by_choice,
        kept: kept.clone(),
        sets,
        fills: Vec::new(),
        filled: Vec::new(),
        scales: Vec::new(),
        encoded: vec![Vec::new(); kept.len()],
        targets: Vec::new(),
        target_scale: (0.0, 1.0),
    };
    for &c in &features {
        let column = &table.columns[c];
        let filled_here: Vec<usize> = indices(kept.len(), &|k| column.is_missing(kept[k]))
            .iter()
            .map(|&k| kept[k])
            .collect();
        match &column.values {
            Values::Numbers(values) => {
                let mut present = present(values, &training);
                if present.is_empty() {
                    return Err(format!(
                        "features: “{}” has no value in the training rows.",
                        column.name
                    ));
                }
                let n = present.len();
                let (fill_value, why) = if setup.missing == Missing::FillMedian {
                    (
                        median(&mut present),
                        format!("the median of the {n} training rows that have one"),
                    )
                } else {
                    (
                        mean_sd(&present).0,
                        format!("the mean of the {n} training rows that have one"),
                    )
                };
                let raw: Vec<f64> = kept
                    .iter()
                    .map(|&r| values[r].unwrap_or(fill_value))
                    .collect();
                if fill && !filled_here.is_empty() {
                    prepared.fills.push(Fill {
                        column: column.name.clone(),
                        value: sig4(fill_value),
                        why,
                        cells: filled_here.len(),
                    });
                }
                let training_raw: Vec<f64> =
                    indices(kept.len(), &|k| prepared.sets[k] == Set::Training)
                        .iter()
                        .map(|&k| raw[k])
                        .collect();
                let (offset, divisor) = match setup.scaling {
                    Scaling::None => (0.0, 1.0),
                    Scaling::MinMax => {
                        let (lo, hi) = range(&training_raw);
                        (lo, if hi > lo { hi - lo } else { 1.0 })
                    }
                    Scaling::Standard => {
                        let (mean, sd) = mean_sd(&training_raw);
                        (mean, if sd > 0.0 { sd } else { 1.0 })
                    }
                };
                let scaled = |v: f64| (v - offset) / divisor;
                let before = range(&training_raw);
                prepared.scales.push(Scale {
                    input: column.name.clone(),
                    offset,
                    divisor,
                    before_min: before.0,
                    before_max: before.1,
                    after_min: scaled(before.0),
                    after_max: scaled(before.1),
                });
                prepared.inputs.push(column.name.clone());
                for (k, v) in raw.iter().enumerate() {
                    prepared.encoded[k].push(scaled(*v));
                }
            }
            Values::Categories { levels, codes } => {
                let mut counts = vec![0usize; levels.len()];
                for c in training.iter().filter_map(|&r| codes[r]) {
                    counts[c] += 1;
                }
                // The most frequent level among the training rows (the first of a tie).
                let most =
                    (0..levels.len()).fold(0, |b, j| if counts[j] > counts[b] { j } else { b });
                if fill && !filled_here.is_empty() {
                    prepared.fills.push(Fill {
                        column: column.name.clone(),
                        value: levels[most].clone(),
                        why: format!(
                            "the most frequent of {} training rows",
                            counts.iter().sum::<usize>()
                        ),
                        cells: filled_here.len(),
                    });
                }
                for level in levels {
                    prepared.inputs.push(format!("{} = {level}", column.name));
                }
                for (k, &r) in kept.iter().enumerate() {
                    let code = codes[r].unwrap_or(most);
                    prepared.encoded[k].extend(one_hot(levels.len(), code));
                }
            }
        }
        if fill {
            prepared.filled.extend(filled_here.iter().map(|&r| (r, c)));
        }
    }
    prepared.targets = match (&prepared.task, &table.columns[target].values) {
        (Task::Classification(levels), Values::Categories { codes, .. }) => kept
            .iter()
            .map(|&r| {
                let code = codes[r].unwrap_or(0);
                one_hot(levels.len(), code)
            })
            .collect(),
        (_, Values::Numbers(values)) => {
            let training_targets = present(values, &training);
            let (mean, sd) = mean_sd(&training_targets);
            let sd = if sd > 0.0 { sd } else { 1.0 };
            prepared.target_scale = (mean, sd);
            kept.iter()
                .map(|&r| vec![(values[r].unwrap_or(mean) - mean) / sd])
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(prepared)
}
