//! The picked point and neuron: that neuron's z, a and ∂E/∂z for that point, from the engine's traced pass
//! (`network::run_example`) over the weights on show, and the last update of its incoming weights and bias.
//! And the spec of the network on show with that point alone as its data, which the backpropagation lab
//! imports and steps through operation by operation, to the same bits.

use serde::Serialize;

use super::lab::PlaygroundLab;
use super::network::{layers_from, output};
use crate::engine::layer::Layer;
use crate::engine::network::run_example;
use crate::engine::spec::{Data, Spec};

/// One incoming weight (or the bias) of the picked neuron.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Incoming {
    /// "x₁²", "h₁.₂" (neuron 2 of hidden layer 1), or "bias".
    pub from: String,
    pub value: f64,
    /// Its value before the last update, and the update's change; `None` before the first update.
    pub before: Option<f64>,
    pub change: Option<f64>,
    /// This point's own ∂E/∂w (∂E/∂z times the input along this edge; ∂E/∂z for the bias): what the point
    /// adds, divided by the batch size, to the gradient of an update whose batch holds it.
    pub gradient: Option<f64>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Inspection {
    pub point: usize,
    pub x1: f64,
    pub x2: f64,
    pub target: f64,
    pub test: bool,
    /// Layer (0 for the first hidden layer; the output layer last) and neuron.
    pub layer: usize,
    pub neuron: usize,
    /// "neuron 2 of hidden layer 1", or "the output".
    pub title: String,
    pub z: Option<f64>,
    pub a: Option<f64>,
    pub de_dz: Option<f64>,
    /// This point's error E.
    pub loss: Option<f64>,
    pub incoming: Vec<Incoming>,
    /// The update the weights last took, in words (batch, optimizer, regularisation).
    pub update: String,
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// "h₁.₂": neuron j (from 1) of hidden layer l (from 1).
pub fn neuron_name(layer: usize, neuron: usize) -> String {
    use crate::shared::format::subscript;
    format!("h{}.{}", subscript(layer + 1), subscript(neuron + 1))
}

impl PlaygroundLab {
    /// The layers on show.
    pub fn layers(&self) -> Vec<Layer> {
        layers_from(&self.run.shown, &self.run.spec.layers)
    }

    pub fn picked_point(&self) -> Option<usize> {
        self.picked_point
    }

    pub fn picked_neuron(&self) -> (usize, usize) {
        self.picked_neuron
    }

    /// The inspector's numbers for the picked point and neuron, if a point is picked.
    pub fn inspection(&self) -> Option<Inspection> {
        let k = self.picked_point?;
        let point = self.points.get(k)?;
        let (l, j) = self.picked_neuron;
        let layers = self.layers();
        let layer = layers.get(l)?;
        let loss = output(self.setup.task()).1;
        let trace = run_example(&layers, loss, k, &self.inputs[k], &[point.target]);
        let values = &trace.layers[l];
        let a_prev: &[f64] = if l == 0 {
            &self.inputs[k]
        } else {
            &trace.layers[l - 1].a
        };
        // After a divergence the weights on show are not the ones the last update left: no change is shown.
        let before = match self.run.diverged {
            Some(_) => None,
            None => self.run.before_last.as_ref(),
        }
        .map(|p| layers_from(p, &self.run.spec.layers));
        let old = |value: &dyn Fn(&Layer) -> f64| before.as_ref().map(|b| value(&b[l]));
        let de_dz = values.de_dz[j];
        let mut incoming: Vec<Incoming> = (0..layer.inputs())
            .map(|i| {
                let before = old(&|b: &Layer| b.weights[j][i]);
                let value = layer.weights[j][i];
                Incoming {
                    from: if l == 0 {
                        self.setup.features.list()[i].label().to_string()
                    } else {
                        neuron_name(l - 1, i)
                    },
                    value,
                    change: before.map(|b| value - b),
                    before,
                    gradient: finite(de_dz * a_prev[i]),
                }
            })
            .collect();
        let before = old(&|b: &Layer| b.biases[j]);
        incoming.push(Incoming {
            from: "bias".into(),
            value: layer.biases[j],
            change: before.map(|b| layer.biases[j] - b),
            before,
            gradient: finite(de_dz),
        });
        Some(Inspection {
            point: k,
            x1: point.x1,
            x2: point.x2,
            target: point.target,
            test: point.test,
            layer: l,
            neuron: j,
            title: if l + 1 == layers.len() {
                "the output".into()
            } else {
                format!("neuron {} of hidden layer {}", j + 1, l + 1)
            },
            z: finite(values.z[j]),
            a: finite(values.a[j]),
            de_dz: finite(de_dz),
            loss: finite(trace.loss),
            incoming,
            update: self.update_words(),
        })
    }

    fn update_words(&self) -> String {
        if let Some(d) = &self.run.diverged {
            return format!(
                "The run diverged at update {}; these are the last weights that were all numbers.",
                d.updates
            );
        }
        if self.run.before_last.is_none() {
            return "No update yet: the weights are the starting ones.".into();
        }
        let batch = self.run.spec.batch_size;
        let reg = self.setup.regularization();
        let after = if reg.is_off() {
            String::new()
        } else {
            format!(
                ", then {} (λ = {}) on the weights",
                reg.name().to_uppercase(),
                crate::shared::format::sig4(reg.rate())
            )
        };
        format!(
            "Update {}: {} with η = {} on a batch of {batch} training point{}{after}.",
            self.run.updates,
            self.setup.optimizer().title(),
            crate::shared::format::sig4(self.setup.learning_rate),
            if batch == 1 { "" } else { "s" },
        )
    }

    /// The network on show with the picked point as its only example, for the backpropagation lab. Its
    /// optimizer and learning rate are this run's; a spec carries no regularisation, so there the update is
    /// the optimizer's alone.
    pub fn export_spec(&self) -> Result<Spec, String> {
        let k = self
            .picked_point
            .ok_or("Pick a point first: the exported network steps through one point.")?;
        let point = &self.points[k];
        let spec = Spec {
            layers: self.layers(),
            loss: output(self.setup.task()).1,
            optimizer: self.setup.optimizer(),
            data: Data {
                inputs: vec![self.inputs[k].clone()],
                targets: vec![vec![point.target]],
            },
            batch_size: 1,
            steps: 1,
            shuffle_seed: None,
            start_step: 0,
            optimizer_state: None,
        };
        spec.validate().map_err(|e| e.to_string())?;
        Ok(spec)
    }
}
