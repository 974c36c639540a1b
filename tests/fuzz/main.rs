//! Every parser of untrusted text — spec JSON, typed points, softmax scores and the five labs' links — fed
//! generated inputs, and every input it accepts taken on into its lab, as the page would.
//!
//! - Inputs are made from several seed inputs per parser, by mutations that know the input's shape (a link's
//!   `key=value` parts, a spec's JSON tree, lines of numbers) and by blind edits of the text; each input is
//!   tried once (repeats are drawn again and counted).
//! - None may panic, in the parser or in the lab after it.
//! - A refusal names what is at fault: the link's setting (its key, or the words its message uses for it),
//!   the spec's field, the points' line, the score that is not a number.
//! - An accepted link opens its lab (`open_link`) and takes a few commands; an accepted spec is imported into
//!   the two-neuron lab and trained a step; accepted points and scores go into their labs. After each, the
//!   snapshot the page would be sent holds no number that is not finite and no text that writes one
//!   (`finite.rs` reads the f64s themselves: serde_json would write NaN as null, like a value not there yet).
//!   `faults::GUARDED` lists the few the page guards (an infinite threshold is printed as ∞), and
//!   `faults::KNOWN` kinds of fault still open (none now): they are counted and
//!   printed, not failed.
//! - A fair share of the inputs is accepted, and a fair share refused: both paths are walked.
//!
//! `FUZZ_CASES` (20,000 by default; scripts/test.sh gives a million in release) is the budget: each parser
//! gets that number divided by what one of its inputs costs (`CASES_PER`: 20 for a spec, 1,500 for a
//! vanishing link, which trains four chains), so the run takes about as long as when it stopped at the
//! parsers and gave each of them the whole number. The
//! generator is seeded from the clock unless `FUZZ_SEED` is set; each run prints its seed, and a failure
//! prints the input and how to replay it.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use backprop_lab::engine::rng::Rng;
use backprop_lab::engine::{Spec, Trainer};
use backprop_lab::labs::descent::link::descent_from_query;
use backprop_lab::labs::descent::{parse_points, DescentCommand, DescentLab, DescentSetup};
use backprop_lab::labs::early_stopping::link::stopping_from_query;
use backprop_lab::labs::early_stopping::{StoppingCommand, StoppingLab, StoppingSetup};
use backprop_lab::labs::losses::link::losses_from_query;
use backprop_lab::labs::losses::{LossSetup, LossesCommand, LossesLab};
use backprop_lab::labs::playground::link::playground_from_query;
use backprop_lab::labs::playground::{PlaygroundCommand, PlaygroundLab, PlaygroundSetup};
use backprop_lab::labs::two_neuron::link::two_neuron_from_query;
use backprop_lab::labs::two_neuron::{Command, Phase, Session};
use backprop_lab::labs::vanishing::link::vanishing_from_query;
use backprop_lab::labs::vanishing::{read_scores, ChainSetup, VanishingCommand, VanishingLab};

mod data;
mod faults;
#[path = "../common/finite.rs"]
mod finite;
mod generate;

use faults::*;
use generate::*;

// ---------------------------------------------------------------------------------------------------------
// The run: seed, cases, counts.

fn cases() -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

/// How many times costlier than a parse alone an accepted input of each parser is, roughly: a parser gets
/// `FUZZ_CASES / CASES_PER` inputs. (Measured in release: a spec imported and stepped, a descent lab with
/// its races, a vanishing lab training four chains of up to 20 layers, an early-stopping lab of up to 64
/// hidden neurons.)
const CASES_PER: [(&str, usize); 11] = [
    ("spec JSON", 20),
    ("points", 150),
    ("softmax scores", 100),
    ("two-neuron link", 50),
    ("descent link", 400),
    ("vanishing link", 1_500),
    ("early-stopping link", 150),
    ("losses link", 100),
    ("CSV tables", 150),
    ("data link", 300),
    // Opened, retrained towards its epoch by up to three commands of up to 100 epochs, its pictures whole.
    ("playground link", 2_000),
];

fn seed() -> u64 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        })
}

