//! The lab's commands and bounds: refused setups change nothing, setup commands recompute, the reveal and the
//! gallery's z clamp, scores and temperature are checked and softmax is exact, and a seed gives one snapshot.

use crate::common::assert_rel;
use crate::hand::{chain_weights, df, f, hand_for, lab, setup};
use backprop_lab::engine::Activation;
use backprop_lab::labs::vanishing::{
    ChainSetup, VanishingCommand, VanishingLab, VanishingSnapshot, COMPARED, GALLERY_Z, MAX_DEPTH,
    MAX_WIDTH,
};

#[track_caller]
fn assert_refused(lab: &mut VanishingLab, command: VanishingCommand, names: &[&str]) {
    let before: VanishingSnapshot = lab.snapshot();
    let what = format!("{command:?}");
    let err = lab.apply(command).expect_err(&what);
    for name in names {
        assert!(
            err.contains(name),
            "{what}: message {err:?} does not name {name:?}"
        );
    }
    assert_eq!(lab.snapshot(), before, "{what} changed the snapshot");
}

#[test]
fn out_of_range_setups_are_refused_and_change_nothing() {
    let mut lab = lab();
    assert_eq!(MAX_DEPTH, 20);
    assert_eq!(MAX_WIDTH, 8);
    assert_refused(
        &mut lab,
        VanishingCommand::SetDepth { depth: 0 },
        &["depth", "1", "20"],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetDepth { depth: 21 },
        &["depth", "20"],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetWidth { width: 0 },
        &["width", "1", "8"],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetWidth { width: 9 },
        &["width", "8"],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetActivation {
            activation: Activation::Softmax,
        },
        &[],
    );
    assert_refused(
        &mut lab,
        VanishingCommand::SetGalleryActivation {
            activation: Activation::Softmax,
        },
        &[],
    );
    for bad in [
        ChainSetup {
            depth: 0,
            ..ChainSetup::default()
        },
        ChainSetup {
            depth: 21,
            ..ChainSetup::default()
        },
        ChainSetup {
            width: 0,
            ..ChainSetup::default()
        },
        ChainSetup {
            width: 9,
            ..ChainSetup::default()
        },
        ChainSetup {
            activation: Activation::Softmax,
            ..ChainSetup::default()
        },
    ] {
        assert!(bad.validate().is_err(), "{bad:?}");
        assert!(VanishingLab::new(bad).is_err());
    }
    // The limits themselves are accepted.
    for (depth, width) in [(1, 1), (MAX_DEPTH, 1), (1, MAX_WIDTH), (3, MAX_WIDTH)] {
        let ok = ChainSetup {
            depth,
            width,
            ..ChainSetup::default()
        };
        assert_eq!(ok.validate(), Ok(()));
    }
}

#[test]
fn setup_commands_recompute_and_show_the_whole_backward_pass() {
    let mut lab = lab();
    let s = lab.snapshot();
    assert_eq!(s.setup, ChainSetup::default());
    assert_eq!(s.revealed, 8);
    let acts: Vec<Activation> = s.compared.iter().map(|r| r.activation).collect();
    assert_eq!(acts, COMPARED.to_vec());
    assert_eq!(s.chosen.activation, Activation::Sigmoid);
    assert_eq!(s.ratio_by_depth.len(), MAX_DEPTH - 1);

    lab.apply(VanishingCommand::Reveal { count: -3 }).unwrap();
    lab.apply(VanishingCommand::SetDepth { depth: 5 }).unwrap();
    let s = lab.snapshot();
    assert_eq!(s.setup.depth, 5);
    assert_eq!(s.revealed, 5, "a new chain shows its whole backward pass");
    assert_eq!(s.chosen.layers.len(), 5);
    let hand = hand_for(&setup(5, Activation::Sigmoid, false), Activation::Sigmoid);
    for l in 0..5 {
        assert_rel(
            s.chosen.layers[l].gradient,
            hand.de_dw[l].abs(),
            1e-12,
            "depth 5",
        );
    }

    lab.apply(VanishingCommand::SetActivation {
        activation: Activation::Identity,
    })
    .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.chosen.activation, Activation::Identity);
    assert_eq!(
        s.compared.len(),
        COMPARED.len() + 1,
        "identity joins the comparison"
    );
    assert_eq!(s.compared[COMPARED.len()].activation, Activation::Identity);

    lab.apply(VanishingCommand::SetWidth { width: 3 }).unwrap();
    let s = lab.snapshot();
    assert_eq!(s.setup.width, 3);
    assert!(s.chosen.layers.iter().all(|l| l.factor.is_none()));

    lab.apply(VanishingCommand::SetDyingRelu { on: true })
        .unwrap();
    assert!(lab.snapshot().setup.dying_relu);
}

