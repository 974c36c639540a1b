//! Training: the counters, the epoch's losses, the lessons the defaults teach (XOR learnt; the circle out of
//! reach of a straight line, and the summary saying why), and which commands start the run again.

use backprop_lab::labs::playground::*;

use crate::support::{lab, train};

#[test]
fn xor_with_the_defaults_reaches_95_percent_test_accuracy() {
    let mut lab = lab("data=xor&seed=1");
    let mut epochs = 0;
    while lab.run.test.accuracy.unwrap() < 0.95 {
        train(&mut lab, 10);
        epochs += 10;
        assert!(
            epochs <= 150,
            "still {:?} after {epochs} epochs",
            lab.run.test
        );
    }
    let summary = lab.snapshot().summary;
    let shown = format!(
        "test accuracy {:.1}%",
        100.0 * lab.run.test.accuracy.unwrap()
    );
    assert!(summary.starts_with(&shown), "{summary}");
    assert!(
        summary.contains(&format!("after {epochs} epochs")),
        "{summary}"
    );
}

#[test]
fn a_single_layer_on_x1_and_x2_cannot_draw_the_circle() {
    let mut lab = lab("data=circle&seed=1&layers=none&features=x1,x2");
    train(&mut lab, 300);
    let accuracy = lab.run.test.accuracy.unwrap();
    assert!((0.35..=0.65).contains(&accuracy), "{accuracy}");
    let summary = lab.snapshot().summary;
    assert!(summary.contains("test accuracy"), "{summary}");
    assert!(summary.contains("near chance"), "{summary}");
    assert!(
        summary.contains("a single layer on x₁ and x₂ draws a straight line"),
        "{summary}"
    );
    // With x₁² and x₂² the same single neuron draws the circle.
    lab.apply(PlaygroundCommand::SetFeature {
        feature: Feature::X1Squared,
        on: true,
    })
    .unwrap();
    lab.apply(PlaygroundCommand::SetFeature {
        feature: Feature::X2Squared,
        on: true,
    })
    .unwrap();
    train(&mut lab, 300);
    assert!(lab.run.test.accuracy.unwrap() >= 0.95, "{:?}", lab.run.test);
    assert!(!lab.snapshot().summary.contains("straight line"));
}

#[test]
fn the_counters_count_updates_and_epochs() {
    // 250 training points in batches of 10: 25 updates an epoch.
    let mut lab = lab("data=gauss");
    assert_eq!((lab.run.epoch, lab.run.updates), (0, 0));
    assert!(lab.snapshot().summary.contains("before training"));
    lab.apply(PlaygroundCommand::StepBatch).unwrap();
    assert_eq!((lab.run.epoch, lab.run.updates), (0, 1));
    lab.apply(PlaygroundCommand::StepEpoch).unwrap();
    assert_eq!(
        (lab.run.epoch, lab.run.updates),
        (1, 25),
        "to the end of the epoch"
    );
    lab.apply(PlaygroundCommand::StepEpoch).unwrap();
    assert_eq!((lab.run.epoch, lab.run.updates), (2, 50));
    lab.apply(PlaygroundCommand::Train { epochs: 3 }).unwrap();
    assert_eq!((lab.run.epoch, lab.run.updates), (5, 125));
    assert_eq!(lab.run.training_losses.len(), 6, "epoch 0 and each epoch");
    assert_eq!(lab.run.test_losses.len(), 6);
    let s = lab.snapshot();
    assert_eq!(s.training_curve.len(), 6);
    assert_eq!(s.training_curve[5], [5.0, lab.run.training_losses[5]]);
    assert_eq!(s.training.loss, Some(lab.run.training_losses[5]));
    assert_eq!((s.steps_per_epoch, s.batch_size), (25, 10));
    // A batch of all: one update an epoch.
    lab.apply(PlaygroundCommand::SetBatch { batch: None })
        .unwrap();
    lab.apply(PlaygroundCommand::StepBatch).unwrap();
    assert_eq!((lab.run.epoch, lab.run.updates), (1, 1));
}

#[test]
fn one_command_trains_a_bounded_number_of_epochs() {
    let mut lab = lab("data=gauss");
    for epochs in [0, MAX_EPOCHS_PER_COMMAND + 1, usize::MAX] {
        let why = lab.apply(PlaygroundCommand::Train { epochs }).unwrap_err();
        assert!(why.contains("1 to 100 epochs"), "{why}");
    }
    assert_eq!(lab.run.updates, 0);
}

#[test]
fn reset_returns_to_the_same_start_and_new_weights_to_another() {
    let mut lab = lab("data=spiral");
    let start = lab.params().to_vec();
    train(&mut lab, 5);
    assert_ne!(lab.params(), &start[..]);
    let trained = lab.params().to_vec();
    lab.apply(PlaygroundCommand::Reset).unwrap();
    assert_eq!(lab.params(), &start[..]);
    assert_eq!((lab.run.epoch, lab.run.updates), (0, 0));
    train(&mut lab, 5);
    assert_eq!(lab.params(), &trained[..], "the same run again, to the bit");
    lab.apply(PlaygroundCommand::NewWeights).unwrap();
    assert_eq!(lab.setup().weight_seed, 2);
    assert_ne!(lab.params(), &start[..]);
    assert_eq!(lab.run.epoch, 0);
}

