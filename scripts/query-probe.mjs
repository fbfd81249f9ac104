// On demand (not a test): where a search's time goes in the page. Opens a
// site, puts a hand on the filters, then types each query once (as
// scripts/bench.mjs does) and prints, per query, the time until the list is
// settled and every file fetched meanwhile with its start and end (ms after
// the input event: start, worker start, first byte, end), from the
// browser's resource timing.
//
//   node scripts/query-probe.mjs SITE '["workers","zenzentonton"]'
//
// SITE is a benchmark site (target/bench/site-10000 after scripts/bench.mjs);
// NOSW=1 blocks the service worker.
import { launch } from '../tests/e2e/support.mjs';
import { startServer } from '../scripts/static-server.mjs';
const site = process.argv[2];
const queries = JSON.parse(process.argv[3]);
const server = await startServer({ root: site });
const browser = await launch();
const context = await browser.newContext(process.env.NOSW ? { serviceWorkers: 'block' } : {});
const page = await context.newPage();
await page.goto(server.url);
await page.locator('html[data-reader-ready="/"]').waitFor({ timeout: 60000 });
await page.locator('aside.facets').dispatchEvent('pointerdown'); await page.locator('aside.facets[data-ready="true"]').waitFor({ timeout: 60000 });
for (const q of queries) {
  const r = await page.evaluate(async (q) => {
    const list = document.querySelector('section.list');
    const html = document.documentElement;
    const here = () => location.pathname + location.search;
    const t0 = performance.now();
    const marks = [];
    const obs0 = new MutationObserver(() => marks.push([Math.round(performance.now() - t0), here(), list.getAttribute('aria-busy'), html.getAttribute('data-reader-ready')]));
    obs0.observe(html, { attributes: true, subtree: true, attributeFilter: ['aria-busy', 'data-reader-ready'] });
    const input = document.querySelector('#q');
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((res) => {
      const check = () => { if (here() !== '/' && list.getAttribute('aria-busy') === 'false' && html.getAttribute('data-reader-ready') === here()) res(); else setTimeout(check, 1); };
      check();
    });
    const t1 = performance.now() - t0;
    obs0.disconnect();
    const res = performance.getEntriesByType('resource').filter((e) => e.startTime >= t0).map((e) => [e.name.replace(/.*bundle\//, ''), Math.round(e.startTime - t0), Math.round((e.workerStart || e.startTime) - t0), Math.round(e.responseStart - t0), Math.round(e.responseEnd - t0), e.transferSize, e.decodedBodySize]);
    return { q, t1: Math.round(t1), res, marks };
  }, q);
  console.log(JSON.stringify(r));
  await page.evaluate(() => { const i = document.querySelector('#q'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForTimeout(500);
}
await browser.close(); await server.close();