#[test]
fn reveal_clamps_to_the_depth() {
    let mut lab = lab();
    let depth = lab.snapshot().setup.depth as i64;
    let mut shown = depth;
    for count in [-3, -100, 2, 1, 100, -1, i64::MIN, i64::MAX, 0, -2] {
        lab.apply(VanishingCommand::Reveal { count }).unwrap();
        shown = shown.saturating_add(count).clamp(0, depth);
        assert_eq!(
            lab.snapshot().revealed as i64,
            shown,
            "after Reveal {count}"
        );
    }
    lab.apply(VanishingCommand::Reveal { count: -100 }).unwrap();
    assert_eq!(lab.snapshot().revealed, 0);
    lab.apply(VanishingCommand::RevealAll).unwrap();
    assert_eq!(lab.snapshot().revealed, 8);
}

#[test]
fn gallery_z_clamps_and_rejects_nan() {
    let mut lab = lab();
    assert_eq!(GALLERY_Z, 6.0);
    for (z, shown) in [
        (100.0, 6.0),
        (-100.0, -6.0),
        (2.5, 2.5),
        (-6.0, -6.0),
        (6.0001, 6.0),
    ] {
        lab.apply(VanishingCommand::SetGalleryZ { z }).unwrap();
        let g = lab.snapshot().gallery;
        assert_eq!(g.z, shown, "z {z}");
        assert_rel(g.f, f(Activation::Sigmoid, shown), 1e-12, "gallery f");
        assert_rel(g.df, df(Activation::Sigmoid, shown), 1e-12, "gallery f′");
    }
    assert_refused(&mut lab, VanishingCommand::SetGalleryZ { z: f64::NAN }, &[]);
    lab.apply(VanishingCommand::SetGalleryActivation {
        activation: Activation::Tanh,
    })
    .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.gallery_activation, Activation::Tanh);
    assert_rel(s.gallery.f, f(Activation::Tanh, 6.0), 1e-12, "tanh(6)");
    // The curve spans ±GALLERY_Z.
    assert_eq!(s.gallery_curve.first().unwrap().z, -GALLERY_Z);
    assert_rel(
        s.gallery_curve.last().unwrap().z,
        GALLERY_Z,
        1e-15,
        "curve end",
    );
}

