//! Shapes, names, unknown fields, activation and loss pairs, data and counts: each refused naming its field.

#![allow(unused_imports)]
use crate::common::SEED_SPEC;
use crate::{assert_refused, parse_edited, seed};
use backprop_engine::spec::{MAX_LAYERS, MAX_STEPS};
use backprop_engine::{Optimizer, Spec, SpecError, Trainer};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};

#[test]
fn shapes_are_checked() {
    assert_refused(
        parse_edited(|v| v["layers"][0]["weights"] = json!([[0.15], [0.2]])),
        "layers[0].weights",
        "two weight rows, one bias",
    );
    assert_refused(
        parse_edited(|v| v["layers"][1]["weights"] = json!([[0.45, 0.1]])),
        "layers[1].weights[0]",
        "two weights from a one-neuron layer",
    );
    assert_refused(
        parse_edited(|v| {
            v["layers"][0]["weights"] = json!([[0.15], [0.2]]);
            v["layers"][0]["biases"] = json!([0.4, 0.1]);
        }),
        "layers[1].weights[0]",
        "layer 0 widened, layer 1 not",
    );
    assert_refused(
        parse_edited(|v| v["layers"][1]["biases"] = json!([])),
        "layers[1].biases",
        "no neurons",
    );
    assert_refused(
        parse_edited(|v| v["layers"][0]["weights"] = json!([[]])),
        "layers[0].weights",
        "no inputs",
    );
    assert_refused(
        parse_edited(|v| v["layers"] = json!([])),
        "layers",
        "no layers",
    );
    let layer = json!({"weights": [[1.0]], "biases": [0.0], "activation": "identity"});
    assert_refused(
        parse_edited(|v| v["layers"] = Value::Array(vec![layer; MAX_LAYERS + 1])),
        "layers",
        "too many layers",
    );
}

#[test]
fn names_are_checked() {
    let e = assert_refused(
        parse_edited(|v| v["layers"][1]["activation"] = json!("swish")),
        "layers[1].activation",
        "unknown activation",
    );
    assert!(e.message.contains("swish"), "{e}");
    let e = assert_refused(
        parse_edited(|v| v["optimizer"]["name"] = json!("adagrad")),
        "optimizer.name",
        "unknown optimizer",
    );
    assert!(e.message.contains("adagrad"), "{e}");
    assert_refused(
        parse_edited(|v| v["loss"] = json!("hinge")),
        "loss",
        "unknown loss",
    );
}

#[test]
fn unknown_fields_are_refused() {
    let e = assert_refused(
        parse_edited(|v| v["epochs"] = json!(3)),
        "epochs",
        "unknown top-level field",
    );
    assert!(e.message.contains("unknown field"), "{e}");
    assert_refused(
        parse_edited(|v| v["layers"][0]["dropout"] = json!(0.5)),
        "layers[0].dropout",
        "unknown layer field",
    );
    assert_refused(
        parse_edited(|v| v["data"]["weights"] = json!([1])),
        "data.weights",
        "unknown data field",
    );
    // The path stops at the optimizer (the field is refused once the name is known); the message names it.
    let e =
        parse_edited(|v| v["optimizer"]["momentum"] = json!(0.9)).expect_err("sgd has no momentum");
    assert!(e.field.starts_with("optimizer"), "{e}");
    assert!(e.message.contains("unknown field “momentum”"), "{e}");
    assert!(e.message.contains("“learning_rate”"), "{e}");
}

#[test]
fn activation_and_loss_combinations_are_checked() {
    assert_refused(
        parse_edited(|v| v["layers"][0]["activation"] = json!("softmax")),
        "layers[0].activation",
        "softmax on a hidden layer",
    );
    assert_refused(
        parse_edited(|v| v["loss"] = json!("cross_entropy")),
        "loss",
        "cross_entropy without softmax",
    );
    assert_refused(
        parse_edited(|v| {
            v["loss"] = json!("binary_cross_entropy");
            v["layers"][1]["activation"] = json!("identity");
        }),
        "loss",
        "binary_cross_entropy on an identity output",
    );
    // The same combinations, made valid, are accepted.
    let ok = parse_edited(|v| {
        v["loss"] = json!("cross_entropy");
        v["layers"][1]["activation"] = json!("softmax");
        v["data"]["targets"] = json!([[1.0]]);
    });
    assert!(ok.is_ok(), "{ok:?}");
    let ok = parse_edited(|v| v["loss"] = json!("binary_cross_entropy"));
    assert!(ok.is_ok(), "{ok:?}");
}

