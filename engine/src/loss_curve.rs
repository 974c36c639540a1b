//! The loss of every iteration, kept in bounded memory: past `CURVE_POINTS` points it keeps every other one
//! and samples half as often, so a run of a million iterations draws the same shape in flat memory.

use serde::Serialize;

pub const CURVE_POINTS: usize = 4096;

/// `thinned` keeps at most this many buckets of a curve.
pub const CHART_POINTS: usize = 1500;

#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct LossCurve {
    /// (iteration, counted from 1; loss), in order.
    points: Vec<[f64; 2]>,
    /// One point is kept every `stride` iterations.
    stride: usize,
    /// Iterations recorded.
    count: usize,
}

impl LossCurve {
    pub fn new() -> LossCurve {
        LossCurve {
            points: Vec::new(),
            stride: 1,
            count: 0,
        }
    }

    pub fn push(&mut self, loss: f64) {
        if self.count % self.stride == 0 {
            self.points.push([(self.count + 1) as f64, loss]);
        }
        self.count += 1;
        if self.points.len() > CURVE_POINTS {
            let mut keep = false;
            // Keep iterations 1, 1 + 2·stride, …: the first point stays, the spacing doubles.
            self.points.retain(|_| {
                keep = !keep;
                keep
            });
            self.stride *= 2;
        }
    }

    /// Iterations recorded.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The kept points of iterations 1..=iteration.
    pub fn up_to(&self, iteration: usize) -> &[[f64; 2]] {
        let end = self.points.partition_point(|p| p[0] <= iteration as f64);
        &self.points[..end]
    }

    /// Every kept loss, in order (all of them while fewer than `CURVE_POINTS` iterations were recorded).
    pub fn values(&self) -> Vec<f64> {
        self.points.iter().map(|p| p[1]).collect()
    }

    /// The loss at an iteration, if that iteration's point is kept.
    pub fn at(&self, iteration: usize) -> Option<f64> {
        let k = self.points.partition_point(|p| p[0] < iteration as f64);
        self.points
            .get(k)
            .filter(|p| p[0] == iteration as f64)
            .map(|p| p[1])
    }
}

/// A run's values as (index, value) for a chart: at most `CHART_POINTS` buckets of consecutive indices, each
/// drawn by its lowest and its highest value in order, so thinning never hides a spike or a dip; the
/// last is always kept. A chart a few hundred pixels wide shows no more (the early-stopping errors, the
/// losses lab's runs).
pub fn thinned(errors: &[f64]) -> Vec<[f64; 2]> {
    let bucket = errors.len().div_ceil(CHART_POINTS).max(1);
    let mut points = Vec::with_capacity(2 * CHART_POINTS + 1);
    for (k, chunk) in errors.chunks(bucket).enumerate() {
        let first = k * bucket;
        let at = |i: usize| [(first + i) as f64, chunk[i]];
        let (mut low, mut high) = (0, 0);
        for (i, &v) in chunk.iter().enumerate() {
            if v < chunk[low] {
                low = i;
            }
            if v > chunk[high] {
                high = i;
            }
        }
        points.push(at(low.min(high)));
        if low != high {
            points.push(at(low.max(high)));
        }
    }
    let last = errors.len() - 1;
    if points.last().is_some_and(|p| p[0] != last as f64) {
        points.push([last as f64, errors[last]]);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_stays_bounded_and_keeps_its_ends() {
        let mut curve = LossCurve::new();
        for k in 0..1_000_000 {
            curve.push(1.0 / (k + 1) as f64);
        }
        assert_eq!(curve.len(), 1_000_000);
        assert!(curve.points.len() <= CURVE_POINTS);
        assert!(curve.points.len() > CURVE_POINTS / 2);
        assert_eq!(curve.points[0], [1.0, 1.0]);
        // Points are evenly spaced and in order.
        let gaps: Vec<f64> = curve.points.windows(2).map(|w| w[1][0] - w[0][0]).collect();
        assert!(gaps.iter().all(|&g| g == gaps[0]));
        assert!(curve.up_to(10).len() == 1 && curve.up_to(1_000_000).len() == curve.points.len());
    }

    #[test]
    fn short_runs_keep_every_loss() {
        let mut curve = LossCurve::new();
        for k in 0..100 {
            curve.push(k as f64);
        }
        assert_eq!(
            curve.values(),
            (0..100).map(|k| k as f64).collect::<Vec<_>>()
        );
        assert_eq!(curve.at(50), Some(49.0));
        assert_eq!(curve.up_to(10).len(), 10);
    }
}
