//! The decoders against serde_json's own `Value` on any bytes: whenever serde_json accepts a
//! document, every field a decoder says it read holds serde_json's value
//! (`tests/support/differential.rs`, shared with the property test).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/differential.rs"]
mod differential;

fuzz_target!(|data: &[u8]| {
    differential::check(data);
});
