//! The lab's views drawn to SVG natively: what they draw, where, and that labels stay apart.

#[allow(unused_imports)]
use crate::common::svg::*;
use backprop_lab::shared::chart::Style;

mod vanishing_views {
    use crate::common::svg::svg;
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

    /// Issue 19: while the scores are refused the plot draws no bars (not those of the scores before) and
    /// says why there are none, at a phone's width too.
    #[test]
    fn refused_scores_draw_no_bars() {
        let mut refused = lab(vec![]);
        let bars = |s: &backprop_lab::labs::vanishing::VanishingSnapshot, width: u32| {
            svg(width, 260, |a| {
                softmax_bars::draw(a, &s.softmax, Style::default()).unwrap()
            })
        };
        let good = bars(&refused.snapshot(), 500);
        assert!(good.contains("0.6590") && !good.contains(softmax_bars::REFUSED));
        assert_eq!(good.matches("fill=\"#0072B2\"").count(), 3, "three bars");
        refused
            .apply(VanishingCommand::SetScores { text: "abc".into() })
            .unwrap_err();
        refused
            .apply(VanishingCommand::SetTemperature { temperature: 2.0 })
            .unwrap_err();
        let s = refused.snapshot();
        for width in [500, 300] {
            let text = bars(&s, width);
            assert!(text.contains(softmax_bars::REFUSED), "{width} px: says why");
            let forward = text.matches("fill=\"#0072B2\"").count();
            assert_eq!(forward, 0, "{width} px: no bars");
            for stale in ["0.6590", "0.5017", "2.000", "0.1000"] {
                assert!(
                    !text.contains(stale),
                    "{width} px: nothing of 2, 1, 0.1 ({stale})"
                );
            }
            super::assert_no_label_overlaps(&text, "refused softmax");
            let (_, b) = super::text_boxes(&text)
                .into_iter()
                .find(|(t, _)| t == softmax_bars::REFUSED)
                .unwrap();
            assert!(
                b[0] >= 0.0 && b[2] <= width as f64,
                "{width} px: not cut: {b:?}"
            );
        }
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
            .filter(|(l, _)| decade_of(l).is_some())
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

/// Issue 19: at 20 layers on a phone the layer numbers under the strip ran together ("910111213…"). At
/// every width from a phone to a projector, and every depth, no label touches another, and the first and
/// last layers keep their numbers.
#[test]
fn flow_layer_numbers_never_run_together() {
    use backprop_lab::labs::vanishing::views::gradient_flow;
    use backprop_lab::labs::vanishing::{VanishingCommand, VanishingLab};
    for depth in [8, 12, 16, 20] {
        let mut lab = VanishingLab::new(Default::default()).unwrap();
        lab.apply(VanishingCommand::SetDepth { depth }).unwrap();
        lab.apply(VanishingCommand::RevealAll).unwrap();
        let s = lab.snapshot();
        for width in [290, 313, 343, 500, 700, 1000, 1400] {
            let text = svg(width, 220, |a| {
                gradient_flow::draw(a, &s.chosen, s.revealed, Style::default()).unwrap()
            });
            let what = format!("{depth} layers, {width} px");
            // Pairwise, as `assert_no_label_overlaps` does, without its floor on the number of labels: a
            // narrow strip numbers only a few layers.
            let boxes = text_boxes(&text);
            for (k, (a, p)) in boxes.iter().enumerate() {
                for (b, q) in &boxes[k + 1..] {
                    let apart = p[2] <= q[0] || q[2] <= p[0] || p[3] <= q[1] || q[3] <= p[1];
                    assert!(apart, "{what}: “{a}” {p:?} runs into “{b}” {q:?}");
                }
            }
            let numbers: Vec<String> = boxes
                .into_iter()
                .map(|(label, _)| label)
                .filter(|l| l.parse::<usize>().is_ok())
                .collect();
            assert!(
                numbers.contains(&"1".to_string()) && numbers.contains(&depth.to_string()),
                "{what}: {numbers:?}"
            );
        }
    }
}

/// Issue 18: f is solid and f′ dashed, on the plot and in its legend, for every activation.
#[test]
fn f_and_its_slope_are_drawn_in_two_patterns() {
    use backprop_lab::engine::Activation;
    use backprop_lab::labs::vanishing::views::activation_plot;
    use backprop_lab::labs::vanishing::{ChainSetup, VanishingCommand, VanishingLab};
    for activation in [Activation::Sigmoid, Activation::Tanh, Activation::Relu] {
        let mut lab = VanishingLab::new(ChainSetup::default()).unwrap();
        lab.apply(VanishingCommand::SetGalleryActivation { activation })
            .unwrap();
        let s = lab.snapshot();
        let text = svg(500, 300, |a| {
            activation_plot::draw(
                a,
                s.gallery_activation,
                &s.gallery_curve,
                s.gallery,
                Style::default(),
            )
            .unwrap();
        });
        assert_patterns_differ(
            &text,
            &["#0072B2", "#D55E00"],
            1.0,
            &format!("{activation:?}"),
        );
    }
}
