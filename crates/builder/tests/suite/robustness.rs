//! No importer panics, and none lets forbidden markup through, whatever the
//! bytes: every fixture and every source of the sample archive, mutated
//! deterministically (flipped bytes, cuts, splices of hostile tokens,
//! repeats), is read by every importer. The cargo-fuzz targets in `fuzz/`
//! search much further, on nightly; this runs in every test run.

use std::path::Path;

use broadsheet_builder::{assert_safe, Importer, ReadOptions};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Mutated copies of each input.
const MUTATIONS: usize = 12;

/// Tokens worth splicing in: markup the sanitizer must stop, and the edges
/// of every format's syntax.
const TOKENS: [&[u8]; 20] = [
    b"<script>alert(1)</script>",
    b"<img src=x onerror=alert(1)>",
    b"<a href=\"javascript:alert(1)\">",
    b"<svg><script>x</script></svg>",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"---\n",
    b"+++\n",
    b"\xff\xfe",
    b"\0",
    b"&#x0;&#xD800;",
    b"\xe2\x80\xae",
    b"{\"version\":\"https://jsonfeed.org/version/1.1\",",
    b"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":",
    b"\n\n\n",
    b"[\xe2\x80\xa6]",
    b"<entry><title>",
    b"<item><description>&lt;script&gt;",
    b"\r\n",
];

fn mutate(input: &[u8], rng: &mut ChaCha8Rng) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..rng.random_range(1..4) {
        let at = rng.random_range(0..=out.len());
        match rng.random_range(0..5) {
            0 if !out.is_empty() => {
                let i = rng.random_range(0..out.len());
                out[i] ^= 1 << rng.random_range(0..8);
            }
            1 => {
                let end = rng.random_range(at..=out.len());
                out.drain(at..end);
            }
            2 => {
                let token = TOKENS[rng.random_range(0..TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            3 => {
                let end = rng.random_range(at..=out.len().min(at + 200));
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
            _ => out.truncate(at),
        }
    }
    out
}

#[test]
fn importers_survive_mutated_sources() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = crate::common::walk(&root.join("tests/fixtures"));
    inputs.extend(crate::common::walk(&root.join("../../content")));
    inputs.sort();
    assert!(inputs.len() > 50, "{} inputs", inputs.len());
    // Every importer there is: a new one is fed the mutations too.
    let importers = <Importer as clap::ValueEnum>::value_variants();
    let options = ReadOptions::default();
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let mut reads = 0;
    let mut articles = 0;
    for path in &inputs {
        let original = std::fs::read(path).unwrap();
        let mut variants = vec![original.clone()];
        variants.extend((0..MUTATIONS).map(|_| mutate(&original, &mut rng)));
        for bytes in &variants {
            for importer in importers {
                let read = importer.read("mutated", bytes, &options);
                assert_safe(&read);
                reads += 1;
                articles += read.drafts.len();
            }
        }
    }
    // The mutations must still leave most inputs readable, or this tests
    // only the error paths.
    assert!(
        articles > reads / 2,
        "{articles} articles from {reads} reads"
    );
}
