//! The playground's links: every key read and written, a reloaded link retraining to the same place with the
//! same numbers to the bit, the points edited by hand carried along, and every refusal naming its key.

use backprop_lab::labs::playground::link::*;
use backprop_lab::labs::playground::*;
use backprop_lab::shared::lab::Lab;

use crate::support::{lab, train};

#[test]
fn every_key_is_read() {
    let link = playground_from_query(
        "data=spiral&seed=12&noise=0.25&points=300&test=20&features=x1,x2,x1x2,sinx1&layers=6,3&act=relu&lr=0.01&opt=adam&batch=all&reg=l1&rate=0.003&wseed=5&epoch=40&step=2",
    )
    .unwrap();
    let s = &link.setup;
    assert_eq!(s.data, DataKind::Spiral);
    assert_eq!((s.seed, s.weight_seed), (12, 5));
    assert_eq!((s.noise, s.points, s.test_percent), (0.25, 300, 20));
    assert_eq!(s.features.keys(), "x1,x2,x1x2,sinx1");
    assert_eq!(s.hidden, vec![6, 3]);
    assert_eq!(s.activation, backprop_lab::engine::Activation::Relu);
    assert_eq!((s.learning_rate, s.optimizer), (0.01, OptimizerKind::Adam));
    assert_eq!(s.batch, None);
    assert_eq!((s.penalty, s.rate), (Penalty::L1, 0.003));
    assert_eq!((link.epoch, link.step), (40, 2));
    assert_eq!(
        playground_from_query("").unwrap().setup,
        PlaygroundSetup::default()
    );
    assert!(playground_from_query("layers=none")
        .unwrap()
        .setup
        .hidden
        .is_empty());
    assert!(playground_from_query("layers=")
        .unwrap()
        .setup
        .hidden
        .is_empty());
    assert_eq!(
        playground_from_query("test=30%25")
            .unwrap()
            .setup
            .test_percent,
        30
    );
}

#[test]
fn a_link_reopens_the_same_run_at_the_same_place_with_the_same_numbers() {
    let mut first = lab("data=xor&seed=1&reg=l2&rate=0.01&opt=momentum&lr=0.01");
    train(&mut first, 37);
    first.apply(PlaygroundCommand::StepBatch).unwrap();
    first.apply(PlaygroundCommand::StepBatch).unwrap();
    let query = first.link();
    assert!(query.contains("epoch=37&step=2"), "{query}");
    let again = lab(&query);
    assert_eq!((again.run.epoch, again.run.updates), (37, 37 * 25 + 2));
    assert_eq!(
        again.params(),
        first.params(),
        "the same weights to the bit"
    );
    assert_eq!(again.run.training_losses, first.run.training_losses);
    assert_eq!(again.run.test_losses, first.run.test_losses);
    let (a, b) = (again.snapshot(), first.snapshot());
    assert_eq!(a.summary, b.summary);
    assert_eq!(a.test, b.test);
    assert_eq!(again.link(), query);
}

#[test]
fn while_a_link_is_retrained_its_place_is_the_link() {
    let mut lab = PlaygroundLab::new(PlaygroundSetup::default()).unwrap();
    lab.open_link("data=gauss&epoch=250").unwrap();
    assert!(lab.replaying());
    assert_eq!(lab.snapshot().replay_to, Some(250));
    assert!(lab.snapshot().summary.contains("retraining to epoch 250"));
    lab.apply(PlaygroundCommand::Train { epochs: 100 }).unwrap();
    assert!(lab.link().contains("epoch=250"), "{}", lab.link());
    lab.apply(PlaygroundCommand::Train { epochs: 100 }).unwrap();
    lab.apply(PlaygroundCommand::Train { epochs: 100 }).unwrap();
    assert_eq!(lab.run.epoch, 250, "stops at the link's epoch");
    assert!(!lab.replaying());
    lab.apply(PlaygroundCommand::Train { epochs: 10 }).unwrap();
    assert_eq!(lab.run.epoch, 260, "then trains on");
}

