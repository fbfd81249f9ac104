//! Hygiene that keeps the house mapped: tool pins agree with the lock file,
//! every Rust module says what it holds and is on the code map
//! (ARCHITECTURE.md), no module imports its way back to itself, and every
//! path the docs and comments name exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates' source folders, each with the name its code calls itself.
const SOURCES: [&str; 5] = [
    "src",
    "crates/core/src",
    "crates/builder/src",
    "crates/devtools/src",
    "crates/stemmer/src",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every file below `dir`, recursively, as paths relative to the root.
fn walk(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root()).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

fn rust_files(dir: &str) -> Vec<String> {
    walk(dir)
        .into_iter()
        .filter(|p| p.ends_with(".rs"))
        .collect()
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
    let missing: Vec<String> = SOURCES
        .iter()
        .flat_map(|dir| rust_files(dir))
        .filter(|file| !read(file).trim_start().starts_with("//!"))
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a `//!` line: {missing:#?}"
    );
}

/// Every Rust file is on the code map: named in ARCHITECTURE.md as its
/// path, or its file name under its folder's heading — `mod.rs` as its
/// folder (`import/`), others as `name.rs` (brace groups like
/// `commands/{build,ls}.rs` count for each name). `tests.rs` files hold the
/// unit tests of the module beside them, a convention the map states.
#[test]
fn every_module_is_on_the_code_map() {
    let map = expand_braces(&read("ARCHITECTURE.md"));
    let missing: Vec<String> = SOURCES
        .iter()
        .flat_map(|dir| rust_files(dir))
        .filter(|file| {
            let path = Path::new(file);
            let name = path.file_name().unwrap().to_string_lossy();
            let parent = path
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy();
            let wanted = match name.as_ref() {
                "mod.rs" => format!("{parent}/"),
                // Crate roots, and unit tests beside their module (the
                // map states the convention once).
                "lib.rs" | "main.rs" | "tests.rs" => return false,
                _ if parent == "src" => name.to_string(),
                _ => format!("{parent}/{name}"),
            };
            !(map.contains(&format!("`{wanted}"))
                || map.contains(&format!("{wanted}`"))
                || map.contains(file.as_str()))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "modules the code map (ARCHITECTURE.md) does not name: {missing:#?}"
    );
}

/// `a/{b,c}.rs` → `a/b.rs a/c.rs`, wherever it occurs.
fn expand_braces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let inner = &rest[open + 1..close];
        if inner.contains([' ', '\n', '"']) {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        }
        let start = rest[..open]
            .rfind(|c: char| c == '`' || c.is_whitespace())
            .map_or(0, |i| i + 1);
        let end = close
            + 1
            + rest[close + 1..]
                .find(|c: char| c == '`' || c.is_whitespace())
                .unwrap_or(rest.len() - close - 1);
        out.push_str(&rest[..start]);
        let (prefix, suffix) = (&rest[start..open], &rest[close + 1..end]);
        let names: Vec<String> = inner
            .split(',')
            .map(|n| format!("`{prefix}{n}{suffix}`"))
            .collect();
        out.push_str(&names.join(" "));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// No circle of imports among the modules of a folder: for every pair of
/// files, the path each uses of the other (`crate::a::b`, `super::b`) is an
/// edge between the two children of their common parent; those edges form
/// no cycle. A parent's own items (`super::Draft`) are not an edge.
#[test]
fn no_module_imports_its_way_back_to_itself() {
    for dir in SOURCES {
        let files = rust_files(dir);
        let module_of = |file: &str| -> Vec<String> {
            let inner = file.strip_prefix(dir).unwrap().trim_start_matches('/');
            let inner = inner.strip_suffix(".rs").unwrap();
            let mut parts: Vec<String> = inner.split('/').map(str::to_string).collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            parts
        };
        let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(f)).collect();
        let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for file in &files {
            let me = module_of(file);
            for target in referenced_modules(&read(file), &me, &modules) {
                let common = me.iter().zip(&target).take_while(|(a, b)| a == b).count();
                if common == me.len() || common == target.len() {
                    continue; // an ancestor or a descendant: not between siblings
                }
                let from = me[..=common].to_vec();
                let to = target[..=common].to_vec();
                edges.entry(from).or_default().insert(to);
            }
        }
        if let Some(cycle) = find_cycle(&edges) {
            let names: Vec<String> = cycle.iter().map(|m| m.join("::")).collect();
            panic!(
                "{dir}: modules import each other in a circle: {}",
                names.join(" → ")
            );
        }
    }
}

/// The modules `text` (the file of module `me`) names through `crate::` or
/// `super::` paths, each as the longest known module prefix.
fn referenced_modules(
    text: &str,
    me: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (anchor, base) in [
        ("crate::", Vec::new()),
        ("super::", me[..me.len().saturating_sub(1)].to_vec()),
    ] {
        let mut rest = text;
        while let Some(at) = rest.find(anchor) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + anchor.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            for path in paths_at(rest) {
                let mut module = base.clone();
                let mut best = None;
                for segment in path.split("::") {
                    module.push(segment.to_string());
                    if modules.contains(&module) {
                        best = Some(module.clone());
                    }
                }
                out.extend(best);
            }
        }
    }
    out
}

