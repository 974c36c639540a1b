//! How well the network does on a set of points, beside its loss: the share of points on the right side of
//! the boundary for two classes, and for values the root-mean-square error and R², the share of the values'
//! spread the network explains.

use serde::Serialize;

use super::setup::Task;

/// One set's figures; `None` where a figure has no meaning (an empty set, or R² of values that are all equal)
/// or came out as no number (a run that diverged).
#[derive(Serialize, Clone, Copy, Debug, Default, PartialEq)]
pub struct Metrics {
    pub points: usize,
    /// The mean loss over the set, the figure training lowers.
    pub loss: Option<f64>,
    /// Classification: the share of points whose output is on their class's side of 0.5, from 0 to 1.
    pub accuracy: Option<f64>,
    /// Regression: √(mean of (output − value)²).
    pub rmse: Option<f64>,
    /// Regression: 1 − Σ(output − value)² / Σ(value − mean)².
    pub r2: Option<f64>,
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// The figures of a set from the network's outputs, the points' targets and the set's loss.
pub fn measure(task: Task, outputs: &[f64], targets: &[f64], loss: f64) -> Metrics {
    let n = outputs.len().min(targets.len());
    let mut metrics = Metrics {
        points: n,
        ..Metrics::default()
    };
    if n == 0 {
        return metrics;
    }
    metrics.loss = finite(loss);
    let pairs = || outputs.iter().zip(targets);
    match task {
        Task::Classification => {
            let right = pairs()
                .filter(|(&a, &t)| a.is_finite() && (a >= 0.5) == (t >= 0.5))
                .count();
            metrics.accuracy = Some(right as f64 / n as f64);
        }
        Task::Regression => {
            let squares: f64 = pairs().map(|(a, t)| (a - t) * (a - t)).sum();
            let mean = targets[..n].iter().sum::<f64>() / n as f64;
            let spread: f64 = targets[..n].iter().map(|t| (t - mean) * (t - mean)).sum();
            metrics.rmse = finite((squares / n as f64).sqrt());
            metrics.r2 = if spread > 0.0 {
                finite(1.0 - squares / spread)
            } else {
                None
            };
        }
    }
    metrics
}

/// "97.5%": a share to one decimal.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}
