//! The lab's views drawn to SVG natively: what they draw, where, and that labels stay apart.

#[allow(unused_imports)]
use crate::common::svg::*;
use backprop_lab::shared::chart::Style;

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

/// Issue 18: the three loss curves differ by dash pattern as well as by colour (solid, dashed, dotted), in
/// both plots, wherever z is.
#[test]
fn the_three_loss_curves_are_drawn_in_three_patterns() {
    use backprop_lab::labs::losses::views::loss_plot::{self, Quantity};
    use backprop_lab::labs::losses::{LossSetup, LossesLab};
    for z in [-6.0, 0.0, 4.0] {
        let lab = LossesLab::new(LossSetup {
            z,
            ..LossSetup::default()
        })
        .unwrap();
        let s = lab.snapshot();
        for quantity in [Quantity::Loss, Quantity::Slope] {
            for scale in [1.0, 2.0] {
                let text = svg(640, 300, |a| {
                    loss_plot::draw(a, &s.curves, (z, &s.rows), quantity, Style { scale }).unwrap()
                });
                let what = format!("{quantity:?} at z = {z}, scale {scale}");
                assert_patterns_differ(&text, &["#0072B2", "#E69F00", "#009E73"], scale, &what);
            }
        }
    }
}
