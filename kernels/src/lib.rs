//! The arithmetic under Backprop Lab's core, in a crate of its own so it can be compiled for speed while the
//! page is compiled for size (the main Cargo.toml gives this crate `opt-level = 3`). Plain Rust: no browser,
//! no drawing. The main crate re-exports these modules as `core::activation`, `core::loss`,
//! `core::elementary` and `core::lanes`; `batch` holds the fast trainer's loops and `rule` the optimizers'
//! per-parameter updates.

pub mod activation;
pub mod batch;
pub mod elementary;
pub mod lanes;
pub mod loss;
mod rows;
pub mod rule;
