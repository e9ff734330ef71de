import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as clock from '../../src/lib/clock.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs, postMultipart, sessionCacheReady, tokenOf } from '../helpers/app.ts';
import { atInstant } from '../helpers/clock.ts';
import { realisasiFixtures } from './fixtures/realisasi.ts';

// Realisasi Kinerja on any day: its page, Input Realisasi, edit and delete, bukti dukung, Tambah Realisasi and
// Realisasi Tahunan. What depends on today's date is in realisasi-tanggal.test.ts, run at each instant of the date matrix.
const { db, prisma, app, today, tahun, pegawai, lain, targetBulanIni, targetLain, count, isian } = await realisasiFixtures();

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

describe('Realisasi Kinerja page', () => {
  it('when a month has many entries, then the page runs the same small number of queries (no query per row)', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const queriesOf = async () => {
      let n = 0;
      const original = db.pool!.query.bind(db.pool!);
      const { default: pg } = await import('pg');
      const clientQuery = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
        const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
        // settings are cached for a few seconds, and the login gives back its throttle attempt after answering (it may
        // land during any view): whether either is sent during this view is timing, not the page's shape
        if (!String(text).includes('"public"."setting"') && !String(text).includes('login_throttle')) n++;
        return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof clientQuery;
      try {
        const res = await agent.get(`/realisasi?bulan=${today.slice(0, 7)}&tanggal=${today}`);
        expect(res.status).toBe(200);
      } finally {
        pg.Client.prototype.query = clientQuery;
        void original;
      }
      return n;
    };
    // the first view after login reads the session; from the second on this instance serves it from memory
    // (src/middleware/session-cache.ts): counted once it is steady, so the two counts differ only by the rows
    await sessionCacheReady(app);
    await queriesOf();
    const before = await queriesOf();
    await prisma.realisasi.createMany({
      data: Array.from({ length: 300 }, () => ({
        pegawaiId: pegawai.id,
        tanggal: new Date(`${today}T00:00:00Z`),
        targetTahunanId: targetBulanIni.targetTahunanId,
        targetBulananId: targetBulanIni.id,
        pekerjaan: 'Entri massal',
        jumlah: 1,
        satuan: 'Laporan',
        idempotencyKey: randomUUID(),
      })),
    });
    const after = await queriesOf();
    expect(after).toBe(before);
    expect(after).toBeLessThanOrEqual(20); // session, user, page data: relations are batched per query, never per row
    await prisma.realisasi.deleteMany({ where: { pekerjaan: 'Entri massal' } });
  });
});

