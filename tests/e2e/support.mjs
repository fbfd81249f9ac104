// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, against dist/ served on 127.0.0.1 by our static server.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/static-server.mjs';

const here = (path) => new URL(path, import.meta.url).pathname;
/** The built site the tests read (`scripts/dev dist`), and the same built
 *  for `/broadsheet/`; the broken-reader check points them elsewhere. */
export const DIST = process.env.BROADSHEET_DIST ?? here('../../dist/');
export const DIST_SUBPATH = process.env.BROADSHEET_DIST_SUBPATH ?? here('../../target/dist-subpath/');
export const BROADSHEET = new URL('../../target/debug/broadsheet', import.meta.url).pathname;

export async function launch({ insecure = false } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // A benchmark's HTTP/2 server (`startServer({ http2: true })`) has a
      // certificate made for the run.
      ...(insecure ? ['--ignore-certificate-errors'] : []),
    ],
  });
  // The broken-reader check shortens every wait: there, waiting can only
  // end in failure.
  const timeout = Number(process.env.BROADSHEET_WAIT_MS) || 0;
  if (timeout) {
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (...options) => {
      const context = await newContext(...options);
      context.setDefaultTimeout(timeout);
      return context;
    };
  }
  return browser;
}

export function serve(options = {}) {
  return startServer({ root: DIST, ...options });
}

/** A fresh page that fails the test on any uncaught error or console error. */
export async function openPage(browser, problems) {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  return page;
}

/**
 * Holds the requests `context` makes for addresses matching `pattern`
 * until `release()`; `asked()` counts them (held or not).
 */
export async function hold(context, pattern) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let asked = 0;
  await context.route(pattern, async (route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  return { release, asked: () => asked };
}

/**
 * The problems that are real: all but the 404 a host answers for a page it
 * has no file for (its 404.html, which boots the reader for a deep link).
 * A missing bundle file's 404 stays a problem.
 */
export function unexpected(problems) {
  return problems.filter((p) => !(p.includes('status of 404') && !/\/bundle\//.test(p)));
}

/** The bundle's articles as the builder lists them (`broadsheet ls --json`). */
export function listArticles(bundleDir = `${DIST}bundle`) {
  return execFileSync(BROADSHEET, ['ls', bundleDir, '--json'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** The bundle's files by role, as the builder names them (`broadsheet ls --files --json`). */
/** What a bundle file holds: inflated when the format stores it gzipped (`.gz`). */
export function readStored(path) {
  const bytes = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

export function bundleFiles(bundleDir = `${DIST}bundle`) {
  return JSON.parse(execFileSync(BROADSHEET, ['ls', bundleDir, '--files', '--json'], { encoding: 'utf8' }));
}

/** Slugs the builder's own search finds for `query`, best first. */
export function searchSlugs(query, bundleDir = `${DIST}bundle`) {
  return execFileSync(BROADSHEET, ['search', bundleDir, query, '--json'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line).slug);
}

/** Matches exactly `text`, whole (a `hasText` string matches any part:
 *  "5 articles" would also match "15 articles"). */
export function exactly(text) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
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
/**
 * Waits until the reader has rendered the page at the current address: it
 * sets `<html data-reader-ready>` to that address (path and query), which
 * the builder's static copy never has (it shows first, with the same
 * classes). Fails at once, naming why, when the reader could not start or
 * crashed (`data-reader-failed`), so a broken reader fails fast.
 */
export async function appReady(page) {
  const handle = await page.waitForFunction(() => {
    const html = document.documentElement;
    if (html.hasAttribute('data-reader-failed')) return { failed: html.getAttribute('data-reader-failed') };
    return html.getAttribute('data-reader-ready') === location.pathname + location.search && { ready: true };
  });
  const state = await handle.jsonValue();
  if (state.failed !== undefined) throw new Error(`the reader failed on ${page.url()}: ${state.failed}`);
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
