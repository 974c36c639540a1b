//! A table read from CSV text as people save it: a header row if there is one, commas, semicolons or tabs,
//! quoted fields, decimal commas, a byte-order mark, CRLF line ends, and the usual ways of writing "no value"
//! (empty, `NA`, `N/A`, `?`, `-`). Each column is numbers or categories. The text is untrusted (a student's
//! own file): every refusal says why, and names the line and column at fault where there is one. It knows
//! no lab: any lab that reads a table of data can use it.

use serde::Serialize;

use crate::shared::format::read_number;

/// Larger files are refused before they are read.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Data rows past this are refused.
pub const MAX_ROWS: usize = 100_000;
/// Columns past this are refused: a table this wide is not one a network on this page learns from.
pub const MAX_COLUMNS: usize = 64;

/// The texts read as a missing value (compared without regard to case).
pub const MISSING_MARKERS: [&str; 5] = ["", "NA", "N/A", "?", "-"];

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Number,
    Category,
}

/// One column's values, a value per row; `None` is missing.
#[derive(Clone, Debug, PartialEq)]
pub enum Values {
    Numbers(Vec<Option<f64>>),
    /// Each row's level (an index into `levels`, which are in the order they first appear).
    Categories {
        levels: Vec<String>,
        codes: Vec<Option<usize>>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    pub values: Values,
}

impl Column {
    pub fn kind(&self) -> Kind {
        match self.values {
            Values::Numbers(_) => Kind::Number,
            Values::Categories { .. } => Kind::Category,
        }
    }

    pub fn is_missing(&self, row: usize) -> bool {
        match &self.values {
            Values::Numbers(v) => v[row].is_none(),
            Values::Categories { codes, .. } => codes[row].is_none(),
        }
    }

