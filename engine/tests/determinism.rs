//! The same seed gives bit-identical traces: run to run, and natively and in WebAssembly (tests/web.rs checks
//! the same digest in headless Chromium).

use backprop_engine::workloads::fingerprint;

#[path = "common/digest.rs"]
mod digest;
use digest::FINGERPRINT;

#[test]
fn the_fixed_runs_give_the_recorded_digest() {
    assert_eq!(fingerprint(), fingerprint(), "two runs agree");
    assert_eq!(fingerprint(), FINGERPRINT, "digest {:#018x}", fingerprint());
}
