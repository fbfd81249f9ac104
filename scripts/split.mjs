// Cuts the reader's wasm into the part every visit needs and the modules
// fetched at first use (src/split/ marks where), in place of the one
// module Trunk wrote. Called by the Trunk post-build hook
// (scripts/postbuild.mjs), after Trunk has built and named the reader:
//
//   1. wasm-split-cli reads the linker's output (built with --emit-relocs,
//      .cargo/config.toml) and writes the main module, one module per split
//      and a loader script (__wasm_split.js);
//   2. wasm-bindgen makes the main module's glue, as Trunk did, keeping the
//      exports the split modules link against;
//   3. wasm-opt -Oz shrinks every module (Trunk's own run is off: index.html
//      says data-wasm-opt="0");
//   4. every split file gets a content hash in its name, and the page's
//      integrity hash of the glue is made again.
//
// Nothing is downloaded: the tools are the ones scripts/dev setup installs.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FEATURES = [
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-reference-types',
  '--enable-sign-ext', '--enable-multivalue',
];
const LOADER = '__wasm_split.js';

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

function run(tool, args) {
  try {
    execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    throw new Error(`split: ${tool} ${args.join(' ')} failed (${error.message})`);
  }
}

/** Splits the reader Trunk staged in `dir`; returns the files written. */
export function splitReader(dir) {
  const glue = readdirSync(dir).find((n) => /^broadsheet-reader-[0-9a-f]+\.js$/.test(n));
  if (!glue) throw new Error(`split: no broadsheet-reader-<hash>.js in ${dir}`);
  const stem = glue.slice(0, -'.js'.length);
  const target = process.env.CARGO_TARGET_DIR || 'target';
  const input = join(target, 'wasm32-unknown-unknown', 'wasm-release', 'broadsheet-reader.wasm');
  // Trunk has just run cargo for this profile: the file is this build's
  // (cargo leaves it untouched, and old, when nothing changed).
  if (!existsSync(input)) throw new Error(`split: ${input} is missing (Trunk builds it)`);

  const work = mkdtempSync(join(tmpdir(), 'broadsheet-split-'));
  try {
    run('wasm-split-cli', [input, work, '--out-name', stem]);
    run('wasm-bindgen', [
      '--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript',
      '--out-dir', join(work, 'bindgen'), '--out-name', stem, join(work, `${stem}.wasm`),
    ]);
    run('wasm-opt', ['-Oz', ...FEATURES, join(work, 'bindgen', `${stem}_bg.wasm`),
      '-o', join(dir, `${stem}_bg.wasm`)]);

    // The split modules, named for their contents.
    let loader = readFileSync(join(work, LOADER), 'utf8');
    const written = [];
    for (const name of readdirSync(work).filter((n) => n.endsWith('.wasm') && n !== `${stem}.wasm`)) {
      const optimized = join(work, `opt-${name}`);
      run('wasm-opt', ['-Oz', ...FEATURES, join(work, name), '-o', optimized]);
      const bytes = readFileSync(optimized);
      // split_search.wasm → broadsheet-split-search-<hash>.wasm, chunk_3.wasm
      // (code two splits share) → broadsheet-split-chunk-3-<hash>.wasm.
      const base = name.slice(0, -'.wasm'.length).replace(/^split_/, '').replaceAll('_', '-');
      const named = `broadsheet-split-${base}-${hash(bytes)}.wasm`;
      const reference = `"./${name}"`;
      if (!loader.includes(reference)) throw new Error(`split: ${LOADER} does not name ${name}`);
      loader = loader.replaceAll(reference, `"./${named}"`);
      copyFileSync(optimized, join(dir, named));
      written.push(named);
    }
    const loaderName = `broadsheet-split-${hash(loader)}.js`;
    writeFileSync(join(dir, loaderName), loader);
    written.push(loaderName);

    // The glue imports the loader by its new name; the import object keeps
    // the module name the wasm asks for.
    let js = readFileSync(join(work, 'bindgen', `${stem}.js`), 'utf8');
    const from = `from "./${LOADER}"`;
    if (!js.includes(from)) throw new Error(`split: the glue does not import ${LOADER}`);
    js = js.replaceAll(from, `from "./${loaderName}"`);
    writeFileSync(join(dir, glue), js);

    // Trunk's modulepreload of the glue carries its integrity hash.
    const index = join(dir, 'index.html');
    const html = readFileSync(index, 'utf8');
    const sri = `sha384-${createHash('sha384').update(js).digest('base64')}`;
    const preload = new RegExp(`(<link rel="modulepreload" href="[^"]*${glue}"[^>]*integrity=")[^"]*(")`);
    if (!preload.test(html)) throw new Error('split: no modulepreload of the glue in index.html');
    writeFileSync(index, html.replace(preload, `$1${sri}$2`));
    return written;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
