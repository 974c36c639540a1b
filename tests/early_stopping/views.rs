//! The lab's views drawn to SVG natively: what they draw, where, and that labels stay apart.

#[allow(unused_imports)]
use crate::common::svg::*;
use backprop_lab::shared::chart::Style;

/// The early-stopping lab's two pictures: the errors with the best and the stopping epoch marked and
/// labelled, and the data with the fit; no label runs into another at any width.
#[test]
fn the_early_stopping_views_mark_the_best_and_the_stopping_epoch() {
    use backprop_lab::labs::early_stopping::views::fit_curve;
    use backprop_lab::labs::early_stopping::views::stopping_chart;
    use backprop_lab::labs::early_stopping::{StoppingCommand, StoppingLab, StoppingSetup};
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    lab.apply(StoppingCommand::Train { epochs: 2000 }).unwrap();
    let snap = lab.snapshot();
    let stop = snap.stop.unwrap();
    // A phone's canvas is about 257 CSS pixels wide at a pixel ratio of 2.
    for (width, height, scale, log_scale) in [
        (514, 600, 2.0, false),
        (514, 600, 2.0, true),
        (320, 300, 1.0, true),
        (600, 340, 1.0, false),
        (1200, 380, 1.0, true),
    ] {
        let style = Style { scale };
        let chart = svg(width, height, |area| {
            stopping_chart::draw(area, &snap, log_scale, style).unwrap()
        });
        assert!(
            chart.contains("the noise-free curve"),
            "the noise floor is drawn and named"
        );
        let what = format!("error chart at {width} px, log {log_scale}");
        let boxes = text_boxes(&chart);
        // The marks' labels: whole where they fit beside their line, short on a phone, never cut.
        let best = format!("lowest validation error: epoch {}", snap.best_epoch);
        let stopping = format!("would stop: epoch {}", stop.epoch);
        let wide = width as f64 / scale >= 500.0;
        let labels = [
            (best, format!("lowest: {}", snap.best_epoch)),
            (stopping, format!("would stop: {}", stop.epoch)),
        ];
        let mut label_boxes = Vec::new();
        for (whole, short) in &labels {
            let found = boxes
                .iter()
                .find(|(text, _)| text == whole || (!wide && text == short));
            let (_, b) = found.unwrap_or_else(|| panic!("{what}: “{whole}” in {boxes:?}"));
            label_boxes.push(*b);
        }
        for (text, b) in &boxes {
            assert!(
                b[0] >= 0.0 && b[2] <= width as f64,
                "{what}: “{text}” {b:?} is cut at the edge"
            );
        }
        // Neither covers the validation curve, which the person is reading.
        let validation = polyline_points(&chart, "#D55E00");
        assert!(validation.len() > 50, "{what}: the validation curve");
        for b in &label_boxes {
            let under = validation
                .iter()
                .filter(|p| b[0] <= p[0] && p[0] <= b[2] && b[1] <= p[1] && p[1] <= b[3])
                .count();
            assert_eq!(
                under, 0,
                "{what}: a mark label {b:?} covers the validation curve"
            );
        }
        assert!(chart.contains("validation error") && chart.contains("training error"));
        assert_no_label_overlaps(&chart, &what);
        let fit = svg(width, height, |area| {
            fit_curve::draw(area, &snap, style).unwrap()
        });
        // The validation points are hollow squares, one per point, and the training points discs.
        assert_eq!(
            fit.matches("<rect").count() - 1,
            2 * snap.validation_count,
            "{width} px"
        );
        assert_eq!(
            fit.matches("<circle").count(),
            snap.training_count,
            "{width} px"
        );
    }
}

