//! Every view renders natively to SVG, so drawing code is exercised by `cargo test` without a browser.

use backprop_lab::engine::Spec;
use backprop_lab::labs::two_neuron::views::error_curve;
use backprop_lab::labs::two_neuron::views::network_diagram;
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Phase;
use backprop_lab::labs::two_neuron::Session;
use backprop_lab::shared::chart::Style;
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
    let points = session.loss_curve();
    assert_eq!(points.len(), 50);
    let text = svg(600, 300, |a| {
        error_curve::draw(a, points, snapshot.iteration, Style::default()).unwrap()
    });
    assert!(text.contains("iteration"));
    assert!(text.contains("error E"));
    assert!(text.contains("<polyline"), "the loss is drawn as a line");
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
        log.contains("1e0") && log.contains("1e10"),
        "ticks are powers of ten"
    );
    assert_each_decade_labelled_once(&log, "error curve");
    // Fewer decades, where plotters puts ticks at half decades too.
    let few = [[1.0, 1.0], [2.0, 0.1], [3.0, 1e-3], [4.0, 1e-5]];
    let log = svg(600, 300, |a| {
        error_curve::draw(a, &few, 4, Style::default()).unwrap()
    });
    assert_each_decade_labelled_once(&log, "error curve over five decades");
}

/// A log axis labels whole decades only, each once: a label at a half decade would name the wrong height.
#[track_caller]
fn assert_each_decade_labelled_once(svg: &str, what: &str) {
    let labels: Vec<String> = text_boxes(svg)
        .into_iter()
        .map(|(text, _)| text)
        .filter(|text| text.starts_with("1e"))
        .collect();
    assert!(labels.len() >= 2, "{what}: decade labels found");
    for (k, label) in labels.iter().enumerate() {
        assert!(
            !labels[k + 1..].contains(label),
            "{what}: {label} labels two heights ({labels:?})"
        );
    }
}

mod descent_views {
    use super::{svg, text_boxes};
    use backprop_lab::labs::descent::views::batch_race;
    use backprop_lab::labs::descent::views::cost_contour;
    use backprop_lab::labs::descent::views::cost_curve;
    use backprop_lab::labs::descent::views::data_fit;
    use backprop_lab::labs::descent::{DescentCommand, DescentLab, DescentSetup, Model, Preset};
    use backprop_lab::shared::chart::Style;

    fn lab_after(commands: Vec<DescentCommand>) -> DescentLab {
        let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
        for c in commands {
            let _ = lab.apply(c);
        }
        lab
    }

    #[test]
    fn the_cost_curve_shows_the_tangent_and_the_steps() {
        let lab = lab_after(vec![DescentCommand::Step { count: 2 }]);
        let text = svg(700, 350, |a| {
            cost_curve::draw(a, &lab.snapshot(), Style::default()).unwrap()
        });
        assert!(
            text.contains("dJ/dw = "),
            "the tangent is labelled with its slope"
        );
        assert!(text.contains("weight w") && text.contains("cost J(w)"));
        assert!(
            text.matches("<circle").count() >= 3,
            "w₀, w₁ and w₂ are drawn"
        );
        assert!(!text.contains("off the chart"));
    }

    #[test]
    fn a_runaway_point_is_pinned_to_the_edge_with_where_it_went() {
        let lab = lab_after(vec![
            DescentCommand::SetLearningRate { value: 3.0 },
            DescentCommand::Step { count: 12 },
        ]);
        let snapshot = lab.snapshot();
        assert_eq!(snapshot.inside.last(), Some(&false));
        let text = svg(700, 350, |a| {
            cost_curve::draw(a, &snapshot, Style::default()).unwrap()
        });
        assert!(
            text.contains("(off the chart)"),
            "the runaway w is named on the edge"
        );
        assert!(!text.contains("NaN") && !text.contains("inf"));
        // Every label, the runaway's included, lies wholly inside the canvas: none is cut at an edge.
        for (label, [left, top, right, bottom]) in text_boxes(&text) {
            assert!(
                left >= 0.0 && top >= 0.0 && right <= 700.0 && bottom <= 350.0,
                "“{label}” sticks out: {left} {top} {right} {bottom}"
            );
        }
    }

    #[test]
    fn a_steep_runaway_line_is_clipped_not_flattened() {
        // Slope -6.7e7 through the origin in a window x ∈ [-0.5, 2], z ∈ [-0.5, 3.5].
        let segment = data_fit::clip_line(-6.7e7, 0.0, (-0.5, 2.0), (-0.5, 3.5)).unwrap();
        assert!(
            segment
                .iter()
                .all(|&(x, z)| x.abs() < 1e-7 && (-0.5..=3.5).contains(&z)),
            "{segment:?}"
        );
        assert_eq!(
            data_fit::clip_line(0.0, 10.0, (0.0, 1.0), (0.0, 1.0)),
            None,
            "a line above the window"
        );
        let flat = data_fit::clip_line(1.0, 0.0, (0.0, 1.0), (-5.0, 5.0)).unwrap();
        assert_eq!(flat, vec![(0.0, 0.0), (1.0, 1.0)]);
    }

    #[test]
    fn the_data_plot_maps_pixels_back_to_data() {
        let lab = lab_after(vec![DescentCommand::Step { count: 1 }]);
        let mut mapping = None;
        let text = svg(600, 400, |a| {
            mapping = Some(data_fit::draw(a, &lab.snapshot(), Style::default()).unwrap())
        });
        assert!(text.contains("ẑ = 1.517·x"), "the line's equation is drawn");
        let mapping = mapping.unwrap();
        let (px, py) = mapping.pixel_of(1.0, 2.0);
        let (x, z) = mapping.data_at(px, py);
        assert!((x - 1.0).abs() < 1e-9 && (z - 2.0).abs() < 1e-9);
        assert!(px > mapping.pixels_x.0 as f64 && px < mapping.pixels_x.1 as f64);
    }

