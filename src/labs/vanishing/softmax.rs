//! The softmax panel: the scores as typed and the probabilities they give at a temperature.

use serde::Serialize;

use crate::shared::format::read_number;

/// Scores as people type them: separated by commas and spaces, or, when a semicolon separates them, by
/// semicolons and spaces, so that each can have a decimal comma ("0,5; 1"). Each is read as the page reads any
/// number (`format::read_number`).
pub fn read_scores(text: &str) -> Result<Vec<f64>, String> {
    let semicolons = text.contains(';');
    text.split(|c: char| c.is_whitespace() || c == if semicolons { ';' } else { ',' })
        .filter(|s| !s.is_empty())
        .map(|s| {
            read_number(s).ok_or_else(|| {
                let short: String = s.chars().take(24).collect();
                let more = if short.len() < s.len() { "…" } else { "" };
                format!("“{short}{more}” is not a number.")
            })
        })
        .collect()
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct SoftmaxView {
    pub scores: Vec<f64>,
    pub temperature: f64,
    pub probabilities: Vec<f64>,
    pub sum: f64,
}
