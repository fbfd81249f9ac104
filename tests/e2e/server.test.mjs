// The test and `scripts/dev serve` server (scripts/static-server.mjs), on
// its own: it must survive bad requests, as the host it stands in for does.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
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

test('closing it drops the connections a browser still holds mid-request (no reader)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'broadsheet-server-'));
  writeFileSync(join(root, 'index.html'), '<p>home</p>');
  const server = await startServer({ root });
  const { port } = new URL(server.url);
  // A request begun and never finished, as a browser leaves one when it goes
  // offline: a plain `server.close()` would wait for it for ever.
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((ok) => socket.once('connect', ok));
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const dropped = new Promise((ok) => socket.once('close', ok));
  await new Promise((ok) => setTimeout(ok, 100));
  const closed = server.close().then(() => 'closed');
  const waited = new Promise((ok) => setTimeout(() => ok('still open after 5 s'), 5000));
  assert.equal(await Promise.race([closed, waited]), 'closed');
  await dropped;
  rmSync(root, { recursive: true, force: true });
});
