// Lighthouse (mobile preset: a mid-range phone on slow 4G, simulated) on the
// list and three articles of the sample archive (one plain, one with a picture, one with three), served from dist/ on 127.0.0.1
// by our static server, in Debian's Chromium. Prints a table; the scores go
// into BENCHMARKS.md. `scripts/dev screenshots` runs it (installing npm
// `lighthouse` on demand); or, after `scripts/dev dist` and
// `npm install --no-save lighthouse@13.5.0`:
//   node scripts/lighthouse.mjs [runs per page, default 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { listArticles, serve } from '../tests/e2e/support.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const articles = listArticles();
const server = await serve();
// The article with the sample's first picture (a 1600 px drawing, shown
// through srcset) besides the newest one.
const pictured = articles.find((a) => a.slug.includes('brick-kiln-workers'));
// The article with three pictures (issue 22's Lighthouse target).
const three = articles.find((a) => a.title.startsWith('Floods leave farming families in Sindh'));
const pages = [
  ['list', server.url],
  ['article', `${server.url}articles/${articles[0].slug}`],
  ...(pictured ? [['article with a picture', `${server.url}articles/${pictured.slug}`]] : []),
  ...(three ? [['article with three pictures', `${server.url}articles/${three.slug}`]] : []),
];
const profile = mkdtempSync(join(tmpdir(), 'broadsheet-lighthouse-'));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  userDataDir: profile,
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  for (const [name, url] of pages) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
      if (lhr.runtimeError) throw new Error(`${name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      runs.push(lhr);
    }
    const score = (c) => median(runs.map((r) => Math.round(r.categories[c].score * 100)));
    const metric = (id) => median(runs.map((r) => r.audits[id].numericValue));
    const perf = runs.map((r) => Math.round(r.categories.performance.score * 100));
    rows.push({ name, range: `${Math.min(...perf)}–${Math.max(...perf)}`, scores: CATEGORIES.map(score), fcp: metric('first-contentful-paint'), lcp: metric('largest-contentful-paint'), tbt: metric('total-blocking-time'), cls: metric('cumulative-layout-shift') });
    const last = runs.at(-1);
    const lcp = last.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
    if (lcp) console.error(`${name}: the largest paint is ${lcp.selector} (${lcp.snippet.slice(0, 80)})`);
    for (const c of CATEGORIES) {
      const failed = last.categories[c].auditRefs
        .map((ref) => last.audits[ref.id])
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
        .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
      if (failed.length && c !== 'performance') console.error(`${name} ${c}: ${failed.join(', ')}`);
      if (c === 'performance') console.error(`${name} performance, below full marks: ${failed.join(', ')}`);
    }
  }
} finally {
  await chrome.kill();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`| page | performance | (runs) | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
for (const r of rows) {
  const [performance, ...others] = r.scores;
  console.log(`| ${r.name} | ${performance} | ${r.range} | ${others.join(' | ')} | ${(r.fcp / 1000).toFixed(2)} s | ${(r.lcp / 1000).toFixed(2)} s | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} |`);
}
console.log(`(median of ${RUNS} runs each; Lighthouse mobile preset, simulated throttling)`);
