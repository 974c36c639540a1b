//! Numbers as people read them: four significant figures, plain ASCII so they can be copied into anything.

pub use backprop_engine::names::{subscript, superscript};

/// `sig4(v)`, in brackets when negative: a factor or a subtrahend in a written-out sum, so it reads
/// "0.4 × (-3.792)" and "1 − (-0.5)²", not "0.4 × -3.792" and "1 − -0.5²" (which squares only 0.5).
pub fn factor(v: f64) -> String {
    let s = sig4(v);
    if s.starts_with('-') {
        format!("({s})")
    } else {
        s
    }
}

/// Four significant figures; scientific notation outside [1e-4, 1e6); words for what is not a number.
pub fn sig4(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if v == 0.0 {
        return "0".into();
    }
    // libm's log10, not the platform's: glibc's and the wasm build's may differ in the last bit, and the page must
    // print the same digits natively (tests) and in the browser.
    let mut magnitude = libm::log10(v.abs()).floor() as i32;
    // Rounding can carry into a new digit (0.99996 → 1.000), which moves the magnitude up by one.
    if (v.abs() / 10f64.powi(magnitude - 3)).round() >= 10_000.0 {
        magnitude += 1;
    }
    if !(-4..6).contains(&magnitude) {
        return format!("{v:.3e}");
    }
    let decimals = (3 - magnitude).max(0) as usize;
    format!("{v:.decimals$}")
}

/// Axis tick labels: four significant figures without trailing zeros (6, 0.25, 1.5×10⁻⁷).
pub fn tick(v: f64) -> String {
    // Axis positions near zero carry rounding dust (−2.6e-17); a tick there is 0.
    if v.abs() < 1e-12 {
        return "0".into();
    }
    // From 10⁵ an axis label is written with its power of ten ("2.5×10⁵", not "250000"), so it fits the
    // label area beside the axis.
    let text = if v.abs() >= 1e5 && v.is_finite() {
        format!("{v:.3e}")
    } else {
        sig4(v)
    };
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i64>().ok()),
        None => (text.as_str(), None),
    };
    let trimmed = if mantissa.contains('.') {
        mantissa.trim_end_matches('0').trim_end_matches('.')
    } else {
        mantissa
    };
    let trimmed = if trimmed == "-0" { "0" } else { trimmed };
    match (trimmed, exponent) {
        (m, None) => m.to_string(),
        ("1", Some(e)) => power_of_ten(e),
        ("-1", Some(e)) => format!("-{}", power_of_ten(e)),
        (m, Some(e)) => format!("{m}×{}", power_of_ten(e)),
    }
}

/// 10ⁿ as people write it, with superscript digits and minus: 10⁻¹⁰, 10⁰, 10².
pub fn power_of_ten(n: i64) -> String {
    let sign = if n < 0 { "⁻" } else { "" };
    format!("10{sign}{}", superscript(n.unsigned_abs() as usize))
}

/// A number as people type it (a CSV field, a score): the typographic minus is a minus, and a lone comma with no point is a decimal
/// comma ("1,5"; the comma-separated reading never leaves one in a field unless it was quoted). "1,000" could
/// be a thousand or one, and is not a number, as in the page's fields (`typedNumber` in www/dom.js).
pub fn read_number(field: &str) -> Option<f64> {
    let text = field.trim().replace('−', "-");
    let body = text.strip_prefix(['-', '+']).unwrap_or(&text);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // "1,5", ",5", "1,5e3": a comma between digits, digits after it, and at most an exponent.
    let decimal_comma = body.split_once(',').is_some_and(|(whole, rest)| {
        let (fraction, exponent) = match rest.split_once(['e', 'E']) {
            Some((f, e)) => (f, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
            None => (rest, None),
        };
        (whole.is_empty() || digits(whole)) && digits(fraction) && exponent.is_none_or(digits)
    });
    let thousands = body.split_once(',').is_some_and(|(whole, part)| {
        (1..=3).contains(&whole.len())
            && !whole.starts_with('0')
            && part.len() == 3
            && digits(whole)
            && digits(part)
    });
    if thousands {
        return None;
    }
    let text = if decimal_comma {
        text.replacen(',', ".", 1)
    } else {
        text
    };
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_significant_figures() {
        assert_eq!(sig4(0.415), "0.4150");
        assert_eq!(sig4(0.60229), "0.6023");
        assert_eq!(sig4(0.0570566), "0.05706");
        assert_eq!(sig4(0.00102099), "0.001021");
        assert_eq!(sig4(-0.4653), "-0.4653");
        assert_eq!(sig4(12.3456), "12.35");
        assert_eq!(sig4(0.99996), "1.000");
        assert_eq!(sig4(1e-7), "1.000e-7");
        assert_eq!(sig4(2.5e9), "2.500e9");
        assert_eq!(sig4(f64::NAN), "NaN");
        assert_eq!(sig4(0.0), "0");
    }

    #[test]
    fn ticks_drop_trailing_zeros() {
        assert_eq!(tick(6.0), "6");
        assert_eq!(tick(0.25), "0.25");
        assert_eq!(tick(2500.0), "2500");
        assert_eq!(tick(99_990.0), "99990");
        // A house price on an axis: its power of ten, so it fits beside the axis, written as people write
        // it (issue 19), not "2.5e5".
        assert_eq!(tick(250_000.0), "2.5×10⁵");
        assert_eq!(tick(-300_000.0), "-3×10⁵");
        assert_eq!(tick(100_000.0), "10⁵");
        assert_eq!(tick(1.5e11), "1.5×10¹¹");
        assert_eq!(tick(1.5e-7), "1.5×10⁻⁷");
        assert_eq!(tick(-0.0), "0");
        assert_eq!(tick(-2.551e-17), "0");
        assert_eq!(tick(0.1234567), "0.1235");
    }

    #[test]
    fn scripts() {
        assert_eq!(subscript(12), "₁₂");
        assert_eq!(superscript(12), "¹²");
        assert_eq!(superscript(40), "⁴⁰");
    }
}
