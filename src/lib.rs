//! Backprop Lab: step through forward passes, backpropagation and gradient descent on tiny networks.
//!
//! - `engine` (the `backprop-engine` crate) trains and records, and knows no lab;
//! - `labs` holds one folder per lab: its state, commands, snapshot, sentences, link codec and views;
//! - `shared` holds what labs share: number formatting, link helpers, the `Lab` trait, chart pieces;
//! - `web` is the only place JavaScript meets Rust: one small handle per lab;
//! - `digest` is a test aid: a digest of every lab's numbers for a few seeded setups.
//!
//! One full step of the course's two-neuron example, with E = ½(T − a)²:
//!
//! ```
//! use backprop_lab::engine::{Spec, Trainer};
//! let mut trainer = Trainer::new(Spec::two_neuron()).unwrap();
//! let step = trainer.step();
//! assert!((step.gradients[1].weights[0][0] - 0.05707).abs() < 5e-6); // ∂E/∂w₂
//! ```

pub use backprop_engine as engine;

pub mod digest;
pub mod labs;
pub mod shared;

#[cfg(target_arch = "wasm32")]
pub mod web;
