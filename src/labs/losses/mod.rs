//! The losses lab: squared error and cross-entropy on one sigmoid output, side by side.
//!
//! The lesson is one line of the chain rule. Through a sigmoid, ∂E/∂z = ∂E/∂a · σ′(z). Squared error's
//! ∂E/∂a is a − T, so a confidently wrong output (σ′ near 0) gets almost no gradient and learns slowly.
//! Cross-entropy's ∂E/∂a is (a − T)/(a(1 − a)), whose denominator is σ′ itself: it cancels, ∂E/∂z = a − T,
//! and the wrong output learns fastest when it is most wrong. Both squared forms are shown, the course's
//! ½(T − a)² and (T − a)², so the factor of 2 between them is in plain sight.

pub mod link;
pub mod setup;
pub mod views;

pub use setup::{LossSetup, CLOSE, COMPARED, INPUT, MAX_ITERATIONS, MAX_RATE, Z_RANGE};

use serde::{Deserialize, Serialize};

use crate::engine::loss_curve::thinned;
use crate::engine::{Activation, Loss};
use crate::shared::format::sig4;

/// What the page, the legends and the sentences call each compared loss.
pub fn loss_name(loss: Loss) -> &'static str {
    match loss {
        Loss::HalfSquaredError => "½ squared error",
        Loss::SquaredError => "squared error",
        _ => "cross-entropy",
    }
}

/// One loss at one z: the chain rule's three factors and their product.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct LossAtZ {
    pub loss: Loss,
    pub name: &'static str,
    pub e: f64,
    pub de_da: f64,
    pub da_dz: f64,
    /// ∂E/∂a · ∂a/∂z, multiplied as written.
    pub de_dz: f64,
}

pub fn loss_at(loss: Loss, z: f64, target: f64) -> LossAtZ {
    let a = Activation::Sigmoid.value(z);
    let de_da = loss.de_da_one(a, target);
    let da_dz = Activation::Sigmoid.derivative(z, a);
    LossAtZ {
        loss,
        name: loss_name(loss),
        e: loss.value(&[a], &[target]),
        de_da,
        da_dz,
        de_dz: de_da * da_dz,
    }
}

/// A point of the plotted curves: every compared loss's E and ∂E/∂z at one z.
#[derive(Clone, Debug, PartialEq)]
pub struct CurvePoint {
    pub z: f64,
    pub e: [f64; 3],
    pub de_dz: [f64; 3],
}

pub fn curves(target: f64, samples: usize) -> Vec<CurvePoint> {
    (0..=samples)
        .map(|k| {
            let z = -Z_RANGE + 2.0 * Z_RANGE * k as f64 / samples as f64;
            let at = COMPARED.map(|loss| loss_at(loss, z, target));
            CurvePoint {
                z,
                e: at.clone().map(|r| r.e),
                de_dz: at.map(|r| r.de_dz),
            }
        })
        .collect()
}

/// One loss's training run from the setup's z.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct LossRun {
    pub loss: Loss,
    pub name: &'static str,
    /// The output a before the first update and after each one: iterations + 1 values.
    #[serde(skip_serializing)]
    pub outputs: Vec<f64>,
    /// `outputs` thinned for the chart (`loss_curve::thinned`): 5,000 updates a run, three runs, redrawn on
    /// every move of the slider.
    #[serde(skip_serializing)]
    pub chart: Vec<[f64; 2]>,
    pub last_output: f64,
    /// Updates after which |T − a| ≤ CLOSE for good (0 when it starts there and stays); None when the run
    /// ends farther away.
    pub settled_after: Option<usize>,
}

/// ∂E/∂z behind the sigmoid, as the trainers compute it: cross-entropy fused to a − T, the others through
/// ∂E/∂a · σ′(z).
fn slope(loss: Loss, z: f64, a: f64, target: f64) -> f64 {
    if loss == Loss::BinaryCrossEntropy {
        a - target
    } else {
        loss.de_da_one(a, target) * Activation::Sigmoid.derivative(z, a)
    }
}

/// One neuron's run, written out: a slider drag retrains all three runs, up to 15,000 updates, on every move,
/// and the general trainers spend most of a step on bookkeeping a lone neuron does not need (a drag at 5,000
/// updates took 14 ms a frame with `FastTrainer`). The arithmetic is the trainers' own, operation for
/// operation (z = w·1 + b; the batch of one scales by 1; w and b each move by η·∂E/∂z), and a test holds the
/// outputs to the traced `Trainer`'s, bit for bit.
pub fn run(setup: &LossSetup, loss: Loss) -> Result<LossRun, String> {
    setup.validate()?;
    let (target, rate) = (setup.target, setup.learning_rate);
    let (mut w, mut b) = (setup.z, 0.0);
    let mut outputs = Vec::with_capacity(setup.iterations + 1);
    let mut z = w * INPUT + b;
    outputs.push(Activation::Sigmoid.value(z));
    for _ in 0..setup.iterations {
        let a = outputs[outputs.len() - 1];
        let g = slope(loss, z, a, target);
        w -= rate * (g * INPUT);
        b -= rate * g;
        z = w * INPUT + b;
        outputs.push(Activation::Sigmoid.value(z));
    }
    let last_output = outputs[outputs.len() - 1];
    // From the last update that left the output far from T: a run that swings across T (a large η) can pass
    // close early and never stay.
    let far = |a: &f64| (setup.target - a).abs() > CLOSE;
    let settled_after = match outputs.iter().rposition(far) {
        None => Some(0),
        Some(k) if k + 1 < outputs.len() => Some(k + 1),
        Some(_) => None,
    };
    Ok(LossRun {
        loss,
        name: loss_name(loss),
        last_output,
        settled_after,
        chart: thinned(&outputs),
        outputs,
    })
}

