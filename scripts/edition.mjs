// Seals a built folder (reader + bundle) as one edition for offline reading:
// writes `sw.js` from public/sw.js with the edition's id, its app shell files
// and the bundle files the first screen needs. Run after the builder, by
// `scripts/dev dist`:   node scripts/edition.mjs dist
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/edition.mjs <built folder>');
  process.exit(2);
}
// The app shell: what Trunk wrote at the top of the folder, except the
// fallback page, the service worker itself and the site files.
const NOT_SHELL = new Set(['404.html', 'sw.js', 'sitemap.xml', '.nojekyll']);
const shell = readdirSync(dir)
  .filter((name) => statSync(join(dir, name)).isFile())
  .filter((name) => !NOT_SHELL.has(name) && !name.startsWith('.') && !/^sitemap-\d+\.xml$/.test(name))
  .sort();
if (!shell.includes('index.html')) {
  console.error(`edition: ${dir}/index.html is missing (build the reader first)`);
  process.exit(1);
}
const manifestBytes = readFileSync(join(dir, 'bundle/manifest.json'));
const manifest = JSON.parse(manifestBytes);
// The first screen: the manifest, the first card shard, the facet data and
// the shard table; the search root, so the first search works offline too.
const core = ['manifest.json', manifest.head.path, manifest.facets.path, manifest.tables.path, manifest.search.path]
  .map((path) => `bundle/${path}`);

const hash = createHash('sha256');
for (const name of shell) hash.update(name).update(readFileSync(join(dir, name)));
hash.update(manifestBytes);
const edition = hash.digest('hex').slice(0, 16);

const template = readFileSync(new URL('../public/sw.js', import.meta.url), 'utf8');
for (const marker of ['__EDITION__', '__SHELL__', '__CORE__', '__SHA256__']) {
  if (!template.includes(marker)) {
    console.error(`edition: public/sw.js lacks ${marker}`);
    process.exit(1);
  }
}
// The service worker installs an edition only if every file matches.
const sha256 = Object.fromEntries([...shell, ...core].map((path) =>
  [path, createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')]));
const sw = template
  .replace('__EDITION__', edition)
  .replace('__SHELL__', JSON.stringify(shell))
  .replace('__CORE__', JSON.stringify(core))
  .replace('__SHA256__', JSON.stringify(sha256));
writeFileSync(join(dir, 'sw.js'), sw);
console.log(`edition ${edition}: ${shell.length} shell files, ${core.length} bundle files precached (${dir}/sw.js)`);
