//! The lab's state: the table (the penguins, or a file of one's own), the setup and its preparation, the run
//! once trained, the comparison once made, and what the table view shows (its page, rows with holes only,
//! the scatter's columns). Every change of the setup prepares the data again and clears the run, so what is
//! on show was always trained on the data as they are now prepared.

use super::prepare::{indices, prepare, Prepared};
use super::run::Run;
use super::setup::{DataSetup, Scaling, MAX_WORK};
use crate::shared::table::{read_table, Kind, Table, Values};

/// The Palmer penguins (CC0; data/penguins/README.md), inside the page: no network at run time.
pub const PENGUINS: &str = include_str!("../../../data/penguins/penguins.csv");

/// Rows the table shows at a time.
pub const PAGE_ROWS: usize = 12;

/// The same network from the same start, trained twice: as set up, and with the other scaling.
pub struct Comparison {
    pub labels: [String; 2],
    pub runs: [Run; 2],
}

pub struct DataLab {
    pub(super) table: Table,
    /// The name of a file of one's own; `None` for the penguins.
    pub(super) source: Option<String>,
    pub(super) setup: DataSetup,
    pub(super) prepared: Prepared,
    pub(super) run: Option<Run>,
    pub(super) comparison: Option<Comparison>,
    pub(super) page: usize,
    pub(super) missing_only: bool,
    /// The scatter's x and y columns.
    pub(super) scatter: (usize, usize),
}

impl DataLab {
    pub fn new() -> DataLab {
        let table = read_table(PENGUINS).expect("the penguins read");
        DataLab::with_table(table, None, DataSetup::default()).expect("the default setup prepares")
    }

    /// A table and a setup for it, prepared.
    pub fn with_table(
        table: Table,
        source: Option<String>,
        setup: DataSetup,
    ) -> Result<DataLab, String> {
        let prepared = prepare(&table, &setup)?;
        let numbers = indices(table.columns.len(), &|c| {
            table.columns[c].kind() == Kind::Number && c != prepared.target
        });
        let first = prepared.features.first().copied().unwrap_or(0);
        let scatter = (
            numbers.first().copied().unwrap_or(first),
            numbers.get(1).or(numbers.first()).copied().unwrap_or(first),
        );
        Ok(DataLab {
            table,
            source,
            setup,
            prepared,
            run: None,
            comparison: None,
            page: 0,
            missing_only: false,
            scatter,
        })
    }

    pub fn setup(&self) -> &DataSetup {
        &self.setup
    }

    pub fn prepared(&self) -> &Prepared {
        &self.prepared
    }

    pub fn table(&self) -> &Table {
        &self.table
    }

    pub fn run(&self) -> Option<&Run> {
        self.run.as_ref()
    }

    /// A new setup: the data prepared again and the run cleared; a setup that cannot be prepared changes
    /// nothing.
    pub(super) fn change(&mut self, setup: DataSetup) -> Result<(), String> {
        setup.validate()?;
        if setup == self.setup {
            return Ok(());
        }
        self.prepared = prepare(&self.table, &setup)?;
        self.setup = setup;
        self.run = None;
        self.comparison = None;
        Ok(())
    }

    fn work_check(&self) -> Result<(), String> {
        let rows = self.prepared.kept.len();
        if rows.saturating_mul(self.setup.epochs) > MAX_WORK {
            return Err(format!(
                "{rows} rows for {} epochs is more than this page trains at once: lower the epochs to {} or fewer.",
                self.setup.epochs,
                (MAX_WORK / rows.max(1)).max(1)
            ));
        }
        Ok(())
    }

    /// A run trained as set up, from the starting weights.
    fn trained(&self, setup: &DataSetup, prepared: &Prepared) -> Result<Run, String> {
        let mut run = Run::new(prepared, setup)?;
        run.train(prepared, setup);
        Ok(run)
    }

    pub(super) fn train(&mut self) -> Result<(), String> {
        self.work_check()?;
        self.run = Some(self.trained(&self.setup, &self.prepared)?);
        Ok(())
    }

    pub(super) fn evaluate(&mut self) -> Result<(), String> {
        let prepared = &self.prepared;
        let run = self
            .run
            .as_mut()
            .ok_or("Train the network first: the test rows are scored once, after training.")?;
        run.evaluate(prepared);
        Ok(())
    }

    /// Trains the network as set up and, from the same start, with the other scaling (none, or
    /// standardisation when none is chosen).
    pub(super) fn compare(&mut self) -> Result<(), String> {
        self.work_check()?;
        let other_scaling = if self.setup.scaling == Scaling::None {
            Scaling::Standard
        } else {
            Scaling::None
        };
        let mut other = self.setup.clone();
        other.scaling = other_scaling;
        let other_prepared = prepare(&self.table, &other)?;
        let runs = [
            self.trained(&self.setup, &self.prepared)?,
            self.trained(&other, &other_prepared)?,
        ];
        self.comparison = Some(Comparison {
            labels: [
                self.setup.scaling.label().to_string(),
                other_scaling.label().to_string(),
            ],
            runs,
        });
        Ok(())
    }

    /// A file of one's own: its target is the last category column with 2 to 20 classes (else the last
    /// number column), its features every other number column; the network's settings stay.
    pub(super) fn load(&mut self, text: &str, name: &str) -> Result<(), String> {
        let table = read_table(text)?;
        let kinds: Vec<Kind> = table.columns.iter().map(|c| c.kind()).collect();
        let class_column = (0..kinds.len())
            .rev()
            .find(|&c| match &table.columns[c].values {
                Values::Categories { levels, .. } => (2..=20).contains(&levels.len()),
                Values::Numbers(_) => false,
            });
        let target = class_column
            .or_else(|| (0..kinds.len()).rev().find(|&c| kinds[c] == Kind::Number))
            .ok_or("The file has no column that could be a target.")?;
        let mut features: Vec<String> = (0..kinds.len())
            .filter(|&c| c != target && kinds[c] == Kind::Number)
            .map(|c| table.columns[c].name.clone())
            .collect();
        if features.is_empty() {
            features = (0..kinds.len())
                .filter(|&c| c != target)
                .map(|c| table.columns[c].name.clone())
                .collect();
        }
        let setup = DataSetup {
            target: table.columns[target].name.clone(),
            features,
            ..self.setup.clone()
        };
        let name = crate::shared::query::shorten(name.trim());
        let name = if name.is_empty() {
            "your data".to_string()
        } else {
            name
        };
        *self = DataLab::with_table(table, Some(name), setup)?;
        Ok(())
    }
}

impl Default for DataLab {
    fn default() -> DataLab {
        DataLab::new()
    }
}
