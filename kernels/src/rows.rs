//! Activations over a layer's rows of a batch block: a = f(z) forward and ∂E/∂z = ∂E/∂a · f′(z) back, two
//! lanes at a time where the function is worth it.

use crate::activation::{sigmoid_slope, tanh_slope, Activation};
use crate::elementary::{sigmoid_lanes, tanh_lanes};
use crate::lanes::Pair;
/// a = f(z) over a layer's rows. tanh and σ go two lanes at a time; the rest (cheap) one value at a time.
pub(crate) fn activate(activation: Activation, z: &[Pair], a: &mut [Pair]) {
    match activation {
        Activation::Tanh => {
            for (a, &z) in a.iter_mut().zip(z) {
                *a = tanh_lanes(z);
            }
        }
        Activation::Sigmoid => {
            for (a, &z) in a.iter_mut().zip(z) {
                *a = sigmoid_lanes(z);
            }
        }
        _ => {
            for (a, &z) in a.iter_mut().zip(z) {
                *a = z.map(|z| activation.value(z));
            }
        }
    }
}

/// ∂E/∂z = ∂E/∂a · f′(z) over a layer's rows, as `Activation::backprop_through` computes it.
pub(crate) fn backprop(
    activation: Activation,
    z: &[Pair],
    a: &[Pair],
    de_da: &[Pair],
    de_dz: &mut [Pair],
) {
    let rows = de_dz.iter_mut().zip(z).zip(a).zip(de_da);
    match activation {
        Activation::Tanh => {
            for (((out, _), &a), &g) in rows {
                *out = g * tanh_slope(a);
            }
        }
        Activation::Sigmoid => {
            for (((out, _), &a), &g) in rows {
                *out = g * sigmoid_slope(a);
            }
        }
        _ => {
            for (((out, &z), &a), &g) in rows {
                *out = Pair::new(
                    g.lane(0) * activation.derivative(z.lane(0), a.lane(0)),
                    g.lane(1) * activation.derivative(z.lane(1), a.lane(1)),
                );
            }
        }
    }
}
