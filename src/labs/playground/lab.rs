//! The lab's state: the points and their features (computed once per point), the pictures' cells, the
//! picked point and neuron, and the run (`run.rs`).

use std::cell::RefCell;

use super::data::{generate, split, Point};
use super::edit::Edit;
use super::features::Features;
use super::grid::{cell_inputs, feature_pictures, NEURON_GRID, OUTPUT_GRID};
use super::run::Run;
use super::setup::{PlaygroundSetup, MAX_EPOCHS};
use crate::engine::fast::Sweep;

pub struct PlaygroundLab {
    pub(super) setup: PlaygroundSetup,
    pub(super) points: Vec<Point>,
    /// Each point's features in the network's input order, computed when the point or the features change.
    pub(super) inputs: Vec<Vec<f64>>,
    pub(super) edits: Vec<Edit>,
    /// Points whose features were computed, and datasets generated, since the lab began (for the tests
    /// that hold training to computing neither).
    pub(super) feature_evaluations: usize,
    pub(super) generations: usize,
    /// The cells of the output picture and of the neurons' pictures, as network inputs; built when the
    /// features change (a sweep fits itself to a new network).
    output_cells: RefCell<Sweep>,
    neuron_cells: RefCell<Sweep>,
    pub(super) feature_pictures: Vec<f64>,
    /// The point and the neuron (layer, index; the output layer counts) the inspector reads.
    pub(super) picked_point: Option<usize>,
    pub(super) picked_neuron: (usize, usize),
    pub run: Run,
}

impl PlaygroundLab {
    pub fn new(setup: PlaygroundSetup) -> Result<PlaygroundLab, String> {
        setup.validate()?;
        let points = generate(&setup);
        let inputs: Vec<Vec<f64>> = points
            .iter()
            .map(|p| setup.features.inputs(p.x1, p.x2))
            .collect();
        let run = Run::new(&setup, &points, &inputs)?;
        let output_cells = run
            .trainer
            .sweep(&cell_inputs(&setup.features, OUTPUT_GRID));
        let neuron_cells = run
            .trainer
            .sweep(&cell_inputs(&setup.features, NEURON_GRID));
        Ok(PlaygroundLab {
            feature_evaluations: points.len(),
            generations: 1,
            feature_pictures: feature_pictures(&setup.features, NEURON_GRID),
            output_cells: RefCell::new(output_cells),
            neuron_cells: RefCell::new(neuron_cells),
            picked_point: None,
            picked_neuron: (setup.hidden.len(), 0),
            points,
            inputs,
            edits: Vec::new(),
            run,
            setup,
        })
    }

    pub fn setup(&self) -> &PlaygroundSetup {
        &self.setup
    }

    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// Each point's features, in the network's input order.
    pub fn inputs(&self) -> &[Vec<f64>] {
        &self.inputs
    }

    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// Points whose features were computed, and datasets generated, since the lab began.
    pub fn feature_evaluations(&self) -> usize {
        self.feature_evaluations
    }

    pub fn generations(&self) -> usize {
        self.generations
    }

    /// Which point each training example is (the order of the run's spec data), and each test example.
    pub fn training_points(&self) -> &[usize] {
        &self.run.training_points
    }

    pub fn test_points(&self) -> &[usize] {
        &self.run.test_points
    }

    /// The current weights (after a divergence, the last ones that were all numbers) as a flat vector.
    pub fn params(&self) -> &[f64] {
        &self.run.shown
    }

    /// A fresh run of the same points and features with `setup`'s network and training settings.
    pub(super) fn restart(&mut self, setup: PlaygroundSetup) -> Result<(), String> {
        setup.validate()?;
        let run = Run::new(&setup, &self.points, &self.inputs)?;
        if self.picked_neuron.0 > setup.hidden.len()
            || self.picked_neuron.1 >= *setup.hidden.get(self.picked_neuron.0).unwrap_or(&1)
        {
            self.picked_neuron = (setup.hidden.len(), 0);
        }
        self.run = run;
        self.setup = setup;
        Ok(())
    }

