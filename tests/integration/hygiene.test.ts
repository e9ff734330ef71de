// The smaller holes of issue 13: foreign Origin/Referer, client-chosen request ids, tokens in logged URLs, refused
// encodings on the ABK fast path, the Anjab PDF rendered for every request.
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { preferredEncoding } from '../../src/controllers/abk.controller.ts';
import { logger } from '../../src/lib/logger.ts';
import { loggableUrl } from '../../src/middleware/request-id.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs, postMultipart, tokenOf } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!, { LOGIN_MAX_PER_NIP: '1000', LOGIN_MAX_PER_IP: '100000' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Origin and Referer on state-changing requests', () => {
  it('when a POST with a valid token says it comes from another site, then 403 and nothing changes', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const token = await tokenOf(agent, '/');
    const headers: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { Referer: 'https://evil.example/halaman' },
    ];
    for (const h of headers) {
      const res = await agent.post('/logout').set(h).type('form').send({ _csrf: token });
      expect(res.status, JSON.stringify(h)).toBe(403);
      expect((await agent.get('/')).status).toBe(200); // still logged in
    }
  });

  it('when the POST comes from the site itself, then it goes through', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const token = await tokenOf(agent, '/');
    const res = await agent
      .post('/logout')
      .set('Host', 'kinerja.example.go.id')
      .set('Origin', 'https://kinerja.example.go.id')
      .type('form')
      .send({ _csrf: token });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
  });
});

describe('request ids are ours', () => {
  it('when a client sends X-Request-Id, then the audit row, the response and the incident id carry our own id', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.atasan);
    const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    const e = await prisma.realisasi.create({
      data: {
        pegawaiId: pegawai.id,
        tanggal: new Date(`${TEST_TODAY}T00:00:00Z`),
        pekerjaan: 'Uji id',
        jumlah: 1,
        satuan: 'Kegiatan',
        idempotencyKey: randomUUID(),
      },
    });
    const token = await tokenOf(agent, '/verifikasi');
    const res = await agent
      .post('/verifikasi')
      .set('X-Request-Id', 'pilihan-penyerang')
      .type('form')
      .send({ _csrf: token, satu: `${e.id}|${e.updatedAt.toISOString()}` });
    expect(res.status).toBe(303);
    expect(res.headers['x-request-id']).toMatch(UUID);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { objectId: String(e.id) }, orderBy: { id: 'desc' } });
    expect(audit.requestId).toBe(res.headers['x-request-id']);

    const missing = await request(app).get('/tidak-ada').set('X-Request-Id', 'pilihan-penyerang');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('pilihan-penyerang');
    expect(missing.headers['x-request-id']).toMatch(UUID);
  });
});

describe('logs', () => {
  it('when a multipart form is refused, then the log line carries the path and parameter names, never the CSRF token', async () => {
    const spy = vi.spyOn(logger, 'info');
    try {
      const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
      const res = await postMultipart(agent, '/realisasi/tambah', { sumber: 'tambahan' }, undefined, 'token-rahasia-1234567890');
      expect(res.status).toBe(403);
      // the error handler's line (the request log line keeps only the path: middleware/request-log.ts)
      const logged = inspect(
        spy.mock.calls.filter((args) => args[1] === 'request refused'),
        { depth: 6 },
      );
      expect(logged).toContain('/realisasi/tambah');
      expect(logged).not.toContain('token-rahasia-1234567890');
    } finally {
      spy.mockRestore();
    }
    expect(loggableUrl('/realisasi?_csrf=abc&tanggal=2026-11-30')).toBe('/realisasi?_csrf=…&tanggal=…');
  });
});

describe('ABK fast path and Accept-Encoding', () => {
  it.each([
    ['br;q=0, gzip;q=0', undefined],
    ['gzip, br;q=0', 'gzip'],
    ['*;q=0', undefined],
    ['identity', undefined],
    ['gzip, br', 'br'],
  ])('when Accept-Encoding is "%s", then the page comes as %s', async (accept, encoding) => {
    const res = await request(app).get('/abk').set('Accept-Encoding', accept);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.text).toContain('Analisis Beban Kerja (ABK)');
  });

  it('when the header has odd q-values, then the choice follows them', () => {
    expect(preferredEncoding('br;q=0.0, gzip;q=0.5')).toBe('gzip');
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding(undefined)).toBeNull();
  });
});

describe('Anjab PDF', () => {
  const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  it('when the same PDF is asked for twice, then it is rendered once; after an Anjab change it is rendered anew', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const j = await prisma.jabatan.findFirstOrThrow({ where: { uraianTugas: { some: {} } }, orderBy: { id: 'asc' } });
    const get = async () =>
      (
        await agent
          .get(`/anjab/${j.id}/pdf`)
          .buffer(true)
          .parse(binary as never)
      ).body as Buffer;
    const first = await get();
    const second = await get();
    // PDFKit stamps each rendering with its creation time: equal bytes mean one rendering
    expect(second.equals(first)).toBe(true);
    await prisma.jabatan.update({ where: { id: j.id }, data: { ikhtisar: 'Ikhtisar baru untuk uji cache PDF' } });
    const third = await get();
    expect(third.equals(first)).toBe(false);
    expect(third.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
