// On demand (issue 20): a first visit on a slow link and a slow phone.
// Headless Chromium with its CPU slowed 4× (CDP), every file crossing a
// slow link emulated by the server (`static-server.mjs`'s `link`: a round
// trip per answer, then a shared bandwidth, for the page and its service
// worker alike), cold cache, a new browser context per visit:
//
// - the list: the home page until its first card reads, until the reader
//   has taken it over, and until the filters are usable (a hand on them as
//   soon as the list reads);
// - an article from a deep link: `articles/<slug>` until its text reads;
// - a search from a link: `?q=<word>` until the reader shows its results (a
//   card with the word marked), and until it has settled (the filters'
//   counts for the results too);
// - Pagefind on the same articles under the same profile, same run: its
//   search page `?q=<word>` until the data of its first 20 results is in
//   hand (what showing them takes), when `pagefind` is installed
//   (`scripts/dev throttle-bench` installs it as `bench` does).
//
// Bytes are those the server sent for the visit up to that moment (gzip
// where the host would gzip). Profiles: slow 3G (400 kbit/s, 400 ms round
// trip) and 4G (9 Mbit/s, 170 ms).
//
//   node scripts/throttle-bench.mjs [--sizes 1000,100000] [--profiles slow-3g,4g] [--query workers]
//
// The archives are `broadsheet-dev synth --seed 1` (target/bench/src-N,
// shared with the other benchmarks), built by the release builder with a
// page per article into target/bench/throttle-N (built again, incrementally,
// on every run, so the folder holds this build's reader).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/e2e/support.mjs';
import { readerFiles } from './bench-site.mjs';
import { startServer } from './static-server.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BENCH = join(ROOT, 'target/bench');
const BIN = join(ROOT, 'target/release/broadsheet');
const DEV = join(ROOT, 'target/release/broadsheet-dev');
const PROFILES = {
  'slow-3g': { kbps: 400, rttMs: 400 },
  '4g': { kbps: 9000, rttMs: 170 },
};
const CPU_SLOWDOWN = 4;
// Longer than any visit should take on slow 3G; a visit that takes longer
// is reported as such.
const LIMIT_MS = 180_000;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = option('sizes', '1000,100000').split(',').map(Number);
const profiles = option('profiles', 'slow-3g,4g').split(',');
const query = option('query', 'workers');
for (const p of profiles) if (!PROFILES[p]) throw new Error(`unknown profile ${p}: ${Object.keys(PROFILES).join(', ')}`);
for (const file of [BIN, DEV, join(ROOT, 'dist/index.html')]) {
  if (!existsSync(file)) throw new Error(`${file} is missing: scripts/dev dist, then cargo build --release -p broadsheet-builder -p broadsheet-dev`);
}

/** The archive of `n` articles, published with a page per article. */
function site(n) {
  const src = join(BENCH, `src-${n}`);
  if (!existsSync(src)) execFileSync(DEV, ['synth', '--articles', String(n), '--seed', '1', '--out', src], { stdio: 'inherit' });
  const dir = join(BENCH, `throttle-${n}`);
  readerFiles(dir);
  execFileSync(BIN, ['build', src, '--out', join(dir, 'bundle'), '--url', 'http://127.0.0.1/', '--site-files', dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, BROADSHEET_CACHE: process.env.BROADSHEET_CACHE ?? join(ROOT, 'target/source-cache') },
  });
  // An article from the middle of the archive: a link someone shared.
  const lines = execFileSync(BIN, ['ls', join(dir, 'bundle'), '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 }).trim().split('\n');
  return { dir, src, slug: JSON.parse(lines[Math.floor(lines.length / 2)]).slug };
}

/** Pagefind's site for the same articles, if Pagefind is installed. */
async function pagefind(n, src) {
  try {
    await import('pagefind');
  } catch {
    return { skipped: 'not installed (scripts/dev throttle-bench installs it)' };
  }
  const { pagefindSite } = await import('./bench-peers.mjs');
  return pagefindSite({ srcDir: src, workDir: join(BENCH, `peers-${n}`) });
}

/**
 * One cold visit: a new context, its CPU slowed, `steps` run in order;
 * each step is [name, async (page) => void] and is timed from the start of
 * the visit, with the bytes the server had sent by then.
 */
async function visit(browser, server, url, steps) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(LIMIT_MS);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const from = server.served.length;
  const sent = () => server.served.slice(from).reduce((sum, s) => sum + s.bytes, 0);
  const out = {};
  const t0 = Date.now();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    for (const [name, step] of steps) {
      await step(page);
      out[name] = { ms: Date.now() - t0, bytes: sent() };
    }
  } catch (error) {
    out.failed = String(error.message).split('\n')[0];
  }
  await context.close();
  return out;
}

