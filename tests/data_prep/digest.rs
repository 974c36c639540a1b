//! The recorded digest of the data lab's numbers, and how it is computed, in one place: the native test
//! (below) and the browser test (tests/web.rs) compare against it, so the penguins read, split, filled,
//! scaled and learnt in WebAssembly are the same bits. A deliberate change moves it; update it here.

use backprop_lab::labs::data_prep::{prepare, DataLab, DataSetup, Missing, Scaling, PENGUINS};
use backprop_lab::shared::table::read_table;

pub const DATA_LAB: u64 = 0x51c4_b75a_36ec_d6f6;

fn fold(digest: &mut u64, v: f64) {
    *digest = (*digest ^ v.to_bits()).wrapping_mul(0x0000_0100_0000_01b3);
}

/// Three seeds × each missing-value and scaling choice: every row's set, every encoded input and every
/// fitted statistic; then the default network trained 40 epochs (no early stopping) and scored on the test
/// rows: every loss and both sets' figures. FNV-1a over the values' bits.
pub fn data_digest() -> u64 {
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    let table = read_table(PENGUINS).expect("the penguins read");
    for seed in 1..=3 {
        for missing in Missing::ALL {
            for scaling in [Scaling::None, Scaling::MinMax, Scaling::Standard] {
                let setup = DataSetup {
                    seed,
                    missing,
                    scaling,
                    ..DataSetup::default()
                };
                let p = prepare(&table, &setup).expect("the setup prepares");
                for (k, row) in p.encoded.iter().enumerate() {
                    fold(&mut digest, p.kept[k] as f64);
                    fold(&mut digest, p.sets[k] as u8 as f64);
                    row.iter().for_each(|&v| fold(&mut digest, v));
                }
                for s in &p.scales {
                    [s.offset, s.divisor, s.before_min, s.after_max]
                        .iter()
                        .for_each(|&v| fold(&mut digest, v));
                }
            }
        }
    }
    let mut lab = DataLab::new();
    for (key, value) in [("epochs", "40"), ("patience", "0")] {
        let set = backprop_lab::labs::data_prep::DataCommand::Set {
            key: key.into(),
            value: value.into(),
        };
        lab.apply(set).expect("a setting");
    }
    lab.apply(backprop_lab::labs::data_prep::DataCommand::Train)
        .expect("training");
    lab.apply(backprop_lab::labs::data_prep::DataCommand::Evaluate)
        .expect("the test rows");
    let run = lab.run().expect("a run");
    for &v in run.training_losses.iter().chain(&run.validation_losses) {
        fold(&mut digest, v);
    }
    for figures in [&run.validation, run.test.as_ref().expect("scored")] {
        fold(&mut digest, figures.accuracy.unwrap_or(f64::NAN));
        fold(&mut digest, figures.loss.unwrap_or(f64::NAN));
    }
    digest
}
