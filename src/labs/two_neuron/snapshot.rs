//! What the page shows, as plain data: the `Snapshot` of a session, the operations and table rows it holds,
//! and how it is read off the run.

use serde::Serialize;

use super::chain::{chain_rules, ChainRule};
use super::describe::describe;
use super::divergence::{overflow_note, stalled, Divergence};
use super::history::History;
use super::predict::{Score, Verdict};
use super::quantity::result;
use super::question::prompt;
use super::stepper::{Operation, Phase, Shown, StepView};
use crate::engine::activation::Activation;
use crate::engine::layer::Layer;
use crate::engine::loss::Loss;
use crate::engine::names::Names;
use crate::engine::optimizer::Optimizer;
use crate::engine::spec::Spec;
use crate::engine::trace::StepTrace;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct OperationView {
    /// Not sent to the page, which reads the phase, the text and the quantity: serialising this enum of
    /// a dozen shapes cost the page 1 KB, gzipped, for nothing.
    #[serde(skip)]
    pub operation: Operation,
    pub phase: Phase,
    pub text: String,
    /// What the operation computes (its name, as `z₁` or `the new w₂`) and its value: what a class is asked
    /// to predict before Step reveals it.
    pub quantity: String,
    /// Not sent when it overflowed (the text says "overflowed"); the page does not read it.
    #[serde(skip_serializing_if = "no_number")]
    pub value: f64,
    /// The sentence with that value (wherever it appears) and the final result hidden as "?": what the
    /// page shows of the next operation, so a prediction is not read off the screen.
    pub prompt: String,
}

fn no_number(value: &f64) -> bool {
    !value.is_finite()
}

/// One neuron's values for the first example of the step, with its name.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct NeuronRow {
    pub label: String,
    pub layer: usize,
    pub neuron: usize,
    pub z: Shown,
    pub a: Shown,
    pub de_da: Shown,
    pub da_dz: Shown,
    pub de_dz: Shown,
    /// Which of these overflowed (`de_da` only: see `LayerView::de_da`); the page writes "overflowed" there.
    pub overflowed: Vec<&'static str>,
}

/// One weight or bias: its value when the step began, its gradient and its value after the update, each
/// once known.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ParamRow {
    pub label: String,
    /// `weight` or `bias`.
    pub kind: &'static str,
    pub layer: usize,
    pub neuron: usize,
    /// For weights, the input (or previous neuron) the edge comes from.
    pub input: Option<usize>,
    pub value: f64,
    pub gradient: Shown,
    pub after: Shown,
}

/// Everything the page shows, as plain data.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// 1-based iteration being shown.
    pub iteration: usize,
    /// Operations done in this iteration, of `operation_count`.
    pub done: usize,
    pub operation_count: usize,
    /// `start`, `forward`, `backward`, `update` (the phase of the last operation done) or `done`.
    pub stage: &'static str,
    /// The operation just done, with its numbers.
    pub last: Option<OperationView>,
    /// The operation that Step will do next.
    pub next: Option<OperationView>,
    pub view: StepView,
    pub neurons: Vec<NeuronRow>,
    pub parameters: Vec<ParamRow>,
    /// Names of the inputs and targets (x, T for the seed's chain).
    pub input_labels: Vec<String>,
    pub target_labels: Vec<String>,
    pub chain: Vec<ChainRule>,
    pub architecture: Vec<usize>,
    pub activations: Vec<Activation>,
    /// The course's own network: one input, two sigmoid neurons in a chain. Its sentences (a₂, w₂, 0.0571)
    /// are about this network only.
    pub course_chain: bool,
    pub loss_name: &'static str,
    pub loss_formula: &'static str,
    /// `sgd`, `momentum`, `rmsprop` or `adam`.
    pub optimizer: &'static str,
    /// The optimizer as the title names it ("Adam"); None for plain gradient descent, the course's, which
    /// goes unnamed.
    pub trained_with: Option<&'static str>,
    pub learning_rate: f64,
    /// The setup's example inputs and targets (what the edit fields show).
    pub inputs: Vec<Vec<f64>>,
    pub targets: Vec<Vec<f64>>,
    /// The loss at the start of each iteration so far (drawn by the error curve).
    pub loss_count: usize,
    pub latest_loss: Option<f64>,
    pub diverged: Option<Divergence>,
    /// Why a number on screen reads "overflowed" although the run goes on (divergence.rs, `overflow_note`),
    /// once that number has been computed.
    pub overflow_note: Option<String>,
    /// Learning has stalled although nothing overflowed: every neuron saturated, so every gradient is ≈ 0.
    pub stalled: Option<String>,
    pub can_step_back: bool,
    /// The last Predict's verdict, until the next command.
    pub prediction: Option<Verdict>,
    /// The run's Predict first score, once a guess has been judged.
    pub score: Option<Score>,
    /// Predict first is on.
    pub predict_first: bool,
    /// The iteration on screen began from the course example's values (its x, T, weights, biases and η), so
    /// under E = ½(T − a)² its numbers are the course's.
    pub course_values: bool,
}

