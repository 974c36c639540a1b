//! The losses lab: squared error and cross-entropy through one sigmoid output.

use backprop_lab::engine::Activation;
use backprop_lab::engine::Loss;
use backprop_lab::labs::losses::{
    loss_at, run, LossSetup, LossesCommand, LossesLab, CLOSE, COMPARED,
};
use backprop_lab::shared::lab::Lab;
use proptest::prelude::*;

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * b.abs().max(1e-300)
}

/// A confidently wrong output, worked by hand: a = σ(−4), T = 1.
#[test]
fn the_table_at_z_minus_4_is_the_chain_rule_by_hand() {
    let a = 1.0 / (1.0 + 4f64.exp());
    let slope = a * (1.0 - a);
    assert!((a - 0.017_986).abs() < 1e-6 && (slope - 0.017_663).abs() < 1e-6);
    let half = loss_at(Loss::HalfSquaredError, -4.0, 1.0);
    assert!(close(half.e, 0.5 * (1.0 - a) * (1.0 - a), 1e-14));
    assert!(close(half.de_da, a - 1.0, 1e-14));
    assert!(close(half.da_dz, slope, 1e-14));
    assert!((half.de_dz - -0.017_345).abs() < 1e-6, "{}", half.de_dz);
    let full = loss_at(Loss::SquaredError, -4.0, 1.0);
    assert!(close(full.e, (1.0 - a) * (1.0 - a), 1e-14));
    let cross = loss_at(Loss::BinaryCrossEntropy, -4.0, 1.0);
    assert!((cross.e - 4.018_15).abs() < 1e-5, "{}", cross.e);
    // σ′ cancels: cross-entropy's ∂E/∂z is a − T, though the page multiplies the two factors as written.
    assert!(close(cross.de_dz, a - 1.0, 1e-12), "{}", cross.de_dz);
    assert!((cross.de_dz / half.de_dz - 56.6).abs() < 0.1);
}

/// (T − a)² has exactly twice the ½ form's E and gradients: the factor the two-neuron lab's course hides.
#[test]
fn the_full_square_is_exactly_twice_the_half() {
    for z in [-8.0, -4.0, -0.3, 0.0, 2.5, 8.0] {
        for t in [0.0, 0.25, 1.0] {
            let (half, full) = (
                loss_at(Loss::HalfSquaredError, z, t),
                loss_at(Loss::SquaredError, z, t),
            );
            assert_eq!(full.de_dz, 2.0 * half.de_dz, "z {z} T {t}");
            assert_eq!(full.e, 2.0 * half.e, "z {z} T {t}");
        }
    }
}

proptest! {
    /// Every row's ∂E/∂z against a central difference of its own E.
    #[test]
    fn slopes_match_a_finite_difference(z in -8.0f64..8.0, t in 0.0f64..=1.0) {
        let h = 1e-5;
        for loss in COMPARED {
            let e = |z: f64| loss_at(loss, z, t).e;
            let numeric = (e(z + h) - e(z - h)) / (2.0 * h);
            let analytic = loss_at(loss, z, t).de_dz;
            prop_assert!(
                (numeric - analytic).abs() <= 1e-6 * (1.0 + analytic.abs()),
                "{loss:?} at z {z}, T {t}: {analytic} by the chain rule, {numeric} by the difference"
            );
        }
    }

    /// Cross-entropy's ∂E/∂z is the ½ form's divided by σ′(z), whatever the target.
    #[test]
    fn cross_entropy_is_steeper_by_one_over_the_slope(z in -8.0f64..8.0, t in 0.0f64..=1.0) {
        let lab = LossesLab::new(LossSetup { z, target: t, ..LossSetup::default() }).unwrap();
        let s = lab.snapshot();
        let a = Activation::Sigmoid.value(z);
        if let Some(ratio) = s.steeper {
            prop_assert!(close(ratio, 1.0 / (a * (1.0 - a)), 1e-9), "{ratio}");
            prop_assert!(ratio >= 4.0 - 1e-12);
        } else {
            prop_assert_eq!(a, t);
        }
    }
}

