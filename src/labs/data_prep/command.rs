//! What the page asks of the data-preparation lab. A setting of the data or of the network prepares the data
//! again and clears the run; Train, Evaluate and Compare train or score; the table's page, its filter and
//! the scatter's columns only change what is shown. A refused command changes nothing and says why.

use serde::Deserialize;

use super::lab::{DataLab, PAGE_ROWS};
use super::link::{data_from_query, data_query};
use super::setup::{Missing, OptimizerKind, Scaling};
use crate::engine::Activation;
use crate::shared::table::{read_table, Kind};

#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum DataCommand {
    /// Trains from the starting weights to the epochs set (or until early stopping stops it).
    Train,
    /// Scores the test rows with the trained network.
    Evaluate,
    /// Trains twice from the same start, with and without scaling.
    Compare,
    /// Clears the run (and a diverged one with it).
    Reset,
    SetTarget {
        column: String,
    },
    SetFeature {
        column: String,
        on: bool,
    },
    SetSplit {
        validation: usize,
        test: usize,
    },
    SetSeed {
        seed: u64,
    },
    SetMissing {
        missing: Missing,
    },
    SetScaling {
        scaling: Scaling,
    },
    SetHidden {
        hidden: Vec<usize>,
    },
    SetActivation {
        activation: Activation,
    },
    SetOptimizer {
        optimizer: OptimizerKind,
    },
    SetLearningRate {
        learning_rate: f64,
    },
    SetBatch {
        batch: usize,
    },
    SetEpochs {
        epochs: usize,
    },
    SetPatience {
        patience: usize,
    },
    SetPage {
        page: usize,
    },
    SetMissingOnly {
        on: bool,
    },
    SetScatter {
        x: String,
        y: String,
    },
    /// A CSV file (or pasted text) of one's own.
    LoadCsv {
        text: String,
        name: String,
    },
    /// Back to the penguins with the default setup.
    UsePenguins,
}

impl DataLab {
    pub fn apply(&mut self, command: DataCommand) -> Result<(), String> {
        use DataCommand as C;
        match command {
            C::Train => self.train(),
            C::Evaluate => self.evaluate(),
            C::Compare => self.compare(),
            C::Reset => {
                self.run = None;
                self.comparison = None;
                Ok(())
            }
            C::SetTarget { column } => self.change(|s| {
                s.features.retain(|f| *f != column);
                s.target = column;
            }),
            C::SetFeature { column, on } => {
                if self.table.column(&column).is_none() {
                    return Err(format!("The data have no column “{column}”."));
                }
                if on && column == self.setup.target {
                    return Err(format!(
                        "“{column}” is the target: choose another target first."
                    ));
                }
                let order: Vec<String> =
                    self.table.columns.iter().map(|c| c.name.clone()).collect();
                self.change(|s| {
                    s.features.retain(|f| *f != column);
                    if on {
                        s.features.push(column);
                    }
                    s.features
                        .sort_by_key(|f| order.iter().position(|o| o == f).unwrap_or(usize::MAX));
                })
            }
            C::SetSplit { validation, test } => self.change(|s| {
                s.validation_percent = validation;
                s.test_percent = test;
            }),
            C::SetSeed { seed } => self.change(|s| s.seed = seed),
            C::SetMissing { missing } => self.change(|s| s.missing = missing),
            C::SetScaling { scaling } => self.change(|s| s.scaling = scaling),
            C::SetHidden { hidden } => self.change(|s| s.hidden = hidden),
            C::SetActivation { activation } => self.change(|s| s.activation = activation),
            C::SetOptimizer { optimizer } => self.change(|s| s.optimizer = optimizer),
            C::SetLearningRate { learning_rate } => {
                self.change(|s| s.learning_rate = learning_rate)
            }
            C::SetBatch { batch } => self.change(|s| s.batch = batch),
            C::SetEpochs { epochs } => self.change(|s| s.epochs = epochs),
            C::SetPatience { patience } => self.change(|s| s.patience = patience),
            C::SetPage { page } => {
                let pages = self.shown_rows().len().div_ceil(PAGE_ROWS).max(1);
                if page >= pages {
                    return Err(format!(
                        "There is no page {}: the table has {pages}.",
                        page + 1
                    ));
                }
                self.page = page;
                Ok(())
            }
            C::SetMissingOnly { on } => {
                self.missing_only = on;
                self.page = 0;
                Ok(())
            }
            C::SetScatter { x, y } => {
                let number = |name: &str| {
                    self.table
                        .column(name)
                        .filter(|&c| self.table.columns[c].kind() == Kind::Number)
                        .ok_or_else(|| {
                            format!("The scatter plots number columns; “{name}” is not one.")
                        })
                };
                self.scatter = (number(&x)?, number(&y)?);
                Ok(())
            }
            C::LoadCsv { text, name } => self.load(&text, &name),
            C::UsePenguins => {
                *self = DataLab::new();
                Ok(())
            }
        }
    }

    /// The table rows the table view lists: all, or those with a missing value.
    pub fn shown_rows(&self) -> Vec<usize> {
        (0..self.table.rows)
            .filter(|&r| !self.missing_only || self.table.row_has_missing(r))
            .collect()
    }

    /// The link of this setup; none for a file of one's own (it is not put in the address).
    pub fn link(&self) -> Option<String> {
        self.source.is_none().then(|| data_query(&self.setup))
    }

    /// Opens the setup a link describes, on the penguins. A refused link changes nothing.
    pub fn open_link(&mut self, query: &str) -> Result<(), String> {
        let setup = data_from_query(query)?;
        let table = read_table(super::lab::PENGUINS)?;
        *self = DataLab::with_table(table, None, setup)?;
        Ok(())
    }
}

impl crate::shared::lab::Lab for DataLab {
    type Command = DataCommand;
    type Snapshot = super::snapshot::DataSnapshot;

    fn apply(&mut self, command: DataCommand) -> Result<(), String> {
        DataLab::apply(self, command)
    }
    fn snapshot(&self) -> Self::Snapshot {
        DataLab::snapshot(self)
    }
    fn link(&self) -> Option<String> {
        DataLab::link(self)
    }
    fn open_link(&mut self, query: &str) -> Result<(), String> {
        DataLab::open_link(self, query)
    }
}
