//! When the reader tries a file again: the pause before each retry, growing
//! and jittered so that many readers on a flaky link do not retry in step.

/// Tries per file: the first and up to three more.
pub const ATTEMPTS: u32 = 4;

/// The pause in milliseconds before try `attempt + 1` (`attempt` ≥ 1 tries
/// made so far): about 1, 2, 4 s, then 8 and 16 s at most, plus up to half
/// again by `random` (0 ≤ random < 1, the caller's source of chance).
pub fn backoff_ms(attempt: u32, random: f64) -> u32 {
    let base = 1000 * (1u32 << attempt.saturating_sub(1).min(4));
    base + (random.clamp(0.0, 0.999_999) * f64::from(base / 2)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_are_jittered_and_capped() {
        assert_eq!(
            (1..=6).map(|a| backoff_ms(a, 0.0)).collect::<Vec<_>>(),
            [1000, 2000, 4000, 8000, 16000, 16000]
        );
        assert_eq!(backoff_ms(1, 0.5), 1250);
        assert!(backoff_ms(3, 0.999_999_9) < 6000);
        // Out-of-range chance is clamped, never a longer or negative pause.
        assert_eq!(backoff_ms(2, -3.0), 2000);
        assert!(backoff_ms(2, 7.0) < 3000);
        assert_eq!(
            backoff_ms(0, 0.0),
            1000,
            "a retry before any try still waits"
        );
    }
}
