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
    let predict = |s: &mut Session, guess: &str| {
        s.apply(Command::Predict {
            guess: guess.into(),
        })
        .unwrap();
        s.snapshot().prediction.expect("a verdict")
    };
    let v = predict(&mut session, "0.415");
    assert_eq!(
        (v.verdict, v.message.as_str()),
        (
            Mark::Right,
            "You predicted z₁ = 0.415; it is 0.4150: right to 3 significant figures."
        )
    );
    let v = predict(&mut session, "0.599");
    assert_eq!(v.verdict, Mark::Close);
    assert!(
        v.message
            .starts_with("You predicted a₁ = 0.599; it is 0.6023: close: too low by 0.003"),
        "{}",
        v.message
    );
    assert!(v.message.ends_with("(0.5%)."), "{}", v.message);
    let v = predict(&mut session, "0.50");
    assert_eq!(
        (v.verdict, v.message.as_str()),
        (
            Mark::Off,
            "You predicted z₂ = 0.50; it is 0.9210: too low by 0.4210 (46%)."
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
    assert_eq!(predict(&mut session, "0.921").verdict, Mark::Right);
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
    let v = predict(&mut backward, &format!("{:.3e}", -next.value));
    assert_eq!(v.verdict, Mark::Off);
    assert!(
        v.message.ends_with("off: the sign is wrong."),
        "{}",
        v.message
    );

    // A non-number changes nothing, the verdict on screen included.
    let before = session.snapshot();
    assert!(before.prediction.is_some());
    for typed in ["abc", "NaN", "inf", "1e999", "", "1,000", "0x10", "1.2.3"] {
        let refused = session.apply(Command::Predict {
            guess: typed.into(),
        });
        assert!(refused.unwrap_err().contains("is not a number"), "{typed}");
    }
    assert_eq!(session.snapshot().done, before.done);
    assert_eq!(session.snapshot().score, before.score);
    assert_eq!(session.snapshot().prediction, before.prediction);

    // An edited value starts the run again, and the score with it: the old run's marks do not block the new
    // run's operations.
    session
        .apply(Command::SetLearningRate { value: 0.5 })
        .unwrap();
    assert_eq!(session.snapshot().score, None);
    assert_eq!(predict(&mut session, "0.415").verdict, Mark::Right);
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
    session
        .apply(Command::Predict {
            guess: "1.0".into(),
        })
        .unwrap();
    let s = session.snapshot();
    assert_eq!(
        (s.iteration, s.done, s.prediction, s.score),
        (2, 0, None, None)
    );
}

/// A guess is judged at the significant figures typed, at least two: against a₁ = 0.6023 (0.60229…), "0.60"
/// is right to two figures and "0.61" is not; "0.6" is asked for more; trailing zeros and an exponent's
/// mantissa count.
#[test]
fn a_guess_is_judged_at_the_figures_given() {
    use backprop_lab::labs::two_neuron::predict::{mark_at, read_guess};
    let a1 = {
        let mut session = Session::two_neuron();
        session.apply(Command::Step { count: 1 }).unwrap();
        session.snapshot().next.unwrap().value
    };
    assert_sig4(a1, 0.6023, "a₁");
    // (typed, figures read, mark, what the verdict says)
    let table: [(&str, usize, Mark, &str); 12] = [
        ("0.60", 2, Mark::Right, "right to 2 significant figures"),
        ("0.602", 3, Mark::Right, "right to 3 significant figures"),
        ("0.6023", 4, Mark::Right, "right to 4 significant figures"),
        // A fifth figure that is wrong: right to the four before it.
        ("0.60230", 5, Mark::Right, "right to 4 significant figures"),
        ("0.61", 2, Mark::Close, "close: too high by 0.007714 (1.3%)"),
        (
            "0.603",
            3,
            Mark::Close,
            "close: too high by 0.0007138 (0.1%)",
        ),
        ("0.600", 3, Mark::Close, "close: too low by 0.002286 (0.4%)"),
        ("6.0e-1", 2, Mark::Right, "right to 2 significant figures"),
        ("6.02E-1", 3, Mark::Right, "right to 3 significant figures"),
        ("60.2e-2", 3, Mark::Right, "right to 3 significant figures"),
        ("0,60", 2, Mark::Right, "right to 2 significant figures"),
        ("−0.60", 2, Mark::Off, "off: the sign is wrong"),
    ];
    for (typed, figures, verdict, said) in table {
        let guess = read_guess(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
        assert_eq!(guess.figures, figures, "{typed}");
        assert_eq!(
            mark_at(guess.value, guess.figures, a1),
            (verdict, said.to_string()),
            "{typed}"
        );
    }
    // One figure is not judged: it is asked for more, as is an exponent with a one-figure mantissa.
    for typed in ["0.6", "6e-1", "0.006", "+0.6"] {
        let refused = read_guess(typed).unwrap_err();
        assert!(
            refused.contains("one significant figure"),
            "{typed}: {refused}"
        );
    }
    // Zeros: leading ones never count, trailing ones do, and a zero has none and is judged as it stands.
    let figures = |t: &str| read_guess(t).unwrap().figures;
    assert_eq!(
        [
            figures("0.0060"),
            figures("600"),
            figures("6.00"),
            figures("0.0")
        ],
        [2, 3, 3, 0]
    );
    assert_eq!(mark_at(0.0, 0, 0.0), (Mark::Right, "right".to_string()));

    // Through the session: a one-figure guess changes nothing, a two-figure one is judged and scored.
    let mut session = Session::two_neuron();
    session.apply(Command::Step { count: 1 }).unwrap();
    let before = session.snapshot();
    let refused = session.apply(Command::Predict {
        guess: "0.6".into(),
    });
    assert!(refused.unwrap_err().contains("at least two"));
    assert_eq!(session.snapshot(), before);
    session
        .apply(Command::Predict {
            guess: "0.60".into(),
        })
        .unwrap();
    let verdict = session.snapshot().prediction.unwrap();
    assert_eq!(
        verdict.message,
        "You predicted a₁ = 0.60; it is 0.6023: right to 2 significant figures."
    );
    assert_eq!(session.snapshot().score.unwrap().right, 1);
}

/// Predict first is a setting the run keeps: on through a reset and an edit, and in the link, which opens with
/// it on; a link without it opens with it off.
#[test]
fn predict_first_is_kept_in_the_link() {
    let mut session = Session::two_neuron();
    assert!(!session.snapshot().predict_first);
    assert!(!session.link().unwrap().contains("predict"));
    session
        .apply(Command::SetPredictFirst { on: true })
        .unwrap();
    session.apply(Command::Reset).unwrap();
    session
        .apply(Command::SetLearningRate { value: 0.5 })
        .unwrap();
    assert!(session.snapshot().predict_first);
    let link = session.link().unwrap();
    assert!(link.ends_with("&predict=1"), "{link}");
    let mut opened = Session::two_neuron();
    opened.open_link(&link).unwrap();
    assert!(opened.snapshot().predict_first);
    opened.open_link("predict=0").unwrap();
    assert!(!opened.snapshot().predict_first);
    let refused = opened.open_link("predict=yes").unwrap_err();
    assert!(refused.contains("predict"), "{refused}");
}
