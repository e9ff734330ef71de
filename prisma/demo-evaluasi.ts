// The demo Pemda's evaluation (issue 19): capaian organisasi of every OPD and monthly evaluations of every pegawai who
// has an atasan, for every month from January of the demo's first year up to last month. Set-based: two statements
// whatever the reference date, the ratings chosen by a hash of (pegawai, month) so the demo is the same everywhere.

import { DEFAULT_SETTINGS } from '../src/domain/settings.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { DEMO_ACCOUNTS } from './demo-data.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
type Opts = { today: string; dariTahun: number };

/** Capaian organisasi, then the monthly evaluations (prisma/seed.ts calls this). */
export async function seedDemoEvaluasi(tx: Tx, o: Opts): Promise<void> {
  await seedKinerjaOrganisasi(tx, o);
  await seedEvaluasi(tx, o);
}

/** The OPD whose curve is broken last month (everyone rated Baik under a "Baik" organisation): the demo's warning. */
export const OPD_KURVA_DILANGGAR = 'Dinkes';

/**
 * Capaian organisasi of each OPD per month, 92–115 % (Baik or Istimewa by the default bands), from the demo's first
 * January to last month; the source says it is demo data. The OPD whose curve breaks gets 95 % (Baik) last month.
 */
export async function seedKinerjaOrganisasi(tx: Tx, o: Opts): Promise<void> {
  const b = DEFAULT_SETTINGS.predikatOrganisasiBatas;
  await tx.$executeRaw`
    WITH bulan AS (
      SELECT extract(year FROM d)::int AS y, extract(month FROM d)::int AS m, d::date = date_trunc('month', ${o.today}::date) - interval '1 month' AS lalu
      FROM generate_series(make_date(${o.dariTahun}::int, 1, 1), date_trunc('month', ${o.today}::date) - interval '1 month', interval '1 month') AS d),
    c AS (
      SELECT u.id AS unit_id, bulan.y, bulan.m,
             CASE WHEN u.singkatan = ${OPD_KURVA_DILANGGAR} AND bulan.lalu THEN 95
                  ELSE 92 + abs(hashtext(u.id || ':' || bulan.y || '-' || bulan.m)) % 24 END::numeric AS capaian
      FROM unit_kerja u CROSS JOIN bulan WHERE unit_opd(u.id) = u.id)
    INSERT INTO kinerja_organisasi (unit_id, tahun, bulan, capaian, predikat, sumber, updated_at)
    SELECT unit_id, y, m, capaian,
           (CASE WHEN capaian >= ${b.istimewa} THEN 'ISTIMEWA' WHEN capaian >= ${b.baik} THEN 'BAIK'
                 WHEN capaian >= ${b.butuhPerbaikan} THEN 'BUTUH_PERBAIKAN' WHEN capaian >= ${b.kurang} THEN 'KURANG'
                 ELSE 'SANGAT_KURANG' END)::"PredikatOrganisasi",
           'Data demo: laporan capaian kinerja bulanan OPD', now()
    FROM c ORDER BY y, m, unit_id`;
}

/**
 * A monthly evaluation of every pegawai with an atasan, by that atasan (their history on the month's last day), for
 * each month with a capaian organisasi. Within each OPD and month the pegawai are ranked by a hash: the first fifth
 * Sangat Baik, the last 15 % (at least one) below Baik, the rest Baik — inside the default curve of a Baik or Istimewa
 * organisation. The head of the OPD's hasil kerja follows the organisation (the leader's rule). The OPD of
 * OPD_KURVA_DILANGGAR is all Baik last month, so its curve is broken (shown as a warning), the ratings past the bound
 * marked as saved over the warning. While last month is still open (up to tutup bulan), the demo atasan's own team
 * waits on their desk, not rated yet.
 */
