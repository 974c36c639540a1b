//! Commands: what each one changes and keeps, presets as new lessons, and refusals that change nothing.

use crate::closed_forms::HAND;
use crate::helpers::{assert_slope_path, path_w, setup_with, stepped, PRESETS};
use backprop_lab::labs::descent::{
    DescentCommand, DescentLab, DescentSetup, Model, Preset, MAX_POINTS,
};

/// Every preset's numbers are written as a person would type them: at most three decimals, so the points box
/// never shows 0.32499999999999996.
#[test]
fn preset_points_have_at_most_three_decimals() {
    for preset in PRESETS {
        for p in preset.points() {
            for v in p {
                assert_eq!(v, (v * 1000.0).round() / 1000.0, "{preset:?}: {v}");
                assert!(format!("{v}").len() <= 6, "{preset:?}: {v}");
            }
        }
    }
}

#[test]
fn setting_the_learning_rate_keeps_the_steps_and_recomputes_the_path() {
    let mut lab = stepped(DescentSetup::default(), 7);
    for eta in [0.2, 0.9, 1.2, 0.4] {
        lab.apply(DescentCommand::SetLearningRate { value: eta })
            .unwrap();
        let s = lab.snapshot();
        assert_eq!(s.iteration, 7, "η = {eta}");
        assert_eq!(s.setup.learning_rate, eta);
        assert_slope_path(&s, &format!("η = {eta}"));
    }
    // Sliding into divergence shows as far as it got, without an error.
    lab.apply(DescentCommand::Step { count: 193 }).unwrap();
    lab.apply(DescentCommand::SetLearningRate { value: 50.0 })
        .expect("no error while sliding η");
    let s = lab.snapshot();
    assert!(
        s.iteration < 10,
        "the runaway stops within a few steps: {}",
        s.iteration
    );
    assert!(s.overflow.is_some());
    lab.apply(DescentCommand::SetLearningRate { value: 0.4 })
        .unwrap();
    let s = lab.snapshot();
    assert!(s.overflow.is_none());
    assert_slope_path(&s, "back to η = 0.4");
}

#[test]
fn editing_the_setup_keeps_the_steps_shown() {
    let mut lab = stepped(DescentSetup::default(), 5);
    let mut points = Preset::ExactLine.points();

    lab.apply(DescentCommand::MovePoint {
        index: 0,
        x: 0.25,
        z: 1.0,
    })
    .unwrap();
    points[0] = [0.25, 1.0];
    let s = lab.snapshot();
    assert_eq!((s.iteration, &s.setup.points), (5, &points));
    assert_slope_path(&s, "moved point");

    lab.apply(DescentCommand::AddPoint { x: -1.0, z: -3.0 })
        .unwrap();
    points.push([-1.0, -3.0]);
    let s = lab.snapshot();
    assert_eq!((s.iteration, &s.setup.points), (5, &points));
    assert_slope_path(&s, "added point");

    lab.apply(DescentCommand::RemovePoint { index: 2 }).unwrap();
    points.remove(2);
    let s = lab.snapshot();
    assert_eq!((s.iteration, &s.setup.points), (5, &points));
    assert_slope_path(&s, "removed point");

    lab.apply(DescentCommand::SetPointsText {
        text: "1, 2\n2, 4".into(),
    })
    .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.iteration, 5);
    assert_eq!(s.setup.points, vec![[1.0, 2.0], [2.0, 4.0]]);
    assert_eq!(path_w(&s), vec![0.0, 4.0, 0.0, 4.0, 0.0, 4.0]);

    lab.apply(DescentCommand::SetPoints {
        points: HAND.to_vec(),
    })
    .unwrap();
    lab.apply(DescentCommand::SetLearningRate { value: 0.02 })
        .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.iteration, 5);
    assert_slope_path(&s, "hand-made points");

    lab.apply(DescentCommand::SetStart { w: 1.0, b: 0.5 })
        .unwrap();
    let s = lab.snapshot();
    assert_eq!((s.iteration, s.setup.w0, s.setup.b0), (5, 1.0, 0.5));
    assert_slope_path(&s, "new start (b ignored for ẑ = w·x)");

    lab.apply(DescentCommand::SetModel {
        model: Model::SlopeAndIntercept,
    })
    .unwrap();
    let s = lab.snapshot();
    assert_eq!((s.iteration, s.setup.model), (5, Model::SlopeAndIntercept));
    assert_eq!((s.path[0].w, s.path[0].b), (1.0, 0.5));
    assert!(s.grid.is_some() && s.update.unwrap().dj_db.is_some());

    lab.apply(DescentCommand::SetStandardize { on: true })
        .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.iteration, 5);
    assert!(s.setup.standardize && s.scaling.is_some());

    // Back to the model without a bias: standardising goes with the bias (the page greys its box out), so it
    // is switched off rather than left on unseen.
    lab.apply(DescentCommand::SetModel {
        model: Model::Slope,
    })
    .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.iteration, 5);
    assert!(!s.setup.standardize && s.scaling.is_none());
}

