//! The two-neuron lab: the course's worked example (or an imported network), stepped through one operation
//! at a time, with the chain rule written out, Predict first, the gradient check and the error curve.

pub mod chain;
pub mod describe;
pub mod link;
pub mod predict;
pub mod session;
pub mod stepper;
pub mod views;

pub use session::{Command, Session, Snapshot};
pub use stepper::{Operation, Phase, StepView};

impl crate::shared::lab::Lab for Session {
    type Command = Command;
    type Snapshot = Snapshot;

    fn apply(&mut self, command: Command) -> Result<(), String> {
        Session::apply(self, command)
    }
    fn snapshot(&self) -> Snapshot {
        Session::snapshot(self)
    }
    fn link(&self) -> Option<String> {
        Session::link(self)
    }
    fn open_link(&mut self, query: &str) -> Result<(), String> {
        Session::open_link(self, query)
    }
}
