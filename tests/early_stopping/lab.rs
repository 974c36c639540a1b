//! The early-stopping lab: the stopping rule against a direct reading of its definition, the samples and
//! their split, the errors against an independent forward pass, and runs that overfit, stop, and are read
//! again with another patience.

use backprop_lab::engine::network::predict;
use backprop_lab::labs::early_stopping::link::stopping_from_query;
use backprop_lab::labs::early_stopping::link::stopping_query;
use backprop_lab::labs::early_stopping::{
    samples, stop_point, thinned, truth, StoppingCommand, StoppingLab, StoppingSetup, MAX_EPOCHS,
};
use proptest::prelude::*;

/// Early stopping by its definition, one epoch at a time: an epoch is the new best when its validation error
/// is below the best so far by more than `min_delta` (with 0, a tie is no improvement), and the run stops at
/// the first epoch that many epochs past its best.
fn stop_by_definition(errors: &[f64], patience: usize, min_delta: f64) -> Option<(usize, usize)> {
    (1..errors.len()).find_map(|epoch| {
        let mut best = 0;
        for e in 1..=epoch {
            if errors[e] < errors[best] - min_delta {
                best = e;
            }
        }
        (epoch - best >= patience).then_some((epoch, best))
    })
}

#[test]
fn the_rule_stops_after_patience_epochs_without_a_lower_error() {
    let errors = [5.0, 4.0, 3.0, 3.0, 3.5, 2.9, 3.0, 3.1, 3.2, 1.0];
    // Epoch 3 ties epoch 2 and does not count; the wait from epoch 2 runs out at epoch 4 with patience 2.
    let stop = stop_point(&errors, 2, 0.0).unwrap();
    assert_eq!(
        (stop.epoch, stop.kept_epoch, stop.kept_validation),
        (4, 2, 3.0)
    );
    // With patience 3 the run survives to epoch 5's new best, then stops at epoch 8 keeping epoch 5.
    let stop = stop_point(&errors, 3, 0.0).unwrap();
    assert_eq!((stop.epoch, stop.kept_epoch), (8, 5));
    assert_eq!(stop_point(&errors, 4, 0.0), None);
    assert_eq!(stop_point(&[], 1, 0.0), None);
    assert_eq!(stop_point(&[1.0], 1, 0.0), None);
}

#[test]
fn an_error_that_is_not_a_number_is_never_an_improvement() {
    let errors = [1.0, f64::NAN, f64::NAN, 0.5];
    assert_eq!(
        stop_point(&errors, 2, 0.0).map(|s| (s.epoch, s.kept_epoch)),
        Some((2, 0))
    );
}

proptest! {
    #[test]
    fn the_rule_matches_its_definition(
        errors in prop::collection::vec(0u8..6, 0..40),
        patience in 1usize..8,
        min_delta in prop::sample::select(vec![0.0, 0.5, 1.0, 1.5]),
    ) {
        // Small whole numbers, so ties (and drops of exactly min_delta) are common.
        let errors: Vec<f64> = errors.into_iter().map(f64::from).collect();
        let found = stop_point(&errors, patience, min_delta).map(|s| (s.epoch, s.kept_epoch));
        prop_assert_eq!(found, stop_by_definition(&errors, patience, min_delta));
        if let Some(stop) = stop_point(&errors, patience, min_delta) {
            prop_assert_eq!(stop.kept_validation, errors[stop.kept_epoch]);
        }
    }
}

#[test]
fn a_drop_smaller_than_min_delta_is_not_an_improvement() {
    let errors = [1.0, 0.95, 0.9, 0.5, 0.49, 0.48, 0.47];
    // Every drop counts with 0: the best is the last epoch.
    assert_eq!(stop_point(&errors, 3, 0.0), None);
    // With 0.1, only the drop to 0.5 counts: three epochs of 0.01 later, the patience runs out, and early
    // stopping keeps epoch 3, not epoch 6's slightly lower error.
    let stop = stop_point(&errors, 3, 0.1).unwrap();
    assert_eq!((stop.epoch, stop.kept_epoch), (6, 3));
    assert_eq!(stop.kept_validation, 0.5);
}

