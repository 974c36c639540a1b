//! The inputs: made from seed inputs by edits that know their shape, and by blind edits of the text.

use serde_json::Value;

use backprop_lab::engine::rng::Rng;

pub fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len())]
}

/// Pieces that break parsers: JSON and query punctuation, numbers out of range, odd characters.
pub const TOKENS: [&str; 30] = [
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
    "%zz",
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
    "+",
];

/// Numbers as links and fields may hold them, the edges included.
pub const NUMBERS: [&str; 40] = [
    "0",
    "1",
    "-1",
    "0.5",
    "2",
    "3",
    "7",
    "10",
    "12",
    "20",
    "33",
    "64",
    "100",
    "200",
    "1000",
    "3000",
    "5000",
    "0.001",
    "1e-3",
    "2.5e2",
    "1e308",
    "-1e308",
    "1e999",
    "-0",
    "−2",
    "%E2%88%921.5",
    "0,5",
    "4.9e-324",
    "NaN",
    "inf",
    "18446744073709551616",
    "007",
    "+1",
    ".5",
    "5.",
    "1_000",
    "0x10",
    "",
    "abc",
    "%20",
];

/// A number drawn at random: a small integer, a decimal, or a power of ten, either sign.
pub fn random_number(rng: &mut Rng) -> String {
    let sign = if rng.below(4) == 0 { "-" } else { "" };
    match rng.below(4) {
        0 => format!("{sign}{}", rng.below(300)),
        1 => format!("{sign}{}", rng.below(20_000) as f64 / 1000.0),
        2 => format!("{sign}{}e{}", 1 + rng.below(9), rng.below(40) as i64 - 20),
        _ => format!("{sign}0.{:03}", rng.below(1000)),
    }
}