    /// The value of a row as the file wrote it (numbers as the page writes them), or `None` when missing.
    pub fn text(&self, row: usize) -> Option<String> {
        match &self.values {
            Values::Numbers(v) => v[row].map(crate::shared::format::sig4),
            Values::Categories { levels, codes } => codes[row].map(|c| levels[c].clone()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: usize,
    /// Whether the first line was read as column names (otherwise they are "column 1", "column 2", …).
    pub header: bool,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// Whether any column of the row is missing.
    pub fn row_has_missing(&self, row: usize) -> bool {
        self.columns.iter().any(|c| c.is_missing(row))
    }
}

/// What the page says about a column: its type, how many values it has and lacks, and for numbers the
/// smallest, mean and largest; for categories each level and how often it occurs.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ColumnSummary {
    pub name: String,
    pub kind: Kind,
    pub count: usize,
    pub missing: usize,
    pub min: Option<f64>,
    pub mean: Option<f64>,
    pub max: Option<f64>,
    /// A category's classes, in the order they first appear, and how often each occurs.
    pub levels: Vec<String>,
    pub level_counts: Vec<usize>,
}

pub fn summarise(column: &Column) -> ColumnSummary {
    let mut summary = ColumnSummary {
        name: column.name.clone(),
        kind: column.kind(),
        count: 0,
        missing: 0,
        min: None,
        mean: None,
        max: None,
        levels: Vec::new(),
        level_counts: Vec::new(),
    };
    match &column.values {
        Values::Numbers(v) => {
            let present: Vec<f64> = v.iter().flatten().copied().collect();
            summary.count = present.len();
            summary.missing = v.len() - present.len();
            if !present.is_empty() {
                summary.min = present.iter().copied().reduce(f64::min);
                summary.max = present.iter().copied().reduce(f64::max);
                summary.mean = Some(present.iter().sum::<f64>() / present.len() as f64);
            }
        }
        Values::Categories { levels, codes } => {
            let mut counts = vec![0; levels.len()];
            for c in codes.iter().flatten() {
                counts[*c] += 1;
            }
            summary.count = counts.iter().sum::<usize>();
            summary.missing = codes.len() - summary.count;
            summary.levels = levels.clone();
            summary.level_counts = counts;
        }
    }
    summary
}

pub fn is_missing_marker(text: &str) -> bool {
    MISSING_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(text))
}

/// The separator: a semicolon or a tab where the first line has more of them than commas.
fn separator(first_line: &str) -> u8 {
    let count = |c: char| first_line.matches(c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if tabs > commas && tabs >= semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// A cell as a number. Where the separator is not a comma, a comma is the decimal mark ("1,000" is 1);
/// otherwise a quoted "1,5" is 1.5 but "1,000" (a thousand, or one?) is no number.
fn cell_number(text: &str, separator: u8) -> Option<f64> {
    if separator != b',' && text.matches(',').count() == 1 && !text.contains('.') {
        return text
            .replace(',', ".")
            .replace('−', "-")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite());
    }
    read_number(text)
}

/// Reads CSV text into a table, or says why it cannot.
pub fn read_table(text: &str) -> Result<Table, String> {
    if text.len() > MAX_BYTES {
        return Err(format!(
            "The file is {:.1} MB; the most this page reads is 5 MB.",
            text.len() as f64 / (1024.0 * 1024.0)
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first_line) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err("The file is empty: there is no row to read.".into());
    };
    let separator = separator(first_line);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records: Vec<(u64, Vec<String>)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            format!("Line {line} cannot be read: {}.", plain_csv_error(&e))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        // A line of spaces only; the crate itself skips lines with nothing on them.
        if record.len() == 1 && record[0].is_empty() {
            continue;
        }
        if records.len() > MAX_ROWS {
            return Err(format!(
                "The file has more than {MAX_ROWS} rows of data; the most this page reads is {MAX_ROWS}."
            ));
        }
        records.push((line, record.iter().map(str::to_string).collect()));
    }
    // Text with something on it can still hold no row: a lone quote that never closes, say.
    let Some(first) = records.first() else {
        return Err("The file is empty: there is no row to read.".into());
    };
    let width = first.1.len();
    if width > MAX_COLUMNS {
        return Err(format!(
            "Line {} has {width} columns; the most this page reads is {MAX_COLUMNS}.",
            records[0].0
        ));
    }
    // A first row is a header when none of its fields is a number or a missing value.
    let header = records[0]
        .1
        .iter()
        .all(|f| !is_missing_marker(f) && cell_number(f, separator).is_none());
    let names: Vec<String> = if header {
        records[0].1.clone()
    } else {
        (1..=width).map(|k| format!("column {k}")).collect()
    };
    let data = &records[usize::from(header)..];
    if data.is_empty() {
        return Err("The file has a header row but no rows of data.".into());
    }
    if data.len() > MAX_ROWS {
        return Err(format!(
            "The file has {} rows of data; the most this page reads is {MAX_ROWS}.",
            data.len()
        ));
    }
    for (line, fields) in data {
        if fields.len() != width {
            let (more, column) = if fields.len() > width {
                ("more", width + 1)
            } else {
                ("fewer", fields.len() + 1)
            };
            return Err(format!(
                "Line {line}, column {column}: this row has {} fields, {more} than the {width} of the first row.",
                fields.len()
            ));
        }
    }
    let columns = (0..width)
        .map(|k| read_column(&names[k], k, data, separator))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Table {
        columns,
        rows: data.len(),
        header,
    })
}

/// A column is numbers when at least half its values are; then a value that is not one is refused by its
/// line and column (a typing slip, not a category).
/// The largest number a table may hold (see `read_column`).
const LARGEST: f64 = 1e150;

fn read_column(
    name: &str,
    k: usize,
    data: &[(u64, Vec<String>)],
    separator: u8,
) -> Result<Column, String> {
    let cells: Vec<&str> = data.iter().map(|(_, f)| f[k].as_str()).collect();
    let present = cells.iter().filter(|c| !is_missing_marker(c)).count();
    let numbers: Vec<Option<f64>> = cells.iter().map(|c| cell_number(c, separator)).collect();
    let numeric = numbers.iter().flatten().count();
    if present > 0 && numeric * 2 >= present {
        for (row, cell) in cells.iter().enumerate() {
            if numbers[row].is_none() && !is_missing_marker(cell) {
                return Err(format!(
                    "Line {}, column {} ({}): “{}” is not a number, but the column's other values are.",
                    data[row].0,
                    k + 1,
                    crate::shared::query::shorten(name),
                    crate::shared::query::shorten(cell)
                ));
            }
        }
        // Means, spreads and scaled values square and sum up to 100,000 of these; past 10¹⁵⁰ that overflows
        // f64 (the fuzzer's 1e308 made a mean of inf), so such a number is refused where it stands.
        if let Some(row) = numbers
            .iter()
            .position(|v| v.is_some_and(|v| v.abs() > LARGEST))
        {
            return Err(format!(
                "Line {}, column {} ({}): “{}” is too large: this page reads numbers up to 10¹⁵⁰ in size.",
                data[row].0,
                k + 1,
                crate::shared::query::shorten(name),
                crate::shared::query::shorten(cells[row])
            ));
        }
        return Ok(Column {
            name: name.to_string(),
            values: Values::Numbers(numbers),
        });
    }
    let mut levels: Vec<String> = Vec::new();
    let codes = cells
        .iter()
        .map(|cell| {
            (!is_missing_marker(cell)).then(|| {
                levels.iter().position(|l| l == cell).unwrap_or_else(|| {
                    levels.push(cell.to_string());
                    levels.len() - 1
                })
            })
        })
        .collect();
    Ok(Column {
        name: name.to_string(),
        values: Values::Categories { levels, codes },
    })
}

fn plain_csv_error(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "it is not text in UTF-8".into(),
        _ => "it is not comma- or semicolon-separated text".into(),
    }
}
