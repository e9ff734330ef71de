import { pool } from '../db/prisma.ts';
import { sisaHariBatas } from '../domain/batas-input.ts';
import { monthRange, todayIn } from '../domain/periode.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { lingkupSql } from './riwayat.service.ts';
import { getSettings, timezone } from './settings.service.ts';

type Bulan = { tahun: number; bulan: number; jumlah: number };
const hari = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null);

/** "Umpan balik baru" on the Beranda: what arrived in the last 7 days (no per-user "last visit" is stored: a page view writes nothing). */
const UMPAN_BALIK_BARU_MS = 7 * 24 * 60 * 60_000;

export type Beranda = {
  ringkasan: { targetBulanIni: number; realisasiBulanIni: { belum: number; diverifikasi: number } };
  peringatan: {
    /** what waits for the atasan: count, oldest date, months whose deadline is ≤ 3 days away */
    menunggu: { jumlah: number; tertua: Date | null; mendesak: (Bulan & { sisaHari: number })[] };
    /** the pegawai's entries returned with a note */
    dikembalikan: { jumlah: number; mendesak: (Bulan & { sisaHari: number })[] };
    /** the pegawai's own targets of this year and later not yet approved, by state and year (issue 11) */
    target: { status: 'DRAF' | 'DIAJUKAN' | 'DIKEMBALIKAN'; tahun: number; jumlah: number }[];
    /** issue 19: feedback and answers others wrote to the pegawai, and answers under what the user wrote, in the last 7 days */
    umpanBalik: { baru: number; jawaban: number };
  };
  tahun: number;
  bulan: number;
};

/**
 * The Beranda in ONE statement (issue 12), whatever the size of the Pemda: this month's targets and entries by
 * status, the returned entries by month, the pegawai's own targets still to be approved (draft, waiting, returned),
 * and — through the verification windows of today (riwayat.service.ts) — what waits for the atasan by month. Each
 * part is an indexed aggregate over one pegawai or one team.
 */
export async function beranda(userId: number, now: Date, fallbackTz: string): Promise<Beranda> {
  const [settings, tz] = await Promise.all([getSettings(), timezone(fallbackTz)]);
  const today = todayIn(tz, now);
  const [tahun, bulan] = today.split('-').map(Number);
  const { awal, akhir } = monthRange(tahun, bulan);
  // an instant (not a Date: the named statement below sends Dates as calendar days)
  const sejak = new Date(now.getTime() - UMPAN_BALIK_BARU_MS).toISOString();
  const q = Prisma.sql`
    WITH w AS (${await lingkupSql(userId, today)}),
      u AS (SELECT DISTINCT riwayat_id, pegawai_id, tmt_awal, tmt_akhir FROM w WHERE pegawai_id <> ${userId})
    SELECT 'menunggu' AS jenis, extract(year FROM r.tanggal)::int AS tahun, extract(month FROM r.tanggal)::int AS bulan,
           count(*)::int AS jumlah, min(r.tanggal) AS tertua
      FROM u JOIN realisasi r ON r.pegawai_id = u.pegawai_id AND r.status = 0
        AND (u.tmt_awal IS NULL OR r.tanggal >= u.tmt_awal) AND (u.tmt_akhir IS NULL OR r.tanggal < u.tmt_akhir)
      GROUP BY 2, 3
    UNION ALL
    SELECT 'dikembalikan', extract(year FROM tanggal)::int, extract(month FROM tanggal)::int, count(*)::int, NULL::date
      FROM realisasi WHERE pegawai_id = ${userId} AND status = 0 AND returned_at IS NOT NULL
      GROUP BY 2, 3
    UNION ALL
    SELECT 'status' || status, NULL, NULL, count(*)::int, NULL::date
      FROM realisasi WHERE pegawai_id = ${userId} AND tanggal BETWEEN ${awal}::date AND ${akhir}::date
      GROUP BY status
    UNION ALL
    SELECT 'target', NULL, NULL, count(*)::int, NULL::date
      FROM target_bulanan tb JOIN target_tahunan tt ON tt.id = tb.target_tahunan_id
      WHERE tt.pegawai_id = ${userId} AND tt.tahun = ${tahun} AND tb.bulan = ${bulan} AND tb.kuantitas > 0
    UNION ALL
    -- umpan balik baru: written to the pegawai by someone else in the last 7 days (umpan_balik(pegawai_id, dibuat_at))
    SELECT 'umpan-balik', NULL, NULL, count(*)::int, NULL::date
      FROM umpan_balik WHERE pegawai_id = ${userId} AND penulis_id <> ${userId} AND dibuat_at >= ${sejak}::timestamptz
    UNION ALL
    -- answers by someone else under a feedback the user wrote (umpan_balik(penulis_id, dibuat_at), then (induk_id))
    SELECT 'jawaban-umpan-balik', NULL, NULL, count(*)::int, NULL::date
      FROM umpan_balik i JOIN umpan_balik j ON j.induk_id = i.id
      WHERE i.penulis_id = ${userId} AND i.induk_id IS NULL AND j.penulis_id <> ${userId} AND j.dibuat_at >= ${sejak}::timestamptz
    UNION ALL
    SELECT 'target:' || status::text, tahun::int, NULL, count(*)::int, NULL::date
      FROM target_tahunan
      WHERE pegawai_id = ${userId} AND tahun >= ${tahun} AND status <> 'DISETUJUI' AND (berakhir IS NULL OR berakhir > ${today}::date)
      GROUP BY status, tahun
    ORDER BY 1, 2, 3`;
  // A named statement: planned once per connection, not on every view (issue 20: its planning was 1.8 ms of
  // PostgreSQL's CPU against 0.4 ms for running it). Calendar days travel as YYYY-MM-DD both ways.
  const { rows } = await pool.query<{ jenis: string; tahun: number | null; bulan: number | null; jumlah: number; tertua: string | null }>({
    name: 'beranda',
    text: q.text,
    values: q.values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)),
  });
  const of = (jenis: string) => rows.filter((r) => r.jenis === jenis);
  const count = (jenis: string) => of(jenis).reduce((s, r) => s + r.jumlah, 0);
  const perBulan = (jenis: string) => of(jenis).map((r) => ({ tahun: r.tahun!, bulan: r.bulan!, jumlah: r.jumlah }));
  const mendesak = (xs: Bulan[]) =>
    xs.flatMap((r) => {
      const sisaHari = sisaHariBatas(r.tahun, r.bulan, now, tz, settings.batasInputHari);
      return sisaHari >= 0 && sisaHari <= 3 ? [{ ...r, sisaHari }] : [];
    });
  return {
    ringkasan: { targetBulanIni: count('target'), realisasiBulanIni: { belum: count('status0'), diverifikasi: count('status1') } },
    peringatan: {
      menunggu: { jumlah: count('menunggu'), tertua: hari(of('menunggu')[0]?.tertua), mendesak: mendesak(perBulan('menunggu')) },
      dikembalikan: { jumlah: count('dikembalikan'), mendesak: mendesak(perBulan('dikembalikan')) },
      // returned first (the pegawai must act), then drafts, then those waiting for the atasan
      target: (['DIKEMBALIKAN', 'DRAF', 'DIAJUKAN'] as const).flatMap((status) =>
        of(`target:${status}`).map((r) => ({ status, tahun: r.tahun!, jumlah: r.jumlah })),
      ),
      umpanBalik: { baru: count('umpan-balik'), jawaban: count('jawaban-umpan-balik') },
    },
    tahun,
    bulan,
  };
}
