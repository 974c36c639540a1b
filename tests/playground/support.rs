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
