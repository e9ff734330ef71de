import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import signature from 'cookie-signature';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);

describe('security headers', () => {
  it('when any page is served, then CSP forbids inline scripts and framing, and nosniff/referrer policy are set', async () => {
    const res = await request(app).get('/login');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // same-origin: no URL (a multipart form's token rides in one) leaves the site, and same-site POSTs carry their Origin
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/); // no inline script element anywhere
  });

  it('when an authenticated page is served, then it is Cache-Control: no-store', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const res = await agent.get('/');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('error pages', () => {
  it('when a page does not exist, then a 404 page in Bahasa Indonesia with an incident id is shown', async () => {
    const res = await request(app).get('/tidak-ada-halaman-ini');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Tidak ditemukan');
    expect(res.text).toMatch(/nomor insiden <code>[0-9a-f-]{36}<\/code>/);
  });

  it('when a pegawai opens an admin page, then 403 in Bahasa Indonesia', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const res = await agent.get('/admin');
    expect(res.status).toBe(403);
    expect(res.text).toContain('Akses ditolak');
  });

  it('when a request body is larger than the limit, then 413 with a clear page and no stack trace', async () => {
    const res = await request(app)
      .post('/login')
      .type('form')
      .send({ nip: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('melebihi batas ukuran');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('when a body has NUL bytes or odd encodings, then the answer is a form error, not a 500', async () => {
    const agent = request.agent(app);
    const page = await agent.get('/login');
    const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1];
    const res = await agent.post('/login').type('form').send(`_csrf=${token}&nip=%00%00%ff&password=%00`);
    expect(res.status).toBe(422);
  });
});

/** A GET on a real socket, body as the bytes on the wire (no client-side decompression). */
async function rawGet(path: string, headers: Record<string, string>) {
  const server = app.listen(0);
  await new Promise((ok) => server.once('listening', ok));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((ok, fail) => {
      http
        .get({ port, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', fail);
    });
  } finally {
    server.close();
  }
}

describe('assets', () => {
  it('when a page links its CSS and JS, then the names are fingerprinted and served compressed with a one-year immutable cache', async () => {
    const page = await request(app).get('/login');
    const css = page.text.match(/href="(\/assets\/bootstrap\.[0-9a-f]{12}\.css)"/)?.[1];
    expect(css).toBeDefined();
    const res = await rawGet(css!, { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toContain('Bootstrap');
    expect(res.body.length).toBeLessThan(40_000);
    const missing = await request(app).get('/assets/bootstrap.000000000000.css');
    expect(missing.status).toBe(404);
  });
});

describe('database down', () => {
  it('when PostgreSQL cannot be reached, then pages answer 503 and the process keeps running', async () => {
    const { connectDb } = await import('../../src/db/prisma.ts');
    const { pool: deadPool } = connectDb('postgresql://nobody@127.0.0.1:1/none');
    const down = buildApp(deadPool);
    const health = await request(down).get('/healthz');
    expect(health.status).toBe(503);
    const cookie = `ekinerja.sid=${encodeURIComponent(`s:${signature.sign('sesi-apa-saja', 'uji-rahasia-sesi-yang-cukup-panjang-0123456789')}`)}`;
    const page = await request(down).get('/').set('Cookie', cookie);
    expect(page.status).toBe(503);
    expect(page.text).toContain('Basis data sedang tidak dapat dihubungi');
    // and back: a working pool again serves pages (the app was never restarted)
    connectDb(db.url);
    const back = buildApp((await import('../../src/db/prisma.ts')).pool);
    expect((await request(back).get('/healthz')).status).toBe(200);
  });
});
