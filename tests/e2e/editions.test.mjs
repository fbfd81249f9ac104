// End-to-end: readers and mirrors follow new editions by their delta, in
// Chromium with the real service worker. A 1,000-article archive (written
// here, from a fixed seed) is saved whole on a device; editions adding 1,
// 10 and 100 articles follow. For each: the bytes the server sends while
// the device brings its copy up to date, against the gzip bytes of the
// edition's new files; the device's caches after it switched, against the
// edition's size; every file of the new edition kept; articles read
// offline. A second device misses two editions and fetches the union of
// their deltas once. Last, a mirror updated by `broadsheet mirror`, read
// with one shard corrupted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { startServer } from '../../scripts/static-server.mjs';
import { snapshot as snapshotOf } from '../../scripts/snapshot.mjs';
import { BROADSHEET, DIST, appReady, articlesText, bundleFiles, exactly, launch, listArticles, readStored } from './support.mjs';

/** Every file of the served folder, with gzip sizes. */
const snapshot = () => snapshotOf(work, { gzip: true });

const problems = [];
let root;
let work;
let content;
let server;
let port;
let browser;
/** Per request path, a handler that replaces the file (see static-server). */
const overrides = {};
/** What every edition measured, printed at the end for BENCHMARKS.md. */
const measured = [];

// A small deterministic generator (the archive is the same on every run).
let seed = 20261202;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const WORDS = ('union school convention workers harvest wages strike meeting report council teachers '
  + 'students farmers river election press freedom rights court dock textile brick kiln contract '
  + 'monsoon flood relief march rally assembly district village market price fuel ration housing '
  + 'health clinic water railway port mill garment hours pay leave committee delegates resolution').split(' ');
const SECTIONS = ['News', 'Reports', 'Analysis', 'Interviews'];
const REGIONS = ['India', 'Pakistan', 'Kashmir', 'Hong Kong', 'Myanmar', 'Sri Lanka'];
let written = 0;

/** Writes `n` articles, each dated a day after the last. */
function writeArticles(n) {
  for (let i = 0; i < n; i += 1) {
    const day = new Date(Date.UTC(2021, 0, 1) + written * 86400000).toISOString().slice(0, 10);
    const title = `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} ${written}`;
    const words = Array.from({ length: 120 + Math.floor(random() * 300) }, () => pick(WORDS));
    const paragraphs = [];
    for (let at = 0; at < words.length; at += 60) paragraphs.push(`${words.slice(at, at + 60).join(' ')}.`);
    writeFileSync(join(content, `a-${written}.md`), `---\ntitle: "${title}"\ndate: ${day}\n`
      + `section: ${pick(SECTIONS)}\ncountry: ${pick(REGIONS)}\ntags: [${pick(WORDS)}]\n---\n${paragraphs.join('\n\n')}\n`);
    written += 1;
  }
}

function build() {
  execFileSync(BROADSHEET, ['build', content, '--out', join(work, 'bundle'), '--url', server.url,
    '--site-files', work, '--cache', join(root, 'cache')], { stdio: 'pipe' });
}

/** The app shell the site's worker seals (its SHELL list) and the worker. */
function shellFiles() {
  const sw = readFileSync(join(work, 'sw.js'), 'utf8');
  return [...JSON.parse(sw.match(/const SHELL = (\[.*?\]);/)[1]), 'sw.js'];
}

/** The files of `now` a reader of `then` has not got — the bundle and the
 *  app shell (what the reader fetches; article pages, feeds and sitemaps
 *  are for other visitors) — and their gzip bytes. */
function delta(then, now) {
  const shell = new Set(shellFiles());
  const reader = (path) => path.startsWith('bundle/') || shell.has(path);
  const files = [...now].filter(([path, f]) => reader(path) && then.get(path)?.hash !== f.hash);
  return { files: files.length, gzip: files.reduce((sum, [, f]) => sum + f.gzip, 0) };
}

/** Bytes of an edition: its shell (what its worker seals) and its bundle. */
function editionBytes(snap, { shell = true } = {}) {
  const files = [...new Set(Object.values(bundleFiles(join(work, 'bundle'))).filter(Array.isArray).flat())];
  return [...(shell ? shellFiles() : []), ...files.map((f) => `bundle/${f}`)].reduce((sum, p) => sum + (snap.get(p)?.size ?? 0), 0);
}

async function serveWork() {
  server = await startServer({ root: work, port: port ?? 0, overrides });
  port = new URL(server.url).port;
}

const expected = (text) => /ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|ERR_FAILED|Failed to fetch/.test(text);