/// Blind edits of the text: insert a token, cut, truncate, repeat a piece, splice in another seed, a digit.
pub fn edit(rng: &mut Rng, text: &mut String, corpus: &[&str]) {
    let floor = |text: &str, k: usize| {
        (0..=k.min(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0)
    };
    let at = floor(text, rng.below(text.len() + 1));
    match rng.below(6) {
        0 => text.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
        1 => {
            let end = floor(text, at + rng.below(12));
            text.replace_range(at..end.max(at), "");
        }
        2 => text.truncate(at),
        3 => {
            let end = floor(text, at + rng.below(20));
            let piece = text[at..end.max(at)].to_string();
            text.insert_str(at, &piece);
        }
        4 => {
            let other = pick(rng, corpus);
            let cut = floor(other, rng.below(other.len() + 1));
            text.insert_str(at, &other[cut..]);
        }
        _ => text.insert(at, char::from(b'0' + rng.below(10) as u8)),
    }
}

pub fn random_text(rng: &mut Rng) -> String {
    (0..rng.below(80))
        .map(|_| match rng.below(4) {
            0 => char::from(b' ' + rng.below(95) as u8),
            1 => ['{', '}', '[', ']', ',', ':', '"', '=', '&', ';', '%'][rng.below(11)],
            2 => char::from(b'0' + rng.below(10) as u8),
            _ => char::from_u32(rng.below(0x3000) as u32).unwrap_or('?'),
        })
        .collect()
}

/// Words a link's value may be: every lab's named choices, and near misses.
pub const WORDS: [&str; 16] = [
    "slope",
    "bias",
    "exact_line",
    "noisy_line",
    "seed_points",
    "outliers",
    "far_from_zero",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "identity",
    "half",
    "squared",
    "Sigmoid",
    "true",
];

/// A link made from one of `seeds` by edits of its `key=value` parts (a value replaced, a part dropped,
/// repeated or swapped, a key from another lab added) and, now and then, of its text.
pub fn link(rng: &mut Rng, seeds: &[&str], keys: &[&str]) -> String {
    if rng.below(40) == 0 {
        return random_text(rng);
    }
    let seed = pick(rng, seeds);
    let mut parts: Vec<String> = seed.split('&').map(String::from).collect();
    for _ in 0..1 + rng.below(2) {
        let k = rng.below(parts.len().max(1));
        match rng.below(14) {
            0..=8 if !parts.is_empty() => {
                let (key, old) = parts[k].split_once('=').unwrap_or((&parts[k], ""));
                let (key, old) = (key.to_string(), old.to_string());
                let value = match rng.below(8) {
                    0 => pick(rng, &NUMBERS).to_string(),
                    1 => random_number(rng),
                    2 => pick(rng, &WORDS).to_string(),
                    // Near the value it had: most stay in range, some step over an edge.
                    3..=5 => match old.parse::<f64>() {
                        Ok(v) => {
                            let factor = [0.5, 2.0, 0.9, 1.1, 0.1, 10.0, 0.0, -1.0][rng.below(8)];
                            let near = v * factor + [0.0, 1.0, -1.0][rng.below(3)];
                            if v.fract() == 0.0 {
                                near.round().to_string()
                            } else {
                                near.to_string()
                            }
                        }
                        Err(_) => old.clone(),
                    },
                    // The same key's value in another seed.
                    _ => seeds
                        .iter()
                        .flat_map(|s| s.split('&'))
                        .filter_map(|p| p.split_once('='))
                        .filter(|(other, _)| *other == key)
                        .map(|(_, v)| v.to_string())
                        .nth(rng.below(3))
                        .unwrap_or_default(),
                };
                parts[k] = format!("{key}={value}");
            }
            9 if !parts.is_empty() => {
                parts.remove(k);
            }
            10 if !parts.is_empty() => {
                let copy = parts[k].clone();
                parts.push(copy);
            }
            11 => {
                let key = pick(rng, keys);
                let value = random_number(rng);
                parts.insert(k.min(parts.len()), format!("{key}={value}"));
            }
            12 if parts.len() > 1 => {
                let j = rng.below(parts.len());
                parts.swap(k, j);
            }
            _ => {
                let mut text = parts.join("&");
                edit(rng, &mut text, seeds);
                parts = text.split('&').map(String::from).collect();
            }
        }
    }
    parts.join("&")
}

pub const SPECS: [&str; 5] = [
    r#"{"layers": [{"weights": [[0.15]], "biases": [0.4], "activation": "sigmoid"}, {"weights": [[0.45]], "biases": [0.65], "activation": "sigmoid"}], "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.4}, "data": {"inputs": [[0.1]], "targets": [[0.25]]}, "batch_size": 1, "steps": 1}"#,
    r#"{"layers": [{"weights": [[1, 2], [3, 4]], "biases": [0, 0], "activation": "tanh"}, {"weights": [[1, -1], [0.5, 0.5]], "biases": [0, 0], "activation": "softmax"}], "loss": "cross_entropy", "optimizer": {"name": "adam", "learning_rate": 0.01}, "data": {"inputs": [[1, 2], [0, -1]], "targets": [[1, 0], [0, 1]]}, "batch_size": 2, "shuffle_seed": 3}"#,
    r#"{"layers": [{"weights": [[0.5]], "biases": [0], "activation": "relu", "frozen_biases": true}], "loss": "squared_error", "optimizer": {"name": "momentum", "learning_rate": 0.1, "momentum": 0.5}, "data": {"inputs": [[1], [2]], "targets": [[2], [4]]}, "batch_size": 2, "start_step": 3, "optimizer_state": {"name": "momentum", "buffer": [{"weights": [[0.1]], "biases": [0]}]}}"#,
    r#"{"layers": [{"weights": [[0.2, -0.4]], "biases": [0.1], "activation": "leaky_relu"}, {"weights": [[2]], "biases": [-1], "activation": "sigmoid"}], "loss": "binary_cross_entropy", "optimizer": {"name": "rmsprop", "learning_rate": 0.05, "decay": 0.9}, "data": {"inputs": [[1, 0], [0, 1], [1, 1]], "targets": [[1], [0], [1]]}, "batch_size": 2}"#,
    r#"{"layers": [{"weights": [[1]], "biases": [0], "activation": "identity"}], "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.5}, "data": {"inputs": [[3]], "targets": [[1]]}, "steps": 4}"#,
];

/// A spec made from a seed by edits of its JSON tree (a number, a name, a list or an object changed) and,
/// now and then, of its text.
pub fn spec_text(rng: &mut Rng) -> String {
    if rng.below(40) == 0 {
        return random_text(rng);
    }
    let mut tree: Value = serde_json::from_str(pick(rng, &SPECS)).unwrap();
    for _ in 0..1 + rng.below(2) {
        // Down a random path, as a JSON pointer: most often to a leaf (a number, a name), else stopping at a
        // list or an object on the way.
        let mut pointer = String::new();
        let depth = if rng.below(3) > 0 { 12 } else { rng.below(6) };
        for _ in 0..depth {
            let step = match tree.pointer(&pointer) {
                Some(Value::Array(items)) if !items.is_empty() => {
                    rng.below(items.len()).to_string()
                }
                Some(Value::Object(fields)) if !fields.is_empty() => {
                    let key = fields.keys().nth(rng.below(fields.len())).unwrap();
                    key.replace('~', "~0").replace('/', "~1")
                }
                _ => break,
            };
            pointer = format!("{pointer}/{step}");
        }
        if let Some(node) = tree.pointer_mut(&pointer) {
            mutate_node(rng, node);
        }
    }
    let mut text = tree.to_string();
    if rng.below(6) == 0 {
        edit(rng, &mut text, &SPECS);
    }
    text
}

pub fn mutate_node(rng: &mut Rng, node: &mut Value) {
    const NAMES: [&str; 16] = [
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "softmax",
        "identity",
        "half_squared_error",
        "squared_error",
        "binary_cross_entropy",
        "cross_entropy",
        "sgd",
        "momentum",
        "rmsprop",
        "adam",
        "",
        "Tanh",
    ];
    const FIELDS: [&str; 12] = [
        "steps",
        "batch_size",
        "shuffle_seed",
        "start_step",
        "frozen_biases",
        "momentum",
        "decay",
        "eps",
        "beta1",
        "learning_rate",
        "weights",
        "unknown",
    ];
    let number = |rng: &mut Rng| -> Value {
        match rng.below(4) {
            0 => serde_json::json!(rng.below(5)),
            1 => serde_json::json!(
                [0.0, -0.0, 1e308, -1e308, 5e-324, 1e-3, 0.999, 1e6][rng.below(8)]
            ),
            2 => serde_json::json!(rng.below(2_000) as f64 / 100.0 - 10.0),
            _ => serde_json::json!([u64::MAX, 1 << 40, 100_000][rng.below(3)]),
        }
    };
    match node {
        // Near the value it had, most of the time: most stay valid, and the spec goes on into the lab.
        Value::Number(n) if rng.below(3) > 0 => {
            let v = n.as_f64().unwrap_or(0.0);
            let near = v * [0.5, 2.0, -1.0, 1.5, 0.1, 10.0, 0.0][rng.below(7)]
                + rng.below(2_000) as f64 / 1000.0
                - 1.0;
            *node = serde_json::json!(if n.is_f64() { near } else { near.round().abs() });
        }
        Value::Number(_) | Value::Null | Value::Bool(_) => {
            *node = if rng.below(8) == 0 {
                serde_json::json!(pick(rng, &NAMES))
            } else {
                number(rng)
            }
        }
        Value::String(_) => *node = serde_json::json!(pick(rng, &NAMES)),
        Value::Array(items) => match rng.below(4) {
            0 if !items.is_empty() => {
                items.remove(rng.below(items.len()));
            }
            1 if !items.is_empty() => {
                let copy = items[rng.below(items.len())].clone();
                items.push(copy);
            }
            2 => items.clear(),
            _ => items.push(number(rng)),
        },
        Value::Object(fields) => {
            if rng.below(2) == 0 && !fields.is_empty() {
                let key = fields.keys().nth(rng.below(fields.len())).unwrap().clone();
                fields.remove(&key);
            } else {
                fields.insert(pick(rng, &FIELDS).to_string(), number(rng));
            }
        }
    }
}

pub const POINTS: [&str; 5] = [
    "1, 2\n2, 4",
    "0.25; 0.5\n# note\n1.5\t3",
    "-1e3, 2e-3\n\n7 8",
    // As spreadsheets save CSV files: column names, quotes, decimal commas.
    "\"size\",\"price\"\r\n\"1.5\",\"300\"\r\n",
    "x;z\n1,5;2,25\n4\t0,125",
];

/// Points: lines of pairs in the ways people and spreadsheets write them, or a seed edited blindly.
pub fn points_text(rng: &mut Rng) -> String {
    if rng.below(3) == 0 {
        let mut text = pick(rng, &POINTS).to_string();
        for _ in 0..1 + rng.below(3) {
            edit(rng, &mut text, &POINTS);
        }
        return text;
    }
    let number = |rng: &mut Rng| {
        if rng.below(3) == 0 {
            pick(rng, &NUMBERS).replace("%E2%88%92", "−")
        } else {
            random_number(rng)
        }
    };
    (0..rng.below(7))
        .map(|_| {
            let (a, b) = (number(rng), number(rng));
            match rng.below(10) {
                0 => format!("{a}; {}", b.replace('.', ",")),
                1 => format!("{a}\t{b}"),
                2 => format!("{a} {b}"),
                3 => format!("\"{a}\",\"{b}\""),
                4 => "# a comment".into(),
                5 => String::new(),
                6 => format!("{a}, {b}, {}", number(rng)),
                _ => format!("{a}, {b}"),
            }
        })
        .collect::<Vec<_>>()
        .join(if rng.below(4) == 0 { "\r\n" } else { "\n" })
}

pub const SCORES: [&str; 5] = [
    "2, 1, 0.1",
    "0,5; −1; 2",
    "1e6 999999",
    "-3 -2.3 -1.6 -0.9",
    "0",
];

/// Scores: numbers joined as people type them, or a seed edited blindly.
pub fn scores_text(rng: &mut Rng) -> String {
    if rng.below(3) == 0 {
        let mut text = pick(rng, &SCORES).to_string();
        for _ in 0..1 + rng.below(3) {
            edit(rng, &mut text, &SCORES);
        }
        return text;
    }
    let semicolons = rng.below(3) == 0;
    (0..1 + rng.below(6))
        .map(|_| {
            let n = if rng.below(3) == 0 {
                pick(rng, &NUMBERS).replace("%E2%88%92", "−")
            } else {
                random_number(rng)
            };
            if semicolons {
                n.replace('.', ",")
            } else {
                n
            }
        })
        .collect::<Vec<_>>()
        .join(if semicolons { "; " } else { ", " })
}
