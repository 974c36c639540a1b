//! Several labelled curves on shared axes, linear or log₁₀ in y: the batch-size race and the training
//! comparison of activations.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{along, chart, emptiest_corner, house_mesh, on_top_of, palette, Style};
use crate::core::format::tick;

const COLOURS: [RGBColor; 5] = [
    palette::FORWARD,
    palette::UPDATE,
    palette::BACKWARD,
    palette::HIGHLIGHT,
    palette::INK,
];

pub struct Series<'a> {
    pub label: &'a str,
    pub points: &'a [[f64; 2]],
    /// The series' own colour, where it has one (an activation); otherwise the next of `COLOURS`.
    pub colour: Option<RGBColor>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Linear,
    /// y is drawn as log₁₀ y; values ≤ 0 sit on the floor.
    Log10,
}

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    (x_desc, y_desc): (&str, &str),
    scale: Scale,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let finite = |p: &&[f64; 2]| p[0].is_finite() && p[1].is_finite();
    let right = series
        .iter()
        .flat_map(|s| s.points.iter().filter(finite).map(|p| p[0]))
        .fold(1.0, f64::max);
    let values = || {
        series
            .iter()
            .flat_map(|s| s.points.iter().filter(finite).map(|p| p[1]))
    };
    let (bottom, top, y_of): (f64, f64, Box<dyn Fn(f64) -> f64>) = match scale {
        Scale::Linear => {
            // The first point can dwarf the rest; the top follows what comes after it, so the shape shows.
            let later = series
                .iter()
                .flat_map(|s| s.points.iter().skip(1).filter(finite).map(|p| p[1]))
                .chain(
                    series
                        .iter()
                        .filter_map(|s| s.points.first().map(|p| p[1] * 0.5)),
                )
                .filter(|v| v.is_finite())
                .fold(0.0, f64::max);
            let top = later.max(1e-9) * 1.1;
            (0.0, top, Box::new(move |y: f64| y.min(top)))
        }
        Scale::Log10 => {
            let positive = values().filter(|&v| v > 0.0);
            let (lo, hi) = positive.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
            let (lo, hi) = if lo.is_finite() {
                (lo.log10().floor(), hi.log10().ceil())
            } else {
                (-1.0, 0.0)
            };
            // Converging runs show at most twelve decades, so one that reaches 1e-30 does not flatten the
            // others; runs that blow up (past 1e6) show their whole climb.
            let lo = if hi <= 6.0 { lo.max(hi - 12.0) } else { lo };
            let hi = hi.max(lo + 1.0);
            (
                lo,
                hi,
                Box::new(move |y: f64| if y > 0.0 { y.log10() } else { lo }),
            )
        }
    };
    let font = ("sans-serif", style.font(13.0))
        .into_font()
        .color(&palette::INK);
    let mut chart = chart(area, style, 64.0, 0.0..right, bottom..top)?;
    let log_label = |v: &f64| format!("1e{}", v.round() as i64);
    let linear_label = |v: &f64| tick(*v);
    let y_label: &dyn Fn(&f64) -> String = match scale {
        Scale::Linear => &linear_label,
        Scale::Log10 => &log_label,
    };
    house_mesh(&mut chart.configure_mesh(), style)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(y_label)
        .draw()?;
    let (legend, legend_width) = (style.px(18.0), style.px(3.0) as u32);
    let (mut drawn, mut labels) = (Vec::new(), Vec::new());
    let plot_height = chart.plotting_area().dim_in_pixel().1;
    for (k, s) in series.iter().enumerate() {
        let colour = s.colour.unwrap_or(COLOURS[k % COLOURS.len()]);
        let points: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter(finite)
            .map(|p| (p[0], y_of(p[1])))
            .collect();
        drawn.extend(along(&points, 6));
        // A run within two pixels of an earlier one hides under it; the legend says so.
        let ys = |s: &Series| {
            s.points
                .iter()
                .filter(finite)
                .map(|p| y_of(p[1]))
                .collect::<Vec<_>>()
        };
        let tolerance = 2.0 * style.scale * (top - bottom) / f64::from(plot_height.max(1));
        let label = match series[..k]
            .iter()
            .find(|earlier| on_top_of(&ys(earlier), &ys(s), tolerance))
        {
            Some(earlier) => format!("{} (on top of {})", s.label, earlier.label),
            None => s.label.to_string(),
        };
        labels.push(label.clone());
        // Each line a little thinner than the one before, drawn over it: two runs with the same values (ReLU
        // and leaky ReLU when nothing is dead) show as one line inside another, not as one hiding the other.
        let width = style
            .font(2.0 + 1.2 * (series.len() - 1 - k) as f64)
            .round()
            .max(1.0);
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(width as u32)))?
            .label(label.clone())
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![(x, y), (x + legend, y)],
                    colour.stroke_width(legend_width),
                )
            });
    }
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    let corner = emptiest_corner(
        &drawn,
        (0.0, right),
        (bottom, top),
        chart.plotting_area().dim_in_pixel(),
        &labels,
        style,
    );
    chart
        .configure_series_labels()
        .label_font(font)
        .background_style(palette::PAPER.mix(0.85))
        .border_style(palette::FAINT)
        .position(corner)
        .draw()?;
    area.present()
}