#[test]
fn samples_are_spread_over_the_curve_and_split_by_the_share() {
    let setup = StoppingSetup::default();
    let drawn = samples(&setup);
    assert_eq!(drawn.len(), 30);
    assert_eq!(drawn.iter().filter(|s| s.validation).count(), 10);
    // One sample in each thirtieth of [−1, 1].
    for (k, s) in drawn.iter().enumerate() {
        let slice = -1.0 + 2.0 * k as f64 / 30.0;
        assert!(
            s.x >= slice && s.x < slice + 2.0 / 30.0,
            "sample {k} at x = {}",
            s.x
        );
    }
    // Without noise the samples lie on the curve; more noise scales the same draws.
    let clean = samples(&StoppingSetup {
        noise: 0.0,
        ..setup.clone()
    });
    assert!(clean.iter().all(|s| s.y == truth(s.x)));
    let double = samples(&StoppingSetup {
        noise: 0.6,
        ..setup.clone()
    });
    for (a, b) in drawn.iter().zip(&double) {
        assert_eq!(a.x, b.x);
        assert!(((b.y - truth(b.x)) - 2.0 * (a.y - truth(a.x))).abs() < 1e-12);
    }
    // A larger share only moves points into the validation set.
    let half = samples(&StoppingSetup {
        validation_percent: 50,
        ..setup.clone()
    });
    assert_eq!(half.iter().filter(|s| s.validation).count(), 15);
    for (a, b) in drawn.iter().zip(&half) {
        assert_eq!((a.x, a.y), (b.x, b.y));
        assert!(!a.validation || b.validation);
    }
    assert_ne!(
        samples(&StoppingSetup {
            data_seed: 2,
            ..setup
        }),
        drawn,
        "another seed draws other samples"
    );
}

/// The mean squared error of the lab's current network over one set, by the traced forward pass.
fn error_by_hand(lab: &StoppingLab, validation: bool) -> f64 {
    let layers = lab.layers();
    let chosen: Vec<_> = lab
        .samples()
        .iter()
        .filter(|s| s.validation == validation)
        .collect();
    let sum: f64 = chosen
        .iter()
        .map(|s| (s.y - predict(&layers, &[s.x])[0]).powi(2))
        .sum();
    sum / chosen.len() as f64
}

#[test]
fn both_errors_are_the_mean_squared_error_of_their_own_points() {
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    for epochs in [0, 1, 50, 400] {
        lab.apply(StoppingCommand::Train { epochs }).unwrap();
        let s = lab.snapshot();
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1e-3);
        assert!(
            close(s.training_error, error_by_hand(&lab, false)),
            "epoch {}",
            s.epoch
        );
        assert!(
            close(s.validation_error, error_by_hand(&lab, true)),
            "epoch {}",
            s.epoch
        );
        for row in &s.rows {
            let by_hand = predict(&lab.layers(), &[row.x])[0];
            assert!((row.now - by_hand).abs() < 1e-12, "ŷ at x = {}", row.x);
        }
    }
}

#[test]
fn the_default_run_overfits_and_the_page_is_told_so() {
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    assert!(lab.snapshot().status.starts_with("Not trained yet"));
    lab.apply(StoppingCommand::Train { epochs: 5000 }).unwrap();
    let s = lab.snapshot();
    assert_eq!(s.epoch, 5000);
    let stop = s.stop.expect("the patience ran out");
    assert!(stop.epoch < 5000 && stop.kept_epoch == s.best_epoch);
    // The training error fell far below its value at the best epoch while the validation error rose.
    assert!(
        s.training_error < s.best_training / 10.0,
        "{} vs {}",
        s.training_error,
        s.best_training
    );
    assert!(s.validation_error > 1.5 * s.best_validation);
    assert_eq!(s.wait, 5000 - s.best_epoch);
    assert!(s.status.contains("overfitting"), "{}", s.status);
    assert!(
        s.finished.is_none(),
        "without stopping early the run goes on"
    );
    // The curves for the chart end at the epoch shown, thinned to the lowest and highest of at most 1500
    // buckets.
    let last = s.validation_history.last().unwrap();
    assert_eq!(*last, [5000.0, s.validation_error]);
    assert!(s.training_history.len() <= 3001);
}

