// Peer side of the benchmark: the same synthetic articles searched by two
// other static, client-side engines, in headless Chromium over 127.0.0.1.
//
// - Pagefind: every article rendered as an HTML page (title + body indexed,
//   date and tags shown but ignored), indexed by the pagefind CLI under a
//   guard (`prlimit --as` 20 GB, `timeout` 15 min; wall time and peak RSS by
//   /usr/bin/time), then queried with Pagefind's JS API. One index for all
//   languages (`--force-language en`), since our reader searches them all.
//   A query is `search(q)` until the data of its first 20 results is in hand
//   (what showing a page of results takes). Cold: a new browser context per
//   query, the page searching on load; bytes are the sizes on disk of the
//   files the server sent (Pagefind's are already gzipped, so raw ≈ gzip),
//   split into start-up (script, worker, metadata, wasm) and the query's own
//   (index chunks, fragments). Warm: one page, the query set `rounds` times.
// - MiniSearch: one JSON file of all articles (id, title, date, language,
//   tags, text), fetched and indexed in the page (fields title and text,
//   title stored); load is navigation → ready to answer; a query is
//   `search(q, { prefix: true, combineWith: 'AND' })` and its top 20, timed
//   in the page. JS heap from CDP, as scripts/bench.mjs, and again after a
//   forced GC (the parsed JSON is garbage by then).
//
//   node scripts/bench-peers.mjs [--sizes 1000,10000] [--queries 'workers,workers union'] [--rounds 3]
//                                [--skip-pagefind-above 30000]
//
// Reads target/bench/src-N (made by scripts/bench.mjs); writes target/bench/peers-N.
import { execFile } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startServer } from './static-server.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
// Resolved when used: `bench --peers no` runs without the peers installed.
const pagefindBin = () => require.resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);
const minisearchFile = () => fileURLToPath(import.meta.resolve('minisearch'));
const MEMORY_CAP = 20 * 2 ** 30;
const TIMEOUT_SECS = 15 * 60;

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.round((s.length - 1) * p)]; };
const esc = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The articles of a synthetic source folder, one at a time, in path order. */
function* articles(srcDir) {
  const files = readdirSync(srcDir, { recursive: true }).filter((f) => f.endsWith('.md')).sort();
  for (const file of files) {
    const text = readFileSync(join(srcDir, file), 'utf8');
    const end = text.indexOf('\n---\n', 4);
    const meta = Object.fromEntries(text.slice(4, end).split('\n').map((line) => {
      const colon = line.indexOf(': ');
      const value = line.slice(colon + 2);
      return [line.slice(0, colon), /^["[]/.test(value) ? JSON.parse(value) : value];
    }));
    const paras = text.slice(end + 5).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    yield { id: file.slice(0, -3), title: meta.title, date: meta.date, language: meta.language, tags: meta.tags ?? [], paras };
  }
}

const countArticles = (srcDir) => readdirSync(srcDir, { recursive: true }).filter((f) => f.endsWith('.md')).length;

/** Writes the MiniSearch payload (and, if `siteDir`, the Pagefind pages) in one pass. */
function render(srcDir, jsonFile, siteDir) {
  const out = openSync(jsonFile, 'w');
  let n = 0;
  for (const a of articles(srcDir)) {
    const { paras, ...doc } = a;
    writeSync(out, `${n++ ? ',\n' : '['}${JSON.stringify({ ...doc, text: paras.join('\n\n') })}`);
    if (!siteDir) continue;
    const file = join(siteDir, `${a.id}.html`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `<!doctype html>
<html lang="${esc(a.language)}"${a.language === 'ur' ? ' dir="rtl"' : ''}>
<head><meta charset="utf-8"><title>${esc(a.title)}</title></head>
<body><article>
<h1>${esc(a.title)}</h1>
<p data-pagefind-ignore>${a.date ? `<time datetime="${esc(a.date)}">${esc(a.date)}</time>` : 'Undated'} · ${a.tags.map(esc).join(', ')}</p>
${paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article></body>
</html>
`);
  }
  writeSync(out, ']\n');
  closeSync(out);
}

function folderSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    bytes += statSync(join(f.parentPath, f.name)).size;
    files++;
  }
  return { bytes, files };
}

