// The reader in its readers' languages: the interface language follows the
// address (`?hl=`), then the visitor's choice, then the browser's languages;
// <html lang dir> follow it; a right-to-left language mirrors the layout;
// counts and digits are the language's; no English word is left in the
// interface (article content and the archive's own names aside); the
// language chosen stays readable offline. Screenshots of Urdu and Arabic go
// to target/screenshots/ for a person to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { launch, serve, appReady, settled, listArticles } from './support.mjs';

const SHOTS = new URL('../../target/screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

let browser;
let server;
let articles;
const problems = [];
before(async () => {
  browser = await launch();
  server = await serve();
  articles = listArticles();
});
after(async () => {
  await browser?.close();
  await server?.close();
  assert.deepEqual(problems, []);
});

async function open(path, { locale = 'en-US', scheme = 'light', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale, colorScheme: scheme, viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  await page.goto(`${server.url}${path}`);
  await appReady(page);
  return { context, page };
}

/** The interface's visible text: every text node on screen outside the
 *  archive's own words (article titles, teasers and bodies, bylines, the
 *  site's name, its tags and authors, language names, which the archive
 *  writes). Sections, regions and countries count: the site names them in
 *  every interface language (broadsheet.toml's `labels`). */
function interfaceText(page) {
  return page.evaluate(() => {
    const archives = ['tag', 'author', 'lang'].map((f) => `[data-facet=${f}] .facet-label, .terms[data-facet=${f}] li`).join(', ');
    const own = '.card-title, .teaser, .article-body, .article h1, .authors, .site-title, .site-description, '
      + `${archives}, .translations li, .related li a, .article-nav-title, .bookmark-list a, kbd, select option:not(:checked), .skip-link`;
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!node.textContent.trim() || element.closest(own) || element.closest('script, style, noscript, [hidden]')) continue;
      if (!element.checkVisibility()) continue;
      out.push(node.textContent.trim());
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder]')) {
      out.push(el.getAttribute('aria-label') ?? '', el.getAttribute('placeholder') ?? '');
    }
    return out.filter(Boolean);
  });
}

/** Latin words in `texts` but the few that are names in every language. */
function englishWords(texts) {
  const allowed = new Set(['Broadsheet', 'HTTP', 'KB', 'MB', 'GB', 'Esc']);
  return texts.flatMap((t) => t.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !allowed.has(w));
}

test('the address chooses the language: Urdu, right to left, with no English in its interface', async () => {
  const { context, page } = await open('?hl=ur');
  await settled(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'ur');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await page.locator('.display-controls summary').click();
  const english = englishWords(await interfaceText(page));
  assert.deepEqual(english, [], `English in the Urdu interface: ${english.join(', ')}`);
  // Mirrored: the filters stand to the right of the list.
  const facets = await page.locator('aside.facets').boundingBox();
  const list = await page.locator('section.list').boundingBox();
  assert.ok(facets.x > list.x, `facets at ${facets.x}, list at ${list.x}`);
  await page.keyboard.press('Escape');
  await page.screenshot({ path: `${SHOTS}ur-list.png` });
  // The address named the language: every page it leads to keeps it, so a
  // link copied from any of them opens in Urdu too.
  await page.locator('fieldset[data-facet=country] input').first().check();
  await page.waitForURL((u) => u.searchParams.has('country') && u.searchParams.get('hl') === 'ur');
  await settled(page);
  await page.locator('.cards .card-title a').first().click();
  await page.waitForURL((u) => u.pathname.includes('/articles/') && u.searchParams.get('hl') === 'ur');
  await page.locator('.article-body').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ur');
  const back = await page.locator('a.site-title').getAttribute('href');
  assert.match(back, /\?hl=ur$/);
  await context.close();
});

test('an article in Arabic: Arabic-Indic digits, its own plural forms, no English in the interface', async () => {
  for (const scheme of ['light', 'dark']) {
    const { context, page } = await open('?hl=ar', { scheme });
    await settled(page);
    const count = await page.locator('.list-head .count').textContent();
    const n = articles.length.toLocaleString('ar', { useGrouping: false });
    assert.ok(count.includes(n), `"${count}" should give ${articles.length} as ${n}`);
    assert.deepEqual(englishWords(await interfaceText(page)), []);
    await page.screenshot({ path: `${SHOTS}ar-list-${scheme}.png` });
    await page.locator('.cards .card-title a').first().click();
    await page.locator('.article-body').waitFor();
    await appReady(page);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    const tools = await interfaceText(page);
    assert.deepEqual(englishWords(tools), [], `English on the Arabic article page: ${englishWords(tools).join(', ')}`);
    await page.screenshot({ path: `${SHOTS}ar-article-${scheme}.png`, fullPage: true });
    await context.close();
  }
});

test('the browser\'s language is followed, the visitor\'s choice beats it and is remembered', async () => {
  const { context, page } = await open('', { locale: 'fr-FR' });
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.match(await page.locator('#list-title').textContent(), /articles/i);
  await page.locator('.display-controls summary').click();
  await Promise.all([page.waitForEvent('load'), page.locator('.display-panel .language select').selectOption('fa')]);
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'fa');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  // Remembered on this device: a fresh visit keeps it, and the address
  // still wins over it.
  await page.goto(`${server.url}bookmarks`);
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'fa');
  await page.goto(`${server.url}?hl=de`);
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  await context.close();
});

test('the interface language chosen reads offline', async () => {
  const { context, page } = await open('?hl=ur');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'ur');
  assert.deepEqual(englishWords(await interfaceText(page)), []);
  await context.close();
});
