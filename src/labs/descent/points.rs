//! Points typed in or read from a CSV file: "x, z" lines, with every problem reported by line number.

use super::setup::MAX_POINTS;
use crate::shared::format::read_number;

/// Parses "x, z" lines: typed in, or a CSV file saved from a spreadsheet. Commas, semicolons, tabs or spaces
/// separate the two numbers, and `#` starts a comment. What spreadsheets add is understood too: a first line of
/// column names (no number in it) is skipped, fields may be in double quotes, and where a semicolon or a tab
/// separates the two numbers, a comma inside one is a decimal comma ("1,5; 2,25"). Untrusted text: every
/// problem is reported with its line number, never a panic.
pub fn parse_points(text: &str) -> Result<Vec<[f64; 2]>, String> {
    let mut points = Vec::new();
    let mut first = true;
    for (number, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        // Two readings of the line: split at commas, semicolons, tabs and spaces; or, where a semicolon or a
        // tab separates the numbers, at those alone, so a comma can be a decimal comma. Quotes hold a field
        // together either way.
        let fields = split_fields(line, &[',', ';', '\t', ' ']);
        let wide = split_fields(line, &[';', '\t']);
        // A blank line, or one of separators only (a spreadsheet's empty row), holds nothing.
        if fields.is_empty() {
            continue;
        }
        // Column names: a first line in which neither reading finds a number.
        let header = first && fields.iter().chain(&wide).all(|f| read_number(f).is_none());
        first = false;
        if header {
            continue;
        }
        let pair = match (&fields[..], &wide[..]) {
            ([x, z], _) => (x, z),
            (_, [x, z]) if x.contains(',') || z.contains(',') => (x, z),
            _ => {
                return Err(format!(
                    "Line {}: expected two numbers “x, z”, found {}.",
                    number + 1,
                    fields.len()
                ))
            }
        };
        let parse = |f: &str| -> Result<f64, String> {
            read_number(f).ok_or_else(|| format!("Line {}: “{f}” is not a number.", number + 1))
        };
        points.push([parse(pair.0)?, parse(pair.1)?]);
        if points.len() > MAX_POINTS {
            return Err(format!("At most {MAX_POINTS} points."));
        }
    }
    if points.is_empty() {
        return Err("No points: write one “x, z” pair a line.".into());
    }
    Ok(points)
}

/// The non-empty fields of `line` between any of `separators`, trimmed, with a field's surrounding double
/// quotes taken off; a separator inside quotes belongs to its field (`"1,5";"2,25"` is two fields).
fn split_fields(line: &str, separators: &[char]) -> Vec<String> {
    let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if !quoted && separators.contains(&c) => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
        .into_iter()
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty())
        .collect()
}
