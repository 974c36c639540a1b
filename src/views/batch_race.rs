//! Batch, mini-batch and stochastic gradient descent from the same start: J over all the points after every
//! update, against epochs. Batch descent is a smooth curve; the smaller the batch, the noisier the path.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{palette, Style};
use crate::core::descent::RaceSeries;
use crate::core::format::tick;

const COLOURS: [RGBColor; 3] = [palette::FORWARD, palette::UPDATE, palette::BACKWARD];

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    race: &[RaceSeries],
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let epochs = race
        .iter()
        .flat_map(|s| s.costs.iter().map(|c| c[0]))
        .fold(1.0, f64::max);
    // The first cost can dwarf the rest; the top is set by what comes after it, so the noise is visible.
    let top = race
        .iter()
        .flat_map(|s| s.costs.iter().skip(1).map(|c| c[1]))
        .chain(
            race.iter()
                .filter_map(|s| s.costs.first().map(|c| c[1] * 0.5)),
        )
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max)
        .max(1e-9)
        * 1.1;
    let font = ("sans-serif", style.font(13.0))
        .into_font()
        .color(&palette::INK);
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(12.0))
        .x_label_area_size(style.px(36.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(0.0..epochs, 0.0..top)?;
    chart
        .configure_mesh()
        .light_line_style(palette::FAINT)
        .bold_line_style(palette::FAINT)
        .axis_style(palette::MUTED)
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .x_desc("epochs (passes over the data)")
        .y_desc("J over all points")
        .y_label_formatter(&|v| tick(*v))
        .draw()?;
    let (legend, legend_width) = (style.px(18.0), style.px(3.0) as u32);
    for (k, series) in race.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        chart
            .draw_series(LineSeries::new(
                series.costs.iter().map(|c| (c[0], c[1].min(top))),
                colour.stroke_width(style.px(2.0).max(1) as u32),
            ))?
            .label(series.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![(x, y), (x + legend, y)],
                    colour.stroke_width(legend_width),
                )
            });
    }
    chart
        .configure_series_labels()
        .label_font(font)
        .background_style(palette::PAPER.mix(0.85))
        .border_style(palette::FAINT)
        .position(SeriesLabelPosition::UpperRight)
        .draw()?;
    area.present()
}