#[test]
fn stopping_early_halts_at_the_stop_epoch_and_keeps_the_best() {
    let setup = StoppingSetup {
        stop_early: true,
        ..StoppingSetup::default()
    };
    let mut lab = StoppingLab::new(setup.clone()).unwrap();
    lab.apply(StoppingCommand::Train { epochs: 5000 }).unwrap();
    let s = lab.snapshot();
    let stop = s.stop.unwrap();
    assert_eq!(s.epoch, stop.epoch, "no epoch past the stop");
    assert_eq!(stop.epoch - stop.kept_epoch, setup.patience);
    assert!(
        s.status
            .starts_with(&format!("Stopped early at epoch {}", stop.epoch)),
        "{}",
        s.status
    );
    let refused = lab.apply(StoppingCommand::Train { epochs: 1 }).unwrap_err();
    assert!(
        refused.contains("Early stopping ended this run"),
        "{refused}"
    );
    assert_eq!(s.finished.as_deref(), Some(refused.as_str()));
    // Turning it off lets the run go on, from where it stood.
    lab.apply(StoppingCommand::SetStopEarly { stop_early: false })
        .unwrap();
    lab.apply(StoppingCommand::Train { epochs: 10 }).unwrap();
    assert_eq!(lab.epoch(), stop.epoch + 10);
}

#[test]
fn a_new_patience_reads_the_same_run_again() {
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    lab.apply(StoppingCommand::Train { epochs: 1500 }).unwrap();
    let before = lab.snapshot();
    for patience in [1, 20, 100, 1000, 5000] {
        let setup = StoppingSetup {
            patience,
            ..before.setup.clone()
        };
        lab.apply(StoppingCommand::SetPatience { patience })
            .unwrap();
        let s = lab.snapshot();
        assert_eq!(s.epoch, 1500, "the run is kept");
        assert_eq!(s.validation_error, before.validation_error);
        // Read afterwards, the run stops where a run with this patience from the start stopped.
        let mut fresh = StoppingLab::new(setup).unwrap();
        fresh
            .apply(StoppingCommand::Train { epochs: 1500 })
            .unwrap();
        assert_eq!(s.stop, fresh.snapshot().stop, "patience {patience}");
        assert_eq!(s.best_epoch, before.best_epoch);
    }
    let last = lab.snapshot();
    assert!(
        last.stop.is_none(),
        "patience 5000 has not run out in 1500 epochs"
    );
    assert!(
        last.status.contains("has not improved for"),
        "{}",
        last.status
    );
}

/// One edit of a setup, and the command that makes it.
type Change = (StoppingCommand, fn(&mut StoppingSetup));

