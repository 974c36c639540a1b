//! The lab's views drawn to SVG natively: what they draw, where, and that labels stay apart.

#[allow(unused_imports)]
use crate::common::svg::*;
use backprop_lab::engine::Spec;
use backprop_lab::labs::two_neuron::views::{error_curve, network_diagram};
use backprop_lab::labs::two_neuron::{Command, Phase, Session};
use backprop_lab::shared::chart::Style;

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
    let points = session.loss_curve();
    assert_eq!(points.len(), 50);
    let text = svg(600, 300, |a| {
        error_curve::draw(a, points, snapshot.iteration, Style::default()).unwrap()
    });
    assert!(text.contains("iteration"));
    assert!(text.contains("error E"));
    assert!(text.contains("<polyline"), "the loss is drawn as a line");
}

/// Issue 19: after Next iteration the page says "E at iteration 1: 0.1082", and the chart must show that
/// one point, though a line through one point draws nothing. While the points are few, each has a marker.
#[test]
fn the_error_curve_shows_its_first_point_and_marks_each_of_a_few() {
    let mut session = Session::two_neuron();
    session.apply(Command::NextIteration).unwrap();
    let snapshot = session.snapshot();
    let points = session.loss_curve();
    assert_eq!(points.len(), 1, "one error known: iteration 1's");
    assert_eq!(
        snapshot.iteration, 2,
        "the page stands at iteration 2, whose E is not known yet"
    );
    for (width, height, scale) in [(600, 300, 1.0), (700, 400, 2.0)] {
        let text = svg(width, height, |a| {
            error_curve::draw(a, points, snapshot.iteration, Style { scale }).unwrap()
        });
        let markers = filled_circles(&text, "#0072B2");
        assert_eq!(
            markers.len(),
            1,
            "the one error is drawn as a point: {markers:?}"
        );
        // Iteration 1 is the left end of the x axis; E = 0.1082 is inside the plot, not on its edge.
        let m = markers[0];
        assert!(
            m[0] < width as f64 * 0.3 && m[1] > 0.0 && m[1] < height as f64,
            "{m:?}"
        );
    }
    // A few iterations: a marker on each, so each iteration can be counted.
    session.apply(Command::RunIterations { count: 4 }).unwrap();
    let points = session.loss_curve();
    let text = svg(600, 300, |a| {
        error_curve::draw(a, points, session.snapshot().iteration, Style::default()).unwrap()
    });
    assert_eq!(filled_circles(&text, "#0072B2").len(), points.len());
    // Many: the line alone, or the markers would merge into a thick smudge.
    session
        .apply(Command::RunIterations { count: 500 })
        .unwrap();
    let points = session.loss_curve();
    let text = svg(600, 300, |a| {
        error_curve::draw(a, points, session.snapshot().iteration, Style::default()).unwrap()
    });
    assert!(filled_circles(&text, "#0072B2").is_empty());
}

#[test]
fn the_error_curve_skips_overflowed_losses() {
    let losses = [
        [1.0, 0.5],
        [2.0, 0.25],
        [3.0, f64::INFINITY],
        [4.0, f64::NAN],
    ];
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
    let small = [[1.0, 0.5], [2.0, 0.4], [3.0, 0.3]];
    let linear = svg(600, 300, |a| {
        error_curve::draw(a, &small, 1, Style::default()).unwrap()
    });
    assert!(!linear.contains("log scale"));
    let blowing_up = [[1.0, 0.5], [2.0, 50.0], [3.0, 5e6], [4.0, 5e12]];
    let log = svg(600, 300, |a| {
        error_curve::draw(a, &blowing_up, 4, Style::default()).unwrap()
    });
    assert!(log.contains("error E (log scale)"));
    assert!(
        ["10⁰", "10¹⁰"]
            .iter()
            .all(|d| text_boxes(&log).iter().any(|(t, _)| t == d)),
        "ticks are powers of ten, written 10ⁿ"
    );
    assert_each_decade_labelled_once(&log, "error curve");
    // Fewer decades, where plotters puts ticks at half decades too.
    let few = [[1.0, 1.0], [2.0, 0.1], [3.0, 1e-3], [4.0, 1e-5]];
    let log = svg(600, 300, |a| {
        error_curve::draw(a, &few, 4, Style::default()).unwrap()
    });
    assert_each_decade_labelled_once(&log, "error curve over five decades");
}

/// A network with two neurons in a column writes every value out without one label running into another,
/// from a tablet to a projector: crossing edges share their middle, so their weights must sit elsewhere, and
/// each neuron's six lines of values must end before the next neuron.
#[test]
fn two_neurons_a_column_draw_every_value_without_overlaps() {
    let spec = Spec::from_json(
        r#"{"layers": [{"weights": [[0.1, 0.2], [0.3, -0.1]], "biases": [0, 0], "activation": "sigmoid"},
           {"weights": [[1, -1]], "biases": [0.1], "activation": "sigmoid"}],
           "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.5},
           "data": {"inputs": [[1, 0]], "targets": [[1]]}, "batch_size": 1}"#,
    )
    .unwrap();
    let mut session = Session::new(spec).unwrap();
    session
        .apply(Command::Finish {
            phase: Phase::Backward,
        })
        .unwrap();
    for (width, height) in [
        (320, 352),
        (460, 352),
        (599, 336),
        (640, 336),
        (760, 336),
        (900, 336),
        (1248, 336),
        (1248, 512),
    ] {
        let text = svg(width, height, |a| {
            network_diagram::draw(a, &session.snapshot(), Style::default()).unwrap()
        });
        let what = format!("2-2-1 at {width}×{height}");
        // From 600 px every value is written out; narrower, each neuron shows its a (the tables have all).
        let values: &[&str] = if width >= 600 {
            &[
                "w¹₁,₂ = 0.2000",
                "w¹₂,₁ = 0.3000",
                "z¹₂ = 0.3000",
                "∂E/∂z¹₁ = -0.03037",
            ]
        } else {
            &["0.5250", "0.5744", "0.5126"]
        };
        for value in values {
            assert!(text.contains(value), "{what}: {value}");
        }
        assert_no_label_overlaps(&text, &what);
        for (label, b) in text_boxes(&text) {
            assert!(
                b[3] <= height as f64,
                "{what}: “{label}” {b:?} is below the canvas"
            );
        }
    }
}

