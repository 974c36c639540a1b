//! The pictures kept between snapshots: recomputed whole by every command but a frame of Play, which for a
//! large network recomputes a share of the output's rows (and the neuron pictures every other frame), and
//! made whole again by `Redraw`.

use backprop_lab::engine::network::predict;
use backprop_lab::labs::playground::{cell, shares, PlaygroundCommand, PlaygroundLab};

use crate::support::lab;

/// The network's output at cell (row, col) of the 160×160 picture, from the weights on show.
fn output_at(lab: &PlaygroundLab, row: usize, col: usize) -> f64 {
    let (x1, x2) = cell(160, row, col);
    predict(&lab.layers(), &[x1, x2])[0]
}

#[test]
fn a_small_network_is_pictured_whole_every_frame() {
    assert_eq!(shares(25), 1);
    let mut lab = lab("data=xor&features=x1,x2&layers=4,2");
    assert_eq!(lab.snapshot().picture_shares, 1);
    lab.apply(PlaygroundCommand::Train { epochs: 2 }).unwrap();
    let s = lab.snapshot();
    for (row, col) in [(0, 0), (1, 5), (2, 80), (3, 159)] {
        assert_eq!(s.output_picture[row * 160 + col], output_at(&lab, row, col));
    }
}

#[test]
fn a_large_network_recomputes_a_share_of_rows_a_frame_and_redraw_makes_it_whole() {
    let mut lab = lab("data=spiral&features=x1,x2&layers=8,8,8,8,8,8&lr=0.3");
    let s = lab.snapshot();
    assert_eq!(s.picture_shares, 4);
    // Whole after the link opened (a command other than Train).
    lab.apply(PlaygroundCommand::Redraw).unwrap();
    for (row, col) in [(0, 0), (1, 7), (2, 100), (3, 159)] {
        assert_eq!(
            lab.snapshot().output_picture[row * 160 + col],
            output_at(&lab, row, col)
        );
    }
    // One frame: rows 0, 4, 8 … follow the new weights; rows 1, 2, 3 … still show the old ones.
    let before = lab.snapshot().output_picture.clone();
    lab.apply(PlaygroundCommand::Train { epochs: 1 }).unwrap();
    let s = lab.snapshot();
    for col in [0, 40, 159] {
        assert_eq!(s.output_picture[4 * 160 + col], output_at(&lab, 4, col));
        assert_eq!(s.output_picture[5 * 160 + col], before[5 * 160 + col]);
        assert_ne!(s.output_picture[5 * 160 + col], output_at(&lab, 5, col));
    }
    // Redraw: every row from the weights on show.
    lab.apply(PlaygroundCommand::Redraw).unwrap();
    let s = lab.snapshot();
    for row in 0..8 {
        assert_eq!(s.output_picture[row * 160 + 9], output_at(&lab, row, 9));
    }
    // Any other command makes the pictures whole too.
    lab.apply(PlaygroundCommand::Train { epochs: 1 }).unwrap();
    lab.apply(PlaygroundCommand::PickPoint { index: Some(0) })
        .unwrap();
    let s = lab.snapshot();
    for row in 0..8 {
        assert_eq!(s.output_picture[row * 160 + 9], output_at(&lab, row, 9));
    }
}
