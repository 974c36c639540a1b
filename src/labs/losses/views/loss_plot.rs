//! The compared losses against z, through a sigmoid, for one target: either E itself or its slope ∂E/∂z,
//! with the chosen z marked on every curve. Side by side, the two plots show squared error flattening where
//! the sigmoid saturates while cross-entropy keeps climbing.
//!
//! The legend is page text under the plots (both use the same colours): any box on the plot covered some
//! curve, since with T = ½ the curves fill every corner.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::engine::Loss;
use crate::labs::losses::{CurvePoint, LossAtZ, COMPARED, Z_RANGE};
use crate::shared::chart::{
    beside_line, boxed_text, chart, house_mesh, palette, patterned, text_size, Dash, Style,
};
use crate::shared::format::tick;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// E(z).
    Loss,
    /// ∂E/∂z.
    Slope,
}

/// Each loss's dash pattern in the plots (solid, dashed, dotted, as the page's legend shows), so the three
/// curves differ by more than colour.
pub fn loss_dash(loss: Loss) -> Dash {
    match loss {
        Loss::HalfSquaredError => Dash::Solid,
        Loss::SquaredError => Dash::Dashed,
        _ => Dash::Dotted,
    }
}

/// Each loss's colour, the same in the plots and in the training runs.
pub fn loss_colour(loss: Loss) -> RGBColor {
    match loss {
        Loss::HalfSquaredError => palette::FORWARD,
        Loss::SquaredError => palette::HIGHLIGHT,
        _ => palette::UPDATE,
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
    // Room for a signed tick label ("-0.3") beside the axis title; a little room past ±8, so a dot there is
    // whole and the marker does not merge with the plot's edge.
    let edge = Z_RANGE * 1.04;
    let mut chart = chart(area, style, 56.0, -edge..edge, bottom..top)?;
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
            vec![(-edge, 0.0), (edge, 0.0)],
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
        let line = loss_colour(loss).stroke_width(width);
        patterned(&mut chart, &points, loss_dash(loss), line, style)?;
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
    // The marker's label: of the places beside the line (either side; at the top, the bottom or between),
    // the one over the fewest curve points, the ends first. A label box hides what is under it.
    let label = format!("z = {}", tick(z));
    let font = (FontFamily::SansSerif, style.font(13.0)).into_font();
    let (w, h) = text_size(area, &label, &font);
    let (x, upper) = chart.backend_coord(&(z, top));
    let (_, lower) = chart.backend_coord(&(z, bottom));
    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    let pixels: Vec<(i32, i32)> = drawn.iter().map(|p| chart.backend_coord(p)).collect();
    let plot = [plot_x.start, upper, plot_x.end, lower];
    let b = beside_line(x, plot, (w, h), &pixels, &[], z <= 0.0, style).unwrap_or([
        x + style.px(5.0),
        upper + style.px(5.0),
        0,
        0,
    ]);
    // On a pale box, for the curve that may still run under it.
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
