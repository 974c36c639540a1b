//! The fast trainer must be the traced trainer without the recording: bit-identical parameters and losses for
//! every activation, loss, optimizer, batch size and shuffle.

use backprop_engine::fast::FastTrainer;
use backprop_engine::rng::Rng;
use backprop_engine::workloads;
use backprop_engine::Activation;
use backprop_engine::Data;
use backprop_engine::Layer;
use backprop_engine::Loss;
use backprop_engine::Optimizer;
use backprop_engine::Spec;
use backprop_engine::Trainer;

fn random_spec(rng: &mut Rng) -> Spec {
    let depth = 1 + rng.below(4);
    let inputs = 1 + rng.below(7);
    let hidden = [
        Activation::Identity,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu,
    ];
    let loss = [
        Loss::HalfSquaredError,
        Loss::SquaredError,
        Loss::BinaryCrossEntropy,
        Loss::CrossEntropy,
    ][rng.below(4)];
    let mut width = inputs;
    let mut layers = Vec::new();
    for l in 0..depth {
        let last = l + 1 == depth;
        let neurons = if last && loss != Loss::CrossEntropy {
            1 + rng.below(2)
        } else {
            1 + rng.below(9)
        };
        let neurons = if last && loss == Loss::CrossEntropy {
            neurons.max(2)
        } else {
            neurons
        };
        let activation = match (last, loss) {
            (true, Loss::CrossEntropy) => Activation::Softmax,
            (true, Loss::BinaryCrossEntropy) => Activation::Sigmoid,
            // Softmax under a squared error: backprop through its full Jacobian, not the fused a − t.
            (true, _) if neurons > 1 && rng.below(3) == 0 => Activation::Softmax,
            _ => hidden[rng.below(hidden.len())],
        };
        layers.push(Layer {
            weights: (0..neurons)
                .map(|_| (0..width).map(|_| rng.uniform(-1.5, 1.5)).collect())
                .collect(),
            biases: (0..neurons).map(|_| rng.uniform(-0.5, 0.5)).collect(),
            activation,
            frozen_biases: rng.below(5) == 0,
        });
        width = neurons;
    }
    let examples = 1 + rng.below(21);
    let targets = (0..examples)
        .map(|_| match loss {
            Loss::CrossEntropy => {
                let mut t = vec![0.0; width];
                t[rng.below(width)] = 1.0;
                t
            }
            Loss::BinaryCrossEntropy => (0..width).map(|_| rng.uniform(0.05, 0.95)).collect(),
            _ => (0..width).map(|_| rng.uniform(-1.0, 1.0)).collect(),
        })
        .collect();
    let learning_rate = rng.uniform(0.001, 0.3);
    let optimizer = match rng.below(4) {
        0 => Optimizer::Sgd { learning_rate },
        1 => Optimizer::Momentum {
            learning_rate,
            momentum: 0.9,
        },
        2 => Optimizer::Rmsprop {
            learning_rate,
            decay: 0.99,
            eps: 1e-8,
        },
        _ => Optimizer::Adam {
            learning_rate,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
    };
    Spec {
        layers,
        loss,
        optimizer,
        data: Data {
            inputs: (0..examples)
                .map(|_| (0..inputs).map(|_| rng.uniform(-2.0, 2.0)).collect())
                .collect(),
            targets,
        },
        batch_size: 1 + rng.below(examples),
        steps: 1,
        start_step: rng.below(3),
        shuffle_seed: (rng.below(2) == 0).then(|| rng.next_u64()),
        optimizer_state: None,
    }
}

fn bits(layers: &[Layer]) -> Vec<u64> {
    layers
        .iter()
        .flat_map(|l| l.params().map(f64::to_bits).collect::<Vec<_>>())
        .collect()
}

#[test]
fn fast_training_is_bit_identical_to_traced_training() {
    let mut rng = Rng::new(2026);
    for case in 0..400 {
        let spec = random_spec(&mut rng);
        let mut traced = Trainer::new(spec.clone()).unwrap();
        let mut fast = FastTrainer::new(&spec).unwrap();
        for step in 0..25 {
            let trace = traced.step();
            let loss = fast.step();
            assert_eq!(
                loss.to_bits(),
                trace.loss.to_bits(),
                "case {case} step {step}: loss {loss} vs {} ({spec:?})",
                trace.loss
            );
            // Exact equality is the point: both run the same operations in the same order. Bits, so that a
            // run that overflowed to NaN compares too.
            assert_eq!(
                bits(&fast.layers()),
                bits(&trace.after),
                "case {case} step {step}"
            );
        }
        assert_eq!(fast.steps_taken(), traced.steps_taken());
    }
}

#[test]
fn the_two_neuron_example_trains_the_same_way_fast() {
    let mut fast = FastTrainer::new(&Spec::two_neuron()).unwrap();
    fast.step();
    let layers = fast.layers();
    assert!((layers[1].weights[0][0] - 0.4272).abs() < 5e-5);
    assert!((layers[0].biases[0] - 0.3959).abs() < 5e-5);
    let loss = fast.train(999);
    assert!(loss < 1e-6, "after 1000 iterations E = {loss}");
}

#[test]
fn the_neuron_grid_holds_every_neuron_at_every_point() {
    let spec = Spec::from_json(
        r#"{"layers": [{"weights": [[1, 0], [0, 1]], "biases": [0, 0], "activation": "identity"},
           {"weights": [[1, 1]], "biases": [0], "activation": "identity"}],
           "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.1},
           "data": {"inputs": [[0, 0]], "targets": [[0]]}}"#,
    )
    .unwrap();
    let fast = FastTrainer::new(&spec).unwrap();
    let grid = fast.neuron_grid(-1.0, 1.0, 3);
    assert_eq!(grid.len(), 3 * 3 * 3);
    // Point (row 2, col 0) is x = -1, y = 1: neurons give x, y and x + y.
    let point = &grid[(2 * 3) * 3..(2 * 3 + 1) * 3];
    assert_eq!(point, &[-1.0, 1.0, 0.0]);
}

