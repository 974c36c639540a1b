//! The bias model: steps by the closed-form gradient, the least-squares line, standardised fits and the
//! cost grid.

use crate::closed_forms::{assert_close, cost, dj_db, dj_dw, least_squares, mean_of};
use crate::common::assert_rel;
use crate::helpers::{lab, setup_with, stepped};
use backprop_lab::labs::descent::{DescentSetup, Model, Preset};

#[test]
fn bias_steps_follow_the_closed_form_gradient() {
    let points = Preset::NoisyLine.points();
    let eta = 0.1;
    let s = stepped(
        setup_with(points.clone(), Model::SlopeAndIntercept, eta),
        10,
    )
    .snapshot();
    let (mut w, mut b) = (0.0, 0.0);
    for (k, p) in s.path.iter().enumerate() {
        assert_close(p.w, w, 1.0, 1e-12, &format!("w_{k}"));
        assert_close(p.b, b, 1.0, 1e-12, &format!("b_{k}"));
        assert_rel(p.cost, cost(&points, p.w, p.b), 1e-12, &format!("J_{k}"));
        let (gw, gb) = (dj_dw(&points, w, b), dj_db(&points, w, b));
        w -= eta * gw;
        b -= eta * gb;
    }
    let u = s.update.expect("next step");
    assert_rel(u.dj_dw, dj_dw(&points, s.w, s.b), 1e-12, "dJ/dw");
    assert_rel(u.dj_db.unwrap(), dj_db(&points, s.w, s.b), 1e-12, "dJ/db");
    assert!(u.text.contains("b ← b − η·dJ/db = "), "{}", u.text);
    // The line of ẑ = w·x + b without scaling is (w, b) itself.
    assert_eq!((s.line.slope, s.line.intercept), (s.w, s.b));
}

#[test]
fn bias_model_converges_to_the_least_squares_line() {
    let points = Preset::NoisyLine.points();
    let (w_ls, b_ls) = least_squares(&points);
    let s = stepped(
        setup_with(points.clone(), Model::SlopeAndIntercept, 0.1),
        3000,
    )
    .snapshot();
    assert_close(s.w, w_ls, 1.0, 1e-9, "w → w*");
    assert_close(s.b, b_ls, 1.0, 1e-9, "b → b*");
    let minimum = s.minimum.expect("unique minimum");
    assert_close(minimum.w, w_ls, 1.0, 1e-12, "reported w*");
    assert_close(minimum.b, b_ls, 1.0, 1e-12, "reported b*");
    assert_rel(minimum.cost, cost(&points, w_ls, b_ls), 1e-9, "J(w*, b*)");
}

#[test]
fn standardised_fits_give_the_same_line_in_x_units() {
    for preset in [Preset::NoisyLine, Preset::FarFromZero, Preset::Outliers] {
        let points = preset.points();
        let (w_ls, b_ls) = least_squares(&points);
        let setup = DescentSetup {
            standardize: true,
            learning_rate: 0.4,
            ..setup_with(points.clone(), Model::SlopeAndIntercept, 0.4)
        };
        let s = stepped(setup, 60).snapshot();
        // The page prints the names the core gives the parameters on standardised x.
        assert_eq!(s.param_names, ("w′", "b′"));
        assert_close(s.line.slope, w_ls, 1.0, 1e-9, &format!("{preset:?} slope"));
        assert_close(
            s.line.intercept,
            b_ls,
            1.0,
            1e-9,
            &format!("{preset:?} intercept"),
        );
        // The scaled parameters are the line in x′ = (x − mean)/std: w′ = slope·std, b′ = mean of z.
        let mean_x = mean_of(&points, |x, _| x);
        let std_x = mean_of(&points, |x, _| (x - mean_x).powi(2)).sqrt();
        assert_close(s.w, w_ls * std_x, 1.0, 1e-9, "w′");
        assert_close(s.b, mean_of(&points, |_, z| z), 1.0, 1e-9, "b′");
        // Every drawn line is the same prediction: ẑ(x) = w′(x − mean)/std + b′.
        for (p, line) in s.path[s.iteration - 3..s.iteration]
            .iter()
            .zip(&s.old_lines[s.old_lines.len() - 3..])
        {
            for x in [-2.0, 0.5, 9.0] {
                assert_close(
                    line.slope * x + line.intercept,
                    p.w * (x - mean_x) / std_x + p.b,
                    1.0,
                    1e-12,
                    "old line",
                );
            }
        }
    }
    // Without scaling, FarFromZero's long valley would need far more steps at a far smaller η.
    let far = Preset::FarFromZero.points();
    let (w_ls, _) = least_squares(&far);
    let slow = stepped(setup_with(far, Model::SlopeAndIntercept, 0.009), 60).snapshot();
    assert!((slow.line.slope - w_ls).abs() > 1e-3);
}

#[test]
fn the_cost_grid_samples_the_bowl_and_the_minimum_is_lowest() {
    for (preset, standardize) in [
        (Preset::NoisyLine, false),
        (Preset::FarFromZero, false),
        (Preset::FarFromZero, true),
        (Preset::Outliers, false),
    ] {
        let points = preset.points();
        let setup = DescentSetup {
            standardize,
            ..setup_with(points.clone(), Model::SlopeAndIntercept, 0.005)
        };
        let s = stepped(setup, 5).snapshot();
        let grid = s.grid.as_ref().expect("a grid for the bias model");
        assert!(grid.size >= 2);
        assert_eq!(grid.values.len(), grid.size);
        assert!(grid.values.iter().all(|row| row.len() == grid.size));
        assert!(grid.values.iter().flatten().all(|v| v.is_finite()));
        let minimum = s.minimum.expect("unique minimum");
        let lowest = grid
            .values
            .iter()
            .flatten()
            .fold(f64::INFINITY, |a, &v| a.min(v));
        assert!(
            minimum.cost <= lowest,
            "{preset:?}: {} > {lowest}",
            minimum.cost
        );
        // values[row][col] is J at w = w_min + col·dw, b = b_min + row·db, written out on the raw points
        // (through the scaled x when standardised).
        let xs: Vec<[f64; 2]> = match s.scaling {
            Some(sc) => points
                .iter()
                .map(|p| [(p[0] - sc.shift) / sc.scale, p[1]])
                .collect(),
            None => points.clone(),
        };
        let win = s.window;
        let last = grid.size - 1;
        let at = |lo: f64, hi: f64, k: usize| lo + (hi - lo) * k as f64 / last as f64;
        for (row, col) in [(0, 0), (0, last), (last, 0), (last, last), (last / 2, 3)] {
            let (w, b) = (at(win.w_min, win.w_max, col), at(win.b_min, win.b_max, row));
            assert_rel(
                grid.values[row][col],
                cost(&xs, w, b),
                1e-9,
                &format!("{preset:?} grid[{row}][{col}]"),
            );
        }
        // The window holds the minimum and the start.
        assert!(win.w_min <= minimum.w && minimum.w <= win.w_max);
        assert!(win.b_min <= minimum.b && minimum.b <= win.b_max);
        assert!(s.inside[0]);
    }
    // ẑ = w·x has a curve, not a grid.
    assert!(lab(DescentSetup::default()).snapshot().grid.is_none());
}
