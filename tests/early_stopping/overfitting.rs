//! Runs that overfit: the default run and what the page is told, the dashed fit of the best epoch, when
//! overfitting is claimed, what the thinned chart keeps, and weight decay, the other remedy.

use backprop_lab::engine::network::predict;
use backprop_lab::labs::early_stopping::{
    thinned, truth, StoppingCommand, StoppingLab, StoppingSetup,
};

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
