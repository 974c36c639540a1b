//! Points added, moved and removed by hand. The lab keeps the list of edits made to the generated points
//! (so a link can carry them, and a change of split keeps them), and refuses an edit with its reason: a
//! point outside the square, a label that is not a class, a point that is not there.

use serde::{Deserialize, Serialize};

use super::data::Point;
use super::setup::{Task, HALF, MAX_POINTS};
use crate::shared::format::sig4;
use crate::shared::query::{number, shorten, whole, write};

/// A link carries at most this many edits; moving the same point again replaces its last move.
pub const MAX_EDITS: usize = 100;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// A training point: of class `target` (0 or 1), or with the value `target` (in [−1, 1]).
    Add {
        x1: f64,
        x2: f64,
        target: f64,
    },
    Move {
        index: usize,
        x1: f64,
        x2: f64,
    },
    Remove {
        index: usize,
    },
}

/// A place in the square, or why not.
pub fn check_inside(x1: f64, x2: f64) -> Result<(), String> {
    if !(x1.is_finite() && x2.is_finite()) {
        return Err("A point needs two numbers for x₁ and x₂.".into());
    }
    if x1.abs() > HALF || x2.abs() > HALF {
        return Err(format!(
            "({}, {}) is outside the square: x₁ and x₂ are from −{HALF} to {HALF}.",
            sig4(x1),
            sig4(x2)
        ));
    }
    Ok(())
}

pub fn check_target(task: Task, target: f64) -> Result<(), String> {
    match task {
        Task::Classification if target != 0.0 && target != 1.0 => {
            Err("A point's class is 0 or 1.".into())
        }
        Task::Regression if !(-1.0..=1.0).contains(&target) => {
            Err("A point's value is from −1 to 1.".into())
        }
        _ => Ok(()),
    }
}

impl Edit {
    /// Applies the edit to `points`; a refused edit changes nothing.
    pub fn apply(self, points: &mut Vec<Point>, task: Task) -> Result<(), String> {
        let there = |index: usize| {
            if index < points.len() {
                Ok(())
            } else {
                Err(format!(
                    "There is no point {index}: the points are numbered 0 to {}.",
                    points.len().saturating_sub(1)
                ))
            }
        };
        match self {
            Edit::Add { x1, x2, target } => {
                check_inside(x1, x2)?;
                check_target(task, target)?;
                if points.len() >= MAX_POINTS {
                    return Err(format!(
                        "There are already {MAX_POINTS} points, the most the lab holds."
                    ));
                }
                points.push(Point::new(x1, x2, target));
            }
            Edit::Move { index, x1, x2 } => {
                there(index)?;
                check_inside(x1, x2)?;
                points[index].x1 = x1;
                points[index].x2 = x2;
            }
            Edit::Remove { index } => {
                there(index)?;
                let test = points[index].test;
                if points.iter().filter(|p| p.test == test).count() == 1 {
                    let set = if test { "test" } else { "training" };
                    return Err(format!("This is the last {set} point; keep at least one."));
                }
                points.remove(index);
            }
        }
        Ok(())
    }

    /// `a1.5:-2:1` (add at (1.5, −2), class or value 1), `m3:0.5:0.5` (move point 3), `r7` (remove point 7).
    pub fn encode(self) -> String {
        match self {
            Edit::Add { x1, x2, target } => {
                format!("a{}:{}:{}", write(x1), write(x2), write(target))
            }
            Edit::Move { index, x1, x2 } => format!("m{index}:{}:{}", write(x1), write(x2)),
            Edit::Remove { index } => format!("r{index}"),
        }
    }

    /// Reads one edit as `encode` writes it; the error names the `edits` key.
    pub fn decode(text: &str) -> Result<Edit, String> {
        const KEY: &str = "edits";
        let bad = || {
            format!(
                "edits: “{}” is not an edit (a x1:x2:target, m index:x1:x2 or r index).",
                shorten(text)
            )
        };
        let mut chars = text.chars();
        let kind = chars.next().ok_or_else(bad)?;
        let parts: Vec<&str> = chars.as_str().split(':').collect();
        match (kind, parts.as_slice()) {
            ('a', [x1, x2, t]) => Ok(Edit::Add {
                x1: number(KEY, x1)?,
                x2: number(KEY, x2)?,
                target: number(KEY, t)?,
            }),
            ('m', [k, x1, x2]) => Ok(Edit::Move {
                index: whole(KEY, k)?,
                x1: number(KEY, x1)?,
                x2: number(KEY, x2)?,
            }),
            ('r', [k]) => Ok(Edit::Remove {
                index: whole(KEY, k)?,
            }),
            _ => Err(bad()),
        }
    }
}

/// Adds an edit to the record, a move of the point moved just before replacing that move.
pub fn record(edits: &mut Vec<Edit>, edit: Edit) -> Result<(), String> {
    if let Some(last) = edits.last_mut() {
        if let (Edit::Move { index, .. }, Edit::Move { index: moved, .. }) = (edit, *last) {
            if index == moved {
                *last = edit;
                return Ok(());
            }
        }
    }
    if edits.len() >= MAX_EDITS {
        return Err(format!(
            "The lab keeps at most {MAX_EDITS} edits to the generated points; a new seed or dataset starts afresh."
        ));
    }
    edits.push(edit);
    Ok(())
}

/// The edits as a link's value, comma-separated.
pub fn encode_all(edits: &[Edit]) -> String {
    edits
        .iter()
        .map(|e| e.encode())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn decode_all(text: &str) -> Result<Vec<Edit>, String> {
    let edits = text
        .split(',')
        .filter(|t| !t.is_empty())
        .map(Edit::decode)
        .collect::<Result<Vec<_>, _>>()?;
    if edits.len() > MAX_EDITS {
        return Err(format!("edits: at most {MAX_EDITS}."));
    }
    Ok(edits)
}
