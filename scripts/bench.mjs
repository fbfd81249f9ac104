// Benchmark (run on demand, not a test): synthetic archives of several sizes,
// built by the real builder, measured natively (`broadsheet bench`) and in
// headless Chromium over 127.0.0.1 with a cold cache. Prints Markdown tables
// for BENCHMARKS.md.
//
//   node scripts/bench.mjs [--sizes 1000,10000,100000] [--rounds 5]
//
// Needs dist/ (scripts/dev dist) and the release builder (cargo build --release).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launch } from '../tests/e2e/support.mjs';
import { startServer } from './static-server.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const sizes = (args.sizes ?? '1000,10000,100000').split(',').map(Number);
const rounds = Number(args.rounds ?? 5);
const ROOT = new URL('..', import.meta.url).pathname;
const BENCH = `${ROOT}target/bench`;
const BIN = `${ROOT}target/release/broadsheet`;
mkdirSync(BENCH, { recursive: true });

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.round((s.length - 1) * p)]; };
const ms = (x) => `${x.toFixed(1)} ms`;
const kb = (x) => `${(x / 1024).toFixed(0)} KB`;

function prepare(n) {
  const src = `${BENCH}/src-${n}`;
  const bundle = `${BENCH}/bundle-${n}`;
  if (!existsSync(src)) execFileSync(BIN, ['synth', '--articles', String(n), '--seed', '1', '--out', src], { stdio: 'inherit' });
  rmSync(bundle, { recursive: true, force: true });
  const timed = spawnSync('/usr/bin/time', ['-f', '%e %M', BIN, 'build', src, '--out', bundle], { encoding: 'utf8' });
  const [secs, kbPeak] = timed.stderr.trim().split('\n').pop().split(' ').map(Number);
  const total = Number(execFileSync('du', ['-sb', bundle], { encoding: 'utf8' }).split('\t')[0]);
  const site = `${BENCH}/site-${n}`;
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site);
  for (const f of readdirSync(`${ROOT}dist`)) if (f !== 'bundle') cpSync(`${ROOT}dist/${f}`, `${site}/${f}`, { recursive: true });
  symlinkSync(bundle, `${site}/bundle`);
  return { site, bundle, build: { secs, peakMB: kbPeak / 1024, total } };
}

/** In the page: does something, then waits until the list is settled: the
 *  time until the DOM shows the new state (the browser paints it at its next
 *  frame, at most one frame later). */
async function timed(page, action) {
  return page.evaluate(async (action) => {
    const list = document.querySelector('section.list');
    const count = document.querySelector('.count');
    const before = count.textContent;
    const t0 = performance.now();
    if (action.click) document.querySelector(action.click).click();
    if (action.type !== undefined) {
      const input = document.querySelector('#q');
      input.value = action.type;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    return new Promise((resolve) => {
      // Typing: settled when the count speaks of the typed text and no
      // search is on its way; clicking: when the count has changed.
      const typed = action.type?.trim();
      const done = () => list.getAttribute('aria-busy') === 'false' && (
        action.type === undefined ? (count.textContent !== before || action.same)
          : typed ? count.textContent.includes(`“${typed}”`) || count.textContent.includes(`for ${typed}`)
              || count.textContent.includes('No articles')
            : !count.textContent.includes('results for'));
      const check = () => { if (done()) { obs.disconnect(); resolve(performance.now()); } };
      const obs = new MutationObserver(check);
      obs.observe(list, { attributes: true, childList: true, subtree: true, characterData: true });
      check();
      setTimeout(() => { obs.disconnect(); resolve(performance.now()); }, 5000);
    }).then((t1) => t1 - t0);
  }, action);
}

async function browserRun(browser, prepared, words) {
  const server = await startServer({ root: prepared.site });
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = [];
  // Sizes from the files served (response bodies of tens of MB are not
  // reliably readable through the driver).
  const sizeOf = (url) => {
    const path = new URL(url).pathname;
    const file = `${prepared.site}${path === '/' ? '/index.html' : path}`;
    return existsSync(file) ? statSync(file).size : 0;
  };
  page.on('response', (r) => { if (r.status() < 400) fetched.push({ url: r.url(), bytes: sizeOf(r.url()) }); });
  const t0 = Date.now();
  await page.goto(server.url);
  await page.locator('.card').first().waitFor({ timeout: 120000 });
  const firstPaint = Date.now() - t0;
  await page.locator('fieldset.facet input').first().waitFor();
  const usable = Date.now() - t0;
  const firstBytes = fetched.reduce((s, f) => s + f.bytes, 0);
  const gz = (url) => {
    const path = new URL(url).pathname;
    const file = `${prepared.site}${path === '/' ? '/index.html' : path}`;
    return existsSync(file) ? gzipSync(readFileSync(file)).length : 0;
  };
  const firstGz = fetched.reduce((s, f) => s + gz(f.url), 0);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;

  // Filter changes: toggle the first few values of each facet on and off.
  const filters = [];
  const boxes = await page.locator('fieldset.facet input[type=checkbox]:not([disabled])').count();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < Math.min(boxes, 8); i++) {
      const sel = `fieldset.facet:nth-of-type(${1 + (i % 4)}) li:nth-child(${1 + Math.floor(i / 4)}) input`;
      if (!(await page.locator(sel).count())) continue;
      filters.push(await timed(page, { click: sel, same: true }));
      filters.push(await timed(page, { click: sel, same: true }));
    }
  }
  // Queries, each cold (fresh page and cache) for bytes, then the latencies.
  const searches = [];
  const perQuery = [];
  for (const q of words.queries) {
    const before = fetched.length;
    const t = await timed(page, { type: q });
    searches.push(t);
    const files = fetched.slice(before).filter((f) => f.url.includes('/bundle/'));
    perQuery.push({ q, raw: files.reduce((s, f) => s + f.bytes, 0), gz: files.reduce((s, f) => s + gz(f.url), 0) });
    await timed(page, { type: '' });
  }
  const keys = [];
  for (let r = 0; r < rounds; r++) {
    await timed(page, { type: '' });
    const text = `${words.common} ${words.second}`;
    for (let i = 2; i <= text.length; i++) keys.push(await timed(page, { type: text.slice(0, i) }));
  }
  await context.close();
  await server.close();
  return { firstPaint, usable, firstBytes, firstGz, heap, filters, searches, perQuery, keys };
}

