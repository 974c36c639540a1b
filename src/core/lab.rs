//! What every lab offers the page: commands in, a snapshot out, and its setup as a link.

use serde::de::DeserializeOwned;
use serde::Serialize;

pub trait Lab {
    type Command: DeserializeOwned;
    type Snapshot: Serialize;

    /// Applies a command; a refused command changes nothing (or, for a run that diverges, stops where it
    /// diverged) and says why.
    fn apply(&mut self, command: Self::Command) -> Result<(), String>;
    fn snapshot(&self) -> Self::Snapshot;
    /// The query of a link that opens this setup, if it can be written as one.
    fn link(&self) -> Option<String>;
    /// Opens the setup a link describes; a refused link changes nothing.
    fn open_link(&mut self, query: &str) -> Result<(), String>;
}

impl Lab for super::session::Session {
    type Command = super::session::Command;
    type Snapshot = super::session::Snapshot;

    fn apply(&mut self, command: Self::Command) -> Result<(), String> {
        super::session::Session::apply(self, command)
    }
    fn snapshot(&self) -> Self::Snapshot {
        super::session::Session::snapshot(self)
    }
    fn link(&self) -> Option<String> {
        super::session::Session::link(self)
    }
    fn open_link(&mut self, query: &str) -> Result<(), String> {
        super::session::Session::open_link(self, query)
    }
}

/// The labs whose setup can always be written as a link: each forwards to its own inherent methods.
macro_rules! linkable_lab {
    ($lab:ty, $command:ty, $snapshot:ty) => {
        impl Lab for $lab {
            type Command = $command;
            type Snapshot = $snapshot;

            fn apply(&mut self, command: Self::Command) -> Result<(), String> {
                <$lab>::apply(self, command)
            }
            fn snapshot(&self) -> Self::Snapshot {
                <$lab>::snapshot(self)
            }
            fn link(&self) -> Option<String> {
                Some(<$lab>::link(self))
            }
            fn open_link(&mut self, query: &str) -> Result<(), String> {
                <$lab>::open_link(self, query)
            }
        }
    };
}

linkable_lab!(
    super::descent::DescentLab,
    super::descent::DescentCommand,
    super::descent::DescentSnapshot
);
linkable_lab!(
    super::vanishing::VanishingLab,
    super::vanishing::VanishingCommand,
    super::vanishing::VanishingSnapshot
);
linkable_lab!(
    super::early_stopping::StoppingLab,
    super::early_stopping::StoppingCommand,
    super::early_stopping::StoppingSnapshot
);
linkable_lab!(
    super::losses::LossesLab,
    super::losses::LossesCommand,
    super::losses::LossesSnapshot
);
