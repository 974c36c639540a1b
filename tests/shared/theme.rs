//! The charts' themes: every line, marker and text the canvas draws stands out from its background by WCAG's
//! ratios (3:1 for graphics, 4.5:1 for text), in the light and the dark theme, whatever a view asked for.

use backprop_lab::shared::chart::palette;
use backprop_lab::shared::chart::theme::{blend, contrast, minimum_contrast, Theme, Use};
use plotters::style::RGBColor;

const THEMES: [Theme; 2] = [Theme::Light, Theme::Dark];

/// The house colours a view draws lines, markers and labels with.
const HOUSE: [(&str, RGBColor); 7] = [
    ("forward", palette::FORWARD),
    ("backward", palette::BACKWARD),
    ("update", palette::UPDATE),
    ("highlight", palette::HIGHLIGHT),
    ("ink", palette::INK),
    ("muted", palette::MUTED),
    ("pending", palette::PENDING),
];

fn shown(theme: Theme, colour: RGBColor, alpha: f64, usage: Use) -> f64 {
    let (painted, opacity) = theme.paint(colour, alpha, usage);
    contrast(blend(painted, opacity, theme.paper()), theme.paper())
}

#[test]
fn wcag_contrast_matches_its_definition() {
    let white = RGBColor(255, 255, 255);
    assert!((contrast(RGBColor(0, 0, 0), white) - 21.0).abs() < 1e-9);
    assert!((contrast(white, white) - 1.0).abs() < 1e-12);
    // #767676 is the lightest grey with 4.5:1 on white, a figure every WCAG checker quotes.
    assert!((contrast(RGBColor(118, 118, 118), white) - 4.54).abs() < 0.01);
    // The Okabe–Ito amber is 2.25:1 on white: the colour the issue saw vanish on a projector.
    assert!(contrast(palette::HIGHLIGHT, white) < 2.3);
}

#[test]
fn every_house_colour_is_legible_in_both_themes_at_every_opacity() {
    for theme in THEMES {
        for (name, colour) in HOUSE {
            for usage in [Use::Graphic, Use::Text] {
                for step in 1..=20 {
                    let alpha = f64::from(step) / 20.0;
                    let ratio = shown(theme, colour, alpha, usage);
                    assert!(
                        ratio >= minimum_contrast(usage),
                        "{name} at {alpha} as {usage:?} in the {theme:?} theme: {ratio:.2}:1"
                    );
                }
            }
        }
    }
}

#[test]
fn any_colour_a_view_picks_is_made_legible() {
    for theme in THEMES {
        for r in (0..=255).step_by(17) {
            for g in (0..=255).step_by(17) {
                for b in (0..=255).step_by(51) {
                    let colour = RGBColor(r, g, b);
                    if colour == palette::PAPER || colour == palette::FAINT {
                        continue;
                    }
                    let ratio = shown(theme, colour, 0.3, Use::Graphic);
                    assert!(
                        ratio >= 3.0,
                        "{colour:?} in the {theme:?} theme: {ratio:.2}:1"
                    );
                }
            }
        }
    }
}

#[test]
fn legible_colours_keep_their_hue_and_opaque_ones_that_pass_are_left_alone() {
    // Blue already passes on white: drawn as asked.
    assert_eq!(
        Theme::Light.paint(palette::FORWARD, 1.0, Use::Graphic),
        (palette::FORWARD, 1.0)
    );
    // The amber is darkened just enough, and stays amber (red over green over blue).
    let (amber, alpha) = Theme::Light.paint(palette::HIGHLIGHT, 1.0, Use::Graphic);
    assert_eq!(alpha, 1.0);
    assert!(amber.0 > amber.1 && amber.1 > amber.2, "{amber:?}");
    assert!(
        contrast(amber, palette::PAPER) < 3.6,
        "darkened more than needed: {amber:?}"
    );
    // A faded step arrow is made more opaque before it is made darker.
    let (arrow, opacity) = Theme::Light.paint(palette::BACKWARD, 0.1, Use::Graphic);
    assert_eq!(arrow, palette::BACKWARD);
    assert!(opacity > 0.1 && opacity < 1.0, "{opacity}");
}

#[test]
fn the_dark_theme_swaps_paper_and_ink_and_leaves_fills_and_the_grid_alone() {
    let dark = Theme::Dark;
    assert_ne!(dark.paper(), palette::PAPER);
    assert!(
        contrast(dark.paper(), RGBColor(0, 0, 0)) < 1.5,
        "the dark paper is dark"
    );
    assert_eq!(
        dark.paint(palette::PAPER, 0.85, Use::Fill),
        (dark.paper(), 0.85)
    );
    let (ink, _) = dark.paint(palette::INK, 1.0, Use::Text);
    assert!(contrast(ink, dark.paper()) >= 12.0);
    let (grid, _) = dark.paint(palette::FAINT, 1.0, Use::Graphic);
    assert!(contrast(grid, dark.paper()) < 3.0, "the grid recedes");
    // The light theme changes nothing a view fills.
    assert_eq!(
        Theme::Light.paint(palette::HIGHLIGHT, 0.2, Use::Fill),
        (palette::HIGHLIGHT, 0.2)
    );
}