#[test]
fn points_edited_by_hand_ride_in_the_link() {
    let mut first = lab("data=circle&seed=3");
    use PlaygroundCommand as C;
    first
        .apply(C::AddPoint {
            x1: 0.5,
            x2: -1.25,
            target: 0.0,
        })
        .unwrap();
    first
        .apply(C::MovePoint {
            index: 4,
            x1: 5.0,
            x2: 5.0,
        })
        .unwrap();
    first
        .apply(C::MovePoint {
            index: 4,
            x1: 5.5,
            x2: -6.0,
        })
        .unwrap();
    first.apply(C::RemovePoint { index: 10 }).unwrap();
    train(&mut first, 3);
    let query = first.link();
    assert!(
        query.contains("&edits=a0.5:-1.25:0,m4:5.5:-6,r10"),
        "{query}"
    );
    let again = lab(&query);
    assert_eq!(again.points(), first.points());
    assert_eq!(again.params(), first.params());
    assert_eq!(again.edits().len(), 3, "the two moves of point 4 are one");
}

#[test]
fn a_bad_link_is_refused_naming_its_key_and_changes_nothing() {
    let cases = [
        ("data=moons", "data:"),
        ("seed=-1", "seed:"),
        ("noise=2", "noise:"),
        ("noise=abc", "noise:"),
        ("points=5", "points:"),
        ("test=95", "test:"),
        ("test=5", "test:"),
        ("features=x3", "features:"),
        ("features=", "features:"),
        ("layers=0", "layers:"),
        ("layers=4,9", "layers:"),
        ("layers=1,1,1,1,1,1,1", "layers:"),
        ("layers=4,,2", "layers:"),
        ("act=softmax", "act:"),
        ("lr=1e6", "lr:"),
        ("lr=0", "lr:"),
        ("lr=NaN", "lr:"),
        ("opt=lbfgs", "opt:"),
        ("batch=0", "batch:"),
        ("batch=some", "batch:"),
        ("reg=l3", "reg:"),
        ("rate=-1", "rate:"),
        ("rate=100", "rate:"),
        ("epoch=100001", "epoch:"),
        ("epoch=2&step=25", "step:"),
        ("edits=q1", "edits:"),
        ("edits=a7:0:1", "edits:"),
        ("edits=a1:1:0.5", "edits:"),
        ("edits=r9999", "edits:"),
        ("edits=m1:2", "edits:"),
        ("colour=red", "is not a setting"),
        ("data=xor&data=gauss", "data is given twice"),
    ];
    for (query, key) in cases {
        let mut lab = lab("data=xor&seed=7&epoch=3");
        let before = lab.link();
        let why = Lab::open_link(&mut lab, query).unwrap_err();
        assert!(why.contains(key), "{query}: {why}");
        assert_eq!(lab.link(), before, "{query}: the lab is as it was");
    }
}

#[test]
fn the_optimizers_settings_ride_in_the_link_and_reach_the_trainer() {
    use backprop_lab::engine::Optimizer;
    let lab = lab("data=xor&opt=adam&beta1=0.5&beta2=0.99&lr=0.01&epoch=3");
    assert_eq!(
        lab.run.spec.optimizer,
        Optimizer::Adam {
            learning_rate: 0.01,
            beta1: 0.5,
            beta2: 0.99,
            eps: 1e-8
        }
    );
    let link = lab.link();
    assert!(
        link.contains("&opt=adam&beta1=0.5&beta2=0.99&batch="),
        "{link}"
    );
    assert!(!link.contains("mu="), "{link}");
    // Reopened, the same run to the bit.
    let again = lab_from(&link);
    assert_eq!(again.params(), lab.params());
    let momentum = lab_from("opt=momentum&mu=0.5");
    assert!(momentum.link().contains("&opt=momentum&mu=0.5&"));
    for (query, key) in [
        ("mu=1", "mu:"),
        ("beta2=-0.1", "beta2:"),
        ("alpha=x", "alpha:"),
    ] {
        let mut fresh = PlaygroundLab::new(PlaygroundSetup::default()).unwrap();
        let why = fresh.open_link(query).unwrap_err();
        assert!(why.starts_with(key), "{query}: {why}");
    }
    let mut lab = lab_from("opt=momentum");
    lab.apply(PlaygroundCommand::SetOptimizerSetting {
        key: "mu".into(),
        value: 0.25,
    })
    .unwrap();
    assert!(lab.link().contains("&mu=0.25&"));
    let why = lab
        .apply(PlaygroundCommand::SetOptimizerSetting {
            key: "gamma".into(),
            value: 0.5,
        })
        .unwrap_err();
    assert!(why.starts_with("gamma:"), "{why}");
}

fn lab_from(query: &str) -> PlaygroundLab {
    crate::support::lab(query)
}
