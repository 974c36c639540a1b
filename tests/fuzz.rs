//! Every parser of untrusted text — spec JSON, typed points, and every lab's link — fed generated inputs:
//! mutations of valid inputs and random text. None may panic, and every refusal must say why.
//!
//! `FUZZ_CASES` sets how many inputs each parser gets (20,000 by default; scripts/test.sh runs a million in
//! release).

use std::panic::{catch_unwind, AssertUnwindSafe};

use backprop_lab::engine::rng::Rng;
use backprop_lab::engine::Spec;
use backprop_lab::labs::descent::link::descent_from_query;
use backprop_lab::labs::descent::parse_points;
use backprop_lab::labs::early_stopping::link::stopping_from_query;
use backprop_lab::labs::losses::link::losses_from_query;
use backprop_lab::labs::playground::link::playground_from_query;
use backprop_lab::labs::two_neuron::link::two_neuron_from_query;
use backprop_lab::labs::vanishing::link::vanishing_from_query;

const TOKENS: [&str; 28] = [
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "-",
    "1e999",
    "-0",
    "NaN",
    "null",
    "true",
    "%",
    "%2",
    "&",
    "=",
    "\n",
    ";",
    "é",
    "∞",
    "0x1",
    "\u{0}",
    "9999999999999999999999",
    "layers",
    "weights",
    "eta=",
    "1e-400",
];

fn cases() -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

