//! A batch of examples through a network, a layer at a time: the inner loops of `FastTrainer` (in the main
//! crate's `core::fast`). Each neuron's values for the batch's examples sit side by side, two to a `Pair`,
//! so the loops run across examples with no branches (see `elementary`). Every sum adds the same terms in the
//! same order as the traced trainer's, which keeps the bits identical.
//!
//! This crate is built with `opt-level = 3` while the page is built for size (see the main Cargo.toml): these
//! loops are where training spends its time.

use crate::activation::{softmax_into, Activation};
use crate::lanes::{Lanes, Pair};
use crate::loss::Loss;
use crate::rows::{activate, backprop};

/// Where one layer lives in the flat arrays.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub inputs: usize,
    pub neurons: usize,
    /// First weight in `params`; the biases follow the weights (row-major, `weights[j][i]`).
    pub params: usize,
    /// First row of this layer in a `Block` (the input rows sit before layer 0's).
    pub rows: usize,
    pub activation: Activation,
    pub frozen_biases: bool,
}

impl Shape {
    pub fn bias(&self) -> usize {
        self.params + self.neurons * self.inputs
    }
}

/// The values of a block of examples, neuron-major: row r holds neuron r's value (or input r's) for every
/// example of the block, as `pairs` pairs: two examples side by side, one simd128 register in WebAssembly
/// (see `lanes`). A block holds an even number of columns; when a batch is odd (or the epoch's last batch is
/// short) the spare column holds stale values that are computed and never read.
#[derive(Clone, Debug)]
pub struct Block {
    pub pairs: usize,
    pub z: Vec<Pair>,
    pub a: Vec<Pair>,
    pub de_da: Vec<Pair>,
    pub de_dz: Vec<Pair>,
    /// Targets of the block's examples, one row per output.
    pub targets: Vec<Pair>,
    /// One layer's inputs, example-major and paired along the inputs, for the gradient sums (which run over
    /// examples, per weight).
    by_example: Vec<Pair>,
    /// One layer's ∂E/∂z times the batch's 1/n, neuron-major, for the gradient sums.
    scaled: Vec<Pair>,
    /// One example's outputs and targets (softmax and the loss work on a whole example).
    column: Vec<f64>,
    column_targets: Vec<f64>,
}

/// Column `e` of row `r`.
#[inline(always)]
pub fn get(values: &[Pair], pairs: usize, r: usize, e: usize) -> f64 {
    values[r * pairs + e / 2].lane(e % 2)
}

#[inline(always)]
pub fn set(values: &mut [Pair], pairs: usize, r: usize, e: usize, value: f64) {
    values[r * pairs + e / 2].set_lane(e % 2, value);
}

/// The rows of one layer.
fn rows<'v>(values: &'v [Pair], pairs: usize, s: &Shape) -> &'v [Pair] {
    &values[s.rows * pairs..(s.rows + s.neurons) * pairs]
}

fn rows_mut<'v>(values: &'v mut [Pair], pairs: usize, s: &Shape) -> &'v mut [Pair] {
    &mut values[s.rows * pairs..(s.rows + s.neurons) * pairs]
}

impl Block {
    pub fn new(rows: usize, outputs: usize, widest: usize, columns: usize) -> Block {
        let pairs = columns.max(1).div_ceil(2);
        let zero = Pair::splat(0.0);
        Block {
            pairs,
            z: vec![zero; rows * pairs],
            a: vec![zero; rows * pairs],
            de_da: vec![zero; rows * pairs],
            de_dz: vec![zero; rows * pairs],
            targets: vec![zero; outputs * pairs],
            by_example: vec![zero; widest.div_ceil(2) * 2 * pairs],
            scaled: vec![zero; widest * pairs],
            column: vec![0.0; widest],
            column_targets: vec![0.0; widest],
        }
    }

