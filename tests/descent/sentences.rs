//! Issue 19: every sentence the lab writes about a run, held to what that run's numbers do, over a sweep of
//! learning rates (0.001 to 10 on a log scale), every preset and a hand-made set, with and without a bias,
//! standardised or not, and with batch and stochastic steps: not only at the defaults.

use crate::closed_forms::HAND;
use crate::helpers::PRESETS;
use backprop_lab::labs::descent::{
    DescentCommand, DescentLab, DescentSetup, DescentSnapshot, Model, PathPoint,
};

const STEPS: usize = 200;

/// Every run of the sweep, stepped `STEPS` times (or until it diverged), with its name: computed once for
/// the three tests.
fn sweep() -> &'static [(String, DescentSnapshot)] {
    static RUNS: std::sync::OnceLock<Vec<(String, DescentSnapshot)>> = std::sync::OnceLock::new();
    RUNS.get_or_init(runs)
}

fn runs() -> Vec<(String, DescentSnapshot)> {
    let mut data: Vec<(String, Vec<[f64; 2]>)> = PRESETS
        .iter()
        .map(|p| (format!("{p:?}"), p.points()))
        .collect();
    data.push(("hand-made".into(), HAND.to_vec()));
    let mut runs = Vec::new();
    for (name, points) in &data {
        for model in [Model::Slope, Model::SlopeAndIntercept] {
            for standardize in [false, true] {
                for batch_size in [0, 1] {
                    for k in 0..=40 {
                        let eta = 10f64.powf(-3.0 + 4.0 * k as f64 / 40.0);
                        let setup = DescentSetup {
                            points: points.clone(),
                            model,
                            standardize,
                            learning_rate: eta,
                            w0: 0.0,
                            b0: 0.0,
                            batch_size,
                        };
                        // Standardising needs the bias; the lab refuses it without.
                        let Ok(mut lab) = DescentLab::new(setup) else {
                            continue;
                        };
                        // A run that diverges stops there, and says so (checked below).
                        let _ = lab.apply(DescentCommand::Step {
                            count: STEPS as i64,
                        });
                        let what = format!(
                            "{name}, {model:?}, standardised {standardize}, batch {batch_size}, η = {eta:.4}"
                        );
                        runs.push((what, lab.snapshot()));
                    }
                }
            }
        }
    }
    assert!(runs.len() > 1000, "{} runs", runs.len());
    runs
}

fn distance(p: &PathPoint, min: &PathPoint) -> f64 {
    (p.w - min.w).hypot(p.b - min.b)
}

/// J above its minimum at step k.
fn excess(s: &DescentSnapshot, k: usize) -> f64 {
    s.path[k].cost - s.minimum.as_ref().unwrap().cost
}

/// A run creeps when the sentence says so; it does, by the lab's own measure, when it takes more than 100
/// steps to come ten times closer to the minimum, so its error falls by less than a hundredfold in 100 steps.
/// From step 100 to step 200 (past whatever the first steps removed quickly) the error falls by less than two
/// orders of magnitude exactly when the sentence says the run creeps, unless it has already reached the
/// minimum to the last digits.
#[test]
fn a_run_is_said_to_creep_exactly_when_its_error_falls_slowly() {
    let mut said = [0, 0];
    for (what, s) in sweep() {
        if s.setup.mini_batch().is_some() || s.minimum.is_none() || s.iteration < STEPS {
            continue;
        }
        let text = &s.regime_text;
        let converging = text.starts_with("Smooth")
            || text.starts_with("One step")
            || text.starts_with("Overshoot");
        if !converging {
            continue;
        }
        let creeps = text.contains("creeps") || text.contains("more than 100 steps");
        let (at_100, at_200) = (excess(s, 100), excess(s, STEPS));
        let at_the_minimum = at_200 < 1e-12 * excess(s, 0);
        let orders = (at_100 / at_200).log10();
        if creeps {
            assert!(
                orders < 2.0,
                "{what}: said to creep, but fell {orders:.2} orders from step 100 to 200: {text}"
            );
        } else if !at_the_minimum {
            assert!(orders > 2.0, "{what}: not said to creep, but fell only {orders:.2} orders from step 100 to 200: {text}");
        }
        said[usize::from(creeps)] += 1;
    }
    assert!(
        said[0] > 100 && said[1] > 100,
        "both kinds in the sweep: {said:?}"
    );
}

/// "Divergence" is written exactly when the distance to the minimum grows; "Bouncing forever" when it stays
/// the same (across the valley); a smooth run never crosses the minimum, an overshooting one crosses it at
/// every step while coming closer, and a single step lands on it.
#[test]
fn the_regime_named_is_what_the_run_does() {
    let mut seen = std::collections::BTreeSet::new();
    for (what, s) in sweep() {
        if s.setup.mini_batch().is_some() {
            continue;
        }
        let Some(min) = &s.minimum else { continue };
        let text = &s.regime_text;
        let d: Vec<f64> = s.path.iter().map(|p| distance(p, min)).collect();
        let grows = d[d.len() - 1] > d[0] * (1.0 + 1e-9);
        let regime = text.split(':').next().unwrap().to_string();
        assert_eq!(
            regime == "Divergence",
            grows,
            "{what}: distance {} → {}: {text}",
            d[0],
            d[d.len() - 1]
        );
        // The slope model has one direction, so the words can be checked step by step.
        if s.setup.model == Model::Slope {
            let side: Vec<f64> = s.path.iter().map(|p| p.w - min.w).collect();
            let steps = side.windows(2).filter(|w| w[0].abs() > 1e-9);
            match regime.as_str() {
                "Smooth convergence" => {
                    for w in steps {
                        assert!(
                            w[1] * w[0] >= 0.0 && w[1].abs() <= w[0].abs(),
                            "{what}: {w:?}"
                        );
                    }
                }
                "Overshoot" => {
                    for w in steps {
                        assert!(
                            w[1] * w[0] < 0.0 && w[1].abs() < w[0].abs(),
                            "{what}: {w:?}"
                        );
                    }
                }
                "Bouncing forever" => {
                    for w in steps {
                        assert!((w[1] + w[0]).abs() < 1e-9 * w[0].abs(), "{what}: {w:?}");
                    }
                }
                "One step" => assert!(side[1].abs() < 1e-9 * side[0].abs(), "{what}: {side:?}"),
                _ => {}
            }
        }
        seen.insert(regime);
    }
    assert!(seen.len() >= 4, "{seen:?}");
}

