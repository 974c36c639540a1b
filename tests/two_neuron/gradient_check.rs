//! The gradient check the page runs (`engine::gradcheck`), on the course example and against a wrong
//! gradient.

use backprop_lab::engine::{gradcheck, Loss};
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Session;

#[test]
fn the_pages_check_agrees_on_the_course_example_under_both_error_functions() {
    let mut session = Session::two_neuron();
    let rows = session.gradient_check().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    // In the order of the page's table of parameters, so a row can be read across from one to the other.
    assert_eq!(names, ["w₂", "b₂", "w₁", "b₁"]);
    let table: Vec<String> = session
        .snapshot()
        .parameters
        .iter()
        .map(|p| p.label.clone())
        .collect();
    assert_eq!(names, table);
    // The course's gradients (E = ½(T − a)²), to the four figures it prints.
    for (row, course) in rows.iter().zip([0.05706, 0.0948, 0.001021, 0.01021]) {
        assert!(
            (row.backprop - course).abs() < 6e-4 * course.max(0.01),
            "{}: {} vs the course's {course}",
            row.name,
            row.backprop
        );
        assert!(row.difference < 1e-8, "{}: {:?}", row.name, row);
        assert!(row.agrees && !row.too_small, "{row:?}");
    }
    session
        .apply(Command::SetLoss {
            loss: Loss::SquaredError,
        })
        .unwrap();
    let doubled = session.gradient_check().unwrap();
    for (half, full) in rows.iter().zip(&doubled) {
        // E = (T − a)² is twice ½(T − a)², so both ways of measuring its slope double.
        assert!((full.backprop - 2.0 * half.backprop).abs() < 1e-15);
        assert!((full.numerical - 2.0 * half.numerical).abs() < 1e-9 * full.numerical.abs());
        assert!(full.difference < 1e-8);
    }
}

#[test]
fn the_pages_check_catches_a_wrong_gradient() {
    let session = Session::two_neuron();
    let mut trace = session.current_trace().clone();
    // The mistake the course text invites: E = (T − a)² with the gradient of ½(T − a)² (off by 2), in w₂.
    trace.gradients[1].weights[0][0] *= 0.5;
    let rows = gradcheck::check(&trace, Loss::SquaredError);
    for row in &rows {
        // Every gradient of the ½ version is half the true slope of (T − a)²: relative difference ½.
        assert!(
            (row.difference - 0.5).abs() < 1e-6 || row.name == "w₂",
            "{row:?}"
        );
    }
    let w2 = rows.iter().find(|r| r.name == "w₂").unwrap();
    assert!((w2.difference - 0.75).abs() < 1e-6, "{w2:?}");
    assert!(
        rows.iter().all(|r| !r.agrees),
        "every row is off by a factor of 2 or 4"
    );
}

/// Near the minimum the gradients fall below what a nudge of h can measure (its own error is about 1e-8 of E):
/// the check calls them too small to compare, and agreeing, instead of different.
#[test]
fn gradients_below_the_nudges_resolution_count_as_agreeing() {
    let mut session = Session::two_neuron();
    session
        .apply(Command::RunIterations { count: 5000 })
        .unwrap();
    let rows = session.gradient_check().unwrap();
    assert!(rows.iter().any(|r| r.too_small), "{rows:?}");
    for row in &rows {
        assert!(row.agrees, "{row:?}");
        if row.too_small {
            assert!(
                row.backprop.abs() < 1e-8 && row.numerical.abs() < 1e-8,
                "{row:?}"
            );
        }
    }
}

/// The page offers the check up to `MAX_CHECKED` parameters; beyond, the core says why instead.
#[test]
fn a_network_too_big_to_check_is_refused_with_its_size() {
    use backprop_lab::engine::gradcheck::MAX_CHECKED;
    use backprop_lab::engine::workloads;
    use backprop_lab::labs::two_neuron::Session;
    let mut spec = workloads::small();
    spec.layers = workloads::network(&[2, 20, 10, 1], backprop_lab::engine::Activation::Tanh, 1);
    let count = 2 * 20 + 20 + 20 * 10 + 10 + 10 + 1;
    assert!(count > MAX_CHECKED);
    let why = Session::new(spec).unwrap().gradient_check().unwrap_err();
    assert_eq!(
        why,
        format!("This network has {count} parameters; the check runs for up to {MAX_CHECKED}.")
    );
    assert!(Session::new(workloads::small())
        .unwrap()
        .gradient_check()
        .is_ok());
}
