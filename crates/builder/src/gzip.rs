//! Bundle files stored gzipped at rest (broadsheet-core's
//! [`broadsheet_core::is_gzipped`]): made here, and inflated here when the
//! builder reads its own bundle back.

use std::io::{Read as _, Write as _};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;

/// The most a stored file may inflate to: real shards are a few hundred
/// kilobytes, and a tampered folder must not make the builder fill memory.
const INFLATED_LIMIT: u64 = 256 << 20;

/// `bytes` gzipped, the same bytes for the same input on every machine
/// (no time or name in the header).
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// The bytes a stored file holds: inflated when its `path` says it is
/// gzipped, else as they are.
pub fn stored(path: &str, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if !broadsheet_core::is_gzipped(path) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() * 3);
    GzDecoder::new(&bytes[..])
        .take(INFLATED_LIMIT + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{path}: not a gzipped file ({e})"))?;
    if out.len() as u64 > INFLATED_LIMIT {
        return Err(format!("{path}: inflates past {INFLATED_LIMIT} bytes"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_stored_gzipped_reads_back_and_the_rest_as_it_is() {
        let text = br#"{"format":"broadsheet-bundle"}"#.repeat(40);
        let gz = compress(&text);
        assert!(gz.len() < text.len() / 4);
        assert_eq!(gz, compress(&text), "the same bytes every time");
        assert_eq!(
            stored("bodies/a.00000.x.json.gz", gz.clone()).unwrap(),
            text
        );
        assert_eq!(stored("cards/a.00000.x.json", text.clone()).unwrap(), text);
        let err = stored("bodies/b.json.gz", text.clone()).unwrap_err();
        assert!(
            err.starts_with("bodies/b.json.gz: not a gzipped file"),
            "{err}"
        );
        let mut cut = gz;
        cut.truncate(cut.len() / 2);
        assert!(stored("bodies/c.json.gz", cut).is_err());
    }
}