/// Two inputs feeding one neuron need no smaller type: inputs have one line of values each, so only the
/// neurons' columns decide how much room the values have (the type was shrunk to two thirds).
#[test]
fn two_inputs_keep_the_full_type_size() {
    let spec = Spec::from_json(
        r#"{"layers": [{"weights": [[0.1, 0.2]], "biases": [0], "activation": "sigmoid"},
           {"weights": [[1]], "biases": [0.1], "activation": "sigmoid"}],
           "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.5},
           "data": {"inputs": [[1, 0]], "targets": [[1]]}, "batch_size": 1}"#,
    )
    .unwrap();
    let sizes = |session: &Session| -> std::collections::BTreeSet<String> {
        let text = svg(1248, 336, |a| {
            network_diagram::draw(a, &session.snapshot(), Style::default()).unwrap()
        });
        text.split("font-size=\"")
            .skip(1)
            .map(|t| t.split('"').next().unwrap().to_string())
            .collect()
    };
    let two_inputs = sizes(&Session::new(spec).unwrap());
    assert_eq!(
        two_inputs,
        sizes(&Session::two_neuron()),
        "the chain's type"
    );
}

/// The two-neuron chain sits in the middle of the height under the loss line at every width, so a canvas
/// made wide and short by a projector's zoom is not left empty below the diagram.
#[test]
fn the_two_neuron_diagram_is_centred_in_its_canvas() {
    let mut session = Session::two_neuron();
    session
        .apply(Command::Finish {
            phase: Phase::Backward,
        })
        .unwrap();
    for (width, height) in [(640, 336), (760, 336), (1248, 336), (1248, 420)] {
        let text = svg(width, height, |a| {
            network_diagram::draw(a, &session.snapshot(), Style::default()).unwrap()
        });
        // The loss and the legend are the top line; the diagram is everything under it.
        let boxes: Vec<[f64; 4]> = text_boxes(&text)
            .into_iter()
            .map(|(_, b)| b)
            .filter(|b| b[1] > 30.0)
            .collect();
        let top = boxes.iter().map(|b| b[1]).fold(f64::INFINITY, f64::min);
        let bottom = boxes.iter().map(|b| b[3]).fold(0.0, f64::max);
        let (above, below) = (top - 46.0, height as f64 - bottom);
        assert!(
            below > 0.0 && below < above + 60.0 && above < below + 60.0,
            "{width}×{height}: {above:.0} px free above the diagram, {below:.0} below"
        );
    }
}

/// A phone held upright (a 320-pixel canvas) gets the chain drawn top to bottom, so the labels of the four
/// columns no longer run together; a desktop keeps the left-to-right layout, also without overlaps.
#[test]
fn the_two_neuron_diagram_labels_never_overlap_from_phone_to_desktop() {
    for (width, height) in [
        (320, 352),
        (390, 352),
        (600, 336),
        (683, 336),
        (740, 336),
        (768, 336),
        (800, 336),
        (900, 336),
        (1200, 336),
    ] {
        let draw = |session: &Session| {
            svg(width, height, |a| {
                network_diagram::draw(a, &session.snapshot(), Style::default()).unwrap()
            })
        };
        let mut session = Session::two_neuron();
        assert_no_label_overlaps(
            &draw(&session),
            &format!("{width} px, before the first step"),
        );
        session
            .apply(Command::Finish {
                phase: Phase::Update,
            })
            .unwrap();
        let text = draw(&session);
        assert!(
            text.contains("w₂ = 0.4272"),
            "{width} px: the updated weight is shown"
        );
        assert_no_label_overlaps(&text, &format!("{width} px, after a whole iteration"));
    }
}

/// Issue 19: on a phone held upright (the chain drawn top to bottom) the diagram's numbers were 11 px. They
/// are at least 12.5 px there, at the page's usual type size, and still clear of each other.
#[test]
fn the_upright_diagram_writes_its_numbers_large_enough_to_read() {
    let mut session = Session::two_neuron();
    session
        .apply(Command::Finish {
            phase: Phase::Backward,
        })
        .unwrap();
    for width in [300, 343, 390] {
        let text = svg(width, 352, |a| {
            network_diagram::draw(a, &session.snapshot(), Style::default()).unwrap()
        });
        // Plotters writes an SVG's font-size as the size in pixels / 1.24 (the canvas takes the pixels).
        let sizes: Vec<f64> = text
            .split("font-size=\"")
            .skip(1)
            .map(|t| t.split('"').next().unwrap().parse::<f64>().unwrap() * 1.24)
            .collect();
        assert!(sizes.iter().all(|&s| s >= 12.5), "{width} px: {sizes:?}");
        assert_no_label_overlaps(&text, &format!("{width} px"));
    }
}
