// e-Kinerja service worker (issue 14): the app opens without signal.
// - The shell (CSS, JS, icons; fingerprinted, so never stale) is cached at install and served from the cache.
// - The pages a pegawai needs to record work offline (Realisasi Kinerja, Input and Tambah Realisasi) are fetched from
//   the network first and kept as the last copy seen; without signal that copy is shown. Other pages say plainly that
//   they need the server. Entries saved offline are kept by app.js in IndexedDB, not here.
// - Logout (or another user signing in, see app.js) deletes the kept pages: nothing personal stays on a shared phone.
const ASSETS = "__ASSETS__";
const SHELL = 'ekinerja-shell';
const PAGES = 'ekinerja-halaman';
const SHELL_URLS = Object.entries(ASSETS)
  .filter(([name]) => name !== 'sw.js' && name !== 'manifest.webmanifest')
  .map(([, url]) => url);
// pages kept for offline use, by path (the month/day query of /realisasi shares one copy)
const OFFLINE_PAGES = /^\/realisasi(\/tambah|\/input\/\d+)?$/;

self.addEventListener('install', (event) => {
  // the browser's HTTP cache already holds these (immutable), so installing costs no extra download
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(SHELL_URLS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  // take over the open pages at once: the first visit already works offline afterwards
  event.waitUntil(
    self.clients.claim().then(async () => {
      const cache = await caches.open(SHELL);
      for (const req of await cache.keys()) if (!SHELL_URLS.includes(new URL(req.url).pathname)) await cache.delete(req);
    }),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'hapus-halaman') event.waitUntil(caches.delete(PAGES));
});

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function offlinePage(path) {
  const html = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tidak ada koneksi · e-Kinerja</title>
<link rel="stylesheet" href="${ASSETS['bootstrap.css']}"><link rel="stylesheet" href="${ASSETS['app.css']}"></head>
<body class="bg-body-tertiary"><main id="konten" class="container py-4">
<h1 class="h4">Tidak ada koneksi ke server</h1>
<p>Halaman <code>${escapeHtml(path)}</code> memerlukan koneksi ke server dan belum dapat dibuka tanpa sinyal.</p>
<p>Realisasi yang Anda simpan saat tanpa sinyal tetap tersimpan di perangkat ini dan dikirim otomatis ketika koneksi kembali.</p>
<p><a class="btn btn-primary" href="/realisasi">Buka Realisasi Kinerja</a> <a class="btn btn-outline-secondary" href="${escapeHtml(path)}">Coba lagi</a></p>
</main></body></html>`;
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

async function navigate(request) {
  const url = new URL(request.url);
  const keep = OFFLINE_PAGES.test(url.pathname);
  try {
    const response = await fetch(request);
    if (keep && response.ok && !response.redirected) {
      const copy = response.clone();
      caches.open(PAGES).then((cache) => cache.put(url.pathname, copy));
    }
    return response;
  } catch {
    const cached = keep ? await caches.match(url.pathname, { cacheName: PAGES }) : undefined;
    return cached || offlinePage(url.pathname);
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/logout') {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== 'GET') return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(caches.match(request, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
  } else if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  }
});