    /// Data from a CSV of house sizes and prices: the axis labels fit beside the axis ("3e5", not a
    /// "300000.0" cut to "00000.0" at the canvas's edge).
    #[test]
    fn large_data_gets_short_axis_labels() {
        let lab = lab_after(vec![DescentCommand::SetPointsText {
            text: "size,price\n1400,245000\n2450,405000\n1100,199000".into(),
        }]);
        let text = svg(600, 400, |a| {
            data_fit::draw(a, &lab.snapshot(), Style::default()).unwrap();
        });
        let labels: Vec<String> = super::text_boxes(&text)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert!(labels.iter().any(|t| t.ends_with("e5")), "{labels:?}");
        assert!(labels.iter().all(|t| !t.ends_with(".0")), "{labels:?}");
        for (label, [left, ..]) in super::text_boxes(&text) {
            assert!(left >= 0.0, "“{label}” starts at {left}, off the picture");
        }
    }

    /// On a phone the contour's w axis keeps its labels apart ("-0.40.2 0 0.20.4…" ran together).
    #[test]
    fn the_contour_labels_stay_apart_on_a_phone() {
        let lab = lab_after(vec![
            DescentCommand::LoadPreset {
                preset: Preset::NoisyLine,
            },
            DescentCommand::SetModel {
                model: Model::SlopeAndIntercept,
            },
        ]);
        let snapshot = lab.snapshot();
        for size in [280, 320, 400] {
            let text = svg(size, size, |a| {
                cost_contour::draw(a, &snapshot, Style::default()).unwrap()
            });
            super::assert_no_label_overlaps(&text, &format!("contour at {size} px"));
        }
    }

    /// A run that left the (w, b) window is held to its edge, and a label says where it really went, as
    /// the cost curve's does; inside the window there is no such label.
    #[test]
    fn the_contour_says_where_a_runaway_point_went() {
        let mut lab = lab_after(vec![
            DescentCommand::SetModel {
                model: Model::SlopeAndIntercept,
            },
            DescentCommand::SetLearningRate { value: 5.0 },
        ]);
        let inside = svg(400, 400, |a| {
            cost_contour::draw(a, &lab.snapshot(), Style::default()).unwrap()
        });
        assert!(!inside.contains("off the chart"));
        // Past the window within a few steps, and stopped there once J is a trillion times its start.
        let _ = lab.apply(DescentCommand::Step { count: 6 });
        let snapshot = lab.snapshot();
        let last = snapshot.path.last().unwrap();
        assert!(last.w.abs() > 100.0, "the run went far: w = {}", last.w);
        let away = svg(400, 400, |a| {
            cost_contour::draw(a, &snapshot, Style::default()).unwrap()
        });
        let label = format!(
            "(w, b) = ({}, {}) (off the chart)",
            backprop_lab::shared::format::sig4(last.w),
            backprop_lab::shared::format::sig4(last.b)
        );
        let (_, b) = super::text_boxes(&away)
            .into_iter()
            .find(|(t, _)| *t == label)
            .unwrap_or_else(|| panic!("“{label}” drawn"));
        assert!(
            b[0] >= 0.0 && b[2] <= 400.0 && b[1] >= 0.0 && b[3] <= 400.0,
            "{b:?} inside the picture"
        );
    }

    /// The races start far above where they end: "x far from zero" starts all three batch sizes at J = 21
    /// and ends them near 0.06–0.1. A log scale shows the start whole (its decade is on the axis) and keeps the
    /// difference at the end visible; on a linear scale the start was cut at about 11 and the ends were one
    /// line on the floor.
    #[test]
    fn the_races_use_a_log_scale_when_the_runs_fall_far() {
        for preset in [Preset::FarFromZero, Preset::NoisyLine] {
            let lab = lab_after(vec![
                DescentCommand::LoadPreset { preset },
                DescentCommand::SetModel {
                    model: Model::SlopeAndIntercept,
                },
            ]);
            let snapshot = lab.snapshot();
            for (race, x) in [
                (&snapshot.race, "epochs"),
                (&snapshot.optimizer_race, "updates"),
            ] {
                let start = race[0].costs[0][1];
                let chart = svg(700, 300, |a| {
                    batch_race::draw(a, race, x, Style::default()).unwrap()
                });
                assert!(chart.contains("(log scale)"), "{preset:?} {x}");
                let top_decade = text_boxes(&chart)
                    .iter()
                    .filter_map(|(t, _)| t.strip_prefix("1e").and_then(|d| d.parse::<i32>().ok()))
                    .max()
                    .unwrap();
                assert!(
                    10f64.powi(top_decade) >= start,
                    "{preset:?} {x}: the axis reaches 1e{top_decade}, the start is {start}"
                );
            }
        }
    }

