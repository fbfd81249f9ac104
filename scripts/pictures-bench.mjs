// Pictures benchmark (on demand, issue 22): what a picture per article costs
// the builder and the published bundle.
//
//   node scripts/pictures-bench.mjs [--sizes 1000,10000]
//
// after `cargo build --release -p broadsheet-builder -p broadsheet-dev`
// (`scripts/dev pictures-bench` does both). For each size, one synthetic
// archive with a drawn picture per article (`broadsheet-dev synth
// --pictures`: 960–2000 px, JPEG and PNG) and the same archive without
// them (same seed, same texts) are built from scratch; then one new article
// with a new picture is added and built into the folder of the first build
// (the incremental case: every other picture is the earlier build's). The
// archive with pictures is also built with card thumbnails (`[images]
// thumbnails = true`). Prints a Markdown table (for BENCHMARKS.md): build
// time, peak memory, bundle bytes and files, picture bytes against the
// sources' picture bytes.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'target/release/broadsheet');
const DEV = join(ROOT, 'target/release/broadsheet-dev');
const WORK = join(ROOT, 'target/pictures-bench');

const args = process.argv.slice(2);
const at = args.indexOf('--sizes');
const sizes = (at >= 0 ? args[at + 1] : '1000').split(',').map(Number);
for (const bin of [BIN, DEV]) {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: cargo build --release -p broadsheet-builder -p broadsheet-dev`);
}

/** Bytes and files below `dir`, and the bytes of the pictures among them. */
function measure(dir) {
  let bytes = 0;
  let files = 0;
  let pictures = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const size = statSync(path).size;
        bytes += size;
        files += 1;
        if (/\.(jpe?g|png|webp|gif)$/.test(entry.name)) pictures += size;
      }
    }
  };
  walk(dir);
  return { bytes, files, pictures };
}

function run(bin, argv) {
  const started = process.hrtime.bigint();
  const done = spawnSync('/usr/bin/time', ['-f', '%M', bin, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (done.status !== 0) throw new Error(`${argv[0]} failed:\n${done.stderr}`);
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  const peakMB = Number(done.stderr.trim().split('\n').pop()) / 1024;
  return { secs, peakMB, stderr: done.stderr };
}

const mb = (b) => (b / 1e6).toFixed(1);
const rows = [];
for (const n of sizes) {
  const base = join(WORK, String(n));
  const cache = join(base, 'cache');
  // The sources are kept between runs (drawing 10,000 pictures takes
  // minutes; the same seed draws the same ones); everything built is not.
  for (const made of ['cache', 'cache-thumbs', 'out', 'out-pictures', 'out-thumbs']) rmSync(join(base, made), { recursive: true, force: true });
  rmSync(join(base, 'src-pictures/new'), { recursive: true, force: true });
  const made = {};
  for (const pictures of [false, true]) {
    const src = join(base, pictures ? 'src-pictures' : 'src');
    const marker = join(src, '.complete');
    if (!existsSync(marker)) {
      rmSync(src, { recursive: true, force: true });
      run(DEV, ['synth', '--articles', String(n), '--seed', '1', '--out', src, ...(pictures ? ['--pictures'] : [])]);
      writeFileSync(marker, '');
    }
    const out = join(base, pictures ? 'out-pictures' : 'out');
    const build = run(BIN, ['build', src, '--out', out, '--cache', cache]);
    made[pictures] = { src, out, build, sources: measure(src), bundle: measure(out) };
  }
  // The same with a thumbnail on every card, from scratch (its own cache).
  const thumbsConfig = join(base, 'thumbnails.toml');
  writeFileSync(thumbsConfig, '[images]\nthumbnails = true\n');
  const thumbsOut = join(base, 'out-thumbs');
  const thumbsBuild = run(BIN, ['build', made[true].src, '--out', thumbsOut, '--cache', join(base, 'cache-thumbs'), '--config', thumbsConfig]);
  const thumbs = { build: thumbsBuild, sources: made[true].sources, bundle: measure(thumbsOut) };
  // One new article with a new picture, built into the folder of the last build.
  const { src, out } = made[true];
  mkdirSync(join(src, 'new/img'), { recursive: true });
  cpSync(join(ROOT, 'content/articles/img/kasur-kiln-dawn.jpg'), join(src, 'new/img/new.jpg'));
  writeFileSync(join(src, 'new/new.md'), '---\ntitle: "A new report, with a new picture"\ndate: 2030-01-01\n---\n' +
    'Delegates met again.\n\n![A kiln at dawn](img/new.jpg "The new picture")\n');
  const incremental = run(BIN, ['build', src, '--out', out, '--cache', cache]);
  const upload = /(\d[\d,]*) files? new or changed \(([^)]*) to upload\)/.exec(incremental.stderr);
  const madeLine = /(\d+) pictures? shown \((\d+) made by this build/.exec(incremental.stderr);
  rows.push({ n, without: made[false], with: made[true], thumbs, incremental, upload, madeLine });
}

console.log('| articles | pictures | build | peak | bundle | files | picture files | source pictures | one new article + picture |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  for (const [label, m] of [['none', r.without], ['one each', r.with], ['one each, card thumbnails', r.thumbs]]) {
    const incremental = label !== 'one each' ? '' :
      `${r.incremental.secs.toFixed(1)} s, ${r.madeLine ? r.madeLine[2] : '?'} made, ${r.upload ? `${r.upload[1]} files / ${r.upload[2]} to upload` : '?'}`;
    console.log(`| ${r.n.toLocaleString('en')} | ${label} | ${m.build.secs.toFixed(1)} s | ${Math.round(m.build.peakMB)} MB | ` +
      `${mb(m.bundle.bytes)} MB | ${m.bundle.files.toLocaleString('en')} | ${mb(m.bundle.pictures)} MB | ${mb(m.sources.pictures)} MB | ${incremental} |`);
  }
  console.log(`| | ratio | ${(r.with.build.secs / r.without.build.secs).toFixed(2)}× | ${(r.with.build.peakMB / r.without.build.peakMB).toFixed(2)}× | ` +
    `${(r.with.bundle.bytes / r.without.bundle.bytes).toFixed(2)}× | | | | |`);
  console.log(`| | thumbnails / one each | ${(r.thumbs.build.secs / r.with.build.secs).toFixed(2)}× | ${(r.thumbs.build.peakMB / r.with.build.peakMB).toFixed(2)}× | ` +
    `${(r.thumbs.bundle.bytes / r.with.bundle.bytes).toFixed(2)}× | | | | |`);
}
