//! Spec parsing: the seed's text, every kind of malformed spec (each refused with the field at fault), a fuzz
//! property that parsing never panics, and JSON round trips.

mod common;

use backprop_engine::spec::{MAX_LAYERS, MAX_STEPS};
use backprop_engine::Optimizer;
use backprop_engine::Spec;
use backprop_engine::SpecError;
use backprop_engine::Trainer;
use common::SEED_SPEC;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};

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

fn seed() -> Value {
    serde_json::from_str(SEED_SPEC).expect("seed is JSON")
}

/// The seed spec changed by `edit`, parsed.
fn parse_edited(edit: impl FnOnce(&mut Value)) -> Result<Spec, SpecError> {
    let mut v = seed();
    edit(&mut v);
    Spec::from_json(&v.to_string())
}

#[track_caller]
fn assert_refused(result: Result<Spec, SpecError>, field: &str, what: &str) -> SpecError {
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

#[test]
fn round_trip_of_simple_specs() {
    let mut specs = vec![Spec::two_neuron()];
    for optimizer in [
        r#"{"name": "momentum", "learning_rate": 0.1}"#,
        r#"{"name": "rmsprop", "learning_rate": 0.01, "decay": 0.9}"#,
        r#"{"name": "adam", "learning_rate": 0.001, "beta1": 0.8}"#,
    ] {
        let text = SEED_SPEC.replace(r#"{"name": "sgd", "learning_rate": 0.4}"#, optimizer);
        specs.push(Spec::from_json(&text).expect("valid"));
    }
    let mut seeded = Spec::two_neuron();
    seeded.shuffle_seed = Some(u64::MAX);
    seeded.steps = 17;
    specs.push(seeded);
    for spec in specs {
        let text = spec.to_json();
        assert_eq!(Spec::from_json(&text), Ok(spec.clone()), "{text}");
        // Optional fields that are absent stay absent.
        if spec.shuffle_seed.is_none() {
            assert!(!text.contains("shuffle_seed"), "{text}");
        }
        assert!(!text.contains("optimizer_state"), "{text}");
    }
}

/// A spec holding trained parameters and optimizer buffers (what `next_spec` produces) must come back from
/// its JSON exactly: the page exports it and the command line feeds it back to continue a run. serde_json's
/// default float parser is not correctly rounded (it is exact only with its `float_roundtrip` feature), so
/// about one in five f64 values written with 17 significant digits reads back one unit in the last place off.
#[test]
fn round_trip_of_a_trained_spec_is_exact() {
    // Every optimizer, with settings off their defaults, and its state after five steps: the optimizers are
    // written internally tagged and read through one flat struct, so the two must agree field for field.
    for optimizer in [
        Optimizer::Sgd { learning_rate: 0.3 },
        Optimizer::Momentum {
            learning_rate: 0.1,
            momentum: 0.5,
        },
        Optimizer::Rmsprop {
            learning_rate: 0.01,
            decay: 0.9,
            eps: 1e-6,
        },
        Optimizer::Adam {
            learning_rate: 0.05,
            beta1: 0.8,
            beta2: 0.99,
            eps: 1e-7,
        },
    ] {
        let mut spec = common::small_net(4, 2, optimizer);
        spec.shuffle_seed = Some(42);
        let mut trainer = Trainer::new(spec).expect("valid");
        for _ in 0..5 {
            trainer.step();
        }
        let next = trainer.next_spec();
        // Plain SGD remembers nothing, so its spec carries no state.
        let sgd = matches!(optimizer, Optimizer::Sgd { .. });
        assert_eq!(next.optimizer_state.is_some(), !sgd, "{}", optimizer.name());
        let back = Spec::from_json(&next.to_json()).expect("next_spec's JSON is valid");
        assert_eq!(back, next, "{}", optimizer.name());
    }
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

/// Random edits of the seed text: flip, insert or delete bytes, then maybe truncate.
#[derive(Clone, Debug)]
enum Edit {
    Set(usize, u8),
    Insert(usize, u8),
    Delete(usize),
}

fn mutate(edits: &[Edit], cut: Option<usize>) -> String {
    let mut bytes = SEED_SPEC.as_bytes().to_vec();
    for edit in edits {
        let n = bytes.len().max(1);
        match *edit {
            Edit::Set(i, b) if !bytes.is_empty() => bytes[i % n] = b,
            Edit::Insert(i, b) => bytes.insert(i % (n + 1), b),
            Edit::Delete(i) if !bytes.is_empty() => {
                bytes.remove(i % n);
            }
            _ => {}
        }
    }
    if let Some(cut) = cut {
        bytes.truncate(cut % (bytes.len() + 1));
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Bytes that matter to JSON and to this spec's grammar, so mutations often stay near-valid.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        prop::sample::select(b"{}[]:,\"-+.eE0123456789 \\ntfa".to_vec()),
        any::<u8>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), interesting_byte()).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<usize>(), interesting_byte()).prop_map(|(i, b)| Edit::Insert(i, b)),
        any::<usize>().prop_map(Edit::Delete),
    ]
}

