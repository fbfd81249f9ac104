// Benchmark (run on demand, not a test): synthetic archives of several sizes,
// built by the real builder, measured natively (`broadsheet-dev bench`) and in
// headless Chromium over 127.0.0.1 with a cold cache. Prints Markdown tables
// for BENCHMARKS.md.
//
// The peers (scripts/bench-peers.mjs: Pagefind and MiniSearch) run on the
// same articles in the same run, and the last table gives the ratios.
//
//   node scripts/bench.mjs [--sizes 1000,10000,100000] [--rounds 5] [--pagefind-max N] [--peers no] [--profile short|long-form] [--http2 yes]
//
// `--http2 yes` serves every site (ours and the peers') over HTTP/2 with TLS,
// as GitHub Pages, Cloudflare and Netlify do; the default, HTTP/1.1, queues
// a page's requests six at a time.
//
// Pagefind needs about 7.5 GB at 30k articles and does not fit in 24 GB at
// 100k: sizes above --pagefind-max (default 30000) skip it, and say so.
//
// Needs dist/ (scripts/dev dist) and the release builder (cargo build --release).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launch } from '../tests/e2e/support.mjs';
import { runPeers } from './bench-peers.mjs';
import { prepareSite } from './bench-site.mjs';
import { startServer } from './static-server.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const sizes = (args.sizes ?? '1000,10000,100000').split(',').map(Number);
// Body lengths of the synthetic archives: `short` (median ≈ 270 words) or
// `long-form` (median ≈ 1,200), see `broadsheet-dev synth --help`.
const profile = args.profile ?? 'short';
const rounds = Number(args.rounds ?? 5);
const pagefindMax = Number(args['pagefind-max'] ?? 30000);
const withPeers = args.peers !== 'no';
const http2 = args.http2 === 'yes';
const ROOT = new URL('..', import.meta.url).pathname;
const BENCH = `${ROOT}target/bench`;
const BIN = `${ROOT}target/release/broadsheet`;
const DEV = `${ROOT}target/release/broadsheet-dev`;
mkdirSync(BENCH, { recursive: true });

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.round((s.length - 1) * p)]; };
const ms = (x) => `${x.toFixed(1)} ms`;
const kb = (x) => `${(x / 1024).toFixed(0)} KB`;

function prepare(n) {
  const tag = profile === 'short' ? `${n}` : `${profile}-${n}`;
  const src = `${BENCH}/src-${tag}`;
  const bundle = `${BENCH}/bundle-${tag}`;
  if (!existsSync(src)) {
    execFileSync(DEV, ['synth', '--articles', String(n), '--seed', '1', '--profile', profile, '--out', src], { stdio: 'inherit' });
  }
  rmSync(bundle, { recursive: true, force: true });
  // A build from scratch (no source cache): the peers index from scratch too.
  const timed = spawnSync('/usr/bin/time', ['-f', '%e %M', BIN, 'build', src, '--out', bundle, '--no-cache'], { encoding: 'utf8' });
  const [secs, kbPeak] = timed.stderr.trim().split('\n').pop().split(' ').map(Number);
  const total = Number(execFileSync('du', ['-sb', bundle], { encoding: 'utf8' }).split('\t')[0]);
  const site = prepareSite({ src, bundle, site: `${BENCH}/site-${n}` });
  return { site, bundle, build: { secs, peakMB: kbPeak / 1024, total } };
}

/** In the page: does something, then waits until the list is settled: the
 *  time until the DOM shows the new state (the browser paints it at its next
 *  frame, at most one frame later). */
