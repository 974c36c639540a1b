//! What the labs share: reading typed numbers, links across every lab, and the chart helpers.

#[path = "../common/mod.rs"]
mod common;

mod digest;
mod links;
mod number_reading;
mod theme;
mod views;
