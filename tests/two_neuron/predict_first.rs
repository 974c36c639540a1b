//! Predict first: the number each operation asks for, the question that hides it, and how guesses are
//! judged and scored.

use super::support::two_neuron_trace;
use crate::common::{assert_sig4, small_net};
use backprop_lab::engine::Optimizer;
use backprop_lab::engine::Spec;
use backprop_lab::labs::two_neuron::predict::Mark;
use backprop_lab::labs::two_neuron::stepper::operations;
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Operation;
use backprop_lab::labs::two_neuron::Phase;
use backprop_lab::labs::two_neuron::Session;

/// What Predict first asks for: each operation's quantity and value. Each value is the number the
/// operation's sentence ends with, and the names follow the seed: z₁, a₁, …, E, then the gradients from
/// the output back, then the new weights and biases, with the seed's numbers.
#[test]
fn each_operation_names_the_number_it_reveals() {
    use backprop_lab::labs::two_neuron::describe::{describe, result};
    use backprop_lab::shared::format::sig4;
    let spec = Spec::two_neuron();
    let trace = two_neuron_trace();
    let ops = operations(&trace);
    let results: Vec<(String, f64)> = ops.iter().map(|&op| result(op, &trace)).collect();
    for (&op, (name, value)) in ops.iter().zip(&results) {
        let text = describe(op, &trace, spec.loss, &spec.optimizer);
        assert!(text.ends_with(&sig4(*value)), "{name}: {text}");
        let bare = name.trim_start_matches("the new ");
        assert!(text.contains(bare), "{name} is named in “{text}”");
    }
    let names: Vec<&str> = results.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(&names[..5], ["z₁", "a₁", "z₂", "a₂", "E"]);
    let value = |name: &str| results.iter().find(|(n, _)| n == name).unwrap().1;
    assert_sig4(value("z₁"), 0.415, "z₁");
    assert_sig4(value("∂E/∂w₂"), 0.05707, "∂E/∂w₂");
    assert_sig4(value("∂E/∂b₂"), 0.09480, "∂E/∂b₂");
    assert_sig4(value("∂E/∂w₁"), 0.001021, "∂E/∂w₁");
    assert_sig4(value("∂E/∂b₁"), 0.01021, "∂E/∂b₁");
    assert_sig4(value("the new w₂"), 0.4272, "new w₂");
    assert_sig4(value("the new w₁"), 0.1496, "new w₁");
    assert_sig4(value("the new b₁"), 0.3959, "new b₁");
}

/// The question Predict first shows hides the asked number wherever it is not an operand, and nothing that
/// only contains its digits; a factor with the same value, already on screen, stays.
#[test]
fn a_prompt_hides_the_asked_number_and_only_it() {
    use backprop_lab::labs::two_neuron::session::as_question;
    assert_eq!(
        as_question("z₁ = 0.1500 × 0.1000 + 0.4000 = 0.4150", "0.4150"),
        "z₁ = 0.1500 × 0.1000 + 0.4000 = ?"
    );
    assert_eq!(
        as_question("w ← 0.4500 → 0.3500 (g = 0.1)", "0.3500"),
        "w ← 0.4500 → ? (g = 0.1)"
    );
    assert_eq!(
        as_question("a = 10.4150 or 0.41500 = -0.4150", "0.4150"),
        "a = 10.4150 or 0.41500 = -?"
    );
    assert_eq!(
        as_question(
            "∂E/∂b₂ = ∂E/∂z₂ · ∂z₂/∂b₂ = 0.09476 × 1 = 0.09476",
            "0.09476"
        ),
        "∂E/∂b₂ = ∂E/∂z₂ · ∂z₂/∂b₂ = 0.09476 × 1 = ?"
    );
    // A ReLU's slope comes first, and z can have the same value: neither gives the answer away.
    assert_eq!(
        as_question("∂a₁/∂z₁ = 1.000, because z₁ = 1.000 is positive", "1.000"),
        "∂a₁/∂z₁ = ?, because z₁ = ? is positive"
    );
    // A number the sentence does not spell out: its last result is the question.
    assert_eq!(
        as_question("∂a/∂z = 1, because z = 2.000", "0.5000"),
        "∂a/∂z = 1, because z = ?"
    );
    // The course's chain, and a ReLU chain whose slope (1) equals its z (1) and whose second slope (0)
    // equals its z (0): every prompt hides its answer.
    let relu = Spec::from_json(
        r#"{"layers": [{"weights": [[1]], "biases": [0], "activation": "relu"},
           {"weights": [[-1]], "biases": [0], "activation": "relu"}],
           "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.1},
           "data": {"inputs": [[1]], "targets": [[1]]}, "batch_size": 1}"#,
    )
    .unwrap();
    for spec in [Spec::two_neuron(), relu] {
        let mut session = Session::new(spec).unwrap();
        while session.snapshot().next.is_some() {
            let next = session.snapshot().next.unwrap();
            // The asked value is gone: wherever it still appears, it is an operand, a factor that is already
            // known (the step it comes from is done).
            let shown = backprop_lab::shared::format::sig4(next.value);
            assert!(next.prompt.contains('?'), "{}", next.prompt);
            for (at, _) in next.prompt.match_indices(&shown) {
                let after = &next.prompt[at + shown.len()..];
                let operand = [" ×", " +", " −"].iter().any(|op| after.starts_with(op));
                let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
                let inside = digit(after.chars().next()) || digit(next.prompt[..at].chars().last());
                assert!(operand || inside, "{}: the answer shows", next.prompt);
            }
            session.apply(Command::Step { count: 1 }).unwrap();
        }
    }
}

