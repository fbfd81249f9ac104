// End-to-end: hostile markup in every kind of source, built by the real
// builder and read by the real reader in Chromium. Every payload in
// tests/fixtures/xss-payloads.txt goes into a Markdown article (title,
// summary, tag, body), a plain-text listing, an RSS item, a JSON Feed item
// and a saved HTML page (JSON-LD, <title>, body). The test then opens every
// list page, every article and a search, and counts executions: a dialog,
// `window.__xss` set, or any request to a host other than 127.0.0.1. The
// site has the default image policy (remote images become links), so there
// is no legitimate outside request either. Feeds and pages with hostile
// bases (`javascript://x/`, `file:///etc/`) try to turn relative links into
// script and file URLs; no bundle may hold one. It also checks that the
// CSP refuses an inline script injected at run time.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../../scripts/static-server.mjs';
import { DIST, launch, listArticles, appReady, readStored } from './support.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const BROADSHEET = join(ROOT, 'target/debug/broadsheet');
const PAYLOADS = readFileSync(join(ROOT, 'tests/fixtures/xss-payloads.txt'), 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'));

const executions = [];
const outside = [];
let work;
let server;
let browser;
let articles;

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cdata = (s) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const scriptJson = (v) => JSON.stringify(v).replace(/</g, '\\u003c');

/** Writes every payload into every kind of source. */
function writeSources(src) {
  mkdirSync(join(src, 'articles'), { recursive: true });
  mkdirSync(join(src, 'pages'));
  // The default config: no image policy set.
  writeFileSync(join(src, 'broadsheet.toml'), '[site]\ntitle = "Hostile archive"\n');
  const listing = ['Hostile listing', ''];
  const items = [];
  const jsonItems = [];
  PAYLOADS.forEach((payload, i) => {
    const n = i + 1;
    writeFileSync(join(src, 'articles', `p${n}.md`), [
      '---',
      `title: ${JSON.stringify(`Markdown ${n} ${payload}`)}`,
      `date: 2024-01-${String((n % 28) + 1).padStart(2, '0')}`,
      `summary: ${JSON.stringify(`Summary ${n} ${payload}`)}`,
      `tags: [${JSON.stringify(payload.slice(0, 60))}]`,
      '---',
      `Payload ${n} follows.`,
      '',
      payload,
      '',
      'Text after it.',
      '',
    ].join('\n'));
    listing.push(`Listing ${n} ${payload}`.replace(/[.,;:]+$/, ''), '', `Teaser ${n}: ${payload} continues […]`, '');
    items.push(`<item><title>${xml(`Feed ${n} ${payload}`)}</title><link>https://feed.example.org/${n}</link>` +
      `<guid>item-${n}</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>` +
      `<description>${xml(payload)}</description><content:encoded>${cdata(`<p>Feed ${n}</p>${payload}`)}</content:encoded></item>`);
    jsonItems.push({ id: `json-${n}`, url: `https://json.example.org/${n}`, title: `JSON ${n} ${payload}`,
      content_html: `<p>JSON ${n}</p>${payload}`, summary: payload, date_published: '2024-02-01T00:00:00Z' });
    writeFileSync(join(src, 'pages', `p${n}.html`), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Page ${n} ${xml(payload)}</title>
<script type="application/ld+json">${scriptJson({ '@type': 'NewsArticle', headline: `Page ${n} ${payload}`, datePublished: '2024-03-01', keywords: payload })}</script>
</head><body><article><h1>Page ${n}</h1><p>Before the payload.</p>${payload}<p>After the payload.</p></article></body></html>\n`);
  });
  writeFileSync(join(src, 'listing.txt'), `${listing.join('\n')}\n`);
  writeFileSync(join(src, 'feed.rss'), `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Hostile feed</title>
<link>https://feed.example.org/</link>${items.join('\n')}</channel></rss>\n`);
  writeFileSync(join(src, 'feed.json'), JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Hostile JSON',
    home_page_url: 'https://json.example.org/', items: jsonItems }));
  writeHostileBases(src);
}

/** Relative links under bases that are not http(s). */
const RELATIVE = '<p>Based: <a href="%0Awindow.__xss=1//">a link</a> <img src="passwd" alt="p"> <a href="etc/passwd">b</a></p>';
const BASES = ['javascript://x/', 'vbscript://y/', 'file:///etc/', 'data:text/html,x/'];

function writeHostileBases(src) {
  BASES.forEach((base, i) => {
    writeFileSync(join(src, `based-${i}.rss`), `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Based feed ${i}</title>
<link>${xml(base)}</link><item><title>Based RSS ${i}</title><link>${xml(base)}</link><guid>based-${i}</guid>
<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><content:encoded>${cdata(RELATIVE)}</content:encoded></item></channel></rss>\n`);
    writeFileSync(join(src, `based-${i}.atom`), `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${xml(base)}"><title>Based ${i}</title><id>based-atom-${i}</id>
<updated>2024-01-01T00:00:00Z</updated><entry><title>Based Atom ${i}</title><id>based-atom-entry-${i}</id>
<link href="${xml(base)}"/><updated>2024-01-01T00:00:00Z</updated><content type="html">${xml(RELATIVE)}</content></entry></feed>\n`);
    writeFileSync(join(src, `based-${i}.json`), JSON.stringify({ version: 'https://jsonfeed.org/version/1.1',
      title: `Based JSON ${i}`, home_page_url: base,
      items: [{ id: `based-json-${i}`, url: base, title: `Based JSON ${i}`, content_html: RELATIVE }] }));
    writeFileSync(join(src, 'pages', `based-${i}.html`), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Based page ${i}</title><link rel="canonical" href="${xml(base)}"><meta property="og:url" content="${xml(base)}">
<script type="application/ld+json">${scriptJson({ '@type': 'NewsArticle', headline: `Based page ${i}`, url: base })}</script>
</head><body><article><h1>Based page ${i}</h1>${RELATIVE}<p>After the links.</p></article></body></html>\n`);
  });
}

/** The tags of sanitized HTML (its text never holds a raw `<`; quoted
 *  values may hold a `>`). */
function* tags(html) {
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    let quote = null;
    let end = at + 1;
    for (; end < html.length; end++) {
      const c = html[end];
      if (quote) { if (c === quote) quote = null; } else if (c === '"' || c === "'") quote = c; else if (c === '>') break;
    }
    yield html.slice(at, end + 1);
    at = end;
  }
}

/** Every address in the bundle's bodies that is not http(s), mailto or relative. */
function schemeUrls(bundle) {
  const bad = [];
  for (const name of readdirSync(join(bundle, 'bodies'))) {
    for (const body of JSON.parse(readStored(join(bundle, 'bodies', name)).toString('utf8')).bodies) {
      for (const tag of tags(body.html)) {
        for (const m of tag.matchAll(/\s(?:href|src)="\s*([a-z][a-z0-9+.-]*):/gi)) {
          if (!['http', 'https', 'mailto'].includes(m[1].toLowerCase())) bad.push(`${body.id}: ${tag}`);
        }
      }
    }
  }
  return bad;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'broadsheet-xss-'));
  const src = join(work, 'src');
  const site = join(work, 'site');
  writeSources(src);
  mkdirSync(site);
  for (const f of readdirSync(DIST)) if (f !== 'bundle' && f !== 'articles') cpSync(join(DIST, f), join(site, f), { recursive: true });
  // With the static pages too: each hostile article gets its own page.
  execFileSync(BROADSHEET, ['build', src, '--out', join(site, 'bundle'), '--url', 'http://127.0.0.1/',
    '--site-files', site], { stdio: 'pipe' });
  articles = listArticles(join(site, 'bundle'));
  server = await startServer({ root: site });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

async function watchedPage(options = {}) {
  const context = await browser.newContext(options);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1') {
      outside.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on('dialog', (d) => { executions.push(`dialog on ${page.url()}: ${d.message()}`); d.dismiss(); });
  page.on('pageerror', (e) => executions.push(`page error on ${page.url()}: ${e.message}`));
  return page;
}

/** What the sanitizer should have made impossible, looked for in the DOM. */
async function audit(page) {
  executions.push(...(await findings(page)).map((f) => `${f} on ${page.url()}`));
}

function findings(page) {
  return page.evaluate(() => {
    const bad = [];
    if (window.__xss) bad.push('window.__xss is set');
    for (const el of document.querySelectorAll('main *')) {
      for (const attr of el.attributes) {
        const value = attr.value.trim().toLowerCase();
        if (attr.name.startsWith('on')) bad.push(`${el.tagName} ${attr.name}`);
        if (/^(javascript|data|vbscript|file):/.test(value.replace(/\s/g, ''))) bad.push(`${el.tagName} ${attr.name}=${value}`);
      }
      if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') bad.push(`<${el.tagName.toLowerCase()}>`);
    }
    // Elements no article content may bring (the reader's own search form
    // is outside these).
    const content = '.article-body, .cards, .facets, .translations, .article-foot';
    for (const el of document.querySelectorAll(`:is(${content}) :is(script, iframe, object, embed, form, base, meta, link, style)`)) {
      bad.push(`<${el.tagName.toLowerCase()}>`);
    }
    return bad;
  });
}

describe('hostile content', () => {
  test(`${PAYLOADS.length} payloads in five kinds of source: all built, none runs anywhere in the reader`, async (t) => {
    // Every source gave its articles (the listing's title lines may merge
    // with teasers; everything else is one article per payload).
    const kinds = ['Markdown', 'Feed', 'JSON', 'Page'];
    for (const kind of kinds) {
      assert.equal(articles.filter((a) => a.title.startsWith(`${kind} `)).length, PAYLOADS.length, kind);
    }
    // Every hostile base gave its articles, and no script or file address.
    assert.equal(articles.filter((a) => a.title.startsWith('Based ')).length, BASES.length * 4);
    assert.deepEqual(schemeUrls(join(work, 'site/bundle')), []);
    let page = await watchedPage();
    let opened = 0;
    page.on('load', () => { opened += 1; });
    const pages = Math.ceil(articles.length / 20);
    for (let n = 1; n <= pages; n++) {
      await page.goto(`${server.url}?page=${n}`);
      await page.locator('.cards .card').first().waitFor();
      await appReady(page);
      await page.locator('section.list[aria-busy="false"]').waitFor();
      await audit(page);
    }
    for (const query of ['payload', 'script', 'onerror', 'javascript']) {
      await page.goto(`${server.url}?q=${query}`);
      await page.locator('section.list[aria-busy="false"]').waitFor();
      await audit(page);
    }
    for (const [i, article] of articles.entries()) {
      if (i > 0 && i % 50 === 0) {
        // Each full load starts the reader anew, and a tab holds its old
        // instances' wasm memory until they are collected: after a few
        // hundred, Chromium refused one ("Out of memory"). A fresh tab now
        // and then; every page is still audited.
        await page.context().close();
        page = await watchedPage();
        page.on('load', () => { opened += 1; });
      }
      await page.goto(`${server.url}articles/${article.slug}`);
      // The reader's own page of the article, not the static copy or an
      // error: every hostile article must be read, and audited as read.
      await appReady(page);
      assert.equal(await page.locator('article.article').count(), 1, article.slug);
      assert.equal(await page.locator('.error-panel').count(), 0, article.slug);
      await audit(page);
    }
    t.diagnostic(`${PAYLOADS.length} payloads, ${articles.length} articles built, ${opened} pages opened and audited`);
    assert.deepEqual(executions, []);
    assert.deepEqual(outside, [], 'no request left 127.0.0.1');
  });

  test('the static pages hold nothing that could run, read without JavaScript (no reader)', async (t) => {
    const page = await watchedPage({ javaScriptEnabled: false });
    for (const path of ['', ...articles.map((a) => `articles/${a.slug}`)]) {
      const response = await page.goto(server.url + path);
      assert.equal(response.status(), 200, path);
      assert.equal(await page.locator('#prerender').count(), 1, path);
      await audit(page);
    }
    t.diagnostic(`${articles.length + 1} static pages audited`);
    assert.deepEqual(executions, []);
    assert.deepEqual(outside, [], 'no request left 127.0.0.1');
  });

  test('the Content-Security-Policy refuses a script injected at run time', async () => {
    const page = await watchedPage();
    const violations = [];
    page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
    await page.goto(server.url);
    await page.locator('.cards .card').first().waitFor();
    await appReady(page);
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__csp = 1';
      document.head.append(script);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="x" onerror="window.__csp = 2">';
      document.body.append(holder);
      await new Promise((r) => setTimeout(r, 300));
      return window.__csp ?? null;
    });
    assert.equal(ran, null, 'neither the inline script nor the inline handler ran');
    assert.ok(violations.length >= 2, violations.join('\n'));
    // The DOM audit the first test relies on does see what it looks for.
    await page.evaluate(() => {
      document.querySelector('.cards').insertAdjacentHTML('beforeend',
        '<li><a href="javascript:void 0" onclick="void 0">x</a><iframe></iframe></li>');
    });
    assert.equal((await findings(page)).length, 3);
  });
});
