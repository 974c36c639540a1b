//! Where the network diagram puts things: a column (or, upright on a phone, a row) per layer, each node's
//! place and size, the type size, and where each line of values goes, all from the canvas's size so that
//! labels do not collide.

use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::shared::chart::Style;

pub(super) type Point = (i32, i32);

/// The lines of values under a neuron: b, z, a, ∂E/∂a, ∂a/∂z and ∂E/∂z.
const VALUE_LINES: i32 = 6;

pub(super) struct Layout<'a> {
    /// Nodes per column: the inputs, then each layer's neurons.
    sizes: &'a [usize],
    style: Style,
    width: i32,
    height: i32,
    layers: usize,
    /// Inputs, each layer, the target.
    columns: usize,
    margin: i32,
    top: i32,
    usable: i32,
    /// The height of a neuron with its values.
    block: i32,
    /// Each node's values are written out beside it, not only a on each neuron.
    pub detailed: bool,
    /// Every layer is a single neuron.
    pub chain: bool,
    /// Smaller type and margins, and no legend line.
    pub narrow: bool,
    /// Drawn top to bottom, input above and target below, each node's values to its right.
    pub vertical: bool,
    pub radius: i32,
    pub text_size: f64,
    /// The height of one line of values.
    pub line: i32,
}

impl<'a> Layout<'a> {
    pub fn new(width: i32, height: i32, sizes: &'a [usize], style: Style) -> Layout<'a> {
        let layers = sizes.len() - 1;
        // Detailed labels fit when every column holds at most two neurons.
        // Below 600 CSS pixels a column of two neurons has no room for six lines of values beside the next
        // column's: such a network gets the compact layout there (a on each neuron; the tables have the rest).
        let chain = sizes.iter().all(|&n| n == 1);
        let detailed = sizes.iter().all(|&n| n <= 2) && (chain || width >= style.px(600.0));
        let columns = layers + 2;
        // Below 800 CSS pixels (a tablet, a phone on its side, a projector zoomed to 150%) a canvas gets smaller
        // type and margins, and no legend line, so labels do not collide: at 683 the legend ran into the error
        // and the gradients under the edges into the nodes.
        let narrow = width < style.px(800.0);
        // Narrower still (a phone held upright), four columns of labels cannot sit side by side: a chain of single
        // neurons is drawn top to bottom instead, input above and target below, each node's values to its right.
        let vertical = narrow && width < style.px(460.0) && chain;
        let margin = style.px(if narrow { 40.0 } else { 70.0 });
        let top = style.px(if detailed { 46.0 } else { 30.0 });
        let usable = height - 2 * top;
        let radius = style.px(match (detailed, narrow) {
            (true, false) => 30.0,
            (true, true) => 20.0,
            _ => 16.0,
        });
        // Upright on a phone each node's values have the canvas's width to its right, room for 13-px type
        // (11 px was too small to read there); side by side on a narrow canvas the columns are close.
        let (text_size, line_height) = match (detailed, narrow, vertical) {
            (true, false, _) => (16.0, 20.0),
            (true, true, true) => (13.0, 16.0),
            (true, true, false) => (11.0, 14.0),
            _ => (13.0, 16.0),
        };
        // Two neurons in a column on a short canvas: smaller type (down to 60%), so each one's values fit in
        // its half of the height.
        // Inputs have one line of values, so only the neurons' columns count.
        let most = sizes[1..].iter().copied().max().unwrap_or(1) as i32;
        let smallest_share = (height - top) / most;
        let room = f64::from(smallest_share - 2 * radius - style.px(4.0));
        let squeeze = if detailed && !vertical {
            (room / (f64::from(VALUE_LINES) * style.font(line_height))).clamp(0.6, 1.0)
        } else {
            1.0
        };
        let (text_size, line) = (
            text_size * squeeze,
            (style.font(line_height) * squeeze) as i32,
        );
        // With values written out, each neuron gets an equal share of the height under the loss line and sits
        // in it so that its circle and its six lines of values are centred there: the chain fills the canvas at
        // any size (at 200% zoom it had used only the top 60%), and two neurons in a column keep their values
        // apart.
        let block = 2 * radius + VALUE_LINES * line + style.px(4.0);
        Layout {
            sizes,
            style,
            width,
            height,
            layers,
            columns,
            margin,
            top,
            usable,
            block,
            detailed,
            chain,
            narrow,
            vertical,
            radius,
            text_size,
            line,
        }
    }

    fn column_x(&self, c: usize) -> i32 {
        self.margin + (self.width - 2 * self.margin) * c as i32 / (self.columns as i32 - 1)
    }

    fn row_y(&self, c: usize) -> i32 {
        let (first, last) = (self.style.px(62.0), self.height - self.style.px(34.0));
        first + (last - first) * c as i32 / (self.columns as i32 - 1)
    }

    fn column_size(&self, c: usize) -> usize {
        self.sizes[c.min(self.layers)]
    }

    /// The centre of node `j` of column `c` (0 the inputs, then each layer, then the targets).
    pub fn node(&self, c: usize, j: usize) -> Point {
        if self.vertical {
            return (self.width * 28 / 100, self.row_y(c));
        }
        let n = self.column_size(c) as i32;
        let y = if self.detailed {
            let share = (self.height - self.top) / n;
            let slot = self.top + share * j as i32;
            slot + ((share - self.block) / 2).max(0) + self.radius
        } else {
            self.top + self.usable * (2 * j as i32 + 1) / (2 * n)
        };
        (self.column_x(c), y)
    }

    /// Where a node's k-th line of values goes (of `count`): under it, or to its right when drawn vertically.
    pub fn value_line(&self, at: Point, k: usize, count: usize) -> (Point, Pos) {
        let (line, radius, style) = (self.line, self.radius, self.style);
        if self.vertical {
            let offset = line * (2 * k as i32 + 1 - count as i32) / 2;
            (
                (at.0 + radius + style.px(12.0), at.1 + offset),
                Pos::new(HPos::Left, VPos::Center),
            )
        } else {
            (
                (
                    at.0,
                    at.1 + radius + line * (2 * k as i32 + 1) / 2 + style.px(4.0),
                ),
                Pos::new(HPos::Center, VPos::Center),
            )
        }
    }
}
