//! Spec parsing: the seed's text, every kind of malformed spec (each refused with the field at fault), the
//! optimizer's settings and state, JSON round trips, and a fuzz property that parsing never panics.

#[path = "../common/mod.rs"]
mod common;

mod fields;
mod garbage;
mod optimizer;
mod round_trip;

use backprop_engine::{Spec, SpecError};
use common::SEED_SPEC;
use serde_json::Value;

#[test]
fn seed_text_is_the_two_neuron_example() {
    let spec = Spec::from_json(SEED_SPEC).expect("the seed's spec is valid");
    assert_eq!(spec, Spec::two_neuron());
    // And the copy shipped in examples/.
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/two_neuron.json"
    ))
    .expect("examples/two_neuron.json");
    assert_eq!(Spec::from_json(&shipped), Ok(Spec::two_neuron()));
}

#[test]
fn defaults_fill_the_optional_fields() {
    let spec = Spec::from_json(
        r#"{"layers": [{"weights": [[1.0]], "biases": [0.0], "activation": "tanh"}],
            "loss": "squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.1},
            "data": {"inputs": [[1.0], [2.0]], "targets": [[0.5], [0.0]]}}"#,
    )
    .expect("valid");
    assert_eq!(spec.batch_size, 1);
    assert_eq!(spec.steps, 1);
    assert_eq!(spec.shuffle_seed, None);
    assert_eq!(spec.optimizer_state, None);
}

pub(crate) fn seed() -> Value {
    serde_json::from_str(SEED_SPEC).expect("seed is JSON")
}

/// The seed spec changed by `edit`, parsed.
pub(crate) fn parse_edited(edit: impl FnOnce(&mut Value)) -> Result<Spec, SpecError> {
    let mut v = seed();
    edit(&mut v);
    Spec::from_json(&v.to_string())
}

#[track_caller]
pub(crate) fn assert_refused(
    result: Result<Spec, SpecError>,
    field: &str,
    what: &str,
) -> SpecError {
    match result {
        Ok(spec) => panic!("{what}: accepted {spec:?}"),
        Err(e) => {
            assert_eq!(e.field, field, "{what}: wrong field ({e})");
            assert!(!e.message.is_empty(), "{what}: empty message");
            // Display puts the field first.
            let shown = e.to_string();
            assert!(
                shown.starts_with(field) && shown.contains(&e.message),
                "{what}: {shown}"
            );
            e
        }
    }
}
