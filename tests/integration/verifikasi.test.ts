import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as clock from '../../src/lib/clock.ts';
import { csrfFrom, DEMO_ACCOUNTS, loginAs, postForm, postMultipart, tokenOf } from '../helpers/app.ts';
import { verifikasiFixtures } from './fixtures/verifikasi.ts';

// Verifikasi on any day: who may verify, return and cancel, batches, races, and the rules PostgreSQL holds. The check
// mark and a return as the pegawai sees them on today's page are in verifikasi-tanggal.test.ts (the date matrix).
const { db, prisma, app, today, byNip, pegawai, entri, seen, status, as } = await verifikasiFixtures();
const atasan = await byNip(DEMO_ACCOUNTS.atasan);
const admin = await byNip(DEMO_ACCOUNTS.admin);
const atasanLain = await byNip('198307252009022002'); // Kasi E-Government: other subordinates
const unitLain = await byNip('199111112017082002'); // Dinas Kesehatan pelaksana
const rekan = await byNip('199405182020121005'); // another subordinate of the same atasan
const post = postForm;

describe('authorization matrix', () => {
  const actors = [
    { who: 'the atasan', nip: DEMO_ACCOUNTS.atasan, view: 200, act: 303 },
    { who: 'another atasan', nip: '198307252009022002', view: 200, act: 404 },
    { who: 'the pegawai themself', nip: DEMO_ACCOUNTS.pegawai, view: 403, act: 403 },
    { who: 'a pegawai of another unit', nip: '199111112017082002', view: 403, act: 404 },
    { who: 'an admin (on behalf)', nip: DEMO_ACCOUNTS.admin, view: 200, act: 303 },
  ];

  it.each(actors)('when $who opens the queue, then $view', async ({ nip, view }) => {
    const e = await entri(pegawai.id, { pekerjaan: `Antrian ${nip}` });
    const agent = await as(nip);
    const res = await agent.get(nip === DEMO_ACCOUNTS.admin ? `/verifikasi?atasan=${atasan.id}` : '/verifikasi');
    expect(res.status).toBe(view);
    if (view === 200) expect(res.text.includes(`Antrian ${nip}`)).toBe(nip === DEMO_ACCOUNTS.atasan || nip === DEMO_ACCOUNTS.admin);
    await prisma.realisasi.delete({ where: { id: e.id } });
  });

  it.each(actors)('when $who verifies one entry, then $act', async ({ nip, act }) => {
    const e = await entri();
    const res = await post(await as(nip), '/verifikasi', { satu: seen(e) });
    expect(res.status).toBe(act);
    expect(await status(e.id)).toBe(act === 303 ? 1 : 0);
  });

  it.each(actors)('when $who verifies several entries at once, then $act', async ({ nip, act }) => {
    const list = [await entri(), await entri(rekan.id)];
    const res = await post(await as(nip), '/verifikasi', { pilih: list.map(seen) });
    expect(res.status).toBe(act);
    for (const e of list) expect(await status(e.id)).toBe(act === 303 ? 1 : 0);
  });

  it.each(actors)('when $who returns an entry with a note, then $act', async ({ nip, act }) => {
    const e = await entri();
    const res = await post(await as(nip), `/verifikasi/${e.id}/kembalikan`, {
      versi: e.updatedAt.toISOString(),
      catatan: 'Lengkapi bukti dukung',
    });
    expect(res.status).toBe(act);
    const after = await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } });
    expect(after.status).toBe(0);
    expect(after.catatanAtasan).toBe(act === 303 ? 'Lengkapi bukti dukung' : null);
  });

  it.each(actors)('when $who cancels a verification, then only an admin may', async ({ nip }) => {
    const e = await entri(pegawai.id, { status: 1, verifiedById: atasan.id, verifiedAt: clock.now() });
    const res = await post(await as(nip), `/verifikasi/${e.id}/batal`, { alasan: 'Salah verifikasi, jumlah tidak sesuai bukti' });
    expect(res.status).toBe(nip === DEMO_ACCOUNTS.admin ? 303 : 403);
    expect(await status(e.id)).toBe(nip === DEMO_ACCOUNTS.admin ? 0 : 1);
    if (nip === DEMO_ACCOUNTS.admin) {
      const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'realisasi.batal-verifikasi', objectId: String(e.id) } });
      expect(log).toMatchObject({ actorId: admin.id, reason: 'Salah verifikasi, jumlah tidak sesuai bukti' });
    }
  });

  it('when nobody is logged in, then verify and return change nothing (CSRF 403 without a session, login redirect with one)', async () => {
    const e = await entri();
    const bare = await request(app)
      .post('/verifikasi')
      .type('form')
      .send({ satu: seen(e) });
    expect(bare.status).toBe(403);
    const anon = request.agent(app);
    const token = csrfFrom((await anon.get('/login')).text);
    const withToken = await anon
      .post('/verifikasi')
      .type('form')
      .send({ _csrf: token, satu: seen(e) });
    expect(withToken.status).toBe(303);
    expect(withToken.headers.location).toBe('/login');
    const ret = await anon
      .post(`/verifikasi/${e.id}/kembalikan`)
      .type('form')
      .send({ _csrf: token, versi: e.updatedAt.toISOString(), catatan: 'x' });
    expect(ret.headers.location).toBe('/login');
    expect(await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } })).toEqual(e);
  });

  it('when an admin verifies on behalf, then the audit log records the atasan it acted for', async () => {
    const e = await entri();
    await post(await as(DEMO_ACCOUNTS.admin), '/verifikasi', { satu: seen(e) });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'realisasi.verifikasi', objectId: String(e.id) } });
    expect(log).toMatchObject({ actorId: admin.id, onBehalfOfId: atasan.id });
    expect(await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({ status: 1, verifiedById: admin.id });
  });

  it('when an admin tries to verify their own entry, then 403', async () => {
    const e = await entri(admin.id);
    const res = await post(await as(DEMO_ACCOUNTS.admin), '/verifikasi', { satu: seen(e) });
    expect(res.status).toBe(403);
    expect(await status(e.id)).toBe(0);
  });
});

