//! Issue 19: every sentence the lab writes about a run, held to that run's own errors over a sweep of
//! settings (samples, noise, width, learning rate, weight decay, least improvement, patience), not only the
//! defaults: where early stopping stopped or would have, what it kept, whether a later epoch did better, and
//! when the run is said to overfit.

use backprop_lab::labs::early_stopping::{StoppingCommand, StoppingLab, StoppingSetup};

/// Fewer than 1500 errors, so the chart's history holds every epoch's.
const EPOCHS: usize = 600;

/// The epoch early stopping stops at and the one it keeps, by the definition: a new best is an error below
/// the best so far by more than `min_delta`, and the run stops `patience` epochs after its best.
fn by_definition(v: &[f64], patience: usize, min_delta: f64) -> (Option<(usize, usize)>, usize) {
    let mut best = 0;
    let mut stop = None;
    for e in 1..v.len() {
        if v[e] < v[best] - min_delta {
            best = e;
        }
        if stop.is_none() && e - best >= patience {
            stop = Some((e, best));
        }
    }
    (stop, best)
}

// One test per number of samples, so that they run side by side.
#[test]
fn what_is_said_of_runs_on_12_samples_is_what_their_errors_did() {
    sweep(12);
}

#[test]
fn what_is_said_of_runs_on_20_samples_is_what_their_errors_did() {
    sweep(20);
}

#[test]
fn what_is_said_of_runs_on_60_samples_is_what_their_errors_did() {
    sweep(60);
}

fn sweep(points: usize) {
    let mut overfitting_said = 0;
    let mut later_said = 0;
    let mut stops = 0;
    {
        for noise in [0.0, 0.3, 1.0] {
            for hidden in [2, 16] {
                for learning_rate in [0.01, 0.1] {
                    for (weight_decay, min_delta) in [(0.0, 0.0), (0.001, 0.0), (0.0, 0.003)] {
                        let setup = StoppingSetup {
                            points,
                            noise,
                            hidden,
                            learning_rate,
                            weight_decay,
                            min_delta,
                            ..StoppingSetup::default()
                        };
                        let what = format!(
                            "{points} points, noise {noise}, {hidden} wide, η {learning_rate}, λ {weight_decay}, \
                             δ {min_delta}"
                        );
                        let mut lab = StoppingLab::new(setup).unwrap();
                        lab.apply(StoppingCommand::Train { epochs: EPOCHS })
                            .unwrap();
                        let s = lab.snapshot();
                        let v: Vec<f64> = s.validation_history.iter().map(|p| p[1]).collect();
                        let t: Vec<f64> = s.training_history.iter().map(|p| p[1]).collect();
                        assert_eq!(v.len(), EPOCHS + 1, "{what}: every epoch in the history");
                        // Another patience only reads the same run again.
                        for patience in [10, 50, 200, 2000] {
                            lab.apply(StoppingCommand::SetPatience { patience })
                                .unwrap();
                            let s = lab.snapshot();
                            let status = &s.status;
                            let what = format!("{what}, patience {patience}: {status}");
                            let (stop, best) = by_definition(&v, patience, min_delta);
                            assert_eq!(s.best_epoch, best, "{what}");
                            let Some((stopped, kept)) = stop else {
                                assert!(!status.contains("stop"), "{what}");
                                assert!(!status.contains("overfitting"), "{what}");
                                continue;
                            };
                            stops += 1;
                            assert!(
                                status.contains(&format!(
                                    "early stopping would have stopped at epoch {stopped} and kept epoch {kept}."
                                )),
                                "{what}"
                            );
                            let later =
                                status.contains("Training on found a lower validation error");
                            assert_eq!(later, best > kept, "{what}");
                            if later {
                                assert!(status.contains(&format!("at epoch {best}:")), "{what}");
                                assert!(v[best] < v[kept] - min_delta, "{what}");
                                later_said += 1;
                            }
                            // Overfitting: since the kept epoch the validation error rose by a tenth while the
                            // training error fell by a fifth, and nothing later did better.
                            let overfits = status.contains("overfitting");
                            let rose = v[EPOCHS] > 1.1 * v[kept];
                            let fell = t[EPOCHS] < 0.8 * t[kept];
                            assert_eq!(
                                overfits,
                                !later && rose && fell,
                                "{what}: v {} → {}, t {} → {}",
                                v[kept],
                                v[EPOCHS],
                                t[kept],
                                t[EPOCHS]
                            );
                            if overfits {
                                overfitting_said += 1;
                                // Samples without noise have no noise to fit.
                                assert_eq!(
                                    status.contains("fitting the noise"),
                                    noise > 0.0,
                                    "{what}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    // Each kind of sentence is met in the sweep, for every number of samples.
    assert!(
        stops > 30 && overfitting_said > 5 && later_said > 3,
        "{points} samples: {stops} stops, {overfitting_said} said to overfit, {later_said} found lower later"
    );
}
