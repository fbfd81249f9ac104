// Builds crates/stemmer once per Snowball language it has a feature for,
// into <dir>/stemmers/<code>.wasm: the reader loads the module of each
// language its archive has at the first search (src/stemmers.rs). Called by
// the Trunk post-build hook (scripts/postbuild.mjs).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function stemmerLanguages() {
  const manifest = readFileSync('crates/stemmer/Cargo.toml', 'utf8');
  const features = manifest.split('[features]')[1] ?? '';
  return [...features.matchAll(/^([a-z]{2}) = \[\]$/gm)].map((m) => m[1]);
}

export function buildStemmers(dir) {
  const target = process.env.CARGO_TARGET_DIR || 'target';
  const out = join(dir, 'stemmers');
  mkdirSync(out, { recursive: true });
  const codes = stemmerLanguages();
  if (codes.length === 0) throw new Error('stemmers: no languages in crates/stemmer/Cargo.toml');
  for (const code of codes) {
    execFileSync('cargo', [
      'build', '--locked', '-q', '-p', 'broadsheet-stemmer', '--lib',
      '--profile', 'stemmer', '--target', 'wasm32-unknown-unknown', '--features', code,
    ], {
      stdio: 'inherit',
      // Only the reader is split (.cargo/config.toml keeps the linker's
      // relocations for that); a stemmer without them is half the size.
      env: { ...process.env, RUSTFLAGS: '' },
    });
    copyFileSync(join(target, 'wasm32-unknown-unknown', 'stemmer', 'broadsheet_stemmer.wasm'),
      join(out, `${code}.wasm`));
  }
  return codes;
}