    /// On the optimizers' paths, a point held to the view's edge is a ring, not a dot: none at the defaults,
    /// where every path stays in view, and some once η = 10 sends runs away.
    #[test]
    fn paths_off_the_view_end_in_rings() {
        let rings = |commands: Vec<DescentCommand>| {
            let snapshot = lab_after(commands).snapshot();
            let text = svg(400, 400, |a| {
                cost_contour::draw_race(a, &snapshot, Style::default()).unwrap()
            });
            // Each circle's own tag (what follows it belongs to the next element).
            let circles: Vec<&str> = text
                .split("<circle")
                .skip(1)
                .map(|c| c.split('>').next().unwrap())
                .collect();
            assert!(circles.len() > 40, "a dot per point");
            circles
                .iter()
                .filter(|c| c.contains("fill=\"none\""))
                .count()
        };
        let bias = DescentCommand::SetModel {
            model: Model::SlopeAndIntercept,
        };
        assert_eq!(rings(vec![bias.clone()]), 0);
        let far = rings(vec![bias, DescentCommand::SetLearningRate { value: 10.0 }]);
        assert!(far > 0, "runs sent away end in rings");
    }

    #[test]
    fn the_contour_and_the_race_draw() {
        let lab = lab_after(vec![
            DescentCommand::LoadPreset {
                preset: Preset::NoisyLine,
            },
            DescentCommand::SetModel {
                model: Model::SlopeAndIntercept,
            },
            DescentCommand::Step { count: 3 },
        ]);
        let snapshot = lab.snapshot();
        let contour = svg(400, 400, |a| {
            cost_contour::draw(a, &snapshot, Style::default()).unwrap()
        });
        assert!(
            contour.matches("<rect").count() >= 64 * 64,
            "one cell per grid value"
        );
        assert!(contour.contains("bias b"));
        // The optimizer race's paths on the same bowl: one polyline per optimizer, in the race's colours.
        let paths = svg(400, 400, |a| {
            cost_contour::draw_race(a, &snapshot, Style::default()).unwrap()
        });
        let polylines = paths.matches("<polyline").count();
        assert!(polylines >= 4, "{polylines} paths");
        for colour in ["#0072B2", "#009E73", "#D55E00", "#E69F00"] {
            assert!(paths.contains(colour), "a path in {colour}");
        }
        let race = svg(700, 300, |a| {
            batch_race::draw(a, &snapshot.race, "epochs", Style::default()).unwrap()
        });
        for label in [
            "batch (20 per step)",
            "mini-batch (4 per step)",
            "stochastic (1 per step)",
        ] {
            assert!(race.contains(label), "legend names {label}");
        }
        let optimizers = svg(700, 300, |a| {
            batch_race::draw(a, &snapshot.optimizer_race, "updates", Style::default()).unwrap()
        });
        for label in [
            "gradient descent",
            "momentum (μ = 0.9)",
            "RMSprop (α = 0.99)",
            "Adam",
        ] {
            assert!(optimizers.contains(label), "legend names {label}");
        }
    }
}

mod vanishing_views {
    use super::svg;
    use backprop_lab::engine::Activation;
    use backprop_lab::labs::vanishing::views::activation_plot;
    use backprop_lab::labs::vanishing::views::gradient_bars;
    use backprop_lab::labs::vanishing::views::gradient_flow;
    use backprop_lab::labs::vanishing::views::softmax_bars;
    use backprop_lab::labs::vanishing::{ChainSetup, VanishingCommand, VanishingLab};
    use backprop_lab::shared::chart::Style;

    fn lab(commands: Vec<VanishingCommand>) -> VanishingLab {
        let mut lab = VanishingLab::new(ChainSetup::default()).unwrap();
        for c in commands {
            lab.apply(c).unwrap();
        }
        lab
    }

    #[test]
    fn the_sigmoid_plot_marks_its_peak_slope_and_flat_tails() {
        let plot = |s: &backprop_lab::labs::vanishing::VanishingSnapshot, width: u32| {
            svg(width, 300, |a| {
                activation_plot::draw(
                    a,
                    s.gallery_activation,
                    &s.gallery_curve,
                    s.gallery,
                    Style::default(),
                )
                .unwrap();
            })
        };
        let s = lab(vec![VanishingCommand::SetGalleryZ { z: 1.5 }]).snapshot();
        let text = plot(&s, 500);
        assert!(text.contains("max f′ = 0.25 at z = 0") && text.contains("flat tail"));
        assert!(text.contains("z = 1.500"));
        // From a phone to a projector, every mark stays inside the picture.
        for width in [300, 360, 500, 900] {
            let text = plot(&s, width);
            assert!(text.contains("max f′ = 0.25") && text.contains("f′ &lt; 0.05"));
            for (label, [left, _, right, _]) in super::text_boxes(&text) {
                assert!(
                    left >= 0.0 && right <= f64::from(width),
                    "at {width} px “{label}” runs from {left} to {right}"
                );
            }
        }
        let relu = lab(vec![VanishingCommand::SetGalleryActivation {
            activation: Activation::Relu,
        }])
        .snapshot();
        let text = plot(&relu, 500);
        assert!(
            !text.contains("flat tail"),
            "only the sigmoid gets the sigmoid's marks"
        );
    }

