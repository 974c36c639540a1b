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

/// The labs whose setup can always be written as a link: each forwards to its own inherent methods.
macro_rules! linkable_lab {
    ($lab:ty, $command:ty, $snapshot:ty) => {
        impl $crate::shared::lab::Lab for $lab {
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

pub(crate) use linkable_lab;
