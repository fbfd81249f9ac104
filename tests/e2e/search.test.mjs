// End-to-end: facets with counts, full-text search, sorting and the URL as
// the state, in Chromium against the real sample bundle. Expected results
// come from `broadsheet ls --json` (facets) and `broadsheet search` (text).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { DIST, articlesText, hold, openPage, readStored, searchSlugs, settled, useReader, appReady, exactly, unexpected } from './support.mjs';

const ctx = useReader();
const { problems } = ctx;

const titles = async (page) => { await settled(page); return page.locator('.card-title').allTextContents(); };
const count = async (page) => { await settled(page); return page.locator('.count').textContent(); };
const checkbox = (page, facet, label) =>
  page.locator('fieldset.facet', { has: page.locator('legend', { hasText: facet }) })
    .locator('label.facet-value', { has: page.locator('.facet-label', { hasText: new RegExp(`^${label}$`) }) });

/** Waits until the list shows `n` results for the current state. */
async function waitForCount(page, text) {
  await page.locator('.count', { hasText: exactly(text) }).waitFor();
}

/** Every article's body as text, by id, read from the bundle's files. */
function readBodies() {
  const dir = `${DIST}bundle/bodies`;
  return new Map(readdirSync(dir)
    .flatMap((f) => JSON.parse(readStored(`${dir}/${f}`).toString('utf8')).bodies)
    .map((b) => [b.id, b.html.replace(/<[^>]+>/g, ' ')]));
}

function resultsText(n, q) {
  return n === 1 ? `1 result for “${q}”` : `${n} results for “${q}”`;
}

