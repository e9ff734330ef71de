// The error page is the real page (layout, title, message, incident number) in every failure mode, also when the
// request fails before the session layer or inside it (no user, no CSRF token, no view helpers yet).
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, loginAs, tokenOf } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);

const isFullPage = (res: { status: number; type: string; text: string }) => {
  expect(res.type).toBe('text/html');
  expect(res.text).toMatch(/^<!doctype html>/i);
  expect(res.text).toContain('e-Kinerja');
  expect(res.text).toMatch(/nomor insiden <code>[0-9a-f-]{36}<\/code>/);
};

describe('error page', () => {
  afterAll(async () => {
    await db.pool!.query('ALTER TABLE IF EXISTS session_rusak RENAME TO session').catch(() => undefined);
  });

  it('when a POST comes from another site (refused before the session), then the 403 is the full page', async () => {
    const res = await request(app).post('/login').set('Origin', 'https://jahat.example').type('form').send({ nip: '1' });
    expect(res.status).toBe(403);
    isFullPage(res);
    expect(res.text).toContain('tidak berasal dari halaman e-Kinerja ini');
  });

  it('when a form has no CSRF token (refused inside the session layer), then the 403 is the full page', async () => {
    const res = await request(app).post('/login').type('form').send({ nip: '1', password: 'x' });
    expect(res.status).toBe(403);
    isFullPage(res);
    expect(res.text).toContain('Formulir sudah kedaluwarsa');
  });

  it('when the session store fails for a signed-in user, then the page is still the full error page', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    await db.pool!.query('ALTER TABLE session RENAME TO session_rusak');
    try {
      const res = await agent.get('/realisasi');
      expect(res.status).toBeGreaterThanOrEqual(500);
      isFullPage(res);
      expect(res.text).toContain('Ke halaman Login');
    } finally {
      await db.pool!.query('ALTER TABLE session_rusak RENAME TO session');
    }
  });

  it('when a body is too large (refused by the parser before the session), then the 413 is the full page', async () => {
    const res = await request(app)
      .post('/login')
      .type('form')
      .send({ nip: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
    isFullPage(res);
  });

  it('when an upload carries its file under another name or two files (refused by multer), then a 400 full page, not a 500', async () => {
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    const token = await tokenOf(admin, '/admin/impor');
    const lain = await admin.post(`/admin/impor/anjab?_csrf=${token}`).attach('lain', Buffer.from('a,b\n'), 'anjab.csv');
    expect(lain.status).toBe(400);
    isFullPage(lain);
    expect(lain.text).toContain('Berkas atau isian yang dikirim tidak dapat diterima.');
    const dua = await admin
      .post(`/admin/presensi?_csrf=${token}`)
      .attach('berkas', Buffer.from('a\n'), 'a.csv')
      .attach('berkas', Buffer.from('b\n'), 'b.csv');
    expect(dua.status).toBe(400);
  });

  it('when a multipart body is cut off or malformed, then every upload form answers a 400 full page, not a 500', async () => {
    const pegawai = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    const tokenPegawai = await tokenOf(pegawai, '/realisasi/tambah');
    const tokenAdmin = await tokenOf(admin, '/admin/impor');
    const forms: [typeof admin, string, string][] = [
      [pegawai, '/realisasi/tambah', tokenPegawai],
      [admin, '/admin/ketidakhadiran', tokenAdmin],
      [admin, '/admin/impor/anjab', tokenAdmin],
      [admin, '/admin/presensi', tokenAdmin],
      [admin, '/admin/pengaturan/logo', tokenAdmin],
    ];
    const bodies = [
      // cut off in the middle of a part (the browser's connection dropped)
      '--batas\r\nContent-Disposition: form-data; name="pekerjaan"\r\n\r\nSetengah',
      // a part header without its blank line
      '--batas\r\nContent-Disposition: form-data; name="x"\r\nrusak',
    ];
    for (const [agent, path, token] of forms)
      for (const body of bodies) {
        const res = await agent
          .post(`${path}?_csrf=${encodeURIComponent(token)}`)
          .set('content-type', 'multipart/form-data; boundary=batas')
          .send(body);
        expect(res.status, `${path}: ${body.slice(0, 30)}`).toBe(400);
        isFullPage(res);
        expect(res.text).toContain('Formulir yang dikirim terpotong atau rusak.');
      }
    // no boundary at all
    const tanpa = await pegawai
      .post(`/realisasi/tambah?_csrf=${encodeURIComponent(tokenPegawai)}`)
      .set('content-type', 'multipart/form-data')
      .send('x');
    expect(tanpa.status).toBe(400);
  });
});
