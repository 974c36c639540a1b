//! The cost J(w) as a parabola, every step so far as a point with an arrow w_k → w_{k+1}, and the tangent
//! (the gradient) at the current w. Points that ran out of the window are drawn on its edge with an arrow
//! and their value, so the interesting region stays in view while w runs away.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::labs::descent::{DescentSetup, DescentSnapshot, Model};
use crate::shared::chart::{
    arrow, boxed_text, chart, house_mesh, palette, patterned, polyline, Dash, Style,
};
use crate::shared::format::{sig4, tick};

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &DescentSnapshot,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let window = snap.window;
    let top = window.cost_max * 1.08;
    let font = (FontFamily::SansSerif, style.font(13.0)).into_font();
    let mut chart = chart(area, style, 64.0, window.w_min..window.w_max, 0.0..top)?;
    let slice = match snap.setup.model {
        Model::Slope => "cost J(w)".to_string(),
        Model::SlopeAndIntercept => {
            let (w, b) = snap.setup.param_names();
            format!("J({w}, {b} = {})", sig4(snap.b))
        }
    };
    house_mesh(&mut chart.configure_mesh(), style)
        .x_desc(weight_axis(&snap.setup))
        .y_desc(slice)
        .x_labels(7)
        .y_labels(5)
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .draw()?;
    let parabola: Vec<(f64, f64)> = snap.curve.iter().map(|p| (p[0], p[1])).collect();
    polyline(
        &mut chart,
        &parabola,
        palette::INK.stroke_width(style.px(2.0).max(1) as u32),
    )?;
    // A mini-batch step goes down its own points' parabola, dashed, not J's: the two slopes differ.
    let batch: Vec<(f64, f64)> = snap
        .batch_curve
        .iter()
        .filter(|p| p[1] <= top)
        .map(|p| (p[0], p[1]))
        .collect();
    patterned(
        &mut chart,
        &batch,
        Dash::Dashed,
        palette::HIGHLIGHT.stroke_width(style.px(2.5).max(1) as u32),
        style,
    )?;
    if let Some(min) = snap.minimum {
        if (window.w_min..=window.w_max).contains(&min.w) {
            chart.draw_series(std::iter::once(Cross::new(
                (min.w, min.cost),
                style.px(5.0),
                palette::UPDATE.stroke_width(style.px(2.0) as u32),
            )))?;
        }
    }

    // Steps: clamp each point into the window; a clamped point gets an arrow toward where it went.
    let clamp = |w: f64, j: f64| (w.clamp(window.w_min, window.w_max), j.clamp(0.0, top));
    let points: Vec<(f64, f64)> = snap.path.iter().map(|p| clamp(p.w, p.cost)).collect();
    let count = points.len();
    for (k, pair) in points.windows(2).enumerate() {
        // Older steps fade so the latest stand out.
        let age = (count - 2 - k) as f64;
        let alpha = (1.0 - age / 10.0).max(0.25);
        let colour = palette::BACKWARD.mix(alpha);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![pair[0], pair[1]],
            colour.stroke_width(style.px(1.5).max(1) as u32),
        )))?;
        let (from, to) = (chart.backend_coord(&pair[0]), chart.backend_coord(&pair[1]));
        if (from.0 - to.0).abs() + (from.1 - to.1).abs() > style.px(14.0) {
            arrow(area, from, to, 0.82, palette::BACKWARD.mix(alpha), style)?;
        }
    }
    chart.draw_series(points.iter().enumerate().map(|(k, &p)| {
        let current = k + 1 == count;
        let colour = if current {
            palette::HIGHLIGHT
        } else {
            palette::BACKWARD
        };
        Circle::new(
            p,
            style.px(if current { 6.0 } else { 4.0 }),
            colour.filled(),
        )
    }))?;
    // Where the current point is, if it left the window: say so on the edge.
    if let (Some(p), Some(false)) = (snap.path.last(), snap.inside.last()) {
        let (x, y) = clamp(p.w, p.cost);
        let pixel = chart.backend_coord(&(x, y));
        let right = p.w > window.w_max;
        let text = format!(
            "{} {} = {} (off the chart)",
            if right { "→" } else { "←" },
            snap.setup.param_names().0,
            sig4(p.w)
        );
        let anchor = (if right { HPos::Right } else { HPos::Left }, VPos::Top);
        boxed_text(
            area,
            &text,
            (pixel.0, pixel.1 + style.px(10.0)),
            &font,
            palette::BACKWARD,
            anchor,
            style,
        )?;
    }

    // The tangent at the current point: slope dJ/dw, drawn across a fifth of the window.
    if let (Some(update), Some(p), Some(true)) =
        (&snap.update, snap.path.last(), snap.inside.last())
    {
        let half = (window.w_max - window.w_min) / 10.0;
        // A mini-batch step's slope is that of its own parabola, so its tangent touches that one, at the
        // batch's cost; J's own slope is in the text beneath.
        let (touch, name) = match &update.batch {
            Some(lens) => (lens.cost, "slope of this step's points".to_string()),
            None => (p.cost, format!("dJ/d{}", snap.setup.param_names().0)),
        };
        let at = |w: f64| touch + update.dj_dw * (w - p.w);
        let (a, b) = (p.w - half, p.w + half);
        // Dotted: J is solid and a batch's parabola dashed, so the three lines differ by more than colour.
        patterned(
            &mut chart,
            &[(a, at(a)), (b, at(b))],
            Dash::Dotted,
            palette::FORWARD.stroke_width(style.px(2.5) as u32),
            style,
        )?;
        // Any place beside the tangent meets the curve or the steps at some w. The top of the plot above the
        // bowl's middle is clear of the parabola (it rises there only at the sides); the label shares the
        // tangent's colour, and is short so it stays in that middle on a phone.
        let (x_range, y_range) = chart.plotting_area().get_pixel_range();
        let (x, y) = (
            (x_range.start + x_range.end) / 2,
            y_range.start + style.px(6.0),
        );
        boxed_text(
            area,
            &format!("{name} = {}", sig4(update.dj_dw)),
            (x, y),
            &font,
            palette::FORWARD,
            (HPos::Center, VPos::Top),
            style,
        )?;
    }
    area.present()
}

/// The weight axis's title: "weight w", or on standardised x "weight w′ (of x′)".
pub fn weight_axis(setup: &DescentSetup) -> String {
    let w = setup.param_names().0;
    if setup.standardize {
        format!("weight {w} (of x′)")
    } else {
        format!("weight {w}")
    }
}
