//! One Snowball stemmer, chosen by a cargo feature, as a WebAssembly module
//! of a few kilobytes. The reader's own wasm carries only English's
//! stemmer: an archive with articles in Spanish loads `stemmers/es.wasm` at
//! its first search, so every archive pays only for its own languages. The
//! builder stems with the same `rust-stemmers` crate (the lock file pins
//! one version), so a word typed in the browser meets the stem the builder
//! indexed.
//!
//! The interface, for `WebAssembly.instantiate` without glue code: write a
//! folded word's UTF-8 into [`input`]`(len)`'s memory, call [`stem`]`(len)`,
//! read [`stem`]'s returned number of bytes at [`output`]`()`.

use std::cell::RefCell;

use rust_stemmers::{Algorithm, Stemmer};

macro_rules! languages {
    ($($feature:literal => $algorithm:ident),* $(,)?) => {
        $(
            #[cfg(feature = $feature)]
            const ALGORITHM: Algorithm = Algorithm::$algorithm;
        )*
        #[cfg(not(any($(feature = $feature),*)))]
        const ALGORITHM: Algorithm = Algorithm::English;
    };
}

languages! {
    "ar" => Arabic, "da" => Danish, "de" => German, "el" => Greek, "es" => Spanish,
    "fi" => Finnish, "fr" => French, "hu" => Hungarian, "it" => Italian, "nl" => Dutch,
    "no" => Norwegian, "pt" => Portuguese, "ro" => Romanian, "ru" => Russian,
    "sv" => Swedish, "ta" => Tamil, "tr" => Turkish,
}

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The stem of a word (what the module's [`stem`] computes).
pub fn stem_word(word: &str) -> String {
    Stemmer::create(ALGORITHM).stem(word).into_owned()
}

/// The address of a buffer of `len` bytes to write the next word into.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn input(len: usize) -> usize {
    INPUT.with_borrow_mut(|input| {
        input.clear();
        input.resize(len, 0);
        input.as_ptr() as usize
    })
}

/// Stems the first `len` bytes of the input buffer; returns the stem's
/// length in bytes, the stem itself at [`output`]. Bytes that are not UTF-8
/// stem to nothing.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn stem(len: usize) -> usize {
    let word = INPUT.with_borrow(|input| {
        std::str::from_utf8(&input[..len.min(input.len())])
            .map(stem_word)
            .unwrap_or_default()
    });
    OUTPUT.with_borrow_mut(|output| {
        *output = word;
        output.len()
    })
}

/// The address of the last stem.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn output() -> usize {
    OUTPUT.with_borrow(|output| output.as_ptr() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exports_stem_what_is_written_into_the_input() {
        let word = "strikes";
        let at = input(word.len());
        INPUT.with_borrow_mut(|i| i.copy_from_slice(word.as_bytes()));
        assert_eq!(at, INPUT.with_borrow(|i| i.as_ptr() as usize));
        let len = stem(word.len());
        assert_eq!(
            OUTPUT.with_borrow(|o| (o.clone(), o.as_ptr() as usize)),
            ("strike".to_string(), output())
        );
        assert_eq!(len, 6);
    }
}