describe('verifying', () => {
  it('when an already verified entry is verified again, then it is a reported no-op, not an error', async () => {
    const e = await entri();
    const agent = await as(DEMO_ACCOUNTS.atasan);
    await post(agent, '/verifikasi', { satu: seen(e) });
    const again = await post(agent, '/verifikasi', { satu: seen(e) });
    expect(again.status).toBe(303);
    expect((await agent.get(again.headers.location)).text).toContain('sudah diverifikasi sebelumnya');
    expect(await prisma.auditLog.count({ where: { action: 'realisasi.verifikasi', objectId: String(e.id) } })).toBe(1);
  });

  it('when 500 entries are verified in one request, then all change in one transaction with 500 audit rows', async () => {
    const keys = Array.from({ length: 500 }, () => randomUUID());
    await prisma.realisasi.createMany({
      data: keys.map((k, i) => ({
        pegawaiId: i % 2 ? pegawai.id : rekan.id,
        tanggal: new Date(`${today}T00:00:00Z`),
        pekerjaan: 'Massal 500',
        jumlah: 1,
        satuan: 'Berkas',
        idempotencyKey: k,
      })),
    });
    const rows = await prisma.realisasi.findMany({ where: { pekerjaan: 'Massal 500' }, select: { id: true, updatedAt: true } });
    const auditBefore = await prisma.auditLog.count({ where: { action: 'realisasi.verifikasi' } });
    const started = performance.now();
    const res = await post(await as(DEMO_ACCOUNTS.atasan), '/verifikasi', { pilih: rows.map(seen) });
    const ms = performance.now() - started;
    expect(res.status).toBe(303);
    expect(await prisma.realisasi.count({ where: { pekerjaan: 'Massal 500', status: 1, verifiedById: atasan.id } })).toBe(500);
    expect(await prisma.auditLog.count({ where: { action: 'realisasi.verifikasi' } })).toBe(auditBefore + 500);
    console.log(`bulk verify of 500 entries: ${ms.toFixed(0)} ms (one request, one transaction)`);
  });

  it('when one entry of a batch is out of reach, then nothing of the batch is verified (all or nothing)', async () => {
    const mine = [await entri(), await entri(), await entri()];
    const foreign = await entri(unitLain.id);
    const res = await post(await as(DEMO_ACCOUNTS.atasan), '/verifikasi', { pilih: [...mine, foreign].map(seen) });
    expect(res.status).toBe(404);
    for (const e of [...mine, foreign]) expect(await status(e.id)).toBe(0);
  });

  it('when two verifications of one entry race, then exactly one transition and one audit row', async () => {
    const atasanAgent = await as(DEMO_ACCOUNTS.atasan);
    const adminAgent = await as(DEMO_ACCOUNTS.admin);
    for (let round = 0; round < 5; round++) {
      const e = await entri();
      const [a, b] = await Promise.all([
        post(atasanAgent, '/verifikasi', { satu: seen(e) }),
        post(adminAgent, '/verifikasi', { satu: seen(e) }),
      ]);
      expect([a.status, b.status]).toEqual([303, 303]);
      expect(await status(e.id)).toBe(1);
      expect(await prisma.auditLog.count({ where: { action: 'realisasi.verifikasi', objectId: String(e.id) } })).toBe(1);
    }
  });

  it('when the atasan verifies while the owner edits the same entry, then exactly one of them wins', async () => {
    const atasanAgent = await as(DEMO_ACCOUNTS.atasan);
    const owner = await as(DEMO_ACCOUNTS.pegawai);
    const ownerToken = await tokenOf(owner, '/realisasi');
    const atasanToken = await tokenOf(atasanAgent, '/');
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const e = await entri();
      const [verify, edit] = await Promise.all([
        atasanAgent
          .post('/verifikasi')
          .type('form')
          .send({ _csrf: atasanToken, satu: seen(e) }),
        postMultipart(owner, `/realisasi/${e.id}/ubah`, { tanggal: today, jumlah: '7', menit: '60' }, undefined, ownerToken),
      ]);
      const after = await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } });
      const verified = after.status === 1;
      const edited = Number(after.jumlah) === 7;
      expect(verified !== edited, `round ${round}: verified=${verified} edited=${edited}`).toBe(true);
      expect(edit.status).toBe(edited ? 303 : 403);
      expect(verify.status).toBe(303);
      if (verified) expect(Number(after.jumlah)).toBe(1); // what the atasan saw is what got verified
      outcomes.add(verified ? 'verify' : 'edit');
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(1);
  });

  it('when a pegawai is moved to a new atasan, then the change applies at the next request without re-login', async () => {
    const e = await entri(rekan.id, { pekerjaan: 'Pindah atasan' });
    const oldAgent = await as(DEMO_ACCOUNTS.atasan);
    const newAgent = await as('198307252009022002');
    await prisma.pegawai.update({ where: { id: rekan.id }, data: { atasanId: atasanLain.id } });
    try {
      expect((await post(oldAgent, '/verifikasi', { satu: seen(e) })).status).toBe(404);
      expect((await newAgent.get('/verifikasi')).text).toContain('Pindah atasan');
      expect((await post(newAgent, '/verifikasi', { satu: seen(e) })).status).toBe(303);
      expect(await status(e.id)).toBe(1);
    } finally {
      await prisma.pegawai.update({ where: { id: rekan.id }, data: { atasanId: atasan.id } });
    }
  });

  it('when someone without subordinates becomes an atasan, then Verifikasi appears in their menu at the next request', async () => {
    const agent = await loginAs(app, '199601092022032004');
    expect((await agent.get('/')).text).not.toContain('href="/verifikasi"');
    await prisma.pegawai.update({ where: { id: rekan.id }, data: { atasanId: (await byNip('199601092022032004')).id } });
    try {
      expect((await agent.get('/')).text).toContain('href="/verifikasi"');
    } finally {
      await prisma.pegawai.update({ where: { id: rekan.id }, data: { atasanId: atasan.id } });
    }
  });
});