    /// Puts examples `batch` of the data (inputs and targets, example-major, with their widths) in the
    /// block's input and target rows.
    pub fn load(&mut self, batch: &[usize], inputs: (&[f64], usize), targets: (&[f64], usize)) {
        let p = self.pairs;
        // Two examples at a time, each pair written whole; an odd batch's spare lane repeats its last example.
        let load_rows = |rows: &mut [Pair], (values, width): (&[f64], usize)| {
            for (ep, two) in batch.chunks(2).enumerate() {
                let (first, second) = (two[0] * width, two[two.len() - 1] * width);
                for r in 0..width {
                    rows[r * p + ep] = Pair::new(values[first + r], values[second + r]);
                }
            }
        };
        load_rows(&mut self.a, inputs);
        load_rows(&mut self.targets, targets);
    }

    /// The forward pass for the first `n` examples, whose inputs are already in the input rows of `a`.
    pub fn forward(&mut self, shapes: &[Shape], params: &[f64], n: usize) {
        let (p, used) = (self.pairs, n.div_ceil(2));
        let used = used.min(p);
        for s in shapes {
            let mut j = 0;
            while j + 4 <= s.neurons {
                self.weighted_sums::<4>(s, params, j, used);
                j += 4;
            }
            for j in j..s.neurons {
                self.weighted_sums::<1>(s, params, j, used);
            }
            if s.activation == Activation::Softmax {
                for e in 0..n {
                    for j in 0..s.neurons {
                        self.column[j] = get(&self.z, p, s.rows + j, e);
                    }
                    let out = &mut self.column_targets[..s.neurons];
                    softmax_into(&self.column[..s.neurons], out);
                    for (j, &v) in out.iter().enumerate() {
                        set(&mut self.a, p, s.rows + j, e, v);
                    }
                }
            } else {
                // The whole layer in one loop, spare column included.
                activate(
                    s.activation,
                    rows(&self.z, p, s),
                    rows_mut(&mut self.a, p, s),
                );
            }
        }
    }

    /// The loss of each of the first `n` examples, after `forward`, pushed onto `losses`.
    pub fn losses(&mut self, last: &Shape, loss: Loss, n: usize, losses: &mut Vec<f64>) {
        let p = self.pairs;
        for e in 0..n {
            for j in 0..last.neurons {
                self.column[j] = get(&self.a, p, last.rows + j, e);
                self.column_targets[j] = get(&self.targets, p, j, e);
            }
            losses.push(loss.value(
                &self.column[..last.neurons],
                &self.column_targets[..last.neurons],
            ));
        }
    }

    /// ∂E/∂z of layer `s` for the first `n` examples, from ∂E/∂a (or, for the output, from the targets).
    fn de_dz_of(&mut self, s: &Shape, fused_output: bool, n: usize) {
        let p = self.pairs;
        if fused_output {
            let a = rows(&self.a, p, s);
            for ((g, &a), &t) in rows_mut(&mut self.de_dz, p, s)
                .iter_mut()
                .zip(a)
                .zip(&self.targets)
            {
                *g = a - t;
            }
        } else if s.activation == Activation::Softmax {
            for e in 0..n {
                let column = |values: &[Pair]| -> Vec<f64> {
                    (0..s.neurons)
                        .map(|j| get(values, p, s.rows + j, e))
                        .collect()
                };
                let g = s.activation.backprop_through(
                    &column(&self.z),
                    &column(&self.a),
                    &column(&self.de_da),
                );
                for (j, g) in g.into_iter().enumerate() {
                    set(&mut self.de_dz, p, s.rows + j, e, g);
                }
            }
        } else {
            backprop(
                s.activation,
                rows(&self.z, p, s),
                rows(&self.a, p, s),
                rows(&self.de_da, p, s),
                rows_mut(&mut self.de_dz, p, s),
            );
        }
    }