#[test]
fn scores_and_temperature_are_checked_and_softmax_is_exact() {
    let mut lab = lab();
    let check = |s: &VanishingSnapshot| {
        let t = s.softmax.temperature.unwrap();
        let exps: Vec<f64> = s.softmax.scores.iter().map(|x| (x / t).exp()).collect();
        let total: f64 = exps.iter().sum();
        assert_eq!(s.softmax.probabilities.len(), exps.len());
        for (p, e) in s.softmax.probabilities.iter().zip(&exps) {
            assert_rel(*p, e / total, 1e-12, "exp(s/T)/Σexp(s/T)");
        }
        let sum: f64 = s.softmax.probabilities.iter().sum();
        assert!((sum - 1.0).abs() < 1e-12, "sum {sum}");
        let reported = s.softmax.sum.unwrap();
        assert!((reported - 1.0).abs() < 1e-12, "reported sum {reported}");
    };
    let s = lab.snapshot();
    assert_eq!(s.softmax.scores, vec![2.0, 1.0, 0.1]);
    assert_eq!(s.softmax.text, "2, 1, 0.1");
    assert_eq!(s.softmax.temperature, Some(1.0));
    check(&s);
    // The seed-style numbers: softmax(2, 1, 0.1) ≈ (0.659, 0.242, 0.099).
    assert!((s.softmax.probabilities[0] - 0.659).abs() < 5e-4);

    // A refused field is kept as typed, and gives no probabilities until it is mended.
    let refused = |lab: &mut VanishingLab, command: VanishingCommand, names: &[&str]| {
        let what = format!("{command:?}");
        let err = lab.apply(command).expect_err(&what);
        for name in names {
            assert!(err.contains(name), "{what}: {err:?} does not name {name:?}");
        }
        let s = lab.snapshot();
        assert!(
            s.softmax.probabilities.is_empty() && s.softmax.sum.is_none(),
            "{what}: {s:?}"
        );
        let reasons = [&s.softmax.scores_error, &s.softmax.temperature_error];
        assert!(
            reasons
                .iter()
                .any(|r| r.as_deref().is_some_and(|r| err.starts_with(r))),
            "{what}: {err}"
        );
    };
    // Mending one field while the other is still refused is refused too; once both are mended, all is well.
    let mend = |lab: &mut VanishingLab| {
        let _ = lab.apply(VanishingCommand::SetScores {
            text: "2, 1, 0.1".into(),
        });
        lab.apply(VanishingCommand::SetTemperature { temperature: 1.0 })
            .unwrap();
        check(&lab.snapshot());
    };
    refused(
        &mut lab,
        VanishingCommand::SetScores { text: " , ".into() },
        &["between 1 and 10"],
    );
    mend(&mut lab);
    refused(
        &mut lab,
        VanishingCommand::SetScores {
            text: ["0.5"; 11].join(", "),
        },
        &["10"],
    );
    mend(&mut lab);
    refused(
        &mut lab,
        VanishingCommand::SetScores {
            text: "1, abc".into(),
        },
        &["“abc” is not a number"],
    );
    assert_eq!(lab.snapshot().softmax.text, "1, abc");
    mend(&mut lab);
    for temperature in [0.0, 1000.0, f64::NAN] {
        refused(
            &mut lab,
            VanishingCommand::SetTemperature { temperature },
            &["temperature must be between 0.01 and 100"],
        );
        mend(&mut lab);
    }

    let ten: Vec<f64> = (0..10).map(|k| k as f64 * 0.7 - 3.0).collect();
    let text: Vec<String> = ten.iter().map(|v| v.to_string()).collect();
    lab.apply(VanishingCommand::SetScores {
        text: text.join(" "),
    })
    .unwrap();
    lab.apply(VanishingCommand::SetTemperature { temperature: 2.5 })
        .unwrap();
    let s = lab.snapshot();
    assert_eq!(s.softmax.scores, ten);
    assert_eq!(s.softmax.temperature, Some(2.5));
    check(&s);
    // A low temperature sharpens, a high one flattens.
    lab.apply(VanishingCommand::SetTemperature { temperature: 0.01 })
        .unwrap();
    let sharp = lab.snapshot();
    check(&sharp);
    assert!(sharp.softmax.probabilities[9] > 0.999);
    lab.apply(VanishingCommand::SetTemperature { temperature: 100.0 })
        .unwrap();
    let flat = lab.snapshot();
    check(&flat);
    assert!(flat
        .softmax
        .probabilities
        .iter()
        .all(|p| (p - 0.1).abs() < 0.01));
    // Large scores do not overflow: the scaled exponentials are formed relative to the largest.
    lab.apply(VanishingCommand::SetScores {
        text: "1e6, 999999".into(),
    })
    .unwrap();
    lab.apply(VanishingCommand::SetTemperature { temperature: 1.0 })
        .unwrap();
    let big = lab.snapshot();
    let e = (-1.0f64).exp();
    assert_rel(big.softmax.probabilities[0], 1.0 / (1.0 + e), 1e-12, "p₀");
    assert_rel(big.softmax.probabilities[1], e / (1.0 + e), 1e-12, "p₁");
}

