import type { PeriodeEvaluasi } from '../../domain/skp.ts';
import { rentangPeriode } from '../../domain/skp.ts';
import { Prisma } from '../../generated/prisma/client.ts';

/**
 * SQL shared by the evaluation, the curve and their PDFs (issue 19). A period's facts come from each pegawai's history
 * (riwayat_jabatan), never from today's pegawai row:
 *   - the pegawai's **position** in a period: their last day in it (the period's last day, or the last day of their
 *     history or service within it) and the history row in force on that day — whose atasan rates them, whose unit
 *     (and so OPD) counts them;
 *   - the **curve's population** of an OPD: the pegawai whose position lies in one of the OPD's units and who have an
 *     atasan there (the top of the Pemda's hierarchy, e.g. the Sekda, is rated from outside it and not counted).
 * The queries read riwayat_jabatan through (pegawai_id, tmt_awal) and (unit_id), evaluasi_kinerja through its
 * (pegawai_id, tahun, bulan) key.
 */

const d = (s: string) => Prisma.sql`${s}::date`;

/** `e.bulan = …` for a month, `e.bulan IS NULL` for the year (an index condition, unlike IS NOT DISTINCT FROM). */
export const bulanSama = (kolom: Prisma.Sql, bulan: number | null): Prisma.Sql =>
  bulan === null ? Prisma.sql`${kolom} IS NULL` : Prisma.sql`${kolom} = ${bulan}`;

/** The history rows (alias h, with pegawai p) that reach into the period while the pegawai serves. */
export function dalamPeriode(p: PeriodeEvaluasi): Prisma.Sql {
  const { awal, akhir } = rentangPeriode(p);
  return Prisma.sql`(h.tmt_awal IS NULL OR h.tmt_awal <= ${d(akhir)}) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > ${d(awal)})
    AND (p.tmt IS NULL OR p.tmt <= ${d(akhir)}) AND (p.berhenti IS NULL OR p.berhenti >= ${d(awal)})
    AND (p.berhenti IS NULL OR h.tmt_awal IS NULL OR h.tmt_awal <= p.berhenti)`;
}

/**
 * SELECT of each pegawai's position in the period (pegawai_id, riwayat_id, unit_id, atasan_id, jabatan_id, tanggal),
 * for the pegawai `h.pegawai_id` the condition `siapa` selects.
 */
export function posisiSql(p: PeriodeEvaluasi, siapa: Prisma.Sql): Prisma.Sql {
  const { akhir } = rentangPeriode(p);
  return Prisma.sql`
    SELECT DISTINCT ON (h.pegawai_id) h.pegawai_id, h.id AS riwayat_id, h.unit_id, h.atasan_id, h.jabatan_id,
           LEAST(${d(akhir)}, COALESCE(h.tmt_akhir - 1, ${d(akhir)}), COALESCE(p.berhenti, ${d(akhir)})) AS tanggal
    FROM riwayat_jabatan h JOIN pegawai p ON p.id = h.pegawai_id
    WHERE ${siapa} AND ${dalamPeriode(p)}
    ORDER BY h.pegawai_id, tanggal DESC`;
}

/** A CTE `<nama>` (unit_id, opd_id): every unit with its OPD (`unit_opd`, the SKP core's definition), read once per query. */
export const unitOpdCte = (nama: string): Prisma.Sql =>
  Prisma.sql`${Prisma.raw(nama)} AS (SELECT id AS unit_id, unit_opd(id) AS opd_id FROM unit_kerja)`;

/**
 * A LATERAL join `atas` (opd_ids int[]) of the OPDs of whoever is over a position `p` (columns pegawai_id, jabatan_id,
 * atasan_id, tanggal) on its day: the atasan in the history, and a Plt of the post the pegawai's jabatan reports to (the
 * SKP core's rule: the top of an OPD has nobody over them in the same OPD). `uo` names a unitOpdCte.
 */
