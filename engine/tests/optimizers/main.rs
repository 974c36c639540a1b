//! Each optimizer's first steps against values derived by hand from torch.optim's documented update rules, on
//! one identity neuron z = w·x + b with E = ½(z − t)² and one example, whose gradient is known in closed form:
//! ∂E/∂w = (w x + b − t)·x, ∂E/∂b = w x + b − t.

#[path = "../common/mod.rs"]
mod common;

mod first_steps;
mod resume;

use backprop_engine::Optimizer;
use backprop_engine::ParamSet;
use backprop_engine::StepTrace;
use backprop_engine::Trainer;
use common::identity_neuron;

pub(crate) const W0: f64 = 0.5;
pub(crate) const B0: f64 = -0.2;
pub(crate) const X: f64 = 1.5;
pub(crate) const T: f64 = 2.0;

/// The closed-form gradient of the test neuron.
pub(crate) fn grad(w: f64, b: f64) -> (f64, f64) {
    let r = w * X + b - T;
    (r * X, r)
}

pub(crate) fn run(optimizer: Optimizer, steps: usize) -> Vec<StepTrace> {
    let mut trainer = Trainer::new(identity_neuron(W0, B0, X, T, optimizer)).expect("valid");
    (0..steps).map(|_| trainer.step()).collect()
}

pub(crate) fn w_of(t: &StepTrace) -> f64 {
    t.after[0].weights[0][0]
}
pub(crate) fn b_of(t: &StepTrace) -> f64 {
    t.after[0].biases[0]
}

/// The buffer of the single neuron: (weight entry, bias entry).
pub(crate) fn entry(sets: &[ParamSet]) -> (f64, f64) {
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].weights.len(), 1);
    assert_eq!(sets[0].weights[0].len(), 1);
    assert_eq!(sets[0].biases.len(), 1);
    (sets[0].weights[0][0], sets[0].biases[0])
}
