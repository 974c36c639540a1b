//! The vanishing-gradient lab: factors, zeros, training comparisons, softmax, and its views. Every expected
//! value in the lab tests is written out by hand (never read back from the code under test); the seeded
//! weights of `ChainSetup::layers` are the only input taken from the crate.

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod dying_relu;
mod gallery;
mod gradients;
mod hand;
mod sentences;
mod training;
mod underflow;
mod views;
