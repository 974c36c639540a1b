//! Predict first: a class types its guess for the next number before Step reveals it. The guess is judged as
//! a class would mark it, and the run keeps score. The score belongs to the run: anything that starts the
//! run again (Reset, an edited value, an import, a link) starts the score again too.

use serde::Serialize;

use super::format::sig4;

/// How a guess was marked, with the sentence the page shows.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Verdict {
    /// `right`, `close` or `off`.
    pub verdict: &'static str,
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
            if verdict == "right" {
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

/// Right to the four figures the page shows (or within 0.05%), close within 5%, or off; a wrong sign is called
/// out, since that is the usual slip in the backward pass.
pub fn mark(guess: f64, value: f64) -> (&'static str, String) {
    let error = (guess - value).abs() / value.abs().max(1e-12);
    if error <= 5e-4 || sig4(guess) == sig4(value) {
        return ("right", "right".into());
    }
    if guess != 0.0 && value != 0.0 && guess.signum() != value.signum() {
        return ("off", "off: the sign is wrong".into());
    }
    // Tenths of a percent below 10%, whole percents above, written from integers: formatting a float to a
    // fixed precision links a second float printer into the page.
    let percent = if error < 0.1 {
        let tenths = (error * 1000.0).round() as u64;
        format!("{}.{}", tenths / 10, tenths % 10)
    } else {
        format!("{}", (error * 100.0).round() as u64)
    };
    let how = format!(
        "too {} by {} ({percent}%)",
        if guess < value { "low" } else { "high" },
        sig4((guess - value).abs())
    );
    if error <= 5e-2 {
        ("close", format!("close: {how}"))
    } else {
        ("off", how)
    }
}
