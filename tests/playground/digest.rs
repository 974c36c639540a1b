//! The recorded digest of the generated datasets, and how it is computed, in one place: the native test
//! (tests/playground/datasets.rs) and the browser test (tests/web.rs) both compare against it, so the points
//! generated in WebAssembly must be the same bits. A deliberate change to the datasets moves it; update it
//! here.

use backprop_lab::labs::playground::{generate, DataKind, PlaygroundSetup};

pub const DATASETS: u64 = 0x88f7_391b_f6e8_4545;

/// Every dataset at three seeds and two noise levels, 101 points each (an odd count), every coordinate,
/// target and split folded into one number (FNV-1a over the values' bits).
pub fn datasets_digest() -> u64 {
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    for data in DataKind::ALL {
        for seed in 1..=3 {
            for noise in [0.0, 0.35] {
                let setup = PlaygroundSetup {
                    data,
                    seed,
                    noise,
                    points: 101,
                    ..PlaygroundSetup::default()
                };
                for p in generate(&setup) {
                    for v in [p.x1, p.x2, p.target, f64::from(u8::from(p.test))] {
                        digest = (digest ^ v.to_bits()).wrapping_mul(0x0000_0100_0000_01b3);
                    }
                }
            }
        }
    }
    digest
}
