//! The next step written out from its trace: w ← w − η·g with the numbers, and for a mini-batch step the
//! lens on its points, whose own slopes make its gradient.

use serde::Serialize;

use super::setup::{DescentSetup, Model};
use crate::engine::trace::StepTrace;
use crate::shared::format::{factor, sig4};

/// What Step will do from the current point, written out.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Update {
    pub dj_dw: f64,
    pub dj_db: Option<f64>,
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub next_w: f64,
    // Read by the Rust views and tests, not by the page.
    #[serde(skip_serializing)]
    pub next_b: f64,
    pub text: String,
    /// For a mini-batch step: which points it learns from and how their slopes make its gradient.
    pub batch: Option<BatchLens>,
}

/// One mini-batch step seen up close: the step's gradient is the mean of its points' own slopes, which is
/// not J's slope over all the points.
#[derive(Serialize, Clone, Debug, PartialEq)]
// The page reads the sentence; the views and the tests read the numbers.
pub struct BatchLens {
    /// The points the step learns from (0-based, into the setup's points), in the batch's order.
    #[serde(skip_serializing)]
    pub points: Vec<usize>,
    /// Each of those points' own slope dEᵢ/dw = 2(ŷᵢ − zᵢ)·xᵢ; their mean is the step's dJ/dw.
    #[serde(skip_serializing)]
    pub slopes: Vec<f64>,
    /// The cost of the step's points alone at the current w (and b): where its tangent touches its parabola.
    #[serde(skip_serializing)]
    pub cost: f64,
    /// J's slope over all the points at the same w (and b): what batch descent would follow.
    #[serde(skip_serializing)]
    pub full_dj_dw: f64,
    #[serde(skip_serializing)]
    pub full_dj_db: Option<f64>,
    /// 0-based epoch, and the step's place in it.
    #[serde(skip_serializing)]
    pub epoch: usize,
    #[serde(skip_serializing)]
    pub step_in_epoch: usize,
    #[serde(skip_serializing)]
    pub steps_per_epoch: usize,
    pub text: String,
}

fn batch_lens(setup: &DescentSetup, trace: &StepTrace, size: usize) -> BatchLens {
    let n = setup.points.len();
    let points: Vec<usize> = trace.examples.iter().map(|e| e.index).collect();
    let slopes: Vec<f64> = trace
        .examples
        .iter()
        .map(|e| e.layers[0].de_dz[0] * e.input[0])
        .collect();
    let before = &trace.before[0];
    let (full_w, full_b) = setup.gradient(before.weights[0][0], before.biases[0]);
    let steps_per_epoch = n.div_ceil(size);
    let named: Vec<String> = points.iter().map(|k| (k + 1).to_string()).collect();
    let listed: Vec<String> = slopes.iter().map(|&g| sig4(g)).collect();
    let which = match named.split_last() {
        Some((last, [])) => format!("point {last}"),
        Some((last, rest)) => format!("points {} and {last}", rest.join(", ")),
        None => "no point".into(),
    };
    let (w, b) = setup.param_names();
    let slopes_said = if slopes.len() == 1 {
        format!(
            "its own slope dEᵢ/d{w} is {}, and that is the step's g",
            listed[0]
        )
    } else {
        format!(
            "their own slopes dEᵢ/d{w} are {}, and their mean {} is the step's g",
            listed.join(", "),
            sig4(trace.gradients[0].weights[0][0])
        )
    };
    let mut text = format!(
        "This step learns from {which} (of {n}; step {} of {steps_per_epoch} in epoch {}, in a shuffled order), \
         ringed on the data. The dashed curve is their own cost; the step goes down its slope g at {w}: \
         {slopes_said}. Over all the points, J's slope here is {}.",
        trace.step % steps_per_epoch + 1,
        trace.epoch + 1,
        sig4(full_w)
    );
    // With a bias, b steps the same way: each point's own dEᵢ/db is 2(ŷᵢ − zᵢ), their mean the step's g_b.
    if setup.model == Model::SlopeAndIntercept {
        let of_b: Vec<String> = trace
            .examples
            .iter()
            .map(|e| sig4(e.layers[0].de_dz[0]))
            .collect();
        text.push_str(&format!(
            " For {b}: the points' own slopes dEᵢ/d{b} are {}, so g_b = {}, where J's is {}.",
            of_b.join(", "),
            sig4(trace.gradients[0].biases[0]),
            sig4(full_b)
        ));
    }
    BatchLens {
        points,
        slopes,
        cost: trace.loss,
        full_dj_dw: full_w,
        full_dj_db: (setup.model == Model::SlopeAndIntercept).then_some(full_b),
        epoch: trace.epoch,
        step_in_epoch: trace.step % steps_per_epoch,
        steps_per_epoch,
        text,
    }
}

pub(super) fn update(setup: &DescentSetup, trace: &StepTrace) -> Update {
    let g = &trace.gradients[0];
    let (before, after) = (&trace.before[0], &trace.after[0]);
    let eta = sig4(setup.learning_rate);
    let (w, b) = setup.param_names();
    // A mini-batch step follows its own points' slope g, not J's: the name says which.
    let (gw, gb) = if setup.mini_batch().is_some() {
        ("g".to_string(), "g_b".to_string())
    } else {
        (format!("dJ/d{w}"), format!("dJ/d{b}"))
    };
    let mut text = format!(
        "{w} ← {w} − η·{gw} = {} − {eta} × {} = {}",
        sig4(before.weights[0][0]),
        factor(g.weights[0][0]),
        sig4(after.weights[0][0])
    );
    if setup.model == Model::SlopeAndIntercept {
        text.push_str(&format!(
            ";  {b} ← {b} − η·{gb} = {} − {eta} × {} = {}",
            sig4(before.biases[0]),
            factor(g.biases[0]),
            sig4(after.biases[0])
        ));
    }
    Update {
        dj_dw: g.weights[0][0],
        dj_db: (setup.model == Model::SlopeAndIntercept).then_some(g.biases[0]),
        next_w: after.weights[0][0],
        next_b: after.biases[0],
        text,
        batch: setup
            .mini_batch()
            .map(|size| batch_lens(setup, trace, size)),
    }
}
