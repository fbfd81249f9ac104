//! Fuzz target: recognising a source by its first bytes, then reading it
//! with whichever importer that names.
#![no_main]

use broadsheet_builder::{Importer, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Some(importer) = Importer::sniff(bytes) {
        let read = importer.read("fuzz", bytes, &ReadOptions::default());
        broadsheet_builder::assert_safe(&read);
    }
});
