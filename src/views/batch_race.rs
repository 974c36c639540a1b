//! A race from the same start: J over all the points after every update. For batch sizes, against epochs
//! (batch descent is a smooth curve; the smaller the batch, the noisier the path); for optimizers, against
//! updates.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::series_chart::{self, Scale, Series};
use super::Style;
use crate::core::descent::RaceSeries;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &[RaceSeries],
    x_desc: &str,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let series: Vec<Series> = race
        .iter()
        .map(|s| Series {
            colour: None,
            label: &s.label,
            points: &s.costs,
        })
        .collect();
    // A diverging run spans hundreds of orders of magnitude: then only a log scale shows every run.
    let (lo, hi) = race
        .iter()
        .flat_map(|s| s.costs.iter().map(|c| c[1]))
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    let (scale, y_desc) = if hi > 0.0 && hi / lo > 1e4 {
        (Scale::Log10, "J over all points (log scale)")
    } else {
        (Scale::Linear, "J over all points")
    };
    series_chart::draw(area, &series, (x_desc, y_desc), scale, &[], style)
}
