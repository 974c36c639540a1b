//! Hostile input: a point outside the square, a layer of 0 neurons, η = 1e6, a run that blows up, and
//! commands at random. Each gives a reason or a diverged state that Reset recovers; the snapshot never holds
//! a number that is not finite, and nothing panics.

use std::panic::{catch_unwind, AssertUnwindSafe};

use backprop_lab::engine::rng::Rng;
use backprop_lab::labs::playground::*;

use crate::support::{lab, train};

/// Every number in the snapshot's JSON and its pictures and curves is finite (serde_json writes a NaN or an
/// infinity as null, so a null where a number belongs is caught by the fields' types below).
fn assert_all_finite(lab: &PlaygroundLab) {
    let s = lab.snapshot();
    let json = serde_json::to_value(&s).unwrap();
    fn walk(v: &serde_json::Value, path: &str) {
        match v {
            serde_json::Value::Number(n) => {
                assert!(n.as_f64().is_some_and(f64::is_finite), "{path}")
            }
            serde_json::Value::Array(items) => {
                for (k, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{k}]"));
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    walk(item, &format!("{path}.{k}"));
                }
            }
            _ => {}
        }
    }
    walk(&json, "snapshot");
    assert!(s.edges.iter().all(|e| e.weight.is_finite()));
    assert!(s.neurons.iter().all(|n| n.bias.is_finite()));
    assert!(s.output_picture.iter().all(|v| v.is_finite()));
    assert!(s.neuron_pictures.iter().all(|v| v.is_finite()));
    assert!(s
        .training_curve
        .iter()
        .chain(&s.test_curve)
        .all(|p| p[1].is_finite()));
    for m in [s.training, s.test] {
        for v in [m.loss, m.accuracy, m.rmse, m.r2].into_iter().flatten() {
            assert!(v.is_finite());
        }
    }
    if let Some(i) = s.inspection {
        for v in [i.z, i.a, i.de_dz, i.loss].into_iter().flatten() {
            assert!(v.is_finite());
        }
    }
}

#[test]
fn a_point_outside_the_square_is_refused_with_the_reason() {
    let mut lab = lab("data=gauss");
    use PlaygroundCommand as C;
    for command in [
        C::AddPoint {
            x1: 6.5,
            x2: 0.0,
            target: 1.0,
        },
        C::AddPoint {
            x1: 0.0,
            x2: -1e300,
            target: 0.0,
        },
        C::MovePoint {
            index: 3,
            x1: -7.0,
            x2: 2.0,
        },
    ] {
        let why = lab.apply(command.clone()).unwrap_err();
        assert!(why.contains("outside the square"), "{command:?}: {why}");
    }
    let why = lab
        .apply(C::AddPoint {
            x1: f64::NAN,
            x2: 0.0,
            target: 1.0,
        })
        .unwrap_err();
    assert!(why.contains("two numbers"), "{why}");
    let why = lab
        .apply(C::AddPoint {
            x1: 1.0,
            x2: 0.0,
            target: 0.5,
        })
        .unwrap_err();
    assert!(why.contains("class is 0 or 1"), "{why}");
    let why = lab.apply(C::RemovePoint { index: 500 }).unwrap_err();
    assert!(why.contains("no point 500"), "{why}");
    assert_eq!(lab.points().len(), 500);
    assert!(lab.edits().is_empty());
    // On the edge is inside.
    lab.apply(C::AddPoint {
        x1: 6.0,
        x2: -6.0,
        target: 0.0,
    })
    .unwrap();
    let mut values = crate::support::lab("data=bumps");
    let why = values
        .apply(C::AddPoint {
            x1: 1.0,
            x2: 0.0,
            target: 1.5,
        })
        .unwrap_err();
    assert!(why.contains("from −1 to 1"), "{why}");
}

#[test]
fn layers_keep_their_limits() {
    use PlaygroundCommand as C;
    let mut lab = lab("layers=1");
    let why = lab.apply(C::SetHidden { hidden: vec![4, 0] }).unwrap_err();
    assert!(why.contains("hidden layer 2 has 0 neurons"), "{why}");
    let why = lab.apply(C::RemoveNeuron { layer: 0 }).unwrap_err();
    assert!(why.contains("one neuron left"), "{why}");
    let why = lab.apply(C::AddNeuron { layer: 3 }).unwrap_err();
    assert!(why.contains("no hidden layer 4"), "{why}");
    lab.apply(C::SetHidden { hidden: vec![8; 6] }).unwrap();
    let why = lab.apply(C::AddLayer).unwrap_err();
    assert!(why.contains("6 hidden layers"), "{why}");
    let why = lab.apply(C::AddNeuron { layer: 5 }).unwrap_err();
    assert!(why.contains("8 neurons"), "{why}");
    lab.apply(C::SetHidden { hidden: vec![] }).unwrap();
    let why = lab.apply(C::RemoveLayer).unwrap_err();
    assert!(why.contains("no hidden layer"), "{why}");
    let why = lab
        .apply(C::PickNeuron {
            layer: 0,
            neuron: 1,
        })
        .unwrap_err();
    assert!(why.contains("no neuron 2"), "{why}");
    lab.apply(C::PickNeuron {
        layer: 0,
        neuron: 0,
    })
    .unwrap();
    assert_eq!(lab.snapshot().sizes, vec![2, 1]);
}

