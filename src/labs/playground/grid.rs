//! The pictures' cells: the square cut into n×n cells, read like an image (row 0 at the top, where x₂ = 6;
//! column 0 at the left, where x₁ = −6), each cell's values taken at its centre. The output is drawn at
//! 160×160 cells, each neuron (and each input feature) at 40×40.

use super::features::Features;
use super::setup::HALF;

pub const OUTPUT_GRID: usize = 160;
pub const NEURON_GRID: usize = 40;

/// The centre of cell (row, col) of an n×n grid: (x₁, x₂).
pub fn cell(n: usize, row: usize, col: usize) -> (f64, f64) {
    let at = |k: usize| -HALF + 2.0 * HALF * (k as f64 + 0.5) / n as f64;
    (at(col), -at(row))
}

/// Each cell's centre, row by row.
pub fn cells(n: usize) -> impl Iterator<Item = (f64, f64)> {
    (0..n).flat_map(move |row| (0..n).map(move |col| cell(n, row, col)))
}

/// The network's inputs at each cell's centre.
pub fn cell_inputs(features: &Features, n: usize) -> Vec<Vec<f64>> {
    cells(n).map(|(x1, x2)| features.inputs(x1, x2)).collect()
}

/// Each feature's value over the n×n grid, one picture after another.
pub fn feature_pictures(features: &Features, n: usize) -> Vec<f64> {
    features
        .list()
        .iter()
        .flat_map(|f| cells(n).map(move |(x1, x2)| f.value(x1, x2)))
        .collect()
}

/// Values laid out cell by cell (each cell's `neurons` values together) rearranged picture by picture (each
/// neuron's cells together); a value that is not a finite number becomes 0.
pub fn by_neuron(values: &[f64], neurons: usize) -> Vec<f64> {
    if neurons == 0 {
        return Vec::new();
    }
    let cells = values.len() / neurons;
    (0..neurons)
        .flat_map(|j| (0..cells).map(move |c| values[c * neurons + j]))
        .map(|v| if v.is_finite() { v } else { 0.0 })
        .collect()
}