export async function seedEvaluasi(tx: Tx, o: Opts): Promise<void> {
  const maksBaik = DEFAULT_SETTINGS.kurvaDistribusi.BAIK.maksBaik;
  const mejaTerbuka = Number(o.today.slice(8, 10)) <= DEFAULT_SETTINGS.tutupBulanHari;
  await tx.$executeRaw`
    WITH bulan AS (
      SELECT k.unit_id AS opd_id, k.tahun AS y, k.bulan AS m, k.predikat,
             make_date(k.tahun, k.bulan, 1) AS awal, (make_date(k.tahun, k.bulan, 1) + interval '1 month' - interval '1 day')::date AS akhir,
             make_date(k.tahun, k.bulan, 1) = date_trunc('month', ${o.today}::date) - interval '1 month' AS lalu
      FROM kinerja_organisasi k WHERE k.bulan IS NOT NULL),
    opd AS (SELECT id AS unit_id, unit_opd(id) AS opd_id FROM unit_kerja),
    pos AS (
      SELECT DISTINCT ON (h.pegawai_id, b.y, b.m) h.pegawai_id, g.nip, h.unit_id, h.atasan_id, b.y, b.m, b.opd_id, b.predikat, b.lalu,
             LEAST(b.akhir, COALESCE(h.tmt_akhir - 1, b.akhir), COALESCE(g.berhenti, b.akhir)) AS tanggal
      FROM riwayat_jabatan h JOIN pegawai g ON g.id = h.pegawai_id
      JOIN opd ON opd.unit_id = h.unit_id JOIN bulan b ON b.opd_id = opd.opd_id
      WHERE h.atasan_id IS NOT NULL
        AND (h.tmt_awal IS NULL OR h.tmt_awal <= b.akhir) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > b.awal)
        AND (g.tmt IS NULL OR g.tmt <= b.akhir) AND (g.berhenti IS NULL OR g.berhenti >= b.awal)
      ORDER BY h.pegawai_id, b.y, b.m, tanggal DESC),
    kepala AS (
      -- the head of the OPD (src/domain/skp.ts kepalaOpd): their atasan is outside the OPD (the demo has no Plt)
      SELECT pos.*, ao.opd_id IS DISTINCT FROM pos.opd_id AS kepala,
             abs(hashtext(pos.nip || ':e:' || pos.y || '-' || pos.m)) AS acak
      FROM pos
      LEFT JOIN riwayat_jabatan ha ON ha.pegawai_id = pos.atasan_id
        AND (ha.tmt_awal IS NULL OR ha.tmt_awal <= pos.tanggal) AND (ha.tmt_akhir IS NULL OR ha.tmt_akhir > pos.tanggal)
      LEFT JOIN opd ao ON ao.unit_id = ha.unit_id),
    urut AS (
      SELECT kepala.*, row_number() OVER w AS ke, count(*) OVER (PARTITION BY opd_id, y, m, kepala) AS n,
             count(*) OVER (PARTITION BY opd_id, y, m) AS semua, row_number() OVER (PARTITION BY opd_id, y, m ORDER BY acak, pegawai_id) AS ke_semua
      FROM kepala WINDOW w AS (PARTITION BY opd_id, y, m, kepala ORDER BY acak, pegawai_id)),
    nilai AS (
      SELECT urut.*, x.hasil, x.perilaku FROM urut CROSS JOIN LATERAL (
        SELECT CASE
          WHEN urut.kepala THEN CASE WHEN urut.predikat = 'ISTIMEWA' THEN 'DI_ATAS' WHEN urut.predikat = 'BAIK' THEN 'SESUAI' ELSE 'DI_BAWAH' END
          WHEN urut.lalu AND EXISTS (SELECT 1 FROM unit_kerja u WHERE u.id = urut.opd_id AND u.singkatan = ${OPD_KURVA_DILANGGAR}) THEN 'SESUAI'
          WHEN urut.ke <= ceil(0.2 * urut.n) THEN 'DI_ATAS'
          WHEN urut.ke > urut.n - GREATEST(1, ceil(0.15 * urut.n)) THEN CASE WHEN urut.acak % 7 = 0 THEN 'SESUAI' ELSE 'DI_BAWAH' END
          ELSE (ARRAY['DI_ATAS', 'SESUAI', 'SESUAI'])[1 + urut.acak % 3] END AS hasil,
        CASE
          WHEN urut.kepala THEN (ARRAY['SESUAI', 'DI_ATAS'])[1 + urut.acak % 2]
          WHEN urut.lalu AND EXISTS (SELECT 1 FROM unit_kerja u WHERE u.id = urut.opd_id AND u.singkatan = ${OPD_KURVA_DILANGGAR}) THEN 'SESUAI'
          WHEN urut.ke <= ceil(0.2 * urut.n) THEN 'DI_ATAS'
          WHEN urut.ke > urut.n - GREATEST(1, ceil(0.15 * urut.n)) THEN CASE WHEN urut.acak % 7 = 0 THEN 'DI_BAWAH' ELSE (ARRAY['SESUAI', 'DI_ATAS'])[1 + urut.acak % 2] END
          ELSE (ARRAY['SESUAI', 'SESUAI', 'DI_ATAS'])[1 + urut.acak % 3] END AS perilaku) x)
    INSERT INTO evaluasi_kinerja (pegawai_id, skp_id, tahun, bulan, unit_id, hasil_kerja, perilaku_kerja, predikat, catatan,
                                  penilai_id, hasil_dari_organisasi, melanggar_kurva, versi, created_at, updated_at)
    SELECT n.pegawai_id,
           (SELECT s.id FROM skp s WHERE s.pegawai_id = n.pegawai_id AND s.tahun = n.y AND s.mulai <= n.tanggal AND s.selesai >= n.tanggal LIMIT 1),
           n.y, n.m, n.unit_id, n.hasil::"Ekspektasi", n.perilaku::"Ekspektasi",
           CASE WHEN n.hasil = 'DI_BAWAH' THEN CASE WHEN n.perilaku = 'DI_BAWAH' THEN 'Sangat Kurang' ELSE 'Butuh Perbaikan' END
                WHEN n.perilaku = 'DI_BAWAH' THEN 'Kurang/Misconduct'
                WHEN n.hasil = 'DI_ATAS' AND n.perilaku = 'DI_ATAS' THEN 'Sangat Baik' ELSE 'Baik' END,
           CASE WHEN n.hasil = 'DI_BAWAH' THEN 'Beberapa target bulan ini belum tercapai; mari bahas rencana perbaikannya.'
                WHEN n.perilaku = 'DI_BAWAH' THEN 'Perhatikan kedisiplinan dan koordinasi dengan rekan kerja.'
                WHEN n.hasil = 'DI_ATAS' AND n.perilaku = 'DI_ATAS' THEN 'Hasil kerja melampaui target; pertahankan.' END,
           n.atasan_id, n.kepala,
           n.lalu AND n.ke_semua > floor(${maksBaik} * n.semua / 100.0)
             AND EXISTS (SELECT 1 FROM unit_kerja u WHERE u.id = n.opd_id AND u.singkatan = ${OPD_KURVA_DILANGGAR}),
           1, (make_date(n.y, n.m, 1) + interval '1 month' + interval '2 days') AT TIME ZONE 'UTC', now()
    FROM nilai n
    WHERE NOT (${mejaTerbuka} AND n.lalu AND n.atasan_id = (SELECT id FROM pegawai WHERE nip = ${DEMO_ACCOUNTS.atasan}))
    ORDER BY n.y, n.m, n.pegawai_id`;
}
