//! Predict first: a class types its guess for the next number before Step reveals it. The guess is judged as
//! a class would mark it, and the run keeps score. The score belongs to the run: anything that starts the
//! run again (Reset, an edited value, an import, a link) starts the score again too.
//!
//! A guess is judged at the significant figures it was typed with, read here from the typed text: "0.60" for
//! 0.6023 is right to two figures, as a class marks it. Fewer than two figures is asked again, not judged.

use serde::Serialize;

use super::divergence::written as sig4;

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// At the figures given (within half a unit of the value's second figure for a two-figure guess, its third
    /// for three or more), so the four the page shows are always right.
    Right,
    /// Within 5%.
    Close,
    Off,
}

/// How a guess was marked, with the sentence the page shows.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Verdict {
    pub verdict: Mark,
    pub message: String,
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Score {
    pub right: usize,
    pub made: usize,
}

/// The run's score, and which operations (iteration, operations done before it) have counted: stepping back
/// to one and guessing again is practice, not a second mark.
#[derive(Clone, Debug, Default)]
pub struct Predictions {
    score: Score,
    judged: Vec<(usize, usize)>,
}

impl Predictions {
    /// Marks `guess` for `quantity`, whose value is `value`, at `place`; counts it if that place has not
    /// counted before.
    pub fn judge(
        &mut self,
        place: (usize, usize),
        quantity: &str,
        guess: &Guess,
        value: f64,
    ) -> Verdict {
        let (verdict, said) = mark_at(guess.value, guess.figures, value);
        if !self.judged.contains(&place) {
            self.judged.push(place);
            self.score.made += 1;
            if verdict == Mark::Right {
                self.score.right += 1;
            }
        }
        Verdict {
            verdict,
            message: format!(
                "You predicted {quantity} = {}; it is {}: {said}.",
                guess.typed,
                sig4(value)
            ),
        }
    }

    pub fn score(&self) -> Option<Score> {
        (self.score.made > 0).then_some(self.score)
    }
}

/// A typed guess: as typed (trimmed), its value, and its significant figures (0 for a zero, which has none).
#[derive(Clone, Debug, PartialEq)]
pub struct Guess {
    pub typed: String,
    pub value: f64,
    pub figures: usize,
}

/// Reads a typed guess: a decimal number, with a sign (− or -), a decimal comma, and an exponent (6.0e-1)
/// allowed. Its significant figures are the digits of its mantissa from the first that is not 0, trailing
/// zeros included ("0.60" has two, "600" three); a guess other than 0 needs at least two.
pub fn read_guess(text: &str) -> Result<Guess, String> {
    let typed = text.trim();
    let refused = || {
        format!(
            "“{}” is not a number: type one such as 0.415, or leave the field empty to step.",
            crate::shared::query::shorten(typed)
        )
    };
    let mut plain = typed.replace('−', "-");
    // A decimal comma (0,60), but not a thousands separator (1,000), which would be read a thousand times off.
    if !plain.contains('.') && plain.matches(',').count() == 1 {
        let after = plain.split(',').nth(1).unwrap_or("");
        if after.len() == 3 && after.bytes().all(|b| b.is_ascii_digit()) {
            return Err(refused());
        }
        plain = plain.replace(',', ".");
    }
    let unsigned = plain.strip_prefix(['-', '+']).unwrap_or(&plain);
    let mantissa = unsigned.split(['e', 'E']).next().unwrap_or("");
    let well_formed = mantissa.bytes().any(|b| b.is_ascii_digit())
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && mantissa.matches('.').count() <= 1;
    let value = plain
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && well_formed)
        .ok_or_else(refused)?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let figures = digits.trim_start_matches('0').len();
    if figures == 1 {
        return Err(format!(
            "“{typed}” has one significant figure: type at least two (such as 0.25 rather than 0.3), and it is \
             judged at the figures you give."
        ));
    }
    Ok(Guess {
        typed: typed.to_string(),
        value,
        figures,
    })
}

/// Judged at three significant figures: see `mark_at`.
pub fn mark(guess: f64, value: f64) -> (Mark, String) {
    mark_at(guess, 3, value)
}

/// Right at the figures given, close within 5%, or off; a wrong sign is called out, since that is the usual
/// slip in the backward pass.
///
/// A guess with `figures` significant figures is right within half a unit of the value's `figures`-th figure,
/// at two figures or three: "0.60" for 0.6023 is right to two figures, "0.61" is not. From three figures on the
/// tolerance stays at the third, not a comparison of rounded strings: a class working to three figures
/// writes 0.0571 for 0.05707, and 0.05704 (nearer still) must not fare worse because it rounds to 0.0570; the
/// four figures the page shows are always right. The verdict says the most figures, up to those given, that
/// the guess is right to. A zero (no figures) is judged at three.
pub fn mark_at(guess: f64, figures: usize, value: f64) -> (Mark, String) {
    let error = (guess - value).abs() / value.abs().max(1e-12);
    // Half a unit in the k-th figure of the value; against 0 it is 0, and only 0 is right.
    let within = |k: usize| {
        let unit = leading_power(value.abs()) / 10f64.powi(k as i32 - 1);
        (guess - value).abs() <= unit / 2.0
    };
    let judged = if figures == 0 { 3 } else { figures.clamp(2, 3) };
    if within(judged) {
        if figures == 0 {
            return (Mark::Right, "right".into());
        }
        let to = (judged..=figures.max(judged))
            .rev()
            .find(|&k| within(k))
            .unwrap_or(judged);
        return (Mark::Right, format!("right to {to} significant figures"));
    }
    if guess != 0.0 && value != 0.0 && guess.signum() != value.signum() {
        return (Mark::Off, "off: the sign is wrong".into());
    }
    let by = format!(
        "too {} by {}",
        if guess < value { "low" } else { "high" },
        sig4((guess - value).abs())
    );
    // Tenths of a percent below 10%, whole percents up to 1000%; past that (a value of 0, say) a percentage
    // says nothing. Written from integers: formatting a float to a fixed precision links a second float
    // printer into the page.
    let how = if error < 0.1 {
        let tenths = (error * 1000.0).round() as u64;
        format!("{by} ({}.{}%)", tenths / 10, tenths % 10)
    } else if error < 10.0 {
        format!("{by} ({}%)", (error * 100.0).round() as u64)
    } else {
        by
    };
    if error <= 5e-2 {
        (Mark::Close, format!("close: {how}"))
    } else {
        (Mark::Off, how)
    }
}

/// The largest power of ten not above `magnitude` (1 for 3.7, 0.01 for 0.05707); 0 for 0, ∞ and NaN, which
/// makes the third-figure tolerance above give nothing.
fn leading_power(magnitude: f64) -> f64 {
    if !(magnitude.is_finite() && magnitude > 0.0) {
        return 0.0;
    }
    10f64.powi(magnitude.log10().floor() as i32)
}
