import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp, DEMO_ACCOUNTS, loginAs, tokenOf } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

describe('Logo and name of the Pemda', () => {
  it('when nothing was set, then the login page shows the default logo and the Pemda name from the settings', async () => {
    const page = await request(app).get('/login');
    expect(page.text).toContain('Pemerintah Kabupaten Sukamaju');
    expect(page.text).toMatch(/src="\/assets\/logo\.[0-9a-f]{12}\.svg"/);
  });

  it('when an admin uploads a PNG, then every page shows it under a fingerprinted URL, audited; a text file is refused', async () => {
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    const token = await tokenOf(admin, '/admin/pengaturan/logo');
    const bad = await admin.post(`/admin/pengaturan/logo?_csrf=${token}`).attach('logo', Buffer.from('bukan gambar'), 'logo.png');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Logo harus berupa berkas PNG atau JPG.');
    const ok = await admin.post(`/admin/pengaturan/logo?_csrf=${token}`).attach('logo', PNG, 'logo.png');
    expect(ok.status).toBe(303);
    const page = await request(app).get('/login');
    const url = page.text.match(/src="(\/logo\/[0-9a-f]{12}\.png)"/)?.[1];
    expect(url).toBeDefined();
    const img = await request(app).get(url!).buffer(true);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['cache-control']).toContain('immutable');
    expect(await db.prisma!.auditLog.count({ where: { action: 'pengaturan.logo' } })).toBe(1);
    const reset = await admin.post('/admin/pengaturan/logo').type('form').send({ _csrf: token, hapus: '1' });
    expect(reset.status).toBe(303);
    expect((await request(app).get('/login')).text).toMatch(/src="\/assets\/logo\.[0-9a-f]{12}\.svg"/);
  });

  it('when the logo form carries more fields than it has, or a second file, then 422 next to the field and no logo is kept', async () => {
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    const token = await tokenOf(admin, '/admin/pengaturan/logo');
    let banyak = admin.post(`/admin/pengaturan/logo?_csrf=${token}`);
    for (let n = 0; n < 6; n++) banyak = banyak.field('nama', String(n));
    const res = await banyak;
    expect(res.status).toBe(422);
    expect(res.text).toContain('Berkas yang dikirim tidak dapat diterima. Kirim satu berkas logo saja.');
    const dua = await admin.post(`/admin/pengaturan/logo?_csrf=${token}`).attach('logo', PNG, 'a.png').attach('logo', PNG, 'b.png');
    expect(dua.status).toBe(422);
    expect(await db.prisma!.setting.findUnique({ where: { key: 'logo' } })).toBeNull();
  });

  it('when a pegawai tries to change the logo, then 403 and nothing changes', async () => {
    const pegawai = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const token = await tokenOf(pegawai, '/');
    expect((await pegawai.get('/admin/pengaturan/logo')).status).toBe(403);
    expect((await pegawai.post(`/admin/pengaturan/logo?_csrf=${token}`).attach('logo', PNG, 'logo.png')).status).toBe(403);
    expect(await db.prisma!.setting.findUnique({ where: { key: 'logo' } })).toBeNull();
  });
});
