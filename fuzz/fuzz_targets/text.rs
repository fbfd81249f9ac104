//! Fuzz target: the plain-text importer on arbitrary bytes. It must never panic,
//! and nothing it keeps may carry markup the sanitizer forbids.
#![no_main]

use broadsheet_builder::{Importer, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let read = Importer::Text.read("fuzz", bytes, &ReadOptions::default());
    broadsheet_builder::assert_safe(&read);
});
