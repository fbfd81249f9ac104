// End-to-end: offline reading and safe updates, in Chromium. A copy of dist/
// is served (so a new edition can be published into it); "offline" is both
// Playwright's offline mode and the host itself gone (the server closed),
// so nothing can come from the network.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../../scripts/static-server.mjs';
import { DIST, articlesText, bundleFiles, launch, listArticles, appReady, exactly } from './support.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const BROADSHEET = join(ROOT, 'target/debug/broadsheet');
const problems = [];
let work;
let server;
let port;
let browser;
let articles;
/** Files the server breaks, by URL path (changed by the tests as they go). */
const overrides = {};

/** Every file of a built bundle, by path. */
const allFiles = (dir) => [...new Set(Object.values(bundleFiles(dir)).filter(Array.isArray).flat())];

/** Failed requests are expected here (that is what offline means). */
const expected = (text, url) => /ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|ERR_FAILED|Failed to fetch/.test(text)
  || (/status of 404/.test(text) && !url.includes('/bundle/'))
  // The files a test makes the server refuse.
  || (/status of 503/.test(text) && refused.has(new URL(url).pathname));
const refused = new Set();

async function serveWork() {
  server = await startServer({ root: work, port: port ?? 0, overrides });
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
    if (m.type() === 'error' && !expected(m.text(), m.location().url)) problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  return { context, page };
}

/** Opens the list and waits until the service worker controls the page. */
async function openControlled(page) {
  await page.goto(server.url);
  await page.locator('.cards .card').first().waitFor();
  await appReady(page);
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
    await appReady(page);

    await goOffline(context);
    await page.goto(server.url);
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);
    assert.equal(await page.locator('.count').textContent(), articlesText(articles.length));
    await page.goto(`${server.url}articles/${read.slug}`);
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
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
      await appReady(page);
      assert.equal(await page.locator('h1').textContent(), article.title);
    }
    // Search works offline too: its index was saved with the rest.
    await page.goto(`${server.url}?q=${encodeURIComponent('convention')}`);
    await appReady(page);
    assert.equal(await page.locator('.error-panel').count(), 0);
    assert.match(await page.locator('.count').textContent(), /^\d+ results? for “convention”$/);
    // The articles with the word in their title are among the results.
    const titles = await page.locator('.card-title').allTextContents();
    const titled = articles.filter((a) => /\bconventions?\b/i.test(a.title));
    assert.ok(titled.length > 0);
    for (const a of titled) assert.ok(titles.includes(a.title), `${a.title} found offline`);
    await context.close();
    await serveWork();
  });
});

/** Publishes a new edition into the served folder: the sample plus one
 *  article per title, built by the builder and sealed. */
function publish(titles) {
  const content = mkdtempSync(join(tmpdir(), 'broadsheet-content-'));
  cpSync(join(ROOT, 'content'), content, { recursive: true });
  titles.forEach((title, i) => writeFileSync(join(content, 'articles', `new-edition-${i}.md`),
    `---\ntitle: "${title}"\ndate: 2026-11-2${i}\nsection: Reports\n---\nIt arrived with a new edition.\n`));
  execFileSync(BROADSHEET, ['build', content, '--out', join(work, 'bundle'),
    '--url', server.url, '--site-files', work], { stdio: 'pipe' });
  rmSync(content, { recursive: true, force: true });
}

/** Asks the browser to look for a new edition; resolves to how its
 *  installation ended ('installed' or 'redundant'). */
function installOutcome(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const outcome = new Promise((resolve) => {
      registration.onupdatefound = () => {
        const worker = registration.installing;
        worker.onstatechange = () => {
          if (worker.state === 'installed' || worker.state === 'redundant') resolve(worker.state);
        };
      };
    });
    await registration.update().catch(() => {});
    return outcome;
  });
}

describe('a new edition', () => {
  test('is announced, never mixed with the old one, and taken whole on reload', async () => {
    const { context, page } = await newPage();
    await openControlled(page);
    assert.equal(await page.locator('.count').textContent(), articlesText(articles.length));

    publish(['A report added in the new edition']);

    await page.reload();
    await page.locator('.edition-banner').waitFor();
    // Until the reader chooses, the page is the old edition, whole.
    assert.equal(await page.locator('.count').textContent(), articlesText(articles.length));
    await page.locator('.edition-banner button.switch-edition').click();
    await page.locator('.count', { hasText: exactly(articlesText(articles.length + 1)) }).waitFor();
    assert.equal(await page.locator('.card-title').first().textContent(), 'A report added in the new edition');
    assert.equal(await page.locator('.edition-banner').count(), 0);
    const editions = await page.evaluate(async () =>
      (await caches.keys()).filter((k) => k.startsWith('broadsheet:/:edition-')));
    assert.equal(editions.length, 1, `old editions are deleted: ${editions}`);
    await context.close();
  });
});

describe('an update that fails midway', () => {
  test('is never installed: the saved edition stays whole and readable offline', async () => {
    const { context, page } = await newPage();
    await openControlled(page);
    const before = await page.locator('.count').textContent();
    await page.locator('.card-title a').first().click();
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    const title = await page.locator('h1').textContent();
    await page.goBack();
    const editionsBefore = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('broadsheet:/:edition-')));

    publish(['A report added in the new edition', 'A second report, in an edition that breaks']);
    // The new edition's first card shard arrives cut short.
    const manifest = JSON.parse(readFileSync(join(work, 'bundle/manifest.json'), 'utf8'));
    const head = readFileSync(join(work, 'bundle', manifest.head.path));
    overrides[`/bundle/${manifest.head.path}`] = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(head.subarray(0, head.length >> 1));
    };
    assert.equal(await installOutcome(page), 'redundant', 'the broken edition is refused');
    const editionsAfter = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('broadsheet:/:edition-')));
    assert.deepEqual(editionsAfter, editionsBefore, 'the saved edition is untouched, and nothing half-made is left');
    assert.equal(await page.locator('.edition-banner').count(), 0);

    await goOffline(context);
    await page.reload();
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);
    assert.equal(await page.locator('.count').textContent(), before, 'offline, the saved edition reads as before');
    await page.locator('.card-title a').first().click();
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    assert.equal(await page.locator('h1').textContent(), title);

    // Once the file arrives whole, the edition installs.
    delete overrides[`/bundle/${manifest.head.path}`];
    await serveWork();
    await context.setOffline(false);
    assert.equal(await installOutcome(page), 'installed');
    await context.close();
  });
});

