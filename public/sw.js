// Broadsheet's service worker: the archive stays readable offline, and a new
// edition replaces the old one whole, when the reader chooses.
//
// This is a template: the builder writes it into the built folder with the
// edition's id, its file lists and the reader's own contract (which pages
// are the reader's, how caches are named: broadsheet-core's offline.rs)
// filled in (crates/builder/src/site/edition.rs). An edition is one app
// shell plus one bundle manifest; its id changes when either does, so a new
// deploy is a new service worker, installed beside the old one.
//
// Caches, named per scope (`broadsheet:<scope path>:…`): GitHub Pages
// project sites share one origin, and one archive must never touch another's.
// - `…:edition-<id>`: the app shell, the bundle's manifest and the files the
//   first screen needs, each checked against the SHA-256 the edition was
//   sealed with; and, once first used, the facet data (sealed too, but not
//   downloaded for a visitor who only reads). Deleted when a newer edition
//   of this scope activates.
// - `…:shards`: every other bundle file read (bodies, cards, search
//   chunks; the pictures of the articles read, which the worker keeps as
//   they are shown). The page puts the others there once it has checked them against the
//   manifest's hashes (the worker cannot: they are BLAKE3). Their names are
//   content hashes, so they never go stale and are shared by editions: an
//   article read once stays readable.
//
// Only the reader's own pages (the list, `articles/<slug>`, `bookmarks`) are
// answered with the shell; any other page in the scope — a plain page, another
// archive in a sub-folder — goes to the network as if no worker were here.
'use strict';

const EDITION = '__EDITION__';
/** App shell files, relative to the scope. */
const SHELL = __SHELL__;
/** Bundle files the first screen needs (manifest first). */
const CORE = __CORE__;
/** The facet data (only filtering and search need it), kept once asked
 *  for; precached with the edition on a device that has used it before. */
const FACETS = __FACETS__;
/** Files kept once asked for (the interface catalogs, `locales/`). */
const LAZY = __LAZY__;
/** The SHA-256 (hex) of every file above, as sealed. */
const SHA256 = __SHA256__;
/** Every cache of this archive starts so; the page names its shard cache the same way (src/offline.rs). */
const CACHE_PREFIX = `__CACHE_NAMESPACE__:${new URL(self.registration.scope).pathname}:`;
const EDITION_CACHE = `${CACHE_PREFIX}edition-${EDITION}`;
const SHARDS_CACHE = `${CACHE_PREFIX}__SHARDS__`;
/** The reader's routes (src/app.rs), relative to the scope. */
const READER_PAGE = /__READER_PAGES__/;
/** How long the network may take for the manifest before the saved one is used. */
const MANIFEST_TIMEOUT_MS = 3000;

const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  // Everything, verified, or nothing: a half-downloaded or tampered edition
  // never takes over, and the one on this device stays.
  event.waitUntil(installEdition());
  // No skipWaiting here: an open page keeps its edition until the reader
  // chooses to reload (the page sends `activate-edition`).
});

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function installEdition() {
  try {
    // A device that has filtered or searched before keeps that offline in
    // the new edition too; one that only read does not download it.
    const ahead = (await usedFacets()) ? FACETS : [];
    const files = await Promise.all([...SHELL, ...CORE, ...ahead].map(async (path) => {
      // A file this device already keeps with the sealed bytes (an earlier
      // edition's shell or first screen, or a bundle file saved whole) is
      // taken from there: a large save evicts the HTTP cache, so a shell
      // that did not change would otherwise be downloaded again. Else first
      // through the HTTP cache, revalidated: what the page has just loaded
      // comes back as a 304, not a second download. Only when that copy is
      // not the sealed one, past the cache.
      let got = await keptChecked(path);
      if (got === null) got = await fetchChecked(path, 'no-cache');
      if (got === null) got = await fetchChecked(path, 'reload');
      if (got === null) throw new Error(`${path} is not the file this edition was sealed with`);
      return [path, got];
    }));
    const cache = await caches.open(EDITION_CACHE);
    for (const [path, response] of files) await cache.put(scoped(path), response);
    // What this device asked for of an earlier edition (its interface
    // language) comes along, changed or not; best effort: without it the
    // reader speaks English.
    for (const path of LAZY) {
      if (!(await kept(new Request(scoped(path))))) continue;
      const got = (await keptChecked(path)) ?? (await fetchChecked(path, 'no-cache').catch(() => null));
      if (got !== null) await cache.put(scoped(path), got);
    }
  } catch (error) {
    await caches.delete(EDITION_CACHE);
    throw error;
  }
}

/** Has this device used the facet data: does any of this archive's
 *  editions keep some, or does it keep this edition's already? */
async function usedFacets() {
  for (const path of FACETS) if (await kept(new Request(scoped(path)))) return true;
  const facets = scoped('bundle/facets/');
  for (const key of await caches.keys()) {
    if (!key.startsWith(`${CACHE_PREFIX}edition-`)) continue;
    const cached = await (await caches.open(key)).keys();
    if (cached.some((request) => request.url.startsWith(facets))) return true;
  }
  return false;
}