/** A fresh device on the archive, its page controlled by the worker
 *  (`init`: a script every page of it runs first). */
async function controlled(init) {
  const context = await browser.newContext();
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected(m.text())) problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  await page.goto(server.url);
  await page.locator('.cards .card').first().waitFor();
  await appReady(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return { context, page };
}

/** A device that saved the whole archive. */
async function newDevice() {
  const { context, page } = await controlled();
  await page.locator('button.save-all').click();
  await page.locator('.save-status', { hasText: 'The whole archive is saved on this device' }).waitFor();
  return { context, page };
}

/** Bytes the page's caches hold for this archive, and the bundle paths kept. */
function cached(page) {
  return page.evaluate(async () => {
    let bytes = 0;
    let bundleBytes = 0;
    const paths = [];
    for (const key of await caches.keys()) {
      if (!key.startsWith('broadsheet:/:')) continue;
      const cache = await caches.open(key);
      for (const request of await cache.keys()) {
        const size = (await (await cache.match(request)).arrayBuffer()).byteLength;
        bytes += size;
        const path = new URL(request.url).pathname;
        if (path.startsWith('/bundle/')) {
          paths.push(path.slice('/bundle/'.length));
          bundleBytes += size;
        }
      }
    }
    return { bytes, bundleBytes, paths };
  });
}

const served = (from) => server.served.slice(from).reduce((sum, s) => sum + s.bytes, 0);

/** Brings `page` (saved whole) up to the edition on the server: its new
 *  files saved ahead, then the switch; returns the bytes served. */
async function follow(page, articles, during) {
  const from = server.served.length;
  await page.reload();
  const banner = page.locator('.edition-banner');
  await banner.waitFor();
  if (during) await during();
  await banner.filter({ hasText: 'It is saved on this device: it reads offline.' }).waitFor({ timeout: 120000 });
  const bytes = served(from);
  await page.locator('.edition-banner button.switch-edition').click();
  await page.locator('.count', { hasText: exactly(articlesText(articles)) }).waitFor();
  await page.locator('.save-status', { hasText: 'The whole archive is saved on this device' }).waitFor();
  // The device is tidied once the page is up.
  await page.locator('.offline .kept').waitFor();
  return bytes;
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'broadsheet-editions-'));
  work = join(root, 'site');
  content = join(root, 'content');
  mkdirSync(content);
  cpSync(DIST, work, { recursive: true });
  rmSync(join(work, 'bundle'), { recursive: true, force: true });
  writeArticles(1000);
  await serveWork();
  build();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

