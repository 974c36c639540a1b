//! The lab's views drawn to SVG natively: what they draw, where, and that labels stay apart.

#[allow(unused_imports)]
use crate::common::svg::*;

mod descent_views {
    use crate::common::svg::{decade_of, svg, text_boxes};
    use backprop_lab::labs::descent::views::batch_race;
    use backprop_lab::labs::descent::views::cost_contour;
    use backprop_lab::labs::descent::views::cost_curve;
    use backprop_lab::labs::descent::views::data_fit;
    use backprop_lab::labs::descent::{DescentCommand, DescentLab, DescentSetup, Model, Preset};
    use backprop_lab::shared::chart::Style;

    /// The lab after `commands`, each of which must be carried out; a run meant to diverge says so with
    /// `lab_diverged_after`.
    fn lab_after(commands: Vec<DescentCommand>) -> DescentLab {
        let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
        for c in commands {
            let what = format!("{c:?}");
            lab.apply(c)
                .unwrap_or_else(|e| panic!("{what} was refused: {e}"));
        }
        lab
    }

    /// Issue 19: at η = 3 the cost curve pins every step after the first to its top edge. The distance to
    /// the minimum on a log scale shows the run: each step multiplies it by the same factor, so the dots
    /// climb evenly, fall evenly while converging (the zigzag's later steps too), and stay level at the edge.
    #[test]
    fn the_distance_chart_draws_each_steps_factor_as_an_even_slope() {
        use crate::common::svg::{assert_each_decade_labelled_once, filled_circles};
        use backprop_lab::labs::descent::views::distance_chart;
        let points = |commands: Vec<DescentCommand>, what: &str| -> Vec<[f64; 2]> {
            let snap = lab_after(commands).snapshot();
            let text = svg(600, 260, |a| {
                distance_chart::draw(a, &snap, Style::default()).unwrap()
            });
            assert!(text.contains("distance (log scale)"), "{what}");
            assert!(text.contains("|w − w*|"), "{what}: the series is named");
            assert_each_decade_labelled_once(&text, what);
            filled_circles(&text, "#D55E00")
        };
        for (eta, rising) in [(3.0, true), (1.5, true), (0.8, false), (0.1, false)] {
            let what = format!("η = {eta}");
            let dots = points(
                vec![
                    DescentCommand::SetLearningRate { value: eta },
                    DescentCommand::Step { count: 5 },
                ],
                &what,
            );
            assert_eq!(dots.len(), 6, "{what}: a dot for each step, 0 to 5");
            let rises: Vec<f64> = dots.windows(2).map(|d| d[0][1] - d[1][1]).collect();
            assert!(
                rises.iter().all(|&r| (r > 0.0) == rising && r != 0.0),
                "{what}: {rises:?}"
            );
            let (lo, hi) = rises
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &r| {
                    (lo.min(r), hi.max(r))
                });
            assert!(hi - lo <= 2.0, "{what}: a straight line, {rises:?}");
        }
        // The course's points at η = 0.4 = 1/m bounce 0 → 4 → 0: level.
        let dots = points(
            vec![
                DescentCommand::LoadPreset {
                    preset: Preset::SeedPoints,
                },
                DescentCommand::Step { count: 4 },
            ],
            "bouncing",
        );
        assert_eq!(dots.len(), 5);
        assert!(dots.iter().all(|d| d[1] == dots[0][1]), "{dots:?}");
        // Many steps: the line alone.
        let dots = points(
            vec![
                DescentCommand::SetLearningRate { value: 0.01 },
                DescentCommand::Step { count: 200 },
            ],
            "200 steps",
        );
        assert!(dots.is_empty());
    }

    /// The lab after `commands`, the last of which must be refused because the run diverged.
    fn lab_diverged_after(mut commands: Vec<DescentCommand>) -> DescentLab {
        let last = commands.pop().expect("a command to diverge on");
        let mut lab = lab_after(commands);
        let refused = lab.apply(last).expect_err("the run diverges");
        assert!(refused.starts_with("Diverged at step"), "{refused}");
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
        let lab = lab_diverged_after(vec![
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

    /// Data from a CSV of house sizes and prices: the axis labels fit beside the axis ("3×10⁵", not a
    /// "300000.0" cut to "00000.0" at the canvas's edge, nor the computer's "3e5").
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
        assert!(labels.iter().any(|t| t.ends_with("×10⁵")), "{labels:?}");
        assert!(labels.iter().all(|t| !t.ends_with("e5")), "{labels:?}");
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
        let refused = lab
            .apply(DescentCommand::Step { count: 6 })
            .expect_err("the run diverges");
        assert!(refused.starts_with("Diverged at step"), "{refused}");
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
                    .filter_map(|(t, _)| decade_of(t))
                    .max()
                    .unwrap();
                assert!(
                    10f64.powi(top_decade) >= start,
                    "{preset:?} {x}: the axis reaches 10^{top_decade}, the start is {start}"
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

/// Issue 18: on the cost curve, J is solid, a mini-batch's own parabola dashed and the tangent dotted: the
/// three lines differ by more than colour.
#[test]
fn the_cost_curves_lines_are_drawn_in_three_patterns() {
    use backprop_lab::labs::descent::views::cost_curve;
    use backprop_lab::labs::descent::{DescentCommand, DescentLab, DescentSetup};
    use backprop_lab::shared::chart::Style;
    let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
    lab.apply(DescentCommand::SetBatchSize { size: 1 }).unwrap();
    lab.apply(DescentCommand::Step { count: 2 }).unwrap();
    for scale in [1.0, 2.0] {
        let text = svg(700, 350, |a| {
            cost_curve::draw(a, &lab.snapshot(), Style { scale }).unwrap()
        });
        assert_patterns_differ(
            &text,
            &["#222222", "#E69F00", "#0072B2"],
            scale,
            &format!("scale {scale}"),
        );
    }
}
