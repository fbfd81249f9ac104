//! Plain-text measures of an article: word count and reading time.

/// Words a reader gets through in a minute, for the reading-time estimate.
const WORDS_PER_MINUTE: u32 = 220;

/// Counts words in plain text: runs of characters that contain at least one
/// letter or digit, separated by white space. Works for scripts that separate
/// words with spaces (Latin, Arabic/Urdu, Devanagari, Cyrillic, …).
pub fn word_count(text: &str) -> u32 {
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    u32::try_from(words).unwrap_or(u32::MAX)
}

/// Whole minutes to read `words` words, at least one.
pub fn reading_minutes(words: u32) -> u32 {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_in_several_scripts() {
        let cases = [
            ("", 0),
            ("  — ", 0),
            ("Dock workers win — again.", 4),
            ("لاہور میں طلبہ کا اجلاس", 5),
            ("मई दिवस की सभा", 4),
            ("line\nbreaks\tand  spaces", 4),
        ];
        for (text, want) in cases {
            assert_eq!(word_count(text), want, "{text:?}");
        }
    }

    #[test]
    fn reading_time_rounds_up_with_a_floor_of_one_minute() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(220), 1);
        assert_eq!(reading_minutes(221), 2);
        assert_eq!(reading_minutes(2200), 10);
    }
}
