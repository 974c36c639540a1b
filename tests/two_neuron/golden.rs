//! The seed's worked example, number by number: x = 0.1, w₁ = 0.15, b₁ = 0.4, w₂ = 0.45, b₂ = 0.65, T = 0.25,
//! two sigmoid neurons in a chain, E = ½(T − a₂)², one SGD step with η = 0.4.
//!
//! The course text prints every value to 4 significant figures; `assert_sig4` (tests/common) checks a value
//! against such a printed number as relative error ≤ 5e-4 (half a unit in the 4th digit, relative to a
//! mantissa of 1.000 — see its doc comment). Each value is also checked against an independent closed-form
//! computation written out in this file, to 1e-12 relative.

use crate::common::{assert_rel, assert_sig4, rel_err};
use backprop_lab::engine::network::predict;
use backprop_lab::engine::Loss;
use backprop_lab::engine::Spec;
use backprop_lab::engine::StepTrace;
use backprop_lab::engine::Trainer;
use backprop_lab::labs::two_neuron::Command;
use backprop_lab::labs::two_neuron::Session;

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn first_step(spec: Spec) -> StepTrace {
    Trainer::new(spec).expect("valid spec").step()
}

/// The example's numbers written out by hand (chain rule on two scalars), independent of the crate.
struct Hand {
    z1: f64,
    a1: f64,
    z2: f64,
    a2: f64,
    e: f64,
    de_dw2: f64,
    de_db2: f64,
    de_dw1: f64,
    de_db1: f64,
}

fn by_hand() -> Hand {
    let (x, w1, b1, w2, b2, t) = (0.1, 0.15, 0.4, 0.45, 0.65, 0.25);
    let z1 = w1 * x + b1;
    let a1 = sigmoid(z1);
    let z2 = w2 * a1 + b2;
    let a2 = sigmoid(z2);
    let e = 0.5 * (t - a2) * (t - a2);
    let delta2 = (a2 - t) * a2 * (1.0 - a2);
    let delta1 = delta2 * w2 * a1 * (1.0 - a1);
    Hand {
        z1,
        a1,
        z2,
        a2,
        e,
        de_dw2: delta2 * a1,
        de_db2: delta2,
        de_dw1: delta1 * x,
        de_db1: delta1,
    }
}

#[test]
fn forward_pass_matches_the_seed() {
    let s = first_step(Spec::two_neuron());
    let ex = &s.examples[0];
    let (l1, l2) = (&ex.layers[0], &ex.layers[1]);
    assert_sig4(l1.z[0], 0.415, "z1");
    assert_sig4(l1.a[0], 0.6023, "a1");
    assert_sig4(l2.z[0], 0.9210, "z2");
    assert_sig4(l2.a[0], 0.7153, "a2");
    assert_sig4(ex.loss, 0.1082, "E");
    assert_sig4(s.loss, 0.1082, "batch E");

    let h = by_hand();
    assert_rel(l1.z[0], h.z1, 1e-12, "z1 exact");
    assert_rel(l1.a[0], h.a1, 1e-12, "a1 exact");
    assert_rel(l2.z[0], h.z2, 1e-12, "z2 exact");
    assert_rel(l2.a[0], h.a2, 1e-12, "a2 exact");
    assert_rel(ex.loss, h.e, 1e-12, "E exact");
}

