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

export async function pegawaiTerjangkau(user: Pembaca & { unitId: number | null }, pegawaiId: number): Promise<PegawaiLingkup> {
  const rows = await prisma.$queryRaw<(PegawaiLingkup & { dalam_unit: boolean })[]>`
    WITH RECURSIVE sub AS (
      SELECT id FROM unit_kerja WHERE id = ${user.isPimpinan ? user.unitId : null}::int
      UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id
    )
    SELECT p.id, p.nip, p.nama, p.atasan_id AS "atasanId", p.unit_id AS "unitId", u.nama AS "unitNama",
           j.nama AS "jabatanNama", j.kelas::int AS kelas, p.golongan::text AS golongan,
           a.nama AS "atasanNama", a.nip AS "atasanNip",
           EXISTS (SELECT 1 FROM sub WHERE sub.id = p.unit_id) AS dalam_unit
    FROM pegawai p
    LEFT JOIN unit_kerja u ON u.id = p.unit_id
    LEFT JOIN jabatan j ON j.id = p.jabatan_id
    LEFT JOIN pegawai a ON a.id = p.atasan_id
    WHERE p.id = ${pegawaiId}`;
  const p = rows[0];
  if (!p || !bolehLihatPegawai(user, p, p.dalam_unit)) throw new NotFoundError();
  const { dalam_unit: _, ...pegawai } = p;
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
