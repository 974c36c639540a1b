//! Links that carry a lab's setup: `#descent?eta=0.8&data=seed_points&steps=3`. A teacher can send one link
//! and every student opens the same lesson. The text after `?` is untrusted: every refusal names the key and
//! says why, and nothing here panics.

use super::activation::Activation;
use super::descent::{DescentSetup, Model, Preset};
use super::early_stopping::{StoppingSetup, MAX_EPOCHS};
use super::loss::Loss;
use super::losses::LossSetup;
use super::spec::Spec;
use super::vanishing::ChainSetup;

/// Longer queries are refused before they are read.
pub const MAX_QUERY: usize = 4096;

/// `key=value` pairs in order. Keys are lower-case ASCII; values are percent-decoded.
pub fn parse_query(query: &str) -> Result<Vec<(String, String)>, String> {
    if query.len() > MAX_QUERY {
        return Err(format!(
            "The link's settings are longer than {MAX_QUERY} characters."
        ));
    }
    let mut pairs = Vec::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("“{}” has no “=value”.", shorten(part)))?;
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(format!(
                "“{}” is not a setting name: names are lower-case letters, digits and _.",
                shorten(key)
            ));
        }
        if pairs.iter().any(|(k, _): &(String, String)| k == key) {
            return Err(format!("{key} is given twice."));
        }
        pairs.push((
            key.to_string(),
            percent_decode(value).ok_or_else(|| format!("{key}: the value is garbled."))?,
        ));
    }
    Ok(pairs)
}

fn shorten(text: &str) -> String {
    let short: String = text.chars().take(24).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

fn percent_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b'%' => {
                let hex = value.get(k + 1..k + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                k += 3;
            }
            b'+' => {
                out.push(b' ');
                k += 1;
            }
            b => {
                out.push(b);
                k += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn number(key: &str, value: &str) -> Result<f64, String> {
    // The typographic minus, as the page writes it in its messages ("between −8 and 8").
    value
        .replace('−', "-")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{key}: “{}” is not a number.", shorten(value)))
}

fn whole(key: &str, value: &str) -> Result<usize, String> {
    value
        .parse::<usize>()
        .map_err(|_| format!("{key}: “{}” is not a whole number.", shorten(value)))
}

fn flag(key: &str, value: &str) -> Result<bool, String> {
    match value {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(format!("{key}: “{}” is not 0 or 1.", shorten(value))),
    }
}

fn unknown(key: &str, known: &str) -> String {
    format!(
        "“{}” is not a setting of this lab (it knows {known}).",
        shorten(key)
    )
}

/// Numbers in links: as short as they can be while reading back exactly.
fn write(v: f64) -> String {
    format!("{v}")
}

/// Where a two-neuron link opens: the iteration shown (1-based) and the operations done in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub iteration: usize,
    pub done: usize,
}

impl Default for Position {
    fn default() -> Position {
        Position {
            iteration: 1,
            done: 0,
        }
    }
}

/// The two-neuron lab: `x, t, w1, b1, w2, b2, eta, loss` (half or squared), over the course example, and
/// where the run stands: `it` (the iteration, from 1) and `op` (operations done in it).
pub fn two_neuron_from_query(query: &str) -> Result<(Spec, Position), String> {
    let mut spec = Spec::two_neuron();
    let mut at = Position::default();
    for (key, value) in parse_query(query)? {
        let slot = match key.as_str() {
            "it" => {
                at.iteration = whole(&key, &value)?;
                if !(1..=super::session::MAX_RUN).contains(&at.iteration) {
                    return Err(format!(
                        "it: the iteration is from 1 to {}.",
                        super::session::MAX_RUN
                    ));
                }
                continue;
            }
            "op" => {
                at.done = whole(&key, &value)?;
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
            _ => return Err(unknown(&key, "x, t, w1, b1, w2, b2, eta, loss, it and op")),
        };
        *slot = number(&key, &value)?;
    }
    spec.validate().map_err(|e| e.to_string())?;
    Ok((spec, at))
}

/// The link of a two-neuron setup and where its run stands (left out at the start of iteration 1); `None`
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
        ) + &if at == Position::default() {
            String::new()
        } else {
            format!("&it={}&op={}", at.iteration, at.done)
        }
    })
}

const PRESETS: [(&str, Preset); 5] = [
    ("exact_line", Preset::ExactLine),
    ("noisy_line", Preset::NoisyLine),
    ("seed_points", Preset::SeedPoints),
    ("outliers", Preset::Outliers),
    ("far_from_zero", Preset::FarFromZero),
];

/// The descent lab: `eta, w0, b0, model` (slope or bias), `scale` (0 or 1), `data` (a preset) or `points`
/// (`x:z;x:z…`), `batch` (points per step, 0 for all) and `steps` to show. Returns the setup and the steps.
pub fn descent_from_query(query: &str) -> Result<(DescentSetup, usize), String> {
    let mut setup = DescentSetup::default();
    let mut steps = 0;
    for (key, value) in parse_query(query)? {
        match key.as_str() {
            "eta" => setup.learning_rate = number(&key, &value)?,
            "w0" => setup.w0 = number(&key, &value)?,
            "b0" => setup.b0 = number(&key, &value)?,
            "steps" => {
                steps = whole(&key, &value)?;
                if steps > super::descent::MAX_STEPS {
                    return Err(format!(
                        "steps: the lab shows at most {} steps.",
                        super::descent::MAX_STEPS
                    ));
                }
            }
            "scale" => setup.standardize = flag(&key, &value)?,
            "batch" => setup.batch_size = whole(&key, &value)?,
            "model" => {
                setup.model = match value.as_str() {
                    "slope" => Model::Slope,
                    "bias" => Model::SlopeAndIntercept,
                    _ => {
                        return Err(format!(
                            "model: “{}” is not slope or bias.",
                            shorten(&value)
                        ))
                    }
                }
            }
            "data" => {
                let preset = PRESETS
                    .iter()
                    .find(|(name, _)| *name == value)
                    .ok_or_else(|| format!("data: “{}” is not a preset.", shorten(&value)))?;
                setup.points = preset.1.points();
            }
            "points" => {
                let text = value.replace(';', "\n").replace(':', ",");
                setup.points =
                    super::descent::parse_points(&text).map_err(|e| format!("points: {e}"))?;
            }
            _ => {
                return Err(unknown(
                    &key,
                    "eta, w0, b0, model, scale, data, points, batch and steps",
                ))
            }
        }
    }
    setup.validate()?;
    Ok((setup, steps))
}

pub fn descent_query(setup: &DescentSetup, steps: usize) -> String {
    let data = PRESETS
        .iter()
        .find(|(_, p)| p.points() == setup.points)
        .map(|(name, _)| format!("data={name}"))
        .unwrap_or_else(|| {
            let points: Vec<String> = setup
                .points
                .iter()
                .map(|p| format!("{}:{}", write(p[0]), write(p[1])))
                .collect();
            format!("points={}", points.join(";"))
        });
    let model = match setup.model {
        Model::Slope => "slope",
        Model::SlopeAndIntercept => "bias",
    };
    // Batch descent, the usual case, leaves the link as it always was.
    let batch = match setup.batch_size {
        0 => String::new(),
        size => format!("&batch={size}"),
    };
    format!(
        "eta={}&w0={}&b0={}&model={model}&scale={}&{data}{batch}&steps={steps}",
        write(setup.learning_rate),
        write(setup.w0),
        write(setup.b0),
        u8::from(setup.standardize),
    )
}

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
