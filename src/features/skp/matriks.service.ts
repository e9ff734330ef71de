import { prisma } from '../../db/prisma.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { lingkupSql } from '../../services/riwayat.service.ts';
import type { Pembaca } from './akses.service.ts';

/**
 * Matriks peran hasil (issue 19, docs/skp.md): for a unit and a year, the OPD's goals → the RHK of the top of the OPD
 * that intervene them → each level's RHK that intervene those, as a tree; it marks the RHK of an atasan nobody works
 * on and the RHK that intervene nothing. Who draws which: the admin any unit, a pimpinan a unit of their subtree, any
 * other pegawai their team (themself and the pegawai they rate on the year's SKP dates). Two statements: the units to
 * choose from, then every SKP, RHK and goal of the unit-year (skp (unit_id, tahun), rhk (skp_id), rhk (rhk_atasan_id)).
 */

type Baris = {
  id: number;
  uraian: string;
  jenis: 'UTAMA' | 'TAMBAHAN';
  urutan: number;
  skpId: number;
  pegawaiId: number;
  pegawai: string;
  jabatan: string | null;
  /** the owner rates someone in this matriks: their RHK are expected to be worked on */
  punyaBawahan: boolean;
  rhkAtasanId: number | null;
  tujuanOpdId: number | null;
  /** bawahan RHK intervening it, anywhere */
  diintervensi: number;
  /** the intervened RHK, when it lies outside this matriks */
  luar: { uraian: string; pegawai: string } | null;
};

export type Simpul = Baris & { anak: Simpul[]; tanpaBawahan: boolean; tanpaIntervensi: boolean };
export type Tujuan = { id: number; kode: string | null; uraian: string; indikator: string | null; target: string | null; rhk: Simpul[] };

export type Matriks = {
  mode: 'unit' | 'tim';
  unit: { id: number; nama: string } | null;
  units: { id: number; nama: string; tingkat: number }[];
  tujuan: Tujuan[];
  /** RHK intervening an RHK outside this unit (the unit's top intervenes their atasan's) */
  luar: Simpul[];
  /** RHK intervening nothing */
  lepas: Simpul[];
  jumlah: { rhk: number; tanpaBawahan: number; tanpaIntervensi: number };
};

