// Bad networks and oversized files: the reader retries what a retry can
// fix, gives up on what it cannot with a specific message, and a panic (if
// one ever happens) ends in a notice, not a frozen page. Each case serves
// the real dist/ with one file's delivery broken.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { DIST, articlesText, launch, listArticles, serve, appReady, exactly } from './support.mjs';

const manifestText = readFileSync(`${DIST}bundle/manifest.json`, 'utf8');
const manifest = JSON.parse(manifestText);
const head = readFileSync(`${DIST}bundle/${manifest.head.path}`);
const MANIFEST_LIMIT = 1 << 20;

/** Serves `body` as JSON; `length: false` streams it without a length. */
const json = (body, { length = true } = {}) => (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', ...(length ? { 'content-length': Buffer.byteLength(body) } : {}) });
  if (length) return res.end(body);
  // In 64 KB pieces, as a slow server would.
  for (let i = 0; i < body.length; i += 65536) res.write(body.subarray(i, i + 65536));
  return res.end();
};
/** The n-th request (from 1) to a path gets `plan[n - 1]`, later ones the last. */
const sequence = (plan) => {
  let n = 0;
  return (req, res) => plan[Math.min(n++, plan.length - 1)](req, res);
};
/** A connection lost mid-download: headers and half the body, then gone.
 *  (A connection closed before any answer, Chromium retries by itself.) */
const drop = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 * 1024 });
  res.write(' '.repeat(1024));
  setTimeout(() => res.destroy(), 20);
};
const hang = () => {};
const unavailable = (req, res) => {
  res.writeHead(503, { 'content-type': 'text/plain' });
  res.end('busy');
};

let browser;
let articles;
before(async () => {
  browser = await launch();
  articles = listArticles();
});
after(async () => { await browser?.close(); });

/** Serves dist/ with `overrides`, opens a page, hands both to `body`. */
async function withPage(overrides, body, { clock = false } = {}) {
  const server = await serve({ overrides });
  // No service worker: it would fetch the manifest too, and these tests
  // count the page's own requests.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  if (clock) await context.clock.install();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await body(page, server, errors);
  } finally {
    await context.close();
    await server.close();
  }
}

async function expectError(page, headline, detail, retry) {
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.getByRole('heading').textContent(), headline);
  assert.match(await alert.locator('.error-detail').textContent(), detail);
  assert.equal(await alert.getByRole('button', { name: 'Try again' }).count(), retry ? 1 : 0);
}

const huge = Buffer.from(`${manifestText.slice(0, -1)}, "padding": "${'x'.repeat(MANIFEST_LIMIT)}"}`);

test('a manifest that is too large is refused from its declared length', async () => {
  await withPage({ '/bundle/manifest.json': json(huge) }, async (page, _server, errors) => {
    await page.goto(_server.url);
    await expectError(page, 'The archive is damaged', /manifest\.json is larger than 1048576 bytes/, false);
    assert.deepEqual(errors, []);
  });
});

test('a manifest that is too large is refused while it streams, without a length', async () => {
  await withPage({ '/bundle/manifest.json': json(huge, { length: false }) }, async (page, server, errors) => {
    await page.goto(server.url);
    await expectError(page, 'The archive is damaged', /manifest\.json is larger than 1048576 bytes/, false);
    assert.deepEqual(errors, []);
  });
});

test('a shard larger than the manifest says is refused', async () => {
  const padded = Buffer.concat([head, Buffer.alloc(4096, 0x20)]);
  await withPage({ [`/bundle/${manifest.head.path}`]: json(padded, { length: false }) }, async (page, server) => {
    await page.goto(server.url);
    await expectError(page, 'The archive is damaged', new RegExp(`is larger than ${manifest.head.bytes} bytes`), false);
  });
});

