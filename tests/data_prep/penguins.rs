//! The penguins as the course counts them: 344 rows, 11 with a missing value (2 with no measurement), the
//! rows each missing-value choice keeps, the species, the stratified split, and fitting on the training
//! rows alone.

use backprop_lab::labs::data_prep::{prepare, DataLab, DataSetup, Missing, Scaling, Set, PENGUINS};
use backprop_lab::shared::table::{read_table, Values};

#[test]
fn the_penguins_read_as_the_course_counts_them() {
    let s = DataLab::new().snapshot();
    assert_eq!(s.rows, 344);
    assert_eq!(s.missing_rows, 11);
    assert_eq!(s.missing_every_feature, 2);
    assert_eq!(s.kept_by_choice, [333, 342, 344, 344]);
    let species = &s.columns[0];
    assert_eq!(species.name, "species");
    assert_eq!(species.levels, ["Adelie", "Gentoo", "Chinstrap"]);
    assert_eq!(species.level_counts, [152, 124, 68]);
    let kinds: Vec<String> = s.columns.iter().map(|c| format!("{:?}", c.kind)).collect();
    assert_eq!(
        kinds,
        ["Category", "Category", "Number", "Number", "Number", "Number", "Category", "Number"]
    );
    let mass = &s.columns[5];
    assert_eq!(
        (mass.count, mass.missing, mass.min, mass.max),
        (342, 2, Some(2700.0), Some(6300.0))
    );
}

#[test]
fn the_split_is_stratified_by_class_for_every_seed() {
    let table = read_table(PENGUINS).unwrap();
    for seed in [1, 2, 7, 1234] {
        let setup = DataSetup {
            seed,
            ..DataSetup::default()
        };
        let s = DataLab::with_table(table.clone(), None, setup.clone())
            .unwrap()
            .snapshot();
        // 342 kept: Adelie 151, Gentoo 123, Chinstrap 68; 20% of each to validation and to test, rounded.
        let sizes: Vec<(usize, usize, usize)> = s
            .split
            .iter()
            .map(|r| (r.training, r.validation, r.test))
            .collect();
        assert_eq!(
            sizes,
            [(91, 30, 30), (73, 25, 25), (40, 14, 14), (204, 69, 69)],
            "seed {seed}"
        );
        // The seed changes which rows, not how many; the same seed, the same rows.
        let again = prepare(&table, &setup).unwrap();
        assert_eq!(again.sets, prepare(&table, &setup).unwrap().sets);
    }
    let one = prepare(&table, &DataSetup::default()).unwrap();
    let two = prepare(
        &table,
        &DataSetup {
            seed: 2,
            ..DataSetup::default()
        },
    )
    .unwrap();
    assert_ne!(one.sets, two.sets);
}

/// Moves one row's value of `column` far away.
fn moved(
    table: &backprop_lab::shared::table::Table,
    row: usize,
    column: usize,
) -> backprop_lab::shared::table::Table {
    let mut table = table.clone();
    if let Values::Numbers(v) = &mut table.columns[column].values {
        v[row] = Some(1e6);
    }
    table
}

#[test]
fn nothing_fitted_on_the_training_rows_sees_a_validation_or_test_row() {
    let table = read_table(PENGUINS).unwrap();
    for (missing, scaling) in [
        (Missing::FillMean, Scaling::Standard),
        (Missing::FillMedian, Scaling::MinMax),
        (Missing::DropFeatures, Scaling::Standard),
    ] {
        let setup = DataSetup {
            missing,
            scaling,
            ..DataSetup::default()
        };
        let before = prepare(&table, &setup).unwrap();
        assert!(!before.scales.is_empty());
        for set in [Set::Validation, Set::Test] {
            let k = before.rows_of(set)[0];
            let row = before.kept[k];
            let after = prepare(&moved(&table, row, 2), &setup).unwrap();
            assert_eq!(after.fills, before.fills, "{set:?} row moved: fills");
            assert_eq!(after.scales, before.scales, "{set:?} row moved: scaling");
            assert_ne!(
                after.encoded[k], before.encoded[k],
                "the moved row itself changed"
            );
        }
        // A training row moved does change what is fitted: the test can fail.
        let k = before.rows_of(Set::Training)[0];
        let after = prepare(&moved(&table, before.kept[k], 2), &setup).unwrap();
        assert_ne!(after.scales, before.scales);
    }
}

#[test]
fn filling_fills_the_holes_with_training_statistics() {
    let table = read_table(PENGUINS).unwrap();
    let setup = DataSetup {
        missing: Missing::FillMean,
        features: vec!["bill_length_mm".into(), "sex".into()],
        ..DataSetup::default()
    };
    let p = prepare(&table, &setup).unwrap();
    assert_eq!(p.kept.len(), 344);
    // 2 bill lengths and 11 sexes missing.
    assert_eq!(p.filled.len(), 13);
    assert_eq!(p.fills.len(), 2);
    assert_eq!(p.inputs, ["bill_length_mm", "sex = male", "sex = female"]);
    let training = p.rows_of(Set::Training);
    let Values::Numbers(v) = &table.columns[2].values else {
        panic!()
    };
    let present: Vec<f64> = training.iter().filter_map(|&k| v[p.kept[k]]).collect();
    let mean = present.iter().sum::<f64>() / present.len() as f64;
    assert_eq!(p.fills[0].value, backprop_lab::shared::format::sig4(mean));
    assert!(p.fills[0]
        .why
        .contains(&format!("{} training rows", present.len())));
    // Standardised on the training rows: mean 0 and standard deviation 1 there.
    let z: Vec<f64> = training.iter().map(|&k| p.encoded[k][0]).collect();
    let m = z.iter().sum::<f64>() / z.len() as f64;
    let sd = (z.iter().map(|x| (x - m).powi(2)).sum::<f64>() / z.len() as f64).sqrt();
    assert!(m.abs() < 1e-12 && (sd - 1.0).abs() < 1e-12, "{m} {sd}");
}

#[test]
fn the_lab_gives_the_recorded_digest() {
    let digest = super::digest::data_digest();
    assert_eq!(digest, super::digest::DATA_LAB, "now {digest:#018x}");
}
