// On demand (not a test): the bench's eight queries, typed once each, on
// two or more sites in turn (a new browser context for each site in each
// run), so that a change is measured against the code before it on the
// same machine in the same minutes. Prints a Markdown table of the times
// until the list settles, in ms, one cell per query and site.
//
//   node scripts/query-ab.mjs RUNS SITE_A SITE_B ...
//
// The same switches as scripts/query-probe.mjs (NOSW, H2, RTT and KBPS).
import { browserForQueries, openSite, timedQuery } from './query-timing.mjs';

const runs = Number(process.argv[2]);
const sites = process.argv.slice(3);
const queries = ['workers', 'workers union', 'wor', '"workers union"', 'workers -union', 'wokrers', 'zenzentonton', 'مزدور'];
const times = new Map(sites.map((s) => [s, queries.map(() => [])]));
const browser = await browserForQueries();
for (let r = 0; r < runs; r++) {
  for (const site of sites) {
    const { page, close } = await openSite(browser, site);
    for (const [i, q] of queries.entries()) times.get(site)[i].push((await timedQuery(page, q)).ms);
    await close();
  }
}
await browser.close();
console.log(`| site | ${queries.join(' | ')} | max |`);
console.log(`|---|${queries.map(() => '---:').join('|')}|---:|`);
for (const site of sites) {
  const cells = times.get(site);
  console.log(`| ${site} | ${cells.map((c) => c.join(' · ')).join(' | ')} | ${Math.max(...cells.flat())} |`);
}
