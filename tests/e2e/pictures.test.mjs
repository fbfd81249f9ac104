// End-to-end: an article's pictures travel with the archive. The sample's
// drawn pictures (`broadsheet-dev draw`) are read on a phone viewport in the
// reader, in the builder's static page with no script, offline once shown,
// and inside the single-file copy — and no request ever leaves the site.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { BROADSHEET, DIST, appReady, launch, listArticles, serve, unexpected } from './support.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
/** The Lighthouse phone: 412 × 823 CSS pixels at 1.75 device pixels each. */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const KILN = 'brick-kiln-workers-in-kasur-district-demand-written-contracts';
const KILN_SOURCE = join(ROOT, 'content/articles/img/kasur-kiln-dawn.jpg');
let server;
let browser;
let articles;
const problems = [];

before(async () => {
  articles = listArticles();
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page on the phone that records every request and every error. */
async function phonePage(options = {}) {
  const context = await browser.newContext({ ...PHONE, ...options });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  return { context, page, requests };
}

/** The figure's picture once it has loaded: what the browser chose and its box. */
async function loadedPicture(page, selector = '.article-body figure img') {
  const img = page.locator(selector).first();
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction((s) => {
    const i = document.querySelector(s);
    return i && i.complete && i.naturalWidth > 0;
  }, selector);
  // The file chosen, by the width its `srcset` entry gives (naturalWidth is
  // corrected for density, so it is the slot's width, not the file's).
  return img.evaluate((i) => {
    const widths = Object.fromEntries((i.getAttribute('srcset') ?? '').split(', ').filter(Boolean)
      .map((e) => e.split(' ')).map(([u, w]) => [new URL(u, document.baseURI).href, parseInt(w, 10)]));
    return {
      src: i.currentSrc, chosen: widths[i.currentSrc] ?? i.naturalWidth, width: i.getAttribute('width'),
      height: i.getAttribute('height'), alt: i.alt, box: i.getBoundingClientRect().toJSON(), srcset: i.getAttribute('srcset'),
    };
  });
}

function onlyOwnHost(requests, host) {
  const foreign = requests.filter((u) => !u.startsWith('data:') && new URL(u).host !== host);
  assert.deepEqual(foreign, [], 'no request to any other host');
}

describe('pictures', () => {
  test('the sample shows its pictures: a figure with its caption, the width a phone needs, no other host', async () => {
    assert.ok(articles.some((a) => a.slug === KILN), 'the kiln article is in the sample');
    const { context, page, requests } = await phonePage();
    await page.goto(`${server.url}articles/${KILN}`);
    await appReady(page);
    const picture = await loadedPicture(page);
    assert.equal(picture.alt, 'A kiln chimney and stacks of drying bricks at dawn, smoke drifting over the fields');
    assert.deepEqual([picture.width, picture.height], ['1600', '1067']);
    assert.match(picture.srcset, /^bundle\/images\/[0-9a-f]{16}\.jpg 480w, .* 960w, .* 1600w$|^\/bundle\//);
    // 412 px at 1.75: the 960 px file, not the 1600 px one.
    assert.equal(picture.chosen, 960, picture.src);
    assert.match(await page.locator('.article-body figcaption').first().textContent(), /^Morning at a kiln outside Kasur/);
    // Its box has the picture's proportions.
    assert.ok(Math.abs(picture.box.height / picture.box.width - 1067 / 1600) < 0.01, JSON.stringify(picture.box));
    const bytes = await page.evaluate((src) => performance.getEntriesByName(src)[0]?.encodedBodySize ?? 0, picture.src);
    const original = statSync(KILN_SOURCE).size;
    console.log(`phone picture: ${bytes} B of the ${original} B source (${Math.round(100 * bytes / original)} %)`);
    assert.ok(bytes > 0 && bytes < original * 0.5, `${bytes} B for a ${original} B source`);
    onlyOwnHost(requests, new URL(server.url).host);
    assert.deepEqual(unexpected(problems), []);
    await context.close();
  });

  test('a picture keeps its place before it arrives: no layout shift', async () => {
    const { context, page } = await phonePage();
    // Pictures never arrive: the box must be there all the same.
    await page.route('**/bundle/images/**', (route) => route.abort());
    await page.goto(`${server.url}articles/${KILN}`);
    await appReady(page);
    const box = await page.locator('.article-body figure img').first().boundingBox();
    assert.ok(box.width > 300 && Math.abs(box.height / box.width - 1067 / 1600) < 0.01, JSON.stringify(box));
    await context.close();
    problems.length = 0;
  });

  test('a saved page shows the picture saved beside it, and the builder’s static page shows pictures without script', async () => {
    const hall = articles.find((a) => a.title.startsWith('Regional convention in Peshawar'));
    const { context, page, requests } = await phonePage();
    await page.goto(`${server.url}articles/${hall.slug}`);
    await appReady(page);
    const picture = await loadedPicture(page);
    assert.equal(picture.alt, 'Rows of chairs facing a red banner in a hall with tall windows');
    assert.match(await page.locator('.article-body figcaption').first().textContent(), /^The convention hall on the first morning/);
    onlyOwnHost(requests, new URL(server.url).host);
    await context.close();

    const noScript = await phonePage({ javaScriptEnabled: false });
    await noScript.page.goto(`${server.url}articles/${KILN}`);
    const still = await loadedPicture(noScript.page);
    assert.equal(still.chosen, 960);
    onlyOwnHost(noScript.requests, new URL(server.url).host);
    await noScript.context.close();
    assert.deepEqual(unexpected(problems), []);
  });

  test('a picture a feed encloses, saved beside the feed, leads its article', async () => {
    const camp = articles.find((a) => a.title.startsWith('Delegates from Sindh'));
    const { context, page, requests } = await phonePage();
    await page.goto(`${server.url}articles/${camp.slug}`);
    await appReady(page);
    const picture = await loadedPicture(page, '.article-body img');
    assert.equal(picture.alt, 'White tents in a row on an embankment, flood water reaching to the horizon');
    assert.deepEqual([picture.width, picture.height], ['1400', '788']);
    assert.match(picture.src, /\/bundle\/images\/[0-9a-f]{16}\.jpg$/);
    // It comes first, before the entry's own words.
    const first = await page.locator('.article-body > *').first().evaluate((e) => e.querySelector('img') !== null);
    assert.ok(first, 'the picture leads the body');
    onlyOwnHost(requests, new URL(server.url).host);
    await context.close();
    assert.deepEqual(unexpected(problems), []);
  });

  test('a card shows its article’s first picture small, in the reader and in the static list, in a box that never moves', async () => {
    const withThumb = new Map(articles.filter((a) => a.thumb).map((a) => [a.title, a.thumb]));
    assert.ok(withThumb.size >= 3, `the sample's articles with pictures have thumbnails: ${withThumb.size}`);
    assert.ok(articles.some((a) => !a.thumb), 'and those without have none');
    /** Every card of the first page: its title and its thumbnail once loaded. */
    const cards = (page) => page.locator('.card').evaluateAll((all) => all.map((card) => {
      const img = card.querySelector('img.card-thumb');
      return {
        title: card.querySelector('.card-title').textContent.trim(),
        thumb: img && {
          src: img.getAttribute('src'), alt: img.getAttribute('alt'), natural: img.naturalWidth,
          size: [img.getAttribute('width'), img.getAttribute('height')], box: img.getBoundingClientRect().toJSON(),
        },
      };
    }));
    const loaded = (page) => page.waitForFunction(() => [...document.querySelectorAll('img.card-thumb')]
      .every((i) => { i.scrollIntoView(); return i.complete && i.naturalWidth > 0; }));
    const shown = {};
    for (const js of [true, false]) {
      const { context, page, requests } = await phonePage({ javaScriptEnabled: js });
      await page.goto(server.url);
      if (js) await appReady(page);
      await page.locator('.card').first().waitFor();
      await loaded(page);
      const list = await cards(page);
      assert.equal(list.length, 20, 'a page of cards');
      for (const card of list) {
        const thumb = withThumb.get(card.title);
        assert.equal(Boolean(card.thumb), Boolean(thumb), `${card.title}: a thumbnail if and only if it has pictures`);
        if (!thumb) continue;
        assert.ok(card.thumb.src.endsWith(`bundle/${thumb}`), `${card.thumb.src} is ${thumb}`);
        assert.match(thumb, /^images\/[0-9a-f]{16}\.jpg$/);
        assert.equal(card.thumb.alt, '', 'decorative: the title beside it says what it is');
        assert.deepEqual(card.thumb.size, ['192', '128']);
        assert.equal(card.thumb.natural, 192);
        assert.ok(Math.abs(card.thumb.box.width / card.thumb.box.height - 1.5) < 0.01 && card.thumb.box.width < 130,
          JSON.stringify(card.thumb.box));
      }
      shown[js ? 'reader' : 'static'] = list.filter((c) => c.thumb).map((c) => c.title);
      onlyOwnHost(requests, new URL(server.url).host);
      await context.close();
    }
    assert.ok(shown.reader.length >= 1, 'the first page has cards with pictures');
    assert.deepEqual(shown.static, shown.reader, 'the static list shows the same thumbnails');
    // Thumbnails that never arrive leave their boxes where they were.
    const { context, page } = await phonePage();
    await page.route('**/bundle/images/**', (route) => route.abort());
    await page.goto(server.url);
    await appReady(page);
    const box = await page.locator('img.card-thumb').first().boundingBox();
    assert.ok(box && Math.abs(box.width / box.height - 1.5) < 0.01 && box.width > 60, JSON.stringify(box));
    await context.close();
    problems.length = 0;
  });

  test('a picture once shown reads offline', async () => {
    const { context, page } = await phonePage();
    await page.goto(server.url);
    await appReady(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.goto(`${server.url}articles/${KILN}`);
    await appReady(page);
    const online = await loadedPicture(page);
    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    const offline = await loadedPicture(page);
    assert.equal(offline.src, online.src);
    assert.equal(offline.chosen, 960);
    await context.close();
    problems.length = 0;
  });

  test('the single-file copy carries its pictures inside: small by default, none on request, whole with the cards’ thumbnails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-pictures-'));
    try {
      const sizes = {};
      for (const images of ['small', 'none', 'full']) {
        const out = join(dir, `${images}.html`);
        const run = spawnSync(BROADSHEET, ['pack', join(ROOT, 'content'), '--reader', DIST, '--out', out, '--images', images],
          { encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
        sizes[images] = statSync(out).size;
        const { context, page, requests } = await phonePage();
        await page.goto(`${pathToFileURL(out).href}?article=${KILN}`);
        await appReady(page);
        if (images !== 'none') {
          const picture = await loadedPicture(page);
          assert.match(picture.src, /^data:image\/jpeg;base64,/);
          assert.equal(picture.chosen, images === 'small' ? 480 : 1600);
          assert.deepEqual([picture.width, picture.height], ['1600', '1067']);
          // The list's thumbnails come with whole pictures only.
          await page.goto(pathToFileURL(out).href);
          await appReady(page);
          await page.locator('.card').first().waitFor();
          const thumbs = await page.locator('img.card-thumb').evaluateAll((all) => all.map((i) => i.getAttribute('src')));
          if (images === 'small') assert.deepEqual(thumbs, []);
          else {
            assert.ok(thumbs.length >= 1 && thumbs.every((src) => src.startsWith('data:image/jpeg;base64,')), String(thumbs.length));
            await loadedPicture(page, 'img.card-thumb');
          }
        } else {
          assert.equal(await page.locator('.article-body img').count(), 0);
          assert.equal(await page.locator('.article-body .picture-missing').first().textContent(),
            'A kiln chimney and stacks of drying bricks at dawn, smoke drifting over the fields');
        }
        assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), [], 'no network');
        await context.close();
      }
      console.log(`single file: ${sizes.small} B with small pictures, ${sizes.none} B without, ${sizes.full} B whole`);
      assert.ok(sizes.full > sizes.small && sizes.small > sizes.none, JSON.stringify(sizes));
      assert.deepEqual(problems, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('saving the archive, with or without its pictures', () => {
  /** Opens the list on a fresh phone and waits for the service worker. */
  async function controlled() {
    const opened = await phonePage();
    await opened.page.goto(server.url);
    await appReady(opened.page);
    await opened.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    return opened;
  }

  test('saved whole, an article never opened shows its picture offline', async () => {
    const { context, page } = await controlled();
    const choice = page.locator('.save-pictures input');
    assert.equal(await choice.isChecked(), true, 'pictures are saved by default');
    assert.match(await page.locator('.save-pictures').textContent(), /^ With its pictures \(\d+ KB\)$/);
    await page.locator('button.save-all').click();
    await page.locator('.save-status', { hasText: 'The whole archive is saved on this device: it reads offline.' }).waitFor();
    assert.match(await page.locator('.kept').textContent(), / Pictures \d+ KB\./);
    await context.setOffline(true);
    await page.goto(`${server.url}articles/${KILN}`);
    await appReady(page);
    assert.equal((await loadedPicture(page)).chosen, 960);
    await context.close();
    problems.length = 0;
  });

  test('saved without pictures: less to download, and the text reads offline', async () => {
    const { context, page } = await controlled();
    const button = page.locator('button.save-all');
    const size = async () => {
      const [, number, unit] = /\((\d+(?:\.\d)?) (KB|MB)\)$/.exec(await button.textContent());
      return Number(number) * (unit === 'MB' ? 1000 : 1);
    };
    const whole = await size();
    await page.locator('.save-pictures input').uncheck();
    const text = await size();
    assert.ok(text < whole - 200, `${text} KB without pictures, ${whole} KB with`);
    await button.click();
    await page.locator('.save-status', { hasText: 'The whole archive is saved on this device, without its pictures' }).waitFor();
    await context.setOffline(true);
    await page.goto(`${server.url}articles/${KILN}`);
    await appReady(page);
    await page.locator('.article-body p').first().waitFor();
    const shown = await page.locator('.article-body figure img').evaluate((i) => i.complete && i.naturalWidth > 0);
    assert.equal(shown, false, 'its picture was not saved');
    await context.close();
    problems.length = 0;
  });
});