export async function matriks(user: Pembaca, unitParam: number | undefined, tahun: number, today: string): Promise<Matriks> {
  const mode = user.isAdmin || user.isPimpinan ? 'unit' : 'tim';
  let units: Matriks['units'] = [];
  let unit: Matriks['unit'] = null;
  if (mode === 'unit') {
    // the units the reader may draw: every unit for the admin, the subtree of their unit for a pimpinan (tree order)
    units = await prisma.$queryRaw<Matriks['units']>`
      WITH RECURSIVE t AS (
        SELECT id, nama, 0 AS tingkat, ARRAY[nama::text] AS jalan FROM unit_kerja
        WHERE aktif AND (${user.isAdmin} AND induk_id IS NULL OR NOT ${user.isAdmin} AND id = ${user.unitId}::int)
        UNION ALL
        SELECT u.id, u.nama, t.tingkat + 1, t.jalan || u.nama::text FROM unit_kerja u JOIN t ON u.induk_id = t.id WHERE u.aktif)
      SELECT id, nama, tingkat FROM t ORDER BY jalan`;
    // default: the pimpinan's own unit; for the admin the first OPD (the Pemda as a whole is a long page)
    const pilih = unitParam ?? (user.isAdmin ? (units.find((u) => u.tingkat === 1) ?? units[0])?.id : user.unitId);
    const u = units.find((x) => x.id === pilih);
    if (!u) throw new NotFoundError('Unit kerja tidak ditemukan atau di luar jangkauan Anda.');
    unit = { id: u.id, nama: u.nama };
  }
  const lingkup =
    mode === 'unit'
      ? Prisma.sql`WITH RECURSIVE sub AS (SELECT ${unit!.id}::int AS id UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id),
          skps AS (SELECT s.* FROM skp s WHERE s.tahun = ${tahun} AND s.unit_id IN (SELECT id FROM sub))`
      : Prisma.sql`WITH w AS (${await lingkupSql(user.id, today)}),
          skps AS (
            SELECT s.* FROM skp s WHERE s.tahun = ${tahun} AND s.pegawai_id = ${user.id}
            UNION
            SELECT s.* FROM w JOIN skp s ON s.pegawai_id = w.pegawai_id AND s.tahun = ${tahun} AND w.pegawai_id <> ${user.id}
              AND (w.tmt_awal IS NULL OR w.tmt_awal <= LEAST(GREATEST(${today}::date, s.mulai), s.selesai))
              AND (w.tmt_akhir IS NULL OR LEAST(GREATEST(${today}::date, s.mulai), s.selesai) < w.tmt_akhir))`;
  const [r] = await prisma.$queryRaw<{ rhk: Baris[]; tujuan: Omit<Tujuan, 'rhk'>[] }[]>`
    ${lingkup},
    baris AS (
      SELECT r.id, r.uraian, r.jenis::text AS jenis, r.urutan, r.skp_id AS "skpId", s.pegawai_id AS "pegawaiId", p.nama AS pegawai,
             j.nama AS jabatan, r.rhk_atasan_id AS "rhkAtasanId", r.tujuan_opd_id AS "tujuanOpdId",
             (SELECT count(*)::int FROM rhk b WHERE b.rhk_atasan_id = r.id) AS diintervensi,
             (SELECT json_build_object('uraian', ra.uraian, 'pegawai', pa.nama) FROM rhk ra JOIN skp sa ON sa.id = ra.skp_id
                JOIN pegawai pa ON pa.id = sa.pegawai_id WHERE ra.id = r.rhk_atasan_id AND sa.id NOT IN (SELECT id FROM skps)) AS luar,
             s.atasan_id
      FROM skps s JOIN rhk r ON r.skp_id = s.id JOIN pegawai p ON p.id = s.pegawai_id LEFT JOIN jabatan j ON j.id = s.jabatan_id)
    SELECT
      (SELECT COALESCE(json_agg(json_build_object(
          'id', b.id, 'uraian', b.uraian, 'jenis', b.jenis, 'urutan', b.urutan, 'skpId', b."skpId", 'pegawaiId', b."pegawaiId",
          'pegawai', b.pegawai, 'jabatan', b.jabatan, 'rhkAtasanId', b."rhkAtasanId", 'tujuanOpdId', b."tujuanOpdId",
          'diintervensi', b.diintervensi, 'luar', b.luar,
          'punyaBawahan', EXISTS (SELECT 1 FROM skps x WHERE x.atasan_id = b."pegawaiId"))
        ORDER BY b.pegawai, b.jenis, b.urutan, b.id), '[]') FROM baris b) AS rhk,
      (SELECT COALESCE(json_agg(json_build_object('id', t.id, 'kode', t.kode, 'uraian', t.uraian, 'indikator', t.indikator, 'target', t.target)
        ORDER BY t.unit_id <> unit_opd(${unit?.id ?? null}::int), t.urutan, t.kode, t.id), '[]')
         FROM tujuan_opd t
        WHERE t.tahun = ${tahun} AND ((t.aktif AND t.unit_id = unit_opd(${unit?.id ?? null}::int))
                                      OR t.id IN (SELECT "tujuanOpdId" FROM baris WHERE "tujuanOpdId" IS NOT NULL))) AS tujuan`;
  return { mode, unit, units, ...susun(r.rhk, r.tujuan) };
}

/** The rows as a tree under the goals; the two marks. Pure (tested through the page). */
function susun(rows: Baris[], tujuanRows: Omit<Tujuan, 'rhk'>[]) {
  const simpul = new Map<number, Simpul>();
  for (const b of rows)
    simpul.set(b.id, {
      ...b,
      anak: [],
      tanpaBawahan: b.punyaBawahan && b.diintervensi === 0,
      tanpaIntervensi: b.rhkAtasanId === null && b.tujuanOpdId === null,
    });
  const tujuan: Tujuan[] = tujuanRows.map((t) => ({ ...t, rhk: [] }));
  const luar: Simpul[] = [];
  const lepas: Simpul[] = [];
  for (const s of simpul.values()) {
    if (s.rhkAtasanId !== null && simpul.has(s.rhkAtasanId)) simpul.get(s.rhkAtasanId)!.anak.push(s);
    else if (s.tujuanOpdId !== null && tujuan.some((t) => t.id === s.tujuanOpdId)) tujuan.find((t) => t.id === s.tujuanOpdId)!.rhk.push(s);
    else if (s.rhkAtasanId !== null) luar.push(s);
    else lepas.push(s);
  }
  const all = [...simpul.values()];
  return {
    tujuan,
    luar,
    lepas,
    jumlah: { rhk: all.length, tanpaBawahan: all.filter((s) => s.tanpaBawahan).length, tanpaIntervensi: lepas.length },
  };
}