#[test]
fn data_is_checked() {
    assert_refused(
        parse_edited(|v| v["data"]["targets"] = json!([[0.25, 0.5]])),
        "data.targets[0]",
        "target of the wrong length",
    );
    assert_refused(
        parse_edited(|v| v["data"]["targets"] = json!([[0.25], [0.5]])),
        "data.targets",
        "more targets than inputs",
    );
    assert_refused(
        parse_edited(|v| v["data"]["inputs"] = json!([[0.1, 0.2]])),
        "data.inputs[0]",
        "input of the wrong length",
    );
    assert_refused(
        parse_edited(|v| v["data"] = json!({"inputs": [], "targets": []})),
        "data.inputs",
        "no examples",
    );
    assert_refused(
        parse_edited(|v| {
            v["loss"] = json!("binary_cross_entropy");
            v["data"]["targets"] = json!([[1.5]]);
        }),
        "data.targets[0]",
        "binary_cross_entropy target above 1",
    );
    assert_refused(
        parse_edited(|v| {
            v["loss"] = json!("cross_entropy");
            v["layers"][1] =
                json!({"weights": [[0.45], [0.1]], "biases": [0.65, 0.0], "activation": "softmax"});
            v["data"]["targets"] = json!([[0.5, 0.6]]);
        }),
        "data.targets[0]",
        "cross_entropy targets not summing to 1",
    );
}

#[test]
fn counts_are_checked() {
    assert_refused(
        parse_edited(|v| v["batch_size"] = json!(0)),
        "batch_size",
        "batch_size 0",
    );
    assert_refused(
        parse_edited(|v| v["batch_size"] = json!(2)),
        "batch_size",
        "batch bigger than the data",
    );
    assert_refused(
        parse_edited(|v| v["batch_size"] = json!(-1)),
        "batch_size",
        "negative batch_size",
    );
    assert_refused(
        parse_edited(|v| v["steps"] = json!(MAX_STEPS + 1)),
        "steps",
        "too many steps",
    );
    assert!(parse_edited(|v| v["steps"] = json!(MAX_STEPS)).is_ok());
    assert_refused(
        parse_edited(|v| v["shuffle_seed"] = json!(-3)),
        "shuffle_seed",
        "negative seed",
    );
}

/// JSON has no NaN or infinity; a literal too large for f64 is a parse error at the number.
#[test]
fn out_of_range_numbers_are_refused() {
    let text = SEED_SPEC.replacen("0.15", "1e999", 1);
    let e = assert_refused(Spec::from_json(&text), "layers[0].weights[0][0]", "1e999");
    assert!(e.message.contains("out of range"), "{e}");
    let text = SEED_SPEC.replacen("0.25", "-1e400", 1);
    assert_refused(Spec::from_json(&text), "data.targets[0][0]", "-1e400");
    // Large but finite is fine.
    assert!(Spec::from_json(&SEED_SPEC.replacen("0.15", "1e300", 1)).is_ok());
}

#[test]
fn not_a_spec_at_all() {
    for text in ["", "null", "42", "\"spec\"", "{}", "{\"layers\": 3}"] {
        let e = Spec::from_json(text).expect_err(text);
        assert!(!e.message.is_empty(), "{text:?}");
    }
    let e = parse_edited(|v| {
        v.as_object_mut().map(|o| o.remove("data"));
    })
    .expect_err("no data");
    assert_eq!(e.field, "");
    assert!(e.message.contains("data"), "{e}");
}

/// Text after the spec is an error, as `serde_json::from_str` treats it. `Spec::from_json` deserializes from a
/// `Deserializer` without calling `end()`, so `{…} x` (or two specs pasted one after the other) is accepted
/// and the rest silently ignored.
#[test]
fn trailing_text_is_refused() {
    for tail in [" x", " {}", "}", "]", " null", &format!("\n{SEED_SPEC}")] {
        let text = format!("{SEED_SPEC}{tail}");
        assert!(
            Spec::from_json(&text).is_err(),
            "accepted trailing text {tail:?}"
        );
    }
    // Trailing white space is fine.
    assert!(Spec::from_json(&format!("{SEED_SPEC} \n\t")).is_ok());
}

/// `SpecError::field` is documented as a place such as `layers[1].weights[0]`, or empty for the document as a
/// whole. Syntax errors (here: the text cut short right after a `{`) come back with serde_path_to_error's
/// placeholder segment `?` instead, e.g. `optimizer.?` or just `?`, which the page then shows as "?: EOF …".
#[test]
fn error_fields_never_hold_a_placeholder() {
    for (i, _) in SEED_SPEC.char_indices() {
        let e = Spec::from_json(&SEED_SPEC[..i]).expect_err("truncated");
        assert!(
            !e.field.split('.').any(|part| part == "?"),
            "cut at {i}: field {:?} ({})",
            e.field,
            e.message
        );
    }
}