/// The first update by hand: w and b both move by η·∂E/∂z (the input is 1), so z moves by 2η·∂E/∂z.
#[test]
fn a_run_starts_with_the_update_by_hand() {
    let setup = LossSetup::default();
    for loss in COMPARED {
        let r = run(&setup, loss).unwrap();
        assert_eq!(r.outputs.len(), setup.iterations + 1);
        let g = loss_at(loss, setup.z, setup.target).de_dz;
        let z1 = setup.z - 2.0 * setup.learning_rate * g;
        assert!(
            close(r.outputs[1], Activation::Sigmoid.value(z1), 1e-12),
            "{loss:?}"
        );
        assert_eq!(r.outputs[0], Activation::Sigmoid.value(setup.z));
    }
}

/// From z = −4 with T = 1, cross-entropy gets close in a few updates; the ½ form needs many times as many,
/// and (T − a)² (twice the gradient) sits between them.
#[test]
fn a_confidently_wrong_start_learns_fastest_under_cross_entropy() {
    let lab = LossesLab::new(LossSetup::default()).unwrap();
    let s = lab.snapshot();
    let after = |loss: Loss| {
        s.runs
            .iter()
            .find(|r| r.loss == loss)
            .and_then(|r| r.settled_after)
            .expect("gets close within 300")
    };
    let (half, full, cross) = (
        after(Loss::HalfSquaredError),
        after(Loss::SquaredError),
        after(Loss::BinaryCrossEntropy),
    );
    // 15, 70 and 141 updates.
    assert!(cross < 20, "{cross}");
    assert!(half > 5 * cross, "{half} against {cross}");
    assert!(cross < full && full < half, "{cross} {full} {half}");
    for r in &s.runs {
        let k = r.settled_after.unwrap();
        assert!(r.outputs[k..].iter().all(|a| (1.0 - a).abs() <= CLOSE));
        assert!((1.0 - r.outputs[k - 1]).abs() > CLOSE);
    }
}

/// A large η makes cross-entropy swing across T = 0.5 for good: it passes within 0.1 on its first update and
/// never stays, so it has not settled; the squared forms, with their smaller slopes, settle.
#[test]
fn a_run_that_swings_across_the_target_has_not_settled() {
    let lab = LossesLab::new(LossSetup {
        z: -5.0,
        target: 0.5,
        learning_rate: 5.0,
        iterations: 300,
    })
    .unwrap();
    let s = lab.snapshot();
    let cross = &s.runs[2];
    assert_eq!(cross.loss, Loss::BinaryCrossEntropy);
    assert!((0.5 - cross.outputs[1]).abs() <= CLOSE, "it passes close");
    assert_eq!(cross.settled_after, None);
    assert!(s.runs[..2].iter().all(|r| r.settled_after.is_some()));
}

/// (T − a)² with η moves exactly as ½(T − a)² with 2η: the factor of 2 is a learning rate.
#[test]
fn the_full_square_trains_as_the_half_with_twice_the_rate() {
    let setup = LossSetup::default();
    let full = run(&setup, Loss::SquaredError).unwrap();
    let doubled = LossSetup {
        learning_rate: 2.0 * setup.learning_rate,
        ..setup
    };
    let half = run(&doubled, Loss::HalfSquaredError).unwrap();
    assert_eq!(full.outputs, half.outputs);
}

#[test]
fn a_refused_command_changes_nothing() {
    let mut lab = LossesLab::new(LossSetup::default()).unwrap();
    let before = lab.snapshot();
    for (command, says) in [
        (LossesCommand::SetZ { z: f64::NAN }, "z must be"),
        (LossesCommand::SetZ { z: 9.0 }, "between −8 and 8"),
        (LossesCommand::SetTarget { target: 1.5 }, "between 0 and 1"),
        (LossesCommand::SetLearningRate { rate: 0.0 }, "above 0"),
        (LossesCommand::SetLearningRate { rate: 11.0 }, "at most 10"),
        (LossesCommand::SetIterations { iterations: 0 }, "between 1"),
    ] {
        let why = lab.apply(command).unwrap_err();
        assert!(why.contains(says), "{why}");
        assert_eq!(lab.snapshot(), before);
    }
    lab.apply(LossesCommand::SetTarget { target: 0.0 }).unwrap();
    let s = lab.snapshot();
    assert_eq!(s.setup.target, 0.0);
    // T = 0 at z = −4 is nearly right already: every loss starts close.
    assert!(s.runs.iter().all(|r| r.settled_after == Some(0)));
    lab.apply(LossesCommand::Reset).unwrap();
    assert_eq!(lab.snapshot(), before, "Reset is the lab's own start");
}

