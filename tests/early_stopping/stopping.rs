//! Runs that stop, and runs read again: stopping early keeps the best epoch, a new patience or least
//! improvement reads the same run again, a stopping point already passed is said, and the status says what
//! counts as an improvement.

use backprop_lab::labs::early_stopping::{StoppingCommand, StoppingLab, StoppingSetup};

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
