// What the query scripts share (scripts/query-probe.mjs, scripts/query-ab.mjs):
// a site served and opened as a reader finds it, and one query typed into
// the search box, timed until the list has settled.
import { launch } from '../tests/e2e/support.mjs';
import { startServer } from './static-server.mjs';

/**
 * Serves `site` (HTTP/2 over TLS as the hosts serve it with `H2=1`; over a
 * link of `RTT` ms and `KBPS` kbit/s when both are set), opens it in
 * `browser` (the service worker blocked with `NOSW=1`), and waits until the
 * list is ready and the filters have their data.
 */
export async function openSite(browser, site) {
  const link = process.env.RTT ? { rttMs: Number(process.env.RTT), kbps: Number(process.env.KBPS) } : null;
  const server = await startServer({ root: site, http2: Boolean(process.env.H2), link });
  const context = await browser.newContext(process.env.NOSW ? { serviceWorkers: 'block' } : {});
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator('html[data-reader-ready="/"]').waitFor({ timeout: 180000 });
  await page.locator('aside.facets').dispatchEvent('pointerdown');
  await page.locator('aside.facets[data-ready="true"]').waitFor({ timeout: 180000 });
  const close = async () => { await context.close(); await server.close(); };
  return { page, close };
}

/** A browser for these scripts (one that accepts the HTTP/2 server's certificate). */
export const browserForQueries = () => launch({ insecure: Boolean(process.env.H2) });

/**
 * Types `q` into the search box at once (as a paste), and resolves when the
 * list is settled: `{ ms, files }`, files being every file fetched meanwhile
 * as [name, start, worker start, first byte, end, transfer, decoded] (ms
 * after the input event), from the browser's resource timing. Then empties
 * the box again.
 */
export async function timedQuery(page, q) {
  const result = await page.evaluate(async (q) => {
    const list = document.querySelector('section.list');
    const html = document.documentElement;
    const here = () => location.pathname + location.search;
    const t0 = performance.now();
    const input = document.querySelector('#q');
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((res) => {
      const check = () => {
        if (here() !== '/' && list.getAttribute('aria-busy') === 'false' && html.getAttribute('data-reader-ready') === here()) res();
        else setTimeout(check, 1);
      };
      check();
    });
    const ms = Math.round(performance.now() - t0);
    const files = performance.getEntriesByType('resource').filter((e) => e.startTime >= t0).map((e) => [
      e.name.replace(/.*bundle\//, ''), Math.round(e.startTime - t0), Math.round((e.workerStart || e.startTime) - t0),
      Math.round(e.responseStart - t0), Math.round(e.responseEnd - t0), e.transferSize, e.decodedBodySize]);
    return { ms, files };
  }, q);
  await page.evaluate(() => {
    const input = document.querySelector('#q');
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForTimeout(400);
  return result;
}