describe('rules held by the database', () => {
  it('when raw SQL tries to change or delete a verified entry, then the trigger refuses; unverify (status 1 → 0, content unchanged) is the one way', async () => {
    const e = await entri(pegawai.id, { status: 1, verifiedById: atasan.id, verifiedAt: clock.now() });
    await expect(prisma.$executeRaw`UPDATE realisasi SET jumlah = 99 WHERE id = ${e.id}`).rejects.toThrow(/terkunci/);
    await expect(
      prisma.$executeRaw`UPDATE realisasi SET status = 0, verified_by_id = NULL, verified_at = NULL, jumlah = 5 WHERE id = ${e.id}`,
    ).rejects.toThrow(/terkunci/);
    await expect(prisma.$executeRaw`DELETE FROM realisasi WHERE id = ${e.id}`).rejects.toThrow(/tidak dapat dihapus/);
    await expect(prisma.$executeRaw`UPDATE realisasi SET status = 2 WHERE id = ${e.id}`).rejects.toThrow();
    await expect(
      prisma.$executeRaw`UPDATE realisasi SET status = 1, verified_by_id = pegawai_id WHERE id = ${(await entri()).id}`,
    ).rejects.toThrow(/not_self_verified/);
    expect(await prisma.$executeRaw`UPDATE realisasi SET status = 0, verified_by_id = NULL, verified_at = NULL WHERE id = ${e.id}`).toBe(1);
  });

  it('when a role that does not own the tables is used, then it can neither delete audit rows nor disable the trigger', async () => {
    const role = `ekinerja_app_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const dbName = new URL(db.url).pathname.slice(1);
    await prisma.$executeRawUnsafe(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    try {
      await prisma.$executeRawUnsafe(`GRANT CONNECT ON DATABASE "${dbName}" TO ${role}`);
      await prisma.$executeRawUnsafe(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await prisma.$executeRawUnsafe(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
      await prisma.$executeRawUnsafe(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      const u = new URL(db.url);
      u.username = role;
      u.password = password;
      const client = new pg.Client({ connectionString: u.toString() });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.query(`INSERT INTO audit_log (action, object_type) VALUES ('uji', 'uji')`);
        await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
        await expect(client.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
        await expect(client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')).rejects.toThrow(/must be owner/);
        await expect(client.query('ALTER TABLE realisasi DISABLE TRIGGER realisasi_freeze_verified')).rejects.toThrow(/must be owner/);
        await expect(client.query('TRUNCATE audit_log')).rejects.toThrow();
      } finally {
        await client.end();
      }
    } finally {
      await prisma.$executeRawUnsafe(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
      await prisma.$executeRawUnsafe(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
      await prisma.$executeRawUnsafe(`REVOKE ALL ON SCHEMA public FROM ${role}`);
      await prisma.$executeRawUnsafe(`REVOKE ALL ON DATABASE "${dbName}" FROM ${role}`);
      await prisma.$executeRawUnsafe(`DROP ROLE ${role}`);
    }
  });

  it('when transitions happen, then the audit rows equal the transitions', async () => {
    const before = await prisma.auditLog.count({ where: { action: { startsWith: 'realisasi.' } } });
    const list = [await entri(), await entri(), await entri()];
    const agent = await as(DEMO_ACCOUNTS.atasan);
    await post(agent, '/verifikasi', { pilih: list.slice(0, 2).map(seen) });
    await post(agent, `/verifikasi/${list[2].id}/kembalikan`, { versi: list[2].updatedAt.toISOString(), catatan: 'Perbaiki' });
    await post(agent, '/verifikasi', { pilih: list.slice(0, 2).map(seen) }); // no-op: already verified
    expect(await prisma.auditLog.count({ where: { action: { startsWith: 'realisasi.' } } })).toBe(before + 3);
  });
});
