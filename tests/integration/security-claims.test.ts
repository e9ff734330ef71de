// The four holes measured in the open-source e-Kinerja apps on this machine, each shown closed here.
import { randomUUID } from 'node:crypto';
import signature from 'cookie-signature';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp, csrfFrom, DEMO_ACCOUNTS, loginAs, postMultipart, tokenOf } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const today = TEST_TODAY;
const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
const entri = () =>
  prisma.realisasi.create({
    data: {
      pegawaiId: pegawai.id,
      tanggal: new Date(`${today}T00:00:00Z`),
      pekerjaan: 'Klaim keamanan',
      jumlah: 1,
      satuan: 'Kegiatan',
      idempotencyKey: randomUUID(),
    },
  });

describe("1. login by appending ' AND '1'='1 to the username", () => {
  it.each([
    `${DEMO_ACCOUNTS.pegawai}' AND '1'='1`,
    `${DEMO_ACCOUNTS.pegawai}' OR '1'='1' -- `,
    "' OR 1=1 --",
  ])('when the NIP is %s, then nobody is logged in', async (nip) => {
    const agent = request.agent(app);
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), nip, password: "' OR '1'='1" });
    expect(res.status).toBe(422);
    const home = await agent.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/login');
  });
});

describe('2. forging a session cookie', () => {
  it('when a cookie is signed with another secret or carries a guessed id, then it opens nothing', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    expect((await agent.get('/')).status).toBe(200);
    const row = await prisma.session.findFirstOrThrow({ where: { sess: { path: ['passport', 'user', 'id'], equals: pegawai.id } } });
    for (const cookie of [
      `ekinerja.sid=${encodeURIComponent(`s:${signature.sign(row.sid, 'rahasia-tebakan-penyerang-yang-panjang-sekali')}`)}`,
      `ekinerja.sid=${row.sid}`,
      `ekinerja.sid=${encodeURIComponent(`s:${signature.sign(randomUUID(), 'uji-rahasia-sesi-yang-cukup-panjang-0123456789')}`)}`,
    ]) {
      const res = await request(app).get('/realisasi').set('Cookie', cookie);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/login');
    }
  });
});

describe('3. verifying entries without logging in', () => {
  it('when an anonymous client posts a verification, with or without a CSRF token, then the entry stays status 0', async () => {
    const e = await entri();
    const value = `${e.id}|${e.updatedAt.toISOString()}`;
    expect((await request(app).post('/verifikasi').type('form').send({ satu: value })).status).toBe(403);
    const anon = request.agent(app);
    const token = csrfFrom((await anon.get('/login')).text);
    expect((await anon.post('/verifikasi').type('form').send({ _csrf: token, satu: value })).headers.location).toBe('/login');
    expect((await anon.get(`/verifikasi?status=0`)).headers.location).toBe('/login');
    expect((await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } })).status).toBe(0);
  });
});

describe('4. a pegawai marking his own entry verified', () => {
  it('when the pegawai posts a verification of his own entry, or sends status=1 with an edit or a new entry, then it stays 0', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const e = await entri();
    const verify = await agent
      .post('/verifikasi')
      .type('form')
      .send({ _csrf: await tokenOf(agent, '/'), satu: `${e.id}|${e.updatedAt.toISOString()}` });
    expect(verify.status).toBe(403);
    const edit = await postMultipart(agent, `/realisasi/${e.id}/ubah`, {
      tanggal: today,
      jumlah: '1',
      status: '1',
      verifiedById: String(pegawai.atasanId),
    });
    expect(edit.status).toBe(303);
    expect(await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({ status: 0, verifiedById: null });
  });

  it('when even the database is asked to mark an entry verified by its own pegawai, then a CHECK constraint refuses', async () => {
    const e = await entri();
    await expect(
      prisma.$executeRaw`UPDATE realisasi SET status = 1, verified_by_id = pegawai_id, verified_at = now() WHERE id = ${e.id}`,
    ).rejects.toThrow(/realisasi_not_self_verified/);
  });
});
