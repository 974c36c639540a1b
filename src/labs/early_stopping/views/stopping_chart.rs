//! The early-stopping lab's errors per epoch, training and validation, with the epoch of the lowest
//! validation error marked, the epoch where early stopping stopped (or would have), and the noise floor: the
//! validation error of the noise-free curve itself. Linear by default, where the validation error's turn is
//! plain to see; a log scale shows the training error's long fall.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::labs::early_stopping::StoppingSnapshot;
use crate::shared::chart::palette;
use crate::shared::chart::series_chart::{self, Mark, Scale, Series};
use crate::shared::chart::Style;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &StoppingSnapshot,
    log_scale: bool,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let floor = [
        [0.0, snap.noise_floor],
        [snap.epoch.max(1) as f64, snap.noise_floor],
    ];
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
        Series {
            label: "the noise-free curve's validation error",
            points: &floor,
            colour: Some(palette::MUTED),
        },
    ];
    let word = snap.best_word;
    let best = format!("{word} validation error: epoch {}", snap.best_epoch);
    let best_short = format!("{word}: {}", snap.best_epoch);
    let stop = snap.stop.map(|stop| {
        // "Stopped" only where the run did stop: turned on after the run went past that epoch, it would have.
        let verb = if snap.setup.stop_early && stop.epoch == snap.epoch {
            "stopped"
        } else {
            "would stop"
        };
        (
            format!("{verb}: epoch {}", stop.epoch),
            format!("{verb}: {}", stop.epoch),
        )
    });
    let mut marks = Vec::with_capacity(2);
    if snap.epoch > 0 {
        marks.push(Mark {
            x: snap.best_epoch as f64,
            label: &best,
            short: &best_short,
            colour: palette::UPDATE,
        });
    }
    if let (Some(stop), Some((label, short))) = (snap.stop, stop.as_ref()) {
        marks.push(Mark {
            x: stop.epoch as f64,
            label,
            short,
            colour: palette::FORWARD,
        });
    }
    let (scale, y_desc) = if log_scale {
        // Short enough to stand beside a 16rem chart: the long form was cut to "(log scal" at 1024 px.
        (Scale::Log10, "squared error (log)")
    } else {
        (Scale::Linear, "mean squared error")
    };
    series_chart::draw(area, &series, ("epoch", y_desc), scale, &marks, style)
}