#[test]
fn the_same_seed_gives_the_same_snapshot_and_another_seed_other_weights() {
    let a = lab().snapshot();
    let b = lab().snapshot();
    assert_eq!(a, b);

    let one = ChainSetup::default();
    let two = ChainSetup {
        seed: 2,
        ..ChainSetup::default()
    };
    let (w1, _) = chain_weights(&one.layers(Activation::Sigmoid));
    let (w2, _) = chain_weights(&two.layers(Activation::Sigmoid));
    assert_ne!(w1, w2);
    assert!(
        w1.iter().zip(&w2).all(|(x, y)| x != y),
        "every weight is redrawn"
    );

    let mut lab2 = lab();
    lab2.apply(VanishingCommand::Reseed { seed: 2 }).unwrap();
    let c = lab2.snapshot();
    assert_ne!(c, a);
    assert_eq!(c.setup.seed, 2);
    assert_ne!(c.chosen.layers[0].gradient, a.chosen.layers[0].gradient);
    // The report follows the new weights.
    let hand = hand_for(&two, Activation::Sigmoid);
    for l in 0..8 {
        assert_rel(
            c.chosen.layers[l].gradient,
            hand.de_dw[l].abs(),
            1e-12,
            "seed 2",
        );
    }
    // Reseeding back restores the first snapshot exactly.
    lab2.apply(VanishingCommand::Reseed { seed: 1 }).unwrap();
    assert_eq!(lab2.snapshot(), a);
}

/// Issue 19: scores "abc" are refused; a new temperature must not bring back bars for the scores before them.
/// It is refused for the same reason while the scores are bad, the panel shows no probabilities for input
/// other than what the fields say, and mending the scores gives them at the new temperature.
#[test]
fn a_new_temperature_uses_the_typed_scores_and_is_refused_while_they_are_bad() {
    let mut lab = lab();
    let before = lab.snapshot().softmax;
    assert_eq!(before.probabilities.len(), 3);
    let reason = lab
        .apply(VanishingCommand::SetScores { text: "abc".into() })
        .expect_err("not a number");
    assert_eq!(reason, "“abc” is not a number.");
    for temperature in [2.0, 0.5] {
        let again = lab
            .apply(VanishingCommand::SetTemperature { temperature })
            .expect_err("the scores are still bad");
        assert_eq!(again, reason, "the same reason");
        let s = lab.snapshot().softmax;
        assert_eq!(s.text, "abc");
        assert_eq!(s.temperature, Some(temperature));
        assert!(s.probabilities.is_empty(), "no bars for 2, 1, 0.1: {s:?}");
        assert!(s.scores.is_empty() && s.sum.is_none());
        assert_eq!(s.scores_error.as_deref(), Some(reason.as_str()));
        assert_eq!(s.temperature_error, None);
    }
    // Both fields bad: the one just changed is named first, then the other.
    let both = lab
        .apply(VanishingCommand::SetTemperature { temperature: 0.0 })
        .expect_err("both bad");
    assert!(
        both.starts_with("The temperature must be between 0.01 and 100."),
        "{both}"
    );
    assert!(both.ends_with(&reason), "{both}");
    lab.apply(VanishingCommand::SetTemperature { temperature: 0.5 })
        .expect_err("the scores are still bad");
    // Mended: the probabilities of what the fields say, 1, 2, 3 at T = 0.5.
    lab.apply(VanishingCommand::SetScores {
        text: "1, 2, 3".into(),
    })
    .unwrap();
    let s = lab.snapshot().softmax;
    let e: Vec<f64> = [2.0f64, 4.0, 6.0].iter().map(|x| x.exp()).collect();
    let total: f64 = e.iter().sum();
    for (p, e) in s.probabilities.iter().zip(&e) {
        assert_rel(*p, e / total, 1e-12, "exp(s/T)/Σexp(s/T) at T = 0.5");
    }
    assert_eq!((s.scores_error, s.temperature_error), (None, None));
}
