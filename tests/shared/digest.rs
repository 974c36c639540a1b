//! Every lab's numbers for a few seeded setups give the recorded digests (engine/tests/common/digest.rs),
//! which tests/web.rs checks in WebAssembly too: the same setup gives the same bits natively and in the
//! browser, and a change to any lab's arithmetic shows here.

use backprop_lab::digest::{lab_digests, numbers_in};

#[path = "../../engine/tests/common/digest.rs"]
mod recorded;

#[test]
fn every_lab_gives_its_recorded_digest() {
    let digests = lab_digests();
    assert_eq!(digests, lab_digests(), "two runs agree");
    let moved: Vec<String> = digests
        .iter()
        .zip(recorded::LAB_DIGESTS)
        .filter(|(now, then)| **now != *then)
        .map(|((lab, now), _)| format!("(\"{lab}\", {now:#018x})"))
        .collect();
    assert!(moved.is_empty(), "digests moved: {}", moved.join(", "));
}

/// The digest reads every number of a Debug text and nothing in quotes, so a sentence reworded moves nothing
/// and a number changed in a sentence's neighbour does.
#[test]
fn the_digest_reads_numbers_not_words() {
    let text = r#"Snapshot { w0: 1.5, beta1: -0.25, grid: [1e-7, -2e300, inf, -inf, NaN], text: "w = 2 \"3\"", n: Some(12) }"#;
    assert_eq!(
        numbers_in(text),
        ["1.5", "-0.25", "1e-7", "-2e300", "inf", "-inf", "NaN", "12"]
    );
}
