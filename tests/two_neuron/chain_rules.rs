//! The chain rules of a snapshot: offered for chains of single neurons, and multiplying out to the
//! gradients, never shown before them.

use super::support::ok;
use crate::common::{assert_rel, assert_sig4, small_net};
use backprop_lab::engine::Optimizer;
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Phase;
use backprop_lab::labs::two_neuron::Session;

#[test]
fn chain_rules_multiply_out_to_the_gradients() {
    let mut s = Session::two_neuron();
    // Before the backward pass, no product and no gradient is known.
    ok(
        &mut s,
        Command::Finish {
            phase: Phase::Forward,
        },
    );
    let snap = s.snapshot();
    assert_eq!(snap.chain.len(), 4);
    for rule in &snap.chain {
        assert_eq!(rule.product, None, "{}", rule.parameter);
        assert_eq!(rule.gradient, None, "{}", rule.parameter);
    }

    // Step by step through the backward pass: a product is never shown before the table's gradient, even
    // once all its factors are known (that gave the answer away a step early).
    while s.snapshot().stage != "update" && s.snapshot().next.is_some() {
        ok(&mut s, Command::Step { count: 1 });
        let snap = s.snapshot();
        for rule in &snap.chain {
            let factors_known = rule.factors.iter().all(|f| f.value.is_some());
            assert_eq!(
                rule.product.is_some(),
                rule.gradient.is_some(),
                "{}: product {:?}, gradient {:?}, factors known: {factors_known}",
                rule.parameter,
                rule.product,
                rule.gradient
            );
        }
        if snap.chain.iter().all(|r| r.gradient.is_some()) {
            break;
        }
    }
    let snap = s.snapshot();
    let names: Vec<&str> = snap.chain.iter().map(|r| r.parameter.as_str()).collect();
    assert_eq!(names, ["w₂", "b₂", "w₁", "b₁"]);
    let g = &s.current_trace().gradients;
    let exact = [
        g[1].weights[0][0],
        g[1].biases[0],
        g[0].weights[0][0],
        g[0].biases[0],
    ];
    for (rule, want) in snap.chain.iter().zip(exact) {
        let product = rule.product.expect("every factor known");
        // The product of the factors, multiplied here independently of the crate's own product.
        let mine: f64 = rule
            .factors
            .iter()
            .map(|f| f.value.expect("known"))
            .product();
        assert_rel(product, want, 1e-12, &rule.parameter);
        assert_rel(mine, want, 1e-12, &rule.parameter);
        assert_eq!(rule.gradient, Some(want), "{}", rule.parameter);
    }
    let w1 = &snap.chain[2];
    let labels: Vec<&str> = w1.factors.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(
        labels,
        ["∂E/∂a₂", "∂a₂/∂z₂", "∂z₂/∂a₁", "∂a₁/∂z₁", "∂z₁/∂w₁"]
    );
    let values: Vec<f64> = w1
        .factors
        .iter()
        .map(|f| f.value.unwrap_or(f64::NAN))
        .collect();
    assert_sig4(values[0], 0.4653, "∂E/∂a₂");
    assert_sig4(values[1], 0.2037, "∂a₂/∂z₂");
    assert_eq!(values[2], 0.45, "∂z₂/∂a₁ = w₂");
    assert_sig4(values[3], 0.2395, "∂a₁/∂z₁");
    assert_eq!(values[4], 0.1, "∂z₁/∂w₁ = x");
    let w2_labels: Vec<&str> = snap.chain[0]
        .factors
        .iter()
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(w2_labels, ["∂E/∂a₂", "∂a₂/∂z₂", "∂z₂/∂w₂"]);
}

#[test]
fn chain_rules_only_for_chains_of_single_neurons() {
    let s = Session::new(small_net(1, 1, Optimizer::Sgd { learning_rate: 0.1 })).expect("valid");
    assert!(s.snapshot().chain.is_empty());
}
