//! Links carry a lab's setup: what a link writes reads back as the same setup, and a bad link is refused
//! naming the setting at fault.

use backprop_lab::engine::Activation;
use backprop_lab::engine::Loss;
use backprop_lab::engine::Spec;
use backprop_lab::labs::descent::link::*;
use backprop_lab::labs::descent::{DescentCommand, DescentLab, DescentSetup, Model, Preset};
use backprop_lab::labs::losses::link::*;
use backprop_lab::labs::two_neuron::link::*;
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Session;
use backprop_lab::labs::vanishing::link::*;
use backprop_lab::labs::vanishing::ChainSetup;
use backprop_lab::shared::query::*;

#[test]
fn a_two_neuron_link_round_trips() {
    let mut session = Session::two_neuron();
    session
        .apply(Command::SetWeight {
            layer: 0,
            neuron: 0,
            input: 0,
            value: 0.123456789,
        })
        .unwrap();
    session
        .apply(Command::SetLoss {
            loss: Loss::SquaredError,
        })
        .unwrap();
    let query = session.link().unwrap();
    assert!(
        query.contains("w1=0.123456789") && query.contains("loss=squared"),
        "{query}"
    );
    assert!(
        !query.contains("it="),
        "the start of iteration 1 is left out: {query}"
    );
    let (spec, at) = two_neuron_from_query(&query).unwrap();
    assert_eq!(&spec, session.spec());
    assert_eq!(at, Position::default());
    assert_eq!(
        two_neuron_from_query("").unwrap(),
        (Spec::two_neuron(), Position::default()),
        "no settings: the course example"
    );
}

/// A teacher shares "look at iteration 3, after the forward pass": the link opens there, with the same
/// numbers and the error curve of the iterations before, not at iteration 1 from iteration 3's weights.
#[test]
fn a_two_neuron_link_opens_at_the_iteration_and_operation_shown() {
    let mut session = Session::two_neuron();
    session
        .apply(Command::SetLoss {
            loss: Loss::SquaredError,
        })
        .unwrap();
    session.apply(Command::RunIterations { count: 2 }).unwrap();
    session.apply(Command::Step { count: 5 }).unwrap();
    let shown = session.snapshot();
    assert_eq!((shown.iteration, shown.done), (3, 5));
    let query = session.link().unwrap();
    assert!(query.ends_with("&it=3&op=5"), "{query}");

    let mut opened = Session::two_neuron();
    opened.open_link(&query).unwrap();
    assert_eq!(
        opened.snapshot(),
        shown,
        "every number on the page is the same"
    );
    assert_eq!(opened.loss_curve(), session.loss_curve());
    assert_eq!(
        opened.spec(),
        session.spec(),
        "Reset goes back to the same start"
    );
    assert_eq!(opened.link().unwrap(), query);
}

#[test]
fn a_two_neuron_link_past_its_limits_is_refused_and_changes_nothing() {
    let mut session = Session::two_neuron();
    session.apply(Command::NextIteration).unwrap();
    let before = session.snapshot();
    for (query, reason) in [
        ("it=0", "from 1 to"),
        ("it=100001", "from 1 to"),
        ("it=2.5", "not a whole number"),
        ("op=-1", "not a whole number"),
        ("it=3&op=20", "iteration 3 has 19 operations"),
        // Numbers this large overflow at once: the link cannot open past the iteration that diverged.
        ("eta=1e300&t=1e200&it=5", "Diverged"),
    ] {
        let err = session.open_link(query).unwrap_err();
        assert!(err.contains(reason), "{query}: {err}");
        assert_eq!(session.snapshot(), before, "{query} changed the lab");
    }
}

#[test]
fn an_imported_network_of_another_shape_has_no_link() {
    let mut session = Session::two_neuron();
    let mut spec = Spec::two_neuron();
    spec.layers[0].activation = Activation::Tanh;
    session.restart(spec).unwrap();
    assert_eq!(session.link(), None);
}

#[test]
fn a_descent_link_round_trips_with_its_step() {
    let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
    lab.apply(DescentCommand::LoadPreset {
        preset: Preset::NoisyLine,
    })
    .unwrap();
    lab.apply(DescentCommand::SetModel {
        model: Model::SlopeAndIntercept,
    })
    .unwrap();
    lab.apply(DescentCommand::SetStandardize { on: true })
        .unwrap();
    lab.apply(DescentCommand::Step { count: 5 }).unwrap();
    let query = lab.link();
    assert!(
        query.contains("data=noisy_line") && query.contains("steps=5") && query.contains("scale=1"),
        "{query}"
    );
    let (setup, steps) = descent_from_query(&query).unwrap();
    assert_eq!(&setup, lab.setup());
    assert_eq!(steps, 5);
    let mut opened = DescentLab::new(DescentSetup::default()).unwrap();
    opened.open_link(&query).unwrap();
    assert_eq!(opened.snapshot(), lab.snapshot());
}