#[test]
fn gradients_match_the_seed() {
    let s = first_step(Spec::two_neuron());
    let g = &s.gradients;
    let de_dw2 = g[1].weights[0][0];

    // ∂E/∂w₂: the exact value is 0.0570704 (0.057070398…), which is 0.05707 to 4 s.f. The course text prints
    // 0.05706 because it rounded as it went: a₂ to 0.7153, then ∂a₂/∂z₂ = 0.7153 × 0.2847 ≈ 0.2036 from that,
    // and 0.4653 × 0.2036 × 0.6023 = 0.05706. So we assert the exact figure, 0.05707 to 4 s.f., and also that the seed's
    // 0.05706 is within the 5e-4 relative tolerance of "agrees to 4 s.f." (the difference is 1.8e-4 relative).
    assert_sig4(de_dw2, 0.05707, "dE/dw2 (exact, to 4 s.f.)");
    assert!(
        (de_dw2 - 0.0570704).abs() < 5e-8,
        "dE/dw2 = {de_dw2}, exact 0.0570704"
    );
    assert!(
        rel_err(de_dw2, 0.05706) <= 5e-4,
        "dE/dw2 = {de_dw2} should still be within 5e-4 relative of the seed's 0.05706"
    );
    // The course's own rounding, redone from the trainer's a₁ and a₂: a₂ to four places, σ′ from that rounded
    // a₂, each factor to four places, then the product to four figures, gives its printed 0.05706.
    let round4 = |v: f64| (v * 1e4).round() / 1e4;
    let (a1, a2) = (s.examples[0].layers[0].a[0], s.examples[0].layers[1].a[0]);
    let a2_rounded = round4(a2);
    let course = round4(a2_rounded - 0.25) * round4(a2_rounded * (1.0 - a2_rounded)) * round4(a1);
    assert_eq!(
        (round4(a2_rounded * (1.0 - a2_rounded)), round4(a1)),
        (0.2036, 0.6023)
    );
    assert!(
        (course - 0.05706).abs() < 5e-6,
        "the course's rounding gives {course}"
    );

    assert_sig4(g[1].biases[0], 0.09476, "dE/db2");
    assert_sig4(g[0].weights[0][0], 0.001021, "dE/dw1");
    assert_sig4(g[0].biases[0], 0.01021, "dE/db1");

    let h = by_hand();
    assert_rel(de_dw2, h.de_dw2, 1e-12, "dE/dw2 exact");
    assert_rel(g[1].biases[0], h.de_db2, 1e-12, "dE/db2 exact");
    assert_rel(g[0].weights[0][0], h.de_dw1, 1e-12, "dE/dw1 exact");
    assert_rel(g[0].biases[0], h.de_db1, 1e-12, "dE/db1 exact");

    // The recorded intermediate factors of the chain rule.
    let ex = &s.examples[0];
    assert_sig4(ex.layers[1].de_da[0], 0.4653, "dE/da2 = a2 − T");
    assert_sig4(ex.layers[1].da_dz[0], 0.2037, "da2/dz2 = a2(1 − a2)");
    assert_sig4(ex.layers[1].de_dz[0], 0.09476, "dE/dz2");
    assert_sig4(ex.layers[0].de_da[0], 0.04264, "dE/da1 = w2·dE/dz2");
    assert_sig4(ex.layers[0].da_dz[0], 0.2395, "da1/dz1");
    assert_sig4(ex.layers[0].de_dz[0], 0.01021, "dE/dz1");
}

#[test]
fn update_matches_the_seed() {
    let s = first_step(Spec::two_neuron());
    let after = &s.after;
    assert_sig4(after[1].weights[0][0], 0.4272, "w2 after");
    assert_sig4(after[1].biases[0], 0.6121, "b2 after");
    assert_sig4(after[0].weights[0][0], 0.1496, "w1 after");
    assert_sig4(after[0].biases[0], 0.3959, "b1 after");

    let h = by_hand();
    assert_rel(
        after[1].weights[0][0],
        0.45 - 0.4 * h.de_dw2,
        1e-12,
        "w2 exact",
    );
    assert_rel(after[1].biases[0], 0.65 - 0.4 * h.de_db2, 1e-12, "b2 exact");
    assert_rel(
        after[0].weights[0][0],
        0.15 - 0.4 * h.de_dw1,
        1e-12,
        "w1 exact",
    );
    assert_rel(after[0].biases[0], 0.4 - 0.4 * h.de_db1, 1e-12, "b1 exact");

    // `before` is the seed's starting point.
    assert_eq!(s.before, Spec::two_neuron().layers);
}

