//! Issue 19: what the lab says about its training runs, held to the runs' own errors over a sweep of depths,
//! widths, learning rates (the page's and the ends a link allows), seeds, with and without the dying-ReLU
//! push: a run said to be stuck keeps its error exactly, and leaky ReLU's error is said to creep down only
//! when it falls by less than a tenth (it can also fall by twenty orders of magnitude, or rise).

use backprop_lab::engine::Activation;
use backprop_lab::labs::vanishing::{
    report, training_note, ChainSetup, VanishingLab, COMPARED, MAX_TRAIN_RATE, MIN_TRAIN_RATE,
};

/// The page prints the snapshot's note, which is `training_note` of the runs compared; the sweep below
/// calls it on the runs directly (a lab would also work out every depth's ratio, which takes long).
#[test]
fn the_page_is_given_the_note_of_its_runs() {
    let s = VanishingLab::new(ChainSetup {
        train_rate: 0.05,
        ..ChainSetup::default()
    })
    .unwrap()
    .snapshot();
    assert_eq!(s.training_note, training_note(&s.compared));
    assert!(
        s.training_note
            .contains("ReLU stopped learning after step 1"),
        "{}",
        s.training_note
    );
}

#[test]
fn what_is_said_of_each_training_run_is_what_its_error_did() {
    let mut leaky_said = [0; 3];
    let mut stuck_said = 0;
    for depth in [1, 2, 5, 20] {
        for width in [1, 4, 8] {
            for dying_relu in [false, true] {
                for train_rate in [MIN_TRAIN_RATE, 0.005, 0.02, 0.05, 0.2, MAX_TRAIN_RATE] {
                    for seed in 1..=2 {
                        let setup = ChainSetup {
                            depth,
                            width,
                            dying_relu,
                            train_rate,
                            seed,
                            ..ChainSetup::default()
                        };
                        let what = format!("{setup:?}");
                        setup.validate().expect(&what);
                        let compared: Vec<_> =
                            COMPARED.iter().map(|&a| report(&setup, a)).collect();
                        let note = &training_note(&compared);
                        for r in &compared {
                            let Some(k) = r.stuck_after else {
                                assert!(
                                    !note.contains(&format!("{} stopped", r.label)),
                                    "{what}: {note}"
                                );
                                assert!(
                                    !note.contains(&format!("{} never learns", r.label)),
                                    "{what}: {note}"
                                );
                                continue;
                            };
                            // The sentence blames a ReLU that is off: this is a ReLU run, and from then on
                            // its error does not move at all.
                            assert_eq!(r.activation, Activation::Relu, "{what}: {note}");
                            assert!(
                                r.losses[k..].iter().all(|&l| l == r.losses[k]),
                                "{what}: {:?}",
                                &r.losses[k..]
                            );
                            let said = if k == 0 {
                                format!("{} never learns here", r.label)
                            } else {
                                format!("{} stopped learning after step {k}:", r.label)
                            };
                            assert!(note.contains(&said), "{what}: {note}");
                            stuck_said += 1;
                        }
                        let find = |a| compared.iter().find(|r| r.activation == a).unwrap();
                        let (relu, leaky) = (find(Activation::Relu), find(Activation::LeakyRelu));
                        let about_leaky = note.contains("Leaky ReLU is not stuck");
                        assert_eq!(
                            about_leaky,
                            relu.stuck_after.is_some()
                                && leaky.stuck_after.is_none()
                                && leaky.diverged_at.is_none(),
                            "{what}: {note}"
                        );
                        if !about_leaky {
                            continue;
                        }
                        let (first, last) = (leaky.losses[1], leaky.losses[leaky.losses.len() - 1]);
                        if note.contains("creeps down, very slowly") {
                            assert!(
                                last < first && last > 0.9 * first,
                                "{what}: {first} → {last}: {note}"
                            );
                            leaky_said[0] += 1;
                        } else if note.contains("keeps falling") {
                            assert!(last <= 0.9 * first, "{what}: {first} → {last}: {note}");
                            leaky_said[1] += 1;
                        } else {
                            assert!(
                                note.contains("did not come down") && last >= first,
                                "{what}: {first} → {last}: {note}"
                            );
                            leaky_said[2] += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(stuck_said > 100, "{stuck_said}");
    assert!(
        leaky_said.iter().all(|&n| n > 0),
        "each way leaky ReLU can go is in the sweep: {leaky_said:?}"
    );
}
