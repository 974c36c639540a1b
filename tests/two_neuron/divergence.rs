//! Any learning rate up to 1e6 with any optimizer: the page never shows a non-finite number without saying
//! the run diverged, and Reset always recovers.

use backprop_lab::engine::Optimizer;
use backprop_lab::engine::Spec;
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Session;

fn optimizers(learning_rate: f64) -> [Optimizer; 4] {
    [
        Optimizer::Sgd { learning_rate },
        Optimizer::Momentum {
            learning_rate,
            momentum: 0.9,
        },
        Optimizer::Rmsprop {
            learning_rate,
            decay: 0.99,
            eps: 1e-8,
        },
        Optimizer::Adam {
            learning_rate,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
    ]
}

fn linear() -> Spec {
    Spec::from_json(
        r#"{"layers": [{"weights": [[1]], "biases": [0], "activation": "identity"}], "loss": "squared_error",
            "optimizer": {"name": "sgd", "learning_rate": 0.1}, "data": {"inputs": [[3]], "targets": [[1]]}}"#,
    )
    .unwrap()
}

fn shown_numbers(session: &Session) -> Vec<f64> {
    let s = session.snapshot();
    let mut numbers: Vec<f64> = s
        .parameters
        .iter()
        .flat_map(|p| [Some(p.value), p.gradient, p.after])
        .flatten()
        .collect();
    numbers.extend(
        s.neurons
            .iter()
            .flat_map(|n| [n.z, n.a, n.de_da, n.da_dz, n.de_dz])
            .flatten(),
    );
    numbers.extend(s.latest_loss);
    numbers
}

#[test]
fn huge_learning_rates_are_finite_or_reported_as_divergence() {
    for base in [Spec::two_neuron(), linear()] {
        for learning_rate in [1e-3, 1.0, 1e3, 1e6] {
            for optimizer in optimizers(learning_rate) {
                let spec = Spec {
                    optimizer,
                    ..base.clone()
                };
                let mut session = Session::new(spec).unwrap();
                // Run as Play would, a few hundred iterations, then look at every number on screen.
                let outcome = session.apply(Command::RunIterations { count: 300 });
                session
                    .apply(Command::Finish {
                        phase: backprop_lab::labs::two_neuron::Phase::Update,
                    })
                    .ok();
                let finite = shown_numbers(&session).iter().all(|v| v.is_finite());
                let diverged = session.snapshot().diverged;
                assert!(
                    finite || diverged.is_some(),
                    "{optimizer:?}: a non-finite number is shown without a divergence message"
                );
                if let Some(d) = diverged {
                    assert!(
                        d.message.starts_with("Diverged at iteration"),
                        "{}",
                        d.message
                    );
                    assert!(outcome.is_err(), "running into a divergence says so");
                    session.apply(Command::Reset).unwrap();
                    assert!(session.snapshot().diverged.is_none(), "Reset recovers");
                    assert!(shown_numbers(&session).iter().all(|v| v.is_finite()));
                }
            }
        }
    }
}

#[test]
fn one_click_never_runs_unboundedly() {
    let mut session = Session::two_neuron();
    session
        .apply(Command::RunIterations { count: usize::MAX })
        .unwrap();
    assert_eq!(
        session.snapshot().iteration,
        backprop_lab::labs::two_neuron::session::MAX_RUN + 1
    );
}

#[test]
fn saturated_sigmoids_are_reported_as_stalled_not_silently_stuck() {
    let stalled_run = || {
        let mut spec = Spec::two_neuron();
        spec.optimizer.set_learning_rate(1e300);
        let mut session = Session::new(spec).unwrap();
        session
            .apply(Command::RunIterations { count: 100 })
            .unwrap();
        session
    };
    let snapshot = stalled_run().snapshot();
    assert!(snapshot.diverged.is_none(), "nothing overflowed");
    let message = snapshot.stalled.expect("a stalled run says so");
    assert!(message.starts_with("Learning has stalled"), "{message}");
    // The advice works as written: Reset, then lower η, and the run learns again. Lowering η first
    // restarts from the saturated values on screen, and the message says so.
    assert!(
        message.contains("Press Reset") && message.contains("lowering η first"),
        "{message}"
    );
    let mut advised = stalled_run();
    advised.apply(Command::Reset).unwrap();
    advised
        .apply(Command::SetLearningRate { value: 0.4 })
        .unwrap();
    advised
        .apply(Command::RunIterations { count: 100 })
        .unwrap();
    assert_eq!(advised.snapshot().stalled, None);
    let mut lowered_first = stalled_run();
    lowered_first
        .apply(Command::SetLearningRate { value: 0.4 })
        .unwrap();
    lowered_first.apply(Command::Reset).unwrap();
    lowered_first
        .apply(Command::RunIterations { count: 100 })
        .unwrap();
    assert!(lowered_first.snapshot().stalled.is_some());
    // The course example at its own η learns fine.
    let mut fine = Session::two_neuron();
    fine.apply(Command::RunIterations { count: 100 }).unwrap();
    assert_eq!(fine.snapshot().stalled, None);
}

/// Saturated neurons alone are not a stall: under binary cross-entropy a saturated sigmoid output still gets
/// ∂E/∂z = a − T, so its weights move, and the page must not say every gradient is ≈ 0.
#[test]
fn a_saturated_output_under_cross_entropy_is_not_called_stalled() {
    let spec = Spec::from_json(
        r#"{"layers": [{"weights": [[50]], "biases": [0], "activation": "sigmoid"},
                      {"weights": [[50]], "biases": [0], "activation": "sigmoid"}],
           "loss": "binary_cross_entropy", "optimizer": {"name": "sgd", "learning_rate": 0.1},
           "data": {"inputs": [[1]], "targets": [[0]]}}"#,
    )
    .unwrap();
    let session = Session::new(spec).unwrap();
    let trace = session.current_trace();
    assert!(trace.examples.iter().all(|e| e
        .layers
        .iter()
        .all(|l| l.da_dz.iter().all(|d| d.abs() < 1e-6))));
    assert!(
        trace.gradients[1].weights[0][0] > 0.5,
        "the output's weight has a gradient"
    );
    assert_eq!(session.snapshot().stalled, None);
}

/// The message blames what overflowed: an error too large to compute from the starting values is not the
/// learning rate's doing (lowering it would not help), while an update that overflows is.
#[test]
fn a_divergence_names_its_cause() {
    let diverge = |change: &dyn Fn(&mut Spec)| -> String {
        let mut spec = Spec::two_neuron();
        change(&mut spec);
        let mut session = Session::new(spec).unwrap();
        let _ = session.apply(Command::RunIterations { count: 10 });
        session.snapshot().diverged.expect("it diverges").message
    };
    let huge_target = diverge(&|s| s.data.targets[0][0] = 1e200);
    assert!(
        huge_target.starts_with("Diverged at iteration 1")
            && huge_target.contains("starting values"),
        "{huge_target}"
    );
    assert!(!huge_target.contains("learning rate"), "{huge_target}");
    // With T = 10 the gradients are near 1, and η = 10³⁰⁸ carries an update past the largest number.
    let huge_rate = diverge(&|s| {
        s.data.targets[0][0] = 10.0;
        s.optimizer.set_learning_rate(1e308);
    });
    assert!(
        huge_rate.contains("learning rate is too large"),
        "{huge_rate}"
    );
}