/// What the lab shows.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct LossesSnapshot {
    pub setup: LossSetup,
    /// σ(z).
    pub a: f64,
    /// One row per compared loss, at the setup's z.
    pub rows: Vec<LossAtZ>,
    /// How many times cross-entropy's ∂E/∂z is the ½ form's: 1/σ′(z), at any target (None where a = T).
    pub steeper: Option<f64>,
    pub runs: Vec<LossRun>,
    /// The table's lesson in a sentence, with its numbers.
    pub summary: String,
    /// The plotted curves over |z| ≤ 8. Drawn in Rust; not sent to the page.
    #[serde(skip_serializing)]
    pub curves: Vec<CurvePoint>,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum LossesCommand {
    SetZ {
        z: f64,
    },
    SetTarget {
        target: f64,
    },
    SetLearningRate {
        rate: f64,
    },
    SetIterations {
        iterations: usize,
    },
    /// Back to the lab's own start: confidently wrong, z = −4 with T = 1.
    Reset,
}

pub struct LossesLab {
    setup: LossSetup,
    runs: Vec<LossRun>,
    curves: Vec<CurvePoint>,
}

impl LossesLab {
    pub fn new(setup: LossSetup) -> Result<LossesLab, String> {
        let mut lab = LossesLab {
            setup: LossSetup::default(),
            runs: Vec::new(),
            curves: Vec::new(),
        };
        lab.change(|s| *s = setup)?;
        Ok(lab)
    }

    /// A refused change leaves everything as it was.
    fn change(&mut self, change: impl FnOnce(&mut LossSetup)) -> Result<(), String> {
        let mut setup = self.setup.clone();
        change(&mut setup);
        setup.validate()?;
        let runs = COMPARED
            .iter()
            .map(|&loss| run(&setup, loss))
            .collect::<Result<Vec<_>, _>>()?;
        if self.curves.is_empty() || setup.target != self.setup.target {
            self.curves = curves(setup.target, 320);
        }
        self.setup = setup;
        self.runs = runs;
        Ok(())
    }

    pub fn apply(&mut self, command: LossesCommand) -> Result<(), String> {
        match command {
            LossesCommand::SetZ { z } => self.change(|s| s.z = z),
            LossesCommand::SetTarget { target } => self.change(|s| s.target = target),
            LossesCommand::SetLearningRate { rate } => self.change(|s| s.learning_rate = rate),
            LossesCommand::SetIterations { iterations } => {
                self.change(|s| s.iterations = iterations)
            }
            LossesCommand::Reset => self.change(|s| *s = LossSetup::default()),
        }
    }

    pub fn link(&self) -> String {
        link::losses_query(&self.setup)
    }

    pub fn open_link(&mut self, query: &str) -> Result<(), String> {
        let setup = link::losses_from_query(query)?;
        self.change(|s| *s = setup)
    }

    pub fn snapshot(&self) -> LossesSnapshot {
        let LossSetup { z, target, .. } = self.setup;
        let rows: Vec<LossAtZ> = COMPARED.iter().map(|&l| loss_at(l, z, target)).collect();
        let a = Activation::Sigmoid.value(z);
        let row = |loss: Loss| rows.iter().find(|r| r.loss == loss);
        let steeper = match (row(Loss::HalfSquaredError), row(Loss::BinaryCrossEntropy)) {
            (Some(half), Some(cross)) if half.de_dz != 0.0 => Some(cross.de_dz / half.de_dz),
            _ => None,
        };
        LossesSnapshot {
            setup: self.setup.clone(),
            a,
            summary: summary(a, target, &rows, steeper),
            steeper,
            rows,
            runs: self.runs.clone(),
            curves: self.curves.clone(),
        }
    }
}

/// Says what the table shows: how much more cross-entropy sends back, and why.
fn summary(a: f64, target: f64, rows: &[LossAtZ], steeper: Option<f64>) -> String {
    let row = |loss: Loss| rows.iter().find(|r| r.loss == loss);
    let (Some(half), Some(cross), Some(steeper)) = (
        row(Loss::HalfSquaredError),
        row(Loss::BinaryCrossEntropy),
        steeper,
    ) else {
        return "Here a = T: every loss is at its minimum and sends nothing back.".into();
    };
    let mut text = format!(
        "σ′(z) = {}. The ½ form sends back ∂E/∂z = {}, cross-entropy {}: {} times as much, which is 1/σ′(z) \
         at any target.",
        sig4(half.da_dz),
        sig4(half.de_dz),
        sig4(cross.de_dz),
        sig4(steeper)
    );
    // Wrong by more than half the range, on the flat part of the sigmoid.
    if (target - a).abs() > 0.5 && half.da_dz < 0.05 {
        text.push_str(&format!(
            " The output is confidently wrong: squared error's slope is nearly 0 just where the neuron most \
             needs to move, while cross-entropy's is a − T = {}, as large as the error itself.",
            sig4(a - target)
        ));
    } else if (target - a).abs() <= CLOSE {
        text.push_str(" Both are small: the output is already close to T.");
    }
    text
}

crate::shared::lab::linkable_lab!(LossesLab, LossesCommand, LossesSnapshot);
