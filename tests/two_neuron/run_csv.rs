//! The iteration on screen as CSV: one row per operation, read back with a CSV reader, with the course's
//! numbers in it.

use crate::common::assert_sig4;
use backprop_lab::engine::Spec;
use backprop_lab::labs::two_neuron::stepper::operations;
use backprop_lab::labs::two_neuron::{Command, Phase, Session};

fn read(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Iteration 1 of the course example: a header, then one row per operation, each with its iteration, kind,
/// quantity, formula and value; the gradients and the new weights are the course's.
#[test]
fn the_first_iteration_as_csv_has_the_course_numbers() {
    let session = Session::two_neuron();
    let rows = read(&session.operations_csv());
    assert_eq!(
        rows[0],
        ["iteration", "operation", "quantity", "formula", "value"]
    );
    assert_eq!(rows.len(), 1 + operations(session.current_trace()).len());
    assert!(rows[1..].iter().all(|r| r.len() == 5 && r[0] == "1"));
    let value = |quantity: &str| -> f64 {
        let row = rows
            .iter()
            .find(|r| r[2] == quantity)
            .unwrap_or_else(|| panic!("no row for {quantity}"));
        // The value is the number the row's formula ends with, at the four figures the page shows.
        assert!(row[3].ends_with(&backprop_lab::shared::format::sig4(row[4].parse().unwrap())));
        row[4].parse().unwrap()
    };
    assert_sig4(value("∂E/∂w₂"), 0.05706, "∂E/∂w₂");
    assert_sig4(value("∂E/∂b₂"), 0.0948, "∂E/∂b₂");
    assert_sig4(value("∂E/∂w₁"), 0.001021, "∂E/∂w₁");
    assert_sig4(value("∂E/∂b₁"), 0.01021, "∂E/∂b₁");
    assert_sig4(value("the new w₂"), 0.427, "new w₂");
    assert_sig4(value("the new b₂"), 0.612, "new b₂");
    assert_sig4(value("the new w₁"), 0.1496, "new w₁");
    assert_sig4(value("the new b₁"), 0.3959, "new b₁");
    let z1 = &rows[1];
    assert_eq!(
        (z1[1].as_str(), z1[2].as_str()),
        ("forward: weighted sum", "z₁")
    );
}

/// A formula with a comma (the ReLU's slope says "…, because z is positive") is quoted, and reads back whole;
/// the iteration column follows the iteration on screen.
#[test]
fn a_formula_with_a_comma_is_quoted_and_the_iteration_is_counted() {
    let relu = Spec::from_json(
        r#"{"layers": [{"weights": [[1]], "biases": [0.5], "activation": "relu"},
           {"weights": [[-1]], "biases": [0], "activation": "identity"}],
           "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.1},
           "data": {"inputs": [[1]], "targets": [[1]]}, "batch_size": 1}"#,
    )
    .unwrap();
    let mut session = Session::new(relu).unwrap();
    session.apply(Command::NextIteration).unwrap();
    session
        .apply(Command::Finish {
            phase: Phase::Forward,
        })
        .unwrap();
    let text = session.operations_csv();
    let rows = read(&text);
    assert!(rows[1..].iter().all(|r| r[0] == "2"), "{text}");
    let with_comma: Vec<&Vec<String>> = rows.iter().filter(|r| r[3].contains(',')).collect();
    assert!(
        !with_comma.is_empty(),
        "the ReLU's slope has a comma: {text}"
    );
    for row in &with_comma {
        assert!(text.contains(&format!("\"{}\"", row[3])), "{}", row[3]);
    }
    assert!(rows[1..].iter().all(|r| r.len() == 5));
}
