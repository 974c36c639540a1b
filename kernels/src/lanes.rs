//! Numbers that come one at a time (`f64`) or two at a time (`Pair`), behind one trait, so that exp, tanh
//! and σ are written once (in `elementary`) and run on either.
//!
//! In WebAssembly a `Pair` is one simd128 register and every operation below is one instruction. Elsewhere it
//! is two `f64`s handled one after the other. Each lane of each operation is the same correctly rounded IEEE
//! operation as on a lone `f64`, so a value gets the same bits whichever way it is computed: the fast trainer
//! (pairs) agrees with the traced one (single numbers), and WebAssembly with native code.

use std::ops::{Add, Div, Mul, Neg, Sub};

/// 1.5·2⁵²: adding it rounds a number below 2⁵¹ in magnitude to an integer (to nearest, ties to even), and
/// leaves that integer in the low bits of the sum, where `pow2` and `pow2_split` read it.
pub const SHIFTER: f64 = 6_755_399_441_055_744.0;

pub trait Lanes:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// Which lanes a comparison held in.
    type Mask: Copy;

    fn splat(x: f64) -> Self;
    fn abs(self) -> Self;
    /// `self`'s magnitude with `sign`'s sign.
    fn copysign(self, sign: Self) -> Self;
    /// Lane by lane: is `self` greater than `other`? False where either is NaN, as for `f64`.
    fn gt(self, other: Self) -> Self::Mask;
    fn lt(self, other: Self) -> Self::Mask;
    fn ge(self, other: Self) -> Self::Mask;
    /// `yes` in the lanes where `mask` holds, `no` elsewhere.
    fn select(mask: Self::Mask, yes: Self, no: Self) -> Self;
    /// `cap` in the lanes above it, `self` elsewhere (a NaN stays).
    #[inline(always)]
    fn at_most(self, cap: Self) -> Self {
        Self::select(self.gt(cap), cap, self)
    }
    /// `floor` in the lanes below it, `self` elsewhere (a NaN stays).
    #[inline(always)]
    fn at_least(self, floor: Self) -> Self {
        Self::select(self.lt(floor), floor, self)
    }
    /// 2ᵏ, where `shifted` = SHIFTER + k with −1022 ≤ k ≤ 1023.
    fn pow2(shifted: Self) -> Self;
    /// 2ᵏ as two factors 2^⌊k/2⌋ and 2^(k − ⌊k/2⌋), each of them normal for −2044 ≤ k ≤ 2046.
    fn pow2_split(shifted: Self) -> (Self, Self);
}

/// k from `shifted` = SHIFTER + k, as the integer difference of their bits (wrapping, so a NaN cannot panic).
#[inline(always)]
fn k_of(shifted: f64) -> i64 {
    (shifted.to_bits() as i64).wrapping_sub(SHIFTER.to_bits() as i64)
}

/// 2ⁿ for −1022 ≤ n ≤ 1023, written straight into the exponent bits.
#[inline(always)]
fn pow2_of(n: i64) -> f64 {
    f64::from_bits((n.wrapping_add(1023) as u64) << 52)
}

impl Lanes for f64 {
    type Mask = bool;

    #[inline(always)]
    fn splat(x: f64) -> f64 {
        x
    }
    #[inline(always)]
    fn abs(self) -> f64 {
        f64::abs(self)
    }
    #[inline(always)]
    fn copysign(self, sign: f64) -> f64 {
        f64::copysign(self, sign)
    }
    #[inline(always)]
    fn gt(self, other: f64) -> bool {
        self > other
    }
    #[inline(always)]
    fn lt(self, other: f64) -> bool {
        self < other
    }
    #[inline(always)]
    fn ge(self, other: f64) -> bool {
        self >= other
    }
    #[inline(always)]
    fn select(mask: bool, yes: f64, no: f64) -> f64 {
        if mask {
            yes
        } else {
            no
        }
    }
    #[inline(always)]
    fn pow2(shifted: f64) -> f64 {
        pow2_of(k_of(shifted))
    }
    #[inline(always)]
    fn pow2_split(shifted: f64) -> (f64, f64) {
        let k = k_of(shifted);
        let half = k >> 1;
        (pow2_of(half), pow2_of(k.wrapping_sub(half)))
    }
}