/// Fragments that recombine into JSON-like text with the spec's own keys and values.
fn token_soup() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\"layers\"",
        "\"weights\"",
        "\"biases\"",
        "\"activation\"",
        "\"sigmoid\"",
        "\"softmax\"",
        "\"loss\"",
        "\"cross_entropy\"",
        "\"optimizer\"",
        "\"name\"",
        "\"adam\"",
        "\"learning_rate\"",
        "\"data\"",
        "\"inputs\"",
        "\"targets\"",
        "\"batch_size\"",
        "\"steps\"",
        "\"optimizer_state\"",
        "\"m\"",
        "\"v\"",
        "0",
        "1",
        "-1",
        "0.5",
        "1e999",
        "null",
        "true",
        "18446744073709551616",
    ]);
    prop::collection::vec(tokens, 0..60).prop_map(|t| t.concat())
}

fn check_never_panics(text: &str) -> Result<(), TestCaseError> {
    match Spec::from_json(text) {
        Ok(spec) => {
            prop_assert!(spec.validate().is_ok());
            prop_assert!(Trainer::new(spec).is_ok());
        }
        Err(e) => {
            prop_assert!(!e.message.trim().is_empty(), "empty message for {text:?}");
            prop_assert!(!e.to_string().is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config { cases: 2000, failure_persistence: None, ..Config::default() })]

    #[test]
    fn from_json_never_panics_on_arbitrary_strings(text in any::<String>()) {
        check_never_panics(&text)?;
    }

    #[test]
    fn from_json_never_panics_on_mutations_of_the_seed(
        edits in prop::collection::vec(edit(), 0..6),
        cut in prop::option::of(any::<usize>()),
    ) {
        check_never_panics(&mutate(&edits, cut))?;
    }

    #[test]
    fn from_json_never_panics_on_token_soup(text in token_soup()) {
        check_never_panics(&text)?;
    }
}

/// Every truncation of the seed is refused with a message (exhaustive, not sampled).
#[test]
fn every_truncation_is_refused() {
    for (i, _) in SEED_SPEC.char_indices() {
        let e = Spec::from_json(&SEED_SPEC[..i]).expect_err("truncated spec");
        assert!(!e.message.is_empty());
    }
}

#[test]
fn relu_of_negative_zero_is_positive_zero() {
    // The same bits natively and in WebAssembly (tests/web.rs checks there), where `f64::max` differs.
    assert_eq!(
        backprop_engine::Activation::Relu.value(-0.0).to_bits(),
        0.0f64.to_bits()
    );
}

/// Refusals are in words for people who never met Rust or serde, and a trace (the "every value" export)
/// imported by mistake is named as such.
#[test]
fn refusals_are_in_plain_words() {
    let message = |text: &str| Spec::from_json(text).unwrap_err().to_string();
    let list = message("[]");
    assert!(list.starts_with("expected a spec (a JSON object"), "{list}");
    assert!(list.contains("found a list"), "{list}");
    assert!(
        message("null").contains("found null"),
        "{}",
        message("null")
    );
    let missing = message("{}");
    assert!(missing.contains("“layers” is missing"), "{missing}");
    let loss = message(&SEED_SPEC.replacen("half_squared_error", "cubic", 1));
    assert!(
        loss.starts_with("loss: “cubic” is not one of “half_squared_error”"),
        "{loss}"
    );
    let name = message(&SEED_SPEC.replacen("\"sgd\"", "true", 1));
    assert!(
        name.contains("expected a name in quotes, found true"),
        "{name}"
    );
    for text in [&list, &missing, &loss, &name] {
        assert!(!text.contains('`') && !text.contains("struct"), "{text}");
    }
    let mut trainer = backprop_engine::Trainer::new(Spec::two_neuron()).unwrap();
    let trace = serde_json::to_string_pretty(&trainer.step()).unwrap();
    let refused = message(&trace);
    assert!(refused.contains("“every value” export"), "{refused}");
}
