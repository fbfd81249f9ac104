// End-to-end: the reader and bundle built for a sub-path (`scripts/dev dist
// --base /broadsheet/ --out target/dist-subpath`), served there the way
// GitHub Pages serves a project site: unknown paths get 404.html.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../../scripts/static-server.mjs';
import { DIST_SUBPATH, articlesText, launch, listArticles, openPage, settled, appReady, exactly, unexpected } from './support.mjs';

const ROOT = DIST_SUBPATH;
const BASE = '/broadsheet/';
const problems = [];
let server;
let browser;
let articles;

before(async () => {
  articles = listArticles(`${ROOT}bundle`);
  server = await startServer({ root: ROOT, base: BASE });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('under a sub-path', () => {
  test('the list, a filter, an article, reload and Back all stay under it', async () => {
    const page = await openPage(browser, problems);
    await page.goto(server.url);
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);
    assert.equal(await page.locator('.count').textContent(), articlesText(articles.length));

    const pakistan = articles.filter((a) => a.countries.includes('Pakistan'));
    await page.locator('fieldset.facet', { has: page.locator('legend', { hasText: 'Country' }) })
      .locator('label.facet-value', { has: page.locator('.facet-label', { hasText: /^Pakistan$/ }) })
      .click();
    await page.waitForURL(`${server.url}?country=pakistan`);
    await page.locator('.count', { hasText: exactly(articlesText(pakistan.length)) }).waitFor();

    await page.locator('.card-title a').first().click();
    await page.waitForURL(new RegExp(`^${server.url}articles/${pakistan[0].slug}$`));
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);

    // Reload: the article's static page answers (200).
    await page.reload();
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    assert.equal(await page.locator('h1').textContent(), pakistan[0].title);

    await page.goBack();
    await page.waitForURL(`${server.url}?country=pakistan`);
    await settled(page);
    assert.equal(await page.locator('.count').textContent(), articlesText(pakistan.length));

    const outside = server.requests.filter((p) => !p.startsWith(BASE));
    assert.deepEqual(outside, [], 'every request stays under the sub-path');
  });

  test('a page with no static copy gets 404.html, which boots the reader under the sub-path', async () => {
    const page = await openPage(browser, problems);
    const response = await page.goto(`${server.url}bookmarks`);
    assert.equal(response.status(), 404, 'the host has no such file: its 404.html answers');
    await appReady(page);
    assert.equal(await page.locator('main h1').textContent(), 'Bookmarks');
    assert.equal(await page.locator('base').getAttribute('href'), BASE);
    // And from there, the reader's links stay under the sub-path.
    await page.locator('.site-title').click();
    await page.waitForURL(server.url);
    await appReady(page);
    await settled(page);
    assert.equal(await page.locator('.count').textContent(), articlesText(articles.length));
  });

  test('feeds and the sitemap are there, with addresses under the sub-path (no reader)', async () => {
    const feed = await (await fetch(`${server.url}feeds/all.atom`)).text();
    assert.match(feed, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    const ids = [...feed.matchAll(/<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    const dated = articles.filter((a) => a.date).length;
    assert.equal(ids.length, 1 + dated);
    assert.ok(ids.slice(1).every((id) => new URL(id).pathname.startsWith(`${BASE}articles/`)), ids[1]);
    const sitemap = await (await fetch(`${server.url}sitemap.xml`)).text();
    assert.equal([...sitemap.matchAll(/<loc>/g)].length, articles.length + 1);
    // The reader's page says where its feed is.
    const page = await openPage(browser, problems);
    await page.goto(server.url);
    const href = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
    assert.equal(new URL(href, page.url()).href, `${server.url}feeds/all.atom`);
  });
});

describe('installed and offline under the sub-path', () => {
  test('the web app manifest and its icons are there; the reader and an opened article read offline', async () => {
    const manifestUrl = `${server.url}manifest.webmanifest`;
    const manifest = await (await fetch(manifestUrl)).json();
    assert.equal(new URL(manifest.start_url, manifestUrl).pathname, BASE);
    for (const icon of manifest.icons) {
      assert.equal((await fetch(new URL(icon.src, manifestUrl))).status, 200, icon.src);
    }
    assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.type === 'image/png'));

    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(server.url);
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const article = articles[1];
    const address = `${server.url}articles/${article.slug}`;
    await page.goto(address);
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);

    await context.setOffline(true);
    await server.close();
    server = null;
    await page.goto(address);
    await page.reload();
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    assert.equal(await page.locator('h1').textContent(), article.title);
    await context.close();
  });
});

test('no page raised an error or logged one', () => {
  assert.deepEqual(unexpected(problems), []);
});
