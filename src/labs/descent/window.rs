//! Where J is drawn: the path's points, the window around the minimum that holds them, and J sampled across
//! it (the curve along w and the grid over (w, b)).

use serde::Serialize;

use super::setup::{DescentSetup, Model};

/// One point of the descent path.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
pub struct PathPoint {
    pub w: f64,
    pub b: f64,
    /// J(w, b), from the trace of the step taken from here (or computed for the newest point).
    pub cost: f64,
}

/// The region of (w, b, J) worth drawing: it holds the minimum and the start; points beyond it are drawn on
/// its edge with an arrow to where they went.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub w_min: f64,
    pub w_max: f64,
    pub b_min: f64,
    pub b_max: f64,
    pub cost_max: f64,
}

impl Window {
    pub fn contains(&self, p: &PathPoint) -> bool {
        (self.w_min..=self.w_max).contains(&p.w) && (self.b_min..=self.b_max).contains(&p.b)
    }
}

/// A sampled J(w, b) for the contour view: `values[row][col]` at w = w_min + col·dw, b = b_min + row·db.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct CostGrid {
    pub size: usize,
    pub values: Vec<Vec<f64>>,
}

/// The window around the minimum for runs through `points`, the first of them their start.
pub(super) fn window(setup: &DescentSetup, points: impl Iterator<Item = (f64, f64)>) -> Window {
    let (w_star, b_star) = setup.minimum().unwrap_or((0.0, 0.0));
    let mut points = points.peekable();
    let (w0, b0) = points.peek().copied().unwrap_or((w_star, b_star));
    let span = |centre: f64, from: f64| 1.35 * (from - centre).abs().max(0.5 + 0.25 * centre.abs());
    let (mut base_w, mut base_b) = (span(w_star, w0), span(b_star, b0));
    if setup.model == Model::SlopeAndIntercept {
        // The spans end up equal (below), so a step off along the shorter one may grow the window as far as
        // along the longer: RMSprop's first step from (0, 0) to (4, 4) when the start differs only in w.
        base_w = base_w.max(base_b);
        base_b = base_w;
    }
    let (mut hw, mut hb) = (base_w, base_b);
    // Let the window grow to hold oscillations up to three times the starting span; past that, clamp, so a
    // run that goes away does not drag the parabola out of sight.
    for (w, b) in points {
        let (dw, db) = ((w - w_star).abs(), (b - b_star).abs());
        if dw.is_finite() && dw <= 3.0 * base_w {
            hw = hw.max(dw * 1.1);
        }
        if db.is_finite() && db <= 3.0 * base_b {
            hb = hb.max(db * 1.1);
        }
    }
    if setup.model == Model::SlopeAndIntercept {
        // Equal spans on both axes, so a round bowl looks round and a narrow valley looks narrow.
        hw = hw.max(hb);
        hb = hw;
    }
    let (w_min, w_max) = (w_star - hw, w_star + hw);
    let (b_min, b_max) = if setup.model == Model::Slope {
        (0.0, 0.0)
    } else {
        (b_star - hb, b_star + hb)
    };
    let corners = [
        (w_min, b_min),
        (w_min, b_max),
        (w_max, b_min),
        (w_max, b_max),
    ];
    let cost = setup.cost_fn();
    let cost_max = corners.iter().map(|&(w, b)| cost(w, b)).fold(0.0, f64::max);
    Window {
        w_min,
        w_max,
        b_min,
        b_max,
        cost_max: if cost_max > 0.0 { cost_max } else { 1.0 },
    }
}

/// J along w at a fixed b, across the window: the parabola the cost-curve view draws.
pub(super) fn curve(
    setup: &DescentSetup,
    window: &Window,
    b: f64,
    samples: usize,
) -> Vec<[f64; 2]> {
    let cost = setup.cost_fn();
    sampled(window, samples, |w| cost(w, b))
}

/// A cost across the window's w, at `samples` + 1 evenly spaced points.
pub(super) fn sampled(window: &Window, samples: usize, cost: impl Fn(f64) -> f64) -> Vec<[f64; 2]> {
    (0..=samples)
        .map(|k| {
            let w = window.w_min + (window.w_max - window.w_min) * k as f64 / samples as f64;
            [w, cost(w)]
        })
        .collect()
}

/// J at `size` × `size` points spanning the window, corners included, for the contour views.
pub(super) fn grid(setup: &DescentSetup, window: &Window, size: usize) -> CostGrid {
    let cost = setup.cost_fn();
    let at = |lo: f64, hi: f64, k: usize| lo + (hi - lo) * k as f64 / (size - 1) as f64;
    CostGrid {
        size,
        values: (0..size)
            .map(|row| {
                let b = at(window.b_min, window.b_max, row);
                (0..size)
                    .map(|col| cost(at(window.w_min, window.w_max, col), b))
                    .collect()
            })
            .collect(),
    }
}