test('a saved archive follows editions of 1, 10 and 100 new articles by their delta', { timeout: 600000 }, async () => {
  const first = snapshot();
  const a = await newDevice();
  const b = await newDevice();
  let previous = first;
  for (const added of [1, 10, 100]) {
    writeArticles(added);
    build();
    const now = snapshot();
    const news = delta(previous, now);
    const articles = listArticles(join(work, 'bundle'));
    // The biggest edition is downloaded slowly, to read the old one meanwhile.
    const slow = added === 100;
    if (slow) {
      for (const [path] of [...now].filter(([p, f]) => p.startsWith('bundle/') && previous.get(p)?.hash !== f.hash)) {
        if (path === 'bundle/manifest.json') continue;
        // Compressed, as the server sends it.
        overrides[`/${path}`] = (req, res) => setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          res.end(gzipSync(readFileSync(join(work, path))));
        }, 40);
      }
    }
    const oldCount = await a.page.locator('.count').textContent();
    const bytes = await follow(a.page, articles.length, slow ? async () => {
      await a.page.locator('.edition-banner', { hasText: 'Saving it on this device' }).waitFor();
      // Reading goes on in the old edition while the new one downloads.
      await a.page.locator('.card-title a').nth(3).click();
      await a.page.locator('.article-body p').first().waitFor();
      assert.ok((await a.page.locator('h1').textContent()).length > 0);
      assert.ok(await a.page.locator('.edition-banner', { hasText: 'Saving it on this device' }).count() === 1,
        'the download goes on while an article is read');
      await a.page.goBack();
      assert.equal(await a.page.locator('.count').textContent(), oldCount, 'still the old edition');
    } : null);
    for (const key of Object.keys(overrides)) delete overrides[key];
    const cache = await cached(a.page);
    const size = editionBytes(now);
    measured.push({ added, newFiles: news.files, newGzip: news.gzip, fetched: bytes, ratio: +(bytes / news.gzip).toFixed(2), cache: cache.bytes, edition: size, cacheRatio: +(cache.bytes / size).toFixed(3) });
    assert.ok(bytes <= 1.5 * news.gzip, `+${added}: fetched ${bytes} B for ${news.gzip} B of new files (gzip)`);
    assert.ok(cache.bytes <= 1.1 * size, `+${added}: the device keeps ${cache.bytes} B for an edition of ${size} B`);
    // Every file of the new edition is on the device.
    const kept = new Set(cache.paths);
    const all = [...new Set(Object.values(bundleFiles(join(work, 'bundle'))).filter(Array.isArray).flat())];
    assert.deepEqual(all.filter((p) => !kept.has(p)), [], 'every file of the edition is kept');
    previous = now;
  }

  // Device b saved the first edition and missed two: it fetches the union
  // of their deltas, once.
  const missed = delta(first, previous);
  const articles = listArticles(join(work, 'bundle'));
  // By then its browser's HTTP cache is gone (a save of a large archive
  // evicts it, and so does time): the shell that did not change must come
  // from the device's own caches, not be downloaded again.
  await (await b.context.newCDPSession(b.page)).send('Network.clearBrowserCache');
  const bytes = await follow(b.page, articles.length);
  measured.push({ added: 'missed two (111)', newFiles: missed.files, newGzip: missed.gzip, fetched: bytes, ratio: +(bytes / missed.gzip).toFixed(2) });
  assert.ok(bytes <= 1.5 * missed.gzip, `two editions missed: fetched ${bytes} B for ${missed.gzip} B of new files`);
  const cache = await cached(b.page);
  assert.ok(cache.bytes <= 1.1 * editionBytes(previous), `the device keeps ${cache.bytes} B`);

  // Offline, the newest and the oldest articles read on both devices.
  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await server.close();
  for (const { page } of [a, b]) {
    for (const article of [articles[0], articles[Math.floor(articles.length / 2)], articles.at(-1)]) {
      await page.goto(`${server.url}articles/${article.slug}`);
      await appReady(page);
      await page.locator('.article-body p').first().waitFor();
      assert.equal(await page.locator('h1').textContent(), article.title);
    }
  }
  await a.context.close();
  await b.context.close();
  await serveWork();
  console.log(`# editions measured: ${JSON.stringify(measured)}`);
});

test('a device that kept only the articles it opened keeps them, updated, across an edition', async () => {
  const { context, page } = await controlled();
  // The newest articles: the new edition moves them within their segment,
  // so the files that hold them are new files.
  const opened = listArticles(join(work, 'bundle')).slice(0, 3);
  for (const article of opened) {
    await page.goto(`${server.url}articles/${article.slug}`);
    await appReady(page);
    await page.locator('.article-body p').first().waitFor();
  }
  const before = await cached(page);
  writeArticles(1);
  build();
  const now = new Set([...new Set(Object.values(bundleFiles(join(work, 'bundle'))).filter(Array.isArray).flat())]);
  assert.ok(before.paths.some((p) => p.startsWith('bodies/') && !now.has(p)), 'an opened article moved to a new file');
  await page.goto(server.url);
  await appReady(page);
  await page.locator('.edition-banner button.switch-edition').click();
  await page.locator('.count', { hasText: exactly(articlesText(written)) }).waitFor();
  await page.locator('.offline .kept').waitFor();
  const after = await cached(page);
  assert.deepEqual(after.paths.filter((p) => !now.has(p)), [], 'nothing of the old edition is kept');
  // The bundle only: the app shell, kept whole, weighs as much as a
  // small archive's bundle (cards and bodies are stored gzipped).
  const kept = after.bundleBytes / editionBytes(snapshot(), { shell: false });
  assert.ok(kept < 0.5, `still only part of the archive (${(kept * 100).toFixed(0)} % of its bundle)`);
  await context.setOffline(true);
  await server.close();
  for (const article of opened) {
    await page.goto(`${server.url}articles/${article.slug}`);
    await appReady(page);
    await page.locator('.article-body p').first().waitFor();
    assert.equal(await page.locator('h1').textContent(), article.title);
  }
  await context.close();
  await serveWork();
});

