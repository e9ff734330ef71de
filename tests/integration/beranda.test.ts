// Beranda's deadline warnings, at the run's pinned instant (this file is in the date matrix) and at set instants.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as clock from '../../src/lib/clock.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { atInstant, TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const [tahun, bulan, hari] = TEST_TODAY.split('-').map(Number);
const NAMA = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

const byNip = (nip: string) => prisma.pegawai.findUniqueOrThrow({ where: { nip } });
const pegawai = await byNip(DEMO_ACCOUNTS.pegawai);
const rekan = await byNip('199405182020121005'); // another subordinate of the same atasan

const entri = (pegawaiId: number, tanggal: string, extra: object = {}) =>
  prisma.realisasi.create({
    data: {
      pegawaiId,
      tanggal: new Date(`${tanggal}T00:00:00Z`),
      pekerjaan: 'Uji beranda',
      jumlah: 1,
      satuan: 'Kegiatan',
      menit: 60,
      idempotencyKey: randomUUID(),
      ...extra,
    },
  });

describe(`Beranda on ${TEST_TODAY}`, () => {
  it('when the demo atasan opens Beranda, then the previous month is flagged exactly on days 2–5 (deadline day 5, warned ≤ 3 days ahead)', async () => {
    // The demo leaves the previous month's last week waiting on days 1–5 (tests/integration/seed.test.ts).
    const home = await (await loginAs(app, DEMO_ACCOUNTS.atasan)).get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain(`periode ${NAMA[bulan - 1]} ${tahun}`);
    const lalu = bulan === 1 ? `Desember ${tahun - 1}` : `${NAMA[bulan - 2]} ${tahun}`;
    const sisa = 5 - hari;
    if (hari >= 2 && hari <= 5) {
      expect(home.text).toContain(`Batas input ${lalu} ${sisa === 0 ? 'hari ini' : `${sisa} hari lagi`}.</strong>`);
    } else {
      expect(home.text).not.toContain(`Batas input ${lalu}`);
    }
    // whatever the day, the atasan has work waiting
    expect(Number(home.text.match(/Menunggu verifikasi Anda<\/div>\s*<div[^>]*>(\d+)</)?.[1])).toBeGreaterThan(0);
  });
});

describe('Beranda warnings at set instants', () => {
  it('when a month’s deadline is ≤ 3 days away and entries of it still wait, then the atasan and the pegawai see a warning', async () => {
    // It is the 3rd of the month, 10:00 WIB: the previous month closes on the 5th.
    const prev = new Date(Date.UTC(tahun, bulan - 2, 15)).toISOString().slice(0, 10);
    await entri(rekan.id, prev, { pekerjaan: 'Bulan lalu menunggu' });
    await entri(pegawai.id, prev, { pekerjaan: 'Bulan lalu dikembalikan', catatanAtasan: 'Perbaiki', returnedAt: clock.now() });
    const [atasanHome, pegawaiHome] = await atInstant(`${TEST_TODAY.slice(0, 7)}-03T10:00:00+07:00`, async () => [
      await (await loginAs(app, DEMO_ACCOUNTS.atasan)).get('/'),
      await (await loginAs(app, DEMO_ACCOUNTS.pegawai)).get('/'),
    ]);
    expect(atasanHome.text).toMatch(/Batas input \w+ \d{4} 2 hari lagi\.<\/strong> \d+ realisasi bawahan/);
    expect(atasanHome.text).toContain('Menunggu verifikasi Anda');
    expect(atasanHome.text).toMatch(/tertua \d+ \w+ \d{4}/);
    expect(pegawaiHome.text).toMatch(/Batas input \w+ \d{4} 2 hari lagi\.<\/strong> \d+ realisasi Anda dikembalikan/);
    // a week before the deadline there is no warning
    const early = await atInstant(`${prev.slice(0, 7)}-27T10:00:00+07:00`, async () => (await loginAs(app, DEMO_ACCOUNTS.atasan)).get('/'));
    expect(early.text).not.toContain('hari lagi');
  });
});

describe('Beranda and the targets still to be approved (issue 11)', () => {
  it('when the pegawai has a returned, a draft and a waiting target, then Beranda names each with a link, and the atasan sees what waits for them', async () => {
    const tugas = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: pegawai.jabatanId!, aktif: true } });
    const target = (status: 'DRAF' | 'DIAJUKAN' | 'DIKEMBALIKAN', tahunTarget = tahun) =>
      prisma.targetTahunan.create({
        data: {
          pegawaiId: pegawai.id,
          tahun: tahunTarget,
          uraianTugasId: tugas.id,
          pekerjaan: `Uji beranda ${status}`,
          kuantitas: 12,
          satuan: 'Dokumen',
          asal: 'TAMBAHAN',
          status,
          ...(status === 'DIKEMBALIKAN' ? { catatanAtasan: 'Kuantitas terlalu kecil' } : {}),
        },
      });
    const dikembalikan = await target('DIKEMBALIKAN');
    await target('DRAF', tahun + 1);
    await target('DIAJUKAN');
    const home = await (await loginAs(app, DEMO_ACCOUNTS.pegawai)).get('/');
    expect(home.text).toContain(`1 target ${tahun} Anda dikembalikan atasan dengan catatan`);
    expect(home.text).toContain(`href="/realisasi-tahunan?tahun=${tahun}"`);
    expect(home.text).toContain(`1 target ${tahun + 1} Anda masih draf`);
    expect(home.text).toContain(`href="/realisasi-tahunan?tahun=${tahun + 1}"`);
    expect(home.text).toContain(`1 target ${tahun} Anda menunggu persetujuan atasan`);
    const atasanHome = await (await loginAs(app, DEMO_ACCOUNTS.atasan)).get('/');
    expect(atasanHome.text).toMatch(/\d+ target bawahan menunggu persetujuan Anda\. <a href="\/persetujuan-target">/);

    // approved, or ended by a mutasi: no longer mentioned
    await prisma.targetTahunan.update({ where: { id: dikembalikan.id }, data: { status: 'DISETUJUI' } });
    await prisma.targetTahunan.updateMany({
      where: { pegawaiId: pegawai.id, status: 'DRAF' },
      data: { berakhir: new Date(`${TEST_TODAY}T00:00:00Z`) },
    });
    const after = await (await loginAs(app, DEMO_ACCOUNTS.pegawai)).get('/');
    expect(after.text).not.toContain(`target ${tahun} Anda dikembalikan`);
    expect(after.text).not.toContain('Anda masih draf');
    expect(after.text).toContain(`1 target ${tahun} Anda menunggu persetujuan atasan`);
  });
});
