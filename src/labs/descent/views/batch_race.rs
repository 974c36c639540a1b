//! A race from the same start: J over all the points after every update. For batch sizes, against epochs
//! (batch descent is a smooth curve; the smaller the batch, the noisier the path); for optimizers, against
//! updates.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::labs::descent::RaceSeries;
use crate::shared::chart::series_chart::{self, Scale, Series};
use crate::shared::chart::Style;

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
    // On a linear scale every run that descends drops to the floor after its first updates, and what the
    // race is about (batch against mini-batch noise at 0.06 against 0.1, momentum's swing) is a line of
    // pixels; a diverging run spans hundreds of orders of magnitude. Past a twentyfold range, a log scale
    // shows both, the start whole (linear charts cut a towering first point).
    let (lo, hi) = race
        .iter()
        .flat_map(|s| s.costs.iter().map(|c| c[1]))
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    let (scale, y_desc) = if hi > 0.0 && hi / lo > 20.0 {
        (Scale::Log10, "J over all points (log scale)")
    } else {
        (Scale::Linear, "J over all points")
    };
    series_chart::draw(area, &series, (x_desc, y_desc), scale, &[], style)
}
