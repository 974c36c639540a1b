//! The mini-batch lens: a step's gradient is the mean of its points' own slopes, what batch descent keeps,
//! and a mini-batch run that overflows.

use crate::closed_forms::{assert_cost, cost, dj_db, dj_dw, HAND};
use crate::common::assert_rel;
use backprop_lab::labs::descent::{DescentCommand, DescentLab, DescentSetup, Model, MAX_POINTS};

/// Mini-batch steps: each step's gradient is the mean of its points' own slopes 2(w·x + b − z)·x, written
/// out here; each epoch visits every point once; the path's costs are J over all the points; and the
/// step's tangent touches its own points' parabola, which is not J's.
#[test]
fn a_mini_batch_step_is_the_mean_of_its_points_slopes() {
    for model in [Model::Slope, Model::SlopeAndIntercept] {
        let setup = DescentSetup {
            points: HAND.to_vec(),
            model,
            learning_rate: 0.01,
            batch_size: 3,
            ..DescentSetup::default()
        };
        let mut lab = DescentLab::new(setup).unwrap();
        let mut seen: Vec<usize> = Vec::new();
        for step in 0..6 {
            let s = lab.snapshot();
            let update = s.update.clone().unwrap();
            let lens = update.batch.clone().expect("a mini-batch step has a lens");
            let bias = if model == Model::Slope { 0.0 } else { s.b };
            // Each epoch holds two steps: three points, then the one left.
            assert_eq!(
                (lens.epoch, lens.step_in_epoch, lens.steps_per_epoch),
                (step / 2, step % 2, 2)
            );
            assert_eq!(lens.points.len(), if step % 2 == 0 { 3 } else { 1 });
            let by_hand: Vec<f64> = lens
                .points
                .iter()
                .map(|&k| {
                    let [x, z] = HAND[k];
                    2.0 * (s.w * x + bias - z) * x
                })
                .collect();
            for (a, b) in lens.slopes.iter().zip(&by_hand) {
                assert_rel(*a, *b, 1e-12, "a point's slope");
            }
            let mean = by_hand.iter().sum::<f64>() / by_hand.len() as f64;
            assert_rel(
                update.dj_dw,
                mean,
                1e-12,
                "the step's gradient is their mean",
            );
            assert_rel(
                lens.full_dj_dw,
                dj_dw(&HAND, s.w, bias),
                1e-12,
                "J's own slope",
            );
            let chosen: Vec<[f64; 2]> = lens.points.iter().map(|&k| HAND[k]).collect();
            assert_rel(
                lens.cost,
                cost(&chosen, s.w, bias),
                1e-12,
                "the batch's cost",
            );
            assert_cost(
                s.cost,
                cost(&HAND, s.w, bias),
                "the path follows J over all the points",
            );
            assert!(!s.batch_curve.is_empty());
            assert!(
                lens.text.contains(&format!("epoch {}", step / 2 + 1)),
                "{}",
                lens.text
            );
            if model == Model::SlopeAndIntercept {
                // b's slopes 2(ŷᵢ − zᵢ), their mean, and J's own, each to four figures as the sentence shows.
                let of_b: Vec<String> = lens
                    .points
                    .iter()
                    .map(|&k| {
                        backprop_lab::shared::format::sig4(
                            2.0 * (s.w * HAND[k][0] + bias - HAND[k][1]),
                        )
                    })
                    .collect();
                let said = format!(
                    "For b: the points' own slopes dEᵢ/db are {}, so g_b = {}, where J's is {}.",
                    of_b.join(", "),
                    backprop_lab::shared::format::sig4(update.dj_db.unwrap()),
                    backprop_lab::shared::format::sig4(dj_db(&HAND, s.w, bias))
                );
                assert!(lens.text.ends_with(&said), "{}", lens.text);
            } else {
                assert!(!lens.text.contains("For b"));
            }
            seen.extend(&lens.points);
            if step % 2 == 1 {
                let mut epoch = seen.clone();
                epoch.sort_unstable();
                assert_eq!(epoch, vec![0, 1, 2, 3], "an epoch visits every point once");
                seen.clear();
            }
            lab.apply(DescentCommand::Step { count: 1 }).unwrap();
        }
    }
}

#[test]
fn all_the_points_a_step_has_no_lens_and_links_keep_the_batch_size() {
    for size in [0, 4, 9] {
        let lab = DescentLab::new(DescentSetup {
            points: HAND.to_vec(),
            batch_size: size,
            ..DescentSetup::default()
        })
        .unwrap();
        let s = lab.snapshot();
        assert!(s.update.unwrap().batch.is_none(), "batch size {size}");
        assert!(s.batch_curve.is_empty());
        // As many points as there are is batch descent; the chosen size is kept for when points are added.
        assert!(lab.setup().mini_batch().is_none());
        assert_eq!(
            s.mini_batch, None,
            "the page's menu reads this and shows “all”"
        );
        assert_eq!(lab.setup().batch_size, size);
    }
    let mut lab = DescentLab::new(DescentSetup {
        points: HAND.to_vec(),
        batch_size: 1,
        ..DescentSetup::default()
    })
    .unwrap();
    assert_eq!(lab.snapshot().mini_batch, Some(1));
    lab.apply(DescentCommand::Step { count: 3 }).unwrap();
    let link = lab.link();
    assert!(link.contains("batch=1"), "{link}");
    let mut reopened = DescentLab::new(DescentSetup::default()).unwrap();
    reopened.open_link(&link).unwrap();
    assert_eq!(reopened.snapshot().w, lab.snapshot().w);
    assert_eq!(reopened.setup().batch_size, 1);
    lab.apply(DescentCommand::SetBatchSize { size: 0 }).unwrap();
    assert!(lab.snapshot().update.unwrap().batch.is_none());
    assert!(lab
        .apply(DescentCommand::SetBatchSize {
            size: MAX_POINTS + 1
        })
        .is_err());
}

/// A mini-batch run that blows up stops while J over all the points is still a number: its own points' loss
/// is not what the path shows.
#[test]
fn a_mini_batch_run_that_overflows_stops_at_a_finite_j() {
    let mut lab = DescentLab::new(DescentSetup {
        batch_size: 1,
        learning_rate: 3.0,
        ..DescentSetup::default()
    })
    .unwrap();
    assert!(lab.apply(DescentCommand::Step { count: 2000 }).is_err());
    let s = lab.snapshot();
    assert!(s.overflow.is_some());
    assert!(s.cost.is_finite(), "J = {}", s.cost);
    assert!(s.path.iter().all(|p| p.cost.is_finite()));
}
