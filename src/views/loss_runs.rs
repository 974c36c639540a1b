//! The losses lab's training runs: the output a after each update, one line per loss, in the colours of the
//! loss plots. Outputs share one scale (0 to 1) where the losses themselves do not.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::loss_plot::{loss_colour, loss_label};
use super::series_chart::{self, Scale, Series};
use super::Style;
use crate::core::losses::LossRun;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[LossRun],
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let curves: Vec<Vec<[f64; 2]>> = runs
        .iter()
        .map(|r| {
            r.outputs
                .iter()
                .enumerate()
                .map(|(k, &a)| [k as f64, a])
                .collect()
        })
        .collect();
    let series: Vec<Series> = runs
        .iter()
        .zip(&curves)
        .map(|(r, points)| Series {
            label: loss_label(r.loss),
            points,
            colour: Some(loss_colour(r.loss)),
        })
        .collect();
    series_chart::draw(
        area,
        &series,
        ("update", "output a"),
        Scale::Linear,
        &[],
        style,
    )
}
