//! One activation's f(z) and f′(z) on the same axes, with the chosen z marked. For the sigmoid it also marks
//! the largest slope, 0.25 at z = 0, and shades the flat tails beyond |z| = 3 where learning stalls.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::engine::Activation;
use crate::labs::vanishing::{CurvePoint, GALLERY_Z};
use crate::shared::chart::{
    chart, corner_legend, house_mesh, palette, patterned, polyline, Dash, LegendEntry, Mapping,
    Style,
};
use crate::shared::format::{sig4, tick};

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    activation: Activation,
    curve: &[CurvePoint],
    at: CurvePoint,
    style: Style,
) -> Result<Mapping, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let (lo, hi) = curve
        .iter()
        .flat_map(|p| [p.f, p.df])
        .fold((0.0f64, 1.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = (hi - lo) * 0.06;
    let (bottom, top) = (lo - pad, hi + pad);
    let font = (FontFamily::SansSerif, style.font(13.0)).into_font();
    let mut chart = chart(area, style, 44.0, -GALLERY_Z..GALLERY_Z, bottom..top)?;
    house_mesh(&mut chart.configure_mesh(), style)
        .x_desc("z")
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .draw()?;
    if activation == Activation::Sigmoid {
        // The flat tails: beyond |z| = 3 the slope is below 0.05, a fifth of its best.
        for (a, b) in [(-GALLERY_Z, -3.0), (3.0, GALLERY_Z)] {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(a, bottom), (b, top)],
                palette::BACKWARD.mix(0.08).filled(),
            )))?;
        }
        // Halfway up the right tail, between f (near 1) and f′ (near 0), where neither curve runs: two short
        // lines against the plot's right edge, so they stay inside the tail at any width.
        let (right, middle) = chart.backend_coord(&(GALLERY_Z, (bottom + top) / 2.0));
        for (text, dy) in [("flat tail:", -8.0), ("f′ < 0.05", 8.0)] {
            area.draw(&Text::new(
                text,
                (right - style.px(6.0), middle + style.px(dy)),
                font.clone()
                    .color(&palette::BACKWARD)
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        // Right of the peak, in the room left before the plot's edge: the short form on a phone.
        let peak = chart.backend_coord(&(0.0, 0.25));
        let room = right - peak.0 - style.px(14.0);
        let long = "max f′ = 0.25 at z = 0";
        let fits = area
            .estimate_text_size(long, &TextStyle::from(font.clone()))
            .map(|(w, _)| (w as i32) < room)
            .unwrap_or(false);
        area.draw(&Text::new(
            if fits { long } else { "max f′ = 0.25" },
            (peak.0 + style.px(8.0), peak.1 - style.px(4.0)),
            font.clone()
                .color(&palette::BACKWARD)
                .pos(Pos::new(HPos::Left, VPos::Bottom)),
        ))?;
    }
    let line = |colour: RGBColor| colour.stroke_width(style.px(2.5).max(1) as u32);
    let f: Vec<(f64, f64)> = curve.iter().map(|p| (p.z, p.f)).collect();
    polyline(&mut chart, &f, line(palette::FORWARD))?;
    let df: Vec<(f64, f64)> = curve.iter().map(|p| (p.z, p.df)).collect();
    // f′ dashed, so the two curves differ by more than colour; its legend sample is dashed too.
    patterned(
        &mut chart,
        &df,
        Dash::Dashed,
        line(palette::BACKWARD),
        style,
    )?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(at.z, bottom), (at.z, top)],
        palette::MUTED.stroke_width(style.px(1.0).max(1) as u32),
    )))?;
    chart.draw_series([
        Circle::new((at.z, at.f), style.px(6.0), palette::FORWARD.filled()),
        Circle::new((at.z, at.df), style.px(6.0), palette::BACKWARD.filled()),
    ])?;
    let marker = chart.backend_coord(&(at.z, top));
    area.draw(&Text::new(
        format!("z = {}", sig4(at.z)),
        (marker.0 + style.px(6.0), marker.1 + style.px(4.0)),
        font.clone()
            .color(&palette::INK)
            .pos(Pos::new(HPos::Left, VPos::Top)),
    ))?;
    let drawn: Vec<(f64, f64)> = curve
        .iter()
        .flat_map(|p| [(p.z, p.f), (p.z, p.df)])
        .collect();
    let entries = [
        ("f(z)", palette::FORWARD, Dash::Solid),
        ("f′(z)", palette::BACKWARD, Dash::Dashed),
    ]
    .map(|(label, colour, dash)| LegendEntry {
        label: label.to_string(),
        colour,
        bar: false,
        dash,
    });
    corner_legend(
        area,
        chart.plotting_area().get_pixel_range(),
        (&drawn, (-GALLERY_Z, GALLERY_Z), (bottom, top)),
        &entries,
        style,
    )?;
    let (pixels_x, pixels_y) = chart.plotting_area().get_pixel_range();
    area.present()?;
    Ok(Mapping {
        pixels_x: (pixels_x.start, pixels_x.end),
        pixels_y: (pixels_y.start, pixels_y.end),
        x: (-GALLERY_Z, GALLERY_Z),
        z: (bottom, top),
    })
}
