//! What the commands tell the user: diagnostics in file order, counts with
//! their nouns, sizes.

pub fn print_sorted(diagnostics: &mut [crate::Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    for d in diagnostics.iter() {
        eprintln!("{d}");
    }
}

/// `1 file`, `2 files`.
pub fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// `523 bytes`, `48.2 KB`, `512.0 MB`, `1.30 GB`.
pub fn human_bytes(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.2} GB", bytes as f64 / 1e9),
    }
}
