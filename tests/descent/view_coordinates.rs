//! The descent lab's pictures drawn where the numbers say, read back through their axis labels: the cost
//! curve's steps sit on J(w), the fitted line passes through its intercept, and the contour's colour at the
//! minimum is the bowl's lowest and grows paler as J grows. J is computed here from the points themselves,
//! J(w, b) = mean((z − w·x − b)²), not read from the lab.

use crate::common::svg::*;
use backprop_lab::labs::descent::views::{cost_contour, cost_curve, data_fit};
use backprop_lab::labs::descent::{DescentCommand, DescentLab, DescentSetup, Model};
use backprop_lab::shared::chart::Style;

/// The lab after `commands`, each of which must be carried out.
fn lab_after(commands: Vec<DescentCommand>) -> DescentLab {
    let mut lab = DescentLab::new(DescentSetup::default()).expect("the default setup");
    for command in commands {
        let what = format!("{command:?}");
        lab.apply(command)
            .unwrap_or_else(|e| panic!("{what} was refused: {e}"));
    }
    lab
}

fn cost(points: &[[f64; 2]], w: f64, b: f64) -> f64 {
    points
        .iter()
        .map(|p| (p[1] - w * p[0] - b).powi(2))
        .sum::<f64>()
        / points.len() as f64
}

/// Points with x on both sides of 0, off any line, so the fit has an intercept and the bowl is tilted.
fn tilted() -> Vec<DescentCommand> {
    vec![
        DescentCommand::SetPoints {
            points: vec![[-1.0, 1.0], [0.0, 2.5], [1.0, 3.0], [2.0, 5.5], [3.0, 6.0]],
        },
        DescentCommand::SetModel {
            model: Model::SlopeAndIntercept,
        },
        DescentCommand::SetLearningRate { value: 0.05 },
    ]
}

#[test]
fn the_cost_curve_is_j_and_its_steps_land_on_it() {
    let lab = lab_after(vec![DescentCommand::Step { count: 3 }]);
    let snapshot = lab.snapshot();
    let points = &snapshot.setup.points;
    let text = svg(700, 350, |a| {
        cost_curve::draw(a, &snapshot, Style::default()).unwrap()
    });
    let (x, y) = scales(&text, "cost curve");
    // The steps: w₀…w₂ in the older colour, w₃ (where the run stands) in the highlight.
    let mut dots = circles(&text, "#D55E00");
    dots.extend(circles(&text, "#E69F00"));
    assert_eq!(dots.len(), snapshot.path.len(), "{dots:?}");
    assert_eq!(snapshot.path.len(), 4, "w₀ and three steps");
    for (k, (dot, point)) in dots.iter().zip(&snapshot.path).enumerate() {
        let j = cost(points, point.w, 0.0);
        assert!(
            (point.cost - j).abs() <= 1e-12 * j.max(1.0),
            "step {k}: the lab's J {} is J(w)",
            point.cost
        );
        assert!(
            (x.px(point.w) - dot[0]).abs() <= 1.0 && (y.px(j) - dot[1]).abs() <= 1.0,
            "step {k}: w = {}, J(w) = {j} drawn at ({}, {}), the axes put it at ({:.1}, {:.1})",
            point.w,
            dot[0],
            dot[1],
            x.px(point.w),
            y.px(j)
        );
    }
    // The curve itself is J(w): each of its points, read back, is J at its w (to a pixel, allowing for the
    // slope: a pixel's worth of w moves J by J′(w) times as much).
    let curve = polyline_points(&text, "#222222");
    assert!(curve.len() > 50, "the curve has {} points", curve.len());
    for [px, py] in curve {
        let w = x.value(px);
        let slope = (cost(points, w + 1e-6, 0.0) - cost(points, w - 1e-6, 0.0)) / 2e-6;
        let room = 1.0 + slope.abs() * x.per_pixel() / y.per_pixel();
        assert!(
            (y.px(cost(points, w, 0.0)) - py).abs() <= room,
            "the curve at w = {w} is drawn at {py}, J(w) is at {:.1}",
            y.px(cost(points, w, 0.0))
        );
    }
}

