// A month marked whole (a hari libur, a setting, a pagu: every pegawai's figures change) is computed again for the
// whole Pemda by the next reader (src/services/bulan-pegawai.service.ts, segarkan; migration 20261224000000). Its mark
// stays until that computation has finished: a process that stops halfway leaves it for the next reader, no reader
// takes the rows not reached yet for the month's figures, a change committed meanwhile is not lost, and readers of
// another process wait for the one computation (503 "sedang sibuk" past their patience) instead of computing it again.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/domain/settings.ts';
import { hitungSatu, segarkan, segarkanLatar, tungguSeluruh } from '../../src/services/bulan-pegawai.service.ts';
import { getSettings, invalidateSettings } from '../../src/services/settings.service.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const TAHUN = 2026;
const BULAN = 10;
const LIBUR = '2026-10-21'; // a Wednesday
/** The advisory lock a whole month's computation holds (bulan-pegawai.service.ts KUNCI_SELURUH). */
const KUNCI = [20_261_224, TAHUN * 100 + BULAN];

const tanda = () => prisma.$queryRaw<{ versi: number }[]>`SELECT versi FROM bulan_kotor WHERE tahun = ${TAHUN} AND bulan = ${BULAN}`;
const tandai = () => prisma.$executeRaw`INSERT INTO bulan_kotor (tahun, bulan) VALUES (${TAHUN}, ${BULAN}) ON CONFLICT DO NOTHING`;
/** 'menunggu' when the promise has not settled within ms. */
const dalam = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p.then(() => 'selesai' as const), new Promise<'menunggu'>((ok) => setTimeout(() => ok('menunggu'), ms))]);

