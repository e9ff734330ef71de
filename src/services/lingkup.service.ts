import { prisma } from '../db/prisma.ts';
import { NotFoundError } from '../lib/errors.ts';
import { bolehLihatPegawai, type Pembaca } from '../policies/pimpinan.policy.ts';

// Loads a pegawai through the reader's scope (STYLE.md habit 5): out of reach is a 404.

export type PegawaiLingkup = {
  id: number;
  nip: string;
  nama: string;
  atasanId: number | null;
  unitId: number | null;
  unitNama: string | null;
  jabatanNama: string | null;
  kelas: number | null;
  golongan: string | null;
  atasanNama: string | null;
  atasanNip: string | null;
  /** where TPP is paid: show it through rekeningUntuk (src/domain/rekening.ts), never as it is */
  bankNama: string | null;
  rekening: string | null;
};

/** Units of a subtree (the unit and everything under it): one recursive query. */
export async function unitSubtree(unitId: number): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE sub AS (
      SELECT id FROM unit_kerja WHERE id = ${unitId}
      UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id
    ) SELECT id FROM sub`;
  return rows.map((r) => r.id);
}

/**
 * A pegawai the reader may see (else 404). With `bulan`, also through the history of that month (issue 24): the atasan
 * who supervised the pegawai in it, and a pimpinan of the unit the pegawai was in, keep reading that month after a
 * mutasi (its TPP, presensi and PDF), though no longer the months after.
 */
export async function pegawaiTerjangkau(
  user: Pembaca & { unitId: number | null },
  pegawaiId: number,
  bulan?: { awal: string; akhir: string },
): Promise<PegawaiLingkup> {
  const rows = await prisma.$queryRaw<(PegawaiLingkup & { dalam_unit: boolean; atasan_bulan: boolean })[]>`
    WITH RECURSIVE sub AS (
      SELECT id FROM unit_kerja WHERE id = ${user.isPimpinan ? user.unitId : null}::int
      UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id
    )
    SELECT p.id, p.nip, p.nama, p.atasan_id AS "atasanId", p.unit_id AS "unitId", u.nama AS "unitNama",
           j.nama AS "jabatanNama", j.kelas::int AS kelas, p.golongan::text AS golongan,
           a.nama AS "atasanNama", a.nip AS "atasanNip", p.bank_nama AS "bankNama", p.rekening,
           EXISTS (SELECT 1 FROM sub WHERE sub.id = p.unit_id)
             OR EXISTS (SELECT 1 FROM riwayat_jabatan h JOIN sub ON sub.id = h.unit_id
                         WHERE h.pegawai_id = p.id AND ${bulan !== undefined}
                           AND (h.tmt_awal IS NULL OR h.tmt_awal <= ${bulan?.akhir ?? null}::date)
                           AND (h.tmt_akhir IS NULL OR h.tmt_akhir > ${bulan?.awal ?? null}::date)) AS dalam_unit,
           EXISTS (SELECT 1 FROM riwayat_jabatan h
                    WHERE h.pegawai_id = p.id AND h.atasan_id = ${user.id} AND ${bulan !== undefined}
                      AND (h.tmt_awal IS NULL OR h.tmt_awal <= ${bulan?.akhir ?? null}::date)
                      AND (h.tmt_akhir IS NULL OR h.tmt_akhir > ${bulan?.awal ?? null}::date)) AS atasan_bulan
    FROM pegawai p
    LEFT JOIN unit_kerja u ON u.id = p.unit_id
    LEFT JOIN jabatan j ON j.id = p.jabatan_id
    LEFT JOIN pegawai a ON a.id = p.atasan_id
    WHERE p.id = ${pegawaiId}`;
  const p = rows[0];
  if (!p || !bolehLihatPegawai(user, p, p.dalam_unit, p.atasan_bulan)) throw new NotFoundError();
  const { dalam_unit: _, atasan_bulan: __, ...pegawai } = p;
  return pegawai;
}

/** The reader's direct subordinates (for the atasan's lists): one statement. */
export async function bawahanLangsung(atasanId: number) {
  return prisma.$queryRaw<{ id: number; nip: string; nama: string; jabatan: { nama: string } | null }[]>`
    SELECT p.id, p.nip, p.nama, CASE WHEN j.id IS NULL THEN NULL ELSE json_build_object('nama', j.nama) END AS jabatan
    FROM pegawai p LEFT JOIN jabatan j ON j.id = p.jabatan_id
    WHERE p.atasan_id = ${atasanId} AND p.aktif
    ORDER BY p.nama`;
}
