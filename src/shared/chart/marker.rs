//! Markers that tell runs apart by shape as well as by colour (for a colour-blind reader, or a grey
//! printout): the series chart puts one every sixth of a run and one on its legend's line sample.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{palette, Style};

/// Run `k`'s marker at a pixel of `area`: none for the first run, then a square, a triangle, a diamond and a
/// cross, outlined in the run's colour over the paper.
pub fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    k: usize,
    (x, y): (i32, i32),
    colour: RGBColor,
    style: Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let r = style.px(4.0).max(2);
    let outline = colour.stroke_width(style.px(2.0).max(1) as u32);
    let shape: Vec<(i32, i32)> = match k % 5 {
        0 => return Ok(()),
        1 => vec![
            (x - r, y - r),
            (x + r, y - r),
            (x + r, y + r),
            (x - r, y + r),
        ],
        2 => vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
        3 => {
            let d = r + r / 3 + 1;
            vec![(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
        }
        _ => {
            area.draw(&PathElement::new(
                vec![(x - r, y - r), (x + r, y + r)],
                outline,
            ))?;
            return area.draw(&PathElement::new(
                vec![(x - r, y + r), (x + r, y - r)],
                outline,
            ));
        }
    };
    area.draw(&Polygon::new(shape.clone(), palette::PAPER.filled()))?;
    let mut closed = shape.clone();
    closed.push(shape[0]);
    area.draw(&PathElement::new(closed, outline))
}