impl Snapshot {
    /// What the page shows of `history` where it stands, with Predict first's last verdict and score.
    pub(super) fn of(
        history: &History,
        prediction: Option<Verdict>,
        score: Option<Score>,
        predict_first: bool,
    ) -> Snapshot {
        let trace = history.current_trace();
        let spec = history.spec();
        let ops = history.ops();
        let done = history.done();
        let view = StepView::new(trace, ops, done);
        let op_view = |op: Operation| {
            let (quantity, value) = result(op, trace);
            let text = describe(op, trace, spec.loss, &spec.optimizer);
            OperationView {
                operation: op,
                phase: op.phase(),
                prompt: prompt(&text, value),
                text,
                quantity,
                value,
            }
        };
        let last = done.checked_sub(1).map(|i| op_view(ops[i]));
        let stage = match (&last, done == ops.len()) {
            (_, true) => "done",
            (None, _) => "start",
            (Some(v), _) => match v.phase {
                Phase::Forward => "forward",
                Phase::Backward => "backward",
                Phase::Update => "update",
            },
        };
        let loss_derivative = match spec.loss {
            Loss::HalfSquaredError => "a − T",
            Loss::SquaredError => "2(a − T)",
            Loss::BinaryCrossEntropy => "(a − T)/(a(1 − a))",
            Loss::CrossEntropy => "−T/a",
        };
        let chain = chain_rules(trace, &view, loss_derivative);
        let loss_count = history.loss_count();
        let names = Names::for_layers(&trace.before);
        let (neurons, parameters) = rows(trace, &view, names);
        Snapshot {
            iteration: history.iteration() + 1,
            neurons,
            parameters,
            input_labels: (0..trace.before[0].inputs())
                .map(|i| names.input(i))
                .collect(),
            target_labels: (0..trace.examples[0].target.len())
                .map(|j| names.target(j))
                .collect(),
            done,
            operation_count: ops.len(),
            stage,
            next: ops.get(done).map(|&op| op_view(op)),
            last,
            chain,
            architecture: std::iter::once(trace.before[0].inputs())
                .chain(trace.before.iter().map(Layer::neurons))
                .collect(),
            activations: trace.before.iter().map(|l| l.activation).collect(),
            course_chain: trace.before.len() == 2
                && trace.before[0].inputs() == 1
                && trace
                    .before
                    .iter()
                    .all(|l| l.neurons() == 1 && l.activation == Activation::Sigmoid),
            loss_name: spec.loss.name(),
            loss_formula: spec.loss.formula(),
            optimizer: spec.optimizer.name(),
            trained_with: (!matches!(spec.optimizer, Optimizer::Sgd { .. }))
                .then(|| spec.optimizer.title()),
            learning_rate: spec.optimizer.learning_rate(),
            inputs: spec.data.inputs.clone(),
            targets: spec.data.targets.clone(),
            loss_count,
            latest_loss: loss_count.checked_sub(1).and_then(|i| history.loss(i)),
            diverged: history
                .diverged()
                .cloned()
                .filter(|d| history.iteration() + 1 >= d.iteration),
            can_step_back: history.can_step_back(),
            prediction,
            score,
            predict_first,
            course_values: {
                let course = Spec::two_neuron();
                trace.before == course.layers
                    && spec.data == course.data
                    && spec.optimizer == course.optimizer
            },
            stalled: stalled(trace, history.stalled_from_start()),
            overflow_note: view
                .examples
                .iter()
                .any(|e| e.layers.iter().any(|l| l.de_da_overflowed.contains(&true)))
                .then(|| overflow_note(trace))
                .flatten(),
            view,
        }
    }
}

/// The tables' rows, from the trace and what the view has revealed.
fn rows(trace: &StepTrace, view: &StepView, names: Names) -> (Vec<NeuronRow>, Vec<ParamRow>) {
    let ex = &view.examples[0];
    let mut neurons = Vec::new();
    let mut parameters = Vec::new();
    for (l, layer) in trace.before.iter().enumerate() {
        let v = &ex.layers[l];
        for j in 0..layer.neurons() {
            let label = if names.is_chain() {
                format!("neuron {}", l + 1)
            } else {
                format!("layer {} neuron {}", l + 1, j + 1)
            };
            neurons.push(NeuronRow {
                label,
                layer: l,
                neuron: j,
                z: v.z[j],
                a: v.a[j],
                de_da: v.de_da[j],
                da_dz: v.da_dz[j],
                de_dz: v.de_dz[j],
                overflowed: if v.de_da_overflowed[j] {
                    vec!["de_da"]
                } else {
                    Vec::new()
                },
            });
        }
    }
    // Output layer first, as the backward pass meets them.
    for (l, layer) in trace.before.iter().enumerate().rev() {
        for j in 0..layer.neurons() {
            for i in 0..layer.inputs() {
                parameters.push(ParamRow {
                    label: names.weight(l, j, i),
                    kind: "weight",
                    layer: l,
                    neuron: j,
                    input: Some(i),
                    value: layer.weights[j][i],
                    gradient: view.gradients[l].de_dw[j][i],
                    after: view.updated[l].weights[j].then(|| trace.after[l].weights[j][i]),
                });
            }
            parameters.push(ParamRow {
                label: names.bias(l, j),
                kind: "bias",
                layer: l,
                neuron: j,
                input: None,
                value: layer.biases[j],
                gradient: view.gradients[l].de_db[j],
                after: view.updated[l].biases[j].then(|| trace.after[l].biases[j]),
            });
        }
    }
    (neurons, parameters)
}
