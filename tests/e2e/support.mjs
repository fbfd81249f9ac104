// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, against dist/ served on 127.0.0.1 by our static server.
import { execFileSync } from 'node:child_process';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';

export const DIST = new URL('../../dist/', import.meta.url).pathname;
const BROADSHEET = new URL('../../target/debug/broadsheet', import.meta.url).pathname;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

export function serve(options = {}) {
  return startServer({ root: DIST, ...options });
}

/** A fresh page that fails the test on any uncaught error or console error. */
export async function openPage(browser, problems) {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return page;
}

/** The bundle's articles as the builder lists them (`broadsheet ls --json`). */
export function listArticles(bundleDir = `${DIST}bundle`) {
  return execFileSync(BROADSHEET, ['ls', bundleDir, '--json'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** Slugs the builder's own search finds for `query`, best first. */
export function searchSlugs(query, bundleDir = `${DIST}bundle`) {
  return execFileSync(BROADSHEET, ['search', bundleDir, query, '--json'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line).slug);
}

/** "1 article", "7 articles": how the list counts. */
export function articlesText(n) {
  if (n === 0) return 'No articles match.';
  return n === 1 ? '1 article' : `${n} articles`;
}

/**
 * The usual set-up of a test file: the sample's articles, a server for dist/
 * and a browser, made before the tests and closed after them. Read the
 * fields inside tests (they are filled in by `before`).
 */
/** Waits until the reader has replaced the prerendered page with its own
 *  (the builder's static copy shows first, with the same classes). */
export async function appReady(page) {
  await page.locator('#prerender').waitFor({ state: 'detached' });
}

/** Waits until the list has settled: facet data, search and cards arrived
 *  (the list section says `aria-busy="false"`). */
export async function settled(page) {
  await page.locator('section.list[aria-busy="false"]').waitFor();
}

export function useReader() {
  const ctx = { articles: [], server: null, browser: null, problems: [] };
  before(async () => {
    ctx.articles = listArticles();
    ctx.server = await serve();
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}
