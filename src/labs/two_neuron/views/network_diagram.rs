//! The network as a diagram: neurons with their z and a, edges with their weights, the operation just done
//! highlighted, and the gradients drawn flowing back once they are known.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::network_layout::{Layout, Point};
use crate::engine::names::Names;
use crate::engine::Activation;
use crate::labs::two_neuron::{Operation, Phase, Snapshot};
use crate::shared::chart::{arrow, boxed_text, palette, Style};
use crate::shared::format::sig4;

/// The neuron an operation is about, as (layer, neuron); `None` for whole-batch operations.
fn focus(op: Operation) -> Option<(usize, usize)> {
    use Operation::*;
    match op {
        WeightedSum { layer, neuron, .. }
        | Activate { layer, neuron, .. }
        | ActivationSlope { layer, neuron, .. }
        | NeuronError { layer, neuron, .. }
        | WeightGradient { layer, neuron }
        | BiasGradient { layer, neuron }
        | PropagateError { layer, neuron, .. }
        | UpdateWeights { layer, neuron }
        | UpdateBias { layer, neuron } => Some((layer, neuron)),
        OutputError { .. } | Loss { .. } | BatchLoss => None,
    }
}

fn phase_colour(phase: Phase) -> RGBColor {
    match phase {
        Phase::Forward => palette::FORWARD,
        Phase::Backward => palette::BACKWARD,
        Phase::Update => palette::UPDATE,
    }
}

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    snap: &Snapshot,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&palette::PAPER)?;
    let (width, height) = area.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    let sizes = &snap.architecture;
    let layers = sizes.len() - 1;
    let names = Names::for_layers_shape(sizes);
    let layout = Layout::new(width, height, sizes, style);
    let Layout {
        detailed,
        chain,
        narrow,
        vertical,
        radius,
        text_size,
        line,
        ..
    } = layout;
    let ex = &snap.view.examples[0];
    let last = snap.last.as_ref();
    let focus = last.and_then(|o| focus(o.operation));
    let small = (FontFamily::SansSerif, style.font(text_size)).into_font();
    let label = |text: String, at: Point, colour: RGBColor, anchor: Pos| {
        Text::new(text, at, small.clone().color(&colour).pos(anchor))
    };
    let centre = Pos::new(HPos::Center, VPos::Center);
    let left = Pos::new(HPos::Left, VPos::Center);

    // Edges, with weights; gradients flowing back drawn as arrows pointing toward the input.
    let mut weight_labels = Vec::new();
    for l in 0..layers {
        for j in 0..sizes[l + 1] {
            for i in 0..sizes[l] {
                let (from, to) = (layout.node(l, i), layout.node(l + 1, j));
                let mut colour = palette::MUTED;
                let mut stroke = style.px(1.5).max(1);
                if focus == Some((l, j)) {
                    if let Some(op) = last {
                        if matches!(
                            op.operation,
                            Operation::WeightedSum { .. }
                                | Operation::WeightGradient { .. }
                                | Operation::UpdateWeights { .. }
                        ) {
                            colour = phase_colour(op.phase);
                            stroke = style.px(3.5);
                        }
                    }
                }
                if let Some(Operation::PropagateError { layer, neuron, .. }) =
                    last.map(|o| o.operation)
                {
                    if layer + 1 == l && neuron == i {
                        colour = palette::BACKWARD;
                        stroke = style.px(3.5);
                    }
                }
                area.draw(&PathElement::new(
                    vec![from, to],
                    colour.stroke_width(stroke as u32),
                ))?;
                let flowing_back = ex.layers[l].de_dz[j].is_some()
                    && (l == 0 || ex.layers[l - 1].de_da[i].is_some());
                if flowing_back {
                    // Upright on a phone the edges are short: a fifth of the way would hide under the circle.
                    let t = if vertical { 0.5 } else { 0.2 };
                    arrow(area, to, from, t, palette::BACKWARD, style)?;
                }
                if detailed {
                    let w = snap.view.params[l].weights[j][i];
                    let updated = snap.view.updated[l].weights[j];
                    let colour = if updated {
                        palette::UPDATE
                    } else {
                        palette::INK
                    };
                    let text = format!("{} = {}", names.weight(l, j, i), sig4(w));
                    let gradient = snap.view.gradients[l].de_dw[j][i]
                        .map(|g| format!("∂E/∂{} = {}", names.weight(l, j, i), sig4(g)));
                    let middle = (from.0 + (to.0 - from.0) / 2, from.1 + (to.1 - from.1) / 2);
                    if vertical {
                        // To the right of the edge, between the two nodes' values.
                        let at = (middle.0 + style.px(12.0), middle.1);
                        area.draw(&label(text, at, colour, left))?;
                    } else if chain {
                        // The weight above its edge, its gradient below.
                        let off = line * 3 / 4 + style.px(2.0);
                        area.draw(&label(text, (middle.0, middle.1 - off), colour, centre))?;
                        if let Some(g) = gradient {
                            let at = (middle.0, middle.1 + off);
                            area.draw(&label(g, at, palette::BACKWARD, centre))?;
                        }
                    } else {
                        // Crossing edges share their middle, so each weight sits 60% of the way to its
                        // neuron, on a pale box over the edges, drawn once every edge is (its gradient is
                        // in the table of parameters).
                        let at = (
                            from.0 + (to.0 - from.0) * 3 / 5,
                            from.1 + (to.1 - from.1) * 3 / 5,
                        );
                        weight_labels.push((text, at, colour));
                    }
                }
            }
        }
    }
    for (text, at, colour) in weight_labels {
        boxed_text(
            area,
            &text,
            at,
            &small,
            colour,
            (HPos::Center, VPos::Center),
            style,
        )?;
    }

    // Inputs.
    for (i, x) in ex.input.iter().enumerate() {
        let at = layout.node(0, i);
        box_at(area, at, radius, palette::INK, style.px(1.5))?;
        let text = if detailed {
            format!("{} = {}", names.input(i), sig4(*x))
        } else {
            sig4(*x)
        };
        let (place, anchor) = layout.value_line(at, 0, 1);
        area.draw(&label(text, place, palette::INK, anchor))?;
        area.draw(&label(names.input(i), at, palette::INK, centre))?;
    }

    // Neurons.
    for l in 0..layers {
        let values = &ex.layers[l];
        for j in 0..sizes[l + 1] {
            let at = layout.node(l + 1, j);
            let focused = focus == Some((l, j));
            let ring = match (focused, last) {
                (true, Some(op)) => phase_colour(op.phase),
                _ => palette::INK,
            };
            if focused {
                area.draw(&Circle::new(
                    at,
                    radius + style.px(7.0),
                    palette::HIGHLIGHT.mix(0.35).filled(),
                ))?;
            }
            area.draw(&Circle::new(at, radius, palette::PAPER.filled()))?;
            area.draw(&Circle::new(
                at,
                radius,
                ring.stroke_width(style.px(if focused { 3.0 } else { 1.5 }) as u32),
            ))?;
            // Short enough to fit inside a neuron's circle.
            let act = match snap.activations[l] {
                Activation::Sigmoid => "σ",
                Activation::Tanh => "tanh",
                Activation::Relu => "ReLU",
                Activation::LeakyRelu => "lReLU",
                Activation::Softmax => "soft",
                Activation::Identity => "id",
            };
            area.draw(&label(act.into(), at, palette::MUTED, centre))?;
            if !detailed {
                if let Some(a) = values.a[j] {
                    area.draw(&label(
                        sig4(a),
                        (at.0, at.1 + radius + line / 2),
                        palette::FORWARD,
                        centre,
                    ))?;
                }
                continue;
            }
            let b_colour = if snap.view.updated[l].biases[j] {
                palette::UPDATE
            } else {
                palette::INK
            };
            let rows = [
                (
                    format!(
                        "{} = {}",
                        names.bias(l, j),
                        sig4(snap.view.params[l].biases[j])
                    ),
                    Some(0.0),
                    b_colour,
                ),
                (names.neuron("z", l, j), values.z[j], palette::FORWARD),
                (names.neuron("a", l, j), values.a[j], palette::FORWARD),
                (
                    format!("∂E/∂{}", names.neuron("a", l, j)),
                    values.de_da[j],
                    palette::BACKWARD,
                ),
                (
                    format!("∂{}/∂{}", names.neuron("a", l, j), names.neuron("z", l, j)),
                    values.da_dz[j],
                    palette::BACKWARD,
                ),
                (
                    format!("∂E/∂{}", names.neuron("z", l, j)),
                    values.de_dz[j],
                    palette::BACKWARD,
                ),
            ];
            // Upright on a phone the rows of one neuron would reach the next: ∂E/∂a and ∂a/∂z stay in the
            // table below, and the diagram keeps b, z, a and ∂E/∂z.
            let rows: Vec<_> = rows
                .into_iter()
                .enumerate()
                .filter(|(k, _)| !vertical || ![3, 4].contains(k))
                .map(|(_, r)| r)
                .collect();
            for (row, (name, value, colour)) in rows.iter().enumerate() {
                let (place, anchor) = layout.value_line(at, row, rows.len());
                // ∂E/∂a that overflowed (cross-entropy on an output rounded to 0 or 1) is known, not pending.
                let overflowed = name.starts_with("∂E/∂a") && values.de_da_overflowed[j];
                let text = match (row, value) {
                    (0, _) => name.clone(),
                    (_, Some(v)) => format!("{name} = {}", sig4(*v)),
                    (_, None) if overflowed => format!("{name} = overflowed"),
                    (_, None) => format!("{name} = ?"),
                };
                let colour = if value.is_some() || row == 0 || overflowed {
                    *colour
                } else {
                    palette::PENDING
                };
                area.draw(&label(text, place, colour, anchor))?;
            }
        }
    }

    // The target and the error.
    let out = layers;
    for j in 0..sizes[layers] {
        let at = layout.node(layers + 1, j);
        let from = layout.node(out, j);
        // From the output neuron's edge to the target box's, along the way the diagram runs.
        let (leave, arrive) = if vertical {
            ((from.0, from.1 + radius), (at.0, at.1 - radius * 3 / 4))
        } else {
            ((from.0 + radius, from.1), (at.0 - radius, at.1))
        };
        area.draw(&PathElement::new(
            vec![leave, arrive],
            palette::FAINT.stroke_width(style.px(1.5) as u32),
        ))?;
        let t = ex.target[j];
        let hit = matches!(
            last.map(|o| o.operation),
            Some(Operation::Loss { .. } | Operation::OutputError { .. })
        );
        let colour = if hit {
            palette::HIGHLIGHT
        } else {
            palette::INK
        };
        box_at(
            area,
            at,
            radius,
            colour,
            style.px(if hit { 3.0 } else { 1.5 }),
        )?;
        area.draw(&label(names.target(j), at, palette::INK, centre))?;
        if detailed {
            let (place, anchor) = layout.value_line(at, 0, 1);
            area.draw(&label(
                format!("{} = {}", names.target(j), sig4(t)),
                place,
                palette::INK,
                anchor,
            ))?;
        }
        if ex.layers[out - 1].de_da[j].is_some() || ex.layers[out - 1].de_da_overflowed[j] {
            arrow(area, arrive, leave, 0.5, palette::BACKWARD, style)?;
        }
    }
    let loss_text = match snap.view.loss {
        Some(e) => format!("{}   E = {}", snap.loss_formula, sig4(e)),
        None => format!("{}   E = ?", snap.loss_formula),
    };
    let loss_colour = if snap.view.loss.is_some() {
        palette::INK
    } else {
        palette::MUTED
    };
    area.draw(&label(
        loss_text,
        (width - style.px(12.0), style.px(16.0)),
        loss_colour,
        Pos::new(HPos::Right, VPos::Center),
    ))?;
    if !narrow {
        area.draw(&label(
            "blue: forward   orange ◀: backward (gradients)   green: updated".into(),
            (style.px(12.0), style.px(16.0)),
            palette::MUTED,
            Pos::new(HPos::Left, VPos::Center),
        ))?;
    }
    area.present()
}

/// A white box with a border, for inputs and targets.
fn box_at<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: Point,
    radius: i32,
    colour: RGBColor,
    width: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let corners = [
        (at.0 - radius, at.1 - radius * 3 / 4),
        (at.0 + radius, at.1 + radius * 3 / 4),
    ];
    area.draw(&Rectangle::new(corners, palette::PAPER.filled()))?;
    area.draw(&Rectangle::new(
        corners,
        colour.stroke_width(width.max(1) as u32),
    ))
}