#[test]
fn the_fitted_line_passes_through_its_intercept() {
    let mut commands = tilted();
    commands.push(DescentCommand::Step { count: 4 });
    let snapshot = lab_after(commands).snapshot();
    let line = snapshot.line;
    assert!(
        line.intercept.abs() > 0.3,
        "a line with an intercept: {line:?}"
    );
    let text = svg(600, 400, |a| {
        data_fit::draw(a, &snapshot, Style::default()).unwrap();
    });
    let (x, z) = scales(&text, "data plot");
    // The current line: opaque, in the forward colour (the lines before it are faded copies).
    let drawn: Vec<[f64; 2]> = text
        .split("<polyline")
        .skip(1)
        .map(|c| c.split("/>").next().unwrap_or_default())
        .filter(|tag| tag.contains("stroke=\"#0072B2\"") && tag.contains("opacity=\"1\""))
        .flat_map(|tag| polyline_points(&format!("<polyline{tag}/>"), "#0072B2"))
        .collect();
    assert_eq!(
        drawn.len(),
        2,
        "the line is drawn from edge to edge: {drawn:?}"
    );
    for &[px, pz] in &drawn {
        let expected = z.px(line.slope * x.value(px) + line.intercept);
        assert!(
            (expected - pz).abs() <= 1.5,
            "the line at x = {} is drawn at {pz}, ẑ is at {expected:.1}",
            x.value(px)
        );
    }
    // Where it crosses x = 0, it is at z = the intercept.
    let [[x0, z0], [x1, z1]] = [drawn[0], drawn[1]];
    let at_zero = z0 + (z1 - z0) * (x.px(0.0) - x0) / (x1 - x0);
    assert!(
        (at_zero - z.px(line.intercept)).abs() <= 1.0,
        "at x = 0 the line is drawn at {at_zero:.1}, the intercept {} is at {:.1}",
        line.intercept,
        z.px(line.intercept)
    );
}

/// Brightness of "#RRGGBB".
fn brightness(colour: &str) -> u32 {
    (0..3)
        .map(|k| u32::from_str_radix(&colour[1 + 2 * k..3 + 2 * k], 16).unwrap())
        .sum()
}

#[test]
fn the_contours_colour_follows_j() {
    let snapshot = lab_after(tilted()).snapshot();
    let points = &snapshot.setup.points;
    let text = svg(400, 400, |a| {
        cost_contour::draw(a, &snapshot, Style::default()).unwrap()
    });
    let (w, b) = scales(&text, "contour");
    let cells = rects(&text);
    let grid = snapshot.grid.as_ref().expect("a grid with a bias");
    let window = snapshot.window;
    let n = grid.size;
    let centre = |k: usize, lo: f64, hi: f64| lo + k as f64 * (hi - lo) / (n - 1) as f64;
    // The colour at the centre of every fifth cell, against J there.
    let mut samples: Vec<(f64, String, [usize; 2])> = Vec::new();
    for row in (2..n - 2).step_by(5) {
        for col in (2..n - 2).step_by(5) {
            let (cw, cb) = (
                centre(col, window.w_min, window.w_max),
                centre(row, window.b_min, window.b_max),
            );
            let colour = fill_at(&cells, w.px(cw), b.px(cb))
                .unwrap_or_else(|| panic!("a cell under ({cw}, {cb})"))
                .to_string();
            samples.push((cost(points, cw, cb), colour, [row, col]));
        }
    }
    assert!(samples.len() > 100, "{} samples", samples.len());
    samples.sort_by(|p, q| p.0.total_cmp(&q.0));
    for pair in samples.windows(2) {
        assert!(
            brightness(&pair[0].1) <= brightness(&pair[1].1),
            "J = {} at cell {:?} is {}, paler than J = {} at {:?}, {}",
            pair[0].0,
            pair[0].2,
            pair[0].1,
            pair[1].0,
            pair[1].2,
            pair[1].1
        );
    }
    assert!(
        brightness(&samples[0].1) < brightness(&samples[samples.len() - 1].1),
        "the bowl is not one colour"
    );
    // The lowest cell of the bowl (J computed here at every centre), which holds the minimum, is the darkest
    // band: the valley's blue.
    let minimum = snapshot.minimum.expect("a minimum");
    let (cw, cb) = (0..n * n)
        .map(|k| {
            (
                centre(k % n, window.w_min, window.w_max),
                centre(k / n, window.b_min, window.b_max),
            )
        })
        .min_by(|p, q| cost(points, p.0, p.1).total_cmp(&cost(points, q.0, q.1)))
        .unwrap();
    assert!(
        (cw - minimum.w).abs() <= (window.w_max - window.w_min) / (n - 1) as f64
            && (cb - minimum.b).abs() <= (window.b_max - window.b_min) / (n - 1) as f64,
        "the lowest cell ({cw}, {cb}) is next to the minimum ({}, {})",
        minimum.w,
        minimum.b
    );
    let lowest = fill_at(&cells, w.px(cw), b.px(cb)).expect("a cell at the minimum");
    assert_eq!(
        lowest, "#14508C",
        "the colour of the lowest cell, at ({cw}, {cb})"
    );
}