    #[test]
    fn softmax_bars_are_labelled_with_their_probabilities() {
        let s = lab(vec![VanishingCommand::SetScores {
            text: "1, 2, 3".into(),
        }])
        .snapshot();
        let text = svg(500, 300, |a| {
            softmax_bars::draw(a, &s.softmax, Style::default()).unwrap()
        });
        for p in ["0.09003", "0.2447", "0.6652"] {
            assert!(text.contains(p), "bar labelled {p}");
        }
        // A bar that fills the plot carries its label inside its top, in white, not above the plot's edge.
        let s = lab(vec![VanishingCommand::SetScores {
            text: "10, 0, 0".into(),
        }])
        .snapshot();
        let text = svg(500, 300, |a| {
            softmax_bars::draw(a, &s.softmax, Style::default()).unwrap()
        });
        let (_, [_, top, _, _]) = super::text_boxes(&text)
            .into_iter()
            .find(|(label, _)| label == "0.9999")
            .expect("the tall bar is labelled");
        let tick_one = super::text_boxes(&text)
            .into_iter()
            .find(|(label, _)| label == "1")
            .expect("the y axis has a tick at 1")
            .1;
        assert!(top > tick_one[1], "the label is below the top of the plot");
        let tag = text.split("<text").find(|t| t.contains("0.9999")).unwrap();
        assert!(tag.contains("fill=\"#FFFFFF\""), "in white: {tag}");
        // On a phone, long probabilities would run into each other: the bars keep their scores and drop them.
        let s = lab(vec![VanishingCommand::SetScores {
            text: "9, 1, 0.5, 2".into(),
        }])
        .snapshot();
        let narrow = svg(300, 260, |a| {
            softmax_bars::draw(a, &s.softmax, Style::default()).unwrap()
        });
        assert!(!narrow.contains("0.0003350"), "no squeezed probabilities");
        for score in ["9.000", "1.000", "0.5000", "2.000"] {
            assert!(narrow.contains(score), "score {score} still labels its bar");
        }
        super::assert_no_label_overlaps(&narrow, "softmax at 300 px");
    }

    #[test]
    fn gradient_views_show_only_the_layers_the_signal_has_reached() {
        let all = lab(vec![]).snapshot();
        let half = lab(vec![VanishingCommand::Reveal { count: -4 }]).snapshot();
        assert_eq!(half.revealed, 4);
        let flow_all = svg(800, 220, |a| {
            gradient_flow::draw(a, &all.chosen, all.revealed, Style::default()).unwrap()
        });
        let flow_half = svg(800, 220, |a| {
            gradient_flow::draw(a, &half.chosen, half.revealed, Style::default()).unwrap()
        });
        assert_eq!(
            flow_all.matches(">?<").count() + flow_all.matches(">?\n").count(),
            0
        );
        assert!(
            flow_half.contains('?'),
            "unreached layers are marked unknown"
        );
        let bars = |s: &backprop_lab::labs::vanishing::VanishingSnapshot| {
            svg(800, 300, |a| {
                gradient_bars::draw(a, &s.chosen, &s.compared, s.revealed, Style::default())
                    .unwrap()
            })
        };
        assert!(bars(&all).matches("<rect").count() > bars(&half).matches("<rect").count());
        super::assert_each_decade_labelled_once(&bars(&all), "gradient bars");
        // Shallow networks span few decades, where plotters puts ticks between them too.
        for depth in [2, 3] {
            let shallow = lab(vec![VanishingCommand::SetDepth { depth }]).snapshot();
            super::assert_each_decade_labelled_once(&bars(&shallow), "shallow gradient bars");
        }
    }

    /// Disc sizes follow the signal on a log scale of at least three decades: in the dying-ReLU chain the live
    /// layers (signals 1.6–2.8) get discs of nearly one size, far bigger than the dead layers' dots.
    #[test]
    fn signals_of_the_same_size_get_discs_of_nearly_the_same_size() {
        let s = lab(vec![
            VanishingCommand::SetActivation {
                activation: Activation::Relu,
            },
            VanishingCommand::SetDyingRelu { on: true },
        ])
        .snapshot();
        let text = svg(800, 220, |a| {
            gradient_flow::draw(a, &s.chosen, s.revealed, Style::default()).unwrap()
        });
        // One filled disc per layer, left (layer 1) to right, read from the SVG's circles.
        let mut discs: Vec<(f64, f64)> = text
            .split("<circle")
            .skip(1)
            .map(|c| {
                let number = |name: &str| -> f64 {
                    let start = c.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                    c[start..].split('"').next().unwrap().parse().unwrap()
                };
                (number("cx"), number("r"))
            })
            .collect();
        discs.sort_by(|a, b| a.0.total_cmp(&b.0));
        discs.dedup_by(|a, b| a.0 == b.0);
        assert_eq!(discs.len(), 8, "{discs:?}");
        let live: Vec<f64> = discs[2..].iter().map(|d| d.1).collect();
        let biggest = live.iter().cloned().fold(0.0, f64::max);
        for (k, r) in live.iter().enumerate() {
            assert!(
                *r >= 0.8 * biggest,
                "layer {}: radius {r} of {biggest}",
                k + 3
            );
        }
        assert!(
            discs[0].1 * 4.0 < biggest && discs[1].1 * 4.0 < biggest,
            "dead layers are dots"
        );
    }
}

#[test]
fn a_legend_goes_to_the_corner_the_data_leaves_empty() {
    use backprop_lab::shared::chart::along;
    use backprop_lab::shared::chart::emptiest_corner;
    use backprop_lab::shared::chart::Style;
    use plotters::prelude::SeriesLabelPosition;
    let corner = |points: &[(f64, f64)]| {
        let sampled = along(points, 8);
        format!(
            "{:?}",
            emptiest_corner(
                &sampled,
                (0.0, 10.0),
                (0.0, 1.0),
                (600, 300),
                &["a", "b"],
                Style::default()
            )
        )
    };
    let name = |p: SeriesLabelPosition| format!("{p:?}");
    // A line falling from the upper left to the lower right leaves the upper right and lower left empty; the
    // upper right comes first.
    assert_eq!(
        corner(&[(0.0, 1.0), (10.0, 0.0)]),
        name(SeriesLabelPosition::UpperRight)
    );
    // Rising: the upper right is taken, the upper left is free.
    assert_eq!(
        corner(&[(0.0, 0.0), (10.0, 1.0)]),
        name(SeriesLabelPosition::UpperLeft)
    );
    // Along the top: both upper corners are taken.
    assert_eq!(
        corner(&[(0.0, 0.98), (10.0, 0.98)]),
        name(SeriesLabelPosition::LowerRight)
    );
    // A line only crossing the lower right corner between two far points still counts there.
    assert_eq!(
        corner(&[(0.0, 0.98), (10.0, 0.98), (10.0, 0.0), (8.0, 0.0)]),
        name(SeriesLabelPosition::LowerLeft)
    );
}

