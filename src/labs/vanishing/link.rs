//! The vanishing-gradient lab's part of the address: its setup as a link query, read back with a reason for every
//! refusal.

use super::setup::ChainSetup;
use crate::engine::Activation;
use crate::shared::query::{flag, parse_query, shorten, unknown, whole};

/// The vanishing lab: `depth, width, act` (sigmoid, tanh, relu, leaky_relu, identity), `dying` (0 or 1),
/// `seed`, `rate` (the training run's learning rate).
pub fn vanishing_from_query(query: &str) -> Result<ChainSetup, String> {
    let mut setup = ChainSetup::default();
    for (key, value) in parse_query(query)? {
        match key.as_str() {
            "depth" => setup.depth = whole(&key, &value)?,
            "width" => setup.width = whole(&key, &value)?,
            "dying" => setup.dying_relu = flag(&key, &value)?,
            "rate" => {
                setup.train_rate = value
                    .parse()
                    .map_err(|_| format!("rate: “{}” is not a number.", shorten(&value)))?
            }
            "seed" => {
                setup.seed = value
                    .parse()
                    .map_err(|_| format!("seed: “{}” is not a whole number.", shorten(&value)))?
            }
            "act" => {
                setup.activation = Activation::ALL
                    .into_iter()
                    .find(|a| a.name() == value)
                    .ok_or_else(|| format!("act: “{}” is not an activation.", shorten(&value)))?
            }
            _ => return Err(unknown(&key, "depth, width, act, dying, seed and rate")),
        }
    }
    setup.validate()?;
    Ok(setup)
}

pub fn vanishing_query(setup: &ChainSetup) -> String {
    format!(
        "depth={}&width={}&act={}&dying={}&seed={}&rate={}",
        setup.depth,
        setup.width,
        setup.activation.name(),
        u8::from(setup.dying_relu),
        setup.seed,
        setup.train_rate
    )
}