    /// New points from `setup` (a new dataset, seed, noise or size): the edits are dropped.
    pub(super) fn regenerate(&mut self, setup: PlaygroundSetup) -> Result<(), String> {
        setup.validate()?;
        let mut fresh = PlaygroundLab::new(setup)?;
        fresh.feature_evaluations += self.feature_evaluations;
        fresh.generations += self.generations;
        *self = fresh;
        Ok(())
    }

    /// Other features for the same points: each point's features computed once, then a fresh run.
    pub(super) fn refeature(&mut self, features: Features) -> Result<(), String> {
        let mut setup = self.setup.clone();
        setup.features = features;
        setup.validate()?;
        self.inputs = self
            .points
            .iter()
            .map(|p| setup.features.inputs(p.x1, p.x2))
            .collect();
        self.feature_evaluations += self.points.len();
        self.restart(setup)?;
        let trainer = &self.run.trainer;
        *self.output_cells.borrow_mut() =
            trainer.sweep(&cell_inputs(&self.setup.features, OUTPUT_GRID));
        *self.neuron_cells.borrow_mut() =
            trainer.sweep(&cell_inputs(&self.setup.features, NEURON_GRID));
        self.feature_pictures = feature_pictures(&self.setup.features, NEURON_GRID);
        Ok(())
    }

    /// A new share of test points: the generated points move between the sets, nothing is redrawn.
    pub(super) fn resplit(&mut self, setup: PlaygroundSetup) -> Result<(), String> {
        setup.validate()?;
        let before = self.points.clone();
        split(&mut self.points, setup.test_count());
        let restarted = self.restart(setup);
        if restarted.is_err() {
            self.points = before;
        }
        restarted
    }

    /// An edit of the points, recomputing the features of the one point it touches; then a fresh run.
    pub(super) fn edit_points(&mut self, edit: Edit) -> Result<(), String> {
        let mut points = self.points.clone();
        edit.apply(&mut points, self.setup.task())?;
        let mut inputs = self.inputs.clone();
        match edit {
            Edit::Add { x1, x2, .. } => inputs.push(self.setup.features.inputs(x1, x2)),
            Edit::Move { index, x1, x2 } => inputs[index] = self.setup.features.inputs(x1, x2),
            Edit::Remove { index } => {
                inputs.remove(index);
            }
        }
        let run = Run::new(&self.setup, &points, &inputs)?;
        let mut edits = self.edits.clone();
        super::edit::record(&mut edits, edit)?;
        if !matches!(edit, Edit::Remove { .. }) {
            self.feature_evaluations += 1;
        }
        if let (Edit::Remove { index }, Some(picked)) = (edit, self.picked_point) {
            self.picked_point = match picked.cmp(&index) {
                std::cmp::Ordering::Less => Some(picked),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some(picked - 1),
            };
        }
        self.points = points;
        self.inputs = inputs;
        self.edits = edits;
        self.run = run;
        Ok(())
    }

    /// Why the run cannot go on, if it cannot.
    pub fn finished(&self) -> Option<String> {
        if let Some(d) = &self.run.diverged {
            return Some(format!(
                "The run diverged at epoch {} (update {}): {}. Press Reset, and lower the learning rate.",
                d.epoch, d.updates, d.reason
            ));
        }
        (self.run.epoch >= MAX_EPOCHS).then(|| {
            format!(
                "The run has reached its limit of {MAX_EPOCHS} epochs. Press Reset to start again."
            )
        })
    }

    /// The output over the 160×160 cells and every neuron's output over the 40×40 cells (each neuron's
    /// picture after the other, layer by layer, the output last), with the parameters shown.
    pub fn pictures(&self) -> (Vec<f64>, Vec<f64>) {
        let trainer = &self.run.trainer;
        let neurons: usize = self.setup.hidden.iter().sum::<usize>() + 1;
        let output = trainer.sweep_neurons(
            &mut self.output_cells.borrow_mut(),
            &self.run.shown,
            neurons - 1..neurons,
        );
        let every = trainer.sweep_neurons(
            &mut self.neuron_cells.borrow_mut(),
            &self.run.shown,
            0..neurons,
        );
        (
            super::grid::by_neuron(&output, 1),
            super::grid::by_neuron(&every, neurons),
        )
    }
}
