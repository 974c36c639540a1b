//! The training comparison of the vanishing-gradient lab: each activation's error over the training steps,
//! on a log scale, in that activation's colour.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::labs::vanishing::ActivationReport;
use crate::shared::chart::series_chart::{self, Scale, Series};
use crate::shared::chart::{activation_colour, Style};

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    compared: &[ActivationReport],
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let curves: Vec<Vec<[f64; 2]>> = compared
        .iter()
        .map(|r| {
            r.losses
                .iter()
                .enumerate()
                .map(|(k, &l)| [k as f64, l])
                .collect()
        })
        .collect();
    let series: Vec<Series> = compared
        .iter()
        .zip(&curves)
        .map(|(r, points)| Series {
            label: r.label,
            points,
            colour: Some(activation_colour(r.activation)),
        })
        .collect();
    series_chart::draw(
        area,
        &series,
        ("training step", "error E (log scale)"),
        Scale::Log10,
        &[],
        style,
    )
}
