//! The lab's state: the points and their features (computed once per point), the pictures' cells, the
//! picked point and neuron, and the run (`run.rs`).

use super::data::{generate, split, Point};
use super::edit::Edit;
use super::features::Features;
use super::grid::{feature_pictures, NEURON_GRID};
use super::pictures::Pictures;
use super::run::Run;
use super::setup::{PlaygroundSetup, MAX_EPOCHS};

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
    /// The output's picture and the neurons', kept until the weights on show change; rebuilt when the
    /// features or the network's sizes change (`pictures_for`).
    pub(super) pictures: Pictures,
    pictures_for: (Features, Vec<usize>),
    pub(super) feature_pictures: Vec<f64>,
    /// The point and the neuron (layer, index; the output layer counts) the inspector reads.
    pub(super) picked_point: Option<usize>,
    pub(super) picked_neuron: (usize, usize),
    /// The challenge whose prepared setup was opened last (shown while the setup is still its own).
    pub(super) challenge: Option<&'static str>,
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
        let pictures = Pictures::new(&run.trainer, &setup.features);
        let mut lab = PlaygroundLab {
            feature_evaluations: points.len(),
            generations: 1,
            feature_pictures: feature_pictures(&setup.features, NEURON_GRID),
            pictures_for: (setup.features.clone(), setup.hidden.clone()),
            pictures,
            picked_point: None,
            picked_neuron: (setup.hidden.len(), 0),
            challenge: None,
            points,
            inputs,
            edits: Vec::new(),
            run,
            setup,
        };
        lab.refresh_pictures(false);
        Ok(lab)
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

    /// Brings the pictures up to the weights on show: all of them, or (`frame`, a frame of Play) a share
    /// of the output's rows and, every other frame, the neurons' (see `pictures`).
    pub(super) fn refresh_pictures(&mut self, frame: bool) {
        let key = (self.setup.features.clone(), self.setup.hidden.clone());
        if key != self.pictures_for {
            self.pictures = Pictures::new(&self.run.trainer, &self.setup.features);
            self.pictures_for = key;
        }
        let neurons: usize = self.setup.hidden.iter().sum::<usize>() + 1;
        let (trainer, params) = (&self.run.trainer, &self.run.shown);
        if frame {
            self.pictures.refresh_frame(trainer, params, neurons);
        } else {
            self.pictures.refresh(trainer, params, neurons);
        }
    }

    /// How many frames of Play it takes to recompute the whole output picture (1 for a small network).
    pub fn picture_shares(&self) -> usize {
        self.pictures.shares()
    }
}
