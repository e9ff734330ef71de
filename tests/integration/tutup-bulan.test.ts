import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as clock from '../../src/lib/clock.ts';
import { agentsOf, buildApp, csrfFrom, DEMO_ACCOUNTS, loginAs, postForm, postMultipart, tokenOf } from '../helpers/app.ts';
import { atInstant, TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

// Issue 11, tutup bulan: a month closes after day 10 of the next month (default). Three months before today's month
// is closed at every instant of the date matrix; today's month is always open.
const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const today = TEST_TODAY;
const tigaBulanLalu = (() => {
  const [y, m] = today.split('-').map(Number);
  const t = y * 12 + (m - 1) - 3;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-15`;
})();
const bulanLama = tigaBulanLalu.slice(0, 7);

const byNip = (nip: string) => prisma.pegawai.findUniqueOrThrow({ where: { nip } });
const pegawai = await byNip(DEMO_ACCOUNTS.pegawai);
const atasan = await byNip(DEMO_ACCOUNTS.atasan);
const as = agentsOf(app);
const post = postForm;
async function entri(tanggal: string, pegawaiId = pegawai.id, extra: object = {}) {
  return prisma.realisasi.create({
    data: {
      pegawaiId,
      tanggal: new Date(`${tanggal}T00:00:00Z`),
      pekerjaan: 'Uji tutup bulan',
      jumlah: 1,
      satuan: 'Kegiatan',
      menit: 30,
      idempotencyKey: randomUUID(),
      ...extra,
    },
  });
}
const seen = (e: { id: number; updatedAt: Date }) => `${e.id}|${e.updatedAt.toISOString()}`;
const row = (id: number) => prisma.realisasi.findUniqueOrThrow({ where: { id } });
const KLAIM = 'sudah ditutup';

describe('a closed month refuses every change with 409 and a clear page', () => {
  it('when the atasan verifies or returns an entry of a closed month, then 409, the page says so, and nothing changes', async () => {
    const e = await entri(tigaBulanLalu);
    const a = await as(DEMO_ACCOUNTS.atasan);
    const v = await post(a, '/verifikasi', { satu: seen(e) });
    expect(v.status).toBe(409);
    expect(v.text).toContain(KLAIM);
    expect(v.text).toContain('minta admin kepegawaian membuka kembali');
    // titled for what happened (issue 24: it said "Data sudah ada")
    expect(v.text).toContain('<title>Bulan sudah ditutup');
    expect(v.text).not.toContain('Data sudah ada');
    const k = await post(a, `/verifikasi/${e.id}/kembalikan`, { versi: e.updatedAt.toISOString(), catatan: 'Lengkapi' });
    expect(k.status).toBe(409);
    expect(await row(e.id)).toMatchObject({ status: 0, catatanAtasan: null });
    expect(await prisma.auditLog.count({ where: { objectType: 'realisasi', objectId: String(e.id) } })).toBe(0);
  });

  it('when an admin cancels a verification in a closed month, then 409 and it stays verified', async () => {
    const e = await entri(tigaBulanLalu, pegawai.id, { status: 1, verifiedById: atasan.id, verifiedAt: clock.now() });
    const res = await post(await as(DEMO_ACCOUNTS.admin), `/verifikasi/${e.id}/batal`, { alasan: 'Salah verifikasi' });
    expect(res.status).toBe(409);
    expect(res.text).toContain(KLAIM);
    expect((await row(e.id)).status).toBe(1);
  });

  it('when the pegawai edits, deletes or adds an entry in a closed month, then 409 and nothing changes', async () => {
    const e = await entri(tigaBulanLalu);
    const p = await as(DEMO_ACCOUNTS.pegawai);
    const ubah = await postMultipart(p, `/realisasi/${e.id}/ubah`, { tanggal: tigaBulanLalu, jumlah: '3' });
    expect(ubah.status).toBe(409);
    expect(ubah.text).toContain(KLAIM);
    expect((await post(p, `/realisasi/${e.id}/hapus`, {})).status).toBe(409);
    expect(Number((await row(e.id)).jumlah)).toBe(1);
    const before = await prisma.realisasi.count({ where: { pegawaiId: pegawai.id } });
    const tambah = await postMultipart(p, '/realisasi/tambah', {
      idempotencyKey: randomUUID(),
      sumber: 'tambahan',
      tanggal: tigaBulanLalu,
      pekerjaan: 'Rapat',
      satuan: 'Kegiatan',
      jumlah: '1',
    });
    expect(tambah.status).toBe(409);
    expect(await prisma.realisasi.count({ where: { pegawaiId: pegawai.id } })).toBe(before);
  });

  it('when a mutasi is dated in a closed month, then 422 on the TMT field', async () => {
    const rekan = await byNip('199405182020121005');
    const admin = await as(DEMO_ACCOUNTS.admin);
    const page = await admin.get(`/admin/pegawai/${rekan.id}/riwayat`);
    const res = await admin
      .post(`/admin/pegawai/${rekan.id}/mutasi`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        versi: /name="versi" value="([^"]*)"/.exec(page.text)![1],
        tmt: tigaBulanLalu,
        unitId: String(rekan.unitId),
        nipAtasan: DEMO_ACCOUNTS.atasan,
        alasan: 'SK lama',
      });
    expect(res.status).toBe(422);
    expect(res.text).toContain('TMT jatuh di bulan yang sudah ditutup');
  });
});

describe('the admin reopens one month for one unit', () => {
  it('when the month is reopened for the OPD, then its entries can be verified; other OPD stay closed; closed again, refused again', async () => {
    const kominfo = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'Diskominfo' } });
    const admin = await as(DEMO_ACCOUNTS.admin);
    const kosong = await post(admin, '/admin/tutup-bulan', { unitId: String(kominfo.id), bulan: bulanLama, alasan: '' });
    expect(kosong.status).toBe(422);
    expect(kosong.text).toContain('Alasan membuka kembali wajib diisi.');
    const res = await post(admin, '/admin/tutup-bulan', {
      unitId: String(kominfo.id),
      bulan: bulanLama,
      alasan: 'Koreksi laporan kinerja triwulan',
    });
    expect(res.status).toBe(303);
    const buka = await prisma.bukaBulan.findFirstOrThrow({ where: { unitId: kominfo.id } });
    expect(await prisma.auditLog.findFirst({ where: { action: 'bulan.buka', objectId: String(buka.id) } })).toMatchObject({
      reason: 'Koreksi laporan kinerja triwulan',
    });

    const e = await entri(tigaBulanLalu);
    expect((await post(await as(DEMO_ACCOUNTS.atasan), '/verifikasi', { satu: seen(e) })).status).toBe(303);
    expect((await row(e.id)).status).toBe(1);
    // Dinas Kesehatan is not reopened.
    const dinkes = await entri(tigaBulanLalu, (await byNip('199111112017082002')).id);
    expect((await post(admin, '/verifikasi', { satu: seen(dinkes) })).status).toBe(409);

    expect((await post(admin, `/admin/tutup-bulan/${buka.id}/tutup`, {})).status).toBe(303);
    const e2 = await entri(tigaBulanLalu);
    expect((await post(await as(DEMO_ACCOUNTS.atasan), '/verifikasi', { satu: seen(e2) })).status).toBe(409);
  });

  it('when a verify races the admin closing the month again, then exactly one outcome, audited', async () => {
    const kominfo = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'Diskominfo' } });
    const admin = await as(DEMO_ACCOUNTS.admin);
    await post(admin, '/admin/tutup-bulan', { unitId: String(kominfo.id), bulan: bulanLama, alasan: 'Koreksi kedua' });
    const buka = await prisma.bukaBulan.findFirstOrThrow({ where: { unitId: kominfo.id, aktif: true } });
    const a = await as(DEMO_ACCOUNTS.atasan);
    for (let i = 0; i < 3; i++) {
      const e = await entri(tigaBulanLalu);
      const [tokenA, tokenB] = [await tokenOf(a, '/'), await tokenOf(admin, '/')];
      if (i > 0) await prisma.bukaBulan.update({ where: { id: buka.id }, data: { aktif: true } });
      const [v] = await Promise.all([
        a
          .post('/verifikasi')
          .type('form')
          .send({ _csrf: tokenA, satu: seen(e) }),
        admin.post(`/admin/tutup-bulan/${buka.id}/tutup`).type('form').send({ _csrf: tokenB }),
      ]);
      const after = await row(e.id);
      const audited = await prisma.auditLog.count({ where: { action: 'realisasi.verifikasi', objectId: String(e.id) } });
      if (v.status === 303) expect([after.status, audited]).toEqual([1, 1]);
      else expect([v.status, after.status, audited]).toEqual([409, 0, 0]);
      expect((await prisma.bukaBulan.findUniqueOrThrow({ where: { id: buka.id } })).aktif).toBe(false);
    }
  });
});

describe('a returned entry may be corrected for 5 days after its return, past the input deadline', () => {
  // A fixed October in WIB, whatever the run's instant: the deadline is 5 November, the month closes after 10 November.
  const wib = buildApp(db.pool!, { APP_TIMEZONE: 'Asia/Jakarta' });
  const kembali = (returnedAt: string) =>
    entri('2026-10-20', pegawai.id, { catatanAtasan: 'Lengkapi uraian', returnedAt: new Date(returnedAt) });
  const ubah = (e: { id: number }, instant: string) =>
    atInstant(
      instant,
      async () =>
        postMultipart(await loginAs(wib, DEMO_ACCOUNTS.pegawai), `/realisasi/${e.id}/ubah`, {
          tanggal: '2026-10-20',
          jumlah: '2',
          uraian: 'Uraian lengkap',
        }),
      'Asia/Jakarta',
    );

  it('when an entry returned on day 6 is corrected on day 8, then it is saved and waits for verification again; the page said until when', async () => {
    const e = await kembali('2026-11-06T09:00:00+07:00');
    const page = await atInstant(
      '2026-11-08T10:00',
      async () => (await loginAs(wib, DEMO_ACCOUNTS.pegawai)).get(`/realisasi/${e.id}/ubah`),
      'Asia/Jakarta',
    );
    expect(page.text).toContain('Dapat diperbaiki sampai 10 November 2026');
    const res = await ubah(e, '2026-11-08T10:00');
    expect(res.status).toBe(303);
    expect(await row(e.id)).toMatchObject({ status: 0, catatanAtasan: null, returnedAt: null, uraian: 'Uraian lengkap' });
  });

  it('when the 5 days have passed, or the entry was never returned, then the deadline applies (422)', async () => {
    const lama = await kembali('2026-11-02T09:00:00+07:00'); // until 7 November
    const r1 = await ubah(lama, '2026-11-08T10:00');
    expect(r1.status).toBe(422);
    expect(r1.text).toContain('Batas input realisasi bulan Oktober 2026 sudah lewat');
    const biasa = await entri('2026-10-20');
    expect((await ubah(biasa, '2026-11-08T10:00')).status).toBe(422);
  });

  it('when the month has closed in the meantime, then the correction is refused with 409', async () => {
    const e = await kembali('2026-11-09T09:00:00+07:00'); // until 14 November, but October closes after the 10th
    expect((await ubah(e, '2026-11-11T00:30')).status).toBe(409);
  });
});
