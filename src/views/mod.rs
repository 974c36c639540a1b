//! Views: each draws one picture from read-only data, on any plotters backend.
