// Churn benchmark (on demand, issue 17): what one change to an archive
// costs downstream — how many files of the published bundle are new or
// changed, and how many bytes a mirror must upload, a cache fetch again, a
// reader who saved the archive download again.
//
//   node scripts/churn.mjs [--sizes 10000,100000] [--days N] [--changes all|new]
//
// after `cargo build --release -p broadsheet-builder -p broadsheet-dev`
// (`scripts/dev churn` does both). For each size: a synthetic archive
// (`broadsheet-dev synth --seed 1`, shared with scripts/bench.mjs) is built
// once; then each change is made to a copy of the sources and built twice,
// into a copy of the last bundle folder and into an empty folder (as a fresh
// CI runner would), and each result is compared file by file with the last
// bundle. With --days N, N daily single-article additions follow, each built
// into the folder of the day before: cumulative bytes rewritten, and build
// time per day. Prints Markdown tables (for BENCHMARKS.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshot } from './snapshot.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'target/release/broadsheet');
const DEV = join(ROOT, 'target/release/broadsheet-dev');
const WORK = join(ROOT, 'target/churn');
const SOURCES = join(ROOT, 'target/bench');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = option('sizes', '10000').split(',').map(Number);
const days = Number(option('days', '0'));
const changes = option('changes', 'all');
for (const bin of [BIN, DEV]) {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: cargo build --release -p broadsheet-builder -p broadsheet-dev`);
}

/** What `after` holds that `before` did not: files new or changed, and their bytes. */
function compare(before, after) {
  let files = 0;
  let bytes = 0;
  let search = 0;
  let total = 0;
  for (const [path, file] of after) {
    total += file.size;
    if (before.get(path)?.hash !== file.hash) {
      files += 1;
      bytes += file.size;
      if (path.startsWith('search/')) search += file.size;
    }
  }
  const removed = [...before.keys()].filter((path) => !after.has(path)).length;
  return { files, bytes, search, removed, count: after.size, total };
}

function build(src, out) {
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', BIN, 'build', src, '--out', out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`build failed:\n${run.stderr}`);
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  const peakMB = Number(run.stderr.trim().split('\n').pop()) / 1024;
  return { secs, peakMB };
}

/** A new article, dated `date`, with a body of ordinary length. */
function article(n, date) {
  const sentence = `Delegates from the dock, rail and textile unions met on day ${n} to compare notes on wages and hours.`;
  return `---\ntitle: "Report number ${n} from the daily round"\ndate: ${date}\nsection: Reports\n` +
    `countries: [Pakistan]\ntags: [trade unions, wages]\n---\n${Array(12).fill(sentence).join(' ')}\n`;
}

/** The newest article's date in a bundle folder: the first card of its head. */
function newestDate(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const head = JSON.parse(readFileSync(join(dir, manifest.head.path), 'utf8'));
  return head.cards.find((c) => c.date)?.date ?? '2026-01-01';
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const pct = (part, whole) => `${((100 * part) / whole).toFixed(2)} %`;

console.log(`### Churn (release builder, synthetic archives, ${new Date().toISOString().slice(0, 10)})\n`);
console.log('| articles | change | files new or changed: into the last folder | bytes | of which search/ | into an empty folder | bytes | build |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
const yearRows = [];
for (const n of sizes) {
  const original = join(SOURCES, `src-${n}`);
  if (!existsSync(original)) execFileSync(DEV, ['synth', '--articles', String(n), '--seed', '1', '--out', original], { stdio: 'inherit' });
  const src = join(WORK, `src-${n}`);
  const base = join(WORK, `base-${n}`);
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  cpSync(original, src, { recursive: true });
  const first = build(src, base);
  const last = snapshot(base);
  // New articles are dated the day after the newest one, as a daily edition's would be.
  const newest = newestDate(base);
  const dayAfter = (days) => new Date(Date.parse(`${newest}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

  // Each change, then undone: made to the sources, built both ways.
  const oldFile = join(src, readdirSync(src).filter((d) => /^\d{4}$/.test(d)).sort()[2]);
  const oldArticle = join(oldFile, readdirSync(oldFile).sort()[0]);
  const oldText = readFileSync(oldArticle, 'utf8');
  const all = [
    ['one new article', () => writeFileSync(join(src, 'new-0.md'), article(0, dayAfter(1))), () => rmSync(join(src, 'new-0.md'))],
    ['ten new articles', () => { for (let i = 0; i < 10; i++) writeFileSync(join(src, `new-${i}.md`), article(i, dayAfter(1))); },
      () => { for (let i = 0; i < 10; i++) rmSync(join(src, `new-${i}.md`)); }],
    ['one old article edited', () => writeFileSync(oldArticle, `${oldText.trimEnd()} A correction was added.\n`), () => writeFileSync(oldArticle, oldText)],
    ['one old article deleted', () => rmSync(oldArticle), () => writeFileSync(oldArticle, oldText)],
  ];
  for (const [name, change, undo] of changes === 'new' ? all.slice(0, 1) : all) {
    change();
    const copy = join(WORK, 'copy');
    rmSync(copy, { recursive: true, force: true });
    cpSync(base, copy, { recursive: true });
    const timed = build(src, copy);
    const intoLast = compare(last, snapshot(copy));
    const empty = join(WORK, 'empty');
    rmSync(empty, { recursive: true, force: true });
    build(src, empty);
    const intoEmpty = compare(last, snapshot(empty));
    undo();
    console.log(`| ${n} | ${name} | ${intoLast.files} of ${intoLast.count} (${pct(intoLast.files, intoLast.count)}) | ${mb(intoLast.bytes)} (${pct(intoLast.bytes, intoLast.total)}) | ${mb(intoLast.search)} | ` +
      `${intoEmpty.files} (${pct(intoEmpty.files, intoEmpty.count)}) | ${mb(intoEmpty.bytes)} (${pct(intoEmpty.bytes, intoEmpty.total)}) | ${timed.secs.toFixed(1)} s, ${timed.peakMB.toFixed(0)} MB |`);
    rmSync(copy, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }

  if (days > 0) {
    let previous = last;
    let rewritten = 0;
    let seconds = 0;
    let peak = 0;
    const daily = [];
    for (let day = 0; day < days; day++) {
      writeFileSync(join(src, `day-${day}.md`), article(1000 + day, dayAfter(day + 1)));
      const timed = build(src, base);
      seconds += timed.secs;
      peak = Math.max(peak, timed.peakMB);
      const now = snapshot(base);
      const today = compare(previous, now).bytes;
      daily.push(today);
      rewritten += today;
      previous = now;
    }
    const size = [...previous.values()].reduce((sum, f) => sum + f.size, 0);
    daily.sort((a, b) => a - b);
    const median = daily[Math.floor(daily.length / 2)];
    const segments = JSON.parse(readFileSync(join(base, 'manifest.json'), 'utf8')).segments.length;
    yearRows.push(`| ${n} | ${days} | ${mb(rewritten)} (${(rewritten / size).toFixed(2)} × the archive) | ${mb(median)} / ${mb(daily[daily.length - 1])} | ${segments} | ${mb(size)} | ${(seconds / days).toFixed(1)} s | ${peak.toFixed(0)} MB | ${first.secs.toFixed(1)} s |`);
  }
}
if (yearRows.length) {
  console.log('\n| articles | daily additions | cumulative bytes rewritten | a day\'s rewrite, median / most | segments at the end | archive at the end | build per day | peak | first build |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of yearRows) console.log(row);
}
rmSync(WORK, { recursive: true, force: true });