/// The stopping mark says "stopped" only where the run stopped. Early stopping turned on after the run went
/// past that epoch leaves the curves running on beyond it, so there it "would stop".
#[test]
fn the_stopping_mark_says_stopped_only_where_the_run_stopped() {
    use backprop_lab::labs::early_stopping::views::stopping_chart;
    use backprop_lab::labs::early_stopping::{StoppingCommand, StoppingLab, StoppingSetup};
    let label = |lab: &StoppingLab| {
        let snap = lab.snapshot();
        let chart = svg(1200, 380, |area| {
            stopping_chart::draw(area, &snap, false, Style::default()).unwrap()
        });
        let stop = snap.stop.expect("the patience ran out").epoch;
        let boxes = text_boxes(&chart);
        let found = |verb: &str| {
            let whole = format!("{verb}: epoch {stop}");
            boxes.iter().any(|(text, _)| *text == whole)
        };
        (found("stopped"), found("would stop"), stop, snap.epoch)
    };
    let stopping = StoppingSetup {
        stop_early: true,
        ..StoppingSetup::default()
    };
    let mut stopped = StoppingLab::new(stopping.clone()).unwrap();
    stopped
        .apply(StoppingCommand::Train { epochs: 2000 })
        .unwrap();
    let (said_stopped, said_would, stop, epoch) = label(&stopped);
    assert_eq!(stop, epoch, "the run ended at its stopping epoch");
    assert!(said_stopped && !said_would, "a run that stopped: “stopped”");

    let mut late = StoppingLab::new(StoppingSetup::default()).unwrap();
    late.apply(StoppingCommand::Train { epochs: 2000 }).unwrap();
    late.apply(StoppingCommand::SetStopEarly { stop_early: true })
        .unwrap();
    let (said_stopped, said_would, stop, epoch) = label(&late);
    assert!(epoch > stop, "the run went past its stopping epoch");
    assert!(!said_stopped && said_would, "turned on late: “would stop”");
}

/// The early-stopping chart before any training: one error each, at epoch 0, shown.
#[test]
fn the_stopping_chart_shows_epoch_zero() {
    use backprop_lab::labs::early_stopping::views::stopping_chart;
    use backprop_lab::labs::early_stopping::{StoppingLab, StoppingSetup};
    let snap = StoppingLab::new(StoppingSetup::default())
        .unwrap()
        .snapshot();
    assert_eq!(snap.validation_history.len(), 1);
    let text = svg(600, 300, |a| {
        stopping_chart::draw(a, &snap, false, Style::default()).unwrap()
    });
    // Training error in ink, validation error in orange.
    assert_eq!(filled_circles(&text, "#222222").len(), 1);
    assert_eq!(filled_circles(&text, "#D55E00").len(), 1);
}

/// Issue 19: after 3000 epochs (thirty presses of "100 epochs") the thick validation curve has several points
/// to a pixel, and where they turned back it grew spikes. The chart draws it through the points at least
/// half a pixel apart.
#[test]
fn a_long_run_is_drawn_through_points_half_a_pixel_apart() {
    use backprop_lab::labs::early_stopping::views::stopping_chart;
    use backprop_lab::labs::early_stopping::{StoppingCommand, StoppingLab, StoppingSetup};
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    for _ in 0..30 {
        lab.apply(StoppingCommand::Train { epochs: 100 }).unwrap();
    }
    let snap = lab.snapshot();
    assert!(snap.validation_history.len() > 2000);
    let chart = svg(600, 340, |area| {
        stopping_chart::draw(area, &snap, false, Style::default()).unwrap()
    });
    // The validation curve and its legend's sample, in orange: every point was drawn before (2003 of 2001,
    // with the sample's two); now about half (the curve's noise moves it up and down as well as along).
    let drawn = polyline_points(&chart, "#D55E00");
    assert!(
        drawn.len() < snap.validation_history.len() * 3 / 4,
        "{} of {} points drawn",
        drawn.len(),
        snap.validation_history.len()
    );
}

/// Issue 18: the fit is solid, the best epoch's fit dashed and the noise-free curve dotted, as the page's
/// legend shows them.
#[test]
fn the_fit_the_best_fit_and_the_true_curve_are_drawn_in_three_patterns() {
    use backprop_lab::labs::early_stopping::views::fit_curve;
    use backprop_lab::labs::early_stopping::{StoppingCommand, StoppingLab, StoppingSetup};
    let mut lab = StoppingLab::new(StoppingSetup::default()).unwrap();
    lab.apply(StoppingCommand::Train { epochs: 2000 }).unwrap();
    let snap = lab.snapshot();
    assert_ne!(
        snap.best_epoch, snap.epoch,
        "the run went past its best epoch"
    );
    let text = svg(600, 340, |a| {
        fit_curve::draw(a, &snap, Style::default()).unwrap()
    });
    assert_patterns_differ(&text, &["#0072B2", "#009E73"], 1.0, "the fit");
    // The noise-free curve is grey, as the axes are: its dots are the grey pieces a pixel or two long.
    let dots = polyline_lengths(&text, "#787878")
        .into_iter()
        .filter(|&l| l < 4.0)
        .count();
    assert!(dots > 20, "the noise-free curve is dotted ({dots} dots)");
}
