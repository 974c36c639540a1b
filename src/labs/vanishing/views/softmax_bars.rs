//! Softmax of a vector of scores: one bar per class, summing to 1. While the panel refuses its fields there are
//! no probabilities, and the plot says so instead of keeping bars that belong to other input.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::labs::vanishing::SoftmaxView;
use crate::shared::chart::{boxed_text, chart, house_mesh, palette, Style};
use crate::shared::format::{sig4, tick};

/// What the plot says while the scores or the temperature are refused.
pub const REFUSED: &str = "No bars for refused input";

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    softmax: &SoftmaxView,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let n = softmax.probabilities.len();
    let font = (FontFamily::SansSerif, style.font(13.0))
        .into_font()
        .color(&palette::INK);
    let mut chart = chart(area, style, 44.0, 0.0..n.max(1) as f64, 0.0..1.0)?;
    house_mesh(&mut chart.configure_mesh(), style)
        .disable_x_mesh()
        .x_labels(0)
        .x_desc("score")
        .y_desc("probability")
        .y_label_formatter(&|v| tick(*v))
        .draw()?;
    if n == 0 {
        let (x, y) = chart.plotting_area().get_pixel_range();
        let middle = ((x.start + x.end) / 2, (y.start + y.end) / 2);
        let base = area.get_base_pixel();
        boxed_text(
            area,
            REFUSED,
            (middle.0 - base.0, middle.1 - base.1),
            &(FontFamily::SansSerif, style.font(13.0)).into_font(),
            palette::INK,
            (HPos::Center, VPos::Center),
            style,
        )?;
        return area.present();
    }
    chart.draw_series(softmax.probabilities.iter().enumerate().map(|(k, &p)| {
        Rectangle::new(
            [(k as f64 + 0.15, 0.0), (k as f64 + 0.85, p)],
            palette::FORWARD.filled(),
        )
    }))?;
    // Each bar's slot, in pixels; when the widest probability does not fit in one (a phone, or many bars), the
    // bars go without them: the page lists every probability as text beneath the chart.
    let (x_range, _) = chart.plotting_area().get_pixel_range();
    let slot = f64::from((x_range.end - x_range.start).max(1)) / n.max(1) as f64;
    let em = style.font(13.0);
    let widest = softmax
        .probabilities
        .iter()
        .map(|&v| sig4(v).chars().count())
        .max()
        .unwrap_or(0);
    let labelled = widest as f64 * 0.6 * em < slot * 0.95;
    for (k, (&p, &s)) in softmax
        .probabilities
        .iter()
        .zip(&softmax.scores)
        .enumerate()
    {
        let top = chart.backend_coord(&(k as f64 + 0.5, p));
        // Above the bar, unless the bar nearly fills the plot: then inside its top, in white, where the label
        // has room instead of being cut off at the plot's edge.
        let (at, anchor, colour) = if p > 0.85 {
            (top.1 + style.px(4.0), VPos::Top, palette::PAPER)
        } else {
            (top.1 - style.px(4.0), VPos::Bottom, palette::INK)
        };
        if labelled {
            area.draw(&Text::new(
                sig4(p),
                (top.0, at),
                font.clone()
                    .color(&colour)
                    .pos(Pos::new(HPos::Center, anchor)),
            ))?;
        }
        let base = chart.backend_coord(&(k as f64 + 0.5, 0.0));
        area.draw(&Text::new(
            sig4(s),
            (base.0, base.1 + style.px(8.0)),
            font.clone().pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }
    area.present()
}
