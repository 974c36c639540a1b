//! |∂E/∂w| per layer on a log scale: bars for the chosen activation (only the layers the backward signal has
//! reached so far), and a line for each other activation from the same weights.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::labs::vanishing::{ActivationReport, Zero};
use crate::shared::chart::{
    activation_colour, along, chart, corner_legend, decade_label, house_mesh, legend_height,
    on_top_of, palette, patterned, whole, x_label_count, Dash, LegendEntry, Style, CHART_MARGIN,
    LEGEND_INSET, X_LABEL_AREA,
};
use crate::shared::format::tick;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chosen: &ActivationReport,
    compared: &[ActivationReport],
    revealed: usize,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let depth = chosen.layers.len();
    let positive = compared
        .iter()
        .flat_map(|r| r.layers.iter().map(|l| l.gradient))
        .filter(|&g| g > 0.0 && g.is_finite());
    let (lo, hi) = positive.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), g| {
        (lo.min(g), hi.max(g))
    });
    let (floor, ceiling) = if lo.is_finite() {
        (lo.log10().floor() - 1.0, hi.log10().ceil())
    } else {
        (-3.0, 0.0)
    };
    let ceiling = ceiling.max(floor + 1.0);
    // Room at the top for the legend, so it covers no bar and no line even on a phone, where no corner of
    // the plot is empty: the legend's height as a share of the plot's, added above the data in decades.
    let entries = 1 + compared
        .iter()
        .filter(|r| r.activation != chosen.activation)
        .count();
    let legend = legend_height(entries, style) + 2 * style.px(LEGEND_INSET);
    let plot =
        (area.dim_in_pixel().1 as i32 - style.px(X_LABEL_AREA) - 2 * style.px(CHART_MARGIN)).max(1);
    let share = (f64::from(legend) / f64::from(plot)).min(0.6);
    let ceiling = (ceiling + (ceiling - floor) * share / (1.0 - share)).ceil();
    let font = (FontFamily::SansSerif, style.font(13.0))
        .into_font()
        .color(&palette::INK);
    let mut chart = chart(area, style, 56.0, 0.5..depth as f64 + 0.5, floor..ceiling)?;
    house_mesh(&mut chart.configure_mesh(), style)
        .disable_x_mesh()
        .x_desc("layer (1 = nearest the input)")
        .y_desc("|∂E/∂w| (log scale)")
        .x_labels(depth.min(x_label_count(area, 28.0, style)))
        .x_label_formatter(&|v| whole(v).map(|_| tick(*v)).unwrap_or_default())
        .y_label_formatter(&decade_label)
        .draw()?;
    let height = |g: f64| if g > 0.0 { g.log10().max(floor) } else { floor };
    let first_shown = depth - revealed.min(depth);
    // What the data covers, for placing the legend: each bar over its area, each line along its length.
    let mut drawn = Vec::new();
    let width = style.px(2.0) as u32;
    let mut entries = vec![LegendEntry {
        label: format!("{} (bars)", chosen.activation.label()),
        colour: activation_colour(chosen.activation),
        bar: true,
        dash: Dash::Solid,
    }];
    for (k, layer) in chosen.layers.iter().enumerate() {
        let x = layer.layer as f64;
        if k < first_shown {
            continue;
        }
        let top = height(layer.gradient);
        for step in 0..=8 {
            let y = floor + (top - floor) * step as f64 / 8.0;
            drawn.extend([(x - 0.3, y), (x, y), (x + 0.3, y)]);
        }
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.3, floor), (x + 0.3, top)],
            activation_colour(chosen.activation).filled(),
        )))?;
        if let Some(zero) = layer.zero {
            let at = chart.backend_coord(&(x, floor));
            let text = match zero {
                Zero::ReluOff | Zero::DeadInput => "0",
                Zero::Underflow => "0*",
            };
            area.draw(&Text::new(
                text,
                (at.0, at.1 - style.px(4.0)),
                font.clone().pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))?;
        }
    }
    let gradients = |r: &ActivationReport| {
        r.layers
            .iter()
            .map(|l| height(l.gradient))
            .collect::<Vec<_>>()
    };
    // Two pixels, in decades of the log axis.
    let tolerance = 2.0 * style.scale * (ceiling - floor)
        / f64::from(chart.plotting_area().dim_in_pixel().1.max(1));
    let mut shown: Vec<&ActivationReport> = vec![chosen];
    for report in compared
        .iter()
        .filter(|r| r.activation != chosen.activation)
    {
        let colour = activation_colour(report.activation);
        // A line with the values of the bars or of an earlier line hides under it; the legend says so.
        let same = shown
            .iter()
            .find(|r| on_top_of(&gradients(r), &gradients(report), tolerance))
            .map(|r| {
                if r.activation == chosen.activation {
                    "the bars".to_string()
                } else {
                    r.activation.label().to_string()
                }
            });
        shown.push(report);
        // On a phone the long form made the legend wider than the plot, over the y axis's labels.
        let narrow = area.dim_in_pixel().0 < style.px(400.0) as u32;
        let label = match (same, narrow) {
            (Some(other), false) => format!("{} (on top of {other})", report.activation.label()),
            (Some(other), true) => format!("{} (= {other})", report.activation.label()),
            (None, _) => report.activation.label().to_string(),
        };
        let points: Vec<(f64, f64)> = report
            .layers
            .iter()
            .map(|l| (l.layer as f64, height(l.gradient)))
            .collect();
        drawn.extend(along(&points, 6));
        // Each line its own dash pattern as well as its colour (the bars are the first entry).
        let dash = Dash::nth(entries.len() - 1);
        entries.push(LegendEntry {
            label,
            colour,
            bar: false,
            dash,
        });
        patterned(&mut chart, &points, dash, colour.stroke_width(width), style)?;
        chart.draw_series(
            points
                .into_iter()
                .map(|p| Circle::new(p, style.px(3.0), colour.filled())),
        )?;
    }
    corner_legend(
        area,
        chart.plotting_area().get_pixel_range(),
        (&drawn, (0.5, depth as f64 + 0.5), (floor, ceiling)),
        &entries,
        style,
    )?;
    area.present()
}
