//! Every view renders natively to SVG, so drawing code is exercised by `cargo test` without a browser.

use backprop_lab::core::{Command, Phase, Session, Spec};
use backprop_lab::views::{error_curve, network_diagram, Style};
use plotters::prelude::*;

fn svg(
    width: u32,
    height: u32,
    paint: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>),
) -> String {
    let mut text = String::new();
    {
        let area = SVGBackend::with_string(&mut text, (width, height)).into_drawing_area();
        paint(&area);
    }
    text
}

#[test]
fn the_diagram_shows_the_values_revealed_so_far() {
    let mut session = Session::two_neuron();
    let before = svg(900, 400, |a| {
        network_diagram::draw(a, &session.snapshot(), Style::default()).unwrap()
    });
    assert!(before.contains("w₁ = 0.1500"), "weights are labelled");
    assert!(
        before.contains("z₁ = ?"),
        "z₁ is unknown before the first step"
    );

    session.apply(Command::Step { count: 1 }).unwrap();
    let after = svg(900, 400, |a| {
        network_diagram::draw(a, &session.snapshot(), Style::default()).unwrap()
    });
    assert!(after.contains("z₁ = 0.4150"));
    assert!(after.contains("a₁ = ?"));

    session
        .apply(Command::Finish {
            phase: Phase::Update,
        })
        .unwrap();
    let done = svg(900, 400, |a| {
        network_diagram::draw(a, &session.snapshot(), Style::default()).unwrap()
    });
    assert!(done.contains("w₂ = 0.4272"), "updated weights are shown");
    assert!(done.contains("∂E/∂z₁ = 0.01021"));
    assert!(done.contains("E = 0.1082"));
}

#[test]
fn the_diagram_scales_text_with_the_pixel_ratio() {
    let session = Session::two_neuron();
    let one = svg(900, 400, |a| {
        network_diagram::draw(a, &session.snapshot(), Style { scale: 1.0 }).unwrap()
    });
    let two = svg(1800, 800, |a| {
        network_diagram::draw(a, &session.snapshot(), Style { scale: 2.0 }).unwrap()
    });
    let size = |svg: &str| -> f64 {
        let start = svg.find("font-size=\"").expect("the diagram has text") + "font-size=\"".len();
        svg[start..].split('"').next().unwrap().parse().unwrap()
    };
    assert!(size(&one) > 8.0, "labels are readable at ratio 1");
    assert!(
        (size(&two) - 2.0 * size(&one)).abs() < 1e-9,
        "labels double at ratio 2"
    );
}

#[test]
fn wide_networks_draw_without_labels_overlapping() {
    let spec = Spec::from_json(
        r#"{"layers": [{"weights": [[0.1, 0.2], [0.3, -0.1], [0.5, 0.5]], "biases": [0, 0, 0], "activation": "tanh"},
           {"weights": [[1, -1, 0.5]], "biases": [0.1], "activation": "sigmoid"}],
           "loss": "binary_cross_entropy", "optimizer": {"name": "adam", "learning_rate": 0.01},
           "data": {"inputs": [[1, 0], [0, 1]], "targets": [[1], [0]]}, "batch_size": 2}"#,
    )
    .unwrap();
    let mut session = Session::new(spec).unwrap();
    session
        .apply(Command::Finish {
            phase: Phase::Forward,
        })
        .unwrap();
    let text = svg(900, 400, |a| {
        network_diagram::draw(a, &session.snapshot(), Style::default()).unwrap()
    });
    assert!(
        text.matches("<circle").count() >= 4,
        "one circle per neuron"
    );
    assert!(
        !text.contains("z¹₁ = ?"),
        "wide layers show only a, inside the compact layout"
    );
}

#[test]
fn the_error_curve_plots_every_iteration() {
    let mut session = Session::two_neuron();
    session.apply(Command::RunIterations { count: 50 }).unwrap();
    let snapshot = session.snapshot();
    let losses = &session.losses()[..snapshot.loss_count];
    assert_eq!(losses.len(), 50);
    let text = svg(600, 300, |a| {
        error_curve::draw(a, losses, snapshot.iteration, Style::default()).unwrap()
    });
    assert!(text.contains("iteration"));
    assert!(text.contains("error E"));
    assert!(text.contains("<polyline"), "the loss is drawn as a line");
}

#[test]
fn the_error_curve_skips_overflowed_losses() {
    let losses = [0.5, 0.25, f64::INFINITY, f64::NAN];
    let text = svg(600, 300, |a| {
        error_curve::draw(a, &losses, 4, Style::default()).unwrap()
    });
    assert!(
        !text.contains("NaN") && !text.contains("inf"),
        "no non-finite coordinates reach the drawing"
    );
}

#[test]
fn the_error_curve_switches_to_a_log_scale_over_many_orders_of_magnitude() {
    let small = [0.5, 0.4, 0.3];
    let linear = svg(600, 300, |a| {
        error_curve::draw(a, &small, 1, Style::default()).unwrap()
    });
    assert!(!linear.contains("log scale"));
    let blowing_up = [0.5, 50.0, 5e6, 5e12];
    let log = svg(600, 300, |a| {
        error_curve::draw(a, &blowing_up, 4, Style::default()).unwrap()
    });
    assert!(log.contains("error E (log scale)"));
    assert!(
        log.contains("1e0") && log.contains("1e10"),
        "ticks are powers of ten"
    );
}
