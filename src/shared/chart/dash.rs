//! Dash patterns, so that the lines of one chart differ by more than colour (for a colour-blind reader, a
//! washed-out projector or a grey printout): the first line solid, the second dashed, the third dotted.
//! A legend's line sample is drawn with the same pattern as its line.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::polyline::{thin_for, F64Chart};
use super::Style;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dash {
    #[default]
    Solid,
    Dashed,
    Dotted,
}

impl Dash {
    /// The pattern of a chart's `k`th line (from 0): solid, dashed, dotted, then round again.
    pub fn nth(k: usize) -> Dash {
        [Dash::Solid, Dash::Dashed, Dash::Dotted][k % 3]
    }

    /// The lengths of a dash and of the gap after it, in backend pixels; `None` for a solid line. The canvas
    /// caps lines round, which lengthens each dash by the line's width: the gaps leave room for that.
    pub fn lengths(self, style: Style) -> Option<(i32, i32)> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some((style.px(10.0).max(2), style.px(7.0).max(2))),
            Dash::Dotted => Some((style.px(1.5).max(1), style.px(6.5).max(2))),
        }
    }
}

/// A line through backend pixels `points`, in `dash`'s pattern.
pub fn dashed_path<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    points: Vec<(i32, i32)>,
    dash: Dash,
    line: ShapeStyle,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    match dash.lengths(style) {
        None => area.draw(&PathElement::new(points, line)),
        Some((on, off)) => area.draw(&DashedPathElement::new(points, on, off, line)),
    }
}

/// A polyline through `points` on the chart (thinned first), in `dash`'s pattern.
pub fn patterned<DB: DrawingBackend>(
    chart: &mut F64Chart<'_, DB>,
    points: &[(f64, f64)],
    dash: Dash,
    line: ShapeStyle,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let points = thin_for(chart, points);
    match dash.lengths(style) {
        None => chart.draw_series(std::iter::once(PathElement::new(points, line)))?,
        Some((on, off)) => chart.draw_series(std::iter::once(DashedPathElement::new(
            points, on, off, line,
        )))?,
    };
    Ok(())
}
