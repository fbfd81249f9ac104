// End-to-end: search finds the other forms of a word in Spanish, French and
// German articles, in Chromium, with each language's stemmer loaded as its
// own small module (stemmers/<code>.wasm) at the first search, and again
// offline. The archive is written here (English, Spanish, French, German
// articles, each inflected form in one article only) and built with the
// real builder next to a copy of dist/. Expected results are spelled out
// and also compared with `broadsheet search`, the builder's native stemmers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../../scripts/static-server.mjs';
import { BROADSHEET, DIST, appReady, exactly, launch, searchSlugs, settled } from './support.mjs';

const ARTICLES = [
  ['en', 'copper-mine-strike', 'Workers at the copper mine strike', 'The strike at the mine entered its second week.'],
  ['es', 'cobre-huelga', 'Los trabajadores del cobre vuelven a la huelga', 'Los mineros votaron una huelga indefinida en la asamblea.'],
  ['es', 'despido-sindicato', 'Un trabajador despedido por organizar el sindicato', 'El sindicato exige su readmisión inmediata.'],
  ['fr', 'greves-automne', "Les grèves de l'automne à Lyon", "Le personnel de l'usine a voté en assemblée."],
  ['de', 'fabrik', 'Den Arbeitern gehört die Fabrik', 'Die Gewerkschaft ruft zum Streik auf.'],
];

let root;
let work;
let server;
let browser;
const problems = [];

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'broadsheet-stemming-'));
  work = join(root, 'site');
  const content = join(root, 'content');
  mkdirSync(content);
  cpSync(DIST, work, { recursive: true, filter: (src) => !src.startsWith(join(DIST, 'bundle')) });
  writeFileSync(join(content, 'broadsheet.toml'), '[site]\ntitle = "Stemming"\nlanguage = "en"\n');
  ARTICLES.forEach(([language, slug, title, body], i) => {
    writeFileSync(join(content, `${slug}.md`), `---\ntitle: "${title}"\ndate: 2026-0${i + 1}-01\n`
      + `slug: ${slug}\nsection: News\nlanguage: ${language}\n---\n${body}\n`);
  });
  server = await startServer({ root: work });
  execFileSync(BROADSHEET, ['build', content, '--out', join(work, 'bundle'), '--url', server.url,
    '--site-files', work], { stdio: 'pipe' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  assert.deepEqual(problems, []);
});

/** The result titles for `query`, typed into the search box (finished). */
async function search(page, query, want) {
  await page.locator('#q').fill(`${query} `);
  const text = want.length === 1 ? `1 result for “${query}”` : `${want.length} results for “${query}”`;
  await page.locator('.count', { hasText: exactly(text) }).waitFor();
  await settled(page);
  return (await page.locator('.card-title').allTextContents()).sort();
}

const title = (slug) => ARTICLES.find((a) => a[1] === slug)[2];

const CASES = [
  // Each form is in one article only: the other is found by its stem.
  ['trabajador', ['cobre-huelga', 'despido-sindicato']],
  ['trabajadores', ['cobre-huelga', 'despido-sindicato']],
  ['grève', ['greves-automne']],
  ['greve', ['greves-automne']],
  ['Arbeiter', ['fabrik']],
  // Elision: "l'usine" is indexed as "usine".
  ['usine', ['greves-automne']],
  // English keeps its own stems, and its stop words.
  ['striking', ['copper-mine-strike']],
];

test('inflected forms are found in their own language, by modules loaded for the archive', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  const modules = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/stemmers/')) modules.push(path);
  });
  await page.goto(server.url);
  await page.locator('.cards .card').first().waitFor();
  await appReady(page);
  assert.deepEqual(modules, [], 'no stemmer is fetched before the first search');

  for (const [query, slugs] of CASES) {
    const native = searchSlugs(query, join(work, 'bundle'));
    assert.deepEqual([...native].sort(), [...slugs].sort(), `broadsheet search ${query}`);
    assert.deepEqual(await search(page, query, slugs), slugs.map(title).sort(), `search ${query}`);
  }
  // The stems matched are marked in the cards, whatever the form.
  await search(page, 'trabajadores', ['cobre-huelga', 'despido-sindicato']);
  assert.deepEqual((await page.locator('.card-title mark').allTextContents()).sort(), ['trabajador', 'trabajadores']);
  assert.deepEqual([...new Set(modules)].sort(), ['/stemmers/de.wasm', '/stemmers/es.wasm', '/stemmers/fr.wasm'],
    'the archive\'s languages only, English being in the reader');
  assert.equal(modules.length, 3, 'each module fetched once');

  // Offline, on a new page: the worker sealed the modules with the app.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  const offline = await context.newPage();
  offline.on('pageerror', (e) => problems.push(`pageerror offline: ${e.message}`));
  await offline.goto(server.url);
  await offline.locator('.cards .card').first().waitFor();
  await appReady(offline);
  assert.deepEqual(await search(offline, 'grève', ['greves-automne']), [title('greves-automne')]);
  assert.deepEqual(await search(offline, 'trabajador', ['cobre-huelga', 'despido-sindicato']),
    [title('cobre-huelga'), title('despido-sindicato')].sort());
  await context.close();
});

test('a stemmer that cannot load costs only its own language\'s stems: found as typos and beginnings', async () => {
  const broken = await startServer({ root: work, overrides: { '/stemmers/fr.wasm': (req, res) => { res.writeHead(404); res.end(); } } });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.goto(broken.url);
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);
    // German and Spanish are stemmed as ever…
    assert.deepEqual(await search(page, 'Arbeiter', ['fabrik']), [title('fabrik')]);
    assert.ok(warnings.some((w) => w.includes('no stemmer for') && w.includes('fr')), warnings.join('\n'));
    // …French ones are not: "grève" meets "grèves" only as a typo of
    // its stem ("grev", one letter away), which the page says.
    assert.deepEqual(await search(page, 'grève', ['greves-automne']), [title('greves-automne')]);
    await page.locator('.search-note', { hasText: '“grev” for “greve”' }).waitFor();
    // A word's beginning, while typing, finds it too.
    await page.locator('#q').fill('grev');
    await page.locator('.count', { hasText: exactly('1 result for “grev”') }).waitFor();
    await context.close();
  } finally {
    await broken.close();
  }
});
