// End-to-end: offline reading and safe updates, in Chromium. A copy of dist/
// is served (so a new edition can be published into it); "offline" is both
// Playwright's offline mode and the host itself gone (the server closed),
// so nothing can come from the network.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../../scripts/static-server.mjs';
import { DIST, articlesText, launch, listArticles } from './support.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const BROADSHEET = join(ROOT, 'target/debug/broadsheet');
const problems = [];
let work;
let server;
let port;
let browser;
let articles;

/** Failed requests are expected here (that is what offline means). */
const expected = (text) => /ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|ERR_FAILED|Failed to fetch|status of 404/.test(text);

async function serveWork() {
  server = await startServer({ root: work, port: port ?? 0 });
  port = new URL(server.url).port;
}

async function goOffline(context) {
  await context.setOffline(true);
  await server.close();
}

async function newPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { context, page };
}

/** Opens the list and waits until the service worker controls the page. */
async function openControlled(page) {
  await page.goto(server.url);
  await page.locator('.cards .card').first().waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'broadsheet-offline-'));
  cpSync(DIST, work, { recursive: true });
  articles = listArticles(join(work, 'bundle'));
  await serveWork();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('offline reading', () => {
  test('the app and the articles opened stay readable; others say clearly why not', async () => {
    const { context, page } = await newPage();
    await openControlled(page);
    const read = articles[0];
    const unread = articles.at(-1);
    await page.goto(`${server.url}articles/${read.slug}`);
    await page.locator('.article-body p').first().waitFor();

    await goOffline(context);
    await page.goto(server.url);
    await page.locator('.cards .card').first().waitFor();
    assert.equal(await page.locator('.count').textContent(), articlesText(articles.length));
    await page.goto(`${server.url}articles/${read.slug}`);
    await page.locator('.article-body p').first().waitFor();
    assert.equal(await page.locator('h1').textContent(), read.title);

    await page.goto(`${server.url}articles/${unread.slug}`);
    const notice = page.locator('.error-panel');
    await notice.waitFor();
    assert.match(await notice.textContent(), /^You are offline, and this is not saved on this device/);
    assert.match(await notice.textContent(), /save the whole archive while online/);
    await context.close();
    await serveWork();
  });

  test('saving the whole archive shows its size and progress, then everything reads offline', async () => {
    const { context, page } = await newPage();
    await openControlled(page);
    const button = page.locator('button.save-all');
    assert.match(await button.textContent(), /^Save the whole archive \((\d+ KB|\d+\.\d MB)\)$/);
    await button.click();
    await page.locator('.save-status', { hasText: 'The whole archive is saved on this device' }).waitFor();

    await goOffline(context);
    for (const article of [articles.at(-1), articles[Math.floor(articles.length / 2)]]) {
      await page.goto(`${server.url}articles/${article.slug}`);
      await page.locator('.article-body p').first().waitFor();
      assert.equal(await page.locator('h1').textContent(), article.title);
    }
    // Search works offline too: its index was saved with the rest.
    await page.goto(`${server.url}?q=${encodeURIComponent('convention')}`);
    await page.locator('.cards .card').first().waitFor();
    await context.close();
    await serveWork();
  });
});

describe('a new edition', () => {
  test('is announced, never mixed with the old one, and taken whole on reload', async () => {
    const { context, page } = await newPage();
    await openControlled(page);
    assert.equal(await page.locator('.count').textContent(), articlesText(articles.length));

    // Publish: the sample plus one article, rebuilt into the served folder.
    const content = mkdtempSync(join(tmpdir(), 'broadsheet-content-'));
    cpSync(join(ROOT, 'content'), content, { recursive: true });
    writeFileSync(join(content, 'articles', 'new-edition.md'),
      '---\ntitle: "A report added in the new edition"\ndate: 2026-11-20\nsection: Reports\n---\nIt arrived with the new edition.\n');
    execFileSync(BROADSHEET, ['build', content, '--out', join(work, 'bundle'),
      '--url', server.url, '--site-files', work], { stdio: 'pipe' });
    execFileSync('node', [join(ROOT, 'scripts/edition.mjs'), work], { stdio: 'pipe' });
    rmSync(content, { recursive: true, force: true });

    await page.reload();
    await page.locator('.edition-banner').waitFor();
    // Until the reader chooses, the page is the old edition, whole.
    assert.equal(await page.locator('.count').textContent(), articlesText(articles.length));
    await page.locator('.edition-banner button').click();
    await page.locator('.count', { hasText: articlesText(articles.length + 1) }).waitFor();
    assert.equal(await page.locator('.card-title').first().textContent(), 'A report added in the new edition');
    assert.equal(await page.locator('.edition-banner').count(), 0);
    const editions = await page.evaluate(async () =>
      (await caches.keys()).filter((k) => k.startsWith('broadsheet-edition-')));
    assert.equal(editions.length, 1, `old editions are deleted: ${editions}`);
    await context.close();
  });
});

test('no page raised an error or logged an unexpected one', () => {
  assert.deepEqual(problems, []);
});
