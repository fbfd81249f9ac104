// What a visit downloads. A first visit loads the app, and the service
// worker then seals the same files for offline reading: it must take them
// from what the page already has (a revalidation answered 304), not fetch
// their bytes a second time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DIST, appReady, useReader } from './support.mjs';

const ctx = useReader();

/** The files the worker precaches, as its sealed copy names them. */
function sealed() {
  const sw = readFileSync(`${DIST}sw.js`, 'utf8');
  const list = (name) => JSON.parse(sw.match(new RegExp(`const ${name} = (\\[.*?\\]);`))[1]);
  return [...list('SHELL'), ...list('CORE')];
}

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
