// Reading features, in Chromium: bookmarks (and their page), previous /
// next within the list the reader came from, reading progress with
// "continue where you left off", read marks, copying an article's link, and
// the related articles the builder chose.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settled, useReader, appReady } from './support.mjs';

const ctx = useReader();

async function open(path, options = {}) {
  const context = await ctx.browser.newContext(options);
  const page = await context.newPage();
  page.on('pageerror', (e) => ctx.problems.push(`${path}: ${e.message}`));
  await page.goto(ctx.server.url + path);
  return { context, page };
}

describe('reading', () => {
  test('a bookmark is kept on the device, listed, and removed', async () => {
    const { context, page } = await open('');
    await settled(page);
    await page.locator('.card-title a').first().click();
    const title = await page.locator('article h1').textContent();
    const button = page.getByRole('button', { name: '☆ Bookmark' });
    await button.click();
    assert.equal(await page.getByRole('button', { name: '★ Bookmarked' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('.site-nav .badge').textContent(), '1');

    await page.reload();
    await appReady(page);
    await page.getByRole('link', { name: /^Bookmarks/ }).click();
    await page.locator('#bookmarks-title').waitFor();
    assert.deepEqual(await page.locator('.bookmark-list a').allTextContents(), [title]);
    await page.goto(ctx.server.url);
    await settled(page);
    assert.match(await page.locator('.card').first().textContent(), /★ Bookmarked/);

    await page.goto(`${ctx.server.url}bookmarks`);
    await page.getByRole('button', { name: `Remove ${title}` }).click();
    assert.match(await page.locator('.bookmarks .count').textContent(), /^No bookmarks yet/);
    assert.equal(await page.locator('.site-nav .badge').count(), 0);
    await context.close();
  });

  test('previous and next follow the filtered list, and lead back to it', async () => {
    const { context, page } = await open('?region=kashmir&sort=oldest');
    await settled(page);
    const titles = await page.locator('.card-title a').allTextContents();
    assert.ok(titles.length >= 3, `${titles.length} articles on Kashmir`);
    await page.locator('.card-title a').nth(1).click();
    await page.locator('.article-nav-prev').waitFor();
    assert.equal(await page.locator('.article-nav-prev .article-nav-title').textContent(), titles[0]);
    assert.equal(await page.locator('.article-nav-next .article-nav-title').textContent(), titles[2]);
    await page.locator('.article-nav-next').click();
    await page.locator('article h1', { hasText: titles[2] }).waitFor();
    await page.locator('.article-nav-back').click();
    await settled(page);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('region'), 'kashmir');
    assert.equal(url.searchParams.get('sort'), 'oldest');
    await context.close();
  });

  test('progress is shown and kept; a half-read article offers to continue; a finished one is marked read', async () => {
    const { context, page } = await open('', { viewport: { width: 390, height: 500 } });
    await settled(page);
    // The longest article of the first page.
    const slug = await page.locator('.card-title a').first().evaluate((a) => new URL(a.href).pathname.split('/').pop());
    await page.goto(`${ctx.server.url}articles/${slug}`);
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    const progress = () => page.locator('progress.reading-progress').evaluate((p) => Number(p.value));
    const scrollTo = (share) => page.evaluate((share) => {
      const a = document.querySelector('article.article').getBoundingClientRect();
      window.scrollTo(0, window.scrollY + a.top + a.height * share - window.innerHeight);
    }, share);
    await scrollTo(0.5);
    await page.waitForTimeout(1100);
    await scrollTo(0.55);
    await page.waitForFunction(() => Number(document.querySelector('progress.reading-progress').value) >= 50);
    const halfway = await progress();

    await page.goto(ctx.server.url);
    await settled(page);
    await page.goto(`${ctx.server.url}articles/${slug}`);
    const offer = page.getByRole('button', { name: /^Continue where you left off \(\d+%\)$/ });
    await offer.waitFor();
    assert.equal(await offer.textContent(), `Continue where you left off (${halfway}%)`);
    await offer.click();
    await page.waitForFunction((at) => Number(document.querySelector('progress.reading-progress').value) >= at - 2, halfway);
    assert.equal(await offer.count(), 0, 'the offer goes once taken');

    await scrollTo(1);
    await page.waitForFunction(() => Number(document.querySelector('progress.reading-progress').value) === 100);
    await page.goto(ctx.server.url);
    await settled(page);
    const card = page.locator('.card', { has: page.locator(`a[href$="/${slug}"]`) });
    assert.match(await card.locator('.card-marks').textContent(), /Read/);
    await page.goto(`${ctx.server.url}articles/${slug}`);
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    assert.equal(await page.getByRole('button', { name: /^Continue where/ }).count(), 0, 'nothing to continue in a finished article');
    // Read marks go both ways, by hand too.
    await page.getByRole('button', { name: '✓ Read' }).click();
    await page.getByRole('button', { name: 'Mark as read' }).waitFor();
    await page.goto(ctx.server.url);
    await settled(page);
    assert.equal(await card.locator('.card-marks').count(), 0, 'unread again');
    await context.close();
  });

  test('"Copy link" copies the article\'s address', async () => {
    const { context, page } = await open(`articles/${ctx.articles[3].slug}`);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ctx.server.url).origin });
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    const hasShare = await page.evaluate(() => 'share' in navigator);
    if (hasShare) {
      assert.equal(await page.getByRole('button', { name: 'Share' }).count(), 1);
    } else {
      await page.getByRole('button', { name: 'Copy link' }).click();
      await page.locator('.tool-status', { hasText: 'Link copied' }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
    }
    await context.close();
  });
});

test('an article lists the related articles the builder chose, in its order', async () => {
  const { readdirSync } = await import('node:fs');
  const { DIST, readStored } = await import('./support.mjs');
  const bodies = readdirSync(`${DIST}bundle/bodies`)
    .flatMap((f) => JSON.parse(readStored(`${DIST}bundle/bodies/${f}`).toString('utf8')).bodies);
  const body = bodies.find((b) => (b.related ?? []).length >= 3);
  assert.ok(body, 'the sample has articles with related ones');
  const article = ctx.articles.find((a) => a.id === body.id);
  const { context, page } = await open(`articles/${article.slug}`);
  const links = page.locator('.related li > a');
  await links.nth(body.related.length - 1).waitFor();
  // A related article is linked by [packed date, slug]: it stays true as the archive grows.
  const titleOf = ([, slug]) => ctx.articles.find((a) => a.slug === slug).title;
  assert.deepEqual(await links.allTextContents(), body.related.map(titleOf));
  await links.first().click();
  await page.locator('article h1', { hasText: titleOf(body.related[0]) }).waitFor();
  await context.close();
});

test('no page raised an error', () => {
  assert.deepEqual(ctx.problems, []);
});
