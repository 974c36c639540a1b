//! What the page asks of the data-preparation lab. A setting of the data or of the network (one key of the
//! address) prepares the data again and clears the run; Train, Evaluate and Compare train or score; the
//! table's page and filter and the scatter's columns only change what is shown. A refused command changes nothing and
//! says why.

use serde::Deserialize;

use super::lab::{DataLab, PAGE_ROWS};
use super::link::{apply_key, data_from_query, data_query};
use super::prepare::indices;
use crate::shared::query::{flag, whole};
use crate::shared::table::{read_table, Kind};

#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DataCommand {
    /// Trains from the starting weights to the epochs set (or until early stopping stops it).
    Train,
    /// Scores the test rows with the trained network.
    Evaluate,
    /// Trains twice from the same start, with and without scaling.
    Compare,
    /// Clears the run (and a diverged one with it).
    Reset,
    /// One setting, written as its key and value in the address (`{type: "set", key: "lr", value: "0.1"}`):
    /// the controls and a link read values alike. A new target leaves the features. Four keys only change
    /// what is shown and are not in the address: `page` (the table's, from 0), `missing_only` (0 or 1),
    /// and `x` and `y` (the scatter's columns).
    Set { key: String, value: String },
    /// A CSV file (or pasted text) of one's own.
    LoadCsv { text: String, name: String },
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
            C::Set { key, value } if ["page", "missing_only", "x", "y"].contains(&key.as_str()) => {
                self.show(&key, &value)
            }
            C::Set { key, value } => {
                let mut setup = self.setup.clone();
                apply_key(&mut setup, &key, &value)?;
                if key == "target" {
                    setup.features.retain(|f| *f != value);
                }
                self.change(setup)
            }
            C::LoadCsv { text, name } => self.load(&text, &name),
            C::UsePenguins => {
                *self = DataLab::new();
                Ok(())
            }
        }
    }

    /// A change of what is shown: the table's page or filter, or the scatter's columns.
    fn show(&mut self, key: &str, value: &str) -> Result<(), String> {
        let (mut page, mut missing_only, (mut x, mut y)) =
            (self.page, self.missing_only, self.scatter);
        match key {
            "page" => page = whole(key, value)?,
            "missing_only" => {
                missing_only = flag(key, value)?;
                page = 0;
            }
            _ => {
                let column = self
                    .table
                    .column(value)
                    .filter(|&c| self.table.columns[c].kind() == Kind::Number)
                    .ok_or_else(|| {
                        format!("The scatter plots number columns; “{value}” is not one.")
                    })?;
                if key == "x" {
                    x = column;
                } else {
                    y = column;
                }
            }
        }
        let shown = indices(self.table.rows, &|r| {
            !missing_only || self.table.row_has_missing(r)
        })
        .len();
        let pages = shown.div_ceil(PAGE_ROWS).max(1);
        if page >= pages {
            return Err(format!(
                "There is no page {}: the table has {pages}.",
                page + 1
            ));
        }
        (self.page, self.missing_only, self.scatter) = (page, missing_only, (x, y));
        Ok(())
    }

    /// The table rows the table view lists: all, or those with a missing value.
    pub fn shown_rows(&self) -> Vec<usize> {
        indices(self.table.rows, &|r| {
            !self.missing_only || self.table.row_has_missing(r)
        })
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