export function atasanOpdLateral(p: string, uo: string): Prisma.Sql {
  const a = Prisma.raw(p);
  const u = Prisma.raw(uo);
  return Prisma.sql`LEFT JOIN LATERAL (
      SELECT array_agg(x.opd_id) AS opd_ids FROM (
        SELECT ha.unit_id FROM riwayat_jabatan ha WHERE ha.pegawai_id = ${a}.atasan_id
          AND (ha.tmt_awal IS NULL OR ha.tmt_awal <= ${a}.tanggal) AND (ha.tmt_akhir IS NULL OR ha.tmt_akhir > ${a}.tanggal)
        UNION ALL
        SELECT hp.unit_id FROM jabatan j
          JOIN penugasan_atasan t ON t.jenis = 'PLT' AND t.aktif AND t.jabatan_id = j.atasan_jabatan_id
                                 AND t.mulai <= ${a}.tanggal AND t.selesai >= ${a}.tanggal AND t.pelaksana_id <> ${a}.pegawai_id
          JOIN riwayat_jabatan hp ON hp.pegawai_id = t.pelaksana_id
           AND (hp.tmt_awal IS NULL OR hp.tmt_awal <= ${a}.tanggal) AND (hp.tmt_akhir IS NULL OR hp.tmt_akhir > ${a}.tanggal)
        WHERE j.id = ${a}.jabatan_id) au
      JOIN ${u} x ON x.unit_id = au.unit_id) atas ON true`;
}

/**
 * CTEs (to follow `WITH RECURSIVE`, before the caller's own) giving `k_anggota` (pegawai_id, opd_id, dinilai_kurva,
 * kepala, predikat) and `k_keadaan` (opd_id, wajib, sb, b, bp, k, sk, kepala_id) for the OPDs `opdIds` selects (an SQL
 * expression of opd ids) in the period. `kepala` is src/domain/skp.ts kepalaOpd in SQL: nobody over the pegawai on
 * that day in the same OPD.
 */
export function kurvaCte(p: PeriodeEvaluasi, opdIds: Prisma.Sql): Prisma.Sql {
  const { awal, akhir } = rentangPeriode(p);
  return Prisma.sql`
    ${unitOpdCte('k_uo')},
    k_opd AS (SELECT unit_id, opd_id FROM k_uo WHERE opd_id IN (${opdIds})),
    k_calon AS (
      SELECT DISTINCT h.pegawai_id FROM riwayat_jabatan h JOIN k_opd o ON o.unit_id = h.unit_id
      WHERE (h.tmt_awal IS NULL OR h.tmt_awal <= ${d(akhir)}) AND (h.tmt_akhir IS NULL OR h.tmt_akhir > ${d(awal)})),
    k_pos AS (${posisiSql(p, Prisma.sql`h.pegawai_id IN (SELECT pegawai_id FROM k_calon)`)}),
    k_anggota AS (
      SELECT k.pegawai_id, o.opd_id, k.atasan_id IS NOT NULL AS dinilai_kurva, e.predikat,
             NOT (o.opd_id = ANY(coalesce(atas.opd_ids, '{}'))) AS kepala
      FROM k_pos k JOIN k_opd o ON o.unit_id = k.unit_id
      ${atasanOpdLateral('k', 'k_uo')}
      LEFT JOIN evaluasi_kinerja e ON e.pegawai_id = k.pegawai_id AND e.tahun = ${p.tahun} AND ${bulanSama(Prisma.sql`e.bulan`, p.bulan)}),
    k_keadaan AS (
      SELECT opd_id,
             count(*) FILTER (WHERE dinilai_kurva)::int AS wajib,
             count(*) FILTER (WHERE dinilai_kurva AND predikat = 'Sangat Baik')::int AS sb,
             count(*) FILTER (WHERE dinilai_kurva AND predikat = 'Baik')::int AS b,
             count(*) FILTER (WHERE dinilai_kurva AND predikat = 'Butuh Perbaikan')::int AS bp,
             count(*) FILTER (WHERE dinilai_kurva AND predikat = 'Kurang/Misconduct')::int AS k,
             count(*) FILTER (WHERE dinilai_kurva AND predikat = 'Sangat Kurang')::int AS sk,
             min(pegawai_id) FILTER (WHERE kepala) AS kepala_id
      FROM k_anggota GROUP BY opd_id)`;
}

/** A row of k_keadaan. */
export type BarisKeadaan = {
  opd_id: number;
  wajib: number;
  sb: number;
  b: number;
  bp: number;
  k: number;
  sk: number;
  kepala_id: number | null;
};