#[test]
fn a_huge_learning_rate_is_refused_naming_it() {
    let mut lab = lab("data=xor");
    let why = lab
        .apply(PlaygroundCommand::SetLearningRate { learning_rate: 1e6 })
        .unwrap_err();
    assert!(why.starts_with("lr:"), "{why}");
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(lab
            .apply(PlaygroundCommand::SetLearningRate { learning_rate: bad })
            .is_err());
    }
    assert_eq!(lab.setup().learning_rate, 0.03);
}

#[test]
fn a_run_that_blows_up_is_marked_diverged_and_reset_recovers_it() {
    for query in [
        "data=plane&lr=10&layers=8,8",
        "data=bumps&lr=3&act=relu&layers=8,8,8,8&batch=2&points=100",
        "data=plane&lr=10&layers=none&features=x1sq,x2sq,x1x2&opt=momentum",
    ] {
        let mut lab = lab(query);
        train(&mut lab, 5);
        let d = lab
            .run
            .diverged
            .clone()
            .unwrap_or_else(|| panic!("{query}"));
        let s = lab.snapshot();
        assert!(
            s.finished.as_deref().unwrap().contains("diverged"),
            "{query}"
        );
        assert!(s.summary.contains("diverged"), "{}", s.summary);
        assert!(s.summary.contains("press Reset"), "{}", s.summary);
        assert_all_finite(&lab);
        lab.apply(PlaygroundCommand::PickPoint { index: Some(0) })
            .unwrap();
        assert_all_finite(&lab);
        let why = lab
            .apply(PlaygroundCommand::Train { epochs: 1 })
            .unwrap_err();
        assert!(
            why.contains(&format!("diverged at epoch {}", d.epoch)),
            "{why}"
        );
        assert!(lab.apply(PlaygroundCommand::StepBatch).is_err());
        lab.apply(PlaygroundCommand::Reset).unwrap();
        assert!(lab.run.diverged.is_none());
        assert_eq!(lab.run.epoch, 0);
        lab.apply(PlaygroundCommand::StepBatch).unwrap();
        // A smaller learning rate trains.
        lab.apply(PlaygroundCommand::SetLearningRate {
            learning_rate: 0.001,
        })
        .unwrap();
        train(&mut lab, 5);
        assert!(lab.run.diverged.is_none(), "{query}");
        assert_all_finite(&lab);
    }
}

#[test]
fn commands_at_random_never_panic_and_never_show_a_number_that_is_not_finite() {
    let mut rng = Rng::new(11);
    let mut lab = lab("data=xor");
    let texts = [
        r#"{"type":"step_batch"}"#,
        r#"{"type":"step_epoch"}"#,
        r#"{"type":"train","epochs":3}"#,
        r#"{"type":"reset"}"#,
        r#"{"type":"new_weights"}"#,
        r#"{"type":"set_data","data":"spiral"}"#,
        r#"{"type":"set_data","data":"plane"}"#,
        r#"{"type":"set_seed","seed":18446744073709551615}"#,
        r#"{"type":"set_noise","noise":1}"#,
        r#"{"type":"set_points","points":20}"#,
        r#"{"type":"set_test_percent","percent":90}"#,
        r#"{"type":"set_feature","feature":"sinx1","on":true}"#,
        r#"{"type":"set_feature","feature":"x1","on":false}"#,
        r#"{"type":"set_hidden","hidden":[8,8,8]}"#,
        r#"{"type":"add_layer"}"#,
        r#"{"type":"remove_layer"}"#,
        r#"{"type":"add_neuron","layer":0}"#,
        r#"{"type":"remove_neuron","layer":1}"#,
        r#"{"type":"set_activation","activation":"relu"}"#,
        r#"{"type":"set_activation","activation":"softmax"}"#,
        r#"{"type":"set_optimizer","optimizer":"rmsprop"}"#,
        r#"{"type":"set_learning_rate","learning_rate":10}"#,
        r#"{"type":"set_batch","batch":null}"#,
        r#"{"type":"set_batch","batch":1}"#,
        r#"{"type":"set_penalty","penalty":"l1"}"#,
        r#"{"type":"set_rate","rate":10}"#,
        r#"{"type":"add_point","x1":5.9,"x2":-5.9,"target":1}"#,
        r#"{"type":"move_point","index":0,"x1":0,"x2":0}"#,
        r#"{"type":"remove_point","index":0}"#,
        r#"{"type":"pick_point","index":0}"#,
        r#"{"type":"pick_neuron","layer":1,"neuron":0}"#,
        r#"{"type":"pick_neuron","layer":0,"neuron":7}"#,
    ];
    for k in 0..300 {
        let text = texts[rng.below(texts.len())];
        let command: PlaygroundCommand = serde_json::from_str(text).unwrap();
        let outcome = catch_unwind(AssertUnwindSafe(|| lab.apply(command)));
        match outcome {
            Ok(Err(why)) => assert!(!why.trim().is_empty(), "{text}"),
            Ok(Ok(())) => {}
            Err(_) => panic!("command {k}, {text}, panicked"),
        }
        if k % 100 == 0 {
            assert_all_finite(&lab);
        }
        if lab.run.diverged.is_some() && rng.below(2) == 0 {
            lab.apply(PlaygroundCommand::Reset).unwrap();
        }
    }
    assert_all_finite(&lab);
    assert!(serde_json::from_str::<PlaygroundCommand>(r#"{"type":"train"}"#).is_err());
}
