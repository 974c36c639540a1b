//! Issue 19: "Learning has stalled", held to what the run's error does over a sweep of learning rates (0.01 to
//! 1e300) and starting values (the course's, and 10, 100 and 10,000 times larger), under both squared errors:
//! a run said to have stalled keeps its error from then on, and the cause named (steps too large, or starting
//! values already saturated) is the run's, so the advice that comes with it can work.

use super::support::ok;
use backprop_lab::engine::{Loss, Spec};
use backprop_lab::labs::two_neuron::{Command, Session};

#[test]
fn a_run_said_to_have_stalled_keeps_its_error_and_is_told_the_cause() {
    let mut said = [0, 0];
    for scale in [1.0, 10.0, 100.0, 1e4] {
        for loss in [Loss::HalfSquaredError, Loss::SquaredError] {
            for k in 0..=15 {
                let eta = 10f64.powf(-2.0 + 302.0 * k as f64 / 15.0);
                let mut spec = Spec::two_neuron();
                spec.loss = loss;
                spec.optimizer.set_learning_rate(eta);
                for layer in &mut spec.layers {
                    layer.weights[0][0] *= scale;
                    layer.biases[0] *= scale;
                }
                let what = format!("starting values × {scale}, {loss:?}, η = {eta:.3e}");
                let mut s = Session::new(spec).unwrap();
                let mut stalled_at: Option<usize> = None;
                let mut losses = Vec::new();
                for iteration in 1..=120 {
                    let snap = s.snapshot();
                    losses.push(s.current_trace().loss);
                    if let Some(message) = &snap.stalled {
                        let from_start = *stalled_at.get_or_insert(iteration) == 1;
                        assert_eq!(
                            message.contains(
                                "the values this run started from already saturate every neuron"
                            ),
                            from_start,
                            "{what}, iteration {iteration}: {message}"
                        );
                        assert_eq!(
                            message.contains("the steps were too large"),
                            !from_start,
                            "{what}: {message}"
                        );
                    } else {
                        assert!(
                            stalled_at.is_none(),
                            "{what}: said at {stalled_at:?}, not at {iteration}"
                        );
                    }
                    if s.apply(Command::NextIteration).is_err() {
                        break;
                    }
                }
                let Some(at) = stalled_at else { continue };
                let since = &losses[at - 1..];
                assert!(
                    since
                        .iter()
                        .all(|l| (l - since[0]).abs() <= 1e-12 * since[0]),
                    "{what}: said to stall at iteration {at}, but E went {since:?}"
                );
                // The advice: started saturated, Reset comes back to the same stall, and the course's values
                // learn; stalled by its steps, Reset and a small η learn again.
                ok(&mut s, Command::Reset);
                if at == 1 {
                    assert!(
                        s.snapshot().stalled.is_some(),
                        "{what}: Reset comes back to the saturated start"
                    );
                    said[0] += 1;
                } else {
                    ok(&mut s, Command::SetLearningRate { value: 0.4 });
                    let start = s.current_trace().loss;
                    ok(&mut s, Command::RunIterations { count: 50 });
                    assert!(
                        s.snapshot().stalled.is_none(),
                        "{what}: Reset, then a small η, learns again"
                    );
                    assert!(
                        s.current_trace().loss < start,
                        "{what}: E {start} → {}",
                        s.current_trace().loss
                    );
                    said[1] += 1;
                }
            }
        }
    }
    assert!(
        said[0] > 10 && said[1] > 10,
        "both causes in the sweep: {said:?}"
    );
}