async function timed(page, action) {
  return page.evaluate(async (action) => {
    const list = document.querySelector('section.list');
    const count = document.querySelector('.count');
    const html = document.documentElement;
    const here = () => location.pathname + location.search;
    const before = count.textContent;
    const addressBefore = here();
    const t0 = performance.now();
    if (action.click) document.querySelector(action.click).click();
    if (action.type !== undefined) {
      const input = document.querySelector('#q');
      input.value = action.type;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    return new Promise((resolve, reject) => {
      // Settled when the reader says its page for the new address is
      // rendered (`data-reader-ready`, set once the list is no longer busy).
      // A click always changes the address; typing may not (a trailing
      // space), then the count must speak of the typed text.
      const typed = action.type?.trim();
      const done = () => {
        if (list.getAttribute('aria-busy') !== 'false' || html.getAttribute('data-reader-ready') !== here()) return false;
        if (here() !== addressBefore) return true;
        if (action.type === undefined) return false;
        return typed ? count.textContent !== before && (count.textContent.includes(`“${typed}”`)
            || count.textContent.includes(`for ${typed}`) || count.textContent.includes('No articles'))
          : !count.textContent.includes('results for');
      };
      const check = () => { if (done()) { obs.disconnect(); clearTimeout(timer); resolve(performance.now()); } };
      const obs = new MutationObserver(check);
      obs.observe(html, { attributes: true, childList: true, subtree: true, characterData: true });
      // A state that never comes is a failure, not a time.
      const timer = setTimeout(() => {
        obs.disconnect();
        reject(new Error(`the list did not settle within 10 s after ${JSON.stringify(action)} (at ${here()})`));
      }, 10000);
      check();
    }).then((t1) => t1 - t0);
  }, action);
}

async function browserRun(browser, prepared, words) {
  const server = await startServer({ root: prepared.site, http2 });
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
  await page.addInitScript(LONG_TASKS);
  const t0 = Date.now();
  await page.goto(server.url);
  // The builder's static copy of the list reads first; the reader's own
  // list is ready when it says so (`data-reader-ready`).
  await page.locator('.card-title').first().waitFor({ timeout: 120000 });
  const staticPaint = Date.now() - t0;
  await page.locator('html[data-reader-ready="/"]').waitFor({ timeout: 120000 });
  const firstPaint = Date.now() - t0;
  // The files the reader's first list needed: the document and every
  // resource that had arrived when it was ready (later ones are background
  // work).
  const before = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.responseEnd <= window.firstPaintAt).map((e) => e.name));
  const firstFetched = fetched.filter((f) => f.url === `${server.url}` || before.includes(f.url));
  // The facet data is fetched at the first need: here a hand on the filters
  // as soon as the list reads (a reader going straight for them).
  await page.locator('aside.facets').dispatchEvent('pointerdown');
  await page.locator('aside.facets[data-ready="true"]').waitFor({ timeout: 120000 });
  const usable = Date.now() - t0;
  const loadLongest = await page.evaluate(() => window.longTasks.splice(0).reduce((m, t) => Math.max(m, t), 0));
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  const gz = (url) => {
    const path = new URL(url).pathname;
    const file = `${prepared.site}${path === '/' ? '/index.html' : path}`;
    return existsSync(file) ? gzipSync(readFileSync(file)).length : 0;
  };
  const firstBytes = firstFetched.reduce((s, f) => s + f.bytes, 0);
  const firstGz = firstFetched.reduce((s, f) => s + gz(f.url), 0);
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
      filters.push(await timed(page, { click: sel }));
      filters.push(await timed(page, { click: sel }));
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
  const interactLongest = await page.evaluate(() => window.longTasks.splice(0).reduce((m, t) => Math.max(m, t), 0));
  await context.close();

  // Each query on a cold page (new context, empty cache): the link
  // `/?q=…` opened, until its results are shown; bytes of the search index
  // and of the cards fetched for it (the first screen's files excluded).
  const cold = [];
  for (const q of words.queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const files = [];
    page.on('response', (r) => { if (r.status() < 400) files.push(r.url()); });
    const t0 = Date.now();
    await page.goto(`${server.url}?q=${encodeURIComponent(q)}`);
    await page.locator('section.list[aria-busy="false"]').waitFor({ timeout: 60000 });
    const ms = Date.now() - t0;
    const index = files.filter((u) => u.includes('/bundle/search/'));
    const cards = files.filter((u) => u.includes('/bundle/cards/') && !firstFetched.some((f) => f.url === u));
    const sum = (us, f) => us.reduce((s, u) => s + f(u), 0);
    cold.push({ q, ms, indexRaw: sum(index, sizeOf), indexGz: sum(index, gz), cardsGz: sum(cards, gz) });
    await context.close();
  }
  await server.close();
  return { staticPaint, firstPaint, usable, firstBytes, firstGz, heap, domNodes, loadLongest, interactLongest, filters, searches, perQuery, keys, cold };
}

