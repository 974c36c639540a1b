//! The losses lab's part of the address: its setup as a link query, read back with a reason for every
//! refusal.

use super::setup::LossSetup;
use crate::shared::query::{number, parse_query, unknown, whole, write};

/// The losses lab: `z` (where the table is read and training starts), `t` (the target), `eta`, `its` (the
/// training runs' iterations).
pub fn losses_from_query(query: &str) -> Result<LossSetup, String> {
    let mut setup = LossSetup::default();
    for (key, value) in parse_query(query)? {
        match key.as_str() {
            "z" => setup.z = number(&key, &value)?,
            "t" => setup.target = number(&key, &value)?,
            "eta" => setup.learning_rate = number(&key, &value)?,
            "its" => setup.iterations = whole(&key, &value)?,
            _ => return Err(unknown(&key, "z, t, eta and its")),
        }
    }
    setup.validate()?;
    Ok(setup)
}

pub fn losses_query(setup: &LossSetup) -> String {
    format!(
        "z={}&t={}&eta={}&its={}",
        write(setup.z),
        write(setup.target),
        write(setup.learning_rate),
        setup.iterations
    )
}
