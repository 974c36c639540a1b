//! The `trace` command line, run as a separate process on spec files.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use backprop_lab::engine::Optimizer;
use backprop_lab::engine::Spec;
use backprop_lab::engine::StepTrace;
use backprop_lab::engine::Trainer;
use common::SEED_SPEC;
use serde::Serialize;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_trace");

/// A spec file in the temp directory, removed when dropped.
struct TempSpec(PathBuf);

impl TempSpec {
    fn new(name: &str, text: &str) -> TempSpec {
        let path = std::env::temp_dir().join(format!(
            "backprop_lab_cli_{}_{name}.json",
            std::process::id()
        ));
        std::fs::write(&path, text).expect("write temp spec");
        TempSpec(path)
    }
}

impl Drop for TempSpec {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn run_file(name: &str, text: &str) -> Output {
    let file = TempSpec::new(name, text);
    Command::new(BIN).arg(&file.0).output().expect("run trace")
}

fn run_stdin(text: &str) -> Output {
    let mut child = Command::new(BIN)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn trace");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "trace failed: {}\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

/// The same shape the binary prints, to serialize the expected output in-process.
#[derive(Serialize)]
struct Expected<'a> {
    steps: Vec<StepTrace>,
    next_spec: &'a Spec,
}

fn expected_output(spec: &Spec) -> String {
    let mut trainer = Trainer::new(spec.clone()).expect("valid");
    let steps = (0..spec.steps).map(|_| trainer.step()).collect();
    let next = trainer.next_spec();
    serde_json::to_string_pretty(&Expected {
        steps,
        next_spec: &next,
    })
    .expect("serializes")
}

/// The `next_spec` member cut out of the printed text verbatim (re-serializing a parsed copy would change the
/// numbers' text), with `steps` set.
fn next_spec_text(out: &str, steps: usize) -> String {
    let start =
        out.find("\n  \"next_spec\": ").expect("next_spec member") + "\n  \"next_spec\": ".len();
    let end = out.trim_end().rfind('}').expect("closing brace");
    let text = &out[start..end];
    let text = text.trim_end();
    // The spec's own `steps` (indented 4), not Adam's step counter inside `optimizer_state`.
    let key = "\n    \"steps\": ";
    let (head, tail) = text.split_at(text.find(key).expect("steps field") + key.len());
    let rest = &tail[tail.find([',', '\n']).expect("end of steps")..];
    format!("{head}{steps}{rest}")
}

#[test]
fn prints_every_step_and_the_next_spec() {
    let text = SEED_SPEC.replace("\"steps\": 1", "\"steps\": 3");
    let out = stdout(&run_file("three_steps", &text));
    let json: Value = serde_json::from_str(&out).expect("stdout is JSON");
    let steps = json["steps"].as_array().expect("steps array");
    assert_eq!(steps.len(), 3);
    for (k, s) in steps.iter().enumerate() {
        assert_eq!(s["step"], k);
        assert!(s["examples"][0]["layers"][1]["a"][0].is_number());
    }
    assert!(json["next_spec"].is_object());
    assert_eq!(json["next_spec"]["steps"], 3);
    // Exactly what the library produces, number for number.
    let spec = Spec::from_json(&text).expect("valid");
    assert_eq!(out.trim_end(), expected_output(&spec));
    // The seed's a₂ in the first step.
    let a2 = steps[0]["examples"][0]["layers"][1]["a"][0]
        .as_f64()
        .unwrap_or(f64::NAN);
    assert!((a2 - 0.7153).abs() < 5e-5, "a2 = {a2}");
}

#[test]
fn zero_steps_prints_the_spec_back() {
    let text = SEED_SPEC.replace("\"steps\": 1", "\"steps\": 0");
    let out = stdout(&run_file("zero_steps", &text));
    let json: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["steps"].as_array().map(Vec::len), Some(0));
    let next = Spec::from_json(&next_spec_text(&out, 0)).expect("valid");
    assert_eq!(next.layers, Spec::two_neuron().layers);
}

/// The printed step objects, verbatim, without their `step` and `epoch` lines.
fn step_texts(out: &str) -> Vec<String> {
    let mut steps = Vec::new();
    let mut current: Option<String> = None;
    for line in out.lines() {
        match (line, current.as_mut()) {
            ("    {", None) => current = Some(String::new()),
            ("    }" | "    },", Some(_)) => steps.extend(current.take()),
            (l, Some(text)) => {
                let t = l.trim_start();
                if !(t.starts_with("\"step\":") || t.starts_with("\"epoch\":")) {
                    text.push_str(l);
                    text.push('\n');
                }
            }
            _ => {}
        }
    }
    steps
}

