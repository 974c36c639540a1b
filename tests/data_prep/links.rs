//! Links: a setup written and read back, and malformed ones refused with the setting named.

use backprop_lab::labs::data_prep::link::{data_from_query, data_query};
use backprop_lab::labs::data_prep::{
    DataCommand, DataLab, DataSetup, Missing, OptimizerKind, Scaling,
};
use backprop_lab::shared::lab::Lab;

#[test]
fn a_link_reopens_the_same_setup() {
    let setup = DataSetup {
        target: "sex".into(),
        features: vec!["island".into(), "body_mass_g".into()],
        validation_percent: 15,
        test_percent: 25,
        seed: 9,
        missing: Missing::FillMedian,
        scaling: Scaling::MinMax,
        hidden: vec![4, 3],
        optimizer: OptimizerKind::Adam,
        learning_rate: 0.003,
        epochs: 50,
        patience: 0,
        ..DataSetup::default()
    };
    assert_eq!(data_from_query(&data_query(&setup)).unwrap(), setup);
    let mut lab = DataLab::new();
    lab.open_link(&data_query(&setup)).unwrap();
    assert_eq!(lab.setup(), &setup);
    assert_eq!(Lab::link(&lab), Some(data_query(&setup)));
}

#[test]
fn malformed_links_are_refused_and_change_nothing() {
    let cases = [
        ("target=beak", "beak"),
        ("features=", "at least one feature"),
        ("features=island,wings", "wings"),
        ("val=50&test=40", "80%"),
        ("missing=guess", "missing"),
        ("scale=log", "scale"),
        ("hidden=4,0", "hidden"),
        ("hidden=1,1,1,1", "hidden"),
        ("act=softmax", "act"),
        ("lr=0", "lr"),
        ("lr=abc", "lr"),
        ("epochs=99999", "epochs"),
        ("colour=red", "colour"),
        ("target=year&features=year", "target"),
    ];
    for (query, word) in cases {
        let mut lab = DataLab::new();
        lab.apply(DataCommand::Set {
            key: "seed".into(),
            value: "5".into(),
        })
        .unwrap();
        let why = lab.open_link(query).expect_err(query);
        assert!(why.contains(word), "{query}: “{why}” lacks “{word}”");
        assert_eq!(lab.setup().seed, 5, "{query} changed the lab");
    }
}

#[test]
fn own_data_is_not_put_in_the_address() {
    let mut lab = DataLab::new();
    lab.apply(DataCommand::LoadCsv {
        text: "a,b,kind\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,1,x\n2,3,y\n4,5,x\n6,7,y\n8,9,x\n1,1,y\n"
            .into(),
        name: "mine.csv".into(),
    })
    .unwrap();
    let s = lab.snapshot();
    assert!(s.own);
    assert_eq!(s.setup.target, "kind");
    assert_eq!(s.setup.features, ["a", "b"]);
    assert_eq!(Lab::link(&lab), None);
    let why = lab
        .apply(DataCommand::LoadCsv {
            text: "a,b\n1\n".into(),
            name: "bad.csv".into(),
        })
        .unwrap_err();
    assert!(why.contains("Line 2"), "{why}");
    assert!(lab.snapshot().own, "a refused file keeps the data in use");
}