/// E = (T − a)² instead of ½(T − a)²: the forward pass is the same, E doubles and every gradient doubles.
/// These are checked with `assert_eq!` on f64: the forward values are identical, ∂E/∂a at the output is
/// 2(a − T) instead of (a − T), and every later quantity is built from it by multiplications and additions
/// only. Multiplying by 2 only changes the binary exponent, so (2x)·y == 2(x·y) and 2x + 2y == 2(x + y)
/// exactly (no rounding difference) as long as nothing overflows or underflows, which it does not here.
#[test]
fn squared_error_doubles_everything_exactly() {
    let half = first_step(Spec::two_neuron());
    let mut spec = Spec::two_neuron();
    spec.loss = Loss::SquaredError;
    let full = first_step(spec);

    assert_eq!(full.loss, 2.0 * half.loss);
    assert_sig4(full.loss, 0.2165, "E of the squared form");
    for (fe, he) in full.examples.iter().zip(&half.examples) {
        assert_eq!(fe.loss, 2.0 * he.loss);
        for (l, (fl, hl)) in fe.layers.iter().zip(&he.layers).enumerate() {
            assert_eq!(fl.z, hl.z, "z of layer {l}");
            assert_eq!(fl.a, hl.a, "a of layer {l}");
            assert_eq!(fl.da_dz, hl.da_dz, "da/dz of layer {l}");
            let doubled = |v: &[f64]| v.iter().map(|x| 2.0 * x).collect::<Vec<_>>();
            assert_eq!(fl.de_da, doubled(&hl.de_da), "dE/da of layer {l}");
            assert_eq!(fl.de_dz, doubled(&hl.de_dz), "dE/dz of layer {l}");
        }
    }
    for (fg, hg) in full.gradients.iter().zip(&half.gradients) {
        for (fr, hr) in fg.weights.iter().zip(&hg.weights) {
            for (f, h) in fr.iter().zip(hr) {
                assert_eq!(*f, 2.0 * h, "dE/dw");
            }
        }
        for (f, h) in fg.biases.iter().zip(&hg.biases) {
            assert_eq!(*f, 2.0 * h, "dE/db");
        }
    }
    // Not vacuous: the gradients are non-zero.
    assert!(half.gradients.iter().all(|g| g.values().all(|v| v != 0.0)));
}

fn loss_of(layers: &[backprop_lab::engine::Layer]) -> f64 {
    let out = predict(layers, &[0.1]);
    0.5 * (0.25 - out[0]).powi(2)
}

/// 1000 SGD steps with η = 0.4 fit the single example: E falls from 0.1082 to about 1.9e-19 (the recorded loss
/// of step 1000, before its update). The bound 1e-17 leaves room for rounding while still being far below the
/// brief's 1e-3.
#[test]
fn training_for_1000_steps_fits_the_example() {
    let mut trainer = Trainer::new(Spec::two_neuron()).expect("valid");
    let traces: Vec<StepTrace> = (0..1000).map(|_| trainer.step()).collect();

    // Every step's recorded loss is the loss of the parameters it began with (recomputed independently), and
    // each step begins where the previous one ended.
    for (k, t) in traces.iter().enumerate() {
        assert_eq!(t.step, k);
        assert_rel(t.loss, loss_of(&t.before), 1e-12, "recorded loss");
        if k > 0 {
            assert_eq!(
                t.before,
                traces[k - 1].after,
                "step {k} starts where {} ended",
                k - 1
            );
        }
    }
    let losses: Vec<f64> = traces.iter().map(|t| t.loss).collect();
    assert_sig4(losses[0], 0.1082, "first loss");
    assert!(
        losses.windows(2).all(|w| w[1] < w[0]),
        "the loss should fall at every step"
    );
    let last = losses[999];
    assert!(last < 1e-3, "E after 1000 steps = {last}");
    assert!(
        last < 1e-17,
        "E after 1000 steps = {last:e}, expected about 1.9e-19"
    );
    let final_loss = loss_of(trainer.layers());
    assert!(final_loss <= last, "one more update should not raise E");

    // The session records the same sequence of losses when it runs the same iterations.
    let mut session = Session::two_neuron();
    session
        .apply(Command::RunIterations { count: 999 })
        .expect("runs");
    assert_eq!(session.losses(), &losses[..]);
    assert_eq!(session.snapshot().iteration, 1000);
}
