//! The query-string helpers every lab's link codec uses: `#descent?eta=0.8&data=seed_points&steps=3`. A
//! teacher can send one link and every student opens the same lesson. The text after `?` is untrusted: every
//! refusal names the key and says why, and nothing here panics. Each lab's own keys are in its `link.rs`.

/// Longer queries are refused before they are read.
pub const MAX_QUERY: usize = 4096;

/// `key=value` pairs in order. Keys are lower-case ASCII; values are percent-decoded.
pub fn parse_query(query: &str) -> Result<Vec<(String, String)>, String> {
    if query.len() > MAX_QUERY {
        return Err(format!(
            "The link's settings are longer than {MAX_QUERY} characters."
        ));
    }
    let mut pairs = Vec::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("“{}” has no “=value”.", shorten(part)))?;
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(format!(
                "“{}” is not a setting name: names are lower-case letters, digits and _.",
                shorten(key)
            ));
        }
        if pairs.iter().any(|(k, _): &(String, String)| k == key) {
            return Err(format!("{key} is given twice."));
        }
        pairs.push((
            key.to_string(),
            percent_decode(value).ok_or_else(|| format!("{key}: the value is garbled."))?,
        ));
    }
    Ok(pairs)
}

pub fn shorten(text: &str) -> String {
    let short: String = text.chars().take(24).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

fn percent_decode(value: &str) -> Option<String> {
    // A `%` must start a two-digit hex escape: "%zz" is a garbled link, not text to keep as it is (the
    // crate would pass it through).
    let bytes = value.as_bytes();
    let escapes_whole = bytes.iter().enumerate().all(|(k, &b)| {
        b != b'%'
            || bytes
                .get(k + 1..k + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    // A `+` is a space, as browsers write form queries; `%2B` is a plus.
    let spaced = value.replace('+', " ");
    escapes_whole
        .then(|| {
            percent_encoding::percent_decode_str(&spaced)
                .decode_utf8()
                .ok()
        })
        .flatten()
        .map(|text| text.into_owned())
}

pub fn number(key: &str, value: &str) -> Result<f64, String> {
    // The typographic minus, as the page writes it in its messages ("between −8 and 8").
    value
        .replace('−', "-")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{key}: “{}” is not a number.", shorten(value)))
}

pub fn whole(key: &str, value: &str) -> Result<usize, String> {
    value
        .parse::<usize>()
        .map_err(|_| format!("{key}: “{}” is not a whole number.", shorten(value)))
}

pub fn flag(key: &str, value: &str) -> Result<bool, String> {
    match value {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(format!("{key}: “{}” is not 0 or 1.", shorten(value))),
    }
}

pub fn unknown(key: &str, known: &str) -> String {
    format!(
        "“{}” is not a setting of this lab (it knows {known}).",
        shorten(key)
    )
}

/// Numbers in links: as short as they can be while reading back exactly.
pub fn write(v: f64) -> String {
    format!("{v}")
}
