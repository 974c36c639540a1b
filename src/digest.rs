//! A digest of every lab's numbers for a few seeded setups: a test aid, like the engine's
//! `workloads::fingerprint`. tests/lab_digest.rs checks it natively and tests/web.rs in WebAssembly, against
//! the constants in engine/tests/common/digest.rs, so the labs must compute the same bits on both.
//!
//! Each setup is opened by its link, as the page would, driven by a few commands, and every snapshot on the
//! way is read: all of its numbers, the ones the page is sent and the ones only the views read (the cost
//! grid, the curves, the races). The numbers are taken from the snapshot's `Debug` text, which writes each
//! f64 as the shortest decimal that reads back to the same bits, and every field, serialised or not. Text
//! in quotes (sentences, names) is left out: a reworded sentence does not move the digest, a changed number
//! does.
//!
//! It lives outside `labs` because it uses every lab, which no lab and nothing in `shared` may.

use std::fmt::Debug;

use crate::engine::{Activation, Data, Layer, Loss, Optimizer, Spec};
use crate::labs::descent::{DescentCommand, DescentLab, DescentSetup};
use crate::labs::early_stopping::{StoppingCommand, StoppingLab, StoppingSetup};
use crate::labs::losses::{LossSetup, LossesCommand, LossesLab};
use crate::labs::two_neuron::{Command, Phase, Session};
use crate::labs::vanishing::{ChainSetup, VanishingCommand, VanishingLab};

/// The labs, in the order `lab_digests` gives them.
pub const LABS: [&str; 5] = [
    "two_neuron",
    "descent",
    "vanishing",
    "early_stopping",
    "losses",
];

