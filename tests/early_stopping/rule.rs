//! The stopping rule against a direct reading of its definition: patience, ties, errors that are not a
//! number, and the least improvement that counts.

use backprop_lab::labs::early_stopping::stop_point;
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
