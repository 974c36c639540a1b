//! The optimizer's settings and its state, field by field.

#![allow(unused_imports)]
use crate::common::SEED_SPEC;
use crate::{assert_refused, parse_edited, seed};
use backprop_engine::spec::{MAX_LAYERS, MAX_STEPS};
use backprop_engine::{Optimizer, Spec, SpecError, Trainer};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};

#[test]
fn optimizer_settings_are_checked() {
    for lr in [json!(-0.4), json!(0.0)] {
        assert_refused(
            parse_edited(|v| v["optimizer"]["learning_rate"] = lr.clone()),
            "optimizer.learning_rate",
            "learning rate not positive",
        );
    }
    assert_refused(
        parse_edited(|v| {
            v["optimizer"] = json!({"name": "momentum", "learning_rate": 0.1, "momentum": 1.0})
        }),
        "optimizer.momentum",
        "momentum 1",
    );
    assert_refused(
        parse_edited(|v| {
            v["optimizer"] = json!({"name": "rmsprop", "learning_rate": 0.1, "decay": -0.1})
        }),
        "optimizer.decay",
        "negative decay",
    );
    assert_refused(
        parse_edited(|v| {
            v["optimizer"] = json!({"name": "adam", "learning_rate": 0.1, "beta2": 1.5})
        }),
        "optimizer.beta2",
        "beta2 above 1",
    );
    assert_refused(
        parse_edited(|v| {
            v["optimizer"] = json!({"name": "adam", "learning_rate": 0.1, "eps": 0.0})
        }),
        "optimizer.eps",
        "eps 0",
    );
    let e =
        parse_edited(|v| v["optimizer"]["learning_rate"] = json!("fast")).expect_err("a string");
    assert!(e.field.starts_with("optimizer"), "{e}");
    let e = parse_edited(|v| {
        v["optimizer"]
            .as_object_mut()
            .map(|o| o.remove("learning_rate"));
    })
    .expect_err("missing learning rate");
    assert!(e.message.contains("learning_rate"), "{e}");
}

/// A setting given as null is refused, not read as "left out" (which would quietly give the default), and an
/// unknown setting says which settings go with which optimizer.
#[test]
fn optimizer_settings_given_as_null_or_unknown_are_refused() {
    let e = parse_edited(|v| {
        v["optimizer"] = json!({"name": "momentum", "learning_rate": 0.1, "momentum": null})
    })
    .unwrap_err();
    assert_eq!(e.field, "optimizer.momentum", "{e}");
    assert!(e.message.contains("found null"), "{e}");
    assert!(parse_edited(|v| v["optimizer"]["momentum"] = json!(null)).is_err());
    let e = parse_edited(|v| v["optimizer_state"] = json!({"name": "sgd", "buffer": null}))
        .unwrap_err();
    assert!(e.field.starts_with("optimizer_state"), "{e}");
    let e = parse_edited(|v| v["optimizer"]["foo"] = json!(1)).unwrap_err();
    assert_eq!(e.field, "optimizer.foo", "{e}");
    assert!(
        e.message
            .contains("sgd takes learning_rate; momentum also momentum"),
        "{e}"
    );
}

/// A state is refused when it lacks a field of its optimizer or carries another optimizer's, naming it.
#[test]
fn optimizer_states_are_checked_field_by_field() {
    let with_state = |optimizer: Value, state: Value| {
        parse_edited(|v| {
            v["optimizer"] = optimizer;
            v["optimizer_state"] = state;
        })
    };
    let adam = json!({"name": "adam", "learning_rate": 0.1});
    let zeros =
        json!([{"weights": [[0.0]], "biases": [0.0]}, {"weights": [[0.0]], "biases": [0.0]}]);
    assert!(with_state(
        adam.clone(),
        json!({"name": "adam", "steps": 2, "m": zeros, "v": zeros})
    )
    .is_ok());
    let e = with_state(
        adam.clone(),
        json!({"name": "adam", "steps": 2, "m": zeros}),
    )
    .unwrap_err();
    assert!(
        e.field.starts_with("optimizer_state") && e.message.contains("“v” is missing"),
        "{e}"
    );
    let e = with_state(
        adam,
        json!({"name": "adam", "steps": 2, "m": zeros, "v": zeros, "buffer": zeros}),
    )
    .unwrap_err();
    assert!(e.message.contains("unknown field “buffer”"), "{e}");
    assert!(e.message.contains("“steps”, “m”, “v”"), "{e}");
    let sgd = json!({"name": "sgd", "learning_rate": 0.1});
    let e = with_state(sgd, json!({"name": "sgd", "steps": 1})).unwrap_err();
    assert!(
        e.message.contains("“steps”: sgd has nothing but its name"),
        "{e}"
    );
    assert!(!e.message.contains('`'), "{e}");
}
