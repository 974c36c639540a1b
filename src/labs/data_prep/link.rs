//! The data-preparation lab's part of the address: the whole setup (target, features, split and seed,
//! missing-value choice, scaling, network, optimizer, epochs), read back with a reason for every refusal.
//! A file of one's own is not in the address (it would not fit, and it is the student's): a link always
//! means the penguins, whose column names are written as they are.

use super::setup::{DataSetup, Missing, OptimizerKind, Scaling};
use crate::engine::Activation;
use crate::shared::query::{number, parse_query, shorten, unknown, whole, write};

const KEYS: &str =
    "target, features, val, test, seed, missing, scale, hidden, act, opt, lr, batch, epochs, patience and wseed";

/// Which of `names` the value is (one function for every menu, rather than one per type of choice).
fn choice(key: &str, value: &str, names: &[&str]) -> Result<usize, String> {
    names.iter().position(|n| *n == value).ok_or_else(|| {
        format!(
            "{key}: “{}” is not one of {}.",
            shorten(value),
            names.join(", ")
        )
    })
}

fn seed(key: &str, value: &str) -> Result<u64, String> {
    value
        .parse()
        .map_err(|_| format!("{key}: “{}” is not a whole number.", shorten(value)))
}

/// One key of the address applied to a setup: a link is read a key at a time, and so is each control of the
/// page (`DataCommand::Set`), so the two can never read a value differently.
pub fn apply_key(setup: &mut DataSetup, key: &str, value: &str) -> Result<(), String> {
    let value = value.to_string();
    match key {
        "target" => setup.target = value,
        "features" => {
            setup.features = value
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if setup.features.len() > 64 {
                return Err("features: at most 64 columns.".into());
            }
        }
        "val" => setup.validation_percent = whole(key, &value)?,
        "test" => setup.test_percent = whole(key, &value)?,
        "seed" => setup.seed = seed(key, &value)?,
        "wseed" => setup.weight_seed = seed(key, &value)?,
        "missing" => {
            setup.missing = Missing::ALL[choice(key, &value, &Missing::ALL.map(Missing::key))?];
        }
        "scale" => {
            let all = [Scaling::None, Scaling::MinMax, Scaling::Standard];
            setup.scaling = all[choice(key, &value, &all.map(Scaling::key))?];
        }
        "hidden" => {
            setup.hidden = if value.is_empty() || value == "none" {
                Vec::new()
            } else {
                value
                    .split(',')
                    .take(8)
                    .map(|n| whole(key, n))
                    .collect::<Result<_, _>>()?
            };
        }
        "act" => {
            let all = [
                Activation::Tanh,
                Activation::Relu,
                Activation::Sigmoid,
                Activation::LeakyRelu,
            ];
            setup.activation = all[choice(key, &value, &all.map(Activation::name))?];
        }
        "opt" => {
            let all = [
                OptimizerKind::Sgd,
                OptimizerKind::Momentum,
                OptimizerKind::Adam,
            ];
            setup.optimizer = all[choice(key, &value, &["sgd", "momentum", "adam"])?];
        }
        "lr" => setup.learning_rate = number(key, &value)?,
        "batch" => setup.batch = whole(key, &value)?,
        "epochs" => setup.epochs = whole(key, &value)?,
        "patience" => setup.patience = whole(key, &value)?,
        _ => return Err(unknown(key, KEYS)),
    }
    Ok(())
}

/// The setup a link describes, starting from the defaults; the columns are checked against the data when
/// the setup is prepared.
pub fn data_from_query(query: &str) -> Result<DataSetup, String> {
    let mut setup = DataSetup::default();
    for (key, value) in parse_query(query)? {
        apply_key(&mut setup, &key, &value)?;
    }
    setup.validate()?;
    Ok(setup)
}

pub fn data_query(setup: &DataSetup) -> String {
    let hidden: Vec<String> = setup.hidden.iter().map(usize::to_string).collect();
    format!(
        "target={}&features={}&val={}&test={}&seed={}&missing={}&scale={}&hidden={}&act={}&opt={}&lr={}&batch={}&epochs={}&patience={}&wseed={}",
        setup.target,
        setup.features.join(","),
        setup.validation_percent,
        setup.test_percent,
        setup.seed,
        setup.missing.key(),
        setup.scaling.key(),
        if hidden.is_empty() { "none".to_string() } else { hidden.join(",") },
        setup.activation.name(),
        match setup.optimizer {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Adam => "adam",
        },
        write(setup.learning_rate),
        setup.batch,
        setup.epochs,
        setup.patience,
        setup.weight_seed,
    )
}
