// End-to-end: the single-file copy (`broadsheet pack`), opened from a
// file:// URL in Chromium with no server at all: list, filters, search,
// articles, reload and Back, and not one request leaving the file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DIST, articlesText, launch, listArticles, appReady, exactly } from './support.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const BROADSHEET = join(ROOT, 'target/debug/broadsheet');
const problems = [];
let dir;
let browser;
let articles;

function pack(name, extra = [], content = join(ROOT, 'content')) {
  const out = join(dir, name);
  const run = spawnSync(BROADSHEET, ['pack', content, '--reader', DIST, '--out', out, ...extra],
    { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return { url: pathToFileURL(out).href, out, stderr: run.stderr };
}

async function open(url) {
  const page = await (await browser.newContext()).newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(url);
  await page.locator('.cards .card').first().waitFor();
  await appReady(page);
  return { page, requests };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-pack-'));
  articles = listArticles();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the single-file copy', () => {
  test('renders whatever its articles say: "<!--" and "<script" in plain text cannot swallow the page', async () => {
    const content = join(dir, 'markup-in-text');
    mkdirSync(content);
    const titles = ['How HTML comments start: <!--', 'Writing a <script> element', 'Breaker <!--<script> title'];
    titles.forEach((title, i) => writeFileSync(join(content, `a${i}.md`),
      `---\ntitle: ${JSON.stringify(title)}\ndate: 2024-01-0${i + 1}\ntags: ["<!--<script>"]\nauthors: ["</script><!--"]\n---\nText ${i} with <!-- and <script> in it, as text.\n`));
    const { url } = pack('markup.html', [], content);
    const { page } = await open(url);
    assert.equal(await page.locator('.count').textContent(), articlesText(3));
    assert.deepEqual((await page.locator('.card-title').allTextContents()).sort(), [...titles].sort());
  });

  test('states its size, and reads from file:// with no network: filters, search, articles, reload, Back', async () => {
    const { url, out, stderr } = pack('archive.html');
    const size = statSync(out).size;
    // The size as the builder states it (its human_bytes).
    const human = size < 1e6 ? `${(size / 1e3).toFixed(1)} KB` : `${(size / 1e6).toFixed(1)} MB`;
    assert.match(stderr, new RegExp(`${articles.length} articles packed into .*archive\\.html: ${human} \\(reader `));
    // The wasm and the articles travel compressed (uncompressed, the
    // sample's copy is 1.9 MB; compressed about 0.97 MB, most of it the
    // reader, which grows with its features: 0.84 MB on 2026-12-01, 0.95 MB
    // with nine interface languages, 0.97 MB with search in every article
    // language and the site's names of terms: reader 751 KB, articles
    // 216 KB on 2026-12-03; later that day, measured again on a fresh
    // machine, 991.7 KB without pictures and 1,039 KB with the sample's
    // three pictures carried at 480 px, as `--images small` does; on
    // 2026-12-08 1,110 KB with the reader split into modules loaded at
    // first use, which a single file carries all of: the split costs ~8 %
    // more wasm in all, for ~21 % less before a site's first screen).
    assert.ok(size < 1_115_000, `${size} bytes`);
    const { page, requests } = await open(url);
    assert.equal(await page.locator('.count').textContent(), articlesText(articles.length));

    const pakistan = articles.filter((a) => a.countries.includes('Pakistan'));
    await page.locator('fieldset.facet', { has: page.locator('legend', { hasText: 'Country' }) })
      .locator('label.facet-value', { has: page.locator('.facet-label', { hasText: /^Pakistan$/ }) })
      .click();
    await page.waitForURL(`${url}?country=pakistan`);
    await page.locator('.count', { hasText: exactly(articlesText(pakistan.length)) }).waitFor();

    await page.locator('.card-title a').first().click();
    await page.waitForURL(`${url}?article=${pakistan[0].slug}`);
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    await page.reload();
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
    assert.equal(await page.locator('h1').textContent(), pakistan[0].title);
    await page.goBack();
    await page.locator('.count', { hasText: exactly(articlesText(pakistan.length)) }).waitFor();

    await page.goto(`${url}?q=convention`);
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);
    assert.match(await page.locator('.count').textContent(), /results? for “convention”/);

    assert.deepEqual(requests.filter((r) => !r.startsWith(url)), [], 'nothing but the file itself');
  });

  test('can hold only some sections and a date range', async () => {
    const { url, stderr } = pack('reports.html', ['--only-section', 'Reports', '--from', '2020']);
    const want = articles.filter((a) => a.section === 'Reports' && a.date && a.date >= '2020-01-01');
    assert.ok(want.length > 0 && want.length < articles.length);
    assert.match(stderr, new RegExp(`${want.length} articles packed \\(${articles.length - want.length} articles left out`));
    const { page } = await open(url);
    assert.equal(await page.locator('.count').textContent(), articlesText(want.length));
    assert.deepEqual(await page.locator('.card-title').allTextContents(), want.slice(0, 20).map((a) => a.title));
  });

  test('a reader that was never built is a clear error (no reader)', () => {
    const run = spawnSync(BROADSHEET, ['pack', join(ROOT, 'content'), '--reader', dir, '--out', join(dir, 'x.html')],
      { encoding: 'utf8' });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /no broadsheet-reader-\*\.js in .* \(build the reader first: scripts\/dev dist\)/);
  });
});

test('no page raised an error or logged one', () => {
  assert.deepEqual(problems, []);
});
