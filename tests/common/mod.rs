//! Helpers the lab tests share: the engine tests' own helpers (small networks, tolerances, the course's
//! spec) and the SVG readers of the view tests.
#![allow(dead_code, unused_imports)]

#[path = "../../engine/tests/common/mod.rs"]
mod engine_helpers;
pub use engine_helpers::*;

pub mod svg;