    /// The backward pass for the first `n` examples after `forward`: every ∂E/∂z, and `scale`·∂E/∂w summed
    /// over the examples into `grads`.
    pub fn backward(
        &mut self,
        shapes: &[Shape],
        params: &[f64],
        loss: Loss,
        n: usize,
        scale: f64,
        grads: &mut [f64],
    ) {
        let (p, used) = (self.pairs, n.div_ceil(2));
        let last = shapes.len() - 1;
        let output = shapes[last];
        let fused_output = matches!(
            (output.activation, loss),
            (Activation::Softmax, Loss::CrossEntropy)
                | (Activation::Sigmoid, Loss::BinaryCrossEntropy)
        );
        // A fused output goes straight from a − t to ∂E/∂z; its ∂E/∂a (a division per example) is never read.
        if !fused_output {
            let a = rows(&self.a, p, &output);
            let de_da = rows_mut(&mut self.de_da, p, &output);
            for ((g, &a), &t) in de_da.iter_mut().zip(a).zip(&self.targets) {
                *g = Pair::new(
                    loss.de_da_one(a.lane(0), t.lane(0)),
                    loss.de_da_one(a.lane(1), t.lane(1)),
                );
            }
        }
        for (l, s) in shapes.iter().enumerate().rev() {
            self.de_dz_of(s, l == last && fused_output, n);
            // Gradients, as `batch_gradients` sums them: per weight, over the examples in order. The inputs
            // are laid out example by example, paired along the inputs, so two weights of a row go together.
            let first_input = s.rows - s.inputs;
            let input_pairs = s.inputs.div_ceil(2);
            let (zero, scale_pair) = (Pair::splat(0.0), Pair::splat(scale));
            for ip in 0..input_pairs {
                let i = first_input + 2 * ip;
                let has_second = 2 * ip + 1 < s.inputs;
                for ep in 0..used {
                    let first = self.a[i * p + ep];
                    let second = if has_second {
                        self.a[(i + 1) * p + ep]
                    } else {
                        zero
                    };
                    let (even, odd) = Pair::transpose(first, second);
                    self.by_example[2 * ep * input_pairs + ip] = even;
                    self.by_example[(2 * ep + 1) * input_pairs + ip] = odd;
                }
            }
            // ∂E/∂z scaled once, then read by every weight of its neuron.
            for j in 0..s.neurons {
                for ep in 0..used {
                    self.scaled[j * used + ep] = scale_pair * self.de_dz[(s.rows + j) * p + ep];
                }
            }
            let mut j = 0;
            while j + 4 <= s.neurons {
                self.weight_gradients::<4>(s, j, n, grads);
                j += 4;
            }
            for j in j..s.neurons {
                self.weight_gradients::<1>(s, j, n, grads);
            }
            let (whole, odd) = (n / 2, n % 2 == 1);
            for j in 0..s.neurons {
                let scaled = &self.scaled[j * used..(j + 1) * used];
                let mut bias_grad = grads[s.bias() + j];
                for g in &scaled[..whole] {
                    bias_grad += g.lane(0);
                    bias_grad += g.lane(1);
                }
                if odd {
                    bias_grad += scaled[whole].lane(0);
                }
                grads[s.bias() + j] = bias_grad;
            }
            if l > 0 {
                let mut i = 0;
                while i + 4 <= s.inputs {
                    self.input_slopes::<4>(s, params, i, used);
                    i += 4;
                }
                for i in i..s.inputs {
                    self.input_slopes::<1>(s, params, i, used);
                }
            }
        }
    }
}

