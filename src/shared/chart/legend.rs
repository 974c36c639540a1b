//! `corner_legend`: a legend box measured by the backend, in the corner the data leaves emptiest.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::dash::{dashed_path, Dash};
use super::draw::label_font;
use super::placement::emptiest_corner;
use super::style::{palette, Style};

/// What a plot has drawn, for placing its legend: the points (data units) and the x and y ranges.
pub type Drawn<'a> = (&'a [(f64, f64)], (f64, f64), (f64, f64));

/// One row of a `corner_legend`: a line sample (in its line's `dash` pattern), or a filled block (`bar`),
/// and its label.
pub struct LegendEntry {
    pub label: String,
    pub colour: RGBColor,
    pub bar: bool,
    pub dash: Dash,
}

/// A legend on a pale box in the corner of the plot that the drawn data (`drawn`, in data units over the
/// ranges `x` and `y`) leaves emptiest; `plot` is the plot's pixel ranges on `area`. Text is measured by the
/// backend: plotters' own series labels measure it with a DOM element, which makes the browser lay the page
/// out again for every label; the vanishing lab's animation frames spent half their time there.
pub fn corner_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: (std::ops::Range<i32>, std::ops::Range<i32>),
    (drawn, x, y): Drawn,
    entries: &[LegendEntry],
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let dims = (
        (plot.0.end - plot.0.start).max(1) as u32,
        (plot.1.end - plot.1.start).max(1) as u32,
    );
    let labels: Vec<&str> = entries.iter().map(|e| e.label.as_str()).collect();
    let corner = emptiest_corner(drawn, x, y, dims, &labels, style);
    let font = label_font(style);
    let size = style.font(13.0);
    let widest = entries
        .iter()
        .map(|e| {
            area.estimate_text_size(&e.label, &font)
                .map(|(w, _)| w as i32)
                .unwrap_or((e.label.chars().count() as f64 * 0.6 * size) as i32)
        })
        .max()
        .unwrap_or(0);
    let (pad, swatch, row) = (style.px(6.0), style.px(18.0), (size * 1.45).round() as i32);
    let (w, h) = (
        pad * 3 + swatch + widest,
        legend_height(entries.len(), style),
    );
    let (xs, ys) = plot;
    let inset = style.px(LEGEND_INSET);
    let (left, top) = match corner {
        SeriesLabelPosition::UpperLeft => (xs.start + inset, ys.start + inset),
        SeriesLabelPosition::LowerLeft => (xs.start + inset, ys.end - inset - h),
        SeriesLabelPosition::LowerRight => (xs.end - inset - w, ys.end - inset - h),
        _ => (xs.end - inset - w, ys.start + inset),
    };
    area.draw(&Rectangle::new(
        [(left, top), (left + w, top + h)],
        palette::PAPER.mix(0.85).filled(),
    ))?;
    area.draw(&Rectangle::new(
        [(left, top), (left + w, top + h)],
        palette::FAINT.stroke_width(1),
    ))?;
    for (k, e) in entries.iter().enumerate() {
        let y = top + pad + row * k as i32 + row / 2;
        let x = left + pad;
        if e.bar {
            let half = style.px(5.0);
            area.draw(&Rectangle::new(
                [(x, y - half), (x + swatch, y + half)],
                e.colour.filled(),
            ))?;
        } else {
            dashed_path(
                area,
                vec![(x, y), (x + swatch, y)],
                e.dash,
                e.colour.stroke_width(style.px(3.0) as u32),
                style,
            )?;
        }
        area.draw(&Text::new(
            e.label.clone(),
            (x + swatch + pad, y),
            font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// How far `corner_legend` keeps its box from the plot's edges, in CSS pixels.
pub const LEGEND_INSET: f64 = 8.0;

/// The height of `corner_legend`'s box for `entries` rows, in pixels: for a chart that must leave room for it.
pub fn legend_height(entries: usize, style: Style) -> i32 {
    2 * style.px(6.0) + (style.font(13.0) * 1.45).round() as i32 * entries as i32
}
