//! Predict first's question: an operation's sentence with the number it computes hidden, so a class can
//! guess it before Step reveals it.

use super::divergence::written as sig4;

/// The question for an operation whose sentence is `text` and whose result is `value`.
pub fn prompt(text: &str, value: f64) -> String {
    // A neuron with several inputs has one part per weight ("…; …"); the question is about the first, and
    // the others' results would be answers to come, so only its part is asked.
    as_question(text.split("; ").next().unwrap_or(text), &sig4(value))
}

/// `text` with every whole-number occurrence of `value` (not inside a longer number) replaced by "?", except
/// where it is an operand, followed by " ×", " +" or " −": an operation's sentence as a question. The
/// result is never an operand, wherever the sentence puts it (at the end, or first, as a ReLU's slope is:
/// "∂a/∂z = 1.000, because z = … is positive"); an operand with the same value is a factor already on screen
/// (∂E/∂b₂ is ∂E/∂z₂ times 1, and "? × 1 = ?" hid the known ∂E/∂z₂). If the value never occurs, whatever
/// follows the last "= " is hidden instead.
pub fn as_question(text: &str, value: &str) -> String {
    let part_of_number = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = false;
    while let Some(at) = rest.find(value) {
        let before = rest[..at].chars().last().or_else(|| out.chars().last());
        let after_text = &rest[at + value.len()..];
        let operand = [" ×", " +", " −"]
            .iter()
            .any(|op| after_text.starts_with(op));
        out.push_str(&rest[..at]);
        if part_of_number(before) || part_of_number(after_text.chars().next()) || operand {
            out.push_str(value);
        } else {
            out.push('?');
            found = true;
        }
        rest = after_text;
    }
    out.push_str(rest);
    match (found, out.rfind("= ")) {
        (false, Some(at)) => format!("{}= ?", &out[..at]),
        _ => out,
    }
}