#[test]
fn links_round_trip_and_bad_ones_are_refused() {
    let mut lab = LossesLab::new(LossSetup::default()).unwrap();
    lab.apply(LossesCommand::SetZ { z: -6.5 }).unwrap();
    lab.apply(LossesCommand::SetTarget { target: 0.8 }).unwrap();
    lab.apply(LossesCommand::SetIterations { iterations: 1000 })
        .unwrap();
    let query = Lab::link(&lab).unwrap();
    assert_eq!(query, "z=-6.5&t=0.8&eta=0.5&its=1000");
    let mut other = LossesLab::new(LossSetup::default()).unwrap();
    other.open_link(&query).unwrap();
    assert_eq!(other.snapshot(), lab.snapshot());
    let before = other.snapshot();
    for (query, says) in [
        ("z=oops", "z: “oops” is not a number"),
        ("t=2", "between 0 and 1"),
        ("its=-3", "its: “-3” is not a whole number"),
        ("lr=0.1", "“lr” is not a setting of this lab"),
    ] {
        let why = other.open_link(query).unwrap_err();
        assert!(why.contains(says), "{query}: {why}");
        assert_eq!(other.snapshot(), before);
    }
}

#[test]
fn the_summary_says_the_table_in_words() {
    let s = LossesLab::new(LossSetup::default()).unwrap().snapshot();
    assert!(s.summary.contains("σ′(z) = 0.01766"), "{}", s.summary);
    assert!(s.summary.contains("56.62 times as much"), "{}", s.summary);
    assert!(s.summary.contains("confidently wrong"), "{}", s.summary);
    let right = LossesLab::new(LossSetup {
        z: 8.0,
        ..LossSetup::default()
    })
    .unwrap()
    .snapshot();
    assert!(
        !right.summary.contains("confidently wrong"),
        "{}",
        right.summary
    );
    let exact = LossesLab::new(LossSetup {
        z: 0.0,
        target: 0.5,
        ..LossSetup::default()
    })
    .unwrap()
    .snapshot();
    assert_eq!(exact.steeper, None);
    assert!(exact.summary.contains("a = T"), "{}", exact.summary);
}

/// The runs are written out for one neuron; the traced trainer, which records every value, gives the same
/// bits, for every loss, from either side of T, with a rate that swings across it.
#[test]
fn the_runs_are_the_traced_trainers_outputs() {
    use backprop_lab::engine::Trainer;
    for (z, target, learning_rate) in [
        (-6.0, 0.9, 2.0),
        (4.0, 0.0, 0.5),
        (-5.0, 0.5, 5.0),
        (0.3, 1.0, 0.1),
    ] {
        let setup = LossSetup {
            z,
            target,
            learning_rate,
            iterations: 300,
        };
        for loss in COMPARED {
            let fast = run(&setup, loss).unwrap();
            let mut traced = Trainer::new(setup.spec(loss)).unwrap();
            for k in 0..setup.iterations {
                let trace = traced.step();
                assert_eq!(
                    trace.examples[0].layers[0].a[0].to_bits(),
                    fast.outputs[k].to_bits(),
                    "{loss:?} from z {z}, T {target}, η {learning_rate}: update {k}"
                );
            }
        }
    }
}

/// The limits: one update is a run, 5001 is refused, and so is a z a hair past 8.
#[test]
fn the_limits_hold_at_their_edges() {
    let one = LossesLab::new(LossSetup {
        iterations: 1,
        ..LossSetup::default()
    })
    .unwrap()
    .snapshot();
    assert!(one.runs.iter().all(|r| r.outputs.len() == 2));
    for setup in [
        LossSetup {
            iterations: 5001,
            ..LossSetup::default()
        },
        LossSetup {
            z: 8.0001,
            ..LossSetup::default()
        },
    ] {
        assert!(LossesLab::new(setup).is_err());
    }
    assert!(LossesLab::new(LossSetup {
        z: -8.0,
        iterations: 5000,
        ..LossSetup::default()
    })
    .is_ok());
}

/// With a soft target the sentence gives the error it means, not "about 1".
#[test]
fn a_confidently_wrong_output_is_said_with_its_own_error() {
    let s = LossesLab::new(LossSetup {
        z: -6.0,
        target: 0.9,
        ..LossSetup::default()
    })
    .unwrap()
    .snapshot();
    let error = Activation::Sigmoid.value(-6.0) - 0.9;
    let said = backprop_lab::shared::format::sig4(error);
    assert!(
        s.summary.contains(&format!("a − T = {said}")),
        "{}",
        s.summary
    );
}