#[track_caller]
fn assert_same_text(got: &str, want: &str, what: &str) {
    if let Some((n, (g, w))) = got
        .lines()
        .zip(want.lines())
        .enumerate()
        .find(|(_, (g, w))| g != w)
    {
        panic!(
            "{what}: line {} differs:\n  got  {}\n  want {}",
            n + 1,
            g.trim(),
            w.trim()
        );
    }
    assert_eq!(got.lines().count(), want.lines().count(), "{what}: length");
}

/// Run `spec` for 2 steps in one go, and for 1 step then 1 more from the printed `next_spec` (cut out of the
/// output verbatim): the resumed run must print exactly the text of the single run's second step and the same
/// `next_spec`. The numbers are compared as printed (shortest round-trip form), so one unit in the last place
/// shows; the step counter restarts, so `step` and `epoch` are left out.
fn check_continuation(name: &str, spec: &Spec) {
    let mut two = spec.clone();
    two.steps = 2;
    let whole = stdout(&run_file(&format!("{name}_two"), &two.to_json()));

    let mut one = spec.clone();
    one.steps = 1;
    let first = stdout(&run_file(&format!("{name}_one"), &one.to_json()));
    let resumed_spec = next_spec_text(&first, 1);
    assert_same_text(
        &resumed_spec,
        &next_spec_text(&expected_output(&one), 1),
        &format!("{name}: next_spec after 1 step"),
    );
    let resumed = stdout(&run_file(&format!("{name}_resumed"), &resumed_spec));

    let (whole_steps, resumed_steps) = (step_texts(&whole), step_texts(&resumed));
    assert_eq!((whole_steps.len(), resumed_steps.len()), (2, 1), "{name}");
    assert_same_text(
        &resumed_steps[0],
        &whole_steps[1],
        &format!("{name}: the resumed step vs step 2 of the single run"),
    );
    assert_same_text(
        &next_spec_text(&resumed, 0),
        &next_spec_text(&whole, 0),
        &format!("{name}: next_spec after 2 steps"),
    );
}

#[test]
fn next_spec_continues_the_two_neuron_run() {
    check_continuation("two_neuron", &Spec::two_neuron());
}

/// The same with Adam on a 2-3-1 network: 13 parameters and 26 optimizer buffers go through the printed
/// `next_spec`, so every one of them has to survive being printed and parsed back exactly. (This fails while
/// serde_json parses floats without its `float_roundtrip` feature: see tests/spec_errors.rs,
/// `round_trip_of_a_trained_spec_is_exact`.)
#[test]
fn next_spec_continues_an_adam_run() {
    let spec = common::small_net(
        3,
        3,
        Optimizer::Adam {
            learning_rate: 0.05,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
    );
    check_continuation("adam", &spec);
}

#[test]
fn reads_the_spec_from_stdin() {
    let from_stdin = stdout(&run_stdin(SEED_SPEC));
    let from_file = stdout(&run_file("stdin_compare", SEED_SPEC));
    assert_eq!(from_stdin, from_file);
    assert_eq!(from_stdin.trim_end(), expected_output(&Spec::two_neuron()));
}

#[test]
fn a_malformed_spec_exits_non_zero_naming_the_field() {
    let cases = [
        (
            SEED_SPEC.replacen("\"sigmoid\"", "\"swish\"", 1),
            "layers[0].activation",
        ),
        (
            SEED_SPEC.replace("\"learning_rate\": 0.4", "\"learning_rate\": -0.4"),
            "optimizer.learning_rate",
        ),
        (
            SEED_SPEC.replace("\"batch_size\": 1", "\"batch_size\": 0"),
            "batch_size",
        ),
        (
            SEED_SPEC.replace("[[0.25]]", "[[0.25, 1.0]]"),
            "data.targets[0]",
        ),
    ];
    for (i, (text, field)) in cases.iter().enumerate() {
        for out in [run_file(&format!("bad_{i}"), text), run_stdin(text)] {
            assert!(!out.status.success(), "{field}: exit status {}", out.status);
            assert_eq!(out.status.code(), Some(2), "{field}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(field), "stderr {err:?} does not name {field}");
            assert!(out.stdout.is_empty(), "{field}: printed to stdout");
        }
    }
}

#[test]
fn usage_and_unreadable_files() {
    let out = Command::new(BIN).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));

    let out = Command::new(BIN)
        .args(["a.json", "b.json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));

    let missing = std::env::temp_dir().join("backprop_lab_cli_no_such_file.json");
    let out = Command::new(BIN).arg(&missing).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));

    let out = run_stdin("not json");
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.is_empty());
}
