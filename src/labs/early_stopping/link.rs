//! The early-stopping lab's part of the address: its setup as a link query, read back with a reason for every
//! refusal.

use super::setup::{StoppingSetup, MAX_EPOCHS};
use crate::shared::query::{flag, number, parse_query, shorten, unknown, whole, write};

/// The early-stopping lab: `points, noise, val` (the validation share in percent), `hidden, eta, l2` (weight
/// decay), `patience, delta` (the least improvement that counts; written only when not 0), `stop` (0 or 1),
/// `data` and `seed` (the seeds of the samples and of the weights), and `epochs` to train.
pub fn stopping_from_query(query: &str) -> Result<(StoppingSetup, usize), String> {
    let mut setup = StoppingSetup::default();
    let mut epochs = 0;
    let seed = |key: &str, value: &str| -> Result<u64, String> {
        value
            .parse()
            .map_err(|_| format!("{key}: “{}” is not a whole number.", shorten(value)))
    };
    for (key, value) in parse_query(query)? {
        match key.as_str() {
            "points" => setup.points = whole(&key, &value)?,
            "noise" => setup.noise = number(&key, &value)?,
            "val" => setup.validation_percent = whole(&key, &value)?,
            "hidden" => setup.hidden = whole(&key, &value)?,
            "eta" => setup.learning_rate = number(&key, &value)?,
            "l2" => setup.weight_decay = number(&key, &value)?,
            "patience" => setup.patience = whole(&key, &value)?,
            "delta" => setup.min_delta = number(&key, &value)?,
            "stop" => setup.stop_early = flag(&key, &value)?,
            "data" => setup.data_seed = seed(&key, &value)?,
            "seed" => setup.weight_seed = seed(&key, &value)?,
            "epochs" => {
                epochs = whole(&key, &value)?;
                if epochs > MAX_EPOCHS {
                    return Err(format!("epochs: a run has at most {MAX_EPOCHS}."));
                }
            }
            _ => return Err(unknown(
                &key,
                "points, noise, val, hidden, eta, l2, patience, delta, stop, data, seed and epochs",
            )),
        }
    }
    setup.validate()?;
    Ok((setup, epochs))
}

pub fn stopping_query(setup: &StoppingSetup, epochs: usize) -> String {
    let delta = if setup.min_delta > 0.0 {
        format!("&delta={}", write(setup.min_delta))
    } else {
        String::new()
    };
    format!(
        "points={}&noise={}&val={}&hidden={}&eta={}&l2={}&patience={}{delta}&stop={}&data={}&seed={}&epochs={epochs}",
        setup.points,
        write(setup.noise),
        setup.validation_percent,
        setup.hidden,
        write(setup.learning_rate),
        write(setup.weight_decay),
        setup.patience,
        u8::from(setup.stop_early),
        setup.data_seed,
        setup.weight_seed,
    )
}
