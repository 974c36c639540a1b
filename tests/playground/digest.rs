//! The recorded digest of the generated datasets, in one place, so that a browser test can compare the
//! points generated in WebAssembly against the same constant. A deliberate change to the datasets moves it;
//! update it here.

pub const DATASETS: u64 = 0x88f7_391b_f6e8_4545;
