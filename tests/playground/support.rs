//! Labs opened from links, and helpers the topic files share.

use backprop_lab::labs::playground::{PlaygroundCommand, PlaygroundLab, PlaygroundSetup};

/// A lab opened from a link (the defaults for every key it leaves out), retrained to the link's epoch.
pub fn lab(query: &str) -> PlaygroundLab {
    let mut lab = PlaygroundLab::new(PlaygroundSetup::default()).unwrap();
    lab.open_link(query).unwrap();
    while lab.replaying() {
        lab.apply(PlaygroundCommand::Train { epochs: 100 }).unwrap();
    }
    lab
}

pub fn train(lab: &mut PlaygroundLab, epochs: usize) {
    let mut left = epochs;
    while left > 0 {
        let now = left.min(100);
        lab.apply(PlaygroundCommand::Train { epochs: now }).unwrap();
        left -= now;
    }
}

/// The bits of a run of numbers, folded into one (FNV-1a over each value's bits).
pub fn fold(values: impl IntoIterator<Item = f64>) -> u64 {
    values.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, v| {
        (h ^ v.to_bits()).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
