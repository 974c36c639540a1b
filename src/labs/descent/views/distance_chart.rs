//! How far each step is from the minimum, on a log scale. Every step on all the points multiplies the
//! distance by the same factor, |1 − c·η|, so the run is a straight line: up for divergence, down for
//! convergence, flat at the edge η = 2/c. The cost curve cannot show this: a diverging run's points leave it
//! by its top edge, and a converging zigzag's later steps sink into its floor. The factor itself is DOM text
//! beside the chart, from the snapshot.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::labs::descent::{DescentSnapshot, Model};
use crate::shared::chart::series_chart::{self, Scale, Series};
use crate::shared::chart::{palette, Style};

/// Up to this many steps each one is a dot, to be counted; beyond, the dots would run into a smear.
const DOTTED_STEPS: usize = 40;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &DescentSnapshot,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, b) = snap.param_names;
    let label = match snap.setup.model {
        Model::Slope => format!("|{w} − {w}*|, the distance to the minimum"),
        Model::SlopeAndIntercept => format!("distance from ({w}, {b}) to the minimum ({w}*, {b}*)"),
    };
    let series = [Series {
        label: &label,
        points: &snap.distances,
        colour: Some(palette::BACKWARD),
    }];
    let descriptions = ("step", "distance (log scale)");
    if snap.distances.len() <= DOTTED_STEPS + 1 {
        series_chart::draw_dotted(area, &series, descriptions, Scale::Log10, style)
    } else {
        series_chart::draw(area, &series, descriptions, Scale::Log10, &[], style)
    }
}
