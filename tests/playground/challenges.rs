//! The challenges: each opens its prepared setup, reveals nothing until the run reaches its epoch, then
//! answers with the run's own numbers, and the answer it marks right is what the run shows.

use backprop_lab::labs::playground::*;

fn played(key: &str) -> PlaygroundLab {
    let mut lab = PlaygroundLab::new(PlaygroundSetup::default()).unwrap();
    lab.apply(PlaygroundCommand::StartChallenge {
        challenge: key.into(),
    })
    .unwrap();
    let view = lab.snapshot().challenge.unwrap();
    assert_eq!(view.key, key);
    assert!(
        view.answer.is_none() && view.correct.is_none(),
        "nothing revealed before the run"
    );
    while lab.replaying() {
        lab.apply(PlaygroundCommand::Train { epochs: 100 }).unwrap();
    }
    lab
}

fn test_accuracy(lab: &PlaygroundLab) -> String {
    format!("{:.1}%", 100.0 * lab.run.test.accuracy.unwrap())
}

#[test]
fn no_hidden_layer_cannot_separate_the_circle() {
    let lab = played("circle");
    let view = lab.snapshot().challenge.unwrap();
    assert!(lab.run.test.accuracy.unwrap() < 0.9);
    assert_eq!(view.correct, Some(1));
    let answer = view.answer.unwrap();
    assert!(
        answer.starts_with("No: after 200 epochs its test accuracy is"),
        "{answer}"
    );
    assert!(answer.contains(&test_accuracy(&lab)), "{answer}");
}

#[test]
fn one_neuron_on_x1x2_solves_xor() {
    let lab = played("xor");
    assert!(lab.run.test.accuracy.unwrap() >= 0.95);
    let view = lab.snapshot().challenge.unwrap();
    assert_eq!(view.choices[view.correct.unwrap()], "x₁x₂");
    assert!(view.answer.unwrap().contains(&test_accuracy(&lab)));
}

#[test]
fn l1_prunes_the_unused_inputs() {
    let lab = played("l1");
    let (pruned, all) = lab.zero_weights();
    assert_eq!((pruned, all), (4, 6), "x₁², x₂², sin x₁ and sin x₂ pruned");
    let view = lab.snapshot().challenge.unwrap();
    assert_eq!(view.correct, Some(1));
    let answer = view.answer.unwrap();
    assert!(
        answer.contains(&format!("{pruned} of the {all} weights are exactly 0")),
        "{answer}"
    );
}

#[test]
fn a_changed_setting_ends_the_challenge_and_a_wrong_key_is_refused() {
    let mut lab = played("xor");
    lab.apply(PlaygroundCommand::SetLearningRate { learning_rate: 0.1 })
        .unwrap();
    assert!(lab.snapshot().challenge.is_none());
    let why = lab
        .apply(PlaygroundCommand::StartChallenge {
            challenge: "moons".into(),
        })
        .unwrap_err();
    assert!(why.contains("moons"), "{why}");
}
