//! Backprop Lab: step through forward passes, backpropagation and gradient descent on tiny networks.
//!
//! `core` trains and records (plain Rust, tested natively); `views` draw one picture each from a read-only
//! snapshot with plotters (any backend: canvas in the page, SVG in tests); `web` is the only place JavaScript
//! meets Rust.
//!
//! One full step of the seed's two-neuron example, with E = ½(T − a)²:
//!
//! ```
//! use backprop_lab::core::{Spec, Trainer};
//! let mut trainer = Trainer::new(Spec::two_neuron()).unwrap();
//! let step = trainer.step();
//! let out = &step.examples[0].layers[1];
//! assert!((out.a[0] - 0.7153).abs() < 5e-5);              // a₂
//! assert!((step.gradients[1].weights[0][0] - 0.05707).abs() < 5e-6); // ∂E/∂w₂
//! assert!((step.after[1].weights[0][0] - 0.4272).abs() < 5e-5);      // w₂ after the update
//! ```

pub mod core;
pub mod views;

#[cfg(target_arch = "wasm32")]
pub mod web;
