//! The two-neuron lab: the course's worked example (or an imported network), stepped through one operation
//! at a time, with the chain rule written out, Predict first, the gradient check and the error curve.

// No two files use each other, so each can be read knowing only those under it. From the bottom up, each
// line's files use only files on earlier lines:
//   stepper, predict, question, update_text, divergence
//   quantity, command, chain, history
//   describe, link, run_csv
//   snapshot
//   session
// and `views`, which draw a snapshot.
pub mod chain;
pub mod command;
pub mod describe;
pub mod divergence;
pub mod history;
pub mod link;
pub mod predict;
pub mod quantity;
pub mod question;
pub mod run_csv;
pub mod session;
pub mod snapshot;
pub mod stepper;
pub mod update_text;
pub mod views;

pub use command::Command;
pub use session::Session;
pub use snapshot::Snapshot;
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
