// On demand (not a test): what a visit downloads, counted by the server as
// it sent it (gzip, as GitHub Pages serves), in Chromium with the real
// service worker, cold cache, over 127.0.0.1.
//
//   node scripts/visit-bench.mjs [--sizes 10000,100000] [--site DIR]
//
// `--site DIR` measures a site made earlier (one size), e.g. one sealed by an
// older build, for a before/after comparison.
//
// Each visit starts on the home page in a new browser context and waits
// until the network has been quiet for a second (the worker's precache
// included): reading only the list; the list, then the first article; the
// list, then the first filter; the list, then a search. Needs `scripts/dev
// dist` and the release binaries; the archives are `broadsheet-dev synth
// --seed 1`, shared with bench.mjs (target/bench/).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launch, appReady, settled } from '../tests/e2e/support.mjs';
import { prepareSite } from './bench-site.mjs';
import { startServer } from './static-server.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BENCH = `${ROOT}target/bench`;
const BIN = `${ROOT}target/release/broadsheet`;
const DEV = `${ROOT}target/release/broadsheet-dev`;
const args = process.argv.slice(2);
const at = args.indexOf('--sizes');
const sizes = (at >= 0 ? args[at + 1] : '10000,100000').split(',').map(Number);
const given = args.includes('--site') ? args[args.indexOf('--site') + 1] : null;

const visits = {
  'the list only': async () => {},
  'the list, then the first article': async (page) => {
    await page.locator('.card-title a').first().click();
    await page.locator('.article-body p').first().waitFor();
    await appReady(page);
  },
  'the list, then the first filter': async (page) => {
    await page.locator('fieldset[data-facet=section] input').first().check();
    await settled(page);
  },
  'the list, then a search': async (page) => {
    await page.locator('#q').fill('workers');
    await page.waitForURL(/\?q=workers/);
    await settled(page);
  },
};

/** Waits until the server has sent nothing for `quiet` ms. */
async function quiet(server, ms = 1000) {
  let seen = -1;
  while (seen !== server.served.length) {
    seen = server.served.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

const kind = (path) => {
  const m = path.match(/^\/bundle\/([^/.]+)/);
  if (!m) return 'app';
  return ['manifest', 'head'].includes(m[1]) ? 'first screen' : m[1];
};
const KINDS = ['app', 'first screen', 'segments', 'facets', 'search', 'cards', 'bodies', 'slugs', 'images'];
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;

const rows = [];
const browser = await launch();
for (const n of sizes) {
  const src = `${BENCH}/src-${n}`;
  const bundle = `${BENCH}/bundle-${n}`;
  if (!given && !existsSync(src)) execFileSync(DEV, ['synth', '--articles', String(n), '--seed', '1', '--out', src], { stdio: 'inherit' });
  if (!given && !existsSync(`${bundle}/manifest.json`)) execFileSync(BIN, ['build', src, '--out', bundle], { stdio: 'inherit' });
  const site = given ?? prepareSite({ src, bundle, site: `${BENCH}/visit-site-${n}` });
  const server = await startServer({ root: site });
  for (const [name, visit] of Object.entries(visits)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const from = server.served.length;
    await page.goto(server.url);
    await appReady(page);
    await visit(page);
    await quiet(server);
    const sent = server.served.slice(from);
    await context.close();
    const by = Object.fromEntries(KINDS.map((k) => [k, 0]));
    for (const s of sent) by[kind(s.path)] = (by[kind(s.path)] ?? 0) + s.bytes;
    const total = sent.reduce((sum, s) => sum + s.bytes, 0);
    rows.push({ n, name, total, files: sent.filter((s) => s.status === 200).length, by });
    console.error(`${n} · ${name}: ${kb(total)}`);
  }
  await server.close();
}
await browser.close();

console.log(`| articles | visit | sent (gzip) | files | ${KINDS.join(' | ')} |`);
console.log(`|---:|---|---:|---:|${KINDS.map(() => '---:').join('|')}|`);
for (const r of rows) console.log(`| ${r.n} | ${r.name} | ${kb(r.total)} | ${r.files} | ${KINDS.map((k) => kb(r.by[k])).join(' | ')} |`);
