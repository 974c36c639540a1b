//! What the page reads: every count, statistic and sentence as data for DOM text, and (not sent to the page)
//! the curves and points the views draw.

use serde::Serialize;

use super::lab::{DataLab, PAGE_ROWS};
use super::prepare::{indices, Fill, Scale, Set, Task};
use super::run::{Figures, Run};
use super::setup::DataSetup;
use crate::shared::table::{summarise, ColumnSummary, Values};

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct RowView {
    /// Counted from 1, as a spreadsheet's data rows.
    pub number: usize,
    pub missing: bool,
    /// The set the row is in; `None` where it is left out.
    pub set: Option<Set>,
    /// Each cell as the file has it, "missing", or "missing → 43.92" where it was filled.
    pub cells: Vec<String>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct SplitRow {
    pub name: String,
    pub training: usize,
    pub validation: usize,
    pub test: usize,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct RunView {
    pub epochs: usize,
    pub best_epoch: usize,
    pub summary: String,
    pub diverged: bool,
    pub training: Figures,
    pub validation: Figures,
    pub test: Option<Figures>,
    /// "test accuracy 97.1%", once the test rows are scored.
    pub test_sentence: Option<String>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct DataSnapshot {
    pub source: String,
    pub own: bool,
    pub rows: usize,
    pub columns: Vec<ColumnSummary>,
    /// Rows with a missing value in any column, and rows missing every chosen feature.
    pub missing_rows: usize,
    pub missing_every_feature: usize,
    pub setup: DataSetup,
    pub classes: Vec<String>,
    pub regression: bool,
    /// Rows kept under each choice, in the order of `Missing::ALL`.
    pub kept_by_choice: Vec<usize>,
    pub kept: usize,
    pub no_target: usize,
    pub split: Vec<SplitRow>,
    pub inputs: Vec<String>,
    pub fills: Vec<Fill>,
    pub scales: Vec<Scale>,
    pub page: usize,
    pub pages: usize,
    pub shown_rows: usize,
    pub missing_only: bool,
    pub table: Vec<RowView>,
    pub run: Option<RunView>,
    pub comparison: Vec<String>,
    pub scatter_x: String,
    pub scatter_y: String,
    #[serde(skip_serializing)]
    pub curves: Vec<(String, Vec<[f64; 2]>)>,
    #[serde(skip_serializing)]
    pub comparison_curves: Vec<(String, Vec<[f64; 2]>)>,
    /// (x, y, class) of each row with both values; the class is `None` for a value target or a missing one.
    #[serde(skip_serializing)]
    pub points: Vec<(f64, f64, Option<usize>)>,
}

fn percent(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}

fn score(task: &Task, figures: &Figures) -> String {
    match task {
        Task::Classification(_) => figures.accuracy.map_or("–".into(), percent),
        Task::Regression => figures.rmse.map_or("–".into(), crate::shared::format::sig4),
    }
}

fn summary(run: &Run, setup: &DataSetup, task: &Task) -> String {
    let what = match task {
        Task::Classification(_) => "validation accuracy",
        Task::Regression => "validation error (RMSE)",
    };
    let mut score = score(task, &run.validation);
    if let (Task::Classification(classes), Some(accuracy)) = (task, run.validation.accuracy) {
        // Right as often as always naming the most frequent class: nothing learnt from the features.
        let counts: Vec<usize> = run
            .validation
            .confusion
            .iter()
            .map(|r| r.iter().sum())
            .collect();
        let most = (0..counts.len()).fold(0, |b, c| if counts[c] > counts[b] { c } else { b });
        let share = counts[most] as f64 / run.validation.rows.max(1) as f64;
        if accuracy <= share {
            score += &format!(
                ", no better than always answering {} ({} of the validation rows)",
                classes[most],
                percent(share)
            );
        }
    }
    if let Some(epoch) = run.diverged {
        return format!(
            "The run diverged at epoch {epoch}: a weight or the loss stopped being a finite number. The weights of epoch {} (its lowest validation loss) are kept: {what} {score}. Press Reset, then lower the learning rate or scale the features.",
            run.best_epoch
        );
    }
    match run.stopped_at {
        Some(epoch) => format!(
            "Early stopping stopped at epoch {epoch}: the validation loss had not improved for {} epochs since epoch {}, whose weights are kept: {what} {score}.",
            setup.patience, run.best_epoch
        ),
        None if setup.patience > 0 => format!(
            "Trained all {} epochs; the weights of epoch {} (the lowest validation loss) are kept: {what} {score}.",
            run.epoch(),
            run.best_epoch
        ),
        None => format!(
            "Trained all {} epochs (early stopping off); the last weights are kept: {what} {score}.",
            run.epoch()
        ),
    }
}

fn curve(losses: &[f64]) -> Vec<[f64; 2]> {
    losses
        .iter()
        .enumerate()
        .map(|(e, &l)| [e as f64, l])
        .collect()
}

impl DataLab {
    pub fn snapshot(&self) -> DataSnapshot {
        let (table, prepared, setup) = (&self.table, &self.prepared, &self.setup);
        let set_of = |row: usize| {
            prepared
                .kept
                .binary_search(&row)
                .ok()
                .map(|k| prepared.sets[k])
        };
        let shown = self.shown_rows();
        let pages = shown.len().div_ceil(PAGE_ROWS).max(1);
        let page = self.page.min(pages - 1);
        let rows = shown
            .iter()
            .skip(page * PAGE_ROWS)
            .take(PAGE_ROWS)
            .map(|&r| RowView {
                number: r + 1,
                missing: table.row_has_missing(r),
                set: set_of(r),
                cells: (0..table.columns.len())
                    .map(|c| {
                        let text = table.columns[c].text(r);
                        let filled = prepared
                            .filled
                            .contains(&(r, c))
                            .then(|| {
                                let name = &table.columns[c].name;
                                prepared.fills.iter().find(|f| f.column == *name)
                            })
                            .flatten()
                            .map(|f| &f.value);
                        match (text, filled) {
                            (Some(text), _) => text,
                            (None, Some(value)) => format!("missing → {value}"),
                            (None, None) => "missing".into(),
                        }
                    })
                    .collect(),
            })
            .collect();
        let classes = match &prepared.task {
            Task::Classification(c) => c.clone(),
            Task::Regression => Vec::new(),
        };
        let count = |set: Set, keep: &dyn Fn(usize) -> bool| {
            indices(prepared.kept.len(), &|k| prepared.sets[k] == set && keep(k)).len()
        };
        let split_row = |name: String, keep: &dyn Fn(usize) -> bool| SplitRow {
            name,
            training: count(Set::Training, keep),
            validation: count(Set::Validation, keep),
            test: count(Set::Test, keep),
        };
        let mut split: Vec<SplitRow> = classes
            .iter()
            .enumerate()
            .map(|(c, name)| split_row(name.clone(), &|k| prepared.class_of(k) == c))
            .collect();
        split.push(split_row("all".into(), &|_| true));
        let run = self.run.as_ref().map(|run| RunView {
            epochs: run.epoch(),
            best_epoch: run.best_epoch,
            summary: summary(run, setup, &prepared.task),
            diverged: run.diverged.is_some(),
            training: run.training.clone(),
            validation: run.validation.clone(),
            test: run.test.clone(),
            test_sentence: run.test.as_ref().map(|t| match &prepared.task {
                Task::Classification(_) => format!("test accuracy {}", score(&prepared.task, t)),
                Task::Regression => format!("test error (RMSE) {}", score(&prepared.task, t)),
            }),
        });
        let mut curves = Vec::new();
        if let Some(run) = &self.run {
            curves.push(("training loss".to_string(), curve(&run.training_losses)));
            curves.push(("validation loss".to_string(), curve(&run.validation_losses)));
        }
        let (mut comparison, mut comparison_curves) = (Vec::new(), Vec::new());
        if let Some(c) = &self.comparison {
            for (label, run) in c.labels.iter().zip(&c.runs) {
                let what = summary(run, setup, &prepared.task);
                let mut chars = what.chars();
                let first = chars.next().map(|c| c.to_ascii_lowercase());
                comparison.push(format!(
                    "With {label}: {}{}",
                    first.map(String::from).unwrap_or_default(),
                    chars.as_str()
                ));
                comparison_curves.push((
                    format!("validation loss, {label}"),
                    curve(&run.validation_losses),
                ));
            }
        }
        let (x, y) = self.scatter;
        let number = |c: usize, r: usize| match &table.columns[c].values {
            Values::Numbers(v) => v[r],
            Values::Categories { .. } => None,
        };
        let class = |r: usize| match &table.columns[prepared.target].values {
            Values::Categories { codes, .. } => codes[r],
            Values::Numbers(_) => None,
        };
        let points = (0..table.rows)
            .filter_map(|r| Some((number(x, r)?, number(y, r)?, class(r))))
            .collect();
        DataSnapshot {
            source: self
                .source
                .clone()
                .unwrap_or_else(|| "the Palmer penguins".into()),
            own: self.source.is_some(),
            rows: table.rows,
            columns: table.columns.iter().map(summarise).collect(),
            missing_rows: indices(table.rows, &|r| table.row_has_missing(r)).len(),
            missing_every_feature: indices(table.rows, &|r| {
                prepared
                    .features
                    .iter()
                    .all(|&c| table.columns[c].is_missing(r))
            })
            .len(),
            setup: setup.clone(),
            regression: classes.is_empty(),
            classes,
            kept_by_choice: prepared.kept_by_choice.to_vec(),
            kept: prepared.kept.len(),
            no_target: indices(table.rows, &|r| {
                table.columns[prepared.target].is_missing(r)
            })
            .len(),
            split,
            inputs: prepared.inputs.clone(),
            fills: prepared.fills.clone(),
            scales: prepared.scales.clone(),
            page,
            pages,
            shown_rows: shown.len(),
            missing_only: self.missing_only,
            table: rows,
            run,
            comparison,
            scatter_x: table.columns[x].name.clone(),
            scatter_y: table.columns[y].name.clone(),
            curves,
            comparison_curves,
            points,
        }
    }
}
