//! The gradient-descent lab: regimes, steps, races, the mini-batch lens, points, and its views, each checked
//! against closed forms written out in `closed_forms` (never against the code under test).

#[path = "../common/mod.rs"]
mod common;

mod closed_forms;
mod helpers;

mod bias;
mod commands;
mod distance;
mod divergence;
mod mini_batch;
mod points;
mod race;
mod regime;
mod sentences;
mod steps;
mod view_coordinates;
mod views;
