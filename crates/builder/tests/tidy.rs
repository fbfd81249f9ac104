//! Hygiene that keeps the build from rotting: tool pins agree with the lock
//! file, and every Rust module says what it holds.

mod common;

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn lock_version(lock: &str, name: &str) -> String {
    let needle = format!("name = \"{name}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .unwrap_or_else(|| panic!("{name} not in Cargo.lock"))
        + needle.len();
    lock[start..].split('"').next().unwrap().to_string()
}

#[test]
fn trunk_and_cargo_agree_on_wasm_bindgen() {
    let locked = lock_version(&read("Cargo.lock"), "wasm-bindgen");
    assert!(
        read("Trunk.toml").contains(&format!("wasm_bindgen = \"{locked}\"")),
        "Trunk.toml [tools] wasm_bindgen must be {locked} (Cargo.lock), or trunk tries to download it"
    );
    assert!(
        read("Cargo.toml").contains(&format!("wasm-bindgen = \"={locked}\"")),
        "Cargo.toml must pin wasm-bindgen to ={locked}"
    );
}

#[test]
fn every_module_opens_with_a_doc_line() {
    let mut missing = Vec::new();
    for dir in ["src", "crates/core/src", "crates/builder/src"] {
        for file in rust_files(&root().join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap();
            if !text.trim_start().starts_with("//!") {
                missing.push(file.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a `//!` line: {missing:#?}"
    );
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    common::walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect()
}