describe('facets, a query and the URL', () => {
  test('two facets and a query narrow the list, with counts that add up', async () => {
    const page = await openPage(ctx.browser, problems);
    await page.goto(ctx.server.url);
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);

    // Two facets, by clicking.
    await checkbox(page, 'Country', 'Pakistan').click();
    await page.waitForURL(/country=pakistan/);
    await checkbox(page, 'Section', 'Reports').click();
    await page.waitForURL(/section=reports/);
    const faceted = ctx.articles.filter((a) => a.countries.includes('Pakistan') && a.section === 'Reports');
    await waitForCount(page, articlesText(faceted.length));
    assert.deepEqual(await titles(page), faceted.slice(0, 20).map((a) => a.title));

    // A query, by typing.
    await page.locator('#q').fill('workers');
    await page.waitForURL(/q=workers/);
    const found = new Set(searchSlugs('workers'));
    const want = faceted.filter((a) => found.has(a.slug));
    assert.ok(want.length >= 2 && want.length < faceted.length, `a query that narrows: ${want.length}`);
    await waitForCount(page, resultsText(want.length, 'workers'));
    const ranked = searchSlugs('workers').filter((s) => want.some((a) => a.slug === s));
    const bySlug = Object.fromEntries(ctx.articles.map((a) => [a.slug, a.title]));
    assert.deepEqual(await titles(page), ranked.map((s) => bySlug[s]), 'best match first');
    assert.ok(await page.locator('.card mark').count() > 0, 'matches are highlighted');

    // A facet value's count ignores its own facet: "India" would give this many.
    const india = ctx.articles.filter((a) => a.countries.includes('India') && a.section === 'Reports' && found.has(a.slug));
    assert.equal(await checkbox(page, 'Country', 'India').locator('.facet-count').textContent(), String(india.length));
    // …and a section's count keeps the country and the query.
    const news = ctx.articles.filter((a) => a.countries.includes('Pakistan') && a.section === 'News' && found.has(a.slug));
    assert.equal(await checkbox(page, 'Section', 'News').locator('.facet-count').textContent(), String(news.length));
    // A value the other filters rule out is shown, disabled, at zero.
    const zero = checkbox(page, 'Region', 'Latin America');
    assert.equal(await zero.locator('.facet-count').textContent(), '0');
    assert.ok(await zero.locator('input').isDisabled());

    // Reload: the same state from the URL alone.
    const url = page.url();
    const shown = await titles(page);
    await page.reload();
    await waitForCount(page, resultsText(want.length, 'workers'));
    assert.deepEqual(await titles(page), shown);
    assert.equal(await page.locator('#q').inputValue(), 'workers');
    assert.ok(await checkbox(page, 'Country', 'Pakistan').locator('input').isChecked());
    assert.ok(await checkbox(page, 'Section', 'Reports').locator('input').isChecked());

    // Back: before the query, then before the second facet.
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('q='));
    await waitForCount(page, articlesText(faceted.length));
    assert.equal(await page.locator('#q').inputValue(), '');
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('section='));
    await waitForCount(page, articlesText(ctx.articles.filter((a) => a.countries.includes('Pakistan')).length));
    await page.goForward();
    await waitForCount(page, articlesText(faceted.length));

    // A shared link opens the same list in a fresh ctx.browser context.
    const fresh = await openPage(ctx.browser, problems);
    await fresh.goto(url);
    await waitForCount(fresh, resultsText(want.length, 'workers'));
    assert.deepEqual(await titles(fresh), shown);
  });

  test('a search from a link lists its results before the facet data, which follows for the counts', async () => {
    const context = await ctx.browser.newContext();
    const facetData = await hold(context, '**/bundle/facets/**');
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${ctx.server.url}?q=workers`);
    const expected = searchSlugs('workers');
    assert.ok(expected.length > 20, 'a search with more than one page of results');
    // The results read, ranked as they will be, counted, while no facet
    // data has arrived.
    await page.locator('section.list ol.cards li mark').first().waitFor();
    await waitForCount(page, resultsText(expected.length, 'workers'));
    // Every card of the first page, once their card files are in.
    await page.waitForFunction(() => !document.querySelector('section.list .card-loading'));
    const shown = await page.locator('.card-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href').split('/').pop()));
    assert.deepEqual(shown, expected.slice(0, 20));
    assert.equal(await page.locator('aside.facets').getAttribute('data-ready'), 'false');
    // The counts are not known yet: none is shown, and no value is ruled out.
    assert.deepEqual(new Set(await page.locator('.facet-count').allTextContents()), new Set(['']));
    assert.equal(await page.locator('fieldset.facet input:disabled').count(), 0);
    // Then the facet data is fetched, and the counts are the results'.
    facetData.release();
    await appReady(page);
    assert.ok(facetData.asked() > 0, 'the facet data was asked for once the results were in');
    assert.equal(await page.locator('aside.facets').getAttribute('data-ready'), 'true');
    const language = page.locator('fieldset[data-facet=lang]');
    if (await language.locator('button').count()) await language.locator('button').click();
    const languages = (await language.locator('.facet-count').allTextContents()).map(Number);
    assert.equal(languages.reduce((a, b) => a + b, 0), expected.length, 'every result has one language');
    await context.close();
  });

  test('results come while typing: a prefix matches longer words', async () => {
    const page = await openPage(ctx.browser, problems);
    await page.goto(ctx.server.url);
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);
    await page.locator('#q').pressSequentially('stud', { delay: 30 });
    // A plain scan bounds the answer: at least every article with
    // "student(s)" or "study", at most every one with a word in "stud…".
    const bodies = readBodies();
    const text = (a) => `${a.title} ${a.summary} ${bodies.get(a.id) ?? ''}`;
    const least = ctx.articles.filter((a) => /\b(students?|study)\b/i.test(text(a))).length;
    const most = ctx.articles.filter((a) => /\bstud\w*/i.test(text(a))).length;
    await page.waitForURL(/q=stud/);
    await appReady(page);
    const n = Number((await page.locator('.count', { hasText: /for “stud”$/ }).textContent()).split(' ')[0]);
    assert.ok(least > 0 && n >= least && n <= most, `"stud" finds ${n}: between ${least} and ${most}`);
    // Typing replaced the history entry rather than adding one per letter.
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('q='));
  });

  test('words typed while a search is on its way are searched for when it is answered', async () => {
    const context = await ctx.browser.newContext();
    const words = await hold(context, '**/bundle/search/terms/**');
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(ctx.server.url);
    await appReady(page);
    await page.locator('#q').pressSequentially('s');
    await page.waitForURL(/q=s$/);
    for (let i = 0; words.asked() === 0 && i < 200; i += 1) await page.waitForTimeout(50);
    assert.ok(words.asked() > 0, 'the search for "s" is waiting for its index files');
    await page.locator('#q').pressSequentially('tud', { delay: 30 });
    await page.waitForURL(/q=stud$/);
    words.release();
    await appReady(page);
    await waitForCount(page, resultsText(searchSlugs('stud').length, 'stud'));
    await context.close();
  });

  test('folding, stemming, other scripts, typos, phrases and exclusions', async () => {
    const page = await openPage(ctx.browser, problems);
    const cases = [
      ['zurich', (a) => a.title.includes('Zürich')],
      // Accented and full-width forms fold to the same keys: decomposed by
      // the browser's NFKD in the reader, by the crate's in the builder.
      ['Zürich', (a) => a.title.includes('Zürich')],
      ['ｚｕｒｉｃｈ', (a) => a.title.includes('Zürich')],
      ['طلبہ', null],
      ['"may day" -lahore', null],
      ['kashmri', null],
    ];
    for (const [q, pick] of cases) {
      const want = searchSlugs(q);
      assert.ok(want.length > 0, `${q} finds something`);
      if (pick) assert.ok(ctx.articles.filter(pick).every((a) => want.includes(a.slug)), q);
      await page.goto(`${ctx.server.url}?q=${encodeURIComponent(q)}`);
      await page.locator('.count', { hasText: 'result' }).waitFor();
      const expected = q.startsWith('"') ? `${want.length === 1 ? '1 result' : `${want.length} results`} for ${q}`
        : resultsText(want.length, q);
      await waitForCount(page, expected);
    }
    // The Urdu results are Urdu articles, shown right to left.
    await page.goto(`${ctx.server.url}?q=${encodeURIComponent('طلبہ')}`);
    await page.locator('.card').first().waitFor();
    await appReady(page);
    const dirs = await page.locator('.card').evaluateAll((cards) => cards.map((c) => c.getAttribute('dir')));
    assert.ok(dirs.length > 0 && dirs.every((d) => d === 'rtl'), dirs.join());
    // The typo is corrected, and says so.
    await page.goto(`${ctx.server.url}?q=kashmri`);
    await page.locator('.search-note', { hasText: '“kashmir” for “kashmri”' }).waitFor();
  });

  test('phrases, exclusions and typo corrections find what a plain scan of the text finds', async () => {
    // The oracle is not the engine: a regular expression over each
    // article's title, summary and body as the bundle stores them.
    const bodies = readBodies();
    const text = (a) => `${a.title} ${a.summary} ${bodies.get(a.id) ?? ''}`;
    const cases = [
      ['"may day"', (t) => /\bmay\W+day\b/i.test(t)],
      ['"may day" -lahore', (t) => /\bmay\W+day\b/i.test(t) && !/\blahore\b/i.test(t)],
      ['teachers -kashmir', (t) => /\bteachers?\b/i.test(t) && !/\bkashmir\b/i.test(t)],
      ['"study circles"', (t) => /\bstudy\W+circles?\b/i.test(t)],
      ['kashmri', (t) => /\bkashmir\b/i.test(t)],
    ];
    const page = await openPage(ctx.browser, problems);
    for (const [q, match] of cases) {
      const want = ctx.articles.filter((a) => match(text(a))).map((a) => a.title).sort();
      assert.ok(want.length > 0 && want.length <= 20, `${q}: ${want.length} on one page`);
      await page.goto(`${ctx.server.url}?q=${encodeURIComponent(q)}`);
      await appReady(page);
      const shown = q.startsWith('"') ? `${want.length === 1 ? '1 result' : `${want.length} results`} for ${q}`
        : resultsText(want.length, q);
      await waitForCount(page, shown);
      assert.deepEqual((await titles(page)).sort(), want, q);
    }
    // The exclusion really excludes: "may day" alone finds Lahore's too.
    const lahore = ctx.articles.filter((a) => /\bmay\W+day\b/i.test(text(a)) && /\blahore\b/i.test(text(a)));
    assert.ok(lahore.length > 0);
  });

  test('oldest first is by date, undated last, whatever the engine\'s order', async () => {
    const page = await openPage(ctx.browser, problems);
    await page.goto(`${ctx.server.url}?sort=oldest`);
    await appReady(page);
    const dates = [];
    for (let n = 1; n <= Math.ceil(ctx.articles.length / 20); n++) {
      await page.goto(`${ctx.server.url}?sort=oldest&page=${n}`);
      await appReady(page);
      await settled(page);
      dates.push(...await page.locator('.card').evaluateAll((cards) =>
        cards.map((c) => c.querySelector('time')?.getAttribute('datetime') ?? null)));
    }
    assert.equal(dates.length, ctx.articles.length);
    const dated = dates.filter(Boolean);
    assert.deepEqual(dated, [...dated].sort(), 'dates never go back');
    assert.ok(dates.slice(dated.length).every((d) => d === null), 'undated articles come last');
    assert.equal(dated.length, ctx.articles.filter((a) => a.date).length);
  });

  test('sorting: newest, oldest, best match; undated last', async () => {
    const page = await openPage(ctx.browser, problems);
    await page.goto(`${ctx.server.url}?sort=oldest&page=1`);
    await page.locator('.card').first().waitFor();
    await appReady(page);
    const dated = ctx.articles.filter((a) => a.date);
    const oldest = [...dated].reverse().concat(ctx.articles.filter((a) => !a.date));
    assert.deepEqual(await titles(page), oldest.slice(0, 20).map((a) => a.title));
    await page.locator('.sort select').selectOption('newest');
    await page.waitForURL(/sort=newest/);
    await page.locator('.card-title').first().filter({ hasText: ctx.articles[0].title }).waitFor();
    // Searching defaults to best match; "newest" orders the same hits by date.
    await page.goto(`${ctx.server.url}?q=students&sort=newest`);
    await page.locator('.count', { hasText: 'result' }).waitFor();
    const hits = new Set(searchSlugs('students'));
    assert.deepEqual(await titles(page), ctx.articles.filter((a) => hits.has(a.slug)).slice(0, 20).map((a) => a.title));
  });

  test('a date range and a year', async () => {
    const page = await openPage(ctx.browser, problems);
    await page.goto(`${ctx.server.url}?from=2019-01-01&to=2020-12`);
    const inRange = ctx.articles.filter((a) => a.date && a.date >= '2019-01-01' && a.date <= '2020-12-31');
    await waitForCount(page, articlesText(inRange.length));
    await page.locator('.chip', { hasText: 'From' }).waitFor();
    await page.goto(`${ctx.server.url}?year=2023`);
    await waitForCount(page, articlesText(ctx.articles.filter((a) => a.date?.startsWith('2023')).length));
    // Setting a date by the input.
    await page.locator('input[name=from]').fill('2024-01-01');
    await page.waitForURL(/from=2024-01-01/);
    await waitForCount(page, articlesText(0));
  });

  test('unknown or malformed parameters are ignored', async () => {
    const page = await openPage(ctx.browser, problems);
    await page.goto(`${ctx.server.url}?country=atlantis&page=abc&sort=sideways&from=banana&colour=red&q=`);
    await appReady(page);
    await settled(page);
    await waitForCount(page, articlesText(ctx.articles.length));
    // No filter chip: nothing unknown was taken as a filter.
    assert.equal(await page.locator('.chips .chip').count(), 0);
    assert.equal(await page.locator('.card').count(), Math.min(20, ctx.articles.length));
  });

  test('nothing found: a helpful empty state; only common words: a hint', async () => {
    const page = await openPage(ctx.browser, problems);
    await page.goto(`${ctx.server.url}?q=xylophone&country=india`);
    await waitForCount(page, 'No articles match.');
    await page.getByRole('link', { name: 'Search the whole archive instead' }).waitFor();
    await page.getByRole('link', { name: 'Keep the filters, drop the search' }).click();
    await waitForCount(page, articlesText(ctx.articles.filter((a) => a.countries.includes('India')).length));
    await page.goto(`${ctx.server.url}?q=the%20of`);
    await page.locator('.search-note', { hasText: 'too common' }).waitFor();
    assert.equal(await page.locator('.count').getAttribute('aria-live'), 'polite');
  });

  test('on a phone the filters fold away behind a toggle', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(ctx.server.url);
    await page.locator('.card').first().waitFor();
    await appReady(page);
    const panel = page.locator('details.facet-panel');
    assert.equal(await panel.getAttribute('open'), null);
    await panel.locator('summary').click();
    await checkbox(page, 'Language', 'اردو').click();
    await waitForCount(page, articlesText(ctx.articles.filter((a) => a.language === 'ur').length));
    await context.close();
  });
});

test('article pages link their terms to the filtered list', async () => {
  const page = await openPage(ctx.browser, problems);
  const a = ctx.articles.find((x) => x.regions.length && x.section);
  await page.goto(`${ctx.server.url}articles/${a.slug}`);
  await page.locator('.terms a', { hasText: a.regions[0] }).click();
  await waitForCount(page, articlesText(ctx.articles.filter((x) => x.regions.includes(a.regions[0])).length));
});

test('no page raised an error or logged one', () => {
  const real = unexpected(problems);
  assert.deepEqual(real, []);
});
