//! The compared losses against z, through a sigmoid, for one target: either E itself or its slope ∂E/∂z,
//! with the chosen z marked on every curve. Side by side, the two plots show squared error flattening where
//! the sigmoid saturates while cross-entropy keeps climbing.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{boxed_text, chart, corner_legend, house_mesh, palette, LegendEntry, Style};
use crate::core::format::tick;
use crate::core::losses::{CurvePoint, LossAtZ, COMPARED, Z_RANGE};
use crate::core::Loss;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// E(z).
    Loss,
    /// ∂E/∂z.
    Slope,
}

/// Each loss's colour, the same in the plots and in the training runs.
pub fn loss_colour(loss: Loss) -> RGBColor {
    match loss {
        Loss::HalfSquaredError => palette::FORWARD,
        Loss::SquaredError => palette::HIGHLIGHT,
        _ => palette::UPDATE,
    }
}

/// The short names the legends use.
pub fn loss_label(loss: Loss) -> &'static str {
    match loss {
        Loss::HalfSquaredError => "½(T − a)²",
        Loss::SquaredError => "(T − a)²",
        _ => "cross-entropy",
    }
}

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    curve: &[CurvePoint],
    at: (f64, &[LossAtZ]),
    quantity: Quantity,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let value = |p: &CurvePoint, k: usize| match quantity {
        Quantity::Loss => p.e[k],
        Quantity::Slope => p.de_dz[k],
    };
    let (lo, hi) = curve
        .iter()
        .flat_map(|p| (0..COMPARED.len()).map(move |k| value(p, k)))
        .filter(|v| v.is_finite())
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = ((hi - lo) * 0.06).max(1e-3);
    let (bottom, top) = (lo - pad, hi + pad);
    // Room for a signed tick label ("-0.3") beside the axis title.
    let mut chart = chart(area, style, 56.0, -Z_RANGE..Z_RANGE, bottom..top)?;
    house_mesh(&mut chart.configure_mesh(), style)
        .x_desc("z")
        .y_desc(match quantity {
            Quantity::Loss => "E",
            Quantity::Slope => "∂E/∂z",
        })
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .draw()?;
    if quantity == Quantity::Slope {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(-Z_RANGE, 0.0), (Z_RANGE, 0.0)],
            palette::MUTED.stroke_width(1),
        )))?;
    }
    let (z, rows) = at;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(z, bottom), (z, top)],
        palette::MUTED.stroke_width(style.px(1.0).max(1) as u32),
    )))?;
    let width = style.px(2.5).max(1) as u32;
    let mut drawn = Vec::new();
    for (k, &loss) in COMPARED.iter().enumerate() {
        let points: Vec<(f64, f64)> = curve.iter().map(|p| (p.z, value(p, k))).collect();
        chart.draw_series(LineSeries::new(
            points.iter().copied(),
            loss_colour(loss).stroke_width(width),
        ))?;
        drawn.extend(points);
    }
    for row in rows {
        let y = match quantity {
            Quantity::Loss => row.e,
            Quantity::Slope => row.de_dz,
        };
        chart.draw_series(std::iter::once(Circle::new(
            (z, y),
            style.px(5.0),
            loss_colour(row.loss).filled(),
        )))?;
        // The dots are what the table reads: a corner with one in it is as taken as one a whole curve crosses.
        drawn.extend(std::iter::repeat_n((z, y), curve.len()));
    }
    let entries = COMPARED.map(|loss| LegendEntry {
        label: loss_label(loss).to_string(),
        colour: loss_colour(loss),
        bar: false,
    });
    let legend = corner_legend(
        area,
        chart.plotting_area().get_pixel_range(),
        (&drawn, (-Z_RANGE, Z_RANGE), (bottom, top)),
        &entries,
        style,
    )?;
    // The marker's label: at the end of the line (top or bottom) farther from the dots, on the side of the
    // line with more room, so it stays inside the plot at either end of z. Where the legend is there, the
    // other side, then the other end.
    // As the axis writes it ("−3.9", not "−3.900"): a short label hides less of the curves.
    let label = format!("z = {}", tick(z));
    let font = (FontFamily::SansSerif, style.font(13.0)).into_font();
    let (w, h) = area
        .estimate_text_size(&label, &TextStyle::from(font.clone()))
        .map(|(w, h)| (w as i32, h as i32))
        .unwrap_or((style.px(70.0), style.px(13.0)));
    let marked = rows.iter().map(|row| match quantity {
        Quantity::Loss => row.e,
        Quantity::Slope => row.de_dz,
    });
    let (low, high) = marked.fold((top, bottom), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (x, upper) = chart.backend_coord(&(z, top));
    let (_, lower) = chart.backend_coord(&(z, bottom));
    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    let gap = style.px(5.0);
    let box_at = |at_top: bool, right: bool| {
        let y = if at_top { upper + gap } else { lower - gap - h };
        let left = if right { x + gap } else { x - gap - w };
        [left, y, left + w, y + h]
    };
    let fits = |b: &[i32; 4]| {
        let clear =
            b[2] <= legend[0] || legend[2] <= b[0] || b[3] <= legend[1] || legend[3] <= b[1];
        clear && plot_x.start <= b[0] && b[2] <= plot_x.end
    };
    let (end, side) = (top - high >= low - bottom, z <= 0.0);
    let candidates = [(end, side), (end, !side), (!end, side), (!end, !side)];
    let b = candidates
        .iter()
        .map(|&(at_top, right)| box_at(at_top, right))
        .find(fits)
        .unwrap_or_else(|| box_at(end, side));
    // On a pale box: a curve may still run under it.
    boxed_text(
        area,
        &label,
        (b[0], b[1]),
        &font,
        palette::INK,
        (HPos::Left, VPos::Top),
        style,
    )?;
    area.present()
}
