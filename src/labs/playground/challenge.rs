//! Challenges: a few questions a class answers by predicting first, then running a prepared setup. Each is
//! a link (the setup and the epoch to train to) and a choice of answers; once the run has reached its epoch
//! the core writes the answer with that run's own numbers, so the words are always true of the run on screen.

use serde::Serialize;

use super::lab::PlaygroundLab;
use super::metrics::percent;

pub struct Challenge {
    pub key: &'static str,
    /// A few words that name it in a menu.
    pub title: &'static str,
    pub question: &'static str,
    /// The prepared setup and the epoch it is trained to, as a link.
    pub link: &'static str,
    pub choices: &'static [&'static str],
}

pub const CHALLENGES: [Challenge; 3] = [
    Challenge {
        key: "circle",
        title: "the circle without a hidden layer",
        question: "Can a network with no hidden layer separate the circle from the ring, on x₁ and x₂?",
        link: "data=circle&seed=1&features=x1,x2&layers=none&lr=0.03&batch=10&epoch=200",
        choices: &["Yes, given enough epochs", "No, whatever its weights"],
    },
    Challenge {
        key: "xor",
        title: "XOR with one neuron",
        question: "Which input lets a single neuron (no hidden layer) solve XOR?",
        link: "data=xor&seed=1&features=x1x2&layers=none&lr=0.03&batch=10&epoch=50",
        choices: &["x₁ and x₂", "x₁² and x₂²", "x₁x₂"],
    },
    Challenge {
        key: "l1",
        title: "L1 and the inputs not needed",
        question: "Two blobs, six inputs of which only x₁ and x₂ are needed, and L1. What happens to the weights of the inputs the network does not need?",
        link: "data=gauss&seed=1&features=x1,x2,x1sq,x2sq,sinx1,sinx2&layers=none&lr=0.03&batch=10&reg=l1&rate=0.1&epoch=100",
        choices: &[
            "They shrink, but stay above zero",
            "They become exactly zero",
            "They stay as they started",
        ],
    },
];

/// What the page shows of the challenge in play.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ChallengeView {
    pub key: &'static str,
    pub question: &'static str,
    pub choices: &'static [&'static str],
    pub epochs: usize,
    /// Once the run reached its epoch: which choice is right, and why, with the run's numbers.
    pub correct: Option<usize>,
    pub answer: Option<String>,
}

impl Challenge {
    pub fn find(key: &str) -> Option<&'static Challenge> {
        CHALLENGES.iter().find(|c| c.key == key)
    }

    pub fn epochs(&self) -> usize {
        self.link
            .rsplit("epoch=")
            .next()
            .and_then(|e| e.parse().ok())
            .unwrap_or(0)
    }
}

impl PlaygroundLab {
    /// Opens a challenge's prepared setup; `Train` commands then take it to its epoch.
    pub(super) fn start_challenge(&mut self, key: &str) -> Result<(), String> {
        let challenge = Challenge::find(key).ok_or_else(|| {
            format!(
                "There is no challenge “{}”.",
                crate::shared::query::shorten(key)
            )
        })?;
        self.open_link(challenge.link)?;
        self.challenge = Some(challenge.key);
        Ok(())
    }

    /// The challenge in play, while the setup is still its own.
    pub fn challenge_view(&self) -> Option<ChallengeView> {
        let challenge = Challenge::find(self.challenge?)?;
        let prepared = super::link::playground_from_query(challenge.link).ok()?;
        if prepared.setup != self.setup || !self.edits.is_empty() {
            return None;
        }
        let epochs = prepared.epoch;
        let reached = self.run.epoch >= epochs && self.run.replay_to.is_none();
        let (correct, answer) = if reached {
            let (c, a) = self.answer(challenge.key);
            (Some(c), Some(a))
        } else {
            (None, None)
        };
        Some(ChallengeView {
            key: challenge.key,
            question: challenge.question,
            choices: challenge.choices,
            epochs,
            correct,
            answer,
        })
    }

    fn answer(&self, key: &str) -> (usize, String) {
        let run = &self.run;
        let test = run.test.accuracy.map_or("–".into(), percent);
        let epoch = run.epoch;
        match key {
            "circle" => {
                let separated = run.test.accuracy.is_some_and(|a| a >= 0.9);
                (
                    usize::from(!separated),
                    format!(
                        "{}: after {epoch} epochs its test accuracy is {test}. With no hidden layer the output is \
                         σ(w₁x₁ + w₂x₂ + b), so its boundary is a straight line, and no straight line puts a \
                         ring on one side and its centre on the other. x₁² and x₂² as inputs, or a hidden \
                         layer, can.",
                        if separated { "Yes, here" } else { "No" }
                    ),
                )
            }
            "xor" => (
                2,
                format!(
                    "x₁x₂: one neuron on x₁x₂ alone reaches test accuracy {test} after {epoch} epochs. x₁x₂ is \
                     positive in the two quadrants of one class and negative in the other two, so a single \
                     weight on it splits them; on x₁ and x₂ one neuron can only draw one straight line, and \
                     x₁² and x₂² are the same in all four quadrants."
                ),
            ),
            _ => {
                let layers = self.layers();
                let on: Vec<&str> = self.setup.features.list().iter().map(|f| f.label()).collect();
                let weights = &layers[0].weights[0];
                let zero: Vec<&str> = on
                    .iter()
                    .zip(weights)
                    .filter(|(_, &w)| w == 0.0)
                    .map(|(label, _)| *label)
                    .collect();
                let (pruned, all) = self.zero_weights();
                let words = if zero.is_empty() {
                    "none of them".to_string()
                } else {
                    zero.join(", ")
                };
                (
                    if pruned > 0 { 1 } else { 0 },
                    format!(
                        "After {epoch} epochs {pruned} of the {all} weights are exactly 0 ({words}), and the test \
                         accuracy is {test}. L1 moves every weight ηλ toward zero after each update and stops \
                         it at zero, so an input the boundary does not need loses its weight altogether: its \
                         edge is gone from the diagram. (L2 would only shrink it in proportion.)"
                    ),
                )
            }
        }
    }
}
