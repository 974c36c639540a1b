//! The sentence of each operation: its numbers, negative factors bracketed, and an optimizer's update with
//! its own state.

use super::support::{ok, operation_text};
use crate::common::assert_rel;
use backprop_lab::engine::Optimizer;
use backprop_lab::engine::Spec;
use backprop_lab::engine::Trainer;
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Operation;
use backprop_lab::labs::two_neuron::Phase;
use backprop_lab::labs::two_neuron::Session;

#[test]
fn operation_texts_show_the_numbers() {
    let s = Session::two_neuron();
    let expect = [
        (1, "0.4150"),
        (2, "0.6023"),
        (3, "0.9210"),
        (4, "0.7153"),
        (5, "0.1082"),
        (6, "0.4653"),
        (7, "0.2037"),
        (8, "0.09476"),
        (9, "0.05707"),
        (10, "0.09476"),
        (11, "0.04264"),
        (13, "0.01021"),
        (14, "0.001021"),
        (16, "0.4272"),
        (17, "0.6121"),
        (18, "0.1496"),
        (19, "0.3959"),
    ];
    for (k, number) in expect {
        let text = operation_text(&s, k);
        assert!(
            text.contains(number),
            "operation {k}: {text:?} lacks {number}"
        );
    }
    let mut s = Session::two_neuron();
    ok(&mut s, Command::Step { count: 1 });
    let last = s.snapshot().last.expect("one operation done");
    assert_eq!(last.phase, Phase::Forward);
    assert!(last.text.contains("0.4150"), "{}", last.text);
    assert!(last.text.contains("z₁"), "{}", last.text);
}

/// Negative numbers inside a written-out sum are bracketed: "1 − (-0.4621)²" is tanh's slope, where
/// "1 − -0.4621²" would square only 0.4621; a negative weight reads "(-0.5) × a", and a negative output
/// "½(T − (-0.9242))²".
#[test]
fn negative_factors_are_bracketed_in_the_written_out_sums() {
    let spec = Spec::from_json(
        r#"{"layers": [{"weights": [[-0.5]], "biases": [0], "activation": "tanh"},
           {"weights": [[2]], "biases": [0], "activation": "identity"}],
           "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.1},
           "data": {"inputs": [[1]], "targets": [[1]]}, "batch_size": 1}"#,
    )
    .unwrap();
    let mut session = Session::new(spec).unwrap();
    let mut texts = Vec::new();
    while let Some(next) = session.snapshot().next {
        texts.push(next.text);
        session.apply(Command::Step { count: 1 }).unwrap();
    }
    let all = texts.join("\n");
    assert!(all.contains("(-0.5000) × 1.000"), "{all}");
    assert!(all.contains("= 1 − (-0.4621)² = 0.7864"), "{all}");
    // The output a = 2·tanh(−0.5) is negative: the error subtracts it in brackets.
    assert!(all.contains("= ½(1.000 − (-0.9242))² = "), "{all}");
    for text in &texts {
        assert!(!text.contains("× -") && !text.contains("− -"), "{text}");
    }
}

/// An optimizer's update is written out with its own numbers. Adam's first step: m = 0.1·g and v = 0.001·g²,
/// and their corrections 1 − 0.9¹ = 0.1 and 1 − 0.999¹ = 0.001 give back m̂ = g and √v̂ = |g|, so w₂ moves by
/// η whatever g is. Momentum's first buffer is g itself; RMSprop's v is 0.01·g², so its step is 10·η.
#[test]
fn optimizer_updates_show_their_state() {
    use backprop_lab::labs::two_neuron::describe::describe;
    use backprop_lab::shared::format::sig4;
    let g = 0.057_070_4; // ∂E/∂w₂ of the course's first step
    let first_update = |optimizer: Optimizer| {
        let spec = Spec {
            optimizer,
            ..Spec::two_neuron()
        };
        let trace = Trainer::new(spec.clone()).expect("valid").step();
        let op = Operation::UpdateWeights {
            layer: 1,
            neuron: 0,
        };
        let after = trace.after[1].weights[0][0];
        (describe(op, &trace, spec.loss, &spec.optimizer), after)
    };
    let (adam, after) = first_update(Optimizer::adam(0.1));
    assert_rel(after, 0.45 - 0.1, 1e-6, "Adam's first step is η");
    assert_eq!(
        adam,
        format!(
            "w₂ ← w₂ − η·m̂/(√v̂ + ε) = 0.4500 − 0.1000 × 0.05707/0.05707 = {}, where at t = 1, m̂ = m/(1 − β₁ᵗ) = \
             0.005707/0.1000 and v̂ = v/(1 − β₂ᵗ) = {}/0.001000",
            sig4(after),
            sig4(0.001 * g * g)
        )
    );
    let (momentum, after) = first_update(Optimizer::momentum(0.5));
    assert_eq!(
        momentum,
        format!(
            "w₂ ← w₂ − η·buf = 0.4500 − 0.5000 × 0.05707 = {}, where buf ← μ·buf + g = 0.05707 (μ = 0.9000, g = 0.05707)",
            sig4(after)
        )
    );
    let (rmsprop, after) = first_update(Optimizer::rmsprop(0.01));
    assert_rel(
        0.45 - after,
        10.0 * 0.01,
        1e-5,
        "RMSprop's first step is 10·η",
    );
    assert_eq!(
        rmsprop,
        format!(
            "w₂ ← w₂ − η·g/(√v + ε) = 0.4500 − 0.01000 × 0.05707/0.005707 = {}, where v ← α·v + (1 − α)·g² = {} (α = 0.9900)",
            sig4(after),
            sig4(0.01 * g * g)
        )
    );
    // The course's own update: η = 0.4 takes w₂ to 0.427.
    let (sgd, _) = first_update(Optimizer::Sgd { learning_rate: 0.4 });
    assert_eq!(
        sgd,
        "w₂ ← w₂ − η·∂E/∂w₂ = 0.4500 − 0.4000 × 0.05707 = 0.4272"
    );
    // With x = 0, ∂E/∂w₁ = 0 and so is v: the step is 0/(√0 + ε), written as such, never 0/0.
    let mut spec = Spec {
        optimizer: Optimizer::rmsprop(0.01),
        ..Spec::two_neuron()
    };
    spec.data.inputs = vec![vec![0.0]];
    let trace = Trainer::new(spec.clone()).expect("valid").step();
    let op = Operation::UpdateWeights {
        layer: 0,
        neuron: 0,
    };
    let text = describe(op, &trace, spec.loss, &spec.optimizer);
    assert!(text.contains(" × 0/1.000e-8 = 0.1500,"), "{text}");
    assert!(!text.contains("0/0"), "{text}");
}
