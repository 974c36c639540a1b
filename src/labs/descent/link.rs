//! The descent lab's part of the address: its setup as a link query, read back with a reason for every
//! refusal.

use super::points::parse_points;
use super::preset::Preset;
use super::setup::{DescentSetup, Model, MAX_STEPS};
use crate::shared::query::{flag, number, parse_query, shorten, unknown, whole, write};

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
                if steps > MAX_STEPS {
                    return Err(format!("steps: the lab shows at most {MAX_STEPS} steps."));
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
                setup.points = parse_points(&text).map_err(|e| format!("points: {e}"))?;
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
