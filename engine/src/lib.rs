//! Backprop Lab's engine: tiny networks trained in exact f64, with every intermediate value recorded.
//!
//! It knows no lab and no page: it builds and tests natively, and Cargo keeps web crates out of it (its only
//! dependencies are serde, serde_json, serde_path_to_error, libm and the arithmetic crate).
//!
//! - `layer`, `network`: a layer's parameters and the forward and backward pass of one example;
//! - `optimizer`, `batches`: torch.optim's update rules and the order examples are visited in;
//! - `regularization`: L1 and L2, applied to the weights after the optimizer's update, in both trainers;
//! - `trainer` records one `StepTrace` per step; `fast` gives the same bits recording nothing;
//! - `spec`: network, data, loss and optimizer as one validated JSON document;
//! - `gradcheck`, `names`, `rng`, `loss_curve`, `workloads`: the helpers around them.
//!
//! One full step of the course's two-neuron example, with E = ½(T − a)²:
//!
//! ```
//! use backprop_engine::{Spec, Trainer};
//! let mut trainer = Trainer::new(Spec::two_neuron()).unwrap();
//! let step = trainer.step();
//! let out = &step.examples[0].layers[1];
//! assert!((out.a[0] - 0.7153).abs() < 5e-5);              // a₂
//! assert!((step.gradients[1].weights[0][0] - 0.05707).abs() < 5e-6); // ∂E/∂w₂
//! assert!((step.after[1].weights[0][0] - 0.4272).abs() < 5e-5);      // w₂ after the update
//! ```

// The arithmetic lives in the `backprop-kernels` crate, compiled for speed; these are its modules.
pub use backprop_kernels::{activation, batch, elementary, lanes, loss, rule};

pub mod batches;
pub mod fast;
pub mod gradcheck;
pub mod layer;
pub mod loss_curve;
pub mod names;
pub mod network;
pub mod optimizer;
pub mod regularization;
pub mod rng;
pub mod spec;
pub mod spec_error;
pub mod trace;
pub mod trainer;
pub mod workloads;

pub use activation::Activation;
pub use layer::{Layer, ParamSet};
pub use loss::Loss;
pub use optimizer::{Optimizer, OptimizerState};
pub use regularization::Regularization;
pub use spec::{Data, Spec, SpecError};
pub use trace::{ExampleTrace, LayerValues, StepTrace};
pub use trainer::Trainer;
