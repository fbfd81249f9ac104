// A benchmark's site (scripts/bench.mjs, scripts/visit-bench.mjs): the
// reader's own files from dist/, the archive's first page prerendered into
// the shell as a deploy does, the bundle linked in, sealed like a real
// deployment (its own service worker and edition).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = `${ROOT}target/release/broadsheet`;

/** Makes `site` from dist/ and the built `bundle` of the sources `src`. */
export function prepareSite({ src, bundle, site }) {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  // The reader's own files only: none of the sample's pages, feeds or
  // prerendered cards go into another archive's site.
  for (const f of readdirSync(`${ROOT}dist`)) {
    if (statSync(`${ROOT}dist/${f}`).isFile() && !f.startsWith('.') && !f.startsWith('sitemap')) cpSync(`${ROOT}dist/${f}`, `${site}/${f}`);
  }
  // Untimed: a benchmark times the build it makes itself.
  const pages = `${site}.pages-bundle`;
  execFileSync(BIN, ['build', src, '--out', pages, '--url', 'http://127.0.0.1/',
    '--site-files', site, '--no-article-pages'], { stdio: 'pipe' });
  rmSync(pages, { recursive: true, force: true });
  symlinkSync(bundle, `${site}/bundle`);
  execFileSync(BIN, ['seal', site], { stdio: 'pipe' });
  return site;
}

/**
 * Puts the reader's own files from dist/ into `site` (none of the sample's
 * bundle, article pages, feeds or sitemaps), over what it holds.
 */
export function readerFiles(site) {
  mkdirSync(site, { recursive: true });
  for (const name of readdirSync(join(ROOT, 'dist'))) {
    const from = join(ROOT, 'dist', name);
    if (['bundle', 'articles', 'feeds'].includes(name) || name.startsWith('sitemap') || name.startsWith('.')) continue;
    cpSync(from, join(site, name), { recursive: statSync(from).isDirectory() });
  }
}
