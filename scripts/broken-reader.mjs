// The browser suite against a reader that cannot run: a mutation check of
// the tests themselves. The built sites (dist/ and target/dist-subpath/)
// are copied with their wasm replaced by bytes that are not WebAssembly,
// sealed again, and every browser test runs against them. A test that still
// passes proves nothing about the reader, so it must say so in its name:
// "(no reader)". Any other test that passes is reported and fails the check.
//
//   node scripts/broken-reader.mjs        (after scripts/dev dist, both builds)
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from 'node:test';

const ROOT = new URL('../', import.meta.url).pathname;
const MARK = '(no reader)';

/** A copy of a built site whose reader cannot start. */
function broken(from, to) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  const wasm = readdirSync(to).filter((name) => name.endsWith('_bg.wasm'));
  if (wasm.length !== 1) throw new Error(`${from}: expected one reader wasm, found ${wasm.length}`);
  writeFileSync(join(to, wasm[0]), 'this is not WebAssembly\n');
  execFileSync(join(ROOT, 'target/debug/broadsheet'), ['seal', to], { stdio: 'pipe' });
  return `${to}/`;
}

process.env.BROADSHEET_DIST = broken(join(ROOT, 'dist'), join(ROOT, 'target/dist-broken'));
process.env.BROADSHEET_DIST_SUBPATH = broken(join(ROOT, 'target/dist-subpath'), join(ROOT, 'target/dist-subpath-broken'));
// Waiting can only end in failure here: wait briefly.
process.env.BROADSHEET_WAIT_MS = '4000';

const dir = join(ROOT, 'tests/e2e');
const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(dir, f));
const passed = [];
const failed = [];
const started = Date.now();
for await (const event of run({ files, concurrency: 1, timeout: 600000 })) {
  if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
  if (event.data.details?.type === 'suite') continue;
  const name = `${event.data.file?.replace(`${dir}/`, '') ?? ''}: ${event.data.name}`;
  (event.type === 'test:pass' ? passed : failed).push(name);
}
const unmarked = passed.filter((name) => !name.includes(MARK));
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`broken reader: ${failed.length} tests failed as they must, ${passed.length} passed (${seconds} s)`);
for (const name of passed) console.log(`  passed: ${name}`);
if (unmarked.length > 0) {
  console.error(`broken reader: ${unmarked.length} test(s) passed without a working reader but claim to test it:`);
  for (const name of unmarked) console.error(`  ${name}`);
  process.exit(1);
}
if (failed.length === 0) {
  console.error('broken reader: no test failed: the check itself is broken');
  process.exit(1);
}
