//! The core: plain Rust with no browser and no drawing. Networks, activations, losses, optimizers, the
//! trainer, the trace of every value, the stepper over it and the lab session that owns the page's state.

// The arithmetic lives in the `backprop-kernels` crate (built for speed); these are its modules, under the
// names the rest of the core has always used.
pub use backprop_kernels::{activation, elementary, lanes, loss};

pub mod batches;
pub mod chain;
pub mod descent;
pub mod describe;
pub mod early_stopping;
pub mod fast;
pub mod format;
pub mod gradcheck;
pub mod lab;
pub mod link;
pub mod loss_curve;
pub mod losses;
pub mod network;
pub mod optimizer;
pub mod predict;
pub mod rng;
pub mod session;
pub mod spec;
pub mod stepper;
pub mod trace;
pub mod trainer;
pub mod vanishing;
pub mod workloads;

pub use activation::Activation;
pub use loss::Loss;
pub use network::Layer;
pub use optimizer::{Optimizer, OptimizerState};
pub use session::{Command, Session, Snapshot};
pub use spec::{Data, Spec, SpecError};
pub use stepper::{Operation, Phase, StepView};
pub use trace::{ExampleTrace, LayerValues, ParamSet, StepTrace};
pub use trainer::Trainer;
