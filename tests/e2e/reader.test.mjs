// End-to-end: the real reader (dist/) on the real sample bundle, in Chromium.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openPage, settled, useReader, appReady, unexpected } from './support.mjs';

const ctx = useReader();
const { problems } = ctx;

describe('the list', () => {
  test('shows the newest sample articles, counted, with paging', async () => {
    const page = await openPage(ctx.browser, problems);
    await page.goto(ctx.server.url);
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);
    assert.equal(await page.locator('.count').textContent(), `${ctx.articles.length} articles`);
    const titles = await page.locator('.card-title').allTextContents();
    assert.equal(titles.length, 20);
    assert.deepEqual(titles, ctx.articles.slice(0, 20).map((a) => a.title));
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL(/page=2/);
    await settled(page);
    assert.equal(await page.locator('.card-title').first().textContent(), ctx.articles[20].title);
    assert.match(await page.locator('.pager-status').textContent(), /^Page 2 of \d+$/);
  });

  test('undated articles come last and say so', async () => {
    const page = await openPage(ctx.browser, problems);
    const lastPage = Math.ceil(ctx.articles.length / 20);
    await page.goto(`${ctx.server.url}?page=${lastPage}`);
    await settled(page);
    const undated = ctx.articles.filter((a) => !a.date).length;
    assert.ok(undated > 0);
    const bylines = await page.locator('.card .byline').allTextContents();
    assert.ok(bylines.slice(-undated).every((b) => b.includes('Undated')), bylines.join('|'));
  });

  test('a facet link in the URL narrows the list to matching articles', async () => {
    const page = await openPage(ctx.browser, problems);
    const want = ctx.articles.filter((a) => a.countries.includes('Pakistan') && a.tags.includes('students'));
    await page.goto(`${ctx.server.url}?country=pakistan&tag=students`);
    await page.locator('.chips').waitFor();
    await settled(page);
    assert.equal(await page.locator('.count').textContent(),
      want.length === 1 ? '1 article' : `${want.length} articles`);
    assert.deepEqual(await page.locator('.card-title').allTextContents(), want.slice(0, 20).map((a) => a.title));
    // Removing one chip keeps the other.
    await page.getByRole('link', { name: 'Remove Tag: students' }).click();
    await page.waitForURL((u) => !u.search.includes('tag='));
    await settled(page);
    const pakistan = ctx.articles.filter((a) => a.countries.includes('Pakistan')).length;
    assert.equal(await page.locator('.count').textContent(), `${pakistan} articles`);
  });
});

describe('an article', () => {
  test('opens from the list and shows its body, byline and terms', async () => {
    const page = await openPage(ctx.browser, problems);
    await page.goto(ctx.server.url);
    await settled(page);
    const first = ctx.articles[0];
    await page.getByRole('link', { name: first.title }).click();
    await page.waitForURL(new RegExp(`/articles/${first.slug}$`));
    assert.equal(await page.locator('article h1').textContent(), first.title);
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    assert.match(await page.locator('.reading-time').textContent(), /^\d+ min read$/);
    for (const author of first.authors) {
      await page.locator('.byline a', { hasText: author }).first().waitFor();
    }
    // A tag links back to the filtered list.
    const tag = first.tags[0];
    await page.locator('.terms a', { hasText: tag }).click();
    await page.waitForURL(/\?tag=/);
    await settled(page);
    const tagged = ctx.articles.filter((a) => a.tags.includes(tag)).length;
    assert.equal(await page.locator('.count').textContent(), tagged === 1 ? '1 article' : `${tagged} articles`);
  });

  test('a deep link survives a reload', async () => {
    const page = await openPage(ctx.browser, problems);
    const a = ctx.articles[7];
    const response = await page.goto(`${ctx.server.url}articles/${a.slug}`);
    assert.equal(response.status(), 200, 'the builder wrote the article its own page');
    assert.ok((await response.text()).includes(`<div id="prerender" data-route="/articles/${a.slug}">`), 'readable before the reader runs');
    await page.locator('.article-body').waitFor();
    await appReady(page);
    await page.reload();
    await appReady(page);
    assert.equal(await page.locator('article h1').textContent(), a.title);
    await page.goBack().catch(() => {});
  });

  test('an Urdu article is right-to-left and links its English original', async () => {
    const page = await openPage(ctx.browser, problems);
    const urdu = ctx.articles.find((a) => a.language === 'ur' && a.translation);
    assert.ok(urdu, 'the sample has a translated Urdu article');
    await page.goto(`${ctx.server.url}articles/${urdu.slug}`);
    const article = page.locator('article.article');
    await article.locator('.article-body').waitFor();
    await appReady(page);
    assert.equal(await article.getAttribute('dir'), 'rtl');
    assert.equal(await article.getAttribute('lang'), 'ur');
    const english = ctx.articles.find((a) => a.translation === urdu.translation && a.language === 'en');
    await page.locator('.translations a').click();
    await page.waitForURL(new RegExp(`/articles/${english.slug}$`));
    assert.equal(await page.locator('article').getAttribute('dir'), 'ltr');
  });
});