fn hash(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// What became of one input.
pub enum Outcome {
    Accepted,
    Refused,
}

/// Feeds distinct generated inputs to `check`, which parses one, takes it on into its lab if accepted, and
/// returns whether it was accepted or a description of what went wrong. Panics (in the parser or the lab)
/// are caught and reported with the input. `floor` is the least share of inputs accepted, and of inputs
/// refused.
fn fuzz(
    name: &str,
    floor: f64,
    mut generate: impl FnMut(&mut Rng) -> String,
    mut check: impl FnMut(&str) -> Result<Outcome, String>,
) {
    let seed = seed();
    let per = CASES_PER
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(1, |c| c.1);
    let wanted = (cases() / per).max(50);
    let mut rng = Rng::new(seed ^ hash(name));
    let (mut seen, mut repeats) = (HashSet::new(), 0usize);
    let (mut accepted, mut refused) = (0usize, 0usize);
    let mut known = [0usize; KNOWN.len()];
    let start = Instant::now();
    while accepted + refused < wanted {
        let input = generate(&mut rng);
        if !seen.insert(hash(&input)) {
            repeats += 1;
            assert!(
                repeats < 4 * wanted,
                "{name}: the generator makes too few distinct inputs"
            );
            continue;
        }
        let replay = || {
            format!(
                "(replay: FUZZ_SEED={seed} FUZZ_CASES={} cargo test --release --test fuzz)",
                cases()
            )
        };
        match catch_unwind(AssertUnwindSafe(|| check(&input))) {
            Ok(Ok(Outcome::Accepted)) => accepted += 1,
            Ok(Ok(Outcome::Refused)) => refused += 1,
            Ok(Err(fault)) => match KNOWN.iter().position(|(_, is)| is(&input, &fault)) {
                // A known fault: the input was accepted, and went as far as the lab.
                Some(k) if fault.contains("the page would print a non-number") => {
                    if known[k] == 0 {
                        eprintln!(
                            "fuzz {name}: known fault “{}”, first on {input:?}",
                            KNOWN[k].0
                        );
                    }
                    known[k] += 1;
                    accepted += 1;
                }
                _ => panic!("{name}: {fault}\ninput: {input:?}\n{}", replay()),
            },
            Err(_) => panic!("{name}: panicked on {input:?}\n{}", replay()),
        }
    }
    let share = accepted as f64 / wanted as f64;
    eprintln!(
        "fuzz {name}: seed {seed}, {wanted} distinct inputs ({repeats} repeats drawn again), {accepted} accepted \
         ({:.0}%) and taken on into the lab, {refused} refused naming the fault; {:.1} s",
        100.0 * share,
        start.elapsed().as_secs_f64()
    );
    if known.iter().any(|&k| k > 0) {
        eprintln!("fuzz {name}: inputs showing a known fault: {known:?}");
    }
    assert!(
        share >= floor,
        "{name}: only {:.1}% accepted (at least {:.0}% wanted)",
        100.0 * share,
        100.0 * floor
    );
    assert!(
        1.0 - share >= floor,
        "{name}: only {:.1}% refused (at least {:.0}% wanted)",
        100.0 * (1.0 - share),
        100.0 * floor
    );
}

// ---------------------------------------------------------------------------------------------------------
// The parsers.

const TWO_NEURON_SEEDS: [&str; 4] = [
    "x=0.1&t=0.25&w1=0.15&b1=0.4&w2=0.45&b2=0.65&eta=0.4&loss=half",
    "x=1&t=0&w1=-2&b1=0.5&w2=3&b2=-1&eta=2&loss=squared&it=3&op=5",
    "eta=0.8&it=2",
    "x=%E2%88%920.5&t=1&loss=half&op=11",
];

const DESCENT_SEEDS: [&str; 5] = [
    "eta=0.4&w0=0&b0=0&model=slope&scale=0&data=exact_line&steps=3",
    "eta=0.8&model=bias&points=1:2;2:4%3B3:6",
    "eta=0.05&w0=-1&b0=2&model=bias&scale=1&data=far_from_zero&batch=4&steps=12",
    "data=outliers&model=bias&batch=1&steps=40",
    "eta=1.2&data=seed_points&steps=5",
];

const VANISHING_SEEDS: [&str; 4] = [
    "depth=8&width=1&act=sigmoid&dying=0&seed=1",
    "depth=3&width=2&act=relu&dying=1&seed=4&rate=0.2",
    "depth=12&act=tanh&rate=0.05",
    "act=leaky_relu&width=3&seed=9",
];

const STOPPING_SEEDS: [&str; 4] = [
    "points=30&noise=0.3&val=33&hidden=16&eta=0.01&patience=200&stop=0&data=1&seed=1&epochs=0",
    "points=60&noise=0.1&val=25&hidden=8&eta=0.05&l2=0.001&patience=20&delta=0.01&stop=1&data=3&seed=2&epochs=40",
    "hidden=2&eta=0.5&epochs=5",
    "points=12&val=50&noise=0&stop=true",
];

const LOSSES_SEEDS: [&str; 4] = [
    "z=-4&t=1&eta=0.5&its=300",
    "z=%E2%88%926.5&t=0.9&eta=5&its=5000",
    "z=8&t=0&eta=0.01&its=1",
    "t=0.5&its=20",
];

const PLAYGROUND_SEEDS: [&str; 5] = [
    "data=xor&seed=1&layers=4,2&epoch=3",
    "data=spiral&seed=2&noise=0.25&points=200&test=30&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=8,8&act=relu&lr=0.01&opt=adam&beta1=0.5&beta2=0.99&batch=all&reg=l1&rate=0.003&wseed=5&epoch=2&step=0",
    "data=plane&lr=10&layers=8,8&epoch=5",
    "data=circle&points=100&layers=none&features=x1,x2&opt=momentum&mu=0.5&edits=a1:2:1,m3:-1:0.5,r7&epoch=1&step=4",
    "data=bumps&test=10&act=sigmoid&opt=rmsprop&alpha=0.9&batch=1&reg=l2&rate=0.01&epoch=1",
];

/// Every lab's keys and some no lab has: a setting of another lab is unknown here.
const KEYS: [&str; 12] = [
    "eta", "x", "depth", "points", "z", "its", "stop", "model", "bogus", "w3", "data", "act",
];

#[test]
fn two_neuron_links() {
    let parse = |q: &str| two_neuron_from_query(q).map(|_| ());
    // The spec's fields, and the words of the divergence message ("make x, T, the weights or the biases
    // smaller"; "lower η").
    let words: &[(&str, &[&str])] = &[
        ("x", &["data.inputs", "make x,"]),
        ("t", &["data.targets", " T,"]),
        ("w1", &["layers[0].weights", "the weights"]),
        ("b1", &["layers[0].biases", "the biases"]),
        ("w2", &["layers[1].weights", "the weights"]),
        ("b2", &["layers[1].biases", "the biases"]),
        ("eta", &["learning_rate", "η"]),
    ];
    let mut lab = Session::two_neuron();
    fuzz(
        "two-neuron link",
        0.1,
        |rng| link(rng, &TWO_NEURON_SEEDS, &KEYS),
        |q| {
            let count = hash(q);
            through_link(&mut lab, q, &parse, words, |lab| {
                let phase = [Phase::Forward, Phase::Backward, Phase::Update][count as usize % 3];
                command(
                    lab,
                    Command::Step {
                        count: (count % 9) as i64 - 3,
                    },
                    "a step",
                )?;
                command(lab, Command::Finish { phase }, "finishing a phase")?;
                command(
                    lab,
                    Command::RunIterations {
                        count: 1 + (count % 20) as usize,
                    },
                    "iterations",
                )
            })
        },
    );
}

#[test]
fn descent_links() {
    let parse = |q: &str| descent_from_query(q).map(|_| ());
    let words: &[(&str, &[&str])] = &[
        ("eta", &["learning rate"]),
        ("w0", &["starting w"]),
        ("b0", &["starting w and b"]),
        ("model", &["model with a bias"]),
        ("scale", &["standardising"]),
        ("data", &["point", "x and z"]),
        ("points", &["point", "x and z"]),
        ("batch", &["a step can use"]),
    ];
    let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
    fuzz(
        "descent link",
        0.1,
        |rng| link(rng, &DESCENT_SEEDS, &KEYS),
        |q| {
            let count = hash(q);
            through_link(&mut lab, q, &parse, words, |lab| {
                command(
                    lab,
                    DescentCommand::Step {
                        count: (count % 7) as i64 - 2,
                    },
                    "a step",
                )?;
                command(lab, DescentCommand::Step { count: 3 }, "three steps")?;
                command(
                    lab,
                    DescentCommand::AddPoint { x: 0.5, z: -1.0 },
                    "a new point",
                )
            })
        },
    );
}

#[test]
fn vanishing_links() {
    let parse = |q: &str| vanishing_from_query(q).map(|_| ());
    let words: &[(&str, &[&str])] = &[
        ("depth", &["depth"]),
        ("width", &["width"]),
        ("rate", &["learning rate"]),
        ("act", &["choose sigmoid"]),
    ];
    let mut lab = VanishingLab::new(ChainSetup::default()).unwrap();
    fuzz(
        "vanishing link",
        0.1,
        |rng| link(rng, &VANISHING_SEEDS, &KEYS),
        |q| {
            let count = hash(q);
            through_link(&mut lab, q, &parse, words, |lab| {
                command(
                    lab,
                    VanishingCommand::Reveal {
                        count: (count % 5) as i64 - 2,
                    },
                    "a reveal",
                )?;
                command(
                    lab,
                    VanishingCommand::SetGalleryZ {
                        z: (count % 17) as f64 - 8.0,
                    },
                    "the gallery's z",
                )?;
                command(lab, VanishingCommand::RevealAll, "revealing all")
            })
        },
    );
}

#[test]
fn early_stopping_links() {
    let parse = |q: &str| stopping_from_query(q).map(|_| ());
    let words: &[(&str, &[&str])] = &[
        ("points", &["number of points", "points for validation"]),
        ("noise", &["noise"]),
        ("val", &["validation"]),
        ("hidden", &["hidden layer"]),
        ("eta", &["learning rate"]),
        ("l2", &["weight decay"]),
        ("patience", &["patience"]),
        ("delta", &["improvement"]),
    ];
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    fuzz(
        "early-stopping link",
        0.1,
        |rng| link(rng, &STOPPING_SEEDS, &KEYS),
        |q| {
            let count = hash(q);
            through_link(&mut lab, q, &parse, words, |lab| {
                command(
                    lab,
                    StoppingCommand::Train {
                        epochs: 1 + (count % 4) as usize,
                    },
                    "training",
                )?;
                command(
                    lab,
                    StoppingCommand::SetPatience {
                        patience: 1 + (count % 3) as usize,
                    },
                    "a patience",
                )?;
                command(lab, StoppingCommand::Train { epochs: 2 }, "training on")
            })
        },
    );
}

#[test]
fn playground_links() {
    let parse = |q: &str| playground_from_query(q).map(|_| ());
    let words: &[(&str, &[&str])] = &[
        ("features", &["input", "feature"]),
        ("edits", &["edit", "point"]),
        ("step", &["epoch"]),
        ("points", &["point"]),
        ("test", &["test", "training point"]),
        ("layers", &["layer", "neuron"]),
    ];
    let mut lab = PlaygroundLab::new(PlaygroundSetup::default()).unwrap();
    fuzz(
        "playground link",
        0.1,
        |rng| link(rng, &PLAYGROUND_SEEDS, &KEYS),
        |q| {
            let count = hash(q);
            through_link(&mut lab, q, &parse, words, |lab| {
                for _ in 0..3 {
                    command(lab, PlaygroundCommand::Train { epochs: 100 }, "retraining")?;
                }
                command(
                    lab,
                    PlaygroundCommand::PickPoint {
                        index: Some((count % 20) as usize),
                    },
                    "a picked point",
                )?;
                command(
                    lab,
                    PlaygroundCommand::SetLearningRate {
                        learning_rate: [1e6, 10.0, 0.3][(count % 3) as usize],
                    },
                    "a learning rate",
                )?;
                command(lab, PlaygroundCommand::StepEpoch, "an epoch")?;
                command(lab, PlaygroundCommand::Redraw, "the pictures made whole")
            })
        },
    );
}

#[test]
fn losses_links() {
    let parse = |q: &str| losses_from_query(q).map(|_| ());
    let words: &[(&str, &[&str])] = &[
        ("z", &["z must"]),
        ("t", &["target"]),
        ("eta", &["learning rate"]),
        ("its", &["number of updates"]),
    ];
    let mut lab = LossesLab::new(LossSetup::default()).unwrap();
    fuzz(
        "losses link",
        0.1,
        |rng| link(rng, &LOSSES_SEEDS, &KEYS),
        |q| {
            let count = hash(q);
            through_link(&mut lab, q, &parse, words, |lab| {
                command(
                    lab,
                    LossesCommand::SetZ {
                        z: (count % 17) as f64 - 8.0,
                    },
                    "a new z",
                )?;
                command(
                    lab,
                    LossesCommand::SetTarget {
                        target: (count % 5) as f64 / 4.0,
                    },
                    "a target",
                )
            })
        },
    );
}

#[test]
fn spec_json() {
    fuzz("spec JSON", 0.1, spec_text, |text| {
        match Spec::from_json(text) {
            Err(error) => {
                spec_fault_named(text, &error.field, &error.to_string())?;
                Ok(Outcome::Refused)
            }
            Ok(spec) => {
                // Trained a step by the engine, and imported into the two-neuron lab as the page does.
                let mut trainer = Trainer::new(spec.clone())
                    .map_err(|e| format!("a valid spec refused by the trainer: {e}"))?;
                trainer.step();
                let mut session = Session::new(spec)
                    .map_err(|e| format!("a valid spec refused by the lab: {e}"))?;
                printable("the imported spec", &session.snapshot())?;
                command(
                    &mut session,
                    Command::Finish {
                        phase: Phase::Update,
                    },
                    "a whole iteration",
                )?;
                command(
                    &mut session,
                    Command::RunIterations { count: 3 },
                    "three iterations",
                )?;
                Ok(Outcome::Accepted)
            }
        }
    });
}

#[test]
fn typed_points() {
    let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
    fuzz("points", 0.2, points_text, |text| {
        match parse_points(text) {
            Err(message) => {
                points_fault_named(text, &message)?;
                Ok(Outcome::Refused)
            }
            Ok(_) => {
                // Into the descent lab as typed, then three steps.
                command(
                    &mut lab,
                    DescentCommand::SetPointsText { text: text.into() },
                    "the points",
                )?;
                command(&mut lab, DescentCommand::Step { count: 3 }, "three steps")?;
                Ok(Outcome::Accepted)
            }
        }
    });
}

#[test]
fn softmax_scores() {
    let mut lab = VanishingLab::new(ChainSetup::default()).unwrap();
    fuzz(
        "softmax scores",
        0.2,
        scores_text,
        |text| match read_scores(text) {
            Err(message) => {
                // “…” is not a number: the piece quoted is one of the text's.
                let quoted = message
                    .split('“')
                    .nth(1)
                    .and_then(|q| q.split('”').next())
                    .map(|q| q.trim_end_matches('…'));
                match quoted {
                    Some(q) if !q.is_empty() && text.contains(q) => Ok(Outcome::Refused),
                    _ => Err(format!("“{message}” quotes no score of the text")),
                }
            }
            Ok(_) => {
                command(
                    &mut lab,
                    VanishingCommand::SetScores { text: text.into() },
                    "the scores",
                )?;
                command(
                    &mut lab,
                    VanishingCommand::SetTemperature { temperature: 0.25 },
                    "a temperature",
                )?;
                Ok(Outcome::Accepted)
            }
        },
    );
}
