//! The picked point and neuron: z, a and ∂E/∂z are the traced trainer's for that point, bit for bit, and
//! the last update of the incoming weights is the traced step's; the exported spec opens in the
//! backpropagation lab with the same weights and gives the same numbers for that point.

use backprop_lab::engine::{Regularization, Trainer};
use backprop_lab::labs::playground::*;
use backprop_lab::labs::two_neuron::Session;

use crate::support::lab;

/// The traced trainer started where the lab's run started, with the same regularisation.
fn traced(lab: &PlaygroundLab) -> Trainer {
    Trainer::new(lab.run.spec.clone())
        .unwrap()
        .with_regularization(lab.setup().regularization())
}

fn pick(lab: &mut PlaygroundLab, point: usize, layer: usize, neuron: usize) -> Inspection {
    lab.apply(PlaygroundCommand::PickPoint { index: Some(point) })
        .unwrap();
    lab.apply(PlaygroundCommand::PickNeuron { layer, neuron })
        .unwrap();
    lab.inspection().unwrap()
}

#[test]
fn the_inspector_reads_the_traced_trainers_numbers_for_the_point_and_the_step() {
    for query in [
        "data=xor&seed=1&batch=all&epoch=7",
        "data=circle&layers=3,2&act=relu&opt=adam&lr=0.01&batch=all&reg=l1&rate=0.01&epoch=5",
        "data=bumps&features=x1,x2,sinx1&layers=4&opt=momentum&batch=all&reg=l2&rate=0.1&epoch=4",
    ] {
        let mut lab = lab(query);
        let mut trainer = traced(&lab);
        let mut last = None;
        for _ in 0..lab.run.updates {
            last = Some(trainer.step());
        }
        let last = last.unwrap();
        // With the whole training set as the batch, the next traced step runs every training point forward
        // and back with the weights the lab shows.
        let next = traced_next(&trainer);
        let layers = lab.layers();
        assert_eq!(
            layers, last.after,
            "{query}: the lab's weights are the traced trainer's"
        );
        for (position, &point) in lab
            .training_points()
            .to_vec()
            .iter()
            .enumerate()
            .step_by(37)
        {
            for (l, layer) in layers.iter().enumerate() {
                for j in 0..layer.neurons() {
                    let seen = pick(&mut lab, point, l, j);
                    let example = next.examples.iter().find(|e| e.index == position).unwrap();
                    let values = &example.layers[l];
                    assert_eq!(seen.z, Some(values.z[j]), "{query}: z of {l}.{j}");
                    assert_eq!(seen.a, Some(values.a[j]));
                    assert_eq!(seen.de_dz, Some(values.de_dz[j]));
                    assert_eq!(seen.loss, Some(example.loss));
                    for (i, row) in seen.incoming.iter().enumerate() {
                        let (before, after) = if i < layer.inputs() {
                            (last.before[l].weights[j][i], last.after[l].weights[j][i])
                        } else {
                            (last.before[l].biases[j], last.after[l].biases[j])
                        };
                        assert_eq!(row.before, Some(before), "{query}: weight {i} of {l}.{j}");
                        assert_eq!(row.value, after);
                        assert_eq!(row.change, Some(after - before));
                    }
                }
            }
        }
    }
}

fn traced_next(trainer: &Trainer) -> backprop_lab::engine::StepTrace {
    trainer.clone().step()
}

#[test]
fn a_test_point_is_inspected_with_the_same_pass() {
    let mut lab = lab("data=gauss&epoch=3");
    let point = lab.test_points()[0];
    let seen = pick(&mut lab, point, 2, 0);
    assert!(seen.test);
    assert_eq!(seen.title, "the output");
    let layers = lab.layers();
    let trace = backprop_lab::engine::network::run_example(
        &layers,
        output(Task::Classification).1,
        point,
        &lab.inputs()[point],
        &[lab.points()[point].target],
    );
    assert_eq!(seen.a, Some(trace.layers[2].a[0]));
    assert_eq!(seen.incoming.len(), 3, "two weights and the bias");
    assert_eq!(seen.incoming[0].from, "h₂.₁");
    assert_eq!(seen.incoming[2].from, "bias");
    // Its own gradient: ∂E/∂z times the input along the edge.
    assert_eq!(
        seen.incoming[1].gradient,
        Some(trace.layers[2].de_dz[0] * trace.layers[1].a[1])
    );
}

#[test]
fn before_any_update_there_is_no_last_update() {
    let mut lab = lab("data=xor");
    let seen = pick(&mut lab, 0, 0, 3);
    assert_eq!(seen.title, "neuron 4 of hidden layer 1");
    assert!(seen
        .incoming
        .iter()
        .all(|w| w.before.is_none() && w.change.is_none()));
    assert!(seen.update.contains("No update yet"), "{}", seen.update);
    assert_eq!(seen.incoming[0].from, "x₁");
}

#[test]
fn the_exported_spec_steps_through_the_same_numbers_in_the_backpropagation_lab() {
    let mut lab =
        lab("data=spiral&features=x1,x2,sinx1,sinx2&layers=8,8,8,8,8,8&opt=adam&lr=0.01&epoch=2");
    assert!(lab.export_spec().is_err(), "no point picked yet");
    let point = lab.training_points()[5];
    let seen = pick(&mut lab, point, 3, 6);
    let spec = lab.export_spec().unwrap();
    assert_eq!(spec.layers, lab.layers(), "the same weights");
    assert_eq!(spec.data.inputs, vec![lab.inputs()[point].clone()]);
    let session = Session::new(spec.clone()).expect("the backpropagation lab imports it");
    let values = &session.current_trace().examples[0].layers[3];
    assert_eq!(Some(values.z[6]), seen.z);
    assert_eq!(Some(values.a[6]), seen.a);
    assert_eq!(Some(values.de_dz[6]), seen.de_dz);
    // And through the spec's JSON, as the page carries it.
    let reread = backprop_lab::engine::Spec::from_json(&spec.to_json()).unwrap();
    assert_eq!(reread, spec);
    assert_eq!(lab.setup().regularization(), Regularization::None);
}
