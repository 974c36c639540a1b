//! Batch, mini-batch and stochastic gradient descent from the same start: J over all the points after every
//! update, against epochs. Batch descent is a smooth curve; the smaller the batch, the noisier the path.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::series_chart::{self, Scale, Series};
use super::Style;
use crate::core::descent::RaceSeries;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &[RaceSeries],
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let series: Vec<Series> = race
        .iter()
        .map(|s| Series {
            label: &s.label,
            points: &s.costs,
        })
        .collect();
    series_chart::draw(
        area,
        &series,
        ("epochs (passes over the data)", "J over all points"),
        Scale::Linear,
        style,
    )
}
