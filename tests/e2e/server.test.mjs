// The test and `scripts/dev serve` server (scripts/static-server.mjs), on
// its own: it must survive bad requests, as the host it stands in for does.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../../scripts/static-server.mjs';

test('a malformed URL gets 400 and the server keeps serving (no reader)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'broadsheet-server-'));
  writeFileSync(join(root, 'index.html'), '<p>home</p>');
  writeFileSync(join(root, '404.html'), '<p>not found</p>');
  const server = await startServer({ root });
  try {
    for (const bad of ['%E0%A4%A', 'articles/%', '%ZZ']) {
      const response = await fetch(`${server.url}${bad}`);
      assert.equal(response.status, 400, bad);
      assert.match(await response.text(), /^Bad request: malformed URL/);
    }
    const home = await fetch(server.url);
    assert.equal(home.status, 200);
    assert.equal(await home.text(), '<p>home</p>');
    const missing = await fetch(`${server.url}nothing-here`);
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), '<p>not found</p>');
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