/// A preset is a new lesson: step 0, its own points and the default settings, whatever the last lesson left
/// (the batch size, set in its own panel, stays). "x far from zero" brings its bias model and small η.
#[test]
fn a_preset_starts_a_new_lesson_with_its_own_settings() {
    let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
    lab.apply(DescentCommand::SetBatchSize { size: 2 }).unwrap();
    lab.apply(DescentCommand::LoadPreset {
        preset: Preset::FarFromZero,
    })
    .unwrap();
    lab.apply(DescentCommand::SetStandardize { on: true })
        .unwrap();
    lab.apply(DescentCommand::Step { count: 4 }).unwrap();
    let s = lab.snapshot();
    assert_eq!(
        (s.setup.model, s.setup.learning_rate, s.iteration),
        (Model::SlopeAndIntercept, 0.01, 4)
    );
    lab.apply(DescentCommand::LoadPreset {
        preset: Preset::ExactLine,
    })
    .unwrap();
    let s = lab.snapshot();
    let expected = DescentSetup {
        batch_size: 2,
        ..DescentSetup::default()
    };
    assert_eq!(s.iteration, 0);
    assert_eq!(s.setup, expected);
}

/// A link cannot ask for standardising without the bias that absorbs its shift.
#[test]
fn standardising_without_a_bias_is_refused_with_a_reason() {
    let setup = DescentSetup {
        standardize: true,
        ..DescentSetup::default()
    };
    let why = DescentLab::new(setup).err().expect("refused");
    assert!(why.contains("needs the model with a bias"), "{why}");
}

#[test]
fn invalid_commands_fail_and_change_nothing() {
    let mut lab = stepped(DescentSetup::default(), 3);
    let before = lab.snapshot();
    let n = before.setup.points.len();
    let invalid = [
        DescentCommand::MovePoint {
            index: 0,
            x: f64::NAN,
            z: 1.0,
        },
        DescentCommand::MovePoint {
            index: 1,
            x: 1.0,
            z: f64::INFINITY,
        },
        DescentCommand::MovePoint {
            index: n,
            x: 1.0,
            z: 1.0,
        },
        DescentCommand::AddPoint {
            x: f64::NAN,
            z: 0.0,
        },
        DescentCommand::AddPoint { x: 1e7, z: 0.0 },
        DescentCommand::RemovePoint { index: n },
        DescentCommand::RemovePoint { index: usize::MAX },
        DescentCommand::SetPoints { points: vec![] },
        DescentCommand::SetPoints {
            points: vec![[1.0, 2.0]; MAX_POINTS + 1],
        },
        DescentCommand::SetPoints {
            points: vec![[f64::NAN, 2.0]],
        },
        DescentCommand::SetPointsText { text: "".into() },
        DescentCommand::SetPointsText {
            text: "1, 2\nfoo".into(),
        },
        DescentCommand::SetLearningRate { value: 0.0 },
        DescentCommand::SetLearningRate { value: -0.4 },
        DescentCommand::SetLearningRate { value: f64::NAN },
        DescentCommand::SetLearningRate {
            value: f64::INFINITY,
        },
        DescentCommand::SetStart {
            w: f64::NAN,
            b: 0.0,
        },
        DescentCommand::SetStart { w: 0.0, b: 1e300 },
    ];
    for command in invalid {
        let result = lab.apply(command.clone());
        assert!(result.is_err(), "{command:?} should fail");
        assert_eq!(lab.snapshot(), before, "{command:?} changed the lab");
    }

    // Standardising needs two different x values.
    let mut same_x = stepped(
        setup_with(vec![[1.0, 2.0], [1.0, 3.0]], Model::Slope, 0.1),
        2,
    );
    let before = same_x.snapshot();
    assert!(same_x
        .apply(DescentCommand::SetStandardize { on: true })
        .is_err());
    assert_eq!(same_x.snapshot(), before);

    // Removing the only point leaves nothing to fit.
    let mut one = stepped(setup_with(vec![[1.0, 2.0]], Model::Slope, 0.1), 2);
    let before = one.snapshot();
    assert!(one.apply(DescentCommand::RemovePoint { index: 0 }).is_err());
    assert_eq!(one.snapshot(), before);

    // A lab cannot be made from an invalid setup either.
    for bad in [
        setup_with(vec![], Model::Slope, 0.1),
        setup_with(vec![[1.0, 2.0]], Model::Slope, 0.0),
        DescentSetup {
            standardize: true,
            ..setup_with(vec![[3.0, 1.0]], Model::Slope, 0.1)
        },
    ] {
        assert!(DescentLab::new(bad).is_err());
    }
}
