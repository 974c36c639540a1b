//! Training and test loss per epoch on one chart, linear or log₁₀.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::labs::playground::setup::Task;
use crate::labs::playground::PlaygroundSnapshot;
use crate::shared::chart::palette;
use crate::shared::chart::series_chart::{self, Scale, Series};
use crate::shared::chart::Style;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &PlaygroundSnapshot,
    log_scale: bool,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let series = [
        Series {
            label: "training loss",
            points: &snap.training_curve,
            colour: Some(palette::INK),
        },
        Series {
            label: "test loss",
            points: &snap.test_curve,
            colour: Some(palette::BACKWARD),
        },
    ];
    let loss = match snap.task {
        Task::Classification => "cross-entropy",
        Task::Regression => "squared error",
    };
    let (scale, y_desc) = if log_scale {
        (Scale::Log10, format!("{loss} (log)"))
    } else {
        (Scale::Linear, loss.to_string())
    };
    series_chart::draw(area, &series, ("epoch", &y_desc), scale, &[], style)
}