#[test]
fn a_setting_starts_a_fresh_run_and_the_same_value_keeps_it() {
    use PlaygroundCommand as C;
    let changes = [
        C::SetLearningRate { learning_rate: 0.1 },
        C::SetOptimizer {
            optimizer: OptimizerKind::Adam,
        },
        C::SetBatch { batch: Some(5) },
        C::SetPenalty {
            penalty: Penalty::L2,
        },
        C::SetRate { rate: 0.3 },
        C::SetActivation {
            activation: backprop_lab::engine::Activation::Relu,
        },
        C::SetHidden { hidden: vec![3] },
        C::AddLayer,
        C::RemoveNeuron { layer: 0 },
        C::SetFeature {
            feature: Feature::SinX1,
            on: true,
        },
        C::SetTestPercent { percent: 20 },
        C::SetSeed { seed: 9 },
        C::SetNoise { noise: 0.3 },
        C::SetPoints { points: 200 },
        C::SetData {
            data: DataKind::Plane,
        },
    ];
    for change in changes {
        let mut lab = lab("data=gauss&epoch=2");
        lab.apply(change.clone()).unwrap();
        assert_eq!(lab.run.updates, 0, "{change:?}");
        lab.apply(PlaygroundCommand::StepEpoch).unwrap();
        // The same value again keeps the run.
        lab.apply(change.clone()).ok();
        if !matches!(change, C::AddLayer | C::RemoveNeuron { .. }) {
            assert_eq!(lab.run.updates, lab.run.steps_per_epoch, "{change:?}");
        }
    }
}

#[test]
fn regression_reports_rmse_and_r2() {
    let mut lab = lab("data=plane&layers=none&lr=0.01");
    train(&mut lab, 100);
    let test = lab.run.test;
    assert!(test.accuracy.is_none());
    assert!(test.r2.unwrap() > 0.99, "{test:?}");
    assert!(test.rmse.unwrap() < 0.05, "{test:?}");
    // Squared error is the loss: the mean of the squares is the RMSE squared.
    let loss = test.loss.unwrap();
    assert!((loss.sqrt() - test.rmse.unwrap()).abs() < 1e-12);
    let summary = lab.snapshot().summary;
    assert!(summary.starts_with("test RMSE"), "{summary}");
    assert!(summary.contains("fits a plane"), "{summary}");
}

#[test]
fn the_pictures_have_their_sizes_and_follow_the_network() {
    let lab = lab("data=xor&features=x1,x2,x1x2&layers=4,2&epoch=20");
    let s = lab.snapshot();
    assert_eq!(s.output_picture.len(), 160 * 160);
    assert_eq!(s.neuron_pictures.len(), (4 + 2 + 1) * 40 * 40);
    assert_eq!(s.feature_pictures.len(), 3 * 40 * 40);
    // The output picture is the network's output at each cell's centre: top-left is (−6, 6).
    let (x1, x2) = cell(160, 0, 0);
    assert!((x1 + 5.9625).abs() < 1e-12 && (x2 - 5.9625).abs() < 1e-12);
    let layers = lab.layers();
    let at = |row, col| {
        let (x1, x2) = cell(160, row, col);
        backprop_lab::engine::network::predict(&layers, &[x1, x2, x1 * x2])[0]
    };
    for (row, col) in [(0, 0), (17, 140), (159, 159), (80, 3)] {
        assert!((s.output_picture[row * 160 + col] - at(row, col)).abs() < 1e-12);
    }
    // The output's own 40×40 picture comes last.
    let (x1, x2) = cell(40, 7, 30);
    let out = backprop_lab::engine::network::predict(&layers, &[x1, x2, x1 * x2])[0];
    assert!((s.neuron_pictures[6 * 1600 + 7 * 40 + 30] - out).abs() < 1e-12);
    // xor: class 1 where x₁x₂ > 0, top right and bottom left.
    assert!(s.output_picture[20 * 160 + 140] > 0.5 && s.output_picture[140 * 160 + 20] > 0.5);
    assert!(s.output_picture[20 * 160 + 20] < 0.5 && s.output_picture[140 * 160 + 140] < 0.5);
}

#[test]
fn a_network_that_fits_neither_set_is_not_said_to_overfit() {
    // Early on the training accuracy can be well above the test accuracy by luck, with neither high.
    let lab = lab("data=xor&seed=1&epoch=4");
    let (training, test) = (
        lab.run.training.accuracy.unwrap(),
        lab.run.test.accuracy.unwrap(),
    );
    assert!(training < 0.9, "{training}");
    assert!(!lab.snapshot().summary.contains("noise"), "{test}");
    // A small noisy training set that the network learns by heart is.
    let mut noisy = crate::support::lab(
        "data=xor&seed=2&noise=0.6&points=40&test=50&layers=8,8,8&opt=adam&lr=0.03&batch=all",
    );
    train(&mut noisy, 400);
    let s = noisy.snapshot();
    let (training, test) = (s.training.accuracy.unwrap(), s.test.accuracy.unwrap());
    eprintln!("overfit check: {training} {test} {}", s.summary);
    if training >= 0.9 && training - test >= 0.1 {
        assert!(
            s.summary.contains("learnt the training points' noise"),
            "{}",
            s.summary
        );
    }
}