/** The file at `path` from any of this archive's caches, if its bytes are
 *  the sealed ones, else null. The SHA-256 check makes any copy safe: an
 *  older edition's shell file, a bundle file the page saved (the manifest is
 *  never taken so: it names the edition). */
async function keptChecked(path) {
  if (path === 'bundle/manifest.json') return null;
  const hit = await kept(new Request(scoped(path)));
  if (!hit) return null;
  const type = hit.headers.get('content-type') || (path.startsWith('bundle/') ? 'application/json' : '');
  const bytes = await hit.arrayBuffer();
  if (hex(await crypto.subtle.digest('SHA-256', bytes)) !== SHA256[path]) return null;
  return new Response(bytes, { headers: { 'content-type': type } });
}

/** A file from any of this archive's caches: its shard cache or an
 *  edition's (a newer edition installed beside this one already holds the
 *  files its first screen needs). Bundle names are content hashes, so any
 *  copy of one is the file; shell files are checked by their callers. */
async function kept(request) {
  for (const key of await caches.keys()) {
    if (!key.startsWith(CACHE_PREFIX)) continue;
    const hit = await (await caches.open(key)).match(request);
    if (hit) return hit;
  }
  return undefined;
}

/** The file at `path` if its bytes are the sealed ones, else null. */
async function fetchChecked(path, cache) {
  // The shell is what the site's root address serves: the page most likely
  // loaded it by that name.
  const address = path === 'index.html' ? scoped('./') : scoped(path);
  const response = await fetch(new Request(address, { cache }));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  if (hex(await crypto.subtle.digest('SHA-256', bytes)) !== SHA256[path]) return null;
  return new Response(bytes, { headers: { 'content-type': response.headers.get('content-type') ?? '' } });
}

self.addEventListener('message', (event) => {
  if (event.data === 'activate-edition') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // This scope's older editions only: another archive's are not ours.
    for (const key of await caches.keys()) {
      if (key.startsWith(`${CACHE_PREFIX}edition-`) && key !== EDITION_CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);
  if (request.mode === 'navigate' && READER_PAGE.test(path)) {
    // Every page of the reader is the app shell.
    event.respondWith(fromEdition('index.html', request));
  } else if (request.mode === 'navigate' && !SHELL.includes(path)) {
    // Not the reader's: the network answers, as without a worker.
  } else if (path === 'bundle/manifest.json') {
    event.respondWith(manifest(request));
  } else if (SHELL.includes(path) || CORE.includes(path)) {
    event.respondWith(fromEdition(path, request));
  } else if (LAZY.includes(path) || FACETS.includes(path)) {
    event.respondWith(onFirstUse(path, request));
  } else if (path.startsWith('bundle/images/')) {
    event.respondWith(picture(event));
  } else if (path.startsWith('bundle/')) {
    event.respondWith(contentAddressed(request));
  }
});

async function fromEdition(path, request) {
  const hit = await (await caches.open(EDITION_CACHE)).match(scoped(path));
  return hit ?? fetch(request);
}

/** A lazy file: this edition's copy, else one the device keeps with the
 *  sealed bytes, else the network's, checked, then kept. */
async function onFirstUse(path, request) {
  const cache = await caches.open(EDITION_CACHE);
  const hit = await cache.match(scoped(path));
  if (hit) return hit;
  const got = (await keptChecked(path)) ?? (await fetchChecked(path, 'no-cache').catch(() => null));
  if (got === null) return fetch(request);
  await cache.put(scoped(path), got.clone());
  return got;
}

/**
 * The manifest, network first: but the page always gets its own edition's
 * manifest, so an old app never reads a new bundle. A different one on the
 * network means a new edition: the browser is asked to fetch its service
 * worker, whose installation the page announces.
 */
async function manifest(request) {
  const saved = await (await caches.open(EDITION_CACHE)).match(scoped('bundle/manifest.json'));
  if (!saved) return fetch(request);
  try {
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), MANIFEST_TIMEOUT_MS));
    const fresh = await Promise.race([fetch(request, { cache: 'no-store' }), timeout]);
    if (fresh.ok) {
      const [a, b] = await Promise.all([fresh.text(), saved.clone().text()]);
      if (a !== b) self.registration.update().catch(() => {});
    }
  } catch {
    // Offline, or too slow: the saved manifest is the answer.
  }
  return saved;
}

/** An article's picture: kept once shown, so an article read online keeps
 *  its pictures offline. Pictures are named by their content, so any copy
 *  is the file; only a whole, successful answer is kept (the worker cannot
 *  check their BLAKE3 names: the page checks what it saves itself). */
async function picture(event) {
  const hit = await kept(event.request);
  if (hit) return hit;
  const response = await fetch(event.request);
  if (response.status === 200 && response.type === 'basic') {
    const copy = response.clone();
    event.waitUntil(caches.open(SHARDS_CACHE).then((cache) => cache.put(event.request, copy)).catch(() => {}));
  }
  return response;
}

async function contentAddressed(request) {
  return (await kept(request)) ?? fetch(request);
}
