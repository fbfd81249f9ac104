// Trunk post-build hook: cuts the reader's wasm at its split points
// (scripts/split.mjs), drops the wasm preload, copies index.html to
// 404.html so static hosts serve the app for deep links, and builds the
// per-language stemmer modules (scripts/stemmers.mjs). The CSP's
// placeholder for the inline scripts' hashes stays: the builder fills it
// when it writes the pages (crates/builder/src/site/csp.rs), for this page
// and every one made from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitReader } from './split.mjs';
import { buildStemmers } from './stemmers.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run me from trunk)');
  process.exit(1);
}
const split = splitReader(dir);
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
if (!html.includes('__INLINE_SCRIPT_HASHES__')) {
  console.error('postbuild: the CSP placeholder is missing from index.html');
  process.exit(1);
}
// No preload of the wasm: pages arrive prerendered (the builder's pages.rs),
// so the HTML and style sheet are the critical path on a slow link, and the
// loader fetches the wasm itself right after.
const preload = /<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>\s*/;
if (!preload.test(html)) {
  console.error('postbuild: Trunk no longer preloads the wasm as expected; check index.html');
  process.exit(1);
}
html = html.replace(preload, '');
writeFileSync(file, html);
writeFileSync(join(dir, '404.html'), html);
writeFileSync(join(dir, '.nojekyll'), '');
const codes = buildStemmers(dir);
console.log(`postbuild: split the reader (${split.join(', ')}), wrote 404.html (the builder fills the CSP), stemmers for ${codes.join(' ')}`);
