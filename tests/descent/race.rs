//! The races: batch, mini-batch and stochastic steps from one start, and the four optimizers with the view
//! their paths are drawn on.

use crate::closed_forms::{cost, slope_path, HAND};
use crate::common::assert_rel;
use crate::helpers::{lab, setup_with, PRESETS};
use backprop_lab::labs::descent::{
    race, regime, thresholds, DescentCommand, DescentLab, DescentSetup, Model, Preset, Regime,
    RACE_EPOCHS,
};

#[test]
fn race_runs_batch_mini_batch_and_stochastic_from_the_same_start() {
    for model in [Model::Slope, Model::SlopeAndIntercept] {
        let points = Preset::NoisyLine.points();
        let setup = setup_with(points.clone(), model, 0.1);
        let series = race(&setup);
        let sizes: Vec<usize> = series.iter().map(|s| s.batch_size).collect();
        assert_eq!(sizes, vec![20, 4, 1]);
        assert!(series[0].label.contains("batch") && series[2].label.contains("stochastic"));
        let j0 = cost(&points, 0.0, 0.0);
        for s in &series {
            let per_epoch = 20 / s.batch_size;
            assert_eq!(s.costs.len(), 1 + RACE_EPOCHS * per_epoch, "{}", s.label);
            assert_eq!(s.costs[0][0], 0.0);
            assert_rel(s.costs[0][1], j0, 1e-12, "starts at J(w0)");
            for (k, c) in s.costs.iter().enumerate() {
                assert_eq!(
                    c[0],
                    k as f64 / per_epoch as f64,
                    "epochs done after update {k}"
                );
            }
            assert_eq!(s.costs.last().unwrap()[0], RACE_EPOCHS as f64);
            let (first, last) = (s.costs[0][1], s.costs.last().unwrap()[1]);
            assert!(last < first, "{}: {last} ≥ {first}", s.label);
            assert!(s.costs.iter().all(|c| c[1].is_finite()));
        }
        assert!(series[2].costs.len() > series[0].costs.len());
        // The batch series walks the closed-form path: monotone for a smooth η.
        let batch: Vec<f64> = series[0].costs.iter().map(|c| c[1]).collect();
        assert!(
            batch.windows(2).all(|p| p[1] < p[0]),
            "{model:?} batch: {batch:?}"
        );
        if model == Model::Slope {
            let path = slope_path(&points, 0.1, 0.0, RACE_EPOCHS);
            for (k, (&c, &w)) in batch.iter().zip(&path).enumerate() {
                assert_rel(c, cost(&points, w, 0.0), 1e-9, &format!("batch J_{k}"));
            }
        }
    }
}

#[test]
fn stochastic_steps_are_noisy_but_batch_steps_are_not() {
    for (model, eta) in [(Model::Slope, 0.4), (Model::SlopeAndIntercept, 0.1)] {
        let setup = setup_with(Preset::NoisyLine.points(), model, eta);
        assert_eq!(regime(eta, &thresholds(&setup)), Regime::Smooth);
        let series = race(&setup);
        let increases = |k: usize| {
            series[k]
                .costs
                .windows(2)
                .filter(|p| p[1][1] > p[0][1])
                .count()
        };
        assert_eq!(increases(0), 0, "{model:?}: batch J never increases");
        assert!(
            increases(2) > 0,
            "{model:?}: stochastic J goes up sometimes"
        );
        assert!(increases(1) > 0, "{model:?}: so does mini-batch J");
    }
}

#[test]
fn race_kinds_depend_on_the_number_of_points() {
    let sizes = |points: Vec<[f64; 2]>| -> Vec<usize> {
        race(&setup_with(points, Model::Slope, 0.1))
            .iter()
            .map(|s| s.batch_size)
            .collect()
    };
    assert_eq!(sizes(vec![[1.0, 2.0]]), vec![1]);
    assert_eq!(sizes(Preset::SeedPoints.points()), vec![2, 1]);
    assert_eq!(sizes(HAND.to_vec()), vec![4, 1]);
    assert_eq!(sizes(Preset::ExactLine.points()), vec![6, 4, 1]);
    // The snapshot carries the race of its setup.
    let s = lab(DescentSetup::default()).snapshot();
    assert_eq!(s.race, race(&DescentSetup::default()));
}

#[test]
fn a_diverging_race_stops_before_the_numbers_overflow() {
    let series = race(&setup_with(Preset::NoisyLine.points(), Model::Slope, 50.0));
    for s in &series {
        assert!(s.costs.iter().all(|c| c[1].is_finite()), "{}", s.label);
        assert!(s.costs.len() > 1);
        assert!(s.costs.last().unwrap()[1] > s.costs[0][1], "{}", s.label);
    }
}

#[test]
fn with_every_x_at_zero_the_page_says_there_is_nothing_to_descend() {
    let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
    lab.apply(DescentCommand::SetPoints {
        points: vec![[0.0, 1.0], [0.0, 2.0]],
    })
    .unwrap();
    let text = lab.snapshot().regime_text;
    assert!(
        text.starts_with("Nothing to descend: every x is 0"),
        "{text}"
    );
    assert!(!text.contains("inf"), "{text}");
}

// ---------------------------------------------------------------------------------------------------------
// The optimizer race.

