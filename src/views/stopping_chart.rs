//! The early-stopping lab's errors per epoch, training and validation, on a log scale, with the epoch of the
//! lowest validation error marked, and the epoch where early stopping stopped (or would have).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::palette;
use super::series_chart::{self, Mark, Scale, Series};
use super::Style;
use crate::core::early_stopping::StoppingSnapshot;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &StoppingSnapshot,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let series = [
        Series {
            label: "training error",
            points: &snap.training_history,
            colour: Some(palette::INK),
        },
        Series {
            label: "validation error",
            points: &snap.validation_history,
            colour: Some(palette::BACKWARD),
        },
    ];
    let best = format!("lowest validation error: epoch {}", snap.best_epoch);
    let stop = snap.stop.map(|stop| {
        let verb = if snap.setup.stop_early {
            "stopped"
        } else {
            "would stop"
        };
        format!("{verb}: epoch {}", stop.epoch)
    });
    let mut marks = Vec::with_capacity(2);
    if snap.epoch > 0 {
        marks.push(Mark {
            x: snap.best_epoch as f64,
            label: &best,
            colour: palette::UPDATE,
        });
    }
    if let (Some(stop), Some(label)) = (snap.stop, stop.as_deref()) {
        marks.push(Mark {
            x: stop.epoch as f64,
            label,
            colour: palette::FORWARD,
        });
    }
    series_chart::draw(
        area,
        &series,
        ("epoch", "error (log scale)"),
        Scale::Log10,
        &marks,
        style,
    )
}