/// A neuron with two inputs has two weights per operation: Predict first asks for the first, and its prompt
/// shows neither weight's result (the second's was printed beside the first's question).
#[test]
fn predict_first_on_a_two_input_neuron_asks_one_weight_and_shows_no_other() {
    let mut session = Session::new(small_net(1, 1, Optimizer::Sgd { learning_rate: 0.5 })).unwrap();
    let mut asked = 0;
    while let Some(next) = session.snapshot().next {
        if matches!(
            next.operation,
            Operation::WeightGradient { layer: 0, .. } | Operation::UpdateWeights { layer: 0, .. }
        ) {
            asked += 1;
            let full = &next.text;
            assert_eq!(full.matches("; ").count(), 1, "two weights: {full}");
            assert!(!next.prompt.contains("; "), "{}", next.prompt);
            assert!(
                next.prompt.contains(&next.quantity.replace("the new ", "")),
                "{}",
                next.prompt
            );
            let second = full.split("; ").nth(1).unwrap();
            let second_result = second.rsplit("= ").next().unwrap();
            assert!(!next.prompt.contains(second), "{}", next.prompt);
            assert!(
                next.prompt.ends_with("= ?"),
                "{} (not {second_result})",
                next.prompt
            );
        }
        session.apply(Command::Step { count: 1 }).unwrap();
    }
    assert_eq!(asked, 6, "three neurons, a gradient and an update each");
}