#[test]
fn changing_the_data_the_network_or_the_rate_starts_again() {
    use StoppingCommand::*;
    let base = StoppingSetup::default();
    let changes: [Change; 8] = [
        (SetWeightDecay { weight_decay: 0.01 }, |s| {
            s.weight_decay = 0.01
        }),
        (SetPoints { points: 60 }, |s| s.points = 60),
        (SetNoise { noise: 0.1 }, |s| s.noise = 0.1),
        (
            SetValidationPercent {
                validation_percent: 20,
            },
            |s| s.validation_percent = 20,
        ),
        (SetHidden { hidden: 8 }, |s| s.hidden = 8),
        (
            SetLearningRate {
                learning_rate: 0.003,
            },
            |s| s.learning_rate = 0.003,
        ),
        (SetDataSeed { data_seed: 9 }, |s| s.data_seed = 9),
        (SetWeightSeed { weight_seed: 9 }, |s| s.weight_seed = 9),
    ];
    for (command, change) in changes {
        let mut lab = StoppingLab::new(base.clone()).unwrap();
        lab.apply(StoppingCommand::Train { epochs: 30 }).unwrap();
        let mut setup = base.clone();
        change(&mut setup);
        lab.apply(command).unwrap();
        assert_eq!(lab.epoch(), 0, "{setup:?}");
        assert_eq!(lab.setup(), &setup);
    }
    // Reset goes back to the same start: the same run again, number for number.
    let mut lab = StoppingLab::new(base.clone()).unwrap();
    lab.apply(StoppingCommand::Train { epochs: 40 }).unwrap();
    let first = lab.snapshot();
    lab.apply(StoppingCommand::Reset).unwrap();
    assert_eq!(lab.epoch(), 0);
    lab.apply(StoppingCommand::Train { epochs: 40 }).unwrap();
    assert_eq!(lab.snapshot().validation_error, first.validation_error);
    assert_eq!(lab.snapshot().training_error, first.training_error);
}

#[test]
fn bad_setups_are_refused_with_a_reason_and_change_nothing() {
    use StoppingCommand::*;
    let base = StoppingSetup::default();
    let twelve = StoppingSetup {
        points: 12,
        ..base.clone()
    };
    let bad: [(&StoppingSetup, StoppingCommand, &str); 11] = [
        (&base, SetWeightDecay { weight_decay: -0.1 }, "weight decay"),
        (&base, SetPoints { points: 11 }, "points"),
        (
            &twelve,
            SetValidationPercent {
                validation_percent: 10,
            },
            "at least 3 points for validation: 10% of 12 points is 1",
        ),
        (&base, SetPoints { points: 201 }, "points"),
        (&base, SetNoise { noise: -0.1 }, "noise"),
        (&base, SetNoise { noise: f64::NAN }, "noise"),
        (
            &base,
            SetValidationPercent {
                validation_percent: 60,
            },
            "validation share",
        ),
        (&base, SetHidden { hidden: 0 }, "hidden layer"),
        (
            &base,
            SetLearningRate { learning_rate: 0.0 },
            "learning rate",
        ),
        (
            &base,
            SetLearningRate {
                learning_rate: f64::INFINITY,
            },
            "learning rate",
        ),
        (&base, SetPatience { patience: 0 }, "patience"),
    ];
    for (start, command, word) in bad {
        let mut lab = StoppingLab::new(start.clone()).unwrap();
        lab.apply(StoppingCommand::Train { epochs: 10 }).unwrap();
        let refused = lab.apply(command).unwrap_err();
        assert!(refused.contains(word), "{refused}");
        assert_eq!(lab.epoch(), 10, "a refused setup keeps the run");
        assert_eq!(lab.setup(), start);
    }
}

#[test]
fn a_run_ends_at_the_epoch_limit() {
    let mut lab = StoppingLab::new(StoppingSetup {
        points: 12,
        hidden: 1,
        ..StoppingSetup::default()
    })
    .unwrap();
    lab.apply(StoppingCommand::Train {
        epochs: MAX_EPOCHS + 5,
    })
    .unwrap();
    assert_eq!(lab.epoch(), MAX_EPOCHS);
    let why = lab.apply(StoppingCommand::Train { epochs: 1 }).unwrap_err();
    assert!(why.contains("limit"), "{why}");
    assert!(lab
        .snapshot()
        .status
        .ends_with("The run has reached its limit of 20000 epochs."));
}