function wordsOf(bundle) {
  const out = spawnSync(BIN, ['bench', bundle, '--rounds', '1'], { encoding: 'utf8' });
  const line = out.stderr.split('\n').find((l) => l.includes('queries:'));
  const queries = JSON.parse(line.slice(line.indexOf('[')));
  const [common, second] = queries[1].split(' ');
  return { queries, common, second };
}

const rows = [];
const browser = await launch();
for (const n of sizes) {
  console.error(`== ${n} articles`);
  const prepared = prepare(n);
  const native = execFileSync(BIN, ['bench', prepared.bundle, '--rounds', String(rounds)], { encoding: 'utf8' })
    .trim().split('\n').pop();
  const words = wordsOf(prepared.bundle);
  const b = await browserRun(browser, prepared, words);
  rows.push({ n, prepared, native, b });
}
await browser.close();

console.log(`\n### Builder (release, ${sizes.join(' / ')} synthetic articles)\n`);
console.log('| articles | build wall time | peak memory | bundle bytes |');
console.log('|---:|---:|---:|---:|');
for (const { n, prepared: { build } } of rows) console.log(`| ${n} | ${build.secs.toFixed(1)} s | ${build.peakMB.toFixed(0)} MB | ${(build.total / 1e6).toFixed(1)} MB |`);
console.log('\n### Native engine (`broadsheet bench`)\n');
console.log('| articles | load catalog | facet index | filter p50 / p95 | search cold p50 / p95 | search warm p50 / p95 | keystroke p50 / p95 | index bytes per query (median / max) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { native } of rows) console.log(native);
console.log('\n### Headless Chromium, 127.0.0.1, cold cache\n');
console.log('| articles | first list paint | filters usable | first paint bytes (raw / gzip) | JS heap | filter → DOM p50 / p95 | query → results p50 / p95 | keystroke p50 / p95 | index bytes fetched per query in a session, median raw / gzip (max gzip) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { n, b } of rows) {
  const gzs = b.perQuery.map((q) => q.gz);
  console.log(`| ${n} | ${ms(b.firstPaint)} | ${ms(b.usable)} | ${kb(b.firstBytes)} / ${kb(b.firstGz)} | ${(b.heap / 1e6).toFixed(1)} MB | ${ms(pct(b.filters, 0.5))} / ${ms(pct(b.filters, 0.95))} | ${ms(pct(b.searches, 0.5))} / ${ms(pct(b.searches, 0.95))} | ${ms(pct(b.keys, 0.5))} / ${ms(pct(b.keys, 0.95))} | ${kb(pct(b.perQuery.map((q) => q.raw), 0.5))} / ${kb(pct(gzs, 0.5))} (${kb(Math.max(...gzs))}) |`);
}
console.log('\nQueries:', rows[0] && wordsOf(rows[0].prepared.bundle).queries.join(' · '));
