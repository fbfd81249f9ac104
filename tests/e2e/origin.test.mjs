// End-to-end: several sites on one origin, as GitHub Pages serves a user's
// project sites (`you.github.io/` and `you.github.io/broadsheet/`). An
// archive at the root, a second archive under `/broadsheet/` and a plain
// page under `/other/`: each archive's service worker keeps to its own
// pages and its own caches.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../../scripts/static-server.mjs';
import { DIST, DIST_SUBPATH, appReady, launch, listArticles } from './support.mjs';

const SUBPATH = DIST_SUBPATH;
const problems = [];
let work;
let server;
let port;
let browser;

/** Failed requests are expected once offline. */
const expected = (text) => /ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|ERR_FAILED|Failed to fetch/.test(text);

async function serveWork() {
  server = await startServer({
    root: join(work, 'root'),
    port: port ?? 0,
    mounts: { '/broadsheet/': join(work, 'sub') },
  });
  port = new URL(server.url).port;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'broadsheet-origin-'));
  cpSync(DIST, join(work, 'root'), { recursive: true });
  cpSync(SUBPATH, join(work, 'sub'), { recursive: true });
  mkdirSync(join(work, 'root/other'));
  writeFileSync(join(work, 'root/other/index.html'),
    '<!doctype html><html lang="en"><title>Other</title><link rel="icon" href="data:,"><h1>A plain page</h1></html>');
  await serveWork();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Opens an archive's list and waits until its own worker controls it. */
async function openArchive(page, url) {
  await page.goto(url);
  await appReady(page);
  await page.locator('.cards .card').first().waitFor();
  await appReady(page);
  await page.waitForFunction((scope) => navigator.serviceWorker.controller?.scriptURL === `${scope}sw.js`, url);
}

test('a root archive leaves other pages and a sub-path archive alone, and neither deletes the other\'s offline copy', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected(m.text())) problems.push(`console: ${m.text()}`);
  });
  const root = server.url;
  const sub = `${root}broadsheet/`;
  const rootArticle = listArticles(join(work, 'root/bundle'))[0];
  const subArticle = listArticles(join(work, 'sub/bundle')).at(-1);

  // The root archive first: its worker's scope holds every path below.
  await openArchive(page, root);
  await page.goto(`${root}articles/${rootArticle.slug}`);
  await appReady(page);
  await page.locator('.article-body p').first().waitFor();
  await appReady(page);

  // A plain page beside it stays itself, not the root reader's "Not found".
  await page.goto(`${root}other/`);
  assert.equal(await page.locator('h1').textContent(), 'A plain page');
  assert.equal(await page.locator('.masthead').count(), 0);

  // The second archive, visited for the first time, is itself too.
  await openArchive(page, sub);
  assert.equal(await page.locator('base').getAttribute('href'), '/broadsheet/');
  await page.goto(`${sub}articles/${subArticle.slug}`);
  await appReady(page);
  await page.locator('.article-body p').first().waitFor();
  await appReady(page);
  assert.equal(await page.locator('h1').textContent(), subArticle.title);

  // Each keeps caches of its own; activating the second left the first's.
  const keys = await page.evaluate(async () => (await caches.keys()).sort());
  assert.equal(keys.filter((k) => k.startsWith('broadsheet:/:edition-')).length, 1, `${keys}`);
  assert.equal(keys.filter((k) => k.startsWith('broadsheet:/broadsheet/:edition-')).length, 1, `${keys}`);

  // Offline, both read: the lists and the articles opened.
  await context.setOffline(true);
  await server.close();
  for (const [base, article] of [[root, rootArticle], [sub, subArticle]]) {
    await page.goto(base);
    await appReady(page);
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);
    await page.goto(`${base}articles/${article.slug}`);
    await appReady(page);
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    assert.equal(await page.locator('h1').textContent(), article.title, base);
  }
  await context.close();
  await serveWork();
});

test('no page raised an error or logged an unexpected one', () => {
  assert.deepEqual(problems, []);
});
