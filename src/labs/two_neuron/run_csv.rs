//! The iteration on screen as CSV, one row per operation (iteration, operation, quantity, formula, value), for
//! a worksheet or a spreadsheet: the numbers of the step-by-step view, from the same trace.

use super::describe::describe;
use super::quantity::result;
use super::stepper::{operations, Operation};
use crate::engine::spec::Spec;
use crate::engine::trace::StepTrace;

/// What kind of operation `op` is, in words ("forward: weighted sum").
pub fn operation_name(op: Operation) -> &'static str {
    use Operation::*;
    match op {
        WeightedSum { .. } => "forward: weighted sum",
        Activate { .. } => "forward: activation",
        Loss { .. } => "forward: error",
        BatchLoss => "forward: error of the batch",
        OutputError { .. } => "backward: output error",
        ActivationSlope { .. } => "backward: activation slope",
        NeuronError { .. } => "backward: neuron error",
        WeightGradient { .. } => "backward: weight gradient",
        BiasGradient { .. } => "backward: bias gradient",
        PropagateError { .. } => "backward: error passed back",
        UpdateWeights { .. } => "update: weights",
        UpdateBias { .. } => "update: bias",
    }
}

/// The operations of `trace` (iteration `iteration`, from 1, of a run of `spec`) as CSV text with a header
/// row, quoted where a field needs it (formulas hold commas: "∂a/∂z = 1.000, because …"). A value is written
/// in full (the shortest text that reads back as the same f64); one that overflowed is left empty, and its
/// formula says so.
pub fn operations_csv(iteration: usize, trace: &StepTrace, spec: &Spec) -> String {
    let mut out = String::from("iteration,operation,quantity,formula,value\r\n");
    for op in operations(trace) {
        let (quantity, value) = result(op, trace);
        let formula = describe(op, trace, spec.loss, &spec.optimizer);
        let value = if value.is_finite() {
            value.to_string()
        } else {
            String::new()
        };
        let row = [
            &iteration.to_string(),
            operation_name(op),
            &quantity,
            &formula,
            &value,
        ];
        out += &row.map(field).join(",");
        out += "\r\n";
    }
    out
}

/// One field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, its quotes
/// doubled. (The csv crate's writer did the same for 6 KB of the page, gzipped; the native tests read the
/// result back with its reader.)
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
