//! Tests of the bundle format: round trips, damage, versions.

use super::*;

fn card_json(format: &str, version: &str) -> Vec<u8> {
    format!(r#"{{"format":{format},"version":{version},"first":0,"cards":[]}}"#).into_bytes()
}

#[test]
fn a_shard_is_no_larger_than_recorded_or_else_the_cap() {
    let described = ShardRef::describe("a.json".into(), b"12345");
    assert_eq!(described.max_bytes(1 << 20), 5);
    let mut series = PackedShards::new("cards");
    series.push(b"12345");
    let listed = series.get(0).expect("shard 0");
    assert_eq!(listed.max_bytes(1 << 20), 5);
    // A series written before sizes were recorded: the cap.
    series.sizes.clear();
    let listed = series.get(0).expect("shard 0");
    assert_eq!(listed.max_bytes(1 << 20), 1 << 20);
}

#[test]
fn packed_sizes_round_trip_and_old_series_still_read() {
    let mut series = PackedShards::named("bodies", "20240101-8d");
    for size in [0usize, 127, 128, 70_000] {
        series.push(&vec![b'x'; size]);
    }
    let json = serde_json::to_string(&series).unwrap();
    let back: PackedShards = serde_json::from_str(&json).unwrap();
    assert_eq!(back, series);
    assert_eq!(back.get(3).unwrap().bytes, 70_000);
    let old: PackedShards = serde_json::from_str(r#"{"dir":"cards","hashes":""}"#).unwrap();
    assert!(old.sizes.is_empty());
    // 0x80: a number that never ends.
    let cut = r#"{"dir":"cards","hashes":"","sizes":"gA"}"#;
    assert!(serde_json::from_str::<PackedShards>(cut).is_err());
}

#[test]
fn decode_names_what_is_wrong() {
    let cases: Vec<(Vec<u8>, Result<(), DecodeError>)> = vec![
        (
            card_json("\"broadsheet-bundle\"", &FORMAT_VERSION.to_string()),
            Ok(()),
        ),
        (
            b"<!doctype html><p>Not found".to_vec(),
            Err(DecodeError::NotJson {
                detail: "expected value at line 1 column 1".into(),
            }),
        ),
        (
            card_json("\"pagefind\"", "1"),
            Err(DecodeError::ForeignFormat {
                found: Some("pagefind".into()),
            }),
        ),
        (
            br#"{"cards":[]}"#.to_vec(),
            Err(DecodeError::ForeignFormat { found: None }),
        ),
        (
            card_json("\"broadsheet-bundle\"", &(FORMAT_VERSION + 1).to_string()),
            Err(DecodeError::UnsupportedVersion {
                found: u64::from(FORMAT_VERSION) + 1,
            }),
        ),
        (
            format!(r#"{{"format":"broadsheet-bundle","version":{FORMAT_VERSION}}}"#).into_bytes(),
            Err(DecodeError::Invalid {
                detail: "missing field `first` at line 1 column 42".into(),
            }),
        ),
    ];
    for (bytes, want) in cases {
        let got = CardShard::from_json(&bytes).map(|_| ());
        assert_eq!(got, want, "{}", String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn truncated_file_is_reported_as_not_json() {
    let bytes = card_json("\"broadsheet-bundle\"", &FORMAT_VERSION.to_string());
    let err = CardShard::from_json(&bytes[..bytes.len() - 3]).unwrap_err();
    assert!(matches!(err, DecodeError::NotJson { .. }), "{err:?}");
    assert!(err.to_string().contains("not valid JSON"));
}

#[test]
fn shard_ref_verifies_content() {
    let r = ShardRef::describe("bodies/0.x.json".into(), b"hello");
    assert_eq!(r.bytes, 5);
    assert_eq!(r.hash.len(), 16);
    assert!(r.verify(b"hello").is_ok());
    let err = r.verify(b"hellO").unwrap_err();
    assert!(err.to_string().contains("bodies/0.x.json"), "{err}");
}

#[test]
fn packed_shards_are_named_from_their_hashes() {
    let mut packed = PackedShards::new("cards");
    let first = packed.push(b"one");
    let second = packed.push(b"two");
    assert_eq!(packed.len(), 2);
    assert_eq!(first, format!("cards/00000.{}.json", content_hash(b"one")));
    let got = packed.get(1).unwrap();
    assert_eq!(got.path, second);
    assert!(got.verify(b"two").is_ok());
    assert!(packed.get(2).is_none());
}