#[test]
fn links_carry_the_setup_and_the_epoch() {
    let setup = StoppingSetup {
        points: 60,
        noise: 0.5,
        validation_percent: 20,
        hidden: 32,
        learning_rate: 0.003,
        weight_decay: 0.001,
        patience: 50,
        min_delta: 0.002,
        stop_early: true,
        data_seed: 4,
        weight_seed: 7,
    };
    let query = stopping_query(&setup, 120);
    assert_eq!(stopping_from_query(&query).unwrap(), (setup.clone(), 120));
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    lab.open_link(&query).unwrap();
    assert_eq!(lab.setup(), &setup);
    // The link's run is trained by the page, a slice a frame, to the link's epoch; the link itself names
    // that epoch meanwhile.
    assert_eq!(lab.snapshot().replay_to, Some(120));
    assert!(lab
        .snapshot()
        .status
        .starts_with("Training the run again up to epoch"));
    assert_eq!(lab.link(), query);
    while lab.snapshot().replay_to.is_some() {
        lab.apply(StoppingCommand::Train { epochs: 7 }).unwrap();
    }
    let mut by_hand = StoppingLab::new(StoppingSetup {
        stop_early: false,
        ..setup.clone()
    })
    .unwrap();
    by_hand
        .apply(StoppingCommand::Train { epochs: 120 })
        .unwrap();
    assert_eq!(lab.epoch(), 120);
    assert_eq!(
        lab.snapshot().validation_error,
        by_hand.snapshot().validation_error
    );
    for (query, word) in [
        ("points=3", "points"),
        ("noise=lots", "noise"),
        ("stop=maybe", "stop"),
        ("colour=red", "not a setting"),
        ("val=99", "validation share"),
        ("epochs=20001", "at most 20000"),
    ] {
        let refused = lab.open_link(query).unwrap_err();
        assert!(refused.contains(word), "{query}: {refused}");
    }
    assert_eq!(lab.setup().points, 60, "a refused link changes nothing");
}

#[test]
fn a_stopping_point_already_passed_is_said_and_reset_runs_to_it() {
    // Trained past the stopping point with early stopping off, then turned on: the run is not rewound, and
    // the page says where it would have stopped and offers Reset.
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    lab.apply(StoppingCommand::Train { epochs: 1000 }).unwrap();
    let stop = lab.snapshot().stop.unwrap();
    assert!(stop.epoch < 1000);
    lab.apply(StoppingCommand::SetStopEarly { stop_early: true })
        .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.epoch, 1000);
    assert!(
        s.status.contains("would have stopped at epoch"),
        "{}",
        s.status
    );
    assert!(s.status.contains("press Reset"), "{}", s.status);
    let refused = lab.apply(StoppingCommand::Train { epochs: 1 }).unwrap_err();
    assert!(refused.contains("would have ended this run"), "{refused}");
    // The link names the run as it stands, and reopens to the same epoch and the same words.
    let mut reopened = StoppingLab::new(StoppingSetup::default()).unwrap();
    reopened.open_link(&lab.link()).unwrap();
    while reopened.snapshot().replay_to.is_some() {
        reopened
            .apply(StoppingCommand::Train { epochs: 100 })
            .unwrap();
    }
    assert_eq!(reopened.snapshot().status, s.status);
    assert_eq!(reopened.snapshot().validation_error, s.validation_error);
    // Reset runs again with early stopping, which halts at the same stopping point.
    lab.apply(StoppingCommand::Reset).unwrap();
    lab.apply(StoppingCommand::Train { epochs: 1000 }).unwrap();
    assert_eq!(lab.epoch(), stop.epoch);
    assert!(lab.snapshot().status.starts_with("Stopped early"));
}

#[test]
fn the_dashed_fit_is_the_network_of_the_best_epoch() {
    // The weights are copied whenever the validation error reaches a new low; the snapshot's "best" outputs
    // must be those of the weights captured here at that epoch, not of any other.
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    let mut kept = (0, lab.layers());
    for _ in 0..800 {
        lab.apply(StoppingCommand::Train { epochs: 1 }).unwrap();
        let s = lab.snapshot();
        if s.best_epoch == s.epoch {
            kept = (s.epoch, lab.layers());
        }
    }
    let s = lab.snapshot();
    assert_eq!(s.best_epoch, kept.0);
    assert!(
        s.best_epoch > 100 && s.best_epoch < 800,
        "best at {}",
        s.best_epoch
    );
    for row in &s.rows {
        assert!(
            (row.best - predict(&kept.1, &[row.x])[0]).abs() < 1e-12,
            "x = {}",
            row.x
        );
        assert!((row.best - row.now).abs() > 1e-6, "the fit moved on since");
    }
}