test('a mirror brought up to date by broadsheet mirror serves the edition; a corrupted shard is caught', async () => {
  const mirrorDir = join(root, 'mirror');
  const run = (...extra) => execFileSync(BROADSHEET, ['mirror', work, mirrorDir, ...extra], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  run();
  writeArticles(1);
  build();
  const report = execFileSync(BROADSHEET, ['mirror', work, mirrorDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(report, '', 'the report goes to stderr');
  const mirror = await startServer({ root: mirrorDir });
  try {
    const articles = listArticles(join(mirrorDir, 'bundle'));
    assert.equal(articles.length, written);
    // One body shard of the mirror is corrupted (same name, other bytes).
    const newest = articles[0];
    const { bodies } = bundleFiles(join(mirrorDir, 'bundle'));
    const damaged = bodies.find((p) => readStored(join(mirrorDir, 'bundle', p)).toString('utf8').includes(newest.id ?? newest.slug)) ?? bodies[0];
    const file = join(mirrorDir, 'bundle', damaged);
    const original = readFileSync(file);
    const text = readStored(file).toString('utf8');
    assert.match(text, /union|school|workers/);
    const altered = Buffer.from(text.replace(/union|school|workers/, 'XXXXX'));
    writeFileSync(file, damaged.endsWith('.gz') ? gzipSync(altered) : altered);
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = [];
    page.on('console', (m) => { if (m.type() === 'error') seen.push(m.text()); });
    await page.goto(mirror.url);
    await appReady(page);
    // Find an article of the damaged shard: the newest one is in the first.
    const readable = [];
    for (const article of articles.slice(0, 40)) {
      await page.goto(`${mirror.url}articles/${article.slug}`);
      await appReady(page);
      const panel = page.locator('.error-panel, .article-body p');
      await panel.first().waitFor();
      if (await page.locator('.error-panel').count()) {
        const text = await page.locator('.error-panel').textContent();
        assert.match(text, /damaged/i);
        assert.ok(text.includes(damaged), `the panel names the file: ${text}`);
        readable.push(false);
        break;
      }
      readable.push(true);
    }
    assert.equal(readable.at(-1), false, 'an article of the corrupted shard is refused, not shown');
    await context.close();
    // --verify finds it and puts the right file back.
    const stderr = execFileSync(BROADSHEET, ['mirror', work, mirrorDir, '--verify'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    assert.equal(readFileSync(file).toString('hex'), original.toString('hex'));
    void stderr;
  } finally {
    await mirror.close();
  }
});

test('a device without room for the archive says so, and keeps nothing half-saved', async () => {
  const { context, page } = await controlled();
  const before = await cached(page);
  // The origin may keep a little more than it holds now: room for half of
  // what the device lacks of the archive, not the archive.
  const lacking = editionBytes(snapshot(), { shell: false }) - before.bundleBytes;
  assert.ok(lacking > 600_000, `the archive is large enough to test with (${lacking} B to save)`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin, quotaSize: before.bytes + Math.floor(lacking / 2) });
  await page.locator('button.save-all').click();
  const status = page.locator('.save-status[role=alert]');
  await status.waitFor({ timeout: 60000 });
  assert.match(await status.textContent(), /^Saving stopped: this device has no room left for it \(it needed .* more\); nothing of this download was kept\./);
  const after = await cached(page);
  // What the page kept while it showed the list may stay; nothing of the save does.
  assert.ok(after.bytes <= before.bytes + 300_000, `kept ${after.bytes - before.bytes} B of a failed save`);
  assert.equal(await page.locator('.save-status', { hasText: 'The whole archive is saved' }).count(), 0);
  await context.close();
});

test('on a metered connection the update says what it costs and waits to be asked', async () => {
  // The Network Information API, as a phone on mobile data with Data Saver.
  const { context, page } = await controlled(() => {
    Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true, type: 'cellular' }) });
  });
  await page.locator('button.save-all').click();
  await page.locator('.save-status', { hasText: 'The whole archive is saved on this device' }).waitFor();
  writeArticles(2);
  build();
  await page.reload();
  const banner = page.locator('.edition-banner');
  await banner.filter({ hasText: 'A new edition of this archive is available: 2 new articles.' }).waitFor();
  const cost = banner.locator('.ahead', { hasText: 'Keeping it saved on this device downloads' });
  await cost.waitFor();
  const stated = (await cost.textContent()).match(/downloads (\d+) KB/);
  assert.ok(stated, await cost.textContent());
  // Nothing more is fetched until the reader says so.
  const from = server.served.length;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(served(from), 0, 'nothing downloaded before the reader asks');
  await banner.locator('button.save-ahead', { hasText: `Download it (${stated[1]} KB)` }).click();
  await banner.filter({ hasText: 'It is saved on this device: it reads offline.' }).waitFor();
  // The bytes sent (gzip) are no more than the stated size (before compression).
  assert.ok(served(from) <= Number(stated[1]) * 1000, `${served(from)} B for ${stated[1]} KB stated`);
  await context.close();
});

test('no page raised an error or logged an unexpected one', () => {
  assert.deepEqual(problems, []);
});
