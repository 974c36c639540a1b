//! The datasets: the same seed gives the same points to the bit (a digest pins them, for the browser too),
//! every point lies in the square, classes are 0 and 1 in equal numbers, values lie in [−1, 1], and the split
//! holds out the share asked for without redrawing any point.

use backprop_lab::labs::playground::*;

use crate::digest::{datasets_digest, DATASETS};
use crate::support::lab;

fn setup(data: DataKind, seed: u64, noise: f64, points: usize) -> PlaygroundSetup {
    PlaygroundSetup {
        data,
        seed,
        noise,
        points,
        ..PlaygroundSetup::default()
    }
}

#[test]
fn the_datasets_give_the_recorded_digest() {
    assert_eq!(
        datasets_digest(),
        DATASETS,
        "digest {:#018x}",
        datasets_digest()
    );
}

#[test]
fn the_same_seed_gives_the_same_points_and_another_seed_others() {
    for data in DataKind::ALL {
        let a = generate(&setup(data, 7, 0.2, 200));
        assert_eq!(a, generate(&setup(data, 7, 0.2, 200)), "{data:?}");
        assert_ne!(a, generate(&setup(data, 8, 0.2, 200)), "{data:?}");
    }
}

#[test]
fn every_point_lies_in_the_square_with_a_label_or_a_value() {
    for data in DataKind::ALL {
        for noise in [0.0, 0.5, 1.0] {
            let points = generate(&setup(data, 3, noise, 301));
            assert_eq!(points.len(), 301);
            for p in &points {
                assert!(p.x1.abs() <= HALF && p.x2.abs() <= HALF, "{data:?}: {p:?}");
                match data.task() {
                    Task::Classification => assert!(p.target == 0.0 || p.target == 1.0),
                    Task::Regression => assert!((-1.0..=1.0).contains(&p.target)),
                }
            }
            if data.task() == Task::Classification {
                let ones = points.iter().filter(|p| p.target == 1.0).count();
                assert_eq!(
                    ones, 150,
                    "{data:?}: half the points (rounded down) are class 1"
                );
            }
        }
    }
}

#[test]
fn without_noise_the_classes_keep_their_shapes() {
    for p in generate(&setup(DataKind::Xor, 1, 0.0, 400)) {
        assert_eq!(p.target == 1.0, p.x1 * p.x2 > 0.0, "{p:?}");
        assert!(
            p.x1.abs() >= 0.3 && p.x2.abs() >= 0.3,
            "kept off the axes: {p:?}"
        );
    }
    for p in generate(&setup(DataKind::Circle, 1, 0.0, 400)) {
        let r = p.x1.hypot(p.x2);
        if p.target == 1.0 {
            assert!(r <= 2.5 + 1e-12, "{p:?}");
        } else {
            assert!((3.5 - 1e-12..=5.5 + 1e-12).contains(&r), "{p:?}");
        }
    }
    for p in generate(&setup(DataKind::Plane, 1, 0.0, 400)) {
        assert_eq!(p.target, (p.x1 + p.x2) / 12.0);
    }
    for p in generate(&setup(DataKind::Bumps, 1, 0.0, 400)) {
        assert_eq!(p.target, bumps(p.x1, p.x2));
    }
    let gauss = generate(&setup(DataKind::Gauss, 1, 0.0, 400));
    let mean = |class: f64| {
        let chosen: Vec<_> = gauss.iter().filter(|p| p.target == class).collect();
        let n = chosen.len() as f64;
        (
            chosen.iter().map(|p| p.x1).sum::<f64>() / n,
            chosen.iter().map(|p| p.x2).sum::<f64>() / n,
        )
    };
    let ((a1, a2), (b1, b2)) = (mean(1.0), mean(0.0));
    assert!(
        (a1 - 2.0).abs() < 0.3 && (a2 - 2.0).abs() < 0.3,
        "{a1}, {a2}"
    );
    assert!(
        (b1 + 2.0).abs() < 0.3 && (b2 + 2.0).abs() < 0.3,
        "{b1}, {b2}"
    );
}

#[test]
fn noise_scales_the_same_draws() {
    // The same seed with more noise moves each point further along the same random direction.
    let calm = generate(&setup(DataKind::Circle, 5, 0.1, 100));
    let rough = generate(&setup(DataKind::Circle, 5, 0.2, 100));
    let clean = generate(&setup(DataKind::Circle, 5, 0.0, 100));
    for ((c, r), o) in calm.iter().zip(&rough).zip(&clean) {
        if [c.x1, c.x2, r.x1, r.x2].iter().all(|v| v.abs() < HALF) {
            assert!(((r.x1 - o.x1) - 2.0 * (c.x1 - o.x1)).abs() < 1e-9);
            assert!(((r.x2 - o.x2) - 2.0 * (c.x2 - o.x2)).abs() < 1e-9);
        }
        assert_eq!(c.target, r.target);
    }
}

#[test]
fn the_split_holds_out_the_share_asked_for_and_a_new_share_redraws_nothing() {
    for percent in [10, 33, 50, 90] {
        let points = generate(&PlaygroundSetup {
            test_percent: percent,
            ..setup(DataKind::Spiral, 2, 0.1, 200)
        });
        let test = points.iter().filter(|p| p.test).count();
        assert_eq!(test, (200 * percent + 50) / 100);
    }
    let mut lab = lab("data=gauss&seed=4&test=30");
    let before: Vec<(f64, f64)> = lab.points().iter().map(|p| (p.x1, p.x2)).collect();
    let held: Vec<bool> = lab.points().iter().map(|p| p.test).collect();
    lab.apply(PlaygroundCommand::SetTestPercent { percent: 60 })
        .unwrap();
    let after: Vec<(f64, f64)> = lab.points().iter().map(|p| (p.x1, p.x2)).collect();
    assert_eq!(before, after, "the same points");
    assert_eq!(lab.generations(), 1, "nothing was generated again");
    // Raising the share only moves training points into the test set.
    for (p, was) in lab.points().iter().zip(held) {
        assert!(!was || p.test);
    }
    assert_eq!(lab.test_points().len(), 300);
}
