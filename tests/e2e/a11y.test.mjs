// Accessibility: axe-core on every kind of page in both themes (zero
// violations), in English and in the Urdu and Arabic interfaces, and the
// reader used with the keyboard alone. Axe is injected
// into the page, so these contexts bypass the page's CSP (the reader's own
// scripts still run as deployed).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { launch, listArticles, serve, appReady } from './support.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 360, height: 740 };

let browser;
let server;
let broken;
let articles;
const problems = [];
before(async () => {
  browser = await launch();
  server = await serve();
  broken = await serve({ overrides: { '/bundle/manifest.json': (req, res) => { res.writeHead(404); res.end(); } } });
  articles = listArticles();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await broken?.close();
});

async function open(url, { scheme = 'light', viewport, chosen } = {}) {
  const context = await browser.newContext({ colorScheme: scheme, bypassCSP: true, viewport });
  if (chosen) {
    await context.addInitScript((theme) => localStorage.setItem('broadsheet-display', JSON.stringify({ theme })), chosen);
  }
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${url}: ${e.message}`));
  await page.goto(url);
  return { context, page };
}

/** Axe's violations on the page as it is now, as readable lines. */
async function violations(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const pages = [
  ['the list', async () => `${server.url}`, (page) => page.locator('section.list[aria-busy="false"] .card').first().waitFor()],
  ['an article', async () => `${server.url}articles/${articles[0].slug}`, (page) => page.locator('.article-body p').first().waitFor()],
  ['an Urdu article', async () => `${server.url}articles/${articles.find((a) => a.language === 'ur')?.slug}`, (page) => page.locator('.article-body p').first().waitFor()],
  ['a search with results', async () => `${server.url}?q=convention`, (page) => page.locator('section.list[aria-busy="false"] mark').first().waitFor()],
  ['the filters open on a phone', async () => `${server.url}?region=south-asia`, async (page) => {
    await page.setViewportSize(PHONE);
    await page.locator('.facet-panel > summary').click();
    await page.locator('.facet').first().waitFor();
  }],
  ['the display settings open', async () => `${server.url}`, async (page) => {
    await page.locator('.display-controls > summary').click();
    await page.getByRole('group', { name: 'Theme' }).waitFor();
  }],
  ['the shortcuts list', async () => `${server.url}`, async (page) => {
    await page.locator('.card').first().waitFor();
    await appReady(page);
    await page.keyboard.press('?');
    await page.locator('dialog.shortcuts[open]').waitFor();
  }],
  ['the error page', async () => `${broken.url}`, (page) => page.getByRole('alert').waitFor()],
  ['the not-found page', async () => `${server.url}articles/no-such-article`, (page) => page.locator('main h1').waitFor()],
];

for (const scheme of ['light', 'dark']) {
  describe(`axe, ${scheme} theme`, () => {
    for (const [name, url, ready] of pages) {
      test(`${name}: no violations`, async () => {
        const { context, page } = await open(await url(), { scheme });
        await ready(page);
        // The reader's page, not the builder's static copy of it.
        await appReady(page);
        assert.deepEqual(await violations(page), []);
        await context.close();
      });
    }
  });
}

// Every page kind again in the two right-to-left interfaces the archive's
// readers most use, mirrored, in both themes (waits that do not depend on
// the interface's words).
const hl = (url, code) => `${url}${url.includes('?') ? '&' : '?'}hl=${code}`;
const mirrored = [
  ['the list', () => server.url, (page) => page.locator('section.list[aria-busy="false"] .card').first().waitFor()],
  ['an article', () => `${server.url}articles/${articles[0].slug}`, (page) => page.locator('.article-body p').first().waitFor()],
  ['a search with results', () => `${server.url}?q=convention`, (page) => page.locator('section.list[aria-busy="false"] mark').first().waitFor()],
  ['the filters open on a phone', () => `${server.url}?region=south-asia`, async (page) => {
    await page.setViewportSize(PHONE);
    await page.locator('.facet-panel > summary').click();
    await page.locator('.facet').first().waitFor();
  }],
  ['the display settings open', () => server.url, async (page) => {
    await page.locator('.display-controls > summary').click();
    await page.locator('.display-panel .language select').waitFor();
  }],
  ['the shortcuts list', () => server.url, async (page) => {
    await page.locator('.card').first().waitFor();
    await appReady(page);
    await page.keyboard.press('?');
    await page.locator('dialog.shortcuts[open]').waitFor();
  }],
  ['the error page', () => broken.url, (page) => page.getByRole('alert').waitFor()],
  ['the not-found page', () => `${server.url}articles/no-such-article`, (page) => page.locator('main h1').waitFor()],
];

for (const code of ['ur', 'ar']) {
  for (const scheme of ['light', 'dark']) {
    describe(`axe, ${code} interface, ${scheme} theme`, () => {
      for (const [name, url, ready] of mirrored) {
        test(`${name}: no violations`, async () => {
          const { context, page } = await open(hl(url(), code), { scheme });
          await ready(page);
          await appReady(page);
          assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
          assert.deepEqual(await violations(page), []);
          await context.close();
        });
      }
    });
  }
}

test('axe, dark chosen over a light system: the list and an article', async () => {
  for (const url of [server.url, `${server.url}articles/${articles[1].slug}`]) {
    const { context, page } = await open(url, { scheme: 'light', chosen: 'dark' });
    await page.locator('.card, .article-body p').first().waitFor();
    // The reader applies the chosen theme; an article page's load event
    // does not wait for it (its loader imports the reader dynamically).
    await appReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(22, 21, 19)', 'the dark paper, though the system is light');
    assert.deepEqual(await violations(page), []);
    await context.close();
  }
});

describe('the keyboard alone', () => {
  test('/ searches, j and k move, Enter opens, focus lands on the heading, Esc goes back', async () => {
    const { context, page } = await open(server.url);
    await page.locator('section.list[aria-busy="false"] .card').first().waitFor();
    await appReady(page);
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    const titles = await page.locator('.card-title a').allTextContents();

    await page.keyboard.press('j');
    assert.equal(await focused(), titles[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(await focused(), titles[1]);
    await page.keyboard.press('Enter');
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moved to the heading');
    assert.equal(await focused(), titles[1]);

    await page.keyboard.press('Escape');
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'list-title', 'back on the list, focus on its heading');

    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q');
    await page.keyboard.type('may day');
    await page.waitForURL(/q=may/);
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.search.includes('q='));
    assert.equal(await page.inputValue('#q'), '', 'Esc cleared the search');

    await page.keyboard.press('Escape'); // leaves the box
    await page.keyboard.press('?');
    assert.ok(await page.locator('dialog.shortcuts').evaluate((d) => d.open));
    assert.equal(await page.locator('dialog.shortcuts dt').count(), 6);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('dialog.shortcuts').evaluate((d) => d.open), false);
    await context.close();
  });

  test('the skip link is the first stop and leads to the content', async () => {
    const { context, page } = await open(server.url);
    await page.locator('.card').first().waitFor();
    await appReady(page);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await context.close();
  });

  test('display settings: chosen with the keyboard, applied at once, kept after a reload', async () => {
    const { context, page } = await open(server.url);
    await page.locator('.card').first().waitFor();
    await appReady(page);
    await page.locator('.display-controls > summary').focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Dark').check();
    await page.getByRole('button', { name: 'Larger text' }).click();
    await page.getByLabel('Narrow').check();
    // The display settings on <html> (the readiness mark and the site's
    // language aside).
    const applied = () => page.evaluate(() => { const { readerReady, siteLang, ...settings } = document.documentElement.dataset; return settings; });
    assert.deepEqual(await applied(), { theme: 'dark', size: '112', width: 'narrow' });
    const fontSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    assert.equal(fontSize, '18px', '112.5% of 16 px');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('details.display-controls').evaluate((d) => d.open), false, 'Esc closes the panel');

    await page.reload();
    await page.locator('.card').first().waitFor();
    await appReady(page);
    assert.deepEqual(await applied(), { theme: 'dark', size: '112', width: 'narrow' });
    await page.goto(`${server.url}articles/${articles[0].slug}`);
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    const width = () => page.locator('article.article').evaluate((a) => a.getBoundingClientRect().width);
    const narrow = await width();
    await page.locator('.display-controls > summary').click();
    await page.getByLabel('Wide').check();
    assert.ok(await width() > narrow * 1.3, `the wide column is wider (${narrow} px → ${await width()} px)`);
    await context.close();
  });
});

test('no page raised an error', () => {
  assert.deepEqual(problems, []);
});
