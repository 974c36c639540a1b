//! Why a spec was refused, in words for people: the field at fault and serde's message rewritten
//! ("invalid type: unit value, expected struct Spec" becomes "expected a spec (…), found null").

use std::fmt;

/// A spec that was refused, with the field at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    /// Where the problem is, e.g. `layers[1].weights[0]`; empty for the document as a whole.
    pub field: String,
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for SpecError {}

pub(crate) fn err(field: impl Into<String>, message: impl Into<String>) -> SpecError {
    SpecError {
        field: field.into(),
        message: message.into(),
    }
}

/// serde's messages in words for people who never met Rust: "invalid type: unit value, expected struct
/// Spec" becomes "expected a spec (a JSON object {…} with layers, loss, optimizer and data), found null".
/// Messages of other shapes pass through; the names they quote (a field, a variant) stay in them.
fn plain_words(message: &str) -> String {
    // serde_json adds where it was: kept at the end.
    let (message, place) = match message.find(" at line ") {
        Some(k) => message.split_at(k),
        None => (message, ""),
    };
    // `name` → “name”, pair by pair.
    let quoted = |text: &str| -> String {
        let mut open = false;
        text.chars()
            .map(|c| match c {
                '`' => {
                    open = !open;
                    if open {
                        '“'
                    } else {
                        '”'
                    }
                }
                c => c,
            })
            .collect()
    };
    let thing = |text: &str| -> String {
        let text = text.trim();
        match text {
            "unit value" | "null" => "null".into(),
            "sequence" | "a sequence" => "a list […]".into(),
            "map" | "a map" => "an object {…}".into(),
            "struct Spec" => {
                "a spec (a JSON object {…} with layers, loss, optimizer and data)".into()
            }
            "enum Loss" => "the name of a loss".into(),
            "variant identifier" => "a name in quotes".into(),
            "boolean `true`" | "boolean true" => "true".into(),
            "boolean `false`" | "boolean false" => "false".into(),
            "f64" | "a number" => "a number".into(),
            _ => {
                if let Some(v) = text.strip_prefix("floating point ") {
                    format!("the number {}", v.replace('`', ""))
                } else if let Some(v) = text.strip_prefix("integer ") {
                    format!("the number {}", v.replace('`', ""))
                } else if let Some(v) = text.strip_prefix("string ") {
                    format!("the text {v}")
                } else if let Some(name) = text
                    .strip_prefix("internally tagged enum ")
                    .or_else(|| text.strip_prefix("enum "))
                {
                    // Optimizer → "an optimizer"; its own message then names what it takes.
                    let name = name.to_ascii_lowercase();
                    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    };
                    format!("{article} {name}")
                } else {
                    quoted(text)
                }
            }
        }
    };
    let words = if let Some(rest) = message.strip_prefix("invalid type: ") {
        match rest.split_once(", expected ") {
            Some((found, expected)) => {
                format!("expected {}, found {}.", thing(expected), thing(found))
            }
            None => message.to_string(),
        }
    } else if message.starts_with("invalid length") && message.contains("expected struct Spec") {
        // serde_json would read a spec written as a list of its fields' values: nobody writes one.
        format!("expected {}, found a list […].", thing("struct Spec"))
    } else if let Some(name) = message.strip_prefix("missing field ") {
        format!("{} is missing.", quoted(name))
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        match rest.split_once(", expected ") {
            Some((name, choices)) => format!("{} is not {}.", quoted(name), quoted(choices)),
            None => message.to_string(),
        }
    } else if let Some(name) = message
        .strip_prefix("unknown field ")
        .and_then(|rest| rest.strip_suffix(", there are no fields"))
    {
        format!(
            "unknown field {}: sgd has nothing but its name.",
            quoted(name)
        )
    } else if let Some(rest) = message.strip_prefix("unknown field ") {
        match rest.split_once(", expected ") {
            Some((name, choices)) => format!(
                "unknown field {}; the fields here are {}.",
                quoted(name),
                quoted(choices.trim_start_matches("one of "))
            ),
            None => message.to_string(),
        }
    } else {
        message.to_string()
    };
    if place.is_empty() {
        words
    } else {
        // "…, found null. at line 1 column 4" reads badly: the place goes before the full stop.
        format!("{}{place}.", words.trim_end_matches('.'))
    }
}

/// The refusal of a spec that serde could not read: `path` is where (serde_path_to_error's, with `?` for
/// the parts a syntax error left unknown), `message` serde's own words.
pub(crate) fn refused(path: &str, message: &str) -> SpecError {
    let known = path.split(".?").next().unwrap_or_default();
    let mut field = match known {
        "." | "?" => String::new(),
        known => known.to_string(),
    };
    // An optimizer's setting names itself (see `optimizer::SETTING_PREFIX`): it goes into the path.
    let message = match message
        .trim_start_matches("Error: ")
        .strip_prefix(crate::optimizer::SETTING_PREFIX)
        .and_then(|rest| rest.split_once(": "))
    {
        Some((setting, rest)) => {
            field = format!("{field}.{setting}");
            rest
        }
        None => message,
    };
    // Likewise a field no optimizer (or state) takes: serde's message names it, the path stops above it.
    if field == "optimizer" || field == "optimizer_state" {
        if let Some((name, _)) = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split_once('`'))
        {
            field = format!("{field}.{name}");
        }
    }
    // serde-wasm-bindgen prefixes its messages with "Error: "; the field says where already.
    let message = plain_words(message.trim_start_matches("Error: "));
    // A trace (the "every value" export) opens with fields no spec has, and its loss is a number
    // where a spec's is a name; which of the two is met first depends on the reader.
    const TRACE_FIELDS: [&str; 6] = ["step", "epoch", "examples", "gradients", "before", "after"];
    let trace = (field == "loss" && message.contains("found the number"))
        || (message.starts_with("unknown field") && TRACE_FIELDS.contains(&field.as_str()));
    // Which settings a spec may give depends on the optimizer's name: say so for all four.
    let message = if field.starts_with("optimizer.") && message.starts_with("unknown field") {
        format!(
            "{message} Which an optimizer takes depends on its name: sgd takes learning_rate; momentum \
             also momentum; rmsprop also decay and eps; adam also beta1, beta2 and eps."
        )
    } else {
        message
    };
    let message = if trace {
        format!(
            "{message} This looks like an “every value” export, one iteration's trace; a spec is what \
             “Export the current values” writes."
        )
    } else {
        message
    };
    err(field, message)
}
