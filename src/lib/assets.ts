import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

const require = createRequire(import.meta.url);
const publicDir = resolve(import.meta.dirname, '../../public');

// Front-end files, all from this repository or npm packages (no CDN: many Pemda networks are closed).
const SOURCES: Record<string, string> = {
  'bootstrap.css': require.resolve('bootstrap/dist/css/bootstrap.min.css'),
  'bootstrap.js': require.resolve('bootstrap/dist/js/bootstrap.bundle.min.js'),
  'app.css': resolve(publicDir, 'css/app.css'),
  'app.js': resolve(publicDir, 'js/app.js'),
  'favicon.svg': resolve(publicDir, 'img/favicon.svg'),
  'logo.svg': resolve(publicDir, 'img/logo.svg'),
};
// Assets of one page only (the Dashboard Pimpinan's charts): served the same way but not named to the service worker,
// so a phone's first visit does not download them.
const PAGE_ONLY: Record<string, string> = {
  // Chart.js exports no path to its browser bundle: take it beside the package's main file (dist/).
  'chart.js': resolve(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
  'dashboard.js': resolve(publicDir, 'js/dashboard.js'),
};
// The installable app (issue 14): the manifest and the service worker name the other assets by their fingerprinted
// URLs, so they are built after them ("__ASSETS__" is replaced by { name: url }) and change whenever any asset does.
const APP_SHELL: Record<string, string> = {
  'manifest.webmanifest': resolve(publicDir, 'manifest.webmanifest'),
  'sw.js': resolve(publicDir, 'sw.js'),
};

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

type Asset = { url: string; type: string; body: Buffer; etag: string; gzip?: Buffer; br?: Buffer };

const byName = new Map<string, Asset>();
const byUrl = new Map<string, Asset>();

// Source maps are referenced by the vendor files but not shipped: strip the comment so browsers do not ask.
const stripSourceMap = (buf: Buffer, ext: string) =>
  ext === '.css' || ext === '.js' ? Buffer.from(buf.toString('utf8').replace(/\n?\/[*/]# sourceMappingURL=\S+( \*\/)?\s*$/, '\n')) : buf;

function add(name: string, body: Buffer): void {
  const ext = extname(name);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const url = `/assets/${basename(name, ext)}.${hash}${ext}`;
  const a: Asset = { url, type: TYPES[ext] ?? 'application/octet-stream', body, etag: `"${hash}"` };
  byName.set(name, a);
  byUrl.set(url, a);
}

function load(): void {
  for (const [name, file] of Object.entries(SOURCES)) add(name, stripSourceMap(readFileSync(file), extname(name)));
  const urls = JSON.stringify(Object.fromEntries([...byName].map(([name, a]) => [name, a.url])));
  const fill = (text: string) =>
    text.replaceAll('"__ASSETS__"', urls).replace(/"__ASSET:([\w.-]+)__"/g, (_, name: string) => JSON.stringify(asset(name)));
  for (const [name, file] of Object.entries(APP_SHELL)) add(name, Buffer.from(fill(readFileSync(file, 'utf8'))));
  for (const [name, file] of Object.entries(PAGE_ONLY)) add(name, stripSourceMap(readFileSync(file), extname(name)));
}

/** Fingerprinted URL of an asset, for views: `asset('app.css')` → `/assets/app.3f2a….css`. */
export function asset(name: string): string {
  if (byName.size === 0) load();
  const a = byName.get(name);
  if (!a) throw new Error(`unknown asset ${name}`);
  return a.url;
}

/** Serves fingerprinted assets from memory, pre-compressed once, cached for a year (the name changes with the content). */
export function serveAsset(req: Request, res: Response, next: () => void): void {
  if (byName.size === 0) load();
  // Browsers ask for /favicon.ico on their own: answer it here, before the session layer.
  const a = req.path === '/favicon.ico' ? byName.get('favicon.svg') : byUrl.get(req.path);
  if (!a) return next();
  res.setHeader('Content-Type', a.type);
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  res.setHeader('ETag', a.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  // the worker lives under /assets/ (fingerprinted) but serves the whole app
  if (a === byName.get('sw.js')) res.setHeader('Service-Worker-Allowed', '/');
  if (req.headers['if-none-match'] === a.etag) {
    res.status(304).end();
    return;
  }
  const accept = String(req.headers['accept-encoding'] ?? '');
  if (a.type.startsWith('image/') && !a.type.includes('svg')) {
    res.end(a.body);
    return;
  }
  if (/\bbr\b/.test(accept)) {
    a.br ??= brotliCompressSync(a.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    res.setHeader('Content-Encoding', 'br');
    res.end(a.br);
  } else if (/\bgzip\b/.test(accept)) {
    a.gzip ??= gzipSync(a.body, { level: 9 });
    res.setHeader('Content-Encoding', 'gzip');
    res.end(a.gzip);
  } else {
    res.end(a.body);
  }
}
