//! The builder's fingerprint, which every reused result is keyed by.

use std::fs;
use std::sync::OnceLock;

/// A hash of the running builder's own program: a segment made by another
/// builder (another version, another fix) is made again, never reused.
pub fn builder() -> &'static str {
    static FINGERPRINT: OnceLock<String> = OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let program = std::env::current_exe()
            .and_then(fs::read)
            .unwrap_or_default();
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(&program);
        hasher.finalize().to_hex()[..16].to_string()
    })
}
