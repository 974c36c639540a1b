//! The recorded digests, in one place: the native tests and the browser test (tests/web.rs) all compare
//! against these, so a run natively and one in WebAssembly must give the same bits. A deliberate change to
//! the arithmetic moves them; update them here.
#![allow(dead_code)]

/// `workloads::fingerprint`: the engine's fixed runs (every activation, every optimizer). Checked natively
/// by engine/tests/determinism.rs.
pub const FINGERPRINT: u64 = 0x9470_c9b5_6d32_625d;

/// `backprop_lab::digest::lab_digests`: every lab's numbers for a few seeded setups, one digest a lab.
/// Checked natively by tests/shared/digest.rs.
pub const LAB_DIGESTS: [(&str, u64); 5] = [
    ("two_neuron", 0x9052_6e0a_ec8c_7acb),
    ("descent", 0xe851_4253_d419_bc45),
    ("vanishing", 0x45f6_ee88_7b8b_e410),
    ("early_stopping", 0xaa35_c415_7dbd_5351),
    ("losses", 0x0730_8982_90bb_9c08),
];
