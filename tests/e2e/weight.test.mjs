// What a visit downloads. A first visit loads the app, and the service
// worker then seals the same files for offline reading: it must take them
// from what the page already has (a revalidation answered 304), not fetch
// their bytes a second time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DIST, appReady, articlesText, settled, useReader } from './support.mjs';

const ctx = useReader();

/** A file list of the worker, as its sealed copy names it. */
function list(name) {
  const sw = readFileSync(`${DIST}sw.js`, 'utf8');
  return JSON.parse(sw.match(new RegExp(`const ${name} = (\\[.*?\\]);`))[1]);
}

/** The files the worker precaches. */
const sealed = () => [...list('SHELL'), ...list('CORE')];
/** The facet data, which only filtering and search need. */
const facetData = () => list('FACETS');

test('a first visit downloads each file of the app and the first screen once', async () => {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => ctx.problems.push(e.message));
  const before = ctx.server.served.length;
  await page.goto(ctx.server.url);
  await appReady(page);
  // The edition is in place once the worker has installed it.
  await page.waitForFunction(async () => (await caches.keys()).some((k) => k.includes(':edition-')));
  const files = sealed();
  // The server logs a response once it has finished sending it, which on a
  // loaded machine can come a moment after the worker has read it.
  const asked = (file) => ctx.server.served.slice(before)
    .filter((s) => s.path === `/${file}` || (file === 'index.html' && s.path === '/')).length;
  for (let waited = 0; waited < 5000 && !files.every((f) => asked(f) > 0); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const served = ctx.server.served.slice(before);
  await context.close();
  assert.ok(files.some((f) => f.endsWith('_bg.wasm')) && files.includes('bundle/manifest.json'), `${files}`);
  const bodies = (file) => served.filter((s) => s.status === 200
    && (s.path === `/${file}` || (file === 'index.html' && s.path === '/'))).length;
  const twice = files.filter((file) => bodies(file) !== 1).map((file) => `${file}: ${bodies(file)}`);
  assert.deepEqual(twice, [], 'each sealed file has its bytes sent exactly once');
  // The worker did ask for them: as revalidations.
  assert.ok(served.filter((s) => s.status === 304).length >= 3, JSON.stringify(served));
  assert.deepEqual(ctx.problems, []);
});

test('a visit that only reads downloads no facet data; a hand on the filters fetches it, once', async () => {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => ctx.problems.push(e.message));
  const before = ctx.server.served.length;
  const asked = (file) => ctx.server.served.slice(before).filter((s) => s.path === `/${file}`);
  const facets = facetData();
  assert.ok(facets.length >= 1 && facets.every((f) => f.startsWith('bundle/facets/')), `${facets}`);
  await page.goto(ctx.server.url);
  await appReady(page);
  await page.waitForFunction(async () => (await caches.keys()).some((k) => k.includes(':edition-')));
  await page.locator('.card-title a').first().click();
  await page.locator('.article-body p').first().waitFor();
  await appReady(page);
  await page.goBack();
  await appReady(page);
  assert.deepEqual(facets.filter((f) => asked(f).length > 0), [], 'the reader fetched facet data nobody asked for');
  assert.equal(await page.locator('aside.facets').getAttribute('data-ready'), 'false');

  // The first filter works at once: its data comes with the click.
  const box = page.locator('fieldset[data-facet=section] input').first();
  const label = await page.locator('fieldset[data-facet=section] .facet-count').first().textContent();
  await box.check();
  await settled(page);
  await page.locator('aside.facets[data-ready="true"]').waitFor();
  assert.match(page.url(), /[?&]section=/);
  assert.equal(await page.locator('.count').textContent(), articlesText(Number(label)));
  for (let waited = 0; waited < 5000 && !facets.every((f) => asked(f).length > 0); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(facets.map((f) => asked(f).filter((s) => s.status === 200).length), facets.map(() => 1),
    'each facet file downloaded once');
  await context.close();
  assert.deepEqual(ctx.problems, []);
});

test('on a connection the browser calls unmetered, the facet data comes ahead of need', async () => {
  const context = await ctx.browser.newContext();
  await context.addInitScript(() => Object.defineProperty(navigator, 'connection',
    { value: { type: 'wifi', saveData: false, effectiveType: '4g' } }));
  const page = await context.newPage();
  page.on('pageerror', (e) => ctx.problems.push(e.message));
  await page.goto(ctx.server.url);
  await appReady(page);
  // No hand on the filters: the browser's idle time brings it.
  await page.locator('aside.facets[data-ready="true"]').waitFor({ timeout: 10000 });
  await context.close();
  assert.deepEqual(ctx.problems, []);
});
