//! `broadsheet-dev bench`: measures, natively, what the reader does with a
//! bundle: loading the facet data and arranging it for filtering, filter changes and
//! searches (cold: files read and decoded; warm: from the cache), with the
//! index bytes each search reads. Prints one Markdown table row per bundle.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use broadsheet_core::search::{run_parts, IndexCache, TextQuery};
use broadsheet_core::{
    Entry, Facet, FacetData, FacetIndex, Filter, Manifest, Remap, SearchIndex, Sort,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::BenchArgs;
use broadsheet_builder::{read_bundle, read_shard, Files as _, Folder};

/// Queries of every kind the reader answers; `{common}` and `{rare}` are
/// filled from the bundle's own vocabulary so any archive can be measured.
const QUERIES: [&str; 8] = [
    "{common}",
    "{common} {second}",
    "{prefix}",
    "\"{common} {second}\"",
    "{common} -{second}",
    "{typo}",
    "{rare}",
    "مزدور",
];

pub fn run(args: BenchArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    println!(
        "| articles | load facet data | facet index | filter p50 / p95 | search cold p50 / p95 | \
         search warm p50 / p95 | keystroke p50 / p95 | index bytes per query (median / max) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for bundle in &args.bundles {
        bench_one(bundle, args.rounds)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn bench_one(dir: &Path, rounds: usize) -> Result<(), Box<dyn std::error::Error>> {
    let opened = read_bundle(dir)?;
    let entries = &opened.entries;
    let started = Instant::now();
    let manifest = Manifest::decode(&std::fs::read(dir.join("manifest.json"))?)?;
    let mut parts = Vec::with_capacity(manifest.segments.len());
    for (reference, segment) in manifest.segments.iter().zip(&opened.segments) {
        parts.push((
            FacetData::from_json(&read_shard(dir, &reference.facets)?)?,
            Remap::new(&segment.dictionary, &manifest.taxonomy),
        ));
    }
    let load = started.elapsed();
    let started = Instant::now();
    let parts: Vec<_> = parts.iter().map(|(data, remap)| (data, remap)).collect();
    let facets = FacetIndex::from_segments(&parts, &manifest.taxonomy)?;
    let build = started.elapsed();

    // Filter changes: one to three facets, one or two values each.
    let tax = &manifest.taxonomy;
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut filter_times = Vec::new();
    for _ in 0..rounds * 20 {
        let mut filter = Filter::default();
        for _ in 0..rng.random_range(1..=3) {
            let facet = Facet::ALL[rng.random_range(0..Facet::ALL.len())];
            let n = tax.terms(facet).len() as u32;
            if n > 0 {
                for _ in 0..rng.random_range(1..=2) {
                    // Popular values more often, as readers pick them.
                    let term = rng.random_range(0..n.min(12));
                    filter = filter.toggled(facet, term);
                }
            }
        }
        let t = Instant::now();
        let listing = facets.evaluate(&filter, Default::default(), None, Sort::Newest);
        filter_times.push(t.elapsed());
        std::hint::black_box(listing);
    }

    let roots = opened.search_roots(&Folder(dir))?;
    let roots: Vec<(&SearchIndex, u32)> = roots.iter().map(|(r, b)| (r, *b)).collect();
    let analysis = manifest.taxonomy.query_analysis();
    let root_bytes: u64 = manifest.segments.iter().map(|s| s.search.bytes).sum();
    let fresh = || vec![IndexCache::new(); roots.len()];
    let words = vocabulary(entries);
    let fill = |q: &str| {
        q.replace("{common}", &words.common)
            .replace("{second}", &words.second)
            .replace("{prefix}", &words.common[..words.common.len().min(3)])
            .replace("{typo}", &words.typo)
            .replace("{rare}", &words.rare)
    };
    let read = |r: &broadsheet_core::ShardRef| Folder(dir).content(r).ok();
    let (mut cold, mut warm, mut sizes) = (Vec::new(), Vec::new(), Vec::new());
    let mut shared = fresh();
    for _ in 0..rounds {
        for q in QUERIES.map(fill) {
            let parsed = TextQuery::parse(&q, &analysis);
            let mut caches = fresh();
            cold.push(answer(&roots, &facets, &mut caches, &parsed, read)?);
            sizes.push(caches.iter().map(|c| c.bytes).sum::<u64>() + root_bytes);
            run_parts(&roots, &mut shared, &parsed, read)?;
            warm.push(answer(&roots, &facets, &mut shared, &parsed, read)?);
        }
    }
    // Typing a word letter by letter, index files cached as they arrive.
    let mut keys = Vec::new();
    for _ in 0..rounds {
        let mut caches = fresh();
        let word = format!("{} {}", words.common, words.second);
        for end in 2..=word.len() {
            if !word.is_char_boundary(end) {
                continue;
            }
            let parsed = TextQuery::parse(&word[..end], &analysis);
            if parsed.is_empty() {
                continue;
            }
            keys.push(answer(&roots, &facets, &mut caches, &parsed, read)?);
        }
    }
    sizes.sort_unstable();
    println!(
        "| {} | {} | {} | {} | {} | {} | {} | {} / {} KB |",
        entries.len(),
        ms(load),
        ms(build),
        percentiles(&mut filter_times),
        percentiles(&mut cold),
        percentiles(&mut warm),
        percentiles(&mut keys),
        sizes[sizes.len() / 2] / 1024,
        sizes.last().copied().unwrap_or(0) / 1024,
    );
    eprintln!("  queries: {:?}", QUERIES.map(fill));
    Ok(())
}

/// Time to answer a query as the reader does: search, then the ranked,
/// counted list.
fn answer(
    roots: &[(&SearchIndex, u32)],
    facets: &FacetIndex,
    caches: &mut [IndexCache],
    query: &TextQuery,
    read: impl FnMut(&broadsheet_core::ShardRef) -> Option<Vec<u8>>,
) -> Result<Duration, String> {
    let t = Instant::now();
    let hits = run_parts(roots, caches, query, read)?;
    let listing = facets.evaluate(
        &Filter::default(),
        Default::default(),
        Some(&hits),
        Sort::Relevance,
    );
    let elapsed = t.elapsed();
    std::hint::black_box(listing);
    Ok(elapsed)
}

struct Words {
    common: String,
    second: String,
    typo: String,
    rare: String,
}

/// Words from the titles: the commonest long ones, and a rare one.
fn vocabulary(entries: &[Entry]) -> Words {
    let mut counts: std::collections::HashMap<String, u32> = Default::default();
    for e in entries {
        for w in e.title.split_whitespace() {
            let w = w.to_lowercase();
            if w.len() >= 5 && w.chars().all(|c| c.is_ascii_alphabetic()) {
                *counts.entry(w).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(String, u32)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let pick = |i: usize| {
        ranked
            .get(i)
            .map(|(w, _)| w.clone())
            .unwrap_or_else(|| "archive".into())
    };
    let common = pick(0);
    let mut typo: Vec<char> = common.chars().collect();
    if typo.len() > 4 {
        typo.swap(2, 3);
    }
    Words {
        second: pick(1),
        typo: typo.into_iter().collect(),
        rare: ranked
            .iter()
            .rev()
            .find(|(_, n)| *n == 1)
            .map(|(w, _)| w.clone())
            .unwrap_or_else(|| pick(2)),
        common,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn percentiles(times: &mut [Duration]) -> String {
    if times.is_empty() {
        return "–".into();
    }
    times.sort_unstable();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    format!("{} / {}", ms(at(0.5)), ms(at(0.95)))
}