/// A run stopped for diverging says how its steps went: that every step landed farther from the minimum
/// than the last only when each of them did, and otherwise (a mini-batch step goes down its own points'
/// parabola; in a long valley the first steps may come nearer along its floor) that they carried it ever
/// farther on the whole.
#[test]
fn a_diverged_run_says_only_what_its_steps_did() {
    let mut said = [0, 0];
    for (what, s) in sweep() {
        let (Some(message), Some(min)) = (&s.overflow, &s.minimum) else {
            continue;
        };
        if !message.starts_with("Diverged") {
            continue;
        }
        let d: Vec<f64> = s.path.iter().map(|p| distance(p, min)).collect();
        if message.contains("every step lands farther from the minimum than the last") {
            assert!(d.windows(2).all(|w| w[1] > w[0]), "{what}: {d:?}");
            said[0] += 1;
        } else {
            assert!(
                message.contains("ever farther from the minimum"),
                "{what}: {message}"
            );
            assert!(d[d.len() - 1] > 1e3 * d[0], "{what}: {d:?}");
            assert!(
                d.windows(2).any(|w| w[1] <= w[0]),
                "{what}: every step did land farther: {d:?}"
            );
            said[1] += 1;
        }
    }
    assert!(said[0] > 50 && said[1] > 50, "{said:?}");
}

/// The number after `lead` in `text` (four significant figures, as the page writes it).
fn number_after(text: &str, lead: &str) -> Option<f64> {
    let rest = &text[text.find(lead)? + lead.len()..];
    // A minus belongs to the number only as an exponent's sign ("1.2e-5", not "1.387-fold").
    let end = rest
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit() || c == '.' || c == 'e' || (c == '-' && rest[..i].ends_with('e')))
        })
        .map_or(rest.len(), |(i, _)| i);
    rest[..end].parse().ok()
}

/// The sentence under the distance chart names the factor each step multiplies the distance by and what it
/// does: held to the distances the run's own steps give, late in the run where the larger factor has taken
/// over (over the last 20 steps, the geometric mean of each step's factor).
#[test]
fn the_distance_sentence_gives_the_factor_the_run_shows() {
    let mut said = std::collections::BTreeMap::new();
    for (what, s) in sweep() {
        if s.setup.mini_batch().is_some() {
            continue;
        }
        let Some(min) = &s.minimum else { continue };
        let text = &s.distance_text;
        let d: Vec<f64> = s.path.iter().map(|p| distance(p, min)).collect();
        let n = d.len() - 1;
        // A diverging run stops after a few dozen steps: its last step shows the factor best.
        let k0 = n.saturating_sub(if s.overflow.is_some() { 1 } else { 20 });
        let late = (d[n] / d[k0]).powf(1.0 / (n - k0) as f64);
        // A run that has reached the minimum to the last digits shows rounding, not a factor.
        let at_the_minimum = d[n] < 1e-9 * d[0].max(1e-300) || d[n] < 1e-12;
        let kind = if let Some(f) = number_after(text, "the distance grows ") {
            assert!(
                (late / f - 1.0).abs() < 0.02,
                "{what}: said to grow {f}-fold a step, grew {late}: {text}"
            );
            "grows"
        } else if let Some(f) = number_after(text, "the distance shrinks to ") {
            assert!(f < 1.0, "{what}: {text}");
            if !at_the_minimum {
                assert!(
                    (late / f - 1.0).abs() < 0.02,
                    "{what}: said to shrink to {f} a step, the last steps gave {late}: {text}"
                );
            }
            "shrinks"
        } else if text.contains("the distance stays the same") {
            assert!((late - 1.0).abs() < 1e-9, "{what}: {late}: {text}");
            "stays"
        } else if text.contains("the distance drops to 0") {
            assert!(d[1] < 1e-9 * d[0], "{what}: {d:?}: {text}");
            "drops"
        } else if text.contains("stops shrinking") {
            assert!((late - 1.0).abs() < 1e-3, "{what}: {late}: {text}");
            "stops"
        } else {
            panic!("{what}: no outcome in: {text}");
        };
        // "zigzags" only where the steps do cross the minimum: w − w* changes sign from one step to the next.
        if text.contains("zigzags") && s.setup.model == Model::Slope {
            let side: Vec<f64> = s.path.iter().map(|p| p.w - min.w).collect();
            assert!(
                side.windows(2)
                    .take_while(|w| w[0].abs() > 1e-9)
                    .all(|w| w[0] * w[1] < 0.0),
                "{what}: {side:?}"
            );
        }
        *said.entry(kind).or_insert(0) += 1;
    }
    assert!(
        said.len() >= 3 && said["grows"] > 50 && said["shrinks"] > 50,
        "{said:?}"
    );
}