describe('Input Realisasi', () => {
  it('when the form carries status, pegawaiId and verifiedById, then they are ignored (mass assignment)', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const atasan = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan } });
    const fields = isian({ status: '1', pegawaiId: String(lain.id), verifiedById: String(atasan.id), verifiedAt: today });
    const res = await postMultipart(agent, `/realisasi/input/${targetBulanIni.id}`, fields);
    expect(res.status).toBe(303);
    const row = await prisma.realisasi.findFirstOrThrow({ where: { idempotencyKey: fields.idempotencyKey } });
    expect(row).toMatchObject({ pegawaiId: pegawai.id, status: 0, verifiedById: null, verifiedAt: null });
  });

  it('when the same form is sent 3 times at once (double click, retry), then exactly one entry exists', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const fields = isian({ uraian: 'Klik ganda' });
    const token = await tokenOf(agent, `/realisasi/input/${targetBulanIni.id}`); // one form, submitted three times
    const results = await Promise.all(
      [1, 2, 3].map(() => postMultipart(agent, `/realisasi/input/${targetBulanIni.id}`, fields, undefined, token)),
    );
    expect(results.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(await prisma.realisasi.count({ where: { idempotencyKey: fields.idempotencyKey } })).toBe(1);
    const page = await agent.get(`/realisasi?tanggal=${today}`);
    expect(page.text.split('Klik ganda').length - 1).toBe(2); // once in the day's list, once in the month's
  });

  it.each([
    [{ jumlah: '' }, 'jumlah', 'Jumlah wajib diisi'],
    [{ jumlah: 'dua' }, 'jumlah', 'Jumlah wajib diisi dengan angka'],
    [{ jumlah: '0' }, 'jumlah', 'Jumlah harus lebih dari 0'],
    [{ jumlah: '-4' }, 'jumlah', 'Jumlah harus lebih dari 0'],
    [{ jumlah: '1000000' }, 'jumlah', 'Jumlah paling besar 100.000'],
    [{ jumlah: '1,234' }, 'jumlah', '2 angka di belakang koma'],
    [{ menit: '2000' }, 'menit', 'paling banyak 1.440 menit'],
    [{ menit: '1,5' }, 'menit', 'menit bulat'],
    [{ uraian: 'ada\u0000NUL' }, 'uraian', 'karakter yang tidak diizinkan'],
    [{ uraian: 'x'.repeat(2001) }, 'uraian', 'paling banyak 2000 karakter'],
    [{ tanggal: '2026-02-30' }, 'tanggal', 'Tanggal tidak valid'],
    [{ tanggal: '' }, 'tanggal', 'Tanggal wajib diisi'],
  ])('when %o is sent, then 422 with the message next to %s and the form still filled', async (bad, field, message) => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const before = await count();
    const fields = isian({ uraian: 'Tetap tertulis', ...bad });
    const res = await postMultipart(agent, `/realisasi/input/${targetBulanIni.id}`, fields);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(new RegExp(`id="${field}-error"[^>]*>[^<]*${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    if (field !== 'uraian') expect(res.text).toContain('Tetap tertulis');
    expect(res.text).toContain(`value="${fields.idempotencyKey}"`);
    expect(await count()).toBe(before);
  });

  it('when "1,5" is typed (Indonesian decimal comma), then 1.5 is saved', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const fields = isian({ jumlah: '1,5' });
    expect((await postMultipart(agent, `/realisasi/input/${targetBulanIni.id}`, fields)).status).toBe(303);
    const row = await prisma.realisasi.findFirstOrThrow({ where: { idempotencyKey: fields.idempotencyKey } });
    expect(Number(row.jumlah)).toBe(1.5);
  });

  it('when the target row belongs to another pegawai, then 404 and nothing is written', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    expect((await agent.get(`/realisasi/input/${targetLain.id}`)).status).toBe(404);
    const before = await prisma.realisasi.count();
    const res = await postMultipart(agent, `/realisasi/input/${targetLain.id}`, isian());
    expect(res.status).toBe(404);
    expect(await prisma.realisasi.count()).toBe(before);
  });
});

describe('input deadline (setting: day 5 of the next month, Pemda time zone)', () => {
  const oktober = `${tahun}-10-31`;
  // 23:59:59 on the 5th and 00:00:00 on the 6th, local time, as UTC instants
  const cases = [
    { tz: 'Asia/Jakarta', last: `${tahun}-11-05T16:59:59Z`, first: `${tahun}-11-05T17:00:00Z` },
    { tz: 'Asia/Jayapura', last: `${tahun}-11-05T14:59:59Z`, first: `${tahun}-11-05T15:00:00Z` },
  ];
  it.each(cases)('when it is 23:59:59 on day 5 in $tz, then October entries are accepted; at 00:00 on day 6 they are refused', async ({
    tz,
    last,
    first,
  }) => {
    for (const [instant, expected] of [
      [last, 303],
      [first, 422],
    ] as const) {
      const clocked = buildApp(db.pool!, { APP_TIMEZONE: tz });
      const fields = isian({ sumber: 'tambahan', pekerjaan: `Batas ${tz} ${instant}`, satuan: 'Kegiatan', tanggal: oktober });
      const res = await atInstant(instant, async () =>
        postMultipart(await loginAs(clocked, DEMO_ACCOUNTS.pegawai), '/realisasi/tambah', fields),
      );
      expect(res.status, `${tz} at ${instant}`).toBe(expected);
      if (expected === 422) expect(res.text).toContain(`Batas input realisasi bulan Oktober ${tahun} sudah lewat`);
      expect(await prisma.realisasi.count({ where: { idempotencyKey: fields.idempotencyKey } })).toBe(expected === 303 ? 1 : 0);
    }
  });
});

describe('edit and delete', () => {
  async function entri(status: 0 | 1, pegawaiId = pegawai.id, extra: object = {}) {
    const atasan = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan } });
    return prisma.realisasi.create({
      data: {
        pegawaiId,
        tanggal: new Date(`${today}T00:00:00Z`),
        pekerjaan: 'Tugas tambahan uji',
        jumlah: 1,
        satuan: 'Kegiatan',
        menit: 30,
        status,
        verifiedById: status === 1 ? (pegawaiId === pegawai.id ? atasan.id : pegawai.id) : null,
        verifiedAt: status === 1 ? clock.now() : null,
        idempotencyKey: randomUUID(),
        ...extra,
      },
    });
  }

  it('when the pegawai edits their entry of status 0, then it changes and the audit log keeps before → after', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const e = await entri(0);
    expect((await agent.get(`/realisasi/${e.id}/ubah`)).status).toBe(200);
    const res = await postMultipart(agent, `/realisasi/${e.id}/ubah`, { tanggal: today, jumlah: '4', uraian: 'Diperbaiki', menit: '90' });
    expect(res.status).toBe(303);
    const after = await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } });
    expect(Number(after.jumlah)).toBe(4);
    expect(after.menit).toBe(90);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'realisasi.ubah', objectId: String(e.id) } });
    expect(log.before).toMatchObject({ menit: 30 });
    expect(log.after).toMatchObject({ menit: 90, uraian: 'Diperbaiki' });
  });

  it('when an entry was returned with a note, then the pegawai edits it and it waits for verification again', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const e = await entri(0, pegawai.id, { catatanAtasan: 'Lengkapi uraiannya', returnedAt: clock.now() });
    const list = await agent.get(`/realisasi?tanggal=${today}`);
    expect(list.text).toContain('Catatan atasan: Lengkapi uraiannya');
    const res = await postMultipart(agent, `/realisasi/${e.id}/ubah`, { tanggal: today, jumlah: '1', uraian: 'Uraian lengkap' });
    expect(res.status).toBe(303);
    const after = await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } });
    expect(after).toMatchObject({ status: 0, catatanAtasan: null, returnedAt: null, uraian: 'Uraian lengkap' });
  });

  it('when an entry is verified (status 1), then it has no edit/delete buttons and the server answers 403 to both, row unchanged', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const e = await entri(1);
    const page = await agent.get(`/realisasi?tanggal=${today}`);
    expect(page.text).not.toContain(`/realisasi/${e.id}/ubah`);
    expect(page.text).not.toContain(`/realisasi/${e.id}/hapus`);
    expect((await agent.get(`/realisasi/${e.id}/ubah`)).status).toBe(403);
    const edit = await postMultipart(agent, `/realisasi/${e.id}/ubah`, { tanggal: today, jumlah: '9' });
    expect(edit.status).toBe(403);
    const token = await tokenOf(agent, '/realisasi');
    const del = await agent.post(`/realisasi/${e.id}/hapus`).type('form').send({ _csrf: token });
    expect(del.status).toBe(403);
    const after = await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } });
    expect(after).toEqual(e);
  });

  it('when the entry belongs to another pegawai, then view, edit and delete are 404 and the row is unchanged', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const e = await entri(0, lain.id);
    expect((await agent.get(`/realisasi/${e.id}/ubah`)).status).toBe(404);
    expect((await postMultipart(agent, `/realisasi/${e.id}/ubah`, { tanggal: today, jumlah: '9' })).status).toBe(404);
    const token = await tokenOf(agent, '/realisasi');
    expect((await agent.post(`/realisasi/${e.id}/hapus`).type('form').send({ _csrf: token })).status).toBe(404);
    expect(await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } })).toEqual(e);
  });

  it('when the pegawai deletes their entry of status 0, then it is gone and audited', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const e = await entri(0);
    const token = await tokenOf(agent, '/realisasi');
    const res = await agent.post(`/realisasi/${e.id}/hapus`).type('form').send({ _csrf: token, kembali: '/realisasi' });
    expect(res.status).toBe(303);
    expect(await prisma.realisasi.findUnique({ where: { id: e.id } })).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: 'realisasi.hapus', objectId: String(e.id) } })).toBe(1);
  });

  it('when a delete comes without a CSRF token, then 403 and the entry stays', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const e = await entri(0);
    expect((await agent.post(`/realisasi/${e.id}/hapus`).type('form').send({})).status).toBe(403);
    expect(await prisma.realisasi.findUnique({ where: { id: e.id } })).not.toBeNull();
  });
});

describe('bukti dukung', () => {
  it('when a PNG is attached, then it is stored in PostgreSQL and served to the owner, the atasan and an admin only', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const fields = isian();
    const res = await postMultipart(agent, `/realisasi/input/${targetBulanIni.id}`, fields, { buffer: PNG, name: 'foto kegiatan.png' });
    expect(res.status).toBe(303);
    const row = await prisma.realisasi.findFirstOrThrow({ where: { idempotencyKey: fields.idempotencyKey }, include: { bukti: true } });
    expect(row.bukti).toMatchObject({ mime: 'image/png', ukuran: PNG.length, namaFile: 'foto kegiatan.png' });
    for (const nip of [DEMO_ACCOUNTS.pegawai, DEMO_ACCOUNTS.atasan, DEMO_ACCOUNTS.admin]) {
      const viewer = nip === DEMO_ACCOUNTS.pegawai ? agent : await loginAs(app, nip);
      const file = await viewer.get(`/realisasi/${row.id}/bukti`).buffer(true);
      expect(file.status, nip).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['content-security-policy']).toContain('sandbox');
    }
    const stranger = await loginAs(app, lain.nip);
    expect((await stranger.get(`/realisasi/${row.id}/bukti`)).status).toBe(404);
    expect((await request(app).get(`/realisasi/${row.id}/bukti`)).status).toBe(303);
  });

  it('when a text file is named .pdf, then it is refused by its content, with the other fields kept', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const fields = isian({ uraian: 'Isian tetap ada' });
    const res = await postMultipart(agent, `/realisasi/input/${targetBulanIni.id}`, fields, {
      buffer: Buffer.from('bukan pdf sama sekali'),
      name: 'laporan.pdf',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('harus berupa berkas PDF, JPG atau PNG');
    expect(res.text).toContain('Isian tetap ada');
    expect(await prisma.realisasi.count({ where: { idempotencyKey: fields.idempotencyKey } })).toBe(0);
  });

  it('when the file is larger than 2 MB, then it is refused with a clear message and no 500', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const res = await postMultipart(agent, `/realisasi/input/${targetBulanIni.id}`, isian({ uraian: 'Besar' }), {
      buffer: big,
      name: 'besar.png',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('paling besar 2 MB');
    expect(res.text).toContain('Besar');
  });

  it('when a valid file comes with an invalid field, then the form says the file must be chosen again', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const res = await postMultipart(agent, `/realisasi/input/${targetBulanIni.id}`, isian({ jumlah: '0' }), {
      buffer: PNG,
      name: 'ok.png',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('pilih berkasnya lagi');
  });
});

describe('Tambah Realisasi', () => {
  it('when a task outside the targets is added, then pekerjaan and satuan are required, and it saves with status 0', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    expect((await agent.get('/realisasi/tambah')).status).toBe(200);
    const missing = await postMultipart(agent, '/realisasi/tambah', isian({ sumber: 'tambahan' }));
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Pekerjaan wajib diisi.');
    expect(missing.text).toContain('Satuan wajib diisi.');
    const fields = isian({ sumber: 'tambahan', pekerjaan: 'Menjadi narasumber bimtek', satuan: 'Kegiatan' });
    const ok = await postMultipart(agent, '/realisasi/tambah', fields);
    expect(ok.status).toBe(303);
    const row = await prisma.realisasi.findFirstOrThrow({ where: { idempotencyKey: fields.idempotencyKey } });
    expect(row).toMatchObject({ targetTahunanId: null, targetBulananId: null, pekerjaan: 'Menjadi narasumber bimtek', status: 0 });
  });

  it('when another pegawai’s annual target is picked, then 404', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const theirs = await prisma.targetTahunan.findFirstOrThrow({ where: { pegawaiId: lain.id } });
    const res = await postMultipart(agent, '/realisasi/tambah', isian({ sumber: `target:${theirs.id}` }));
    expect(res.status).toBe(404);
  });
});

describe('Realisasi Tahunan and Tambah Target Baru', () => {
  it('when the pegawai opens Realisasi Tahunan, then every target shows its months and capaian, with "Tambah Target Baru" at the bottom', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const res = await agent.get('/realisasi-tahunan');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Realisasi Tahunan');
    expect(res.text).toContain('capaian keseluruhan');
    expect(res.text).toMatch(/Tambah Target Baru<\/a>\s*<\/div>\s*$/m);
  });

  it('when the task is not of the pegawai’s jabatan, then 422 on that field', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const foreign = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: { not: pegawai.jabatanId! } } });
    const res = await agent
      .post('/realisasi-tahunan/target-baru')
      .type('form')
      .send({
        _csrf: await tokenOf(agent, '/realisasi-tahunan/target-baru'),
        uraianTugasId: String(foreign.id),
        pekerjaan: 'X',
        kuantitas: '1',
        idempotencyKey: randomUUID(),
      });
    expect(res.status).toBe(422);
    expect(res.text).toContain('dari daftar jabatan Anda');
  });

  it('when the same new target is submitted twice, then one target exists', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const tugas = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: pegawai.jabatanId! } });
    const token = await tokenOf(agent, '/realisasi-tahunan/target-baru');
    const body = { _csrf: token, uraianTugasId: String(tugas.id), pekerjaan: 'Dua kali', kuantitas: '12', idempotencyKey: randomUUID() };
    const [a, b] = await Promise.all([
      agent.post('/realisasi-tahunan/target-baru').type('form').send(body),
      agent.post('/realisasi-tahunan/target-baru').type('form').send(body),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(await prisma.targetTahunan.count({ where: { pekerjaan: 'Dua kali' } })).toBe(1);
  });
});