#[test]
fn overfitting_is_claimed_only_for_a_clear_turn() {
    // One neuron a layer cannot follow the curve: nothing to overfit, whatever the wobble.
    let mut lab = StoppingLab::new(StoppingSetup {
        hidden: 1,
        patience: 50,
        ..StoppingSetup::default()
    })
    .unwrap();
    lab.apply(StoppingCommand::Train { epochs: 3000 }).unwrap();
    let s = lab.snapshot();
    assert!(!s.status.contains("overfitting"), "{}", s.status);
    // The noise floor is the noise-free curve's own validation error.
    let held: Vec<_> = lab.samples().iter().filter(|p| p.validation).collect();
    let floor = held.iter().map(|p| (p.y - truth(p.x)).powi(2)).sum::<f64>() / held.len() as f64;
    assert_eq!(s.noise_floor, floor);
    assert!(
        s.validation_error > s.noise_floor,
        "an underfit does worse than the noise"
    );
}

#[test]
fn thinning_the_chart_keeps_every_spike_and_dip() {
    let mut errors: Vec<f64> = (0..5000).map(|e| 1.0 / (1.0 + e as f64)).collect();
    errors[1234] = 9.0;
    errors[3001] = -1.0;
    let points = thinned(&errors);
    assert!(points.len() <= 3001);
    assert!(points.contains(&[1234.0, 9.0]) && points.contains(&[3001.0, -1.0]));
    assert!(
        points.windows(2).all(|w| w[0][0] < w[1][0]),
        "in epoch order"
    );
    assert_eq!(points[0], [0.0, 1.0]);
    assert_eq!(*points.last().unwrap(), [4999.0, errors[4999]]);
    assert_eq!(thinned(&[0.5]), vec![[0.0, 0.5]]);
}

/// Weight decay, the other remedy: with λ = 0.001 the default run no longer overfits in 5000 epochs, with
/// weights a tenth the size; one SGD step with decay moves each weight by exactly −η·λ·w more than without,
/// and leaves the biases alone.
#[test]
fn weight_decay_keeps_the_weights_small_and_the_fit_smooth() {
    use backprop_lab::engine::fast::FastTrainer;
    use backprop_lab::engine::Optimizer;
    use backprop_lab::engine::Spec;
    let run = |decay: f64| {
        let mut lab = StoppingLab::new(StoppingSetup {
            weight_decay: decay,
            ..StoppingSetup::default()
        })
        .unwrap();
        lab.apply(StoppingCommand::Train { epochs: 5000 }).unwrap();
        let norm: f64 = lab
            .layers()
            .iter()
            .flat_map(|l| l.weights.iter().flatten())
            .map(|w| w * w)
            .sum();
        (lab.snapshot(), norm)
    };
    let (plain, plain_norm) = run(0.0);
    let (decayed, decayed_norm) = run(0.001);
    assert!(decayed.validation_error < 0.7 * plain.validation_error);
    assert!(
        decayed_norm < 0.1 * plain_norm,
        "{decayed_norm} vs {plain_norm}"
    );
    assert!(
        !decayed.status.contains("overfitting"),
        "{}",
        decayed.status
    );

    let mut spec = Spec::two_neuron();
    spec.optimizer = Optimizer::Sgd { learning_rate: 0.4 };
    let (eta, decay) = (0.4, 0.25);
    let mut with = FastTrainer::new(&spec).unwrap().with_weight_decay(decay);
    let mut without = FastTrainer::new(&spec).unwrap();
    with.train(1);
    without.train(1);
    for (l, layer) in spec.layers.iter().enumerate() {
        let w = layer.weights[0][0];
        let (a, b) = (&with.layers()[l], &without.layers()[l]);
        assert!((a.weights[0][0] - (b.weights[0][0] - eta * decay * w)).abs() < 1e-15);
        assert_eq!(a.biases, b.biases, "biases are not penalised");
    }
}