/** Saves the whole archive from the list's footer; returns the status line. */
async function saveWhole(page) {
  await page.locator('button.save-all').click();
  const status = page.locator('.save-status');
  await status.filter({ hasText: 'The whole archive is saved on this device' }).waitFor();
  return status;
}

/** Opens each article and checks the reader shows it. */
async function readEach(page, articles) {
  for (const article of articles) {
    await page.goto(`${server.url}articles/${article.slug}`);
    await appReady(page);
    await page.locator('.article-body p').first().waitFor();
    assert.equal(await page.locator('h1').textContent(), article.title);
  }
}

describe('a saved archive and a new edition', () => {
  test('the new edition is saved ahead while the old one reads, so switching offline works', async () => {
    const { context, page } = await newPage();
    await openControlled(page);
    await saveWhole(page);
    const before = listArticles(join(work, 'bundle'));

    publish(['A report added in the new edition', 'A second report, in an edition that breaks',
      'A third report, for those who saved the archive']);
    const edition = listArticles(join(work, 'bundle'));
    await page.reload();
    const banner = page.locator('.edition-banner');
    const added = edition.length - before.length;
    assert.ok(added > 0);
    await banner.filter({ hasText: `A new edition of this archive is available: ${added} new article${added === 1 ? '' : 's'}.` }).waitFor();
    await banner.filter({ hasText: 'It is saved on this device: it reads offline.' }).waitFor();
    // Until the reader switches, the page is the old edition, whole.
    assert.equal(await page.locator('.count').textContent(), articlesText(before.length));

    // The new edition is taken while offline: it was saved ahead.
    await goOffline(context);
    await page.locator('.edition-banner button.switch-edition').click();
    await page.locator('.count', { hasText: exactly(articlesText(edition.length)) }).waitFor();
    await page.locator('.save-status', { hasText: 'The whole archive is saved on this device' }).waitFor();
    const tried = [edition.find((a) => a.title === 'A third report, for those who saved the archive'),
      edition[Math.floor(edition.length / 2)], edition.at(-1)];
    await readEach(page, tried);
    await context.close();
    await serveWork();
  });

  test('an edition that could not be saved ahead is not claimed saved, and is saved once it can be', async () => {
    const { context, page } = await newPage();
    await openControlled(page);
    const status = await saveWhole(page);
    const heldBefore = new Set(allFiles(join(work, 'bundle')));
    publish(['A fifth report, whose cards arrive broken']);
    const edition = listArticles(join(work, 'bundle'));
    // Every card shard of the new edition's newest segment is refused.
    const broken = allFiles(join(work, 'bundle')).filter((p) => p.startsWith('cards/'))
      .filter((p) => !heldBefore.has(p));
    assert.ok(broken.length > 0);
    for (const p of broken) {
      refused.add(`/bundle/${p}`);
      overrides[`/bundle/${p}`] = (req, res) => { res.writeHead(503); res.end(); };
    }
    await page.reload();
    const banner = page.locator('.edition-banner');
    await banner.filter({ hasText: 'It could not be saved ahead' }).waitFor();
    await page.locator('.edition-banner button.switch-edition').click();
    await page.locator('.count', { hasText: exactly(articlesText(edition.length)) }).waitFor();
    await status.filter({ hasText: /Saving stopped: .*The archive is not wholly saved on this device\.$/ }).waitFor();
    assert.doesNotMatch(await status.textContent(), /whole archive is saved/);

    for (const p of broken) delete overrides[`/bundle/${p}`];
    await page.locator('button.save-all', { hasText: 'Try again' }).click();
    await status.filter({ hasText: 'The whole archive is saved on this device' }).waitFor();
    await goOffline(context);
    await readEach(page, [edition.find((a) => a.title === 'A fifth report, whose cards arrive broken'), edition.at(-1)]);
    await context.close();
    await serveWork();
  });

  test('is brought up to a new edition by itself when the connection allows', async () => {
    const { context, page } = await newPage();
    await openControlled(page);
    const status = await saveWhole(page);
    publish(['A fourth report, saved without asking']);
    const edition = listArticles(join(work, 'bundle'));
    await page.reload();
    await appReady(page);
    await page.locator('.edition-banner button.switch-edition').click();
    // The count alone cannot tell the editions apart (each adds one article
    // to the sample): the new one is on screen once its article heads the
    // list and the banner is gone; only then does its footer speak for it.
    const added = edition.find((a) => a.title === 'A fourth report, saved without asking');
    await page.locator('.card-title').first().filter({ hasText: exactly(added.title) }).waitFor();
    await page.locator('.edition-banner').waitFor({ state: 'detached' });
    await appReady(page);
    assert.equal(await page.locator('.count').textContent(), articlesText(edition.length));
    await status.filter({ hasText: 'The whole archive is saved on this device' }).waitFor();
    await goOffline(context);
    await readEach(page, [added, edition[1]]);
    await context.close();
    await serveWork();
  });
});

test('no page raised an error or logged an unexpected one', () => {
  assert.deepEqual(problems, []);
});