/// The paths a `use` tree starting at `text` names: `a::b`, or for
/// `{a, b::c}` each of them (one level of braces).
fn paths_at(text: &str) -> Vec<String> {
    let is_path = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    let head: String = text.chars().take_while(|&c| is_path(c)).collect();
    let after = &text[head.len()..];
    if head.ends_with("::") || head.is_empty() {
        if let Some(group) = after.strip_prefix('{').and_then(|g| g.split('}').next()) {
            return group
                .split(',')
                .map(|item| {
                    format!(
                        "{head}{}",
                        item.trim().split([' ', '{']).next().unwrap_or("")
                    )
                })
                .collect();
        }
    }
    vec![head.trim_end_matches(':').to_string()]
}

fn find_cycle(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<Vec<String>>> {
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        stack: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.clone());
            return Some(cycle);
        }
        if !done.insert(node.clone()) {
            return None;
        }
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

/// Where docs and comments name files: the docs, and every source, script
/// and config file.
fn documents() -> Vec<String> {
    let mut docs: Vec<String> = [
        "README.md",
        "ARCHITECTURE.md",
        "HARDENING.md",
        "Cargo.toml",
        "Trunk.toml",
        "index.html",
    ]
    .map(String::from)
    .to_vec();
    for dir in SOURCES.iter().copied().chain([
        "scripts",
        "tests/e2e",
        "public",
        ".github",
        ".ci",
        "crates/builder/tests",
        "crates/core/tests",
    ]) {
        docs.extend(walk(dir).into_iter().filter(|p| {
            [".rs", ".mjs", ".js", ".yml", ".toml", ".css", ".html"]
                .iter()
                .any(|ext| p.ends_with(ext))
                || p.ends_with("/dev")
                || p.ends_with("/run")
        }));
    }
    docs.retain(|p| !p.contains("/fixtures/"));
    docs
}

/// Every path that starts at one of the repository's top folders and is
/// named in a document exists (globs and `<placeholders>` aside).
#[test]
fn every_path_the_docs_name_exists() {
    const TOPS: [&str; 8] = [
        "crates/", "src/", "scripts/", "tests/", "public/", "content/", "fuzz/", ".github/",
    ];
    let mut missing = Vec::new();
    for doc in documents() {
        let text = expand_braces(&read(&doc)).replace('`', " ");
        let bytes = text.as_bytes();
        for top in TOPS {
            let mut from = 0;
            while let Some(at) = text[from..].find(top).map(|i| from + i) {
                from = at + top.len();
                let before = at.checked_sub(1).map(|i| bytes[i] as char);
                if before.is_some_and(|c| c.is_alphanumeric() || "/._-~$:".contains(c)) {
                    continue; // inside a longer path or a URL
                }
                let token: String = text[at..]
                    .chars()
                    .take_while(|&c| c.is_alphanumeric() || "/._-*<>".contains(c))
                    .collect();
                let next = text[at + token.len()..].chars().next();
                let token = token.trim_end_matches(['.', ',', ':']);
                if token.contains(['*', '<', '>']) || token.ends_with("..") || next == Some('$') {
                    continue; // a glob, a placeholder, a template
                }
                // A crate's files may name theirs from the crate's folder.
                let crate_dir = doc
                    .strip_prefix("crates/")
                    .and_then(|rest| rest.split('/').next())
                    .map(|name| root().join("crates").join(name));
                let found = root().join(token).exists()
                    || crate_dir.is_some_and(|dir| dir.join(token).exists());
                if !found {
                    missing.push(format!("{doc}: {token}"));
                }
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "paths named but not found: {missing:#?}"
    );
}
