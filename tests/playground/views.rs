//! The playground's pictures drawn natively: the heatmaps' colours, the data plot (where the output goes,
//! which points are drawn), the diagram (a node per neuron, an edge per weight that is not zero) and the
//! loss chart, drawn to SVG.

use backprop_lab::engine::Activation;
use backprop_lab::labs::playground::views::data_plot::{self, data_at};
use backprop_lab::labs::playground::views::heatmap::{rgba, Scale};
use backprop_lab::labs::playground::views::loss_chart;
use backprop_lab::labs::playground::views::network_diagram::{self, Layout, Node};
use backprop_lab::labs::playground::*;
use backprop_lab::shared::chart::Style;

use crate::common::svg::{assert_no_label_overlaps, svg, text_boxes};
use crate::support::lab;

#[test]
fn the_heatmap_runs_from_orange_through_white_to_blue() {
    let scale = Scale::output(Task::Classification);
    assert_eq!(scale.colour(0.5, false), [255, 255, 255, 255]);
    // 80% of the way to the Okabe–Ito colours at the ends.
    assert_eq!(scale.colour(1.0, false), [51, 142, 193, 255]);
    assert_eq!(scale.colour(0.0, false), [235, 178, 51, 255]);
    assert_eq!(
        scale.colour(7.0, false),
        scale.colour(1.0, false),
        "held at the end"
    );
    assert_eq!(scale.colour(f64::NAN, false), [255, 255, 255, 255]);
    // Discretised: each side's full colour.
    assert_eq!(scale.colour(0.51, true), scale.colour(1.0, true));
    assert_eq!(scale.colour(0.49, true), scale.colour(0.0, true));
    let bytes = rgba(&[0.0, 0.5, 1.0], scale, false);
    assert_eq!(bytes.len(), 12);
    assert_eq!(&bytes[4..8], &[255, 255, 255, 255]);
    // A ReLU picture is scaled to its largest value; tanh to ±1.
    assert_eq!(
        Scale::neuron(Activation::Relu, &[0.0, 3.0, 1.0]),
        Scale::symmetric(3.0)
    );
    assert_eq!(
        Scale::neuron(Activation::Tanh, &[0.0, 3.0]),
        Scale::symmetric(1.0)
    );
    assert_eq!(Scale::feature(&[-36.0, 4.0]), Scale::symmetric(36.0));
}

#[test]
fn the_data_plot_puts_the_output_under_the_points() {
    let mut lab = lab("data=gauss&points=40&epoch=2");
    lab.apply(PlaygroundCommand::PickPoint { index: Some(3) })
        .unwrap();
    let s = lab.snapshot();
    let style = Style { scale: 1.0 };
    for show_test in [true, false] {
        let mut rect = None;
        let picture = svg(500, 500, |area| {
            let drawn = data_plot::draw(area, &s, show_test, style, |r| rect = Some(r)).unwrap();
            assert_eq!(Some(drawn), rect);
        });
        let (l, t, r, b) = rect.unwrap();
        assert!(0 < l && l < r && r <= 500 && 0 < t && t < b && b <= 500);
        let circles = picture.matches("<circle").count();
        let shown = s.points.iter().filter(|p| show_test || !p.test).count();
        let ring = usize::from(show_test || !s.points[3].test);
        assert_eq!(
            circles,
            2 * shown + ring,
            "fill and rim per point, and the picked ring"
        );
        assert_no_label_overlaps(&picture, "data plot");
        // The corners of the plot are the square's.
        let (x1, x2) = data_at((l, t, r, b), l as f64, t as f64).unwrap();
        assert!((x1 + HALF).abs() < 1e-12 && (x2 - HALF).abs() < 1e-12);
        assert!(data_at((l, t, r, b), (l - 5) as f64, t as f64).is_none());
    }
}

#[test]
fn the_diagram_has_a_node_per_neuron_and_an_edge_per_weight_that_is_not_zero() {
    let lab =
        lab("data=xor&features=x1,x2,x1x2,sinx1,sinx2&layers=4,2&reg=l1&rate=0.3&lr=0.1&epoch=30");
    let s = lab.snapshot();
    assert!(s.zero_weights > 0, "L1 pruned some weights");
    let style = Style { scale: 1.0 };
    for (width, height) in [(700, 360), (360, 300), (1200, 500)] {
        let mut nodes = Vec::new();
        let picture = svg(width, height, |area| {
            network_diagram::draw(area, &s, style, |node, rect| nodes.push((node, rect))).unwrap();
        });
        let expected: Vec<Node> = (0..5)
            .map(Node::Feature)
            .chain((0..7).map(Node::Neuron))
            .collect();
        assert_eq!(nodes.iter().map(|n| n.0).collect::<Vec<_>>(), expected);
        for (k, (_, a)) in nodes.iter().enumerate() {
            assert!(
                a.0 >= 0 && a.2 <= width as i32 && a.1 >= 0 && a.3 <= height as i32,
                "{a:?}"
            );
            for (_, b) in &nodes[k + 1..] {
                let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                assert!(apart, "{width}×{height}: {a:?} and {b:?} overlap");
            }
        }
        let edges = picture.matches("<polyline").count();
        assert_eq!(edges, s.edges.iter().filter(|e| !e.zero).count());
        let labels: Vec<String> = text_boxes(&picture).into_iter().map(|(t, _)| t).collect();
        assert_eq!(labels, ["x₁", "x₂", "x₁x₂", "sin x₁", "sin x₂"]);
        let layout = Layout::new(width as i32, height as i32, &s.sizes, style);
        let (l, t, _, _) = layout.columns[1][2];
        assert_eq!(layout.node_at(l + 1, t + 1), Some((1, 2)));
        assert_eq!(layout.node_at(0, 0), None);
    }
}

#[test]
fn the_loss_chart_draws_both_losses() {
    let lab = lab("data=circle&epoch=40");
    let s = lab.snapshot();
    for log_scale in [false, true] {
        let picture = svg(600, 300, |area| {
            loss_chart::draw(area, &s, log_scale, Style { scale: 1.0 }).unwrap()
        });
        assert!(picture.contains("training loss") && picture.contains("test loss"));
        assert_no_label_overlaps(&picture, "loss chart");
    }
}

#[test]
fn the_diagram_finds_the_node_or_the_edge_under_a_pointer() {
    use network_diagram::Hit;
    let layout = Layout::new(600, 300, &[2, 3, 1], Style { scale: 1.0 });
    let (l, t, r, b) = layout.columns[1][2];
    let centre = ((l + r) / 2, (t + b) / 2);
    assert_eq!(layout.hit(centre.0, centre.1, 4.0), Some(Hit::Node(1, 2)));
    // Halfway along the edge from input 0 into hidden neuron 2, and 3 pixels off it.
    let from = layout.columns[0][0];
    let a = (from.2, (from.1 + from.3) / 2);
    let to = (l, (t + b) / 2);
    let mid = ((a.0 + to.0) / 2, (a.1 + to.1) / 2);
    assert_eq!(layout.hit(mid.0, mid.1 + 1, 4.0), Some(Hit::Edge(0, 0, 2)));
    // Far from every edge and node: nothing.
    assert_eq!(layout.hit(599, 0, 4.0), None);
}
