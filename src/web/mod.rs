//! The boundary between JavaScript and Rust.
