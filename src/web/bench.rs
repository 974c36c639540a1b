//! Entry points for the in-browser benchmark (tests/e2e/bench.mjs): the same workloads as `cargo bench`,
//! timed by the page, and the size of WebAssembly memory for the soak test.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::fast::FastTrainer;
use crate::engine::workloads;
use crate::labs::two_neuron::{Command, Session};

/// Trains workload `name` ("small": 2-4-2-1, "large": 2-8×6-1) for `steps` batches of 10 on the fast path;
/// returns the last batch's loss so the work cannot be skipped.
#[wasm_bindgen]
pub fn bench_train(name: &str, steps: u32) -> Result<f64, JsValue> {
    let spec = workloads::by_name(name).ok_or_else(|| JsValue::from_str("unknown workload"))?;
    let mut trainer = FastTrainer::new(&spec).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(trainer.train(steps as usize))
}

/// One 100×100 grid of every neuron's output for the large workload; returns a checksum.
#[wasm_bindgen]
pub fn bench_grid() -> Result<f64, JsValue> {
    let spec = workloads::large();
    let trainer = FastTrainer::new(&spec).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(trainer.neuron_grid(-6.0, 6.0, 100).iter().sum())
}

/// Runs the two-neuron lab for `iterations` iterations, as Play does, in chunks of 1000.
#[wasm_bindgen]
pub fn soak_two_neuron(iterations: u32) -> Result<f64, JsValue> {
    let mut session = Session::two_neuron();
    let mut left = iterations as usize;
    while left > 0 {
        let chunk = left.min(1000);
        session
            .apply(Command::RunIterations { count: chunk })
            .map_err(|e| JsValue::from_str(&e))?;
        left -= chunk;
    }
    Ok(session.snapshot().latest_loss.unwrap_or(f64::NAN))
}

/// Bytes of WebAssembly memory the module holds now.
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            m.buffer()
                .dyn_into::<js_sys::ArrayBuffer>()
                .map(|b| b.byte_length() as f64)
                .unwrap_or(0.0)
        })
        .unwrap_or(0.0)
}