/** Raw and gzip sizes of the files a server sent for `paths` (under its root). */
function sentBytes(root, paths) {
  let raw = 0;
  let gzip = 0;
  for (const p of paths) {
    const data = readFileSync(join(root, p));
    raw += data.length;
    gzip += gzipSync(data).length;
  }
  return { raw, gzip };
}

/** A page that reports its console warnings, errors and crashes on stderr. */
async function newPage(browser, label) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${label}] pageerror: ${e.message}`));
  page.on('console', (m) => { if (['error', 'warning'].includes(m.type())) console.error(`[${label}] ${m.type()}: ${m.text()}`); });
  return { context, page };
}

/** Runs the pagefind CLI under the memory and time guard. */
async function indexPagefind(site) {
  const args = ['-f', '%e %M', 'timeout', '--kill-after=30', String(TIMEOUT_SECS), 'prlimit', `--as=${MEMORY_CAP}`, '--',
    pagefindBin(), '--site', site, '--force-language', 'en', '--quiet'];
  let stderr;
  let status = 0;
  try {
    ({ stderr } = await promisify(execFile)('/usr/bin/time', args, { maxBuffer: 64 << 20 }));
  } catch (e) {
    ({ stderr } = e);
    status = e.code;
  }
  const lines = stderr.trim().split('\n');
  const [secs, kbPeak] = lines.pop().split(' ').map(Number);
  if (status === 0) return { secs, peakMB: kbPeak / 1024 };
  const said = lines.find((l) => !l.startsWith('Command ')) ?? '';
  const why = /alloc|memory/i.test(said) || status === 134 ? 'out of memory'
    : status === 124 ? `timed out (${TIMEOUT_SECS} s)`
      : status === 137 ? 'killed (SIGKILL, likely the kernel OOM killer)'
        : `exited with status ${status}`;
  return { failed: `${why} after ${secs} s (peak ${(kbPeak / 1024).toFixed(0)} MB)${said ? `: ${said}` : ''}` };
}

const PAGEFIND_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pagefind</title></head>
<body><script type="module">
let pagefind;
window.start = async () => {
  pagefind = await import('./pagefind/pagefind.js');
  await pagefind.init();
};
window.answer = async (q) => {
  const t0 = performance.now();
  const { results } = await pagefind.search(q);
  await Promise.all(results.slice(0, 20).map((r) => r.data()));
  const t1 = performance.now();
  return { ms: t1 - t0, at: t1, hits: results.length };
};
const q = new URLSearchParams(location.search).get('q');
if (q) window.cold = window.start().then(() => window.answer(q));
</script></body></html>
`;

async function pagefindRun({ articles, site, queries, browser, rounds, http2 }) {
  const built = await indexPagefind(site);
  if (built.failed) return { failed: built.failed };
  const { bytes: indexBytes, files } = folderSize(join(site, 'pagefind'));
  writeFileSync(join(site, 'search.html'), PAGEFIND_PAGE);
  const server = await startServer({ root: site, http2 });
  try {
    // Cold: a new context per query. Index chunks and fragments are the
    // query's; the rest (pagefind.js, its worker, entry, metadata, wasm),
    // fetched lazily by the first search, is Pagefind's start-up.
    const cold = [];
    for (const q of queries) {
      const { context, page } = await newPage(browser, 'pagefind');
      const from = server.requests.length;
      await page.goto(`${server.url}search.html?q=${encodeURIComponent(q)}`);
      const { at } = await page.evaluate(() => window.cold);
      const paths = server.requests.slice(from).filter((p) => p.startsWith('/pagefind/'));
      const isQuery = (p) => /^\/pagefind\/(index|fragment)\//.test(p);
      cold.push({ at, start: sentBytes(site, paths.filter((p) => !isQuery(p))), query: sentBytes(site, paths.filter(isQuery)) });
      await context.close();
    }
    // Warm: one page, Pagefind started by a search outside the set, then the
    // query set `rounds` times (the first round fetches each query's chunks).
    const { context, page } = await newPage(browser, 'pagefind');
    await page.goto(`${server.url}search.html`);
    await page.evaluate(() => window.start().then(() => window.answer('zzzz')));
    const ms = [];
    const hits = {};
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const a = await page.evaluate((q) => window.answer(q), q);
        ms.push(a.ms);
        hits[q] = a.hits;
      }
    }
    await context.close();
    const stat = (xs) => [pct(xs, 0.5), Math.max(...xs)];
    const [queryBytesMedian, queryBytesMax] = stat(cold.map((c) => c.query.raw));
    const [queryGzipBytesMedian, queryGzipBytesMax] = stat(cold.map((c) => c.query.gzip));
    const [coldAnswerMsMedian, coldAnswerMsMax] = stat(cold.map((c) => c.at));
    return {
      articles, indexSecs: built.secs, peakMB: built.peakMB, indexBytes, files,
      startBytes: cold[0].start.raw, startGzipBytes: cold[0].start.gzip,
      queryBytesMedian, queryBytesMax, queryGzipBytesMedian, queryGzipBytesMax,
      coldAnswerMsMedian, coldAnswerMsMax, queryMsP50: pct(ms, 0.5), queryMsP95: pct(ms, 0.95), hits,
    };
  } finally {
    await server.close();
  }
}