/// Cuts at a char boundary at or before `k`.
fn floor(text: &str, k: usize) -> usize {
    (0..=k.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

fn mutate(rng: &mut Rng, corpus: &[&str]) -> String {
    if rng.below(10) == 0 {
        // Random text.
        let length = rng.below(80);
        return (0..length)
            .map(|_| match rng.below(4) {
                0 => char::from(b' ' + rng.below(95) as u8),
                1 => ['{', '}', '[', ']', ',', ':', '"', '=', '&', ';', '%'][rng.below(11)],
                2 => char::from(b'0' + rng.below(10) as u8),
                _ => char::from_u32(rng.below(0x3000) as u32).unwrap_or('?'),
            })
            .collect();
    }
    let mut text = corpus[rng.below(corpus.len())].to_string();
    for _ in 0..1 + rng.below(4) {
        let at = floor(&text, rng.below(text.len() + 1));
        match rng.below(6) {
            0 => text.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
            1 => {
                let end = floor(&text, at + rng.below(12));
                text.replace_range(at..end.max(at), "");
            }
            2 => text.truncate(at),
            3 => {
                let end = floor(&text, at + rng.below(20));
                let piece = text[at..end.max(at)].to_string();
                text.insert_str(at, &piece);
            }
            4 => {
                let other = corpus[rng.below(corpus.len())];
                let cut = floor(other, rng.below(other.len() + 1));
                text.insert_str(at, &other[cut..]);
            }
            _ => {
                let digit = char::from(b'0' + rng.below(10) as u8);
                text.insert(at, digit);
            }
        }
    }
    text
}

/// Feeds `cases()` inputs to `parse`; every outcome is Ok or an Err with a message.
fn fuzz(name: &str, seed: u64, corpus: &[&str], parse: impl Fn(&str) -> Result<(), String>) {
    let mut rng = Rng::new(seed);
    let (mut accepted, mut refused) = (0usize, 0usize);
    for _ in 0..cases() {
        let input = mutate(&mut rng, corpus);
        match catch_unwind(AssertUnwindSafe(|| parse(&input))) {
            Ok(Ok(())) => accepted += 1,
            Ok(Err(message)) => {
                assert!(
                    !message.trim().is_empty(),
                    "{name}: refused {input:?} without a reason"
                );
                refused += 1;
            }
            Err(_) => panic!("{name}: panicked on {input:?}"),
        }
    }
    eprintln!(
        "fuzz {name}: {} inputs, {accepted} accepted, {refused} refused with a reason",
        accepted + refused
    );
}

const SPECS: [&str; 3] = [
    r#"{"layers": [{"weights": [[0.15]], "biases": [0.4], "activation": "sigmoid"}, {"weights": [[0.45]], "biases": [0.65], "activation": "sigmoid"}], "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.4}, "data": {"inputs": [[0.1]], "targets": [[0.25]]}, "batch_size": 1, "steps": 1}"#,
    r#"{"layers": [{"weights": [[1, 2], [3, 4]], "biases": [0, 0], "activation": "tanh"}, {"weights": [[1, -1]], "biases": [0], "activation": "softmax"}], "loss": "cross_entropy", "optimizer": {"name": "adam", "learning_rate": 0.01}, "data": {"inputs": [[1, 2]], "targets": [[1]]}, "shuffle_seed": 3}"#,
    r#"{"layers": [{"weights": [[0.5]], "biases": [0], "activation": "relu", "frozen_biases": true}], "loss": "squared_error", "optimizer": {"name": "momentum", "learning_rate": 0.1, "momentum": 0.5}, "data": {"inputs": [[1], [2]], "targets": [[2], [4]]}, "batch_size": 2, "start_step": 3, "optimizer_state": {"name": "momentum", "buffer": [{"weights": [[0.1]], "biases": [0]}]}}"#,
];

#[test]
fn spec_json() {
    fuzz("spec JSON", 1, &SPECS, |text| {
        Spec::from_json(text).map(|_| ()).map_err(|e| e.to_string())
    });
}

#[test]
fn typed_points() {
    fuzz(
        "points",
        2,
        &[
            "1, 2\n2, 4",
            "0.25; 0.5\n# note\n1.5\t3",
            "-1e3, 2e-3\n\n7 8",
            // As spreadsheets save CSV files: column names, quotes, decimal commas.
            "\"size\",\"price\"\r\n\"1.5\",\"300\"\r\n",
            "x;z\n1,5;2,25\n4\t0,125",
        ],
        |text| parse_points(text).map(|_| ()),
    );
}

#[test]
fn links() {
    fuzz(
        "two-neuron link",
        3,
        &["x=0.1&t=0.25&w1=0.15&b1=0.4&w2=0.45&b2=0.65&eta=0.4&loss=half"],
        |q| two_neuron_from_query(q).map(|_| ()),
    );
    fuzz(
        "descent link",
        4,
        &[
            "eta=0.4&w0=0&b0=0&model=slope&scale=0&data=exact_line&steps=3",
            "eta=0.8&model=bias&points=1:2;2:4%3B3:6",
        ],
        |q| descent_from_query(q).map(|_| ()),
    );
    fuzz(
        "vanishing link",
        5,
        &["depth=8&width=1&act=sigmoid&dying=0&seed=1"],
        |q| vanishing_from_query(q).map(|_| ()),
    );
    fuzz(
        "early-stopping link",
        6,
        &["points=30&noise=0.3&val=33&hidden=16&eta=0.01&patience=200&stop=0&data=1&seed=1&epochs=0"],
        |q| stopping_from_query(q).map(|_| ()),
    );
    fuzz(
        "losses link",
        7,
        &[
            "z=-4&t=1&eta=0.5&its=300",
            "z=%E2%88%926.5&t=0.9&eta=5&its=5000",
        ],
        |q| losses_from_query(q).map(|_| ()),
    );
    fuzz(
        "playground link",
        9,
        &[
            "data=xor&seed=1&noise=0.1&points=500&test=50&features=x1,x2,x1x2&layers=4,2&act=tanh&lr=0.03&opt=sgd&batch=10&reg=l1&rate=0.001&wseed=1&epoch=120",
            "data=bumps&layers=none&batch=all&epoch=3&step=1&edits=a0.5:-1.25:0.3,m4:5.5:-6,r10",
        ],
        |q| playground_from_query(q).map(|_| ()),
    );
}

#[test]
fn softmax_scores() {
    fuzz(
        "softmax scores",
        8,
        &["2, 1, 0.1", "0,5; −1; 2", "1e6 999999", "-3 -2.3 -1.6 -0.9"],
        |text| backprop_lab::labs::vanishing::read_scores(text).map(|_| ()),
    );
}