#[test]
fn runs_closer_than_the_tolerance_count_as_one_line() {
    use backprop_lab::shared::chart::on_top_of;
    assert!(on_top_of(&[1.0, 2.0, 3.0], &[1.001, 2.0, 2.999], 0.01));
    assert!(
        !on_top_of(&[1.0, 2.0, 3.0], &[1.0, 2.5, 3.0], 0.01),
        "one point apart"
    );
    assert!(
        !on_top_of(&[1.0, 2.0], &[1.0, 2.0, 3.0], 0.01),
        "different lengths"
    );
    assert!(
        on_top_of(&[f64::INFINITY], &[f64::NAN], 0.01),
        "both off the chart"
    );
    assert!(!on_top_of(&[f64::INFINITY], &[1.0], 0.01));
}

/// The boxes of an SVG's text labels, estimated from their font size (a sans-serif character is taken to be
/// 0.58 of an em wide, a little more than a digit's), for checking that labels do not run into each other
/// or out of the picture.
fn text_boxes(svg: &str) -> Vec<(String, [f64; 4])> {
    let attribute = |tag: &str, name: &str| -> String {
        let start = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        tag[start..].split('"').next().unwrap().to_string()
    };
    svg.split("<text")
        .skip(1)
        // Rotated text (an axis title) runs along its own axis; these boxes are for horizontal labels.
        .filter(|chunk| !chunk.split_once('>').unwrap().0.contains("rotate"))
        .map(|chunk| {
            let (tag, rest) = chunk.split_once('>').unwrap();
            let content = rest.split("</text>").next().unwrap().trim();
            let content = content
                .replace("&apos;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            let number = |name: &str| attribute(tag, name).parse::<f64>().unwrap();
            let (x, y, size) = (number("x"), number("y"), number("font-size"));
            let width = content.chars().count() as f64 * 0.58 * size;
            let left = match attribute(tag, "text-anchor").as_str() {
                "middle" => x - width / 2.0,
                "end" => x - width,
                _ => x,
            };
            (
                content,
                [left, y - size / 2.0, left + width, y + size / 2.0],
            )
        })
        .collect()
}

/// The points of every polyline drawn in `colour` (as the SVG writes it, "#RRGGBB").
fn polyline_points(svg: &str, colour: &str) -> Vec<[f64; 2]> {
    svg.split("<polyline")
        .skip(1)
        .map(|chunk| chunk.split_once("/>").map_or(chunk, |c| c.0))
        .filter(|tag| tag.contains(&format!("stroke=\"{colour}\"")))
        .flat_map(|tag| {
            let start = tag.find(" points=\"").expect("points") + 9;
            tag[start..]
                .split('"')
                .next()
                .unwrap()
                .split_whitespace()
                .filter_map(|pair| {
                    let (x, y) = pair.split_once(',')?;
                    Some([x.parse().ok()?, y.parse().ok()?])
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[track_caller]
fn assert_no_label_overlaps(svg: &str, what: &str) {
    let boxes = text_boxes(svg);
    assert!(boxes.len() > 8, "{what}: labels found");
    for (k, (a, p)) in boxes.iter().enumerate() {
        for (b, q) in &boxes[k + 1..] {
            let apart = p[2] <= q[0] || q[2] <= p[0] || p[3] <= q[1] || q[3] <= p[1];
            assert!(apart, "{what}: “{a}” {p:?} runs into “{b}” {q:?}");
        }
    }
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

/// The training comparison's legend sits in a band under the plot, on a phone and on a projector: no label
/// overlaps another, and every legend label lies below the plot's x-axis title.
#[test]
fn a_series_legend_sits_under_the_plot_not_on_it() {
    use backprop_lab::labs::vanishing::views::training_chart;
    use backprop_lab::labs::vanishing::{ChainSetup, VanishingCommand, VanishingLab};
    let mut lab = VanishingLab::new(ChainSetup::default()).unwrap();
    lab.apply(VanishingCommand::SetTrainRate { rate: 0.05 })
        .unwrap();
    let s = lab.snapshot();
    for (width, height) in [(360, 300), (1200, 260)] {
        let text = svg(width, height, |a| {
            training_chart::draw(a, &s.compared, Style::default()).unwrap()
        });
        assert_no_label_overlaps(&text, &format!("{width} px"));
        let boxes = text_boxes(&text);
        let axis_title = boxes
            .iter()
            .find(|(l, _)| l == "training step")
            .expect("x-axis title")
            .1;
        let legend = boxes
            .iter()
            .find(|(l, _)| l == "leaky ReLU (on top of ReLU)")
            .expect(
                "the dead ReLU run and leaky ReLU's crawl draw as one line, and the legend says so",
            );
        assert!(
            legend.1[1] >= axis_title[3],
            "{width} px: legend {:?} under the axis title {axis_title:?}",
            legend.1
        );
    }
}

/// The early-stopping lab's two pictures: the errors with the best and the stopping epoch marked and
/// labelled, and the data with the fit; no label runs into another at any width.
#[test]
fn the_early_stopping_views_mark_the_best_and_the_stopping_epoch() {
    use backprop_lab::labs::early_stopping::views::fit_curve;
    use backprop_lab::labs::early_stopping::views::stopping_chart;
    use backprop_lab::labs::early_stopping::{StoppingCommand, StoppingLab, StoppingSetup};
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    lab.apply(StoppingCommand::Train { epochs: 2000 }).unwrap();
    let snap = lab.snapshot();
    let stop = snap.stop.unwrap();
    // A phone's canvas is about 257 CSS pixels wide at a pixel ratio of 2.
    for (width, height, scale, log_scale) in [
        (514, 600, 2.0, false),
        (514, 600, 2.0, true),
        (320, 300, 1.0, true),
        (600, 340, 1.0, false),
        (1200, 380, 1.0, true),
    ] {
        let style = Style { scale };
        let chart = svg(width, height, |area| {
            stopping_chart::draw(area, &snap, log_scale, style).unwrap()
        });
        assert!(
            chart.contains("the noise-free curve"),
            "the noise floor is drawn and named"
        );
        let what = format!("error chart at {width} px, log {log_scale}");
        let boxes = text_boxes(&chart);
        // The marks' labels: whole where they fit beside their line, short on a phone, never cut.
        let best = format!("lowest validation error: epoch {}", snap.best_epoch);
        let stopping = format!("would stop: epoch {}", stop.epoch);
        let wide = width as f64 / scale >= 500.0;
        let labels = [
            (best, format!("lowest: {}", snap.best_epoch)),
            (stopping, format!("would stop: {}", stop.epoch)),
        ];
        let mut label_boxes = Vec::new();
        for (whole, short) in &labels {
            let found = boxes
                .iter()
                .find(|(text, _)| text == whole || (!wide && text == short));
            let (_, b) = found.unwrap_or_else(|| panic!("{what}: “{whole}” in {boxes:?}"));
            label_boxes.push(*b);
        }
        for (text, b) in &boxes {
            assert!(
                b[0] >= 0.0 && b[2] <= width as f64,
                "{what}: “{text}” {b:?} is cut at the edge"
            );
        }
        // Neither covers the validation curve, which the person is reading.
        let validation = polyline_points(&chart, "#D55E00");
        assert!(validation.len() > 50, "{what}: the validation curve");
        for b in &label_boxes {
            let under = validation
                .iter()
                .filter(|p| b[0] <= p[0] && p[0] <= b[2] && b[1] <= p[1] && p[1] <= b[3])
                .count();
            assert_eq!(
                under, 0,
                "{what}: a mark label {b:?} covers the validation curve"
            );
        }
        assert!(chart.contains("validation error") && chart.contains("training error"));
        assert_no_label_overlaps(&chart, &what);
        let fit = svg(width, height, |area| {
            fit_curve::draw(area, &snap, style).unwrap()
        });
        // The validation points are hollow squares, one per point, and the training points discs.
        assert_eq!(
            fit.matches("<rect").count() - 1,
            2 * snap.validation_count,
            "{width} px"
        );
        assert_eq!(
            fit.matches("<circle").count(),
            snap.training_count,
            "{width} px"
        );
    }
}

/// The stopping mark says "stopped" only where the run stopped. Early stopping turned on after the run went
/// past that epoch leaves the curves running on beyond it, so there it "would stop".
#[test]
fn the_stopping_mark_says_stopped_only_where_the_run_stopped() {
    use backprop_lab::labs::early_stopping::views::stopping_chart;
    use backprop_lab::labs::early_stopping::{StoppingCommand, StoppingLab, StoppingSetup};
    let label = |lab: &StoppingLab| {
        let snap = lab.snapshot();
        let chart = svg(1200, 380, |area| {
            stopping_chart::draw(area, &snap, false, Style::default()).unwrap()
        });
        let stop = snap.stop.expect("the patience ran out").epoch;
        let boxes = text_boxes(&chart);
        let found = |verb: &str| {
            let whole = format!("{verb}: epoch {stop}");
            boxes.iter().any(|(text, _)| *text == whole)
        };
        (found("stopped"), found("would stop"), stop, snap.epoch)
    };
    let stopping = StoppingSetup {
        stop_early: true,
        ..StoppingSetup::default()
    };
    let mut stopped = StoppingLab::new(stopping.clone()).unwrap();
    stopped
        .apply(StoppingCommand::Train { epochs: 2000 })
        .unwrap();
    let (said_stopped, said_would, stop, epoch) = label(&stopped);
    assert_eq!(stop, epoch, "the run ended at its stopping epoch");
    assert!(said_stopped && !said_would, "a run that stopped: “stopped”");

    let mut late = StoppingLab::new(StoppingSetup::default()).unwrap();
    late.apply(StoppingCommand::Train { epochs: 2000 }).unwrap();
    late.apply(StoppingCommand::SetStopEarly { stop_early: true })
        .unwrap();
    let (said_stopped, said_would, stop, epoch) = label(&late);
    assert!(epoch > stop, "the run went past its stopping epoch");
    assert!(!said_stopped && said_would, "turned on late: “would stop”");
}

/// The legend of the gradient bars covers no bar and no point of a line, from a phone to a desktop: the
/// chart leaves room above the data for it.
#[test]
fn the_gradient_legend_covers_no_data() {
    use backprop_lab::labs::vanishing::views::gradient_bars;
    use backprop_lab::labs::vanishing::{VanishingCommand, VanishingLab};
    let attribute = |tag: &str, name: &str| -> Option<f64> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[start..].split('"').next()?.parse().ok()
    };
    let mut lab = VanishingLab::new(Default::default()).unwrap();
    lab.apply(VanishingCommand::RevealAll).unwrap();
    let s = lab.snapshot();
    for (width, height) in [(320, 300), (360, 300), (600, 300), (900, 320)] {
        let text = svg(width, height, |a| {
            gradient_bars::draw(a, &s.chosen, &s.compared, s.revealed, Style::default()).unwrap()
        });
        let rects: Vec<[f64; 4]> = text
            .split("<rect")
            .skip(1)
            .filter_map(|t| {
                let tag = t.split('>').next()?;
                let (x, y) = (attribute(tag, "x")?, attribute(tag, "y")?);
                Some([
                    x,
                    y,
                    x + attribute(tag, "width")?,
                    y + attribute(tag, "height")?,
                ])
            })
            .collect();
        // The legend is the box drawn with a translucent fill.
        let legend_at = text
            .split("<rect")
            .skip(1)
            .position(|t| t.split('>').next().unwrap().contains("opacity=\"0.85"))
            .expect("a legend box");
        let legend = rects[legend_at];
        // Nor the y axis's labels: on a phone the long "(on top of ReLU)" made the box wider than the plot.
        for (label, b) in text_boxes(&text)
            .iter()
            .filter(|(l, _)| l.starts_with("1e"))
        {
            let apart =
                b[2] <= legend[0] || legend[2] <= b[0] || b[3] <= legend[1] || legend[3] <= b[1];
            assert!(
                apart,
                "{width}×{height}: the legend {legend:?} covers “{label}” {b:?}"
            );
        }
        let inside =
            |x: f64, y: f64| legend[0] < x && x < legend[2] && legend[1] < y && y < legend[3];
        let points = text.split("<circle").skip(1).filter_map(|t| {
            let tag = t.split('>').next()?;
            Some((attribute(tag, "cx")?, attribute(tag, "cy")?))
        });
        for (x, y) in points {
            assert!(
                !inside(x, y),
                "{width}×{height}: a line's point ({x}, {y}) is under the legend {legend:?}"
            );
        }
        // Bars: wide filled boxes other than the legend's own swatches and the background.
        for (k, bar) in rects.iter().enumerate() {
            let under_legend = bar[0] < legend[2]
                && legend[0] < bar[2]
                && bar[1] < legend[3]
                && legend[1] < bar[3];
            let within_legend = bar[0] >= legend[0]
                && bar[2] <= legend[2]
                && bar[1] >= legend[1]
                && bar[3] <= legend[3];
            let background = bar[2] - bar[0] >= f64::from(width) - 1.0;
            assert!(
                k == legend_at || !under_legend || within_legend || background,
                "{width}×{height}: a bar {bar:?} is under the legend {legend:?}"
            );
        }
    }
}

/// In the backward flow, the ×factor labels between layers sit clear of the discs, however big the discs.
#[test]
fn flow_factors_sit_clear_of_the_discs() {
    use backprop_lab::engine::Activation;
    use backprop_lab::labs::vanishing::views::gradient_flow;
    use backprop_lab::labs::vanishing::{VanishingCommand, VanishingLab};
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut lab = VanishingLab::new(Default::default()).unwrap();
    for command in [
        VanishingCommand::SetActivation {
            activation: Activation::Relu,
        },
        VanishingCommand::SetDyingRelu { on: true },
        VanishingCommand::RevealAll,
    ] {
        lab.apply(command).unwrap();
    }
    let s = lab.snapshot();
    for width in [700, 1000, 1400] {
        let text = svg(width, 220, |a| {
            gradient_flow::draw(a, &s.chosen, s.revealed, Style::default()).unwrap()
        });
        let discs: Vec<(f64, f64, f64)> = text
            .split("<circle")
            .skip(1)
            .map(|t| {
                let tag = t.split('>').next().unwrap();
                (
                    attribute(tag, "cx"),
                    attribute(tag, "cy"),
                    attribute(tag, "r"),
                )
            })
            .collect();
        let factors: Vec<_> = text_boxes(&text)
            .into_iter()
            .filter(|(label, _)| label.starts_with('×'))
            .collect();
        assert!(!factors.is_empty(), "{width}: factors drawn");
        for (label, [left, top, right, bottom]) in factors {
            for &(cx, cy, r) in &discs {
                let nearest = (cx.clamp(left, right), cy.clamp(top, bottom));
                let apart = (nearest.0 - cx).hypot(nearest.1 - cy) >= r;
                assert!(
                    apart,
                    "{width}: “{label}” runs into the disc at ({cx}, {cy}), r = {r}"
                );
            }
        }
    }
}

/// The loss plots, E and ∂E/∂z, at either end of z and in the middle, on a phone and on a projector: no label
/// runs into another, the marker's label stays inside the picture and off the dots it labels, and no legend
/// box covers a curve (the legend is page text).
#[test]
fn the_loss_plots_keep_their_labels_apart_and_inside() {
    use backprop_lab::labs::losses::views::loss_plot::{self, Quantity};
    use backprop_lab::labs::losses::{LossSetup, LossesLab};
    for (width, height) in [(320, 240), (640, 300), (1100, 360)] {
        for z in [-8.0, -4.0, -1.5, 0.0, 3.0, 8.0] {
            for target in [0.0, 0.5, 1.0] {
                let lab = LossesLab::new(LossSetup {
                    z,
                    target,
                    ..LossSetup::default()
                })
                .unwrap();
                let s = lab.snapshot();
                for quantity in [Quantity::Loss, Quantity::Slope] {
                    let text = svg(width, height, |a| {
                        loss_plot::draw(a, &s.curves, (z, &s.rows), quantity, Style::default())
                            .unwrap()
                    });
                    let what = format!("{quantity:?} at {width} px, z = {z}, T = {target}");
                    assert!(!text.contains("opacity=\"0.85\""), "{what}: no legend box");
                    assert_no_label_overlaps(&text, &what);
                    let marker = text_boxes(&text)
                        .into_iter()
                        .find(|(t, _)| t.starts_with("z = "))
                        .expect("the marker is labelled");
                    assert!(
                        marker.1[0] >= 0.0 && marker.1[2] <= f64::from(width),
                        "{what}: {marker:?}"
                    );
                    // The label hangs from its y; `text_boxes` centres every label on y.
                    let size = marker.1[3] - marker.1[1];
                    let y = (marker.1[1] + marker.1[3]) / 2.0;
                    let label = [marker.1[0], y, marker.1[2], y + size];
                    for dot in text.split("<circle").skip(1) {
                        let number = |name: &str| -> f64 {
                            let start = dot.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                            dot[start..].split('"').next().unwrap().parse().unwrap()
                        };
                        let (cx, cy) = (number("cx"), number("cy"));
                        let inside =
                            label[0] < cx && cx < label[2] && label[1] < cy && cy < label[3];
                        assert!(
                            !inside,
                            "{what}: the label {label:?} covers the dot at ({cx}, {cy})"
                        );
                    }
                }
            }
        }
    }
}

/// The losses lab's runs: one line per loss under its page name, and the target drawn across the chart.
#[test]
fn the_loss_runs_chart_names_each_loss_and_the_target() {
    use backprop_lab::labs::losses::views::loss_runs;
    use backprop_lab::labs::losses::{LossSetup, LossesLab};
    let s = LossesLab::new(LossSetup::default()).unwrap().snapshot();
    let text = svg(900, 320, |a| {
        loss_runs::draw(a, &s.runs, s.setup.target, Style::default()).unwrap()
    });
    for label in [
        "½ squared error",
        "squared error",
        "cross-entropy",
        "target T",
    ] {
        assert!(text.contains(label), "{label}");
    }
    assert_no_label_overlaps(&text, "the runs chart");
}

/// Twenty layers on a phone: the layer numbers under the bars stay apart ("1011121314…" ran together).
#[test]
fn twenty_layer_numbers_stay_apart_on_a_phone() {
    use backprop_lab::labs::vanishing::views::gradient_bars;
    use backprop_lab::labs::vanishing::{ChainSetup, VanishingCommand, VanishingLab};
    let mut lab = VanishingLab::new(ChainSetup {
        depth: 20,
        ..ChainSetup::default()
    })
    .unwrap();
    lab.apply(VanishingCommand::RevealAll).unwrap();
    let s = lab.snapshot();
    for width in [320, 360, 600] {
        let text = svg(width, 300, |a| {
            gradient_bars::draw(a, &s.chosen, &s.compared, s.revealed, Style::default()).unwrap()
        });
        assert_no_label_overlaps(&text, &format!("bars at {width} px"));
    }
}

/// A projector zoomed to 150% or 200% narrows the strip of discs: every layer's |∂E/∂z| and every factor
/// still shows, on staggered lines where one line would run them together (20 layers in 578 px, a 1280-px
/// projector at 200%, need three), and no label runs into another.
#[test]
fn the_gradient_flow_keeps_its_numbers_on_a_zoomed_projector() {
    use backprop_lab::labs::vanishing::views::gradient_flow;
    use backprop_lab::labs::vanishing::{ChainSetup, VanishingCommand, VanishingLab};
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    // 206 px high: the strip's 13rem on a page.
    for (depth, width) in [
        (8, 300),
        (8, 580),
        (8, 800),
        (20, 460),
        (20, 578),
        (20, 790),
        (20, 1200),
    ] {
        let mut lab = VanishingLab::new(ChainSetup {
            depth,
            ..Default::default()
        })
        .unwrap();
        lab.apply(VanishingCommand::RevealAll).unwrap();
        let s = lab.snapshot();
        let text = svg(width, 206, |a| {
            gradient_flow::draw(a, &s.chosen, s.revealed, Style::default()).unwrap()
        });
        let what = format!("{depth} layers at {width} px");
        // The discs still grow with |∂E/∂z| (this sigmoid chain's signal grows toward the output), whatever
        // room the labels take.
        let radii: Vec<f64> = text
            .split("<circle")
            .skip(1)
            .map(|t| attribute(t.split('>').next().unwrap(), "r"))
            .collect();
        assert_eq!(radii.len(), depth, "{what}: a disc per layer");
        assert!(radii[0] >= 2.0, "{what}: the smallest disc {radii:?}");
        assert!(
            radii.windows(2).all(|r| r[1] >= r[0]) && radii[depth - 1] > radii[0] + 2.0,
            "{what}: discs grow with the signal {radii:?}"
        );
        for layer in &s.chosen.layers {
            let value = backprop_lab::shared::format::sig4(layer.signal);
            let shown = text_boxes(&text).iter().any(|(label, _)| *label == value);
            assert!(shown, "{what}: layer {}'s {value}", layer.layer);
        }
        let factors = text_boxes(&text)
            .iter()
            .filter(|(label, _)| label.starts_with('×'))
            .count();
        // Where the strip is too low for both, the factors go to the table, never the discs' room.
        assert!(
            factors == depth - 1 || (factors == 0 && width < 500),
            "{what}: {factors} factors"
        );
        assert_no_label_overlaps(&text, &what);
        for (label, b) in text_boxes(&text) {
            assert!(
                b[1] >= 0.0 && b[3] <= 206.0,
                "{what}: “{label}” {b:?} off the strip"
            );
        }
    }
}