const rows = [];
const browser = await launch();
for (const n of sizes) {
  console.error(`== ${n} articles: building the site`);
  const ours = site(n);
  const peer = await pagefind(n, ours.src);
  if (peer.failed || peer.skipped) console.error(`   Pagefind: ${peer.failed ?? peer.skipped}`);
  for (const profile of profiles) {
    const link = PROFILES[profile];
    const server = await startServer({ root: ours.dir, link });
    const list = await visit(browser, server, server.url, [
      ['list reads', (page) => page.locator('.card-title a').first().waitFor()],
      ['reader ready', (page) => page.locator('html[data-reader-ready="/"]').waitFor()],
      ['filters usable', async (page) => {
        await page.locator('aside.facets').dispatchEvent('pointerdown');
        await page.locator('aside.facets[data-ready="true"]').waitFor();
      }],
    ]);
    const article = await visit(browser, server, `${server.url}articles/${ours.slug}`, [
      ['article reads', (page) => page.locator('.article-body p').first().waitFor()],
    ]);
    const search = await visit(browser, server, `${server.url}?q=${encodeURIComponent(query)}`, [
      // A card with a matched word marked: the reader's results, readable.
      ['search results', (page) => page.locator('section.list ol.cards li mark').first().waitFor()],
      // Everything settled, the filters' counts for the results included.
      ['search settled', (page) => page.locator(`html[data-reader-ready="/?q=${encodeURIComponent(query)}"]`).waitFor()],
    ]);
    await server.close();
    let theirs = { skipped: peer.failed ?? peer.skipped };
    if (peer.site) {
      const server = await startServer({ root: peer.site, link });
      theirs = await visit(browser, server, `${server.url}search.html?q=${encodeURIComponent(query)}`, [
        ['search results', (page) => page.waitForFunction(() => window.cold, null, { timeout: LIMIT_MS }).then((h) => h.jsonValue())],
      ]);
      await server.close();
    }
    const row = { n, profile, list, article, search, pagefind: theirs };
    rows.push(row);
    console.error(`   ${profile}: ${JSON.stringify(row)}`);
  }
}
await browser.close();

const s = (m) => (m ? `${(m.ms / 1000).toFixed(1)} s` : '—');
const kb = (m) => (m ? `${(m.bytes / 1024).toFixed(0)} KB` : '—');
const at = (m) => (m ? `${s(m)} · ${kb(m)}` : '—');
const ratio = (theirs, ours) => (theirs && ours ? ` (${(theirs.ms / ours.ms).toFixed(1)}×)` : '');
console.log(`CPU ${CPU_SLOWDOWN}× slower; query "${query}"; each cell: time from navigation · bytes sent by then.\n`);
console.log('| articles | link | list reads | reader ready | filters usable | article from a deep link | search from a link: results | settled | Pagefind: search results from a link (its time ÷ ours) |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const failed = [r.list, r.article, r.search].map((v) => v.failed).filter(Boolean);
  const peer = r.pagefind['search results'];
  const peerCell = peer ? `${at(peer)}${ratio(peer, r.search['search results'])}` : (r.pagefind.failed ?? r.pagefind.skipped ?? '—');
  console.log(`| ${r.n} | ${r.profile} | ${at(r.list['list reads'])} | ${at(r.list['reader ready'])} | ${at(r.list['filters usable'])} | ${at(r.article['article reads'])} | ${at(r.search['search results'])} | ${at(r.search['search settled'])} | ${peerCell} |`);
  for (const f of failed) console.log(`\nA visit failed (${r.n}, ${r.profile}): ${f}`);
}
