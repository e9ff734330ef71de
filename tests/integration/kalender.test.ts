import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { invalidateSettings } from '../../src/services/settings.service.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs, postMultipart } from '../helpers/app.ts';
import { atInstant } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

// Issue 11, calendar rules, on a fixed week in WIB whatever the run's instant: Wednesday 18 November 2026, with
// Saturday 14 November (no jam kerja) and Monday 16 November declared a hari libur.
const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!, { APP_TIMEZONE: 'Asia/Jakarta' });
const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });

async function setting(key: string, value: unknown) {
  await prisma.setting.upsert({ where: { key }, create: { key, value: value as object }, update: { value: value as object } });
  invalidateSettings();
}
afterEach(async () => {
  await prisma.setting.deleteMany({ where: { key: { in: ['realisasiHariLibur', 'menitHarianPeringatan'] } } });
  await prisma.hariLibur.deleteMany({ where: { nama: 'Libur daerah uji' } });
  invalidateSettings();
});
const tambah = (tanggal: string, extra: Record<string, string> = {}, at = '2026-11-18T10:00') =>
  atInstant(
    at,
    async () =>
      postMultipart(await loginAs(app, DEMO_ACCOUNTS.pegawai), '/realisasi/tambah', {
        idempotencyKey: randomUUID(),
        sumber: 'tambahan',
        pekerjaan: `Kalender ${tanggal}`,
        satuan: 'Kegiatan',
        jumlah: '1',
        menit: '60',
        tanggal,
        ...extra,
      }),
    'Asia/Jakarta',
  );
const jumlahPada = (tanggal: string) =>
  prisma.realisasi.count({ where: { pegawaiId: pegawai.id, tanggal: new Date(`${tanggal}T00:00:00Z`) } });

describe('an entry on a hari libur or a day without jam kerja', () => {
  it('when the setting is "konfirmasi" (default), then a Saturday entry asks for confirmation, keeps the form, and saves once ticked', async () => {
    const before = await jumlahPada('2026-11-14');
    const ask = await tambah('2026-11-14', { uraian: 'Piket layanan' });
    expect(ask.status).toBe(422);
    expect(ask.text).toContain('Tanggal ini hari Sabtu, bukan hari kerja. Centang bila Anda memang bekerja');
    expect(ask.text).toContain('name="konfirmasiLibur"');
    expect(ask.text).toContain('Piket layanan');
    expect(await jumlahPada('2026-11-14')).toBe(before);
    expect((await tambah('2026-11-14', { konfirmasiLibur: '1' })).status).toBe(303);
    expect(await jumlahPada('2026-11-14')).toBe(before + 1);
  });

  it('when a date is in the hari libur list and the setting is "tolak", then it is refused on the tanggal field; "izinkan" saves it', async () => {
    // the admin's hari libur table (issue 10), read by the calendar rules through hariLiburAntara()
    await prisma.hariLibur.create({ data: { tanggal: new Date('2026-11-16T00:00:00Z'), nama: 'Libur daerah uji', jenis: 'LIBUR_DAERAH' } });
    await setting('realisasiHariLibur', 'tolak');
    const refused = await tambah('2026-11-16', { konfirmasiLibur: '1' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Tanggal ini hari libur (Libur daerah uji): realisasi tidak dapat dicatat pada hari itu.');
    await setting('realisasiHariLibur', 'izinkan');
    expect((await tambah('2026-11-16')).status).toBe(303);
  });
});

describe('minutes per day', () => {
  it('when a day would pass 1,440 minutes, then 422 next to menit; above the warning setting it saves with a warning', async () => {
    const tanggal = '2026-11-14';
    const sudah =
      (
        await prisma.realisasi.aggregate({
          where: { pegawaiId: pegawai.id, tanggal: new Date(`${tanggal}T00:00:00Z`) },
          _sum: { menit: true },
        })
      )._sum.menit ?? 0;
    // bring the day to 1,340 minutes, then 101 more is one too many and 100 fills it exactly
    expect((await tambah(tanggal, { konfirmasiLibur: '1', menit: String(1340 - sudah) })).status).toBe(303);
    const sisa = 100;
    const over = await tambah(tanggal, { konfirmasiLibur: '1', menit: String(sisa + 1) });
    expect(over.status).toBe(422);
    expect(over.text).toContain('melebihi 1.440 menit (24 jam)');
    await setting('menitHarianPeringatan', 60);
    const page = await atInstant(
      '2026-11-18T10:00',
      async () => {
        const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
        const ok = await postMultipart(agent, '/realisasi/tambah', {
          idempotencyKey: randomUUID(),
          sumber: 'tambahan',
          pekerjaan: 'Lembur',
          satuan: 'Kegiatan',
          jumlah: '1',
          menit: String(sisa),
          tanggal,
          konfirmasiLibur: '1',
        });
        expect(ok.status).toBe(303);
        return agent.get(ok.headers.location);
      },
      'Asia/Jakarta',
    );
    expect(page.text).toContain('Total waktu Anda pada tanggal ini 1.440 menit, lebih dari 60 menit');
    expect((await tambah(tanggal, { konfirmasiLibur: '1', menit: '1' })).status).toBe(422);
  });
});

describe('the monthly target link follows the date', () => {
  it('when an entry of an annual target moves from October to November, then it links to November’s target; moved back, to none', async () => {
    const tugas = await prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId: pegawai.jabatanId! } });
    const target = await prisma.targetTahunan.create({
      data: {
        pegawaiId: pegawai.id,
        tahun: 2026,
        uraianTugasId: tugas.id,
        pekerjaan: 'Target uji kalender',
        kuantitas: 2,
        satuan: 'Dokumen',
        bulanan: { create: [{ bulan: 11, kuantitas: 2 }] },
      },
      include: { bulanan: true },
    });
    const e = await prisma.realisasi.create({
      data: {
        pegawaiId: pegawai.id,
        tanggal: new Date('2026-10-30T00:00:00Z'),
        targetTahunanId: target.id,
        pekerjaan: target.pekerjaan,
        jumlah: 1,
        satuan: 'Dokumen',
        menit: 30,
        idempotencyKey: randomUUID(),
      },
    });
    const ubah = (tanggal: string) =>
      atInstant(
        '2026-11-03T10:00',
        async () => postMultipart(await loginAs(app, DEMO_ACCOUNTS.pegawai), `/realisasi/${e.id}/ubah`, { tanggal, jumlah: '1' }),
        'Asia/Jakarta',
      );
    expect((await ubah('2026-11-02')).status).toBe(303);
    expect((await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } })).targetBulananId).toBe(target.bulanan[0].id);
    expect((await ubah('2026-10-29')).status).toBe(303);
    expect((await prisma.realisasi.findUniqueOrThrow({ where: { id: e.id } })).targetBulananId).toBeNull();
  });
});
