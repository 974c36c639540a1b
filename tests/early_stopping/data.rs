//! The samples and their split, and both errors against an independent forward pass over their own points.

use backprop_lab::engine::network::predict;
use backprop_lab::labs::early_stopping::{
    samples, truth, StoppingCommand, StoppingLab, StoppingSetup,
};

#[test]
fn samples_are_spread_over_the_curve_and_split_by_the_share() {
    let setup = StoppingSetup::default();
    let drawn = samples(&setup);
    assert_eq!(drawn.len(), 20);
    // 33% of 20 is 6.6, rounded to 7.
    assert_eq!(drawn.iter().filter(|s| s.validation).count(), 7);
    // One sample in each twentieth of [−1, 1].
    for (k, s) in drawn.iter().enumerate() {
        let slice = -1.0 + 2.0 * k as f64 / 20.0;
        assert!(
            s.x >= slice && s.x < slice + 2.0 / 20.0,
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
    assert_eq!(half.iter().filter(|s| s.validation).count(), 10);
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
