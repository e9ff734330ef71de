import argon2 from 'argon2';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp, csrfFrom, DEMO_ACCOUNTS, DEMO_PASSWORD, loginAs, tokenOf } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!, { LOGIN_MAX_PER_NIP: '100', LOGIN_MAX_PER_IP: '1000' });
const NEW = 'kopi tubruk pagi hari di Sukamaju';

describe('Ubah Password', () => {
  it('when the new password is short, differs from its repeat and the current one is wrong, then each field says so with 422 and nothing changes', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.atasan);
    const before = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan } });
    const res = await agent
      .post('/akun/password')
      .type('form')
      .send({ _csrf: await tokenOf(agent, '/akun/password'), passwordLama: DEMO_PASSWORD, passwordBaru: 'pendek', konfirmasi: 'lain' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Password baru minimal 12 karakter.');
    expect(res.text).toContain('Ulangan password baru tidak sama.');
    expect(res.text).not.toContain('value="pendek"'); // passwords are never put back into the form
    const wrong = await agent
      .post('/akun/password')
      .type('form')
      .send({ _csrf: csrfFrom(res.text), passwordLama: 'bukan-password-saya', passwordBaru: NEW, konfirmasi: NEW });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Password lama salah.');
    const nipInside = await agent
      .post('/akun/password')
      .type('form')
      .send({
        _csrf: csrfFrom(res.text),
        passwordLama: DEMO_PASSWORD,
        passwordBaru: `x${DEMO_ACCOUNTS.atasan}`,
        konfirmasi: `x${DEMO_ACCOUNTS.atasan}`,
      });
    expect(nipInside.text).toContain('Password tidak boleh memuat NIP');
    expect(await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan } })).toEqual(before);
  });

  it('when a pegawai changes their password, then their other sessions end, this one stays, and the new password logs in', async () => {
    const nip = '199405182020121005';
    const other = await loginAs(app, nip);
    const agent = await loginAs(app, nip);
    const before = await prisma.pegawai.findUniqueOrThrow({ where: { nip } });
    const res = await agent
      .post('/akun/password')
      .type('form')
      .send({ _csrf: await tokenOf(agent, '/akun/password'), passwordLama: DEMO_PASSWORD, passwordBaru: NEW, konfirmasi: NEW });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Password berhasil diubah.');
    const ended = await other.get('/');
    expect(ended.status).toBe(303);
    expect(ended.headers.location).toBe('/login');
    const after = await prisma.pegawai.findUniqueOrThrow({ where: { nip } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await argon2.verify(after.passwordHash, NEW)).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: 'akun.ubahPassword', objectId: String(after.id), actorId: after.id } })).toBe(1);
    await loginAs(app, nip, NEW);
    await expect(loginAs(app, nip, DEMO_PASSWORD)).rejects.toThrow(/401/);
  });

  it('when a pegawai must change a temporary password, then every page sends them to Ubah Password until they do', async () => {
    const nip = '199601092022032004';
    await prisma.pegawai.update({ where: { nip }, data: { mustChangePassword: true } });
    const agent = await loginAs(app, nip);
    for (const path of ['/', '/realisasi', '/laporan']) {
      const res = await agent.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/akun/password');
    }
    const page = await agent.get('/akun/password');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Anda masih memakai password sementara');
    const post = await agent
      .post('/akun/password')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), passwordLama: DEMO_PASSWORD, passwordBaru: NEW, konfirmasi: NEW });
    expect(post.status).toBe(303);
    expect((await agent.get('/')).status).toBe(200);
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { nip } })).mustChangePassword).toBe(false);
  });

  it('when anonymous, then Ubah Password redirects to /login', async () => {
    const res = await request(app).get('/akun/password');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
  });
});
