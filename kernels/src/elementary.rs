//! exp, tanh and the logistic sigmoid, built from IEEE-754 +, −, ×, ÷ and moves of bits, and nothing else.
//!
//! Why not the platform's or libm's:
//! - Every one of those operations is correctly rounded natively and in WebAssembly, and Rust never fuses
//!   a·b + c on its own, so a seed gives the same bits on both (tests/determinism.rs and tests/web.rs check a
//!   digest of whole training runs).
//! - There is no branch on the value, only selects, so each is written once over `Lanes` and runs on a lone
//!   `f64` or on a `Pair` (two lanes of WebAssembly's simd128) with the same bits. libm's branchy code runs one
//!   value at a time, and was a quarter of the training time.
//!
//! Accuracy: within a few units in the last place of the true value over the whole range (tests/elementary.rs
//! holds them to libm's within 4 ulp, with the special values: ±0, ±∞, NaN, overflow and underflow).

use crate::lanes::{Lanes, SHIFTER};

/// log₂ e, and ln 2 split in two: the high part has only 33 significant bits, so k·LN2_HI is exact for every
/// k these functions can meet (|k| < 2¹¹) and x − k·ln 2 loses nothing.
use std::f64::consts::LOG2_E;
const LN2_HI: f64 = 0.693_147_180_485_539_1;
const LN2_LO: f64 = 7.440_617_110_012_397e-11;

/// Splits x = k·ln 2 + r with |r| ≲ ln 2 / 2 and returns SHIFTER + k (k in its low bits, for `Lanes::pow2`)
/// and q = eʳ − 1, so eˣ = 2ᵏ(1 + q).
#[inline(always)]
fn reduce<L: Lanes>(x: L) -> (L, L) {
    let shifted = x * L::splat(LOG2_E) + L::splat(SHIFTER);
    let k = shifted - L::splat(SHIFTER);
    let r = (x - k * L::splat(LN2_HI)) - k * L::splat(LN2_LO);
    (shifted, expm1_reduced(r))
}

/// eʳ − 1 for |r| ≤ 0.35, by its Taylor series to r¹³/13!: the first term left out is below 5·10⁻¹⁸ of
/// the result. Without the leading 1, so a small r keeps all its digits. Grouped in pairs (Estrin's scheme)
/// rather than nested (Horner's) so that the multiplications do not wait on one another.
#[inline(always)]
fn expm1_reduced<L: Lanes>(r: L) -> L {
    let c = L::splat;
    let r2 = r * r;
    let r4 = r2 * r2;
    let p01 = r + r2 * c(1.0 / 2.0);
    let p23 = c(1.0 / 6.0) + r * c(1.0 / 24.0);
    let p45 = c(1.0 / 120.0) + r * c(1.0 / 720.0);
    let p67 = c(1.0 / 5_040.0) + r * c(1.0 / 40_320.0);
    let p89 = c(1.0 / 362_880.0) + r * c(1.0 / 3_628_800.0);
    let p1011 = c(1.0 / 39_916_800.0) + r * c(1.0 / 479_001_600.0);
    let p1213 = c(1.0 / 6_227_020_800.0) + r * c(1.0 / 87_178_291_200.0);
    let high = p89 + r2 * (p1011 + r2 * p1213);
    p01 + r2 * r * ((p23 + r2 * p45) + r4 * (p67 + r2 * high))
}

/// eˣ. Overflows to ∞ past 709.78 and underflows through the subnormals to 0 below −745.1, as it should.
#[inline]
pub fn exp(x: f64) -> f64 {
    exp_lanes(x)
}

/// `exp` on one value or on a pair.
#[inline(always)]
pub fn exp_lanes<L: Lanes>(x: L) -> L {
    // Outside [−746, 710] the result is 0 or ∞ in f64 anyway; clamping keeps k where 2ᵏ can be built. A NaN
    // fails both comparisons and passes through.
    let (high, low) = (L::splat(710.0), L::splat(-746.0));
    let x = x.at_most(high).at_least(low);
    let (shifted, q) = reduce(x);
    // 2ᵏ in two factors: the first product is exact and normal, so a subnormal result is rounded only once.
    let (first, second) = L::pow2_split(shifted);
    (L::splat(1.0) + q) * first * second
}

/// tanh x from m = e^{2|x|} − 1: m / (m + 2) while |x| is small, and 1 − 2 / (m + 2) once tanh|x| passes ½,
/// where m + 2 rounds and the first form would wobble by an ulp near 1. The sign is put back at the end.
#[inline]
pub fn tanh(x: f64) -> f64 {
    tanh_lanes(x)
}

/// `tanh` on one value or on a pair.
#[inline(always)]
pub fn tanh_lanes<L: Lanes>(x: L) -> L {
    let (one, two) = (L::splat(1.0), L::splat(2.0));
    // tanh 20 is 1 to the last bit; capping there keeps 2ᵏ small. A NaN passes through.
    let ax = x.abs();
    let cap = L::splat(20.0);
    let ax = ax.at_most(cap);
    let (shifted, q) = reduce(two * ax);
    // m = 2ᵏ(1 + q) − 1, formed so that for small x (k = 0) it is q itself, with no 1 to cancel.
    let scale = L::pow2(shifted);
    let m = scale * q + (scale - one);
    // Past ln 3 / 2 (tanh = ½) the second form; one division either way.
    let large = ax.gt(L::splat(0.55));
    let quotient = L::select(large, two, m) / (m + two);
    let magnitude = L::select(large, one - quotient, quotient);
    magnitude.copysign(x)
}

/// σ(z) = 1 / (1 + e⁻ᶻ), through e^{−|z|} ≤ 1 so nothing overflows: 1 / (1 + e) for z ≥ 0 and e / (1 + e)
/// below, the two chosen by a select.
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    sigmoid_lanes(z)
}

/// `sigmoid` on one value or on a pair.
#[inline(always)]
pub fn sigmoid_lanes<L: Lanes>(z: L) -> L {
    let one = L::splat(1.0);
    let e = exp_lanes(-z.abs());
    let numerator = L::select(z.ge(L::splat(0.0)), one, e);
    numerator / (one + e)
}
