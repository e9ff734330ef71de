// The demo Pemda's SKP (issue 19): tujuan OPD, an SKP for every pegawai and year, RHK cascaded from the goals down every
// level, the demo targets under the RHK, a few ekspektasi khusus pimpinan and the Lampiran. Set-based: a fixed number
// of statements whatever the reference date (tests/integration/seed.test.ts).

import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { DEMO_ACCOUNTS } from './demo-data.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
type Opts = { today: string; dariTahun: number };

/** The atasan RHK nobody works on and the bawahan RHK that intervenes nothing (the matriks peran hasil shows both). */
export const RHK_TANPA_BAWAHAN = 'Tersusunnya dokumentasi teknis seluruh aplikasi layanan';
export const RHK_TANPA_INTERVENSI = 'Menjadi narasumber bimbingan teknis aplikasi bagi perangkat daerah lain';
/** The pegawai whose SKP waits for the atasan in the demo (a subordinate of Kasi Tata Kelola E-Government). */
export const NIP_SKP_DIAJUKAN = '198909142015031002';

export async function seedSkp(tx: Tx, o: Opts): Promise<void> {
  const tahun = Number(o.today.slice(0, 4));
  // Tujuan OPD: three goals for each OPD (the units right under the Pemda) and three for the Pemda itself (the Sekda's).
  await tx.$executeRaw`
    INSERT INTO tujuan_opd (unit_id, tahun, kode, uraian, indikator, target, urutan, updated_at)
    SELECT u.id, y, 'T' || g.n,
           CASE WHEN u.induk_id IS NULL THEN g.pemda ELSE g.opd || ' ' || u.nama END,
           g.indikator, g.target, g.n, now()
    FROM unit_kerja u
    CROSS JOIN generate_series(${o.dariTahun}::int, ${tahun}::int) AS y
    CROSS JOIN (VALUES
      (1, 'Meningkatnya tata kelola pemerintahan daerah yang baik', 'Meningkatnya kualitas pelayanan publik', 'Indeks kepuasan masyarakat', '85 poin'),
      (2, 'Meningkatnya kualitas pelayanan publik daerah', 'Meningkatnya akuntabilitas kinerja', 'Nilai SAKIP', 'BB'),
      (3, 'Meningkatnya kapasitas aparatur sipil negara daerah', 'Meningkatnya kompetensi aparatur', 'Persentase ASN memenuhi standar kompetensi', '80%')
    ) AS g(n, pemda, opd, indikator, target)
    WHERE u.induk_id IS NULL OR u.induk_id IN (SELECT id FROM unit_kerja WHERE induk_id IS NULL)
    ORDER BY u.id, y, g.n`;

  // An SKP for every active pegawai and year, in their jabatan (the demo has no mutasi), approved, with the Lampiran;
  // one waits for its atasan (Persetujuan Target shows it).
  await tx.$executeRaw`
    INSERT INTO skp (pegawai_id, tahun, mulai, selesai, jabatan_id, unit_id, atasan_id, status, dukungan_sumber_daya,
                     skema_pertanggungjawaban, konsekuensi, diputus_oleh_id, diputus_at, updated_at)
    SELECT p.id, y, make_date(y, 1, 1), make_date(y, 12, 31), p.jabatan_id, p.unit_id, p.atasan_id,
           CASE WHEN p.nip = ${NIP_SKP_DIAJUKAN} AND y = ${tahun} THEN 'DIAJUKAN' ELSE 'DISETUJUI' END::"StatusTarget",
           'Anggaran kegiatan ' || COALESCE(u.nama, 'unit kerja') || ' tahun ' || y || '; sarana komputer dan jaringan; dukungan rekan kerja satu tim.',
           'Hasil kerja dilaporkan setiap bulan melalui Realisasi Kinerja dan dibahas dalam evaluasi kinerja bulanan bersama atasan langsung.',
           'Capaian di bawah ekspektasi ditindaklanjuti dengan bimbingan atasan; capaian di atas ekspektasi menjadi pertimbangan pengembangan karier.',
           CASE WHEN p.nip = ${NIP_SKP_DIAJUKAN} AND y = ${tahun} THEN NULL ELSE p.atasan_id END,
           CASE WHEN p.nip = ${NIP_SKP_DIAJUKAN} AND y = ${tahun} THEN NULL ELSE make_date(y, 1, 15) + time '09:00' AT TIME ZONE 'UTC' END,
           now()
    FROM pegawai p LEFT JOIN unit_kerja u ON u.id = p.unit_id
    CROSS JOIN generate_series(${o.dariTahun}::int, ${tahun}::int) AS y
    WHERE p.aktif
    ORDER BY y, p.id`;

  // The top of each OPD (no atasan in the same OPD: the Kepala OPD, the Sekda) takes one RHK utama per goal of its OPD
  // (the Sekda: the Pemda's), the goal's indicator and target as its IKI.
  await tx.$executeRaw`
    INSERT INTO rhk (skp_id, jenis, uraian, tujuan_opd_id, urutan, updated_at)
    SELECT s.id, 'UTAMA', t.uraian, t.id, t.urutan, now()
    FROM skp s JOIN pegawai p ON p.id = s.pegawai_id LEFT JOIN pegawai a ON a.id = p.atasan_id
    JOIN tujuan_opd t ON t.tahun = s.tahun
     AND t.unit_id = CASE WHEN p.atasan_id IS NULL THEN unit_akar(p.unit_id) ELSE unit_opd(p.unit_id) END
    WHERE p.atasan_id IS NULL OR unit_opd(a.unit_id) IS DISTINCT FROM unit_opd(p.unit_id)
    ORDER BY s.id, t.urutan`;

  // Everyone below: one RHK per annual target (the target's work as the RHK, utama for an SKP target, tambahan for one
  // added during the year), in the target's order.
  await tx.$executeRaw`
    INSERT INTO rhk (skp_id, jenis, uraian, urutan, updated_at)
    SELECT s.id, CASE WHEN t.asal = 'SKP' THEN 'UTAMA' ELSE 'TAMBAHAN' END::"JenisRhk", t.pekerjaan,
           row_number() OVER (PARTITION BY s.id ORDER BY t.id), now()
    FROM target_tahunan t JOIN skp s ON s.pegawai_id = t.pegawai_id AND s.tahun = t.tahun
    JOIN pegawai p ON p.id = t.pegawai_id JOIN pegawai a ON a.id = p.atasan_id
    WHERE unit_opd(a.unit_id) = unit_opd(p.unit_id)
    ORDER BY s.id, t.id`;

  // The demo's two marks in Diskominfo: the demo atasan has one RHK none of their staff intervenes, and a colleague
  // of the demo pegawai a tambahan RHK that intervenes nothing.
  await tx.$executeRaw`
    INSERT INTO rhk (skp_id, jenis, uraian, urutan, updated_at)
    SELECT s.id, x.jenis::"JenisRhk", x.uraian, 90, now()
    FROM (VALUES (${DEMO_ACCOUNTS.atasan}, 'UTAMA', ${RHK_TANPA_BAWAHAN}),
                 ('199405182020121005', 'TAMBAHAN', ${RHK_TANPA_INTERVENSI})) AS x(nip, jenis, uraian)
    JOIN pegawai p ON p.nip = x.nip JOIN skp s ON s.pegawai_id = p.id AND s.tahun = ${tahun}`;

  // The targets are the RHK's targets: each target its own RHK (same SKP, same order); a top's targets spread over
  // its RHK in turn.
  await tx.$executeRaw`
    WITH t AS (
      SELECT t.id, s.id AS skp_id, row_number() OVER (PARTITION BY s.id ORDER BY t.id) AS ke
      FROM target_tahunan t JOIN skp s ON s.pegawai_id = t.pegawai_id AND s.tahun = t.tahun),
    r AS (
      SELECT r.id, r.skp_id, r.tujuan_opd_id IS NOT NULL AS puncak, row_number() OVER (PARTITION BY r.skp_id ORDER BY r.urutan, r.id) AS ke,
             count(*) OVER (PARTITION BY r.skp_id) AS banyak
      FROM rhk r WHERE r.urutan < 90)
    UPDATE target_tahunan x SET rhk_id = r.id
    FROM t JOIN r ON r.skp_id = t.skp_id AND r.ke = CASE WHEN r.puncak THEN (t.ke - 1) % r.banyak + 1 ELSE t.ke END
    WHERE x.id = t.id`;

  // The RHK's indicators: the goal's for a top, the target's quantity for the others (plus a quality and a time aspect
  // on the utama ones); the extra two a statement.
  await tx.$executeRaw`
    INSERT INTO rhk_indikator (rhk_id, aspek, iki, target_angka, satuan, target_teks)
    SELECT r.id, 'KUANTITAS', COALESCE(g.indikator, 'Jumlah ' || lower(t.satuan) || ' ' || lower(r.uraian)),
           CASE WHEN g.id IS NULL THEN t.kuantitas END, CASE WHEN g.id IS NULL THEN t.satuan END, g.target
    FROM rhk r LEFT JOIN tujuan_opd g ON g.id = r.tujuan_opd_id
    LEFT JOIN LATERAL (SELECT * FROM target_tahunan t WHERE t.rhk_id = r.id ORDER BY t.id LIMIT 1) t ON g.id IS NULL
    WHERE g.id IS NOT NULL OR t.id IS NOT NULL
    UNION ALL
    SELECT r.id, a.aspek::"AspekRhk", a.iki, NULL, NULL, a.target
    FROM rhk r CROSS JOIN (VALUES
      ('KUALITAS', 'Persentase hasil kerja yang diterima atasan tanpa perbaikan', 'Seluruh hasil kerja diterima tanpa perbaikan berarti'),
      ('WAKTU', 'Ketepatan waktu penyelesaian', 'Sesuai jadwal bulanan')) AS a(aspek, iki, target)
    WHERE r.jenis = 'UTAMA' AND r.tujuan_opd_id IS NULL AND r.urutan < 90
    UNION ALL
    SELECT r.id, 'KUANTITAS', 'Hasil kerja tersedia', NULL, NULL, 'Tersedia pada akhir tahun'
    FROM rhk r WHERE r.urutan >= 90`;

  // The cascade: each bawahan RHK intervenes one RHK of their atasan's SKP of the same year, taking the atasan's RHK
  // in turn across all their bawahan's RHK (so every one of them is worked on), one UPDATE for every level.
  await tx.$executeRaw`
    WITH b AS (
      SELECT r.id, a.id AS skp_atasan, row_number() OVER (PARTITION BY a.id ORDER BY p.id, r.urutan, r.id) - 1 AS ke
      FROM rhk r JOIN skp s ON s.id = r.skp_id JOIN pegawai p ON p.id = s.pegawai_id
      JOIN skp a ON a.pegawai_id = p.atasan_id AND a.tahun = s.tahun
      JOIN pegawai pa ON pa.id = p.atasan_id
      WHERE r.tujuan_opd_id IS NULL AND r.urutan < 90 AND unit_opd(pa.unit_id) = unit_opd(p.unit_id)),
    atas AS (
      SELECT r.id, r.skp_id, row_number() OVER (PARTITION BY r.skp_id ORDER BY r.urutan, r.id) - 1 AS ke,
             count(*) OVER (PARTITION BY r.skp_id) AS banyak
      FROM rhk r WHERE r.urutan < 90)
    UPDATE rhk x SET rhk_atasan_id = atas.id
    FROM b JOIN atas ON atas.skp_id = b.skp_atasan AND atas.ke = b.ke % atas.banyak
    WHERE x.id = b.id`;
  // The demo atasan's extra RHK intervenes their own atasan's first RHK (so only the "nobody works on it" mark is shown).
  await tx.$executeRaw`
    UPDATE rhk x SET rhk_atasan_id = (
      SELECT r.id FROM rhk r JOIN skp a ON a.id = r.skp_id JOIN pegawai p ON p.atasan_id = a.pegawai_id
      JOIN skp s ON s.pegawai_id = p.id AND s.id = x.skp_id AND a.tahun = s.tahun ORDER BY r.urutan, r.id LIMIT 1)
    WHERE x.uraian = ${RHK_TANPA_BAWAHAN} AND x.urutan = 90`;

  // A few ekspektasi khusus pimpinan, written by the atasan (the demo pegawai's SKP has three).
  await tx.$executeRaw`
    INSERT INTO skp_perilaku (skp_id, nilai, ekspektasi_khusus, ditulis_oleh_id, updated_at)
    SELECT s.id, e.nilai::"NilaiBerakhlak", e.teks, s.atasan_id, now()
    FROM skp s JOIN pegawai p ON p.id = s.pegawai_id
    CROSS JOIN (VALUES
      ('BERORIENTASI_PELAYANAN', 'Menanggapi setiap permintaan perbaikan aplikasi dari perangkat daerah paling lambat satu hari kerja.'),
      ('KOMPETEN', 'Menuntaskan satu pelatihan teknis keamanan aplikasi tahun ini dan membagikan hasilnya kepada tim.'),
      ('KOLABORATIF', 'Aktif dalam tim pengembangan bersama seksi lain tanpa menunggu diminta.')) AS e(nilai, teks)
    WHERE s.tahun = ${tahun} AND s.atasan_id IS NOT NULL
      AND (p.nip = ${DEMO_ACCOUNTS.pegawai} OR (p.atasan_id = (SELECT id FROM pegawai WHERE nip = ${DEMO_ACCOUNTS.atasan}) AND e.nilai = 'BERORIENTASI_PELAYANAN'))`;
}
