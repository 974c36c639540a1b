//! Helpers for the view tests: draw to an SVG string, and read its text boxes and polylines back.

use plotters::prelude::*;

pub fn svg(
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

/// The power of ten a log axis's label names, written as people write it: "10⁻³" is −3, "10²" is 2.
pub fn decade_of(label: &str) -> Option<i32> {
    let power = label.strip_prefix("10")?;
    let (sign, digits) = match power.strip_prefix('⁻') {
        Some(rest) => (-1, rest),
        None => (1, power),
    };
    let value = digits.chars().try_fold(0i32, |n, c| {
        let d = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c)?;
        Some(n * 10 + d as i32)
    });
    (!digits.is_empty()).then_some(())?;
    value.map(|v| sign * v)
}

/// A log axis labels whole decades only, each once: a label at a half decade would name the wrong height.
/// Powers of ten are written 10⁻³ … 10², never "1e-3".
#[track_caller]
pub fn assert_each_decade_labelled_once(svg: &str, what: &str) {
    let texts: Vec<String> = text_boxes(svg).into_iter().map(|(text, _)| text).collect();
    assert!(
        !texts.iter().any(|t| t.starts_with("1e")),
        "{what}: a label in computer notation ({texts:?})"
    );
    let labels: Vec<String> = texts
        .into_iter()
        .filter(|text| decade_of(text).is_some())
        .collect();
    assert!(labels.len() >= 2, "{what}: decade labels found");
    for (k, label) in labels.iter().enumerate() {
        assert!(
            !labels[k + 1..].contains(label),
            "{what}: {label} labels two heights ({labels:?})"
        );
    }
}

/// The boxes of an SVG's text labels, estimated from their font size (a sans-serif character is taken to be
/// 0.58 of an em wide, a little more than a digit's), for checking that labels do not run into each other
/// or out of the picture.
pub fn text_boxes(svg: &str) -> Vec<(String, [f64; 4])> {
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
pub fn polyline_points(svg: &str, colour: &str) -> Vec<[f64; 2]> {
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
pub fn assert_no_label_overlaps(svg: &str, what: &str) {
    let boxes = text_boxes(svg);
    assert!(boxes.len() > 8, "{what}: labels found");
    for (k, (a, p)) in boxes.iter().enumerate() {
        for (b, q) in &boxes[k + 1..] {
            let apart = p[2] <= q[0] || q[2] <= p[0] || p[3] <= q[1] || q[3] <= p[1];
            assert!(apart, "{what}: “{a}” {p:?} runs into “{b}” {q:?}");
        }
    }
}

/// The centres of every filled circle drawn in `colour` (as the SVG writes it, "#RRGGBB"): point markers.
pub fn filled_circles(svg: &str, colour: &str) -> Vec<[f64; 2]> {
    svg.split("<circle")
        .skip(1)
        .map(|chunk| chunk.split_once("/>").map_or(chunk, |c| c.0))
        .filter(|tag| tag.contains(&format!("fill=\"{colour}\"")))
        .map(|tag| {
            let number = |name: &str| -> f64 {
                let start = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
                tag[start..].split('"').next().unwrap().parse().unwrap()
            };
            [number("cx"), number("cy")]
        })
        .collect()
}
/// The value of an axis label as the charts write it (`tick`, `sig4`, a decade `1e-3`), the typographic
/// minus included; None for a label that is no number.
fn label_value(text: &str) -> Option<f64> {
    let text = text.trim().replace('−', "-");
    if let Ok(value) = text.parse() {
        return Some(value);
    }
    // A power of ten as the axes write it: "10⁻³", "2.5×10⁵".
    let (mantissa, power) = match text.split_once('×') {
        Some((m, p)) => (m.parse::<f64>().ok()?, p),
        None => (1.0, text.as_str()),
    };
    let exponent: String = power
        .strip_prefix("10")?
        .chars()
        .map(|c| match c {
            '⁻' => Some('-'),
            '⁰' => Some('0'),
            '¹' => Some('1'),
            '²' => Some('2'),
            '³' => Some('3'),
            '⁴'..='⁹' => char::from_digit(c as u32 - '⁴' as u32 + 4, 10),
            _ => None,
        })
        .collect::<Option<String>>()?;
    Some(mantissa * 10f64.powi(exponent.parse().ok()?))
}

/// An attribute of an SVG tag, as text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].split('"').next()
}

/// The tick labels of the x axis and of the y axis, as (value, pixel): plotters writes an x label centred on
/// its tick (`x` is the tick's pixel, `dy="0.76em"`) and a y label ending at its tick (`y` is the tick's pixel,
/// `dy="0.5ex"`). Labels that are no number (axis titles, legends) are left out.
pub fn tick_labels(svg: &str) -> (Vec<[f64; 2]>, Vec<[f64; 2]>) {
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for chunk in svg.split("<text").skip(1) {
        let Some((tag, rest)) = chunk.split_once('>') else {
            continue;
        };
        let content = rest.split("</text>").next().unwrap_or_default();
        let (Some(value), None) = (label_value(content), attribute(tag, "transform")) else {
            continue;
        };
        let number = |name: &str| attribute(tag, name).and_then(|v| v.parse::<f64>().ok());
        match (attribute(tag, "text-anchor"), attribute(tag, "dy")) {
            (Some("middle"), Some("0.76em")) => xs.extend(number("x").map(|x| [value, x])),
            (Some("end"), Some("0.5ex")) => ys.extend(number("y").map(|y| [value, y])),
            _ => {}
        }
    }
    (xs, ys)
}

/// A linear map from data to pixels along one axis, read off its tick labels.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    value: [f64; 2],
    pixel: [f64; 2],
}

