//! Training: the defaults learn the species (test accuracy of at least 95%, scored only when asked), the
//! comparison trains the same start twice, no scaling at the same learning rate is shown as it is, and a
//! diverging run says so and can be reset.

use backprop_lab::labs::data_prep::{DataCommand, DataLab};

#[test]
fn the_defaults_learn_the_species_and_the_test_waits_for_its_button() {
    let mut lab = DataLab::new();
    lab.apply(DataCommand::Train).unwrap();
    let run = lab.snapshot().run.unwrap();
    assert!(
        run.test.is_none() && run.test_sentence.is_none(),
        "the test rows wait"
    );
    assert!(run.validation.accuracy.unwrap() >= 0.95, "{}", run.summary);
    let confusion: usize = run.validation.confusion.iter().flatten().sum();
    assert_eq!(confusion, 69);
    lab.apply(DataCommand::Evaluate).unwrap();
    let s = lab.snapshot();
    let run = s.run.unwrap();
    let test = run.test.unwrap();
    assert!(test.accuracy.unwrap() >= 0.95, "{:?}", test);
    assert_eq!(test.rows, 69);
    let sentence = run.test_sentence.unwrap();
    assert_eq!(
        sentence,
        format!("test accuracy {:.1}%", 100.0 * test.accuracy.unwrap())
    );
    println!("{sentence}; {}", run.summary);
}

#[test]
fn the_same_setup_trains_to_the_same_bits() {
    let run = |_| {
        let mut lab = DataLab::new();
        lab.apply(DataCommand::Train).unwrap();
        lab.run().unwrap().validation_losses.clone()
    };
    let (a, b) = (run(0), run(1));
    assert_eq!(
        a.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
        b.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
    );
}

#[test]
fn the_comparison_shows_scaling_at_work() {
    let mut lab = DataLab::new();
    lab.apply(DataCommand::Compare).unwrap();
    let s = lab.snapshot();
    assert_eq!(s.comparison.len(), 2);
    assert_eq!(s.comparison_curves.len(), 2);
    println!("{}\n{}", s.comparison[0], s.comparison[1]);
    assert!(s.comparison[0].starts_with("With standardisation"));
    assert!(s.comparison[1].starts_with("With no scaling"));
    let last = |k: usize| *s.comparison_curves[k].1.last().map(|p| &p[1]).unwrap();
    assert!(
        last(0) < last(1),
        "scaled {} vs unscaled {}",
        last(0),
        last(1)
    );
    for text in &s.comparison {
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    }
}

fn set(lab: &mut DataLab, key: &str, value: &str) {
    lab.apply(DataCommand::Set {
        key: key.into(),
        value: value.into(),
    })
    .unwrap();
}

#[test]
fn unscaled_at_the_same_rate_is_shown_as_it_is() {
    let mut lab = DataLab::new();
    set(&mut lab, "scale", "none");
    lab.apply(DataCommand::Train).unwrap();
    let run = lab.snapshot().run.unwrap();
    assert!(run.validation.accuracy.unwrap() < 0.9, "{}", run.summary);
    assert!(
        run.summary
            .contains("no better than always answering Adelie"),
        "{}",
        run.summary
    );
}

#[test]
fn a_diverging_run_says_so_and_reset_clears_it() {
    let mut lab = DataLab::new();
    set(&mut lab, "scale", "none");
    set(&mut lab, "hidden", "none");
    set(&mut lab, "target", "body_mass_g");
    set(&mut lab, "features", "bill_length_mm,flipper_length_mm");
    set(&mut lab, "lr", "3");
    lab.apply(DataCommand::Train).unwrap();
    let s = lab.snapshot();
    let run = s.run.unwrap();
    assert!(run.diverged, "{}", run.summary);
    assert!(run.summary.contains("diverged at epoch") && run.summary.contains("Reset"));
    let text = serde_json::to_string(&lab.snapshot()).unwrap();
    assert!(
        !text.contains("NaN") && !text.contains("null,\"rmse\":null"),
        "{text}"
    );
    lab.apply(DataCommand::Reset).unwrap();
    assert!(lab.snapshot().run.is_none());
}
