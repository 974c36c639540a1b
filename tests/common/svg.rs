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