#[test]
fn typed_points_travel_in_the_link() {
    let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
    lab.apply(DescentCommand::SetPointsText {
        text: "1, 3\n2.5, -1e-3".into(),
    })
    .unwrap();
    let query = lab.link();
    assert!(query.contains("points=1:3;2.5:-0.001"), "{query}");
    assert_eq!(
        descent_from_query(&query).unwrap().0.points,
        vec![[1.0, 3.0], [2.5, -0.001]]
    );
}

#[test]
fn a_vanishing_link_round_trips() {
    let setup = ChainSetup {
        depth: 13,
        width: 4,
        activation: Activation::LeakyRelu,
        dying_relu: true,
        seed: 99,
        train_rate: 0.0375,
    };
    assert_eq!(
        vanishing_from_query(&vanishing_query(&setup)).unwrap(),
        setup
    );
    // An older link, without the rate, opens with the default rate.
    let old = vanishing_from_query("depth=13&width=4&act=leaky_relu&dying=1&seed=99").unwrap();
    assert_eq!(old.train_rate, ChainSetup::default().train_rate);
}

#[test]
fn bad_links_are_refused_naming_the_setting() {
    let cases: [(&str, &str); 12] = [
        ("eta=abc", "eta: “abc” is not a number"),
        ("eta=0.4&eta=0.5", "eta is given twice"),
        ("eta", "has no “=value”"),
        ("ETA=1", "is not a setting name: names are lower-case"),
        ("speed=3", "is not a setting of this lab"),
        ("model=round", "model: “round” is not slope or bias"),
        ("data=moon", "data: “moon” is not a preset"),
        ("points=1:2;x:3", "points: Line 2"),
        ("scale=2", "scale: “2” is not 0 or 1"),
        ("steps=-1", "steps: “-1” is not a whole number"),
        ("eta=-1", "learning rate must be above 0"),
        ("eta=%zz", "eta: the value is garbled"),
    ];
    for (query, expected) in cases {
        let error = descent_from_query(query).unwrap_err();
        assert!(error.contains(expected), "{query}: {error}");
    }
    assert!(vanishing_from_query("depth=21")
        .unwrap_err()
        .contains("between 1 and 20"));
    for (query, expected) in [
        ("rate=fast", "rate: “fast” is not a number"),
        ("rate=0", "must be between 0.0001 and 1"),
        ("rate=2", "must be between 0.0001 and 1"),
        ("rate=NaN", "must be between 0.0001 and 1"),
    ] {
        let error = vanishing_from_query(query).unwrap_err();
        assert!(error.contains(expected), "{query}: {error}");
    }
    assert!(vanishing_from_query("act=softmax")
        .unwrap_err()
        .contains("sigmoid, tanh, ReLU"));
    // Too many steps is refused, as too many epochs is, rather than quietly cut.
    assert!(descent_from_query("steps=999999999")
        .unwrap_err()
        .contains("at most 5000"));
    assert!(two_neuron_from_query("loss=cubed")
        .unwrap_err()
        .contains("not half or squared"));
    assert!(parse_query(&"a=1&".repeat(2000))
        .unwrap_err()
        .contains("longer than"));
}

/// A number written with the typographic minus, as the page's own messages write it, reads as negative.
#[test]
fn a_typographic_minus_in_a_link_is_a_minus() {
    let setup = losses_from_query("z=%E2%88%924.5&t=1").unwrap();
    assert_eq!(setup.z, -4.5);
    let (setup, _) = descent_from_query("eta=0.1&w0=−2").unwrap();
    assert_eq!(setup.w0, -2.0);
}

/// Past 100,000 iterations a link would take seconds to recompute: it starts from the values the iteration
/// on screen began with instead, and still opens at the same numbers.
#[test]
fn a_link_from_far_into_a_run_opens_at_the_same_numbers() {
    let mut session = Session::two_neuron();
    session
        .apply(Command::RunIterations { count: 100_000 })
        .unwrap();
    session.apply(Command::RunIterations { count: 10 }).unwrap();
    session.apply(Command::Step { count: 7 }).unwrap();
    let shown = session.snapshot();
    assert_eq!(shown.iteration, 100_011);
    let query = session.link().unwrap();
    assert!(query.ends_with("&it=1&op=7"), "{query}");
    let mut opened = Session::two_neuron();
    opened.open_link(&query).unwrap();
    let reopened = opened.snapshot();
    assert_eq!(reopened.iteration, 1);
    assert_eq!(reopened.done, 7);
    assert_eq!(
        reopened.neurons, shown.neurons,
        "the same z, a and gradients"
    );
    assert_eq!(reopened.parameters, shown.parameters);
}