#[test]
fn the_optimizer_race_runs_four_optimizers_from_one_start() {
    use backprop_lab::labs::descent::{optimizer_race, OPTIMIZER_STEPS};
    let setup = DescentSetup::default();
    let eta = setup.learning_rate;
    let runs = optimizer_race(&setup);
    let labels: Vec<&str> = runs.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "gradient descent",
            "momentum (μ = 0.9)",
            "RMSprop (α = 0.99)",
            "Adam (β₁ = 0.9, β₂ = 0.999)"
        ]
    );
    for r in &runs {
        assert_eq!(
            r.costs.len(),
            OPTIMIZER_STEPS + 1,
            "{}: no overflow here",
            r.label
        );
        assert_eq!(r.path.len(), r.costs.len());
        assert_eq!(
            r.path[0],
            [setup.w0, setup.b0],
            "{}: the same start",
            r.label
        );
        for (c, p) in r.costs.iter().zip(&r.path) {
            assert_eq!(
                c[1],
                setup.cost(p[0], p[1]),
                "{}: J is J at the path's point",
                r.label
            );
        }
    }
    let (sgd, momentum, rmsprop, adam) = (&runs[0], &runs[1], &runs[2], &runs[3]);
    // Plain gradient descent is the lab's own run, step for step.
    let mut lab = DescentLab::new(setup.clone()).unwrap();
    lab.apply(DescentCommand::Step { count: 5 }).unwrap();
    let path = lab.snapshot().path;
    for (k, (shown, raced)) in path.iter().zip(&sgd.path).enumerate() {
        assert_eq!([shown.w, shown.b], *raced, "step {k}");
    }
    assert_eq!(path.len(), 6);
    // Momentum's first step is plain descent's; its second adds μ times the first to plain descent's second
    // (from the same point, since the first steps agree).
    let step = |p: &[[f64; 2]], k: usize| p[k + 1][0] - p[k][0];
    assert_eq!(momentum.path[1], sgd.path[1]);
    assert_rel(
        step(&momentum.path, 1),
        0.9 * step(&momentum.path, 0) + step(&sgd.path, 1),
        1e-12,
        "momentum's second step",
    );
    // RMSprop's square average starts at 0: after one update it is 0.01·g², so the first step is η·g/(0.1|g|),
    // ten times η. Adam's corrected averages give m̂/√v̂ = g/|g|: a first step of η.
    assert_rel(
        step(&rmsprop.path, 0).abs(),
        10.0 * eta,
        1e-6,
        "RMSprop's first step",
    );
    assert_rel(step(&adam.path, 0).abs(), eta, 1e-6, "Adam's first step");
    // All four head downhill from w₀ = 0 toward w* = 2.
    for r in &runs {
        assert!(step(&r.path, 0) > 0.0, "{}", r.label);
    }
    // How each run ended, as the page's list says it.
    use backprop_lab::labs::descent::Outcome;
    assert_eq!(sgd.outcome, Outcome::Descended);
    assert_eq!(sgd.lowest, 0.0, "the exact line is fitted exactly");
    let with = |eta: f64| {
        optimizer_race(&DescentSetup {
            learning_rate: eta,
            ..setup.clone()
        })
    };
    let fast = &with(3.0)[0];
    assert_eq!(fast.outcome, Outcome::Diverging, "{:?}", fast.costs.last());
    assert_eq!(fast.costs.len(), OPTIMIZER_STEPS + 1, "not overflowed yet");
    assert_eq!(fast.lowest, fast.costs[0][1], "never below its start");
    let runaway = &with(1e5)[0];
    assert_eq!(runaway.outcome, Outcome::Overflowed);
    assert!(runaway.costs.len() < OPTIMIZER_STEPS + 1);
}

/// The optimizers' paths are drawn on a view of their own that holds every path that descends: at the
/// defaults with a bias, RMSprop's first step goes ten times η along both axes, from (0, 0) to (4, 4), well
/// outside the lab's own window (which ends at b = 2.7).
#[test]
fn the_optimizer_paths_view_holds_every_path_that_descends() {
    use backprop_lab::labs::descent::Outcome;
    for preset in PRESETS {
        let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
        lab.apply(DescentCommand::LoadPreset { preset }).unwrap();
        lab.apply(DescentCommand::SetModel {
            model: Model::SlopeAndIntercept,
        })
        .unwrap();
        let s = lab.snapshot();
        let bowl = s.race_bowl.as_ref().expect("a view for the paths");
        assert_eq!(bowl.grid.size, 64);
        for run in s
            .optimizer_race
            .iter()
            .filter(|r| r.outcome == Outcome::Descended)
        {
            for p in &run.path {
                let inside = (bowl.window.w_min..=bowl.window.w_max).contains(&p[0])
                    && (bowl.window.b_min..=bowl.window.b_max).contains(&p[1]);
                assert!(
                    inside,
                    "{preset:?}, {}: {p:?} outside {:?}",
                    run.label, bowl.window
                );
            }
        }
    }
    let mut lab = DescentLab::new(DescentSetup::default()).unwrap();
    lab.apply(DescentCommand::SetModel {
        model: Model::SlopeAndIntercept,
    })
    .unwrap();
    let s = lab.snapshot();
    let rmsprop = &s.optimizer_race[2];
    assert_rel(rmsprop.path[1][0], 4.0, 1e-6, "RMSprop's first w");
    assert_rel(rmsprop.path[1][1], 4.0, 1e-6, "RMSprop's first b");
    assert!(s.window.b_max < 4.0, "the lab's own window is smaller");
    // Without a bias there is no view from above.
    lab.apply(DescentCommand::SetModel {
        model: Model::Slope,
    })
    .unwrap();
    assert!(lab.snapshot().race_bowl.is_none());
}
