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
// NOSW=1 blocks the service worker, H2=1 serves HTTP/2 as the hosts do,
// RTT=170 KBPS=9000 puts a slow link in between (scripts/query-timing.mjs).
import { browserForQueries, openSite, timedQuery } from './query-timing.mjs';

const site = process.argv[2];
const queries = JSON.parse(process.argv[3]);
const browser = await browserForQueries();
const { page, close } = await openSite(browser, site);
for (const q of queries) {
  const { ms, files } = await timedQuery(page, q);
  console.log(JSON.stringify({ q, t1: ms, res: files }));
}
await close();
await browser.close();
