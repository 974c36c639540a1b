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

impl Lab for super::descent::DescentLab {
    type Command = super::descent::DescentCommand;
    type Snapshot = super::descent::DescentSnapshot;

    fn apply(&mut self, command: Self::Command) -> Result<(), String> {
        super::descent::DescentLab::apply(self, command)
    }
    fn snapshot(&self) -> Self::Snapshot {
        super::descent::DescentLab::snapshot(self)
    }
    fn link(&self) -> Option<String> {
        Some(super::descent::DescentLab::link(self))
    }
    fn open_link(&mut self, query: &str) -> Result<(), String> {
        super::descent::DescentLab::open_link(self, query)
    }
}

impl Lab for super::vanishing::VanishingLab {
    type Command = super::vanishing::VanishingCommand;
    type Snapshot = super::vanishing::VanishingSnapshot;

    fn apply(&mut self, command: Self::Command) -> Result<(), String> {
        super::vanishing::VanishingLab::apply(self, command)
    }
    fn snapshot(&self) -> Self::Snapshot {
        super::vanishing::VanishingLab::snapshot(self)
    }
    fn link(&self) -> Option<String> {
        Some(super::vanishing::VanishingLab::link(self))
    }
    fn open_link(&mut self, query: &str) -> Result<(), String> {
        super::vanishing::VanishingLab::open_link(self, query)
    }
}

impl Lab for super::early_stopping::StoppingLab {
    type Command = super::early_stopping::StoppingCommand;
    type Snapshot = super::early_stopping::StoppingSnapshot;

    fn apply(&mut self, command: Self::Command) -> Result<(), String> {
        super::early_stopping::StoppingLab::apply(self, command)
    }
    fn snapshot(&self) -> Self::Snapshot {
        super::early_stopping::StoppingLab::snapshot(self)
    }
    fn link(&self) -> Option<String> {
        Some(super::early_stopping::StoppingLab::link(self))
    }
    fn open_link(&mut self, query: &str) -> Result<(), String> {
        super::early_stopping::StoppingLab::open_link(self, query)
    }
}
