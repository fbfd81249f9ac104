// A broken or foreign bundle shows a readable error page, never a blank one.
// Each case serves the real dist/ with one file replaced.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { DIST, appReady, bundleFiles, launch, serve } from './support.mjs';

const manifest = JSON.parse(readFileSync(`${DIST}bundle/manifest.json`, 'utf8'));
// Which file is which, as the builder names them: no path worked out here.
const files = bundleFiles();
const json = (value) => (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(typeof value === 'string' ? value : JSON.stringify(value));
};
const status = (code) => (req, res) => {
  res.writeHead(code, { 'content-type': 'text/plain' });
  res.end('nope');
};

const cases = [
  ['a manifest that is not JSON', { 'bundle/manifest.json': json('<!doctype html><h1>Welcome to nginx</h1>') },
    'The archive is damaged', /not valid JSON/, true],
  ['a truncated manifest', { 'bundle/manifest.json': json(JSON.stringify(manifest).slice(0, 200)) },
    'The archive is damaged', /not valid JSON/, true],
  ['a foreign JSON file', { 'bundle/manifest.json': json({ format: 'pagefind', version: 1 }) },
    'This is not a Broadsheet archive', /is a “pagefind” file, not a Broadsheet bundle/, false],
  ['a newer format version', { 'bundle/manifest.json': json({ ...manifest, version: 99 }) },
    'This archive needs a different version of the reader', new RegExp(`format version 99; this reader reads version ${manifest.version}`), false],
  ['a manifest missing fields', { 'bundle/manifest.json': json({ format: 'broadsheet-bundle', version: manifest.version }) },
    'The archive is damaged', /missing field/, false],
  ['a missing manifest', { 'bundle/manifest.json': status(404) },
    'The archive was not found', /HTTP 404/, true],
  ['a first card shard that does not match its hash', { [`bundle/${manifest.head.path}`]: json(`{"format":"broadsheet-bundle","version":${manifest.version},"first":0,"cards":[]}`) },
    'The archive is damaged', /does not match the manifest/, true],
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [name, broken, headline, detail, retry] of cases) {
  test(`${name} shows a clear error page`, async () => {
    const overrides = Object.fromEntries(Object.entries(broken).map(([k, v]) => [`/${k}`, v]));
    const server = await serve({ overrides });
    const pageErrors = [];
    try {
      const page = await browser.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(server.url);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.equal(await alert.getByRole('heading').textContent(), headline);
      assert.match(await alert.locator('.error-detail').textContent(), detail);
      assert.equal(await alert.getByRole('button', { name: 'Try again' }).count(), retry ? 1 : 0);
      assert.deepEqual(pageErrors, [], 'no panic or uncaught error');
      await page.close();
    } finally {
      await server.close();
    }
  });
}

test('the error page speaks the interface language: a newer bundle, in Urdu', async () => {
  const server = await serve({ overrides: { '/bundle/manifest.json': json({ ...manifest, version: 99 }) } });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}?hl=ur`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const ur = JSON.parse(readFileSync(new URL('../../public/locales/ur.json', import.meta.url), 'utf8'));
    assert.equal(await alert.getByRole('heading').textContent(), ur['error.version']);
    const detail = await alert.locator('.error-detail').textContent();
    assert.ok(detail.includes(`ورژن 99 ہے`) && !/[A-Za-z]{3,}/.test(detail.replace(/\S*manifest\.json/g, '')), detail);
    await page.close();
  } finally {
    await server.close();
  }
});

test('a missing body shard breaks only that article, not the list', async () => {
  const shard = files.bodies[0];
  const server = await serve({ overrides: { [`/bundle/${shard}`]: status(404) } });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.locator('.card').first().waitFor();
    await appReady(page);
    await page.locator('.card-title a').first().click();
    const panel = page.getByRole('alert');
    await panel.waitFor();
    assert.match(await panel.textContent(), /HTTP 404/);
    assert.ok(await page.locator('article h1').isVisible(), 'the article header still shows');
    await page.close();
  } finally {
    await server.close();
  }
});

test('damaged facet data leaves the list readable and says filtering is unavailable', async () => {
  const server = await serve({ overrides: { [`/bundle/${manifest.segments[0].facets.path}`]: json('{"format":"broadsheet-bundle"') } });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.locator('.card').first().waitFor();
    await appReady(page);
    // The facet data is fetched at its first need: here the keyboard
    // reaching the filters.
    await page.locator('fieldset.facet input').first().focus();
    const panel = page.getByRole('alert');
    await panel.waitFor();
    assert.match(await panel.textContent(), /does not match the manifest/);
    assert.equal(await page.locator('.card-title').count(), 20, 'the first page is still there');
    await page.close();
  } finally {
    await server.close();
  }
});

/** The card shard (path, and the segment and shard numbers) holding list position `p`. */
function cardShardOf(p) {
  let segment = 0;
  while (p >= manifest.segments[segment].articles) p -= manifest.segments[segment++].articles;
  const table = JSON.parse(readFileSync(`${DIST}bundle/${manifest.segments[segment].table.path}`, 'utf8'));
  const shard = Math.floor(p / manifest.cards_per_shard);
  const hash = table.cards.hashes.slice(shard * 16, shard * 16 + 16);
  const name = `${table.cards.prefix ?? ''}${String(shard).padStart(5, '0')}.${hash}.json${table.cards.gzip ? '.gz' : ''}`;
  return { path: `${table.cards.dir}/${name}`, key: `${segment}/${shard}` };
}

test('a missing card shard marks only its own cards', async () => {
  // Positions up to cards_per_shard come with the head; the first one after it is in a segment's shard.
  const blocked = cardShardOf(manifest.cards_per_shard);
  assert.ok(files.cards.includes(blocked.path));
  const server = await serve({ overrides: { [`/bundle/${blocked.path}`]: status(404) } });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}?page=2`);
    await page.locator('.card-failed').first().waitFor();
    const failed = await page.locator('.card-failed').count();
    const shown = await page.locator('.card-title').count();
    // Page 2 is positions 20–39: 20–31 from the head, the rest from segments' shards.
    const onPage = [...Array(Math.min(40, manifest.articles) - 20).keys()].map((i) => 20 + i);
    const lost = onPage.filter((p) => p >= manifest.cards_per_shard && cardShardOf(p).key === blocked.key).length;
    assert.ok(lost > 0);
    assert.equal(failed, lost);
    assert.equal(shown, onPage.length - lost);
    assert.match(await page.locator('.card-failed').first().textContent(), /could not be loaded/);
    await page.close();
  } finally {
    await server.close();
  }
});
