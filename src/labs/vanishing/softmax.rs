//! The softmax panel: its two fields as typed, and the probabilities they give at that temperature. The
//! panel holds what the fields say even when it refuses them, so it never shows bars for other input: while
//! either field is refused there are no probabilities, and each field's reason is kept for the page to show.

use serde::Serialize;

use crate::engine::activation::softmax;
use crate::shared::format::read_number;

pub const MAX_SCORES: usize = 10;
pub const MAX_SCORE: f64 = 1e6;
pub const MIN_TEMPERATURE: f64 = 0.01;
pub const MAX_TEMPERATURE: f64 = 100.0;

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

/// The scores a softmax can take: read as typed, between 1 and `MAX_SCORES` of them, each within
/// ±`MAX_SCORE`.
pub fn checked_scores(text: &str) -> Result<Vec<f64>, String> {
    let scores = read_scores(text)?;
    if scores.is_empty() || scores.len() > MAX_SCORES {
        return Err(format!("Give between 1 and {MAX_SCORES} scores."));
    }
    if scores.iter().any(|s| s.abs() > MAX_SCORE) {
        return Err("Every score must be a number between −1e6 and 1e6.".into());
    }
    Ok(scores)
}

fn checked_temperature(temperature: f64) -> Result<f64, String> {
    if temperature.is_finite() && (MIN_TEMPERATURE..=MAX_TEMPERATURE).contains(&temperature) {
        Ok(temperature)
    } else {
        Err("The temperature must be between 0.01 and 100.".into())
    }
}

/// Which field a command changed: its reason is said first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    Scores,
    Temperature,
}

/// The panel's fields as the page last sent them, refused or not.
#[derive(Clone, Debug)]
pub(super) struct SoftmaxInput {
    pub(super) text: String,
    pub(super) temperature: f64,
}

impl Default for SoftmaxInput {
    fn default() -> Self {
        SoftmaxInput {
            text: "2, 1, 0.1".into(),
            temperature: 1.0,
        }
    }
}

impl SoftmaxInput {
    /// Why these fields give no probabilities, the field `changed` first; Ok when they give some.
    pub(super) fn refusal(&self, changed: Field) -> Result<(), String> {
        let view = self.view();
        let mut reasons = [
            (Field::Scores, view.scores_error),
            (Field::Temperature, view.temperature_error),
        ];
        reasons.sort_by_key(|(field, _)| *field != changed);
        let said: Vec<String> = reasons.into_iter().filter_map(|(_, r)| r).collect();
        if said.is_empty() {
            Ok(())
        } else {
            Err(said.join(" "))
        }
    }

    pub(super) fn view(&self) -> SoftmaxView {
        let scores = checked_scores(&self.text);
        let temperature = checked_temperature(self.temperature);
        let probabilities = match (&scores, &temperature) {
            (Ok(scores), Ok(t)) => softmax(&scores.iter().map(|s| s / t).collect::<Vec<_>>()),
            _ => Vec::new(),
        };
        SoftmaxView {
            text: self.text.clone(),
            scores: scores.clone().unwrap_or_default(),
            temperature: self.temperature.is_finite().then_some(self.temperature),
            sum: (!probabilities.is_empty()).then(|| probabilities.iter().sum()),
            probabilities,
            scores_error: scores.err(),
            temperature_error: temperature.err(),
        }
    }
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct SoftmaxView {
    /// The scores as typed.
    pub text: String,
    /// The scores read from them; empty while they are refused.
    pub scores: Vec<f64>,
    /// The temperature as sent, when it is a number at all.
    pub temperature: Option<f64>,
    /// One per score, summing to 1; empty while either field is refused, so no picture stands for input
    /// other than what the fields say.
    pub probabilities: Vec<f64>,
    pub sum: Option<f64>,
    /// Why the scores, or the temperature, are refused.
    pub scores_error: Option<String>,
    pub temperature_error: Option<String>,
}