/** Records the main thread's long tasks (over 50 ms) in `window.longTasks`,
 *  and when the reader's list was ready in `window.firstPaintAt`. */
const LONG_TASKS = `window.longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); })
  .observe({ type: 'longtask', buffered: true });
window.firstPaintAt = null;
new MutationObserver((_, observer) => {
  if (document.documentElement.hasAttribute('data-reader-ready')) { window.firstPaintAt = performance.now(); observer.disconnect(); }
}).observe(document, { attributes: true, childList: true, subtree: true });`;

function wordsOf(bundle) {
  const out = spawnSync(DEV, ['bench', bundle, '--rounds', '1'], { encoding: 'utf8' });
  const line = out.stderr.split('\n').find((l) => l.includes('queries:'));
  const queries = JSON.parse(line.slice(line.indexOf('[')));
  const [common, second] = queries[1].split(' ');
  return { queries, common, second };
}

const rows = [];
const browser = await launch({ insecure: http2 });
for (const n of sizes) {
  console.error(`== ${n} articles`);
  const prepared = prepare(n);
  const native = execFileSync(DEV, ['bench', prepared.bundle, '--rounds', String(rounds)], { encoding: 'utf8' })
    .trim().split('\n').pop();
  const words = wordsOf(prepared.bundle);
  const b = await browserRun(browser, prepared, words);
  // The peers answer the plain queries (they have no phrase, exclusion or
  // typo syntax): the commonest word, two words, a prefix, a rare word, Urdu.
  const peerQueries = [0, 1, 2, 6, 7].map((i) => words.queries[i]);
  console.error(`   peers on ${peerQueries.join(' · ')}`);
  const skipped = { skipped: 'not run (--peers no)' };
  const peers = withPeers ? await runPeers({ srcDir: `${BENCH}/src-${n}`, workDir: `${BENCH}/peers-${n}`, queries: peerQueries,
    browser, rounds: Math.min(rounds, 3), skipPagefindAbove: pagefindMax, http2 }) : { pagefind: skipped, minisearch: skipped };
  rows.push({ n, prepared, native, b, peers });
}
await browser.close();

