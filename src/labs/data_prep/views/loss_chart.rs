//! Losses per epoch on one chart: the run's training and validation losses, or the comparison's two
//! validation curves (the same network from the same start, scaled and not).

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::labs::data_prep::DataSnapshot;
use crate::shared::chart::palette;
use crate::shared::chart::series_chart::{self, Scale, Series};
use crate::shared::chart::Style;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &DataSnapshot,
    comparison: bool,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let curves = if comparison {
        &snap.comparison_curves
    } else {
        &snap.curves
    };
    let colours = [palette::INK, palette::BACKWARD];
    let series: Vec<Series> = curves
        .iter()
        .zip(colours)
        .map(|((label, points), colour)| Series {
            label,
            points,
            colour: Some(colour),
        })
        .collect();
    let loss = if snap.regression {
        "squared error"
    } else {
        "cross-entropy"
    };
    series_chart::draw(
        area,
        &series,
        ("epoch", &format!("{loss} (log)")),
        Scale::Log10,
        &[],
        style,
    )
}