describe('an imported listing', () => {
  test('its entries are excerpts, filed under the country their heading names', async () => {
    const page = await openPage(ctx.browser, problems);
    const listed = ctx.articles.filter((a) => a.countries.includes('Sri Lanka') && !a.date);
    assert.equal(listed.length, 4, 'the sample listing has four entries');
    const titled = listed.find((a) => a.title.startsWith('Estate workers in Badulla'));
    await page.goto(`${ctx.server.url}articles/${titled.slug}`);
    await page.locator('.article-body').waitFor();
    await appReady(page);
    assert.match(await page.locator('.excerpt-note').textContent(), /^Only this excerpt of the article is in the archive\.$/);
    assert.doesNotMatch(await page.locator('.article-body').textContent(), /\[…\]/);
    const untitled = listed.find((a) => a.title.startsWith('Teachers from Jaffna'));
    assert.ok(untitled.title.endsWith('…'), untitled.title);
    await page.goto(`${ctx.server.url}articles/${untitled.slug}`);
    await page.locator('.excerpt-note').waitFor();
    await appReady(page);
    assert.match(await page.locator('.excerpt-note').textContent(), /Its title is the excerpt's first sentence\./);
  });
});

describe('an imported feed', () => {
  test('its items are articles with absolute links; a summary-only item is an excerpt', async () => {
    const page = await openPage(ctx.browser, problems);
    const full = ctx.articles.find((a) => a.title.startsWith('Regional convention in Peshawar'));
    assert.deepEqual([full.date, full.tags], ['2022-11-13', ['conventions', 'study circles']]);
    await page.goto(`${ctx.server.url}articles/${full.slug}`);
    await page.locator('.article-body').waitFor();
    await appReady(page);
    assert.equal(await page.locator('.article-body a').getAttribute('href'),
      'https://reports.example.org/conventions/minutes/peshawar-2022.html');
    assert.equal(await page.locator('.excerpt-note').count(), 0);
    const summary = ctx.articles.find((a) => a.title.startsWith('Delegates from Sindh'));
    await page.goto(`${ctx.server.url}articles/${summary.slug}`);
    await page.locator('.excerpt-note').waitFor();
    await appReady(page);
  });
});

describe('saved HTML pages', () => {
  test('a page and the feed item it repeats are one article, with the fuller text and a link to the original', async () => {
    const page = await openPage(ctx.browser, problems);
    const copies = ctx.articles.filter((a) => a.title.startsWith('Regional convention in Peshawar'));
    assert.equal(copies.length, 1, 'the feed item and the saved page merge');
    const [merged] = copies;
    assert.deepEqual([merged.section, merged.countries, merged.regions], ['Reports', ['Pakistan'], ['South Asia']]);
    await page.goto(`${ctx.server.url}articles/${merged.slug}`);
    await page.locator('.article-body').waitFor();
    await appReady(page);
    const text = await page.locator('.article-body').textContent();
    assert.match(text, /committee of seven/, 'the saved page has the fuller text');
    assert.doesNotMatch(text, /Home|Share|Published by/, 'navigation, buttons and footer are not the article');
    assert.equal(await page.locator('.article-body button, .article-body script').count(), 0);
    const original = page.locator('.original a');
    assert.equal(await original.textContent(), 'reports.example.org');
    assert.equal(await original.getAttribute('href'), 'https://reports.example.org/conventions/peshawar-2022.html');
  });

  test('an Urdu page reads right to left, filed under the region its alias names', async () => {
    const page = await openPage(ctx.browser, problems);
    const urdu = ctx.articles.find((a) => a.title === 'کوٹلی میں اساتذہ کا اجلاس');
    assert.deepEqual([urdu.language, urdu.regions, urdu.section], ['ur', ['Kashmir'], 'Reports']);
    await page.goto(`${ctx.server.url}articles/${urdu.slug}`);
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    assert.equal(await page.locator('article').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('.article-body p').count(), 2);
    assert.equal(await page.locator('.article-foot a', { hasText: 'Kashmir' }).count(), 1);
  });
});

describe('not found', () => {
  for (const [what, path] of [['an unknown article', 'articles/no-such-article'], ['an unknown route', 'nowhere/at/all']]) {
    test(`${what} shows the not-found page`, async () => {
      const page = await openPage(ctx.browser, problems);
      await page.goto(ctx.server.url + path);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      assert.ok(await page.getByRole('link', { name: 'Browse all articles' }).isVisible());
    });
  }
});

test('no page raised an error or logged one', () => {
  const real = unexpected(problems);
  assert.deepEqual(real, []);
});
