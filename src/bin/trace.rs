//! `trace spec.json`: runs the spec's steps and prints every recorded value as JSON (`-` reads standard input).

use std::io::Read;
use std::process::ExitCode;

use backprop_lab::engine::{Spec, StepTrace, Trainer};
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    steps: Vec<StepTrace>,
    /// Feed this back to continue where the trace stopped.
    next_spec: &'a Spec,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!("usage: trace SPEC.json   (or - to read the spec from standard input)");
        return ExitCode::from(2);
    };
    let text = if path == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(path)
    };
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let spec = match Spec::from_json(&text) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("invalid spec: {e}");
            return ExitCode::from(2);
        }
    };
    let mut trainer = match Trainer::new(spec.clone()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("invalid spec: {e}");
            return ExitCode::from(2);
        }
    };
    let steps = (0..spec.steps).map(|_| trainer.step()).collect();
    let next_spec = trainer.next_spec();
    let output = Output {
        steps,
        next_spec: &next_spec,
    };
    match serde_json::to_string_pretty(&output) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write the trace: {e}");
            ExitCode::FAILURE
        }
    }
}
