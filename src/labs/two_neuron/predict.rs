//! Predict first: a class types its guess for the next number before Step reveals it. The guess is judged as
//! a class would mark it, and the run keeps score. The score belongs to the run: anything that starts the
//! run again (Reset, an edited value, an import, a link) starts the score again too.

use serde::Serialize;

use super::divergence::written as sig4;

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// To three significant figures (within half a unit of the value's third), or to the four the page shows.
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
        guess: f64,
        value: f64,
    ) -> Verdict {
        let (verdict, said) = mark(guess, value);
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
                sig4(guess),
                sig4(value)
            ),
        }
    }

    pub fn score(&self) -> Option<Score> {
        (self.score.made > 0).then_some(self.score)
    }
}

/// Right to three significant figures, close within 5%, or off; a wrong sign is called out, since that is the
/// usual slip in the backward pass.
///
/// "Right" is a tolerance of half a unit in the value's third figure, not a comparison of rounded strings: a
/// class working to three figures writes 0.0571 for 0.05707, and 0.05704 (nearer still) must not fare worse
/// because it rounds to 0.0570. The four figures the page shows are always right.
pub fn mark(guess: f64, value: f64) -> (Mark, String) {
    let error = (guess - value).abs() / value.abs().max(1e-12);
    // Half a unit in the third figure is 0.05% to 0.5% of the value, so it takes in the four figures shown
    // too; against 0 it is 0, and only 0 is right.
    let third_figure = leading_power(value.abs()) / 100.0;
    if (guess - value).abs() <= third_figure / 2.0 {
        return (Mark::Right, "right".into());
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
