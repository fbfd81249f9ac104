// A static file server that behaves like GitHub Pages: files under a base
// path, `dir/` → `dir/index.html`, `x` → `x.html`, anything else → `404.html` with status
// 404 (which is how the reader's deep links survive a reload there).
// Text is gzipped when the browser accepts it, and every file carries an
// ETag (a conditional request for an unchanged file is answered 304, with
// no body), as Pages does.
// Used by `scripts/dev serve` and the browser tests. Loopback only.
// With `http2`, it speaks HTTP/2 over TLS as the hosts do (GitHub Pages,
// Cloudflare, Netlify): every request of a page shares one connection, where
// HTTP/1.1 queues them six at a time. Benchmarks only: the certificate is
// made for the run with `openssl`, and the browser must be launched to
// ignore certificate errors (`launch({ insecure: true })`).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  // Bundle files stored gzipped: served as they are, as GitHub Pages does
  // (no Content-Encoding; the reader inflates them).
  '.gz': 'application/gzip',
};

/**
 * Starts serving `root` under `base` on 127.0.0.1.
 * `overrides` maps a URL path to a function (req, res) => void, so tests can
 * break one file (a damaged manifest, a 404 shard) and keep the rest real.
 * `mounts` maps further base paths to folders (`{ '/b/': dir }`), each
 * served the same way, as several sites on one origin are (GitHub Pages
 * project sites).
 * `link` ({ kbps, rttMs }) makes every answer cross a slow link: it waits
 * one round trip, then its body shares `kbps` kilobits a second with every
 * other answer in flight, first come first served — whoever asked (the
 * page, its service worker or a peer's worker), which throttling in the
 * browser's own tools does not promise for workers.
 * `http2` serves HTTP/2 over TLS (with a certificate made for 127.0.0.1
 * for this run) at an `https:` address.
 * Resolves to { url, close, requests, served } where `requests` logs every
 * path asked for and `served` every answer: { path, status, bytes } (the
 * bytes of the body sent, after compression).
 */
export async function startServer({ root, base = '/', port = 0, overrides = {}, mounts = {}, link = null, http2 = false }) {
  const sites = Object.entries({ ...mounts, [base]: root })
    .map(([at, dir]) => ({ prefix: at.endsWith('/') ? at : `${at}/`, dir: resolve(dir) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const requests = [];
  const served = [];
  const handle = async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      // A malformed escape (`/%E0%A4%A`): this request is bad, the server
      // is not.
      requests.push(req.url);
      return send(req, res, 400, 'text/plain; charset=utf-8', 'Bad request: malformed URL\n');
    }
    requests.push(path);
    if (overrides[path]) return overrides[path](req, res);
    // The deepest site whose base holds the path.
    const site = sites.find((s) => path.startsWith(s.prefix) || path === s.prefix.slice(0, -1));
    if (!site) {
      return send(req, res, 404, 'text/plain; charset=utf-8', `Not under ${prefix}\n`);
    }
    return serveFile(req, res, site.dir, site.prefix, path);
  };
  async function serveFile(req, res, rootDir, prefix, path) {
    const rel = normalize(path.slice(prefix.length) || '.');
    let file = join(rootDir, rel);
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      return send(req, res, 403, 'text/plain; charset=utf-8', 'Forbidden\n');
    }
    try {
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      // `/articles/x` is `articles/x.html`, as on GitHub Pages.
      else if (!extname(file) && (await stat(`${file}.html`).catch(() => null))?.isFile()) file = `${file}.html`;
      const body = await readFile(file);
      return send(req, res, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
    } catch {
      try {
        const body = await readFile(join(rootDir, '404.html'));
        return send(req, res, 404, TYPES['.html'], body);
      } catch {
        return send(req, res, 404, 'text/plain; charset=utf-8', 'Not found\n');
      }
    }
  }
  // One request that goes wrong answers 500; the server keeps serving.
  const serve = (req, res) => {
    const path = req.url.split('?')[0];
    const end = res.end.bind(res);
    res.end = (body, ...rest) => {
      served.push({ path, status: res.statusCode, bytes: body?.length ?? 0 });
      if (pipe) {
        pipe.send(res, body, end);
        return res;
      }
      return end(body, ...rest);
    };
    return handle(req, res).catch((error) => {
      if (!res.headersSent) send(req, res, 500, 'text/plain; charset=utf-8', `Server error: ${error.message}\n`);
      else res.destroy();
    });
  };
  const server = http2 ? createSecureServer(certificate(), serve) : createServer(serve);
  const sockets = new Set();
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const pipe = link && slowLink(link);
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const url = `${http2 ? 'https' : 'http'}://127.0.0.1:${server.address().port}${prefix}`;
  // Closing is the server going away: its open connections go with it. (A
  // plain `server.close()` waits for every connection the browser still
  // holds open mid-request, which can be for ever.)
  const close = () => new Promise((ok) => {
    server.close(ok);
    if (http2) for (const socket of sockets) socket.destroy();
    else server.closeAllConnections();
  });
  return { url, requests, served, close };
}

/** A key and a self-signed certificate for 127.0.0.1, made for this run. */
function certificate() {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'pipe' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A link of `kbps` kilobits a second and `rttMs` round trip: `send` holds
 * an answer for a round trip, then writes its body in slices, each when
 * the link would have carried every byte queued before it.
 */
function slowLink({ kbps, rttMs }) {
  const SLICE = 4096;
  const bytesPerMs = (kbps * 1000) / 8 / 1000;
  let free = 0; // when the link has carried everything queued so far
  const sleep = (ms) => new Promise((ok) => setTimeout(ok, Math.max(0, ms)));
  return {
    async send(res, body, end) {
      await sleep(rttMs);
      const bytes = body ? Buffer.from(body) : Buffer.alloc(0);
      for (let at = 0; at < bytes.length; at += SLICE) {
        const slice = bytes.subarray(at, at + SLICE);
        free = Math.max(free, performance.now()) + slice.length / bytesPerMs;
        await sleep(free - performance.now());
        if (res.destroyed) return;
        res.write(slice);
      }
      end();
    },
  };
}

/** Compressed bodies, by content (the same files are served many times). */
const gzipped = new Map();
const COMPRESSIBLE = /^(text\/|application\/(json|wasm|xml|manifest\+json)|image\/svg)/;

/** A strong validator of a body: its content hash. */
const etagOf = (body) => `"${createHash('sha256').update(body).digest('hex').slice(0, 24)}"`;

function send(req, res, status, type, body) {
  const headers = { 'content-type': type, 'cache-control': 'no-cache', vary: 'accept-encoding' };
  if (status === 200) {
    headers.etag = etagOf(body);
    if (req.headers['if-none-match'] === headers.etag) {
      res.writeHead(304, { etag: headers.etag, 'cache-control': headers['cache-control'], vary: headers.vary });
      return res.end();
    }
  }
  if (body.length > 1024 && COMPRESSIBLE.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    const key = typeof body === 'string' ? body : body.toString('latin1');
    if (!gzipped.has(key)) gzipped.set(key, gzipSync(body));
    body = gzipped.get(key);
    headers['content-encoding'] = 'gzip';
  }
  res.writeHead(status, headers);
  res.end(body);
}

// `node scripts/static-server.mjs DIR [--port N] [--base /path/]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const root = args[0] ?? 'dist';
  const { url } = await startServer({
    root,
    base: opt('--base', '/'),
    port: Number(opt('--port', 8080)),
  });
  console.log(`Broadsheet is being served from ${root}/ at ${url} (Ctrl-C to stop)`);
}