console.log(`\n### Builder (release, ${sizes.join(' / ')} synthetic articles)\n`);
console.log('| articles | build wall time | peak memory | bundle bytes |');
console.log('|---:|---:|---:|---:|');
for (const { n, prepared: { build } } of rows) console.log(`| ${n} | ${build.secs.toFixed(1)} s | ${build.peakMB.toFixed(0)} MB | ${(build.total / 1e6).toFixed(1)} MB |`);
console.log('\n### Native engine (`broadsheet-dev bench`)\n');
console.log('| articles | load facet data | facet index | filter p50 / p95 | search cold p50 / p95 | search warm p50 / p95 | keystroke p50 / p95 | index bytes per query (median / max) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { native } of rows) console.log(native);
console.log('\n### Headless Chromium, 127.0.0.1, cold cache\n');
console.log('| articles | static list page | reader\'s list | filters usable | first paint bytes (raw / gzip) | JS heap | DOM elements | longest main-thread task: load / interaction | filter → DOM p50 / p95 | query → results p50 / p95 | keystroke p50 / p95 |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { n, b } of rows) {
  console.log(`| ${n} | ${ms(b.staticPaint)} | ${ms(b.firstPaint)} | ${ms(b.usable)} | ${kb(b.firstBytes)} / ${kb(b.firstGz)} | ${(b.heap / 1e6).toFixed(1)} MB | ${b.domNodes} | ${ms(b.loadLongest)} / ${ms(b.interactLongest)} | ${ms(pct(b.filters, 0.5))} / ${ms(pct(b.filters, 0.95))} | ${ms(pct(b.searches, 0.5))} / ${ms(pct(b.searches, 0.95))} | ${ms(pct(b.keys, 0.5))} / ${ms(pct(b.keys, 0.95))} |`);
}
console.log('\n### Bytes per query (gzip), each query on a cold page\n');
console.log('| articles | cold page → results, median / max | search index bytes, median / max | card bytes, median / max | in a session: index bytes median / max |');
console.log('|---:|---:|---:|---:|---:|');
for (const { n, b } of rows) {
  const col = (f) => b.cold.map(f);
  const mm = (xs, unit) => `${unit(pct(xs, 0.5))} / ${unit(Math.max(...xs))}`;
  const gzs = b.perQuery.map((q) => q.gz);
  console.log(`| ${n} | ${mm(col((c) => c.ms), ms)} | ${mm(col((c) => c.indexGz), kb)} | ${mm(col((c) => c.cardsGz), kb)} | ${mm(gzs, kb)} |`);
}
console.log('\nQueries:', rows[0] && wordsOf(rows[0].prepared.bundle).queries.join(' · '));

// Peers, and our figures as ratios to them (peer ÷ ours: above 1 means we
// are that many times faster or smaller).
const other = (r) => r.skipped ?? r.failed;
const ratio = (peer, ours) => { const x = peer / ours; return `${x >= 10 ? x.toFixed(0) : x.toPrecision(2)}×`; };
console.log('\n### Pagefind on the same articles (HTML pages, its own CLI and JS API)\n');
console.log('| articles | index time | peak memory | index bytes | bytes per cold query (gzip, median / max) | cold page → first answer (median) | query → 20 results p50 / p95 |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const { n, peers: { pagefind: p } } of rows) {
  console.log(other(p) ? `| ${n} | ${other(p)} ||||||` : `| ${n} | ${p.indexSecs.toFixed(1)} s | ${p.peakMB.toFixed(0)} MB | ${(p.indexBytes / 1e6).toFixed(1)} MB | ${kb(p.queryGzipBytesMedian)} / ${kb(p.queryGzipBytesMax)} | ${ms(p.coldAnswerMsMedian)} | ${ms(p.queryMsP50)} / ${ms(p.queryMsP95)} |`);
}
console.log('\n### MiniSearch on the same articles (one JSON file, indexed in the page)\n');
console.log('| articles | payload gzip | navigation → ready | JS heap | query → top 20 p50 / p95 |');
console.log('|---:|---:|---:|---:|---:|');
for (const { n, peers: { minisearch: m } } of rows) {
  console.log(other(m) ? `| ${n} | ${other(m)} ||||` : `| ${n} | ${(m.payloadGzipBytes / 1e6).toFixed(1)} MB | ${ms(m.loadMs)} | ${(m.heapBytes / 1e6).toFixed(1)} MB | ${ms(m.queryMsP50)} / ${ms(m.queryMsP95)} |`);
}
console.log('\n### Ratios (peer ÷ Broadsheet)\n');
console.log('| articles | Pagefind index time | Pagefind peak memory | Pagefind bytes per cold query | Pagefind cold first answer | Pagefind query p95 | MiniSearch ready (vs our filters usable) | MiniSearch heap | MiniSearch query p95 |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { n, prepared: { build }, b, peers: { pagefind: p, minisearch: m } } of rows) {
  const coldMs = pct(b.cold.map((c) => c.ms), 0.5);
  const coldGz = pct(b.cold.map((c) => c.indexGz + c.cardsGz), 0.5);
  const searchP95 = pct(b.searches, 0.95);
  const pf = other(p) ? Array(5).fill(other(p)) : [ratio(p.indexSecs, build.secs), ratio(p.peakMB, build.peakMB),
    ratio(p.queryGzipBytesMedian, coldGz), ratio(p.coldAnswerMsMedian, coldMs), ratio(p.queryMsP95, searchP95)];
  const mi = other(m) ? Array(3).fill(other(m)) : [ratio(m.loadMs, b.usable), ratio(m.heapBytes, b.heap), ratio(m.queryMsP95, searchP95)];
  console.log(`| ${n} | ${[...pf, ...mi].join(' | ')} |`);
}
console.log('\nPagefind bytes per cold query: its index chunks and fragments, against our index and card files for the same query (start-up files excluded on both sides).');