#[test]
fn the_benchmark_workloads_train_bit_identically_on_both_paths() {
    // Wider layers (8 neurons), an even batch of 10 and an epoch of 25 batches: shapes the random cases above
    // do not reach.
    for spec in [workloads::small(), workloads::large()] {
        let mut traced = Trainer::new(spec.clone()).unwrap();
        let mut fast = FastTrainer::new(&spec).unwrap();
        let mut last_loss = f64::NAN;
        for step in 0..60 {
            let trace = traced.step();
            last_loss = fast.step();
            assert_eq!(last_loss.to_bits(), trace.loss.to_bits(), "step {step}");
            assert_eq!(bits(&fast.layers()), bits(&trace.after), "step {step}");
        }
        // `train` skips the loss of all but its last step; the parameters must not notice.
        let mut fast_again = FastTrainer::new(&spec).unwrap();
        let last = fast_again.train(60);
        assert_eq!(bits(&fast_again.layers()), bits(&fast.layers()));
        assert_eq!(
            last.to_bits(),
            last_loss.to_bits(),
            "the loss of the last step"
        );
    }
}

#[test]
fn the_neuron_grid_is_the_traced_forward_pass_at_every_point() {
    let mut rng = Rng::new(77);
    for _ in 0..40 {
        let spec = random_spec(&mut rng);
        let fast = FastTrainer::new(&spec).unwrap();
        let n = 1 + rng.below(7);
        let grid = fast.neuron_grid(-3.0, 2.0, n);
        let neurons: usize = spec.layers.iter().map(Layer::neurons).sum();
        assert_eq!(grid.len(), n * n * neurons);
        let inputs = spec.layers[0].inputs();
        let at = |k: usize| {
            if n > 1 {
                -3.0 + 5.0 * k as f64 / (n - 1) as f64
            } else {
                -3.0
            }
        };
        for row in 0..n {
            for col in 0..n {
                let mut input = vec![0.0; inputs];
                input[0] = at(col);
                if inputs > 1 {
                    input[1] = at(row);
                }
                let mut expected = Vec::new();
                let mut a = input;
                for layer in &spec.layers {
                    a = layer.activation.apply(&layer.weighted_input(&a));
                    expected.extend(a.iter().map(|v| v.to_bits()));
                }
                let point = (row * n + col) * neurons;
                let got: Vec<u64> = grid[point..point + neurons]
                    .iter()
                    .map(|v| v.to_bits())
                    .collect();
                assert_eq!(got, expected, "point ({row}, {col}) of {n}×{n}");
            }
        }
    }
}
