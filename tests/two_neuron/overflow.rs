//! What the page shows of a quantity that overflowed (the two faults the fuzzer found, `tests/fuzz/faults.rs`):
//! never ±inf or NaN as text. A forward value that overflowed (x or a weight near 1e308: z = ±∞, though a
//! saturating sigmoid keeps the loss finite) is a divergence, said as one; under cross-entropy an output that
//! has rounded to exactly 0 or 1 makes ∂E/∂a overflow while the run goes on (∂E/∂z = a − T is computed
//! directly), and the page writes "overflowed" there, with a note saying why.

use backprop_lab::engine::Spec;
use backprop_lab::labs::two_neuron::{Command, Phase, Session};

#[path = "../common/finite.rs"]
mod finite;

fn spec(last_bias: &str, last_weight: &str, optimizer: &str) -> Spec {
    Spec::from_json(&format!(
        r#"{{"batch_size":2,"data":{{"inputs":[[1,0],[0,1],[1,1]],"targets":[[1],[0],[1]]}},
        "layers":[{{"activation":"leaky_relu","biases":[0.1],"weights":[[0.2,-0.4]]}},
                  {{"activation":"sigmoid","biases":[{last_bias}],"weights":[[{last_weight}]]}}],
        "loss":"binary_cross_entropy","optimizer":{optimizer}}}"#
    ))
    .unwrap()
}

const RMSPROP: &str = r#"{"decay":0.9,"learning_rate":0.05,"name":"rmsprop"}"#;

/// Every operation of the first iteration, the snapshot after each: nothing non-finite unless the run has
/// diverged, and then the message says so.
fn walk(session: &mut Session) -> Vec<String> {
    let mut found = Vec::new();
    for _ in 0..40 {
        let s = session.snapshot();
        if s.diverged.is_none() {
            found.extend(finite::non_finite(&s));
        }
        if session.apply(Command::Step { count: 1 }).is_err() {
            break;
        }
    }
    found
}

#[test]
fn a_forward_value_that_overflowed_is_a_divergence_blamed_on_the_starting_values() {
    let mut session = Session::new(spec("-1", "-1e308", RMSPROP)).unwrap();
    let _ = session.apply(Command::Finish {
        phase: Phase::Forward,
    });
    let s = session.snapshot();
    let diverged = s
        .diverged
        .as_ref()
        .expect("z overflowed: the run has diverged");
    assert!(
        diverged
            .message
            .starts_with("Diverged at iteration 1: the numbers overflowed"),
        "{}",
        diverged.message
    );
    assert!(
        diverged.message.contains("starting values"),
        "{}",
        diverged.message
    );
    assert!(
        !finite::writes_non_finite(&diverged.message),
        "{}",
        diverged.message
    );
    let mut session = Session::new(spec("-1", "-1e308", RMSPROP)).unwrap();
    assert_eq!(walk(&mut session), Vec::<String>::new());
}

#[test]
fn a_saturated_output_under_cross_entropy_shows_overflowed_not_inf_and_says_why() {
    // A bias of 2⁶⁴ saturates the output sigmoid to exactly 1: ∂E/∂a = (1 − T)/(1 − a) divides by 0.
    let mut session = Session::new(spec("18446744073709551615", "2", RMSPROP)).unwrap();
    assert_eq!(walk(&mut session), Vec::<String>::new());
    let mut session = Session::new(spec("18446744073709551615", "2", RMSPROP)).unwrap();
    session
        .apply(Command::Finish {
            phase: Phase::Backward,
        })
        .unwrap();
    let s = session.snapshot();
    assert!(
        s.diverged.is_none(),
        "the run goes on: ∂E/∂z = a − T is finite"
    );
    let output = s.neurons.iter().find(|n| n.layer == 1).unwrap();
    assert_eq!(output.de_da, None);
    assert_eq!(output.overflowed, vec!["de_da"]);
    assert!(output.de_dz.is_some_and(f64::is_finite));
    let note = s.overflow_note.as_deref().expect("a note says why");
    assert!(
        note.contains("overflowed") && note.contains("a − T"),
        "{note}"
    );
    assert!(!finite::writes_non_finite(note), "{note}");
}

#[test]
fn a_saturated_output_in_the_course_chain_writes_overflowed_in_the_chain_rule() {
    // The course's chain under binary cross-entropy, with w₂ = 90 and b₂ = 90: a₂ rounds to exactly 1.
    let mut spec = Spec::two_neuron();
    spec.loss = backprop_lab::engine::loss::Loss::BinaryCrossEntropy;
    spec.layers[1].weights[0][0] = 90.0;
    spec.layers[1].biases[0] = 90.0;
    let mut session = Session::new(spec).unwrap();
    assert_eq!(walk(&mut session), Vec::<String>::new());
    let mut session = Session::new(session.spec().clone()).unwrap();
    session
        .apply(Command::Finish {
            phase: Phase::Backward,
        })
        .unwrap();
    let s = session.snapshot();
    let rule = &s.chain[0];
    assert_eq!(rule.factors[0].value, None);
    assert!(rule.factors[0].overflowed);
    assert!(rule.product.is_none() && rule.product_overflowed);
    assert!(rule.gradient.is_some_and(f64::is_finite));
}
