//! The backward signal travelling from the output toward the input: one disc per layer sized by |∂E/∂z| on
//! a log scale, and between layers the factor f′(z)·w it is multiplied by on the way.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::labs::vanishing::ActivationReport;
use crate::shared::chart::{arrow, palette, Style};
use crate::shared::format::sig4;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    report: &ActivationReport,
    revealed: usize,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let (width, height) = area.dim_in_pixel();
    let depth = report.layers.len().max(1);
    let margin = style.px(40.0);
    let step = (width as i32 - 2 * margin) / depth.max(2) as i32;
    let y = height as i32 / 2;
    let x_of = |k: usize| margin + step / 2 + step * k as i32;
    let signals: Vec<f64> = report
        .layers
        .iter()
        .map(|l| l.signal)
        .filter(|s| *s > 0.0)
        .collect();
    let (lo, hi) = signals
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &s| {
            (lo.min(s.log10()), hi.max(s.log10()))
        });
    // At least three decades below the largest: signals within a factor of two of each other (a ReLU chain)
    // then look nearly alike, as they are, and only a real shrinking (or a dead 0) makes a disc small.
    let lo = lo.min(hi - 3.0);
    let span = if lo.is_finite() { hi - lo } else { 1.0 };
    // Labels on staggered lines take more room under the discs (values) and above them (factors). The discs
    // keep at least 8 px of radius to grow in: where the lines would take that, the factors go to the table
    // first, then the values.
    let (mut value_lines, mut factor_lines) = (
        line_count(step, VALUE_WIDTH, style),
        line_count(step, FACTOR_WIDTH, style),
    );
    let extra = |lines: Option<i32>| (lines.unwrap_or(1) - 1) * style.px(LINE);
    let room =
        |values, factors| height as f64 * 0.22 - f64::from(extra(values) + extra(factors)) / 2.0;
    if room(value_lines, factor_lines) < f64::from(style.px(8.0)) {
        factor_lines = None;
    }
    if room(value_lines, factor_lines) < f64::from(style.px(8.0)) {
        value_lines = None;
    }
    let staggered = extra(value_lines);
    let biggest = (step as f64 * 0.32).min(room(value_lines, factor_lines));
    let radius = |signal: f64| -> i32 {
        if signal <= 0.0 || !lo.is_finite() {
            return style.px(2.0);
        }
        let t = (signal.log10() - lo) / span;
        (style.scale * 3.0 + t * (biggest - style.scale * 3.0)).round() as i32
    };
    let font = (
        FontFamily::SansSerif,
        style.font(if depth > 12 { 11.0 } else { 13.0 }),
    )
        .into_font();
    let first_shown = depth - revealed.min(depth);
    area.draw(&Text::new(
        "← |∂E/∂z| travels back from the output",
        (margin, style.px(16.0)),
        font.clone()
            .color(&palette::MUTED)
            .pos(Pos::new(HPos::Left, VPos::Center)),
    ))?;
    for (k, layer) in report.layers.iter().enumerate() {
        let x = x_of(k);
        let shown = k >= first_shown;
        if k + 1 < depth {
            area.draw(&PathElement::new(
                vec![(x, y), (x_of(k + 1), y)],
                palette::FAINT.stroke_width(style.px(2.0) as u32),
            ))?;
            let next = &report.layers[k + 1];
            if k + 1 >= first_shown {
                arrow(
                    area,
                    (x_of(k + 1), y),
                    (x, y),
                    0.55,
                    palette::BACKWARD,
                    style,
                )?;
                // Factors need FACTOR_WIDTH between layers: closer (a projector zoomed in, 20 layers)
                // they climb onto staggered lines so they still read apart; closer still the table
                // has them. They sit above the largest disc's reach, so no disc covers one.
                if let (Some(f), Some(n)) = (next.factor, factor_lines) {
                    area.draw(&Text::new(
                        format!("×{}", sig4(f)),
                        (
                            (x + x_of(k + 1)) / 2,
                            y - biggest as i32 - style.px(6.0) - offset(n, k, style),
                        ),
                        font.clone()
                            .color(&palette::BACKWARD)
                            .pos(Pos::new(HPos::Center, VPos::Bottom)),
                    ))?;
                }
            }
        }
        let colour = if shown {
            palette::BACKWARD
        } else {
            palette::FAINT
        };
        let r = if shown {
            radius(layer.signal)
        } else {
            style.px(4.0)
        };
        if shown && k == first_shown && revealed < depth {
            area.draw(&Circle::new(
                (x, y),
                r + style.px(6.0),
                palette::HIGHLIGHT.mix(0.4).filled(),
            ))?;
        }
        area.draw(&Circle::new((x, y), r, colour.filled()))?;
        // Values need VALUE_WIDTH between layers; closer, they go down onto staggered lines; closer
        // still the table below has them.
        let below = y + (biggest as i32) + style.px(14.0);
        if let Some(n) = value_lines {
            let label = if shown {
                sig4(layer.signal)
            } else {
                "?".into()
            };
            area.draw(&Text::new(
                label,
                (x, below + offset(n, k, style)),
                font.clone()
                    .color(&palette::INK)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        if numbered(layer.layer, depth, step, style) {
            area.draw(&Text::new(
                format!("{}", layer.layer),
                (x, below + style.px(18.0) + staggered),
                font.clone()
                    .color(&palette::MUTED)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
    }
    area.present()
}

/// Whether layer `n` (1-based) of `depth` gets its number under the strip. Two-digit numbers need about
/// `NUMBER_WIDTH` CSS pixels each: closer than that (20 layers on a phone) every number would run into the
/// next ("910111213…"), so only the first, every fifth and the last are numbered (1, 5, 10, 15, 20), or
/// narrower still the first, the tenth and the last.
pub fn numbered(n: usize, depth: usize, step: i32, style: Style) -> bool {
    let room = style.px(NUMBER_WIDTH);
    let every = if step >= room {
        1
    } else if 4 * step >= room {
        5
    } else {
        10
    };
    n == 1 || n == depth || n % every == 0 && depth - n >= every.min(depth) / 2
}

const NUMBER_WIDTH: f64 = 22.0;

/// About how wide a value ("5.810e-6") and a factor ("×0.2373") are, in CSS pixels.
const VALUE_WIDTH: f64 = 70.0;
const FACTOR_WIDTH: f64 = 64.0;

/// How many staggered lines labels `wide` CSS pixels across need so that neighbours `step` apart do not
/// touch (label k goes on line k mod n, so labels on one line are n steps apart), or `None` past
/// `MOST_LINES`, when the table below has them.
fn line_count(step: i32, wide: f64, style: Style) -> Option<i32> {
    let needed = (style.px(wide) + step.max(1) - 1) / step.max(1);
    (needed <= MOST_LINES).then_some(needed.max(1))
}

/// 20 layers at 200% zoom need three lines; a phone's 20 layers would need five or six. A low strip may
/// allow fewer (see `draw`).
const MOST_LINES: i32 = 4;
const LINE: f64 = 16.0;

/// How far label `k` moves off the first line when its labels need `lines` lines.
fn offset(lines: i32, k: usize, style: Style) -> i32 {
    (k as i32 % lines) * style.px(LINE)
}
