//! The playground's part of the address: its setup, its edits to the points and the place its run reached,
//! read back with a reason for every refusal, the key at fault named first.
//!
//! `#playground?data=xor&seed=1&noise=0&points=500&test=50&features=x1,x2&layers=4,2&act=tanh&lr=0.03&opt=sgd&batch=10&reg=none&rate=0.001&wseed=1&epoch=120`
//! Every key may be left out (its default is used); `layers=none` (or empty) is a network without hidden
//! layers; `batch=all` is one update an epoch; `step` (updates into the next epoch) and `edits` (points added,
//! moved or removed by hand) are written only when there are any.

use super::edit::{decode_all, encode_all, Edit};
use super::features::{Feature, Features};
use super::setup::{
    activation_key, DataKind, OptimizerKind, Penalty, PlaygroundSetup, HIDDEN_ACTIVATIONS,
    MAX_EPOCHS,
};
use crate::shared::query::{number, parse_query, shorten, unknown, whole, write};

/// What a link holds: the setup, the edits, and the place the run reached.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaygroundLink {
    pub setup: PlaygroundSetup,
    pub edits: Vec<Edit>,
    pub epoch: usize,
    /// Updates into the epoch after `epoch`.
    pub step: usize,
}

const KEYS: &str =
    "data, seed, noise, points, test, features, layers, act, lr, opt, mu, alpha, beta1, beta2, batch, reg, rate, wseed, epoch, step and edits";

fn seed(key: &str, value: &str) -> Result<u64, String> {
    value
        .parse()
        .map_err(|_| format!("{key}: “{}” is not a whole number.", shorten(value)))
}

fn one_of<T: Copy>(
    key: &str,
    value: &str,
    read: impl Fn(&str) -> Option<T>,
    known: &str,
) -> Result<T, String> {
    read(value).ok_or_else(|| format!("{key}: “{}” is not one of {known}.", shorten(value)))
}

pub fn playground_from_query(query: &str) -> Result<PlaygroundLink, String> {
    let mut link = PlaygroundLink {
        setup: PlaygroundSetup::default(),
        edits: Vec::new(),
        epoch: 0,
        step: 0,
    };
    let s = &mut link.setup;
    for (key, value) in parse_query(query)? {
        let k = key.as_str();
        match k {
            "data" => {
                s.data = one_of(
                    k,
                    &value,
                    DataKind::from_key,
                    "gauss, xor, circle, spiral, plane, bumps",
                )?
            }
            "seed" => s.seed = seed(k, &value)?,
            "wseed" => s.weight_seed = seed(k, &value)?,
            "noise" => s.noise = number(k, &value)?,
            "points" => s.points = whole(k, &value)?,
            "test" => s.test_percent = whole(k, value.trim_end_matches('%'))?,
            "features" => {
                let chosen = value
                    .split(',')
                    .map(|f| {
                        one_of(
                            k,
                            f,
                            Feature::from_key,
                            "x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2",
                        )
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                s.features = Features::new(chosen)?;
            }
            "layers" => {
                s.hidden = if value.is_empty() || value == "none" {
                    Vec::new()
                } else {
                    value
                        .split(',')
                        .map(|n| whole(k, n))
                        .collect::<Result<Vec<_>, _>>()?
                }
            }
            "act" => {
                s.activation = one_of(
                    k,
                    &value,
                    |v| {
                        HIDDEN_ACTIVATIONS
                            .into_iter()
                            .find(|&a| activation_key(a) == v)
                    },
                    "relu, leaky_relu, tanh, sigmoid, identity",
                )?
            }
            "lr" => s.learning_rate = number(k, &value)?,
            "opt" => {
                s.optimizer = one_of(
                    k,
                    &value,
                    OptimizerKind::from_key,
                    "sgd, momentum, rmsprop, adam",
                )?
            }
            "mu" | "alpha" | "beta1" | "beta2" => {
                let v = number(k, &value)?;
                if let Some(setting) = s.setting_mut(k) {
                    *setting = v;
                }
            }
            "batch" => {
                s.batch = if value == "all" {
                    None
                } else {
                    Some(whole(k, &value)?)
                }
            }
            "reg" => s.penalty = one_of(k, &value, Penalty::from_key, "none, l1, l2")?,
            "rate" => s.rate = number(k, &value)?,
            "epoch" => {
                link.epoch = whole(k, &value)?;
                if link.epoch > MAX_EPOCHS {
                    return Err(format!("epoch: a run has at most {MAX_EPOCHS}."));
                }
            }
            "step" => link.step = whole(k, &value)?,
            "edits" => link.edits = decode_all(&value)?,
            _ => return Err(unknown(&key, KEYS)),
        }
    }
    link.setup.validate()?;
    Ok(link)
}

pub fn playground_query(link: &PlaygroundLink) -> String {
    let s = &link.setup;
    let layers = if s.hidden.is_empty() {
        "none".to_string()
    } else {
        s.hidden
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut query = format!(
        "data={}&seed={}&noise={}&points={}&test={}&features={}&layers={layers}&act={}&lr={}&opt={}&batch={}&reg={}&rate={}&wseed={}&epoch={}",
        s.data.key(),
        s.seed,
        write(s.noise),
        s.points,
        s.test_percent,
        s.features.keys(),
        activation_key(s.activation),
        write(s.learning_rate),
        s.optimizer.key(),
        s.batch.map_or("all".to_string(), |b| b.to_string()),
        s.penalty.key(),
        write(s.rate),
        s.weight_seed,
        link.epoch,
    );
    // The optimizer's own settings, after its name (written only for the optimizer in use).
    let settings: String = s
        .optimizer
        .setting_keys()
        .iter()
        .map(|&k| format!("&{k}={}", write(s.setting(k).unwrap_or(0.0))))
        .collect();
    if let Some(at) = query.find("&batch=") {
        query.insert_str(at, &settings);
    }
    if link.step > 0 {
        query += &format!("&step={}", link.step);
    }
    if !link.edits.is_empty() {
        query += &format!("&edits={}", encode_all(&link.edits));
    }
    query
}