const MINISEARCH_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>MiniSearch</title></head>
<body><script type="module">
import MiniSearch from './minisearch.js';
let index;
let shown;
window.ready = (async () => {
  const docs = await (await fetch('articles.json')).json();
  index = new MiniSearch({ fields: ['title', 'text'], storeFields: ['title'] });
  index.addAll(docs);
  return performance.now();
})();
window.bench = (queries, rounds) => {
  const ms = [];
  const hits = {};
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      const results = index.search(q, { prefix: true, combineWith: 'AND' });
      shown = results.slice(0, 20).map((r) => r.title);
      ms.push(performance.now() - t0);
      hits[q] = results.length;
    }
  }
  return { ms, hits };
};
</script></body></html>
`;

async function minisearchRun({ articles, dir, json, queries, browser, rounds, http2 }) {
  copyFileSync(minisearchFile(), join(dir, 'minisearch.js'));
  writeFileSync(join(dir, 'index.html'), MINISEARCH_PAGE);
  const payload = readFileSync(json);
  const server = await startServer({ root: dir, http2 });
  const { context, page } = await newPage(browser, 'minisearch');
  try {
    await page.goto(server.url);
    const loadMs = await page.evaluate(() => window.ready);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => (await cdp.send('Performance.getMetrics')).metrics
      .find((m) => m.name === 'JSHeapUsedSize').value;
    const heapBytes = await heap();
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAfterGcBytes = await heap();
    const { ms, hits } = await page.evaluate(([q, r]) => window.bench(q, r), [queries, rounds]);
    return {
      articles, payloadBytes: payload.length, payloadGzipBytes: gzipSync(payload).length,
      loadMs, heapBytes, heapAfterGcBytes, queryMsP50: pct(ms, 0.5), queryMsP95: pct(ms, 0.95), hits,
    };
  } finally {
    await context.close();
    await server.close();
  }
}

/**
 * A Pagefind site of the articles of `srcDir` in `workDir` (made once, and
 * kept while its index is whole), with its search page: `{ site }`, or
 * `{ failed }` with the reason.
 */
export async function pagefindSite({ srcDir, workDir }) {
  const site = join(workDir, 'pagefind-site');
  if (!existsSync(join(site, 'pagefind', 'pagefind-entry.json'))) {
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    render(srcDir, join(workDir, 'articles.json'), site);
    const built = await indexPagefind(site);
    if (built.failed) return built;
  }
  writeFileSync(join(site, 'search.html'), PAGEFIND_PAGE);
  return { site };
}

/**
 * Measures Pagefind and MiniSearch on the articles of `srcDir`, working in
 * `workDir` (deleted and recreated). Each peer's result is its numbers (ms,
 * bytes, MB, s), `{ skipped }` or `{ failed }` with the reason.
 */
export async function runPeers({ srcDir, workDir, queries, browser, rounds = 3, skipPagefindAbove = Infinity, http2 = false }) {
  const n = countArticles(srcDir);
  const skipPagefind = n > skipPagefindAbove;
  const site = join(workDir, 'pagefind-site');
  const dir = join(workDir, 'minisearch');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'articles.json');
  render(srcDir, json, skipPagefind ? null : site);
  // A peer that breaks (a crashed page, say) is a result, not the end of the run.
  const guarded = (run) => run.catch((e) => ({ failed: String(e.message ?? e).split('\n')[0] }));
  const pagefind = skipPagefind ? { skipped: `more than ${skipPagefindAbove} articles` }
    : await guarded(pagefindRun({ articles: n, site, queries, browser, rounds, http2 }));
  const minisearch = await guarded(minisearchRun({ articles: n, dir, json, queries, browser, rounds, http2 }));
  return { pagefind, minisearch };
}

/** The commonest word, the two commonest as one query and a rarer word. */
function defaultQueries(srcDir) {
  const counts = new Map();
  let seen = 0;
  for (const a of articles(srcDir)) {
    if (a.language !== 'en') continue;
    for (const w of a.paras.join(' ').toLowerCase().match(/\p{L}{3,}/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    if (++seen === 500) break;
  }
  const ranked = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a));
  return [ranked[0], `${ranked[0]} ${ranked[1]}`, ranked[Math.min(200, ranked.length - 1)]];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { launch } = await import('../tests/e2e/support.mjs');
  const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
    (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
  const sizes = (args.sizes ?? '1000,10000').split(',').map(Number);
  const rounds = Number(args.rounds ?? 3);
  const skipPagefindAbove = Number(args['skip-pagefind-above'] ?? Infinity);
  const browser = await launch();
  const rows = [];
  for (const n of sizes) {
    const srcDir = `${ROOT}target/bench/src-${n}`;
    const queries = args.queries?.split(',') ?? defaultQueries(srcDir);
    console.error(`== peers, ${n} articles: ${queries.join(' · ')}`);
    const t0 = Date.now();
    const workDir = `${ROOT}target/bench/peers-${n}`;
    rows.push({ n, queries, ...await runPeers({ srcDir, workDir, queries, browser, rounds, skipPagefindAbove }) });
    console.error(`   ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  await browser.close();

  const ms = (x) => `${x.toFixed(1)} ms`;
  const kb = (x) => `${(x / 1024).toFixed(0)} KB`;
  const mb = (x) => `${(x / 1e6).toFixed(1)} MB`;
  const other = (r) => r.skipped ?? r.failed;
  console.log('\n### Pagefind (index all pages, then query in Chromium)\n');
  console.log('| articles | index time | peak memory | index bytes (files) | start-up bytes | bytes per cold query, median / max | cold page → first answer, median / max | query → 20 results p50 / p95 | hits |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const { n, pagefind: p } of rows) {
    console.log(other(p) ? `| ${n} | ${other(p)} ||||||||` : `| ${n} | ${p.indexSecs.toFixed(1)} s | ${p.peakMB.toFixed(0)} MB | ${mb(p.indexBytes)} (${p.files}) | ${kb(p.startBytes)} | ${kb(p.queryBytesMedian)} / ${kb(p.queryBytesMax)} | ${ms(p.coldAnswerMsMedian)} / ${ms(p.coldAnswerMsMax)} | ${ms(p.queryMsP50)} / ${ms(p.queryMsP95)} | ${Object.values(p.hits).join(' · ')} |`);
  }
  console.log('\n### MiniSearch (fetch all articles as JSON, index in the page)\n');
  console.log('| articles | payload raw / gzip | navigation → ready | JS heap (after GC) | query → top 20 p50 / p95 | hits |');
  console.log('|---:|---:|---:|---:|---:|---|');
  for (const { n, minisearch: m } of rows) {
    console.log(other(m) ? `| ${n} | ${other(m)} |||||` : `| ${n} | ${mb(m.payloadBytes)} / ${mb(m.payloadGzipBytes)} | ${ms(m.loadMs)} | ${mb(m.heapBytes)} (${mb(m.heapAfterGcBytes)}) | ${ms(m.queryMsP50)} / ${ms(m.queryMsP95)} | ${Object.values(m.hits).join(' · ')} |`);
  }
  console.log('\nQueries:', [...new Set(rows.map((r) => r.queries.join(' · ')))].join('; '));
}
