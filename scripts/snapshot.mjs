// Every file below a folder, with its size and content hash (and, when
// asked, its gzip size: what a Pages-like host sends): how the churn and
// editions measurements tell which files an edition changed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Relative path (with `/`) → { size, hash, gzip? }. */
export function snapshot(dir, { gzip = false } = {}) {
  const files = new Map();
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        const file = { size: bytes.length, hash: createHash('sha256').update(bytes).digest('hex') };
        if (gzip) file.gzip = gzipSync(bytes).length;
        files.set(relative(dir, path).split('\\').join('/'), file);
      }
    }
  };
  walk(dir);
  return files;
}
