//! The house chart and the marks drawn on it: arrows, boxed labels, axes and meshes.

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::AsRangedCoord;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{palette, Style};
use crate::shared::format::power_of_ten;

type Point = (i32, i32);

/// A filled arrowhead on the segment from `from` to `to`, at fraction `t` of the way, pointing toward `to`.
pub fn arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    from: Point,
    to: Point,
    t: f64,
    colour: impl Color,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let length = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / length, dy / length);
    let tip = (from.0 as f64 + dx * t, from.1 as f64 + dy * t);
    let size = 9.0 * style.scale;
    let back = (tip.0 - ux * size, tip.1 - uy * size);
    let side = (-uy * size * 0.55, ux * size * 0.55);
    let points = vec![
        (tip.0.round() as i32, tip.1.round() as i32),
        (
            (back.0 + side.0).round() as i32,
            (back.1 + side.1).round() as i32,
        ),
        (
            (back.0 - side.0).round() as i32,
            (back.1 - side.1).round() as i32,
        ),
    ];
    area.draw(&Polygon::new(points, colour.filled()))
}

/// The size of `text` in pixels. A backend that cannot measure text (the SVG one in tests) gets an
/// estimate: 0.58 em a character.
pub fn text_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: &FontDesc,
) -> (i32, i32) {
    let (w, h) = area
        .estimate_text_size(text, &TextStyle::from(font.clone()))
        .unwrap_or_else(|_| {
            let size = font.get_size();
            (
                (text.chars().count() as f64 * 0.58 * size) as u32,
                size as u32,
            )
        });
    (w as i32, h as i32)
}

/// Text that must stay readable where lines run under it and must not be cut at the edge: drawn on a pale
/// box the size of the text, and moved inside the area if it would stick out. `anchor` says which point of
/// the text `at` is, as for plotters' `Pos`.
pub fn boxed_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    at: Point,
    font: &FontDesc,
    colour: RGBColor,
    anchor: (HPos, VPos),
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let text_style = font.clone().color(&colour);
    let (w, h) = text_size(area, text, font);
    let pad = style.px(3.0);
    let left = match anchor.0 {
        HPos::Left => at.0,
        HPos::Center => at.0 - w / 2,
        HPos::Right => at.0 - w,
    };
    let top = match anchor.1 {
        VPos::Top => at.1,
        VPos::Center => at.1 - h / 2,
        VPos::Bottom => at.1 - h,
    };
    let (width, height) = area.dim_in_pixel();
    let left = left.clamp(pad, (width as i32 - w - pad).max(pad));
    let top = top.clamp(pad, (height as i32 - h - pad).max(pad));
    area.draw(&Rectangle::new(
        [(left - pad, top - pad), (left + w + pad, top + h + pad)],
        palette::PAPER.mix(0.88).filled(),
    ))?;
    area.draw(&Text::new(
        text.to_string(),
        (left, top),
        text_style.pos(Pos::new(HPos::Left, VPos::Top)),
    ))
}

/// The text style of axis labels and legends.
pub fn label_font(style: Style) -> TextStyle<'static> {
    (FontFamily::SansSerif, style.font(13.0))
        .into_font()
        .color(&palette::INK)
}

/// The house chart's margin on every side, and the height of its x labels' band, in CSS pixels.
pub const CHART_MARGIN: f64 = 12.0;
pub const X_LABEL_AREA: f64 = 36.0;

/// A chart on `area` with the house margins: `y_labels` is the width, in CSS pixels, kept for y tick labels.
#[allow(clippy::type_complexity)] // plotters' own chart type, spelled out once here.
pub fn chart<'a, DB: DrawingBackend, X: AsRangedCoord, Y: AsRangedCoord>(
    area: &'a DrawingArea<DB, Shift>,
    style: Style,
    y_labels: f64,
    x: X,
    y: Y,
) -> Result<
    ChartContext<'a, DB, Cartesian2d<X::CoordDescType, Y::CoordDescType>>,
    DrawingAreaErrorKind<DB::ErrorType>,
> {
    ChartBuilder::on(area)
        .margin(style.px(CHART_MARGIN))
        .x_label_area_size(style.px(X_LABEL_AREA))
        .y_label_area_size(style.px(y_labels))
        .build_cartesian_2d(x, y)
}

/// The label of a tick on a log₁₀ axis at `v`: the power of ten as people write it (10⁻¹⁰, 10⁰, 10²) at
/// whole decades, nothing between them. Plotters puts ticks at half decades too when few decades are
/// shown, and rounding those would name the wrong height.
pub fn decade_label(v: &f64) -> String {
    whole(v).map(power_of_ten).unwrap_or_default()
}

/// `v` as a whole number when it is one (a layer, a decade), else `None`.
pub fn whole(v: &f64) -> Option<i64> {
    ((v - v.round()).abs() < 1e-9).then(|| v.round() as i64)
}

/// The house style of a chart's mesh: faint grid, muted axes, ink labels.
/// How many x tick labels a plot on `area` has room for, at one per `each` CSS pixels (70 suits four-digit
/// epochs and signed decimals, 28 a layer number), so that they do not run together on a phone.
pub fn x_label_count<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    each: f64,
    style: Style,
) -> usize {
    let width = f64::from(area.dim_in_pixel().0);
    (width / f64::from(style.px(each).max(1))).clamp(3.0, 20.0) as usize
}

pub fn house_mesh<'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'b mut MeshStyle<'a, 'b, X, Y, DB>,
    style: Style,
) -> &'b mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.light_line_style(palette::FAINT)
        .bold_line_style(palette::FAINT)
        .axis_style(palette::MUTED)
        .label_style(label_font(style))
        .axis_desc_style(label_font(style))
}