impl Scale {
    /// From the first and last of `ticks` (value, pixel). Every tick between must lie on the same line, to
    /// a pixel: otherwise these are not one axis's labels (or the axis is not linear in what they say).
    #[track_caller]
    pub fn from_ticks(ticks: &[[f64; 2]], what: &str) -> Scale {
        assert!(
            ticks.len() >= 2,
            "{what}: two tick labels at least, found {ticks:?}"
        );
        let (first, last) = (ticks[0], ticks[ticks.len() - 1]);
        let scale = Scale {
            value: [first[0], last[0]],
            pixel: [first[1], last[1]],
        };
        for &[value, pixel] in ticks {
            assert!(
                (scale.px(value) - pixel).abs() <= 1.0,
                "{what}: the label {value} is at {pixel}, off the line through {ticks:?}"
            );
        }
        scale
    }

    pub fn px(&self, value: f64) -> f64 {
        self.pixel[0]
            + (value - self.value[0]) * (self.pixel[1] - self.pixel[0])
                / (self.value[1] - self.value[0])
    }

    pub fn value(&self, px: f64) -> f64 {
        self.value[0]
            + (px - self.pixel[0]) * (self.value[1] - self.value[0])
                / (self.pixel[1] - self.pixel[0])
    }

    /// How much data one pixel is.
    pub fn per_pixel(&self) -> f64 {
        ((self.value[1] - self.value[0]) / (self.pixel[1] - self.pixel[0])).abs()
    }
}

/// The x and y scales of a chart, from its tick labels.
#[track_caller]
pub fn scales(svg: &str, what: &str) -> (Scale, Scale) {
    let (xs, ys) = tick_labels(svg);
    (
        Scale::from_ticks(&xs, &format!("{what}, x axis")),
        Scale::from_ticks(&ys, &format!("{what}, y axis")),
    )
}

/// The centre and radius of every circle filled with `colour` ("#RRGGBB").
pub fn circles(svg: &str, colour: &str) -> Vec<[f64; 3]> {
    svg.split("<circle")
        .skip(1)
        .map(|chunk| chunk.split('>').next().unwrap_or_default())
        .filter(|tag| attribute(tag, "fill") == Some(colour))
        .filter_map(|tag| {
            let number = |name: &str| attribute(tag, name)?.parse::<f64>().ok();
            Some([number("cx")?, number("cy")?, number("r")?])
        })
        .collect()
}

/// Every filled rectangle, in drawing order: its box (left, top, right, bottom) and its fill "#RRGGBB".
pub fn rects(svg: &str) -> Vec<([f64; 4], String)> {
    svg.split("<rect")
        .skip(1)
        .map(|chunk| chunk.split('>').next().unwrap_or_default())
        .filter_map(|tag| {
            let number = |name: &str| attribute(tag, name)?.parse::<f64>().ok();
            let (left, top) = (number("x")?, number("y")?);
            let b = [left, top, left + number("width")?, top + number("height")?];
            Some((b, attribute(tag, "fill")?.to_string()))
        })
        .collect()
}

/// The fill of the last of `rects` drawn over the pixel (x, y): what is seen there.
pub fn fill_at(rects: &[([f64; 4], String)], x: f64, y: f64) -> Option<&str> {
    rects
        .iter()
        .rev()
        .find(|(b, _)| b[0] <= x && x <= b[2] && b[1] <= y && y <= b[3])
        .map(|(_, fill)| fill.as_str())
}

/// The pieces of every polyline drawn in `colour`, each as its length in pixels.
pub fn polyline_lengths(svg: &str, colour: &str) -> Vec<f64> {
    svg.split("<polyline")
        .skip(1)
        .map(|chunk| chunk.split_once("/>").map_or(chunk, |c| c.0))
        .filter(|tag| tag.contains(&format!("stroke=\"{colour}\"")))
        .map(|tag| {
            let start = tag.find(" points=\"").expect("points") + 9;
            let points: Vec<[f64; 2]> = tag[start..]
                .split('"')
                .next()
                .unwrap()
                .split_whitespace()
                .filter_map(|pair| {
                    let (x, y) = pair.split_once(',')?;
                    Some([x.parse().ok()?, y.parse().ok()?])
                })
                .collect();
            points
                .windows(2)
                .map(|w| (w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]))
                .sum()
        })
        .collect()
}

/// How the lines drawn in `colour` are drawn, read back from the SVG: "solid" (a piece longer than any dash),
/// "dashed" (pieces of about ten CSS pixels) or "dotted" (pieces of a pixel or two), or "none"; `scale` is
/// the pixel ratio drawn at.
pub fn line_pattern(svg: &str, colour: &str, scale: f64) -> &'static str {
    let mut lengths = polyline_lengths(svg, colour);
    lengths.sort_by(f64::total_cmp);
    match (lengths.last(), lengths.get(lengths.len() / 2)) {
        (None, _) | (_, None) => "none",
        (Some(&longest), _) if longest > 14.0 * scale => "solid",
        (_, Some(&median)) if median > 5.0 * scale => "dashed",
        _ => "dotted",
    }
}

/// Every pair of the lines drawn in `colours` differs by pattern as well as by colour: a reader who cannot
/// tell the colours apart still tells the lines apart.
#[track_caller]
pub fn assert_patterns_differ(svg: &str, colours: &[&str], scale: f64, what: &str) {
    let patterns: Vec<&str> = colours
        .iter()
        .map(|c| line_pattern(svg, c, scale))
        .collect();
    for (k, p) in patterns.iter().enumerate() {
        assert_ne!(*p, "none", "{what}: no line drawn in {}", colours[k]);
        assert!(
            !patterns[k + 1..].contains(p),
            "{what}: two lines are both {p} ({colours:?} are {patterns:?})"
        );
    }
}