/// Changing the least improvement that counts trains the run again to the same epoch, and ends as if it had
/// been set from the start: the same errors, best epoch, kept weights' curve and stopping point.
#[test]
fn changing_min_delta_reads_the_run_again_as_if_set_from_the_start() {
    let setup = StoppingSetup {
        patience: 60,
        ..StoppingSetup::default()
    };
    let mut changed = StoppingLab::new(setup.clone()).unwrap();
    changed
        .apply(StoppingCommand::Train { epochs: 400 })
        .unwrap();
    let without = changed.snapshot();
    let with_delta = StoppingSetup {
        min_delta: 0.005,
        ..setup
    };
    changed
        .apply(StoppingCommand::SetMinDelta { min_delta: 0.005 })
        .unwrap();
    assert_eq!(changed.snapshot().replay_to, Some(400));
    assert_eq!(changed.epoch(), 0, "trained again from the start");
    // The page trains a replay a slice a frame; here, in one go.
    changed
        .apply(StoppingCommand::Train { epochs: 400 })
        .unwrap();
    let mut from_start = StoppingLab::new(with_delta).unwrap();
    from_start
        .apply(StoppingCommand::Train { epochs: 400 })
        .unwrap();
    let (a, b) = (changed.snapshot(), from_start.snapshot());
    assert_eq!((a.epoch, a.replay_to), (400, None));
    assert_eq!(a.validation_error, b.validation_error);
    assert_eq!(
        (a.best_epoch, a.best_validation),
        (b.best_epoch, b.best_validation)
    );
    assert_eq!(a.best_curve, b.best_curve);
    assert_eq!(a.stop, b.stop);
    assert_eq!(
        a.validation_error, without.validation_error,
        "training itself is unchanged"
    );
    assert!(
        a.best_epoch <= without.best_epoch,
        "small drops no longer move the best epoch"
    );
    // Patience and stopping early still only read the run again, with the min_delta in force.
    changed
        .apply(StoppingCommand::SetPatience { patience: 20 })
        .unwrap();
    assert_eq!(changed.snapshot().replay_to, None);
    assert_eq!(changed.epoch(), 400);
}

/// The status line says what counts as a drop: with min_delta 0, the lowest error so far; with a least
/// improvement, a drop by more than it. Both while the run learns and while it waits.
#[test]
fn the_status_says_what_counts_as_an_improvement() {
    for delta in [0.0, 0.003] {
        let mut lab = StoppingLab::new(StoppingSetup {
            min_delta: delta,
            ..StoppingSetup::default()
        })
        .unwrap();
        let (mut learning, mut waiting) = (None, None);
        for _ in 0..3000 {
            lab.apply(StoppingCommand::Train { epochs: 1 }).unwrap();
            let s = lab.snapshot();
            if s.wait == 0 {
                learning.get_or_insert(s.status.clone());
            } else {
                waiting.get_or_insert((s.status.clone(), s.wait, s.best_epoch));
            }
            if learning.is_some() && waiting.is_some() {
                break;
            }
        }
        let learning = learning.expect("an epoch that improves");
        let (waiting, wait, best) = waiting.expect("an epoch that does not");
        let patience = StoppingSetup::default().patience;
        if delta == 0.0 {
            assert!(
                learning.contains(
                    "has the lowest validation error so far: the network is still learning"
                ),
                "{learning}"
            );
            assert_eq!(
                waiting,
                format!("The validation error has not improved for {wait} of {patience} epochs; its lowest was at epoch {best}.")
            );
        } else {
            assert!(learning.contains("lowered the validation error by more than 0.003: the network is still learning"), "{learning}");
            assert_eq!(
                waiting,
                format!("The validation error has not dropped by more than 0.003 for {wait} of {patience} epochs; the last such drop was at epoch {best}.")
            );
        }
    }
}
