//! How parameters and values are named in sentences and tables: the course's names for a chain of single
//! neurons (x, z₁, a₂, w₂, T), with the neuron added for wider layers (z²₁ = layer 2, neuron 1).

use crate::layer::Layer;

#[derive(Clone, Copy, Debug)]
pub struct Names {
    /// One input and one neuron per layer: the seed's naming.
    chain: bool,
}

impl Names {
    pub fn for_layers(layers: &[Layer]) -> Names {
        Names {
            chain: layers.first().is_some_and(|l| l.inputs() == 1)
                && layers.iter().all(|l| l.neurons() == 1),
        }
    }

    /// From layer sizes `[inputs, layer 1, layer 2, …]`.
    pub fn for_layers_shape(sizes: &[usize]) -> Names {
        Names {
            chain: sizes.iter().all(|&n| n == 1),
        }
    }

    pub fn is_chain(self) -> bool {
        self.chain
    }

    /// A per-neuron quantity, e.g. `z₁` or `z²₁`.
    pub fn neuron(self, symbol: &str, layer: usize, neuron: usize) -> String {
        if self.chain {
            format!("{symbol}{}", subscript(layer + 1))
        } else {
            format!(
                "{symbol}{}{}",
                superscript(layer + 1),
                subscript(neuron + 1)
            )
        }
    }

    pub fn weight(self, layer: usize, neuron: usize, input: usize) -> String {
        if self.chain {
            format!("w{}", subscript(layer + 1))
        } else {
            format!(
                "w{}{},{}",
                superscript(layer + 1),
                subscript(neuron + 1),
                subscript(input + 1)
            )
        }
    }

    pub fn bias(self, layer: usize, neuron: usize) -> String {
        self.neuron("b", layer, neuron)
    }

    pub fn input(self, i: usize) -> String {
        if self.chain {
            "x".into()
        } else {
            format!("x{}", subscript(i + 1))
        }
    }

    pub fn target(self, j: usize) -> String {
        if self.chain {
            "T".into()
        } else {
            format!("T{}", subscript(j + 1))
        }
    }

    /// What feeds neuron inputs of `layer`: the input x or the previous layer's a.
    pub fn feed(self, layer: usize, i: usize) -> String {
        if layer == 0 {
            self.input(i)
        } else {
            self.neuron("a", layer - 1, i)
        }
    }
}

/// Subscript digits for names like w₂.
pub fn subscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect()
}

/// Superscript digits for layer numbers like z²₁.
pub fn superscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            d => char::from_u32(0x2070 + d.to_digit(10).unwrap_or(0)).unwrap_or(d),
        })
        .collect()
}
