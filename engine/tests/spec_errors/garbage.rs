//! Text that is no spec: random edits of the seed, token soup and truncations never panic, and every
//! refusal is in plain words.

#![allow(unused_imports)]
use crate::common::SEED_SPEC;
use crate::{assert_refused, parse_edited, seed};
use backprop_engine::spec::{MAX_LAYERS, MAX_STEPS};
use backprop_engine::{Optimizer, Spec, SpecError, Trainer};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};

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