/// Predict first, judged in the core: the verdicts the page shows, a score that counts each operation once,
/// and a score that starts again with the run.
#[test]
fn predictions_are_judged_and_scored_per_run() {
    let mut session = Session::two_neuron();
    let predict = |s: &mut Session, guess: f64| {
        s.apply(Command::Predict { guess }).unwrap();
        s.snapshot().prediction.expect("a verdict")
    };
    let v = predict(&mut session, 0.415);
    assert_eq!(
        (v.verdict, v.message.as_str()),
        (
            Mark::Right,
            "You predicted z₁ = 0.4150; it is 0.4150: right."
        )
    );
    let v = predict(&mut session, 0.6);
    assert_eq!(v.verdict, Mark::Close);
    assert!(
        v.message
            .starts_with("You predicted a₁ = 0.6000; it is 0.6023: close: too low by 0.002"),
        "{}",
        v.message
    );
    assert!(v.message.ends_with("(0.4%)."), "{}", v.message);
    let v = predict(&mut session, 0.5);
    assert_eq!(
        (v.verdict, v.message.as_str()),
        (
            Mark::Off,
            "You predicted z₂ = 0.5000; it is 0.9210: too low by 0.4210 (46%)."
        )
    );
    let score = session.snapshot().score.unwrap();
    assert_eq!((score.right, score.made), (1, 3));

    // Back one and guess z₂ again: practice, not a second mark.
    session.apply(Command::Step { count: -1 }).unwrap();
    assert_eq!(
        session.snapshot().prediction,
        None,
        "another command clears the verdict"
    );
    assert_eq!(predict(&mut session, 0.921).verdict, Mark::Right);
    assert_eq!(session.snapshot().score.unwrap().made, 3);

    // A wrong sign is called out.
    let mut backward = Session::two_neuron();
    backward
        .apply(Command::Finish {
            phase: Phase::Forward,
        })
        .unwrap();
    backward.apply(Command::Step { count: 1 }).unwrap();
    let next = backward.snapshot().next.unwrap();
    let v = predict(&mut backward, -next.value);
    assert_eq!(v.verdict, Mark::Off);
    assert!(
        v.message.ends_with("off: the sign is wrong."),
        "{}",
        v.message
    );

    // A non-number changes nothing, the verdict on screen included.
    let before = session.snapshot();
    assert!(before.prediction.is_some());
    assert!(session.apply(Command::Predict { guess: f64::NAN }).is_err());
    assert_eq!(session.snapshot().done, before.done);
    assert_eq!(session.snapshot().score, before.score);
    assert_eq!(session.snapshot().prediction, before.prediction);

    // An edited value starts the run again, and the score with it: the old run's marks do not block the new
    // run's operations.
    session
        .apply(Command::SetLearningRate { value: 0.5 })
        .unwrap();
    assert_eq!(session.snapshot().score, None);
    assert_eq!(predict(&mut session, 0.415).verdict, Mark::Right);
    assert_eq!(session.snapshot().score.unwrap().made, 1);
}

/// A class working to three figures is right: 0.0571 for ∂E/∂w₂ = 0.05707 (0.05% off), and 0.05704, nearer
/// still though it rounds the other way. Two figures (0.057) or a slip in the third (0.0572) is only close.
#[test]
fn a_guess_right_to_three_figures_is_right() {
    use backprop_lab::labs::two_neuron::predict::mark;
    let value = 0.057_070_4;
    for guess in [0.0571, 0.05704, 0.05707] {
        assert_eq!(mark(guess, value).0, Mark::Right, "{guess}");
    }
    for guess in [0.057, 0.0572, 0.0569] {
        assert_eq!(mark(guess, value).0, Mark::Close, "{guess}");
    }
    // The tolerance follows the value's size: 948 for 947.6, -0.00102 for -0.0010213, 3.80 for 3.7951.
    assert_eq!(mark(948.0, 947.6).0, Mark::Right);
    assert_eq!(mark(-0.00102, -0.001_021_3).0, Mark::Right);
    assert_eq!(mark(3.80, 3.7951).0, Mark::Right);
    assert_eq!(mark(3.81, 3.7951).0, Mark::Close);
    assert_eq!(mark(0.01, 0.0).0, Mark::Off);
}

/// Against a true value of 0 (or a guess ten times off) a percentage says nothing: the marks give the
/// difference alone.
#[test]
fn a_guess_against_zero_is_marked_without_a_percentage() {
    use backprop_lab::labs::two_neuron::predict::mark;
    assert_eq!(
        mark(0.1, 0.0),
        (Mark::Off, "too high by 0.1000".to_string())
    );
    assert_eq!(
        mark(50.0, 1.0),
        (Mark::Off, "too high by 49.00".to_string())
    );
    assert_eq!(
        mark(5.0, 1.0),
        (Mark::Off, "too high by 4.000 (400%)".to_string())
    );
    assert_eq!(mark(0.0, 0.0).0, Mark::Right);
}

/// At the end of an iteration there is nothing to predict: Predict steps on without a verdict.
#[test]
fn predicting_past_the_last_operation_just_steps() {
    let mut session = Session::two_neuron();
    session
        .apply(Command::Finish {
            phase: Phase::Update,
        })
        .unwrap();
    session.apply(Command::Predict { guess: 1.0 }).unwrap();
    let s = session.snapshot();
    assert_eq!(
        (s.iteration, s.done, s.prediction, s.score),
        (2, 0, None, None)
    );
}