test('dropped connections and a 503 are retried, and the archive loads', async () => {
  const real = json(Buffer.from(manifestText));
  await withPage({ '/bundle/manifest.json': sequence([drop, unavailable, drop, real]) }, async (page, server, errors) => {
    await page.goto(server.url);
    await page.locator('.count[role="status"]', { hasText: exactly(articlesText(articles.length)) }).waitFor({ timeout: 20_000 });
    assert.equal(server.requests.filter((p) => p === '/bundle/manifest.json').length, 4, 'three retries, then success');
    assert.deepEqual(errors, []);
  });
});

test('a network that keeps failing ends in a clear error with a retry', async () => {
  await withPage({ '/bundle/manifest.json': drop }, async (page, server) => {
    await page.goto(server.url);
    await expectError(page, 'The archive could not be reached', /manifest\.json/, true);
    assert.equal(server.requests.filter((p) => p === '/bundle/manifest.json').length, 4, 'four tries');
  });
});

test('a shard that arrives damaged once is fetched again, bypassing the cache', async () => {
  // The same length, one letter changed: only the hash can tell.
  const broken = json(Buffer.from(head.toString('utf8').replace('a', 'b')));
  await withPage({ [`/bundle/${manifest.head.path}`]: sequence([broken, json(head)]) }, async (page, server) => {
    await page.goto(server.url);
    await page.locator('.count[role="status"]', { hasText: exactly(articlesText(articles.length)) }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.card-title').first().textContent(), articles[0].title);
    assert.equal(server.requests.filter((p) => p === `/bundle/${manifest.head.path}`).length, 2);
  });
});

/** Moves the page's clock on until `done` resolves true. */
async function runClock(page, done, step = 5_000, limit = 200_000) {
  for (let t = 0; t < limit; t += step) {
    if (await done()) return t;
    await page.clock.fastForward(step);
    await page.waitForTimeout(50);
  }
  throw new Error('the page did not get there');
}

test('a stalled request is abandoned after 20 s of silence and tried again', async () => {
  const real = json(Buffer.from(manifestText));
  await withPage({ '/bundle/manifest.json': sequence([hang, real]) }, async (page, server) => {
    await page.goto(server.url);
    await page.waitForTimeout(500);
    const appCards = page.locator('section.list[aria-busy] .card');
    assert.equal(await appCards.count(), 0, 'still waiting on the stalled request');
    const waited = await runClock(page, async () => (await appCards.count()) > 0, 1_000);
    assert.ok(waited >= 20_000 && waited <= 25_000, `gave up after ${waited} ms of silence`);
    assert.equal(server.requests.filter((p) => p === '/bundle/manifest.json').length, 2);
  }, { clock: true });
});

test('a server that never answers ends in "not answering", with a retry', async () => {
  await withPage({ '/bundle/manifest.json': hang }, async (page, server) => {
    await page.goto(server.url);
    await runClock(page, async () => (await page.getByRole('alert').count()) > 0);
    await expectError(page, 'The archive is not answering', /sent nothing for 20 seconds, 4 times/, true);
    assert.equal(server.requests.filter((p) => p === '/bundle/manifest.json').length, 4);
  }, { clock: true });
});

test('a panic replaces the page with a notice and a reload link, not a frozen screen', async () => {
  await withPage({}, async (page, server, errors) => {
    await page.goto(server.url);
    await page.locator('.card').first().waitFor();
    await appReady(page);
    await page.evaluate(() => {
      try { window.wasmBindings.broadsheetSelfTestPanic(); } catch { /* the trap after the hook */ }
    });
    const notice = page.getByRole('alert');
    await notice.waitFor();
    assert.equal(await notice.getByRole('heading').textContent(), 'Something went wrong in the reader');
    assert.match(await notice.locator('pre').textContent(), /self-test panic/);
    assert.equal(await page.locator('.cards').isVisible(), false, 'the stale page is hidden');
    await notice.getByRole('link', { name: 'Reload the page' }).click();
    await page.locator('.card').first().waitFor();
    await appReady(page);
    assert.equal(await page.locator('#crash').count(), 0, 'a reload brings the reader back');
    assert.deepEqual(errors, []);
  });
});
