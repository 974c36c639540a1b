//! The two-neuron lab's part of the address: its setup as a link query, read back with a reason for every
//! refusal.

use crate::engine::{Loss, Spec};
use crate::shared::query::{flag, number, parse_query, shorten, unknown, whole, write};

/// Where a two-neuron link opens: the iteration shown (1-based) and the operations done in it, and whether
/// Predict first is on (a teacher's link can open with it on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub iteration: usize,
    pub done: usize,
    pub predict_first: bool,
}

impl Default for Position {
    fn default() -> Position {
        Position {
            iteration: 1,
            done: 0,
            predict_first: false,
        }
    }
}

/// The two-neuron lab: `x, t, w1, b1, w2, b2, eta, loss` (half or squared), over the course example, and
/// where the run stands: `it` (the iteration, from 1) and `op` (operations done in it); `predict=1` opens
/// with Predict first on.
pub fn two_neuron_from_query(query: &str) -> Result<(Spec, Position), String> {
    let mut spec = Spec::two_neuron();
    let mut at = Position::default();
    for (key, value) in parse_query(query)? {
        let slot = match key.as_str() {
            "it" => {
                at.iteration = whole(&key, &value)?;
                if !(1..=super::command::MAX_RUN).contains(&at.iteration) {
                    return Err(format!(
                        "it: the iteration is from 1 to {}.",
                        super::command::MAX_RUN
                    ));
                }
                continue;
            }
            "op" => {
                at.done = whole(&key, &value)?;
                continue;
            }
            "predict" => {
                at.predict_first = flag(&key, &value)?;
                continue;
            }
            "x" => &mut spec.data.inputs[0][0],
            "t" => &mut spec.data.targets[0][0],
            "w1" => &mut spec.layers[0].weights[0][0],
            "b1" => &mut spec.layers[0].biases[0],
            "w2" => &mut spec.layers[1].weights[0][0],
            "b2" => &mut spec.layers[1].biases[0],
            "eta" => {
                spec.optimizer.set_learning_rate(number(&key, &value)?);
                continue;
            }
            "loss" => {
                spec.loss = match value.as_str() {
                    "half" => Loss::HalfSquaredError,
                    "squared" => Loss::SquaredError,
                    _ => {
                        return Err(format!(
                            "loss: “{}” is not half or squared.",
                            shorten(&value)
                        ))
                    }
                };
                continue;
            }
            _ => {
                return Err(unknown(
                    &key,
                    "x, t, w1, b1, w2, b2, eta, loss, it, op and predict",
                ))
            }
        };
        *slot = number(&key, &value)?;
    }
    spec.validate().map_err(|e| e.to_string())?;
    Ok((spec, at))
}

/// The link of a two-neuron setup and where its run stands (left out at the start of iteration 1), with
/// `predict=1` when Predict first is on; `None`
/// when the network is not the course's shape (an imported spec).
pub fn two_neuron_query(spec: &Spec, at: Position) -> Option<String> {
    let example = Spec::two_neuron();
    let same_shape = spec.layers.len() == 2
        && spec
            .layers
            .iter()
            .zip(&example.layers)
            .all(|(a, b)| a.activation == b.activation && a.neurons() == 1 && a.inputs() == 1)
        && spec.data.inputs.len() == 1
        && matches!(spec.loss, Loss::HalfSquaredError | Loss::SquaredError)
        && spec.optimizer.name() == "sgd";
    same_shape.then(|| {
        format!(
            "x={}&t={}&w1={}&b1={}&w2={}&b2={}&eta={}&loss={}",
            write(spec.data.inputs[0][0]),
            write(spec.data.targets[0][0]),
            write(spec.layers[0].weights[0][0]),
            write(spec.layers[0].biases[0]),
            write(spec.layers[1].weights[0][0]),
            write(spec.layers[1].biases[0]),
            write(spec.optimizer.learning_rate()),
            if spec.loss == Loss::SquaredError {
                "squared"
            } else {
                "half"
            },
        ) + &if (at.iteration, at.done) == (1, 0) {
            String::new()
        } else {
            format!("&it={}&op={}", at.iteration, at.done)
        } + if at.predict_first { "&predict=1" } else { "" }
    })
}
