//! Changing the setup: what starts a run again, what is refused (and changes nothing), the epoch limit, and
//! links that carry the setup and the epoch.

use backprop_lab::labs::early_stopping::link::stopping_from_query;
use backprop_lab::labs::early_stopping::link::stopping_query;
use backprop_lab::labs::early_stopping::{StoppingCommand, StoppingLab, StoppingSetup, MAX_EPOCHS};

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

/// The kept epoch is "lowest" without a least improvement and "best" with one (a later, smaller drop does not
/// count); the page and the chart both print the snapshot's word.
#[test]
fn the_kept_epoch_is_called_lowest_or_best_by_the_core() {
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    assert_eq!(lab.snapshot().best_word, "lowest");
    lab.apply(StoppingCommand::SetMinDelta { min_delta: 0.01 })
        .unwrap();
    assert_eq!(lab.snapshot().best_word, "best");
}
