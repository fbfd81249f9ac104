// On demand (not a test): what an offline reader fetches when a large
// archive it saved whole gets a new edition, in Chromium with the real
// service worker, over 127.0.0.1 from the Pages-like static server (gzip).
//
//   node scripts/editions-bench.mjs --articles 100000
//
// Needs `scripts/dev dist` (the reader) and the release binaries
// (`cargo build --release -p broadsheet-builder -p broadsheet-dev`). The
// archive is `broadsheet-dev synth --seed 1` (shared with bench.mjs and
// churn.mjs, in target/bench/), built without article pages (the reader
// never fetches them). The reader saves it whole; one article dated the day
// after the newest is added and built; the page is reloaded, saves the new
// edition ahead and switches. Prints a table for BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/e2e/support.mjs';
import { snapshot } from './snapshot.mjs';
import { startServer } from './static-server.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'target/release/broadsheet');
const DEV = join(ROOT, 'target/release/broadsheet-dev');
const args = process.argv.slice(2);
const n = Number(args[args.indexOf('--articles') + 1] || 10000);
for (const bin of [BIN, DEV]) {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: cargo build --release -p broadsheet-builder -p broadsheet-dev`);
}
if (!existsSync(join(ROOT, 'dist/index.html'))) throw new Error('dist/ is missing: scripts/dev dist');

const original = join(ROOT, `target/bench/src-${n}`);
if (!existsSync(original)) execFileSync(DEV, ['synth', '--articles', String(n), '--seed', '1', '--out', original], { stdio: 'inherit' });
const work = join(ROOT, 'target/editions');
const site = join(work, 'site');
const extra = join(work, 'extra');
rmSync(work, { recursive: true, force: true });
mkdirSync(extra, { recursive: true });
cpSync(join(ROOT, 'dist'), site, { recursive: true });
rmSync(join(site, 'bundle'), { recursive: true, force: true });
rmSync(join(site, 'articles'), { recursive: true, force: true });

const server = await startServer({ root: site });
const build = () => execFileSync(BIN, ['build', original, extra, '--out', join(site, 'bundle'), '--url', server.url,
  '--site-files', site, '--no-article-pages', '--cache', join(work, 'cache')], { stdio: 'pipe' });
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const served = (from) => server.served.slice(from).reduce((sum, s) => sum + s.bytes, 0);

console.error(`building ${n} articles…`);
build();
const first = snapshot(site, { gzip: true });
const browser = await launch();
const context = await browser.newContext();
context.setDefaultTimeout(60 * 60 * 1000);
const page = await context.newPage();
await page.goto(server.url);
await page.waitForFunction(() => document.documentElement.hasAttribute('data-reader-ready'));
await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
console.error('saving the whole archive in the browser…');
let from = server.served.length;
let started = Date.now();
await page.locator('button.save-all').click();
await page.locator('.save-status', { hasText: 'The whole archive is saved on this device' }).waitFor();
const save = { ms: Date.now() - started, bytes: served(from) };

// One new article, dated the day after the newest.
const newest = JSON.parse(execFileSync(BIN, ['ls', join(site, 'bundle'), '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 }).split('\n')[0]);
const day = new Date(Date.parse(newest.date) + 86400000).toISOString().slice(0, 10);
writeFileSync(join(extra, 'a-new-report.md'), `---\ntitle: "A new report"\ndate: ${day}\nsection: Reports\n---\n${'New words for a new day. '.repeat(40)}\n`);
build();
const now = snapshot(site, { gzip: true });
// What the reader fetches: the bundle and the app shell its worker seals
// (not the sitemaps, feeds or 404 page, which change too).
const sealed = readFileSync(join(site, 'sw.js'), 'utf8');
const shellList = new Set([...JSON.parse(sealed.match(/const SHELL = (\[.*?\]);/)[1]), 'sw.js']);
const reader = (path) => path.startsWith('bundle/') || shellList.has(path);
const fresh = [...now].filter(([path, f]) => reader(path) && first.get(path)?.hash !== f.hash);
const news = { files: fresh.length, raw: fresh.reduce((s, [, f]) => s + f.size, 0), gzip: fresh.reduce((s, [, f]) => s + f.gzip, 0) };

console.error('the new edition…');
from = server.served.length;
started = Date.now();
await page.reload();
await page.locator('.edition-banner', { hasText: 'It is saved on this device: it reads offline.' }).waitFor();
const update = { ms: Date.now() - started, bytes: served(from) };
// What the update sent beyond the new files (to stderr: where a ratio above 1 comes from).
const freshPaths = new Set(fresh.map(([path]) => path));
const extraSent = server.served.slice(from).filter((s) => !freshPaths.has(s.path.replace(/^\//, '')) && s.bytes > 0);
for (const s of extraSent.sort((a, b) => b.bytes - a.bytes).slice(0, 20)) console.error(`  sent, not new: ${s.path} ${s.status} ${s.bytes} B`);
console.error(`  sent, not new: ${extraSent.length} answers, ${mb(extraSent.reduce((sum, s) => sum + s.bytes, 0))}`);
await page.locator('.edition-banner button.switch-edition').click();
await page.locator('.save-status', { hasText: 'The whole archive is saved on this device' }).waitFor();
await page.locator('.offline .kept').waitFor();
const cache = await page.evaluate(async () => {
  let bytes = 0;
  for (const key of await caches.keys()) {
    const c = await caches.open(key);
    for (const request of await c.keys()) bytes += (await (await c.match(request)).arrayBuffer()).byteLength;
  }
  return bytes;
});
const shell = [...now].filter(([p]) => shellList.has(p)).reduce((s, [, f]) => s + f.size, 0);
const edition = [...now].filter(([p]) => p.startsWith('bundle/')).reduce((s, [, f]) => s + f.size, 0) + shell;
await browser.close();
await server.close();

console.log(`### What an offline reader fetches for a new edition (${n} articles, ${new Date().toISOString().slice(0, 10)})\n`);
console.log('| step | time | bytes sent (gzip) | against |');
console.log('|---|---:|---:|---|');
console.log(`| save the whole archive | ${seconds(save.ms)} | ${mb(save.bytes)} | the edition ${mb(edition)} raw |`);
console.log(`| one new article: save the new edition ahead | ${seconds(update.ms)} | ${mb(update.bytes)} | its ${news.files} new files: ${mb(news.gzip)} gzip (${mb(news.raw)} raw), ratio ${(update.bytes / news.gzip).toFixed(2)} |`);
console.log(`| the device's caches after the switch | | ${mb(cache)} | the edition ${mb(edition)}: ratio ${(cache / edition).toFixed(3)} |`);