pub use pair::Pair;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod pair {
    use std::arch::wasm32::*;
    use std::ops::{Add, Div, Mul, Neg, Sub};

    use super::{Lanes, SHIFTER};

    /// Two `f64`s in one simd128 register.
    #[derive(Clone, Copy, Debug)]
    pub struct Pair(v128);

    impl Pair {
        #[inline(always)]
        pub fn new(first: f64, second: f64) -> Pair {
            Pair(f64x2(first, second))
        }
        #[inline(always)]
        pub fn lane(self, lane: usize) -> f64 {
            if lane == 0 {
                f64x2_extract_lane::<0>(self.0)
            } else {
                f64x2_extract_lane::<1>(self.0)
            }
        }
        #[inline(always)]
        pub fn set_lane(&mut self, lane: usize, value: f64) {
            self.0 = if lane == 0 {
                f64x2_replace_lane::<0>(self.0, value)
            } else {
                f64x2_replace_lane::<1>(self.0, value)
            };
        }
        /// Each lane through `f`: for the functions that have no two-lane form.
        #[inline(always)]
        pub fn map(self, f: impl Fn(f64) -> f64) -> Pair {
            Pair::new(f(self.lane(0)), f(self.lane(1)))
        }
        /// The first lane in both lanes.
        #[inline(always)]
        pub fn first_twice(self) -> Pair {
            Pair(i64x2_shuffle::<0, 0>(self.0, self.0))
        }
        /// The second lane in both lanes.
        #[inline(always)]
        pub fn second_twice(self) -> Pair {
            Pair(i64x2_shuffle::<1, 1>(self.0, self.0))
        }
        /// The first lanes of `a` and `b`, and their second lanes: a 2×2 transpose.
        #[inline(always)]
        pub fn transpose(a: Pair, b: Pair) -> (Pair, Pair) {
            (
                Pair(i64x2_shuffle::<0, 2>(a.0, b.0)),
                Pair(i64x2_shuffle::<1, 3>(a.0, b.0)),
            )
        }
    }

    macro_rules! binary {
        ($trait:ident, $method:ident, $op:ident) => {
            impl $trait for Pair {
                type Output = Pair;
                #[inline(always)]
                fn $method(self, other: Pair) -> Pair {
                    Pair($op(self.0, other.0))
                }
            }
        };
    }
    binary!(Add, add, f64x2_add);
    binary!(Sub, sub, f64x2_sub);
    binary!(Mul, mul, f64x2_mul);
    binary!(Div, div, f64x2_div);

    impl Neg for Pair {
        type Output = Pair;
        #[inline(always)]
        fn neg(self) -> Pair {
            Pair(f64x2_neg(self.0))
        }
    }

    /// 2ⁿ in each lane, from n in each 64-bit integer lane.
    #[inline(always)]
    fn pow2_of(n: v128) -> v128 {
        i64x2_shl(i64x2_add(n, i64x2_splat(1023)), 52)
    }

    #[inline(always)]
    fn k_of(shifted: v128) -> v128 {
        i64x2_sub(shifted, i64x2_splat(SHIFTER.to_bits() as i64))
    }

    impl Lanes for Pair {
        type Mask = v128;

        #[inline(always)]
        fn splat(x: f64) -> Pair {
            Pair(f64x2_splat(x))
        }
        #[inline(always)]
        fn abs(self) -> Pair {
            Pair(f64x2_abs(self.0))
        }
        #[inline(always)]
        fn copysign(self, sign: Pair) -> Pair {
            let sign_bit = f64x2_splat(-0.0);
            Pair(v128_bitselect(sign.0, self.0, sign_bit))
        }
        #[inline(always)]
        fn gt(self, other: Pair) -> v128 {
            f64x2_gt(self.0, other.0)
        }
        #[inline(always)]
        fn lt(self, other: Pair) -> v128 {
            f64x2_lt(self.0, other.0)
        }
        #[inline(always)]
        fn ge(self, other: Pair) -> v128 {
            f64x2_ge(self.0, other.0)
        }
        #[inline(always)]
        fn select(mask: v128, yes: Pair, no: Pair) -> Pair {
            Pair(v128_bitselect(yes.0, no.0, mask))
        }
        // pmin(a, b) is `b < a ? b : a` and pmax `a < b ? b : a`: the same lanes as the selects above, in
        // one instruction (minpd, maxpd) instead of a comparison and three for the select.
        #[inline(always)]
        fn at_most(self, cap: Pair) -> Pair {
            Pair(f64x2_pmin(self.0, cap.0))
        }
        #[inline(always)]
        fn at_least(self, floor: Pair) -> Pair {
            Pair(f64x2_pmax(self.0, floor.0))
        }
        #[inline(always)]
        fn pow2(shifted: Pair) -> Pair {
            Pair(pow2_of(k_of(shifted.0)))
        }
        #[inline(always)]
        fn pow2_split(shifted: Pair) -> (Pair, Pair) {
            let k = k_of(shifted.0);
            let half = i64x2_shr(k, 1);
            (Pair(pow2_of(half)), Pair(pow2_of(i64x2_sub(k, half))))
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod pair {
    use std::ops::{Add, Div, Mul, Neg, Sub};

    use super::Lanes;

    /// Two `f64`s, one after the other.
    #[derive(Clone, Copy, Debug)]
    pub struct Pair([f64; 2]);

    impl Pair {
        #[inline(always)]
        pub fn new(first: f64, second: f64) -> Pair {
            Pair([first, second])
        }
        #[inline(always)]
        pub fn lane(self, lane: usize) -> f64 {
            self.0[lane & 1]
        }
        #[inline(always)]
        pub fn set_lane(&mut self, lane: usize, value: f64) {
            self.0[lane & 1] = value;
        }
        /// Each lane through `f`: for the functions that have no two-lane form.
        #[inline(always)]
        pub fn map(self, f: impl Fn(f64) -> f64) -> Pair {
            Pair([f(self.0[0]), f(self.0[1])])
        }
        /// The first lane in both lanes.
        #[inline(always)]
        pub fn first_twice(self) -> Pair {
            Pair([self.0[0], self.0[0]])
        }
        /// The second lane in both lanes.
        #[inline(always)]
        pub fn second_twice(self) -> Pair {
            Pair([self.0[1], self.0[1]])
        }
        /// The first lanes of `a` and `b`, and their second lanes: a 2×2 transpose.
        #[inline(always)]
        pub fn transpose(a: Pair, b: Pair) -> (Pair, Pair) {
            (Pair([a.0[0], b.0[0]]), Pair([a.0[1], b.0[1]]))
        }
        #[inline(always)]
        fn zip(self, other: Pair, f: impl Fn(f64, f64) -> f64) -> Pair {
            Pair([f(self.0[0], other.0[0]), f(self.0[1], other.0[1])])
        }
    }

    macro_rules! binary {
        ($trait:ident, $method:ident, $op:tt) => {
            impl $trait for Pair {
                type Output = Pair;
                #[inline(always)]
                fn $method(self, other: Pair) -> Pair {
                    self.zip(other, |a, b| a $op b)
                }
            }
        };
    }
    binary!(Add, add, +);
    binary!(Sub, sub, -);
    binary!(Mul, mul, *);
    binary!(Div, div, /);

    impl Neg for Pair {
        type Output = Pair;
        #[inline(always)]
        fn neg(self) -> Pair {
            self.map(|a| -a)
        }
    }

    impl Lanes for Pair {
        type Mask = [bool; 2];

        #[inline(always)]
        fn splat(x: f64) -> Pair {
            Pair([x, x])
        }
        #[inline(always)]
        fn abs(self) -> Pair {
            self.map(f64::abs)
        }
        #[inline(always)]
        fn copysign(self, sign: Pair) -> Pair {
            self.zip(sign, f64::copysign)
        }
        #[inline(always)]
        fn gt(self, other: Pair) -> [bool; 2] {
            [self.0[0] > other.0[0], self.0[1] > other.0[1]]
        }
        #[inline(always)]
        fn lt(self, other: Pair) -> [bool; 2] {
            [self.0[0] < other.0[0], self.0[1] < other.0[1]]
        }
        #[inline(always)]
        fn ge(self, other: Pair) -> [bool; 2] {
            [self.0[0] >= other.0[0], self.0[1] >= other.0[1]]
        }
        #[inline(always)]
        fn select(mask: [bool; 2], yes: Pair, no: Pair) -> Pair {
            Pair([
                f64::select(mask[0], yes.0[0], no.0[0]),
                f64::select(mask[1], yes.0[1], no.0[1]),
            ])
        }
        #[inline(always)]
        fn pow2(shifted: Pair) -> Pair {
            shifted.map(f64::pow2)
        }
        #[inline(always)]
        fn pow2_split(shifted: Pair) -> (Pair, Pair) {
            let (first0, second0) = f64::pow2_split(shifted.0[0]);
            let (first1, second1) = f64::pow2_split(shifted.0[1]);
            (Pair([first0, first1]), Pair([second0, second1]))
        }
    }
}
