//! Features: their values, computed once per point (training and the pictures read the kept values), and a
//! toggle that recomputes them and touches nothing else.

use backprop_lab::labs::playground::*;

use crate::support::{lab, train};

#[test]
fn each_feature_is_its_formula_with_libm_sines() {
    let (x1, x2) = (1.25, -4.5);
    let all = Features::new(Feature::ALL).unwrap();
    assert_eq!(
        all.inputs(x1, x2),
        vec![
            x1,
            x2,
            x1 * x1,
            x2 * x2,
            x1 * x2,
            libm::sin(x1),
            libm::sin(x2)
        ]
    );
    assert_eq!(all.keys(), "x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2");
    assert_eq!(all.labels(), "x₁, x₂, x₁², x₂², x₁x₂, sin x₁ and sin x₂");
    // Chosen in any order, with repeats: kept in input order, once each.
    let chosen = Features::new([Feature::SinX2, Feature::X1, Feature::SinX2]).unwrap();
    assert_eq!(chosen.list(), &[Feature::X1, Feature::SinX2]);
    assert!(Features::new([]).is_err());
}

#[test]
fn training_never_computes_a_feature_again() {
    let mut lab = lab("data=circle&features=x1,x2,x1sq,sinx2");
    let computed = lab.feature_evaluations();
    assert_eq!(computed, 500, "once per point");
    train(&mut lab, 30);
    lab.apply(PlaygroundCommand::StepBatch).unwrap();
    lab.apply(PlaygroundCommand::Reset).unwrap();
    lab.apply(PlaygroundCommand::NewWeights).unwrap();
    lab.apply(PlaygroundCommand::SetLearningRate { learning_rate: 0.1 })
        .unwrap();
    lab.apply(PlaygroundCommand::AddLayer).unwrap();
    let _ = lab.snapshot();
    assert_eq!(lab.feature_evaluations(), computed);
}

#[test]
fn a_feature_toggle_recomputes_the_features_and_nothing_else() {
    let mut lab = lab("data=xor&seed=2");
    let points = lab.points().as_ptr();
    let before = lab.points().to_vec();
    lab.apply(PlaygroundCommand::SetFeature {
        feature: Feature::X1X2,
        on: true,
    })
    .unwrap();
    assert_eq!(
        lab.feature_evaluations(),
        1000,
        "500 points, computed twice"
    );
    assert_eq!(lab.generations(), 1, "the data was not generated again");
    assert_eq!(lab.points().as_ptr(), points, "the very same points");
    assert_eq!(lab.points(), &before[..]);
    for (p, inputs) in lab.points().iter().zip(lab.inputs()) {
        assert_eq!(inputs, &vec![p.x1, p.x2, p.x1 * p.x2]);
    }
    assert_eq!(lab.snapshot().sizes, vec![3, 4, 2, 1]);
    // Switching it on again changes nothing.
    lab.apply(PlaygroundCommand::SetFeature {
        feature: Feature::X1X2,
        on: true,
    })
    .unwrap();
    assert_eq!(lab.feature_evaluations(), 1000);
}

#[test]
fn an_edited_point_has_its_own_features_computed_once() {
    let mut lab = lab("data=gauss&features=x1,sinx2");
    lab.apply(PlaygroundCommand::AddPoint {
        x1: 1.0,
        x2: 2.0,
        target: 1.0,
    })
    .unwrap();
    assert_eq!(lab.feature_evaluations(), 501);
    assert_eq!(lab.inputs()[500], vec![1.0, libm::sin(2.0)]);
    lab.apply(PlaygroundCommand::MovePoint {
        index: 3,
        x1: -2.0,
        x2: 0.5,
    })
    .unwrap();
    assert_eq!(lab.feature_evaluations(), 502);
    assert_eq!(lab.inputs()[3], vec![-2.0, libm::sin(0.5)]);
    lab.apply(PlaygroundCommand::RemovePoint { index: 0 })
        .unwrap();
    assert_eq!(lab.feature_evaluations(), 502);
    assert_eq!(lab.inputs().len(), 500);
}

#[test]
fn the_last_feature_cannot_be_switched_off() {
    let mut lab = lab("features=x2");
    let why = lab
        .apply(PlaygroundCommand::SetFeature {
            feature: Feature::X2,
            on: false,
        })
        .unwrap_err();
    assert!(why.contains("only input left"), "{why}");
    assert_eq!(lab.setup().features.keys(), "x2");
}

#[test]
fn a_command_names_a_feature_as_the_link_does() {
    for feature in Feature::ALL {
        let json = serde_json::to_string(&feature).unwrap();
        assert_eq!(json, format!("\"{}\"", feature.key()));
    }
    let command: PlaygroundCommand =
        serde_json::from_str(r#"{"type":"set_feature","feature":"x1sq","on":true}"#).unwrap();
    assert_eq!(
        command,
        PlaygroundCommand::SetFeature {
            feature: Feature::X1Squared,
            on: true
        }
    );
}