/// One digest per lab, named as in `LABS`.
pub fn lab_digests() -> [(&'static str, u64); 5] {
    [
        (LABS[0], two_neuron()),
        (LABS[1], descent()),
        (LABS[2], vanishing()),
        (LABS[3], early_stopping()),
        (LABS[4], losses()),
    ]
}

/// One lab's digest, by its name in `LABS` (the browser test checks one lab at a time, so that no single test
/// keeps the page busy long enough for the test driver to give up on it).
pub fn lab_digest(lab: &str) -> Option<u64> {
    Some(match lab {
        "two_neuron" => two_neuron(),
        "descent" => descent(),
        "vanishing" => vanishing(),
        "early_stopping" => early_stopping(),
        "losses" => losses(),
        _ => return None,
    })
}

/// FNV-1a over the numbers of everything fed to it.
struct Digest(u64);

impl Digest {
    fn new() -> Digest {
        Digest(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Every number in `value`'s Debug text, in order, each followed by a separator; text in quotes skipped.
    fn numbers(&mut self, value: &impl Debug) {
        for number in numbers_in(&format!("{value:?}")) {
            self.bytes(number.as_bytes());
            self.bytes(b";");
        }
    }

    /// A refusal counts too (so a setup that stops being valid moves the digest), by its place, not its words.
    fn outcome<T>(&mut self, result: Result<T, String>) {
        self.bytes(if result.is_ok() { b"ok;" } else { b"refused;" });
    }
}

/// The numbers of a Debug text: integers, decimals, exponents, `NaN` and `inf`, outside quoted text. Names
/// (fields, variants) are skipped, digits in them included (`w0`, `beta1`).
pub fn numbers_in(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut k = 0;
    while k < bytes.len() {
        let c = bytes[k];
        if c == b'"' {
            // A Debug string: skip to its closing quote, past escaped characters.
            k += 1;
            while k < bytes.len() && bytes[k] != b'"' {
                k += if bytes[k] == b'\\' { 2 } else { 1 };
            }
            k += 1;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = k;
            while k < bytes.len() && (bytes[k].is_ascii_alphanumeric() || bytes[k] == b'_') {
                k += 1;
            }
            let word = &text[start..k];
            if word == "NaN" || word == "inf" {
                found.push(word);
            }
        } else if c.is_ascii_digit()
            || (c == b'-' && bytes.get(k + 1).is_some_and(u8::is_ascii_digit))
        {
            let start = k;
            k += 1;
            while k < bytes.len()
                && (bytes[k].is_ascii_digit()
                    || bytes[k] == b'.'
                    || bytes[k] == b'e'
                    || (bytes[k] == b'-' && bytes[k - 1] == b'e'))
            {
                k += 1;
            }
            found.push(&text[start..k]);
        } else if c == b'-' && text[k + 1..].starts_with("inf") {
            found.push("-inf");
            k += 4;
        } else {
            k += 1;
        }
    }
    found
}

fn two_neuron() -> u64 {
    let mut d = Digest::new();
    // The course's example one operation at a time through the first iteration, then fifty iterations.
    let mut session = Session::two_neuron();
    d.numbers(&session.snapshot());
    for _ in 0..14 {
        d.outcome(session.apply(Command::Step { count: 1 }));
        d.numbers(&session.snapshot());
    }
    d.outcome(session.apply(Command::RunIterations { count: 50 }));
    d.numbers(&session.snapshot());
    d.numbers(&session.loss_curve());
    d.numbers(&session.gradient_check());
    // A link's setup with the plain squared error, stopped half-way through a backward pass.
    let mut linked = Session::two_neuron();
    d.outcome(
        linked.open_link("x=0.5&t=0.9&w1=-1.2&b1=0.3&w2=2&b2=-0.5&eta=0.8&loss=squared&it=4&op=5"),
    );
    d.numbers(&linked.snapshot());
    d.outcome(linked.apply(Command::Finish {
        phase: Phase::Backward,
    }));
    d.numbers(&linked.snapshot());
    // An imported 2-2-1 network: leaky ReLU into a sigmoid, trained by RMSprop; and the same shape with ReLU
    // and momentum.
    for (hidden, optimizer) in [
        (
            Activation::LeakyRelu,
            Optimizer::Rmsprop {
                learning_rate: 0.05,
                decay: 0.9,
                eps: 1e-8,
            },
        ),
        (Activation::Relu, Optimizer::momentum(0.3)),
    ] {
        let Ok(mut session) = Session::new(small_spec(hidden, optimizer)) else {
            d.bytes(b"refused;");
            continue;
        };
        d.outcome(session.apply(Command::RunIterations { count: 12 }));
        d.outcome(session.apply(Command::Finish {
            phase: Phase::Update,
        }));
        d.numbers(&session.snapshot());
    }
    d.0
}

/// 2-2-1 on two examples, batches of two.
fn small_spec(hidden: Activation, optimizer: Optimizer) -> Spec {
    let layer = |weights: Vec<Vec<f64>>, biases: Vec<f64>, activation| Layer {
        weights,
        biases,
        activation,
        frozen_biases: false,
    };
    Spec {
        layers: vec![
            layer(
                vec![vec![0.4, -0.7], vec![-0.3, 0.9]],
                vec![0.1, -0.05],
                hidden,
            ),
            layer(vec![vec![1.1, -0.6]], vec![0.2], Activation::Sigmoid),
        ],
        loss: Loss::BinaryCrossEntropy,
        optimizer,
        data: Data {
            inputs: vec![vec![1.0, -0.5], vec![-0.25, 2.0]],
            targets: vec![vec![1.0], vec![0.0]],
        },
        batch_size: 2,
        steps: 1,
        start_step: 0,
        shuffle_seed: None,
        optimizer_state: None,
    }
}

fn descent() -> u64 {
    let mut d = Digest::new();
    let links = [
        // Converging, then a step back.
        "eta=0.4&w0=0&b0=0&model=slope&scale=0&data=exact_line&steps=5",
        // A bowl in (w, b), standardised x, mini-batches of four.
        "eta=0.3&w0=-1&b0=2&model=bias&scale=1&data=noisy_line&batch=4&steps=12",
        // Far from zero and too fast: the run diverges and stops.
        "eta=0.05&w0=0&b0=0&model=bias&scale=0&data=far_from_zero&steps=30",
        // The course's two points, bouncing at η = 1/m, on typed points with outliers.
        "eta=0.4&model=slope&data=seed_points&steps=4",
        "eta=0.1&model=bias&points=1:2;2:4.5;3:5.5;4:9;5:-3&steps=7",
    ];
    for link in links {
        let Ok(mut lab) = DescentLab::new(DescentSetup::default()) else {
            d.bytes(b"refused;");
            continue;
        };
        d.outcome(lab.open_link(link));
        d.numbers(&lab.snapshot());
        d.outcome(lab.apply(DescentCommand::Step { count: -1 }));
        d.outcome(lab.apply(DescentCommand::Step { count: 2 }));
        d.numbers(&lab.snapshot());
    }
    d.0
}

fn vanishing() -> u64 {
    let mut d = Digest::new();
    let links = [
        "depth=8&width=1&act=sigmoid&dying=0&seed=1",
        "depth=12&width=3&act=tanh&dying=0&seed=7&rate=0.2",
        "depth=6&width=2&act=relu&dying=1&seed=3",
        "depth=5&width=1&act=leaky_relu&dying=0&seed=11",
    ];
    for link in links {
        let Ok(mut lab) = VanishingLab::new(ChainSetup::default()) else {
            d.bytes(b"refused;");
            continue;
        };
        d.outcome(lab.open_link(link));
        d.numbers(&lab.snapshot());
        d.outcome(lab.apply(VanishingCommand::Reveal { count: -3 }));
        d.outcome(lab.apply(VanishingCommand::SetGalleryZ { z: -2.5 }));
        d.outcome(lab.apply(VanishingCommand::SetScores {
            text: "3, -1, 0.5, 2".into(),
        }));
        d.outcome(lab.apply(VanishingCommand::SetTemperature { temperature: 0.5 }));
        d.numbers(&lab.snapshot());
    }
    d.0
}

fn early_stopping() -> u64 {
    let mut d = Digest::new();
    let runs = [
        ("points=30&noise=0.3&val=33&hidden=16&eta=0.01&patience=200&stop=0&data=1&seed=1", 400),
        (
            "points=60&noise=0.2&val=25&hidden=8&eta=0.02&l2=0.001&patience=40&delta=0.001&stop=1&data=4&seed=9",
            600,
        ),
    ];
    for (link, epochs) in runs {
        let Ok(mut lab) = StoppingLab::new(StoppingSetup::default()) else {
            d.bytes(b"refused;");
            continue;
        };
        d.outcome(lab.open_link(link));
        d.outcome(lab.apply(StoppingCommand::Train { epochs }));
        d.numbers(&lab.snapshot());
        d.outcome(lab.apply(StoppingCommand::SetPatience { patience: 25 }));
        d.numbers(&lab.snapshot());
    }
    d.0
}

fn losses() -> u64 {
    let mut d = Digest::new();
    for link in [
        "z=-4&t=1&eta=0.5&its=300",
        "z=3&t=0.2&eta=2&its=1000",
        "z=-6.5&t=0.9&eta=5&its=5000",
    ] {
        let Ok(mut lab) = LossesLab::new(LossSetup::default()) else {
            d.bytes(b"refused;");
            continue;
        };
        d.outcome(lab.open_link(link));
        d.numbers(&lab.snapshot());
        d.outcome(lab.apply(LossesCommand::SetZ { z: 0.75 }));
        d.numbers(&lab.snapshot());
    }
    d.0
}