/// The register-blocked inner loops of `forward` and `backward`. Each handles `N` neurons (or inputs) at once
/// (4, then 1 for the rest): one load serves N products and the N sums are independent, so they do not wait
/// on one another's additions. Each sum still runs over its terms in the traced trainer's order.
// The loops over k walk several arrays in lockstep, which reads plainest with an index.
#[allow(clippy::needless_range_loop)]
impl Block {
    /// z of neurons j..j+N for the first `used` pairs of examples: Σᵢ wⱼᵢ aᵢ from −0, then + bⱼ, which is
    /// `Layer::weighted_input`'s sum term by term (−0 + x is x for every x).
    #[inline(always)]
    fn weighted_sums<const N: usize>(&mut self, s: &Shape, params: &[f64], j: usize, used: usize) {
        let p = self.pairs;
        let weights: [&[f64]; N] = std::array::from_fn(|k| {
            let row = s.params + (j + k) * s.inputs;
            &params[row..row + s.inputs]
        });
        let biases: [Pair; N] = std::array::from_fn(|k| Pair::splat(params[s.bias() + j + k]));
        let inputs = &self.a[(s.rows - s.inputs) * p..s.rows * p];
        for e in 0..used {
            let mut sums = [Pair::splat(-0.0); N];
            for (i, row) in inputs.chunks_exact(p).enumerate() {
                let x = row[e];
                for k in 0..N {
                    sums[k] = sums[k] + Pair::splat(weights[k][i]) * x;
                }
            }
            for k in 0..N {
                self.z[(s.rows + j + k) * p + e] = sums[k] + biases[k];
            }
        }
    }

    /// ∂E/∂w of neurons j..j+N, added into `grads`: per weight, over the examples in order, from the scaled
    /// ∂E/∂z rows and the example-major inputs. Two weights of a row share a pair.
    #[inline(always)]
    fn weight_gradients<const N: usize>(&self, s: &Shape, j: usize, n: usize, grads: &mut [f64]) {
        let used = n.div_ceil(2);
        let (whole, odd) = (n / 2, n % 2 == 1);
        let input_pairs = s.inputs.div_ceil(2);
        let xs = &self.by_example[..2 * used * input_pairs];
        let scaled: [&[Pair]; N] =
            std::array::from_fn(|k| &self.scaled[(j + k) * used..(j + k + 1) * used]);
        for ip in 0..input_pairs {
            let (i, both) = (2 * ip, 2 * ip + 1 < s.inputs);
            let at = |k: usize| s.params + (j + k) * s.inputs + i;
            let mut acc: [Pair; N] = std::array::from_fn(|k| {
                Pair::new(grads[at(k)], if both { grads[at(k) + 1] } else { 0.0 })
            });
            for ep in 0..whole {
                let e = 2 * ep * input_pairs + ip;
                let (even, odd) = (xs[e], xs[e + input_pairs]);
                for k in 0..N {
                    let g = scaled[k][ep];
                    acc[k] = acc[k] + g.first_twice() * even;
                    acc[k] = acc[k] + g.second_twice() * odd;
                }
            }
            if odd {
                let x = xs[2 * whole * input_pairs + ip];
                for k in 0..N {
                    acc[k] = acc[k] + scaled[k][whole].first_twice() * x;
                }
            }
            for k in 0..N {
                grads[at(k)] = acc[k].lane(0);
                if both {
                    grads[at(k) + 1] = acc[k].lane(1);
                }
            }
        }
    }

    /// ∂E/∂a of inputs i..i+N of layer `s` (the previous layer's neurons) = Σⱼ wⱼᵢ ∂E/∂zⱼ, summed over j in
    /// order from 0, as `run_example` does.
    #[inline(always)]
    fn input_slopes<const N: usize>(&mut self, s: &Shape, params: &[f64], i: usize, used: usize) {
        let p = self.pairs;
        let g_rows = &self.de_dz[s.rows * p..(s.rows + s.neurons) * p];
        let first_input = s.rows - s.inputs;
        for e in 0..used {
            let mut sums = [Pair::splat(0.0); N];
            for (j, g) in g_rows.chunks_exact(p).enumerate() {
                let (g, row) = (g[e], s.params + j * s.inputs + i);
                for k in 0..N {
                    sums[k] = sums[k] + Pair::splat(params[row + k]) * g;
                }
            }
            for k in 0..N {
                self.de_da[(first_input + i + k) * p + e] = sums[k];
            }
        }
    }
}

/// The most inputs or neurons of any layer: the size of the per-example scratch rows.
pub fn widest(shapes: &[Shape]) -> usize {
    shapes
        .iter()
        .map(|s| s.inputs.max(s.neurons))
        .max()
        .unwrap_or(1)
}
