//! The network: a column of nodes per layer, inputs first, each node a square showing its own picture over
//! the square of data (painted by the caller, as image data, into the node's rectangle); each weight an edge
//! whose colour is its sign (blue positive, orange negative) and whose width is its size. A weight that is
//! exactly zero (pruned by L1) is not drawn: the edge is gone.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data_plot::Rect;
use crate::labs::playground::PlaygroundSnapshot;
use crate::shared::chart::{label_font, palette, Style};

/// What a node shows: input feature k, or neuron k (counted over every layer, the output last; the order
/// of `neuron_pictures`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    Feature(usize),
    Neuron(usize),
}

/// Where each node is: `columns[c][j]` is node j of column c (the inputs, each hidden layer, the output).
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub columns: Vec<Vec<Rect>>,
}

impl Layout {
    pub fn new(width: i32, height: i32, sizes: &[usize], style: Style) -> Layout {
        let left = style.px(56.0);
        let right = style.px(16.0);
        let top = style.px(12.0);
        let usable_w = (width - left - right).max(1);
        let usable_h = (height - 2 * top).max(1);
        let tallest = sizes.iter().copied().max().unwrap_or(1).max(1) as i32;
        let gap = usable_w / (sizes.len().max(2) as i32 - 1).max(1);
        let side = (gap * 9 / 20)
            .min(usable_h * 10 / (tallest * 13))
            .min(style.px(64.0))
            .max(style.px(8.0));
        let step = usable_h / tallest;
        let columns = sizes
            .iter()
            .enumerate()
            .map(|(c, &n)| {
                // Centres evenly from the first column's to the last's.
                let across = (usable_w - side).max(0) as i64 * c as i64;
                let x = left + (across / (sizes.len().max(2) as i64 - 1)) as i32;
                let first = top + (usable_h - step * n as i32) / 2 + (step - side) / 2;
                (0..n)
                    .map(|j| {
                        let y = first + step * j as i32;
                        (x, y, x + side, y + side)
                    })
                    .collect()
            })
            .collect();
        Layout { columns }
    }

    /// The node under pixel (px, py), as (column, node).
    pub fn node_at(&self, px: i32, py: i32) -> Option<(usize, usize)> {
        self.columns.iter().enumerate().find_map(|(c, nodes)| {
            nodes
                .iter()
                .position(|&(l, t, r, b)| (l..=r).contains(&px) && (t..=b).contains(&py))
                .map(|j| (c, j))
        })
    }
}

/// What is under a pointer on the diagram: a node (column, index) or an edge (the layer it leads into, as
/// in `Edge`, from, to).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Node(usize, usize),
    Edge(usize, usize, usize),
}

impl Layout {
    /// The node under pixel (px, py), or else the edge nearest it within `reach` pixels.
    pub fn hit(&self, px: i32, py: i32, reach: f64) -> Option<Hit> {
        if let Some((c, j)) = self.node_at(px, py) {
            return Some(Hit::Node(c, j));
        }
        let (x, y) = (px as f64, py as f64);
        let mut best: Option<(f64, Hit)> = None;
        for (layer, pair) in self.columns.windows(2).enumerate() {
            for (i, from) in pair[0].iter().enumerate() {
                for (j, to) in pair[1].iter().enumerate() {
                    let a = (from.2 as f64, (from.1 + from.3) as f64 / 2.0);
                    let b = (to.0 as f64, (to.1 + to.3) as f64 / 2.0);
                    let d = distance_to_segment((x, y), a, b);
                    if d <= reach && best.is_none_or(|(e, _)| d < e) {
                        best = Some((d, Hit::Edge(layer, i, j)));
                    }
                }
            }
        }
        best.map(|(_, hit)| hit)
    }
}

fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx * dx + dy * dy;
    let t = if length > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

/// Edge width in pixels for a weight: 0.5 to 6 CSS pixels, growing with its size.
fn width(weight: f64, style: Style) -> u32 {
    style.px((weight.abs() * 2.0).clamp(0.5, 6.0)).max(1) as u32
}

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &PlaygroundSnapshot,
    style: Style,
    mut picture: impl FnMut(Node, Rect),
) -> Result<Layout, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let (w, h) = area.dim_in_pixel();
    let layout = Layout::new(w as i32, h as i32, &snap.sizes, style);
    let blue = RGBColor(0, 114, 178);
    let orange = RGBColor(230, 159, 0);
    for edge in snap.edges.iter().filter(|e| !e.zero) {
        let (Some(from), Some(to)) = (
            layout.columns[edge.layer].get(edge.from),
            layout.columns[edge.layer + 1].get(edge.to),
        ) else {
            continue;
        };
        let colour = if edge.weight > 0.0 { blue } else { orange };
        area.draw(&PathElement::new(
            vec![(from.2, (from.1 + from.3) / 2), (to.0, (to.1 + to.3) / 2)],
            colour.stroke_width(width(edge.weight, style)),
        ))?;
    }
    let mut neuron = 0;
    for (c, nodes) in layout.columns.iter().enumerate() {
        for (j, &rect) in nodes.iter().enumerate() {
            let node = if c == 0 {
                Node::Feature(j)
            } else {
                neuron += 1;
                Node::Neuron(neuron - 1)
            };
            picture(node, rect);
            let picked = c > 0 && snap.picked_neuron == (c - 1, j);
            let (colour, rim) = if picked {
                (palette::INK, style.px(3.0))
            } else {
                (palette::MUTED, style.px(1.0))
            };
            area.draw(&Rectangle::new(
                [(rect.0, rect.1), (rect.2, rect.3)],
                colour.stroke_width(rim.max(1) as u32),
            ))?;
        }
    }
    let font = label_font(style).pos(Pos::new(HPos::Right, VPos::Center));
    let on = snap.features.iter().filter(|f| f.on);
    for (rect, feature) in layout.columns[0].iter().zip(on) {
        area.draw(&Text::new(
            feature.label,
            (rect.0 - style.px(6.0), (rect.1 + rect.3) / 2),
            font.clone(),
        ))?;
    }
    Ok(layout)
}