/** Another connection of the test database (another process's, or a transaction holding a row). */
async function koneksi(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

const tutup: pg.Client[] = [];
afterEach(async () => {
  for (const c of tutup.splice(0)) await c.end().catch(() => undefined);
  tungguSeluruh.ms = 20_000;
  await prisma.$executeRaw`DELETE FROM hari_libur WHERE tanggal = ${LIBUR}::date`;
  await segarkan(TAHUN, BULAN, await getSettings());
});

describe('a month marked whole', () => {
  it('when it is being computed, then its mark stays until the end, a reader waits for it, and a change committed meanwhile is computed too', async () => {
    const settings = await getSettings();
    await segarkan(TAHUN, BULAN, settings); // the month's rows, as the views before this one left them
    const [{ id: unitId }] = await prisma.$queryRaw<{ id: number }[]>`SELECT unit_id AS id FROM bulan_pegawai
      WHERE tahun = ${TAHUN} AND bulan = ${BULAN} GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1`;
    await segarkan(TAHUN, BULAN, settings, { unitIds: [unitId] }); // the unit's stamp: its next read needs only the marks
    const [satu] = await prisma.$queryRaw<{ pegawai_id: number; hari_kerja: number }[]>`SELECT pegawai_id, hari_kerja FROM bulan_pegawai
      WHERE tahun = ${TAHUN} AND bulan = ${BULAN} AND unit_id = ${unitId} ORDER BY pegawai_id LIMIT 1`;

    // the computation is held at its first write: another transaction holds one of the rows it writes
    const penahan = await koneksi();
    tutup.push(penahan);
    await penahan.query('BEGIN');
    await penahan.query('SELECT 1 FROM bulan_pegawai WHERE tahun = $1 AND bulan = $2 AND pegawai_id = $3 FOR UPDATE', [
      TAHUN,
      BULAN,
      satu.pegawai_id,
    ]);
    await tandai();
    const hitung = segarkan(TAHUN, BULAN, settings, { perUnit: true });
    await expect
      .poll(
        async () =>
          (
            await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO bulan_pegawai%'`
          )[0].n,
      )
      .toBe(1);

    // halfway: the mark is still there (a process stopped now leaves it for the next reader) …
    expect(await tanda()).toHaveLength(1);
    // … and a reader of the unit waits for the month instead of reading the rows not computed yet
    const pembaca = segarkan(TAHUN, BULAN, settings, { unitIds: [unitId] });
    expect(await dalam(pembaca, 300)).toBe('menunggu');
    // a change of the whole month committed meanwhile: the computation under way began before it
    await prisma.$executeRaw`INSERT INTO hari_libur (tanggal, nama, jenis, updated_at) VALUES (${LIBUR}::date, 'Libur uji', 'LIBUR_DAERAH', now())`;

    await penahan.query('ROLLBACK');
    expect(await hitung).toBeGreaterThan(0);
    await pembaca;
    // the computation removed only the mark it began with, and the change's was computed next: no figure is left from
    // before the hari libur
    expect(await tanda()).toEqual([]);
    const [sesudah] = await prisma.$queryRaw<{ hari_kerja: number }[]>`SELECT hari_kerja FROM bulan_pegawai
      WHERE tahun = ${TAHUN} AND bulan = ${BULAN} AND pegawai_id = ${satu.pegawai_id}`;
    expect(sesudah.hari_kerja).toBe(satu.hari_kerja - 1);
    expect((await hitungSatu(satu.pegawai_id, TAHUN, BULAN, settings))!.presensi.ringkasan.hariKerja).toBe(sesudah.hari_kerja);
  });

  it('when the settings change while a reader holds them from a few seconds before, then the month is computed with the new ones', async () => {
    const lama = await getSettings(); // what an instance keeps for a few seconds (settings.service.ts)
    await segarkan(TAHUN, BULAN, lama);
    const [p] = await prisma.$queryRaw<{ pegawai_id: number }[]>`SELECT pegawai_id FROM bulan_pegawai
      WHERE tahun = ${TAHUN} AND bulan = ${BULAN} AND kinerja > 0 ORDER BY pegawai_id LIMIT 1`;
    // another instance saves the TPP's shares: every computed month is marked whole
    await prisma.$executeRaw`INSERT INTO setting (key, value, updated_at) VALUES ('tppPorsiKinerja', '70', now()), ('tppPorsiDisiplin', '30', now())
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
    try {
      const baru = resolveSettings(await prisma.setting.findMany({ select: { key: true, value: true } }));
      const dulu = (await hitungSatu(p.pegawai_id, TAHUN, BULAN, lama))!.tpp.total;
      const kini = (await hitungSatu(p.pegawai_id, TAHUN, BULAN, baru))!.tpp.total;
      expect(kini).not.toBe(dulu);
      await segarkan(TAHUN, BULAN, lama);
      const [row] = await prisma.$queryRaw<{ total: number }[]>`SELECT total FROM bulan_pegawai
        WHERE tahun = ${TAHUN} AND bulan = ${BULAN} AND pegawai_id = ${p.pegawai_id}`;
      expect(row.total).toBe(kini);
      expect(await tanda()).toEqual([]);
    } finally {
      await prisma.$executeRaw`DELETE FROM setting WHERE key IN ('tppPorsiKinerja', 'tppPorsiDisiplin')`;
      invalidateSettings();
    }
  });

  it('when another process is computing it, then a reader waits for that one and computes nothing itself', async () => {
    const settings = await getSettings();
    const lain = await koneksi(); // the other process: holds the month's lock while it computes
    tutup.push(lain);
    await lain.query('SELECT pg_advisory_lock($1, $2)', KUNCI);
    await tandai();
    const pembaca = segarkan(TAHUN, BULAN, settings);
    expect(await dalam(pembaca, 600)).toBe('menunggu');
    // the other process finished: its mark gone, its lock given back
    await lain.query('DELETE FROM bulan_kotor WHERE tahun = $1 AND bulan = $2', [TAHUN, BULAN]);
    await lain.query('SELECT pg_advisory_unlock($1, $2)', KUNCI);
    expect(await pembaca).toBe(0);
  });

  it('when months are marked whole, then the background computes them, and leaves a month another process is computing to it without waiting', async () => {
    const settings = await getSettings();
    await segarkan(TAHUN, 9, settings);
    await segarkan(TAHUN, BULAN, settings);
    const lain = await koneksi(); // another process computing September
    tutup.push(lain);
    await lain.query('SELECT pg_advisory_lock($1, $2)', [KUNCI[0], TAHUN * 100 + 9]);
    await prisma.$executeRaw`INSERT INTO bulan_kotor (tahun, bulan) VALUES (${TAHUN}, 9), (${TAHUN}, ${BULAN}) ON CONFLICT DO NOTHING`;
    tungguSeluruh.ms = 300; // a background pass that waited would fail with "sedang sibuk"
    expect(await segarkanLatar()).toBeGreaterThan(0);
    const kotor = await prisma.$queryRaw<{ bulan: number }[]>`SELECT bulan FROM bulan_kotor WHERE tahun = ${TAHUN} ORDER BY bulan`;
    expect(kotor).toEqual([{ bulan: 9 }]); // October computed; September left to the process computing it
    // a reader of this process waiting for September when the background pass comes: the pass shares the wait, and
    // the reader's giving up is not the pass's failure
    const pembaca = segarkan(TAHUN, 9, settings);
    expect(await dalam(pembaca, 100)).toBe('menunggu'); // the reader is in its wait
    await expect(segarkanLatar()).resolves.toBe(0);
    await expect(pembaca).rejects.toMatchObject({ code: '55P03' });
    await lain.query('SELECT pg_advisory_unlock($1, $2)', [KUNCI[0], TAHUN * 100 + 9]);
    await segarkanLatar();
    expect(await prisma.$queryRaw`SELECT bulan FROM bulan_kotor`).toEqual([]);
  });

  it('when another process computes it longer than a reader waits, then the page answers 503 "sedang sibuk" with Retry-After, and serves once it is done', async () => {
    const pimpinan = await loginAs(app, DEMO_ACCOUNTS.pimpinan);
    const lain = await koneksi();
    tutup.push(lain);
    await lain.query('SELECT pg_advisory_lock($1, $2)', KUNCI);
    await tandai();
    tungguSeluruh.ms = 300;
    const res = await pimpinan.get(`/dashboard?bulan=${TAHUN}-${BULAN}`);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.text).toContain('Server sedang sibuk memproses data ini');
    expect(await tanda()).toHaveLength(1); // nothing taken by the reader that gave up
    await lain.query('SELECT pg_advisory_unlock($1, $2)', KUNCI);
    expect((await pimpinan.get(`/dashboard?bulan=${TAHUN}-${BULAN}`)).status).toBe(200);
    expect(await tanda()).toEqual([]);
  });
});
