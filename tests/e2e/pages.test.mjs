// The builder's static pages: every article has its own page (status 200,
// its title, description and canonical address in the head, its text in
// the body) that reads without JavaScript; the list's first page too. With
// JavaScript the reader takes over the same address, and the static copy
// goes without leaving a double.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appReady, useReader } from './support.mjs';

const ctx = useReader();

test('without JavaScript, an article and the list still read (no reader)', async () => {
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const article = ctx.articles.find((a) => a.language === 'ur');
  const response = await page.goto(`${ctx.server.url}articles/${article.slug}`);
  assert.equal(response.status(), 200);
  assert.equal(await page.locator('article h1').textContent(), article.title);
  assert.equal(await page.locator('article').getAttribute('dir'), 'rtl');
  assert.ok((await page.locator('.article-body').textContent()).length > 100, 'the whole text');
  assert.equal(await page.title(), `${article.title} · The Broadsheet Sample`);
  assert.equal(await page.locator('meta[name="description"]').getAttribute('content'), article.summary);
  // Absolute, at the address the site was built for (`dist --url`).
  const canonical = new URL(await page.locator('link[rel="canonical"]').getAttribute('href'));
  assert.equal(canonical.pathname, `/articles/${article.slug}`);

  await page.goto(ctx.server.url);
  assert.deepEqual(await page.locator('.card-title a').allTextContents(), ctx.articles.slice(0, 20).map((a) => a.title));
  await page.locator('.card-title a').nth(2).click();
  assert.equal(await page.locator('article h1').textContent(), ctx.articles[2].title);
  await context.close();
});

test('a reader that cannot start says so on an article page, in the site\'s words, and the text still reads (no reader)', async () => {
  const context = await ctx.browser.newContext();
  // The wasm never arrives: the loader's import fails.
  await context.route('**/*.wasm', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(ctx.server.url);
  const words = await page.locator('meta[name="broadsheet-reader-failed"]').getAttribute('content');
  assert.ok(words.length > 20, words);
  await page.locator('p.reader-failed[role="alert"]').waitFor();
  assert.equal(await page.locator('p.reader-failed').textContent(), words);

  // An article page does not repeat the words (its loader brings them)...
  const article = ctx.articles[3];
  const html = await (await fetch(`${ctx.server.url}articles/${article.slug}`)).text();
  assert.ok(!html.includes('broadsheet-reader-failed'), 'the lean page leaves the notice out');
  // ...and says the same when the reader cannot start there.
  await page.goto(`${ctx.server.url}articles/${article.slug}`);
  await page.locator('p.reader-failed[role="alert"]').waitFor();
  assert.equal(await page.locator('p.reader-failed').textContent(), words);
  assert.ok(await page.locator('html').getAttribute('data-reader-failed'));
  assert.equal(await page.locator('article h1').textContent(), article.title);
  assert.ok(await page.locator('.article-body').isVisible(), 'the static text stays readable');
  await context.close();
});

test('with JavaScript, the reader replaces the static copy: one heading, one description', async () => {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => ctx.problems.push(e.message));
  const article = ctx.articles[5];
  await page.goto(`${ctx.server.url}articles/${article.slug}`);
  await page.locator('.article-foot').waitFor();
  await appReady(page);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('article h1').textContent(), article.title);
  assert.equal(await page.locator('meta[name="description"]').count(), 1);
  assert.equal(await page.locator('meta[name="description"]').getAttribute('content'), article.summary);
  // A filtered list is no page the builder wrote: the list's static copy
  // must not show for it, even for a moment.
  await page.goto(`${ctx.server.url}?region=kashmir`);
  await page.locator('section.list[aria-busy="false"]').waitFor();
  assert.equal(await page.locator('#prerender').count(), 0);
  await context.close();
  assert.deepEqual(ctx.problems, []);
});

/** What each card of the list says, part by part, as a reader sees it. */
async function cardTexts(page) {
  return page.locator('ol.cards .card').evaluateAll((cards) => cards.map((card) => ({
    lang: card.getAttribute('lang'),
    dir: card.getAttribute('dir'),
    kicker: card.querySelector('.kicker')?.textContent.trim() ?? null,
    title: card.querySelector('.card-title')?.textContent.trim(),
    byline: card.querySelector('.byline')?.textContent.replace(/\s+/g, ' ').trim(),
    date: card.querySelector('.byline time')?.getAttribute('datetime') ?? null,
    teaser: card.querySelector('.teaser')?.textContent.trim() ?? null,
  })));
}

test('the static list page and the reader show the same cards, the same count and heading', async () => {
  const still = await ctx.browser.newContext({ javaScriptEnabled: false });
  const staticPage = await still.newPage();
  await staticPage.goto(ctx.server.url);
  const staticCards = await cardTexts(staticPage);
  const staticHead = [await staticPage.locator('.list-head h1').textContent(), await staticPage.locator('.list-head .count').textContent()];
  await still.close();

  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => ctx.problems.push(e.message));
  await page.goto(ctx.server.url);
  await appReady(page);
  assert.equal(await page.locator('#prerender').count(), 0, 'the reader\'s own list is on screen');
  const readerCards = await cardTexts(page);
  const readerHead = [await page.locator('.list-head h1').textContent(), await page.locator('.list-head .count').textContent()];
  await context.close();

  assert.equal(staticCards.length, 20);
  assert.ok(staticCards.some((c) => c.dir === 'rtl') && staticCards.some((c) => c.kicker), 'the sample shows varied cards');
  assert.deepEqual(readerCards, staticCards);
  assert.deepEqual(readerHead, staticHead);
  assert.deepEqual(ctx.problems, []);
});
