//! J, its gradient, the slope model's path, the bias model's curvatures and the least-squares line, written
//! out here from their formulas, so the lab is checked against them and never against itself; and the
//! assertions that compare with them.

use crate::common::assert_rel;

/// Hand-made data: x = −3, 0.5, 7, 2.5, so mean(x²) = 64.5/4 = 16.125 and mean(x) = 1.75.
pub(crate) const HAND: [[f64; 2]; 4] = [[-3.0, 1.0], [0.5, 2.0], [7.0, -4.0], [2.5, 2.5]];

/// ExactLine: x = 0.25, 0.5, …, 1.5 on z = 2x, so m = mean(x²) = 5.6875/6 and w* = 2.
pub(crate) const EXACT_M: f64 = 5.6875 / 6.0;

pub(crate) fn mean_of(points: &[[f64; 2]], f: impl Fn(f64, f64) -> f64) -> f64 {
    points.iter().map(|p| f(p[0], p[1])).sum::<f64>() / points.len() as f64
}

/// J(w, b) = (1/n) Σ (zᵢ − w xᵢ − b)².
pub(crate) fn cost(points: &[[f64; 2]], w: f64, b: f64) -> f64 {
    mean_of(points, |x, z| (z - w * x - b).powi(2))
}

/// dJ/dw = −(2/n) Σ (zᵢ − w xᵢ − b) xᵢ.
pub(crate) fn dj_dw(points: &[[f64; 2]], w: f64, b: f64) -> f64 {
    -2.0 * mean_of(points, |x, z| (z - w * x - b) * x)
}

/// dJ/db = −(2/n) Σ (zᵢ − w xᵢ − b).
pub(crate) fn dj_db(points: &[[f64; 2]], w: f64, b: f64) -> f64 {
    -2.0 * mean_of(points, |x, z| z - w * x - b)
}

/// For ẑ = w·x: (m, w*) with m = mean(x²) and w* = mean(xz)/mean(x²).
pub(crate) fn slope_moments(points: &[[f64; 2]]) -> (f64, f64) {
    let m = mean_of(points, |x, _| x * x);
    (m, mean_of(points, |x, z| x * z) / m)
}

/// w_k = w* + (1 − 2ηm)ᵏ (w₀ − w*), k = 0..=steps.
pub(crate) fn slope_path(points: &[[f64; 2]], eta: f64, w0: f64, steps: usize) -> Vec<f64> {
    let (m, w_star) = slope_moments(points);
    let r = 1.0 - 2.0 * eta * m;
    (0..=steps)
        .map(|k| w_star + r.powi(k as i32) * (w0 - w_star))
        .collect()
}

/// The eigenvalues (largest, smallest) of 2·[[E x², E x], [E x, 1]], J's curvatures c, from the
/// characteristic polynomial c² − tr·c + det = 0; the smaller one as det/c_max to avoid cancellation.
pub(crate) fn bias_eigenvalues(points: &[[f64; 2]]) -> (f64, f64) {
    let a = mean_of(points, |x, _| x * x);
    let c = mean_of(points, |x, _| x);
    let tr = 2.0 * (a + 1.0);
    let det = 4.0 * (a - c * c);
    let largest = tr / 2.0 + (tr * tr / 4.0 - det).sqrt();
    (largest, det / largest)
}

/// The least-squares line by the normal equations [[Σx², Σx], [Σx, n]]·(w, b) = (Σxz, Σz), by Cramer's rule.
pub(crate) fn least_squares(points: &[[f64; 2]]) -> (f64, f64) {
    let n = points.len() as f64;
    let (mut sxx, mut sx, mut sxz, mut sz) = (0.0, 0.0, 0.0, 0.0);
    for p in points {
        sxx += p[0] * p[0];
        sx += p[0];
        sxz += p[0] * p[1];
        sz += p[1];
    }
    let det = n * sxx - sx * sx;
    ((n * sxz - sx * sz) / det, (sxx * sz - sx * sxz) / det)
}

/// |actual − expected| ≤ tol·max(|expected|, scale).
#[track_caller]
pub(crate) fn assert_close(actual: f64, expected: f64, scale: f64, tol: f64, what: &str) {
    let bound = tol * expected.abs().max(scale);
    assert!(
        actual.is_finite() && (actual - expected).abs() <= bound,
        "{what}: got {actual:e}, expected {expected:e} (difference {:e} > {bound:e})",
        (actual - expected).abs()
    );
}

/// J compared relatively, exactly when the expected J is 0.
#[track_caller]
pub(crate) fn assert_cost(actual: f64, expected: f64, what: &str) {
    if expected == 0.0 {
        assert_eq!(actual, 0.0, "{what}");
    } else {
        assert_rel(actual, expected, 1e-12, what);
    }
}
