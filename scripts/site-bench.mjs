// What a published site weighs (on demand, issue 19): a synthetic archive
// built with a page per article into a folder holding the reader, measured
// as a host counts it (bytes, files, the largest file; the bundle, the
// article pages and the rest apart), checked against the hosts' limits by
// `broadsheet check`, then one new article built into the same folder and
// the whole folder compared: what a deploy uploads.
//
//   node scripts/site-bench.mjs [--sizes 100000] [--profile short|long-form] [--budget 1G]
//
// after `scripts/dev dist` and `cargo build --release -p broadsheet-builder
// -p broadsheet-dev`. `--budget` builds with `--max-site-bytes`. Prints a
// Markdown table (for BENCHMARKS.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readerFiles } from './bench-site.mjs';
import { snapshot } from './snapshot.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'target/release/broadsheet');
const DEV = join(ROOT, 'target/release/broadsheet-dev');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = option('sizes', '100000').split(',').map(Number);
const profile = option('profile', 'short');
const budget = option('budget', null);
for (const bin of [BIN, DEV, join(ROOT, 'dist/index.html')]) {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: scripts/dev dist, then cargo build --release -p broadsheet-builder -p broadsheet-dev`);
}

const MB = (n) => `${(n / 1e6).toFixed(1)} MB`;

/** A folder holding only the reader's own files. */
function freshSite(site) {
  rmSync(site, { recursive: true, force: true });
  readerFiles(site);
}

function build(src, site) {
  const extra = budget ? ['--max-site-bytes', budget] : [];
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', BIN, 'build', src, '--out', join(site, 'bundle'),
    '--url', 'https://example.org/archive/', '--site-files', site, ...extra], {
    encoding: 'utf8',
    // The source cache stays with the build outputs, as scripts/dev keeps it.
    env: { ...process.env, BROADSHEET_CACHE: process.env.BROADSHEET_CACHE ?? join(ROOT, 'target/source-cache') },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`build failed:\n${run.stderr}`);
  const lines = run.stderr.trim().split('\n');
  return { seconds, peakMb: Number(lines.at(-1)) / 1024, report: lines.filter((l) => l.startsWith('broadsheet:')) };
}

/** The folder by part: bytes and files of the bundle, the article pages, the rest. */
function measure(files) {
  const parts = { bundle: [0, 0], articles: [0, 0], rest: [0, 0] };
  let largest = ['', 0];
  for (const [path, file] of files) {
    const part = path.startsWith('bundle/') ? 'bundle' : path.startsWith('articles/') ? 'articles' : 'rest';
    parts[part][0] += file.size;
    parts[part][1] += 1;
    if (file.size > largest[1]) largest = [path, file.size];
  }
  return { parts, largest };
}

function checkHosts(site) {
  const run = spawnSync(BIN, ['check', site], { encoding: 'utf8' });
  return run.stderr.trim().split('\n').filter((l) => /\bfits?\b/.test(l)).map((l) => l.replace(/^broadsheet: /, ''));
}

console.log(`| articles (${profile}) | budget | build | peak | folder | files | bundle | article pages | rest | largest file | one new article: files / bytes uploaded |`);
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|');
for (const articles of sizes) {
  const src = join(ROOT, 'target/bench', profile === 'short' ? `src-${articles}` : `src-${profile}-${articles}`);
  if (!existsSync(src)) {
    execFileSync(DEV, ['synth', '--articles', String(articles), '--seed', '1', '--profile', profile, '--out', src], { stdio: 'inherit' });
  }
  const work = join(ROOT, 'target/site-bench', `${profile}-${articles}`);
  const site = join(work, 'site');
  freshSite(site);
  const built = build(src, site);
  const before = snapshot(site);
  const { parts, largest } = measure(before);
  const total = [...before.values()].reduce((n, f) => n + f.size, 0);
  for (const line of built.report) console.error(line);
  for (const line of checkHosts(site)) console.error(`  check: ${line}`);

  // One new article, dated the day after the newest (a daily edition),
  // into the same folder.
  const newest = execFileSync('sh', ['-c', `"${BIN}" ls "${join(site, 'bundle')}" --json | head -1`], { encoding: 'utf8' });
  const next = new Date(Date.parse(JSON.parse(newest).date) + 86400000).toISOString().slice(0, 10);
  const added = join(src, 'zz-site-bench-new.md');
  writeFileSync(added, `---\ntitle: A new report from the site benchmark\ndate: ${next}\nsection: Reports\n---\nThe newest article, added to see what a deploy uploads.\n`);
  let changed = 0;
  let changedBytes = 0;
  try {
    build(src, site);
    for (const [path, file] of snapshot(site)) {
      if (before.get(path)?.hash !== file.hash) {
        changed += 1;
        changedBytes += file.size;
      }
    }
  } finally {
    rmSync(added);
  }
  console.log(`| ${articles} | ${budget ?? 'none'} | ${built.seconds.toFixed(1)} s | ${built.peakMb.toFixed(0)} MB | ${MB(total)} | ${before.size} | ${MB(parts.bundle[0])} in ${parts.bundle[1]} | ${MB(parts.articles[0])} in ${parts.articles[1]} | ${MB(parts.rest[0])} in ${parts.rest[1]} | ${largest[0]} (${MB(largest[1])}) | ${changed} / ${MB(changedBytes)} |`);
}
