//! The losses lab's training runs: the output a after each update, one line per loss, in the colours of the
//! loss plots, and the target T. Outputs share one scale (0 to 1) where the losses themselves do not.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::loss_plot::loss_colour;
use crate::labs::losses::{loss_name, LossRun};
use crate::shared::chart::palette;
use crate::shared::chart::series_chart::{self, Scale, Series};
use crate::shared::chart::Style;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[LossRun],
    target: f64,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    // The target as a line across the chart, so "stays within 0.1 of T" can be read off it.
    let end = runs
        .iter()
        .map(|r| r.outputs.len())
        .max()
        .unwrap_or(1)
        .saturating_sub(1);
    let goal = [[0.0, target], [end as f64, target]];
    // The target first, so the runs that settle on it are drawn over it, not under it.
    let series: Vec<Series> = std::iter::once(Series {
        label: "target T",
        points: &goal,
        colour: Some(palette::MUTED),
    })
    .chain(runs.iter().map(|r| Series {
        label: loss_name(r.loss),
        points: &r.chart,
        colour: Some(loss_colour(r.loss)),
    }))
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
