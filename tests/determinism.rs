//! The same seed gives bit-identical traces: run to run, and natively and in WebAssembly (tests/web.rs checks
//! the same digest in headless Chromium).

use backprop_lab::core::workloads::fingerprint;

/// The digest of the fixed runs in `workloads::fingerprint`, as this machine computes it natively. If a
/// deliberate change to the arithmetic moves it, update it here and in tests/web.rs together.
pub const FINGERPRINT: u64 = 0x3b61_607d_edc5_13c3;

#[test]
fn the_fixed_runs_give_the_recorded_digest() {
    assert_eq!(fingerprint(), fingerprint(), "two runs agree");
    assert_eq!(fingerprint(), FINGERPRINT, "digest {:#018x}", fingerprint());
}
