//! The pictures, kept between snapshots: the output over `OUTPUT_GRID`² cells and every neuron's over
//! `NEURON_GRID`² cells, recomputed only when the weights on show change.
//!
//! A frame of Play must hold training, every picture and every redraw. For a large network the output's
//! 25,600 cells are most of that (six hidden layers of eight: about 350 multiply-adds and 49 tanh a cell), so
//! a frame of Play (a `Train` command) recomputes only a share of the output's rows, interleaved (with two
//! shares, the even rows one frame and the odd rows the next), and the neuron pictures every other frame.
//! Every other command, and `Redraw` when Play stops, recomputes them all, so a still picture is always
//! the weights on show, cell for cell.

use std::rc::Rc;

use super::features::Features;
use super::grid::{by_neuron, cell, cell_inputs, NEURON_GRID, OUTPUT_GRID};
use crate::engine::fast::{FastTrainer, Sweep};

/// Work (parameters × cells) a frame may spend on the output picture before it is cut into shares: the
/// default network (25 parameters, 0.64 M) fits whole; six hidden layers of eight (393, 10 M) take 4.
pub const FRAME_WORK: usize = 2_500_000;
/// At most this many shares: each row is then at most this many frames old.
pub const MAX_SHARES: usize = 4;

pub struct Pictures {
    /// The output's cells by share: share k holds rows k, k + shares, k + 2·shares …
    output_cells: Vec<Sweep>,
    neuron_cells: Sweep,
    /// The output, row by row from the top, and every neuron's picture one after another (the output last).
    pub output: Rc<Vec<f64>>,
    pub neurons: Rc<Vec<f64>>,
    /// The weights every picture was last computed with, whole; `None` while a share is older.
    drawn_with: Option<Vec<f64>>,
    /// The share the next frame recomputes.
    next: usize,
    /// Frames of Play since the last whole recomputation.
    frames: usize,
}

/// How many shares the output's rows are cut into for a network of `params` weights and biases.
pub fn shares(params: usize) -> usize {
    (params * OUTPUT_GRID * OUTPUT_GRID)
        .div_ceil(FRAME_WORK)
        .clamp(1, MAX_SHARES)
}

impl Pictures {
    pub fn new(trainer: &FastTrainer, features: &Features) -> Pictures {
        let shares = shares(trainer.params().len());
        let output_cells = (0..shares)
            .map(|k| {
                let inputs: Vec<Vec<f64>> = (k..OUTPUT_GRID)
                    .step_by(shares)
                    .flat_map(|row| (0..OUTPUT_GRID).map(move |col| cell(OUTPUT_GRID, row, col)))
                    .map(|(x1, x2)| features.inputs(x1, x2))
                    .collect();
                trainer.sweep(&inputs)
            })
            .collect();
        Pictures {
            output_cells,
            neuron_cells: trainer.sweep(&cell_inputs(features, NEURON_GRID)),
            output: Rc::new(vec![0.0; OUTPUT_GRID * OUTPUT_GRID]),
            neurons: Rc::new(Vec::new()),
            drawn_with: None,
            next: 0,
            frames: 0,
        }
    }

    /// Shares the output's rows are cut into.
    pub fn shares(&self) -> usize {
        self.output_cells.len()
    }

    /// Whether every picture was computed with exactly these weights.
    pub fn whole(&self, params: &[f64]) -> bool {
        self.drawn_with.as_deref() == Some(params)
    }

    /// The next `refresh` recomputes every picture.
    pub fn forget(&mut self) {
        self.drawn_with = None;
    }

    /// Every picture from `params`, unless they already are.
    pub fn refresh(&mut self, trainer: &FastTrainer, params: &[f64], neurons: usize) {
        if self.whole(params) {
            return;
        }
        for share in 0..self.shares() {
            self.output_share(trainer, params, neurons, share);
        }
        self.neuron_pictures(trainer, params, neurons);
        self.drawn_with = Some(params.to_vec());
        self.next = 0;
        self.frames = 0;
    }

    /// A frame of Play: the next share of the output's rows, and the neuron pictures every other frame (every
    /// picture, when the network is small enough for one share).
    pub fn refresh_frame(&mut self, trainer: &FastTrainer, params: &[f64], neurons: usize) {
        if self.shares() == 1 || self.whole(params) {
            return self.refresh(trainer, params, neurons);
        }
        let share = self.next;
        self.output_share(trainer, params, neurons, share);
        if self.frames % 2 == 0 {
            self.neuron_pictures(trainer, params, neurons);
        }
        self.next = (share + 1) % self.shares();
        self.frames += 1;
        self.drawn_with = None;
    }

    fn output_share(&mut self, trainer: &FastTrainer, params: &[f64], neurons: usize, k: usize) {
        let shares = self.shares();
        let values = trainer.sweep_neurons(&mut self.output_cells[k], params, neurons - 1..neurons);
        let output = Rc::make_mut(&mut self.output);
        let n = OUTPUT_GRID;
        for (r, row) in (k..n).step_by(shares).enumerate() {
            for col in 0..n {
                let v = values.get(r * n + col).copied().unwrap_or(0.0);
                output[row * n + col] = if v.is_finite() { v } else { 0.0 };
            }
        }
    }

    fn neuron_pictures(&mut self, trainer: &FastTrainer, params: &[f64], neurons: usize) {
        let every = trainer.sweep_neurons(&mut self.neuron_cells, params, 0..neurons);
        self.neurons = Rc::new(by_neuron(&every, neurons));
    }
}
