import { keptPerDatabase } from '../db/per-database.ts';
import { prisma } from '../db/prisma.ts';
import { onReplica } from '../db/replicas.ts';
import type { Settings } from '../domain/settings.ts';
import { hitungTpp } from '../domain/tpp.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { NotFoundError } from '../lib/errors.ts';
import { type JumlahPelanggaran, potonganDariRekap } from './tpp.service.ts';

// Dashboard pimpinan: per unit and month, from the rekap tables only (rekap_kinerja_bulanan, rekap_presensi_bulanan,
// kept by triggers): never a scan of realisasi. A fixed number of queries whatever the number of realisasi, each
// returning a few rows (per child unit, per atasan, per month, the pegawai directly in the unit).

export type Lingkup = { isAdmin: boolean; unitId: number | null };

export type Baris = {
  pegawai_id: number;
  nama: string;
  nip: string;
  jabatan: string | null;
  kelas: number | null;
  unit_id: number;
  cabang: number;
  atasan_id: number | null;
  atasan_nama: string | null;
  pagu: number | null;
  entri: number;
  terverifikasi: number;
  menunggu: number;
  menunggu_tertua: string | null;
  menit: number;
  capaian: string | null;
  hari_kerja: number;
  hadir: number;
  menit_tl: number;
} & JumlahPelanggaran;

export type Agregat = {
  pegawai: number;
  entri: number;
  terverifikasi: number;
  menunggu: number;
  persenTerverifikasi: number | null;
  capaian: number | null;
  hariKerja: number;
  hadir: number;
  tingkatHadir: number | null;
  terlambat: number;
  menitTl: number;
  tpp: number;
};

function agregat(rows: (Baris & { tpp: number })[]): Agregat {
  const a = { pegawai: rows.length, entri: 0, terverifikasi: 0, menunggu: 0, hariKerja: 0, hadir: 0, terlambat: 0, menitTl: 0, tpp: 0 };
  let capSum = 0;
  let capN = 0;
  for (const r of rows) {
    a.entri += r.entri;
    a.terverifikasi += r.terverifikasi;
    a.menunggu += r.menunggu;
    a.hariKerja += r.hari_kerja;
    a.hadir += r.hadir;
    a.terlambat += r.tl1 + r.tl2 + r.tl3 + r.tl4;
    a.menitTl += r.menit_tl;
    a.tpp += r.tpp;
    if (r.capaian !== null) {
      capSum += Number(r.capaian);
      capN++;
    }
  }
  return {
    ...a,
    persenTerverifikasi: a.entri ? a.terverifikasi / a.entri : null,
    capaian: capN ? capSum / capN : null,
    tingkatHadir: a.hariKerja ? a.hadir / a.hariKerja : null,
  };
}

/** One row per active pegawai of a unit subtree with its month's rekap figures and pagu (`cabang`: the child unit it falls under). */
export function barisPegawai(unitId: number, tahun: number, bulan: number, hanyaLangsung = false) {
  return onReplica((db) => db.$queryRaw<Baris[]>(barisPegawaiSql(unitId, tahun, bulan, hanyaLangsung)));
}

function barisPegawaiSql(unitId: number, tahun: number, bulan: number, hanyaLangsung: boolean): Prisma.Sql {
  return Prisma.sql`
      WITH RECURSIVE t AS (
        SELECT id, id AS cabang FROM unit_kerja WHERE induk_id = ${unitId}
        UNION ALL SELECT u.id, t.cabang FROM unit_kerja u JOIN t ON u.induk_id = t.id
      ), lingkup AS (SELECT id, cabang FROM t UNION ALL SELECT ${unitId}::int, ${unitId}::int)
      SELECT p.id AS pegawai_id, p.nama, p.nip, p.unit_id, l.cabang, j.nama AS jabatan, j.kelas::int AS kelas, p.atasan_id, a.nama AS atasan_nama, tp.pagu,
             coalesce(rk.entri, 0) AS entri, coalesce(rk.terverifikasi, 0) AS terverifikasi, coalesce(rk.menunggu, 0) AS menunggu,
             rk.menunggu_tertua::text AS menunggu_tertua, coalesce(rk.menit_terverifikasi, 0) AS menit, rk.capaian::text AS capaian,
             coalesce(rp.hari_kerja, 0) AS hari_kerja, coalesce(rp.hadir, 0) AS hadir,
             coalesce(rp.tl1, 0) AS tl1, coalesce(rp.tl2, 0) AS tl2, coalesce(rp.tl3, 0) AS tl3, coalesce(rp.tl4, 0) AS tl4,
             coalesce(rp.psw1, 0) AS psw1, coalesce(rp.psw2, 0) AS psw2, coalesce(rp.psw3, 0) AS psw3, coalesce(rp.psw4, 0) AS psw4,
             coalesce(rp.alpa, 0) AS alpa, coalesce(rp.menit_tl, 0) AS menit_tl
      FROM lingkup l
      JOIN pegawai p ON p.unit_id = l.id AND p.aktif AND (NOT ${hanyaLangsung} OR p.unit_id = ${unitId})
      LEFT JOIN pegawai a ON a.id = p.atasan_id
      LEFT JOIN jabatan j ON j.id = p.jabatan_id
      LEFT JOIN tpp_pagu tp ON tp.kelas = j.kelas AND tp.tahun = ${tahun}
      LEFT JOIN rekap_kinerja_bulanan rk ON rk.pegawai_id = p.id AND rk.tahun = ${tahun} AND rk.bulan = ${bulan}
      LEFT JOIN rekap_presensi_bulanan rp ON rp.pegawai_id = p.id AND rp.tahun = ${tahun} AND rp.bulan = ${bulan}`;
}

/** The unit the reader starts from (pimpinan: their unit; admin: the root) and whether `unitId` is in reach. */
export async function unitTerjangkau(user: Lingkup, unitId: number | null) {
  const rows = await prisma.$queryRaw<{ id: number; nama: string; induk_id: number | null; dalam: boolean; akar: number }[]>`
    WITH RECURSIVE akar AS (
      SELECT CASE WHEN ${user.isAdmin} THEN (SELECT id FROM unit_kerja WHERE induk_id IS NULL ORDER BY id LIMIT 1) ELSE ${user.unitId}::int END AS id
    ), sub AS (
      SELECT id FROM unit_kerja WHERE id = (SELECT id FROM akar)
      UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id
    )
    SELECT u.id, u.nama, u.induk_id, (${user.isAdmin} OR EXISTS (SELECT 1 FROM sub WHERE sub.id = u.id)) AS dalam,
           (SELECT id FROM akar) AS akar
    FROM unit_kerja u WHERE u.id = coalesce(${unitId}::int, (SELECT id FROM akar))`;
  const u = rows[0];
  if (!u || !u.dalam) throw new NotFoundError();
  return u;
}

type Antrean = { atasanId: number; nama: string; menunggu: number; tertua: string };

type Cabang = {
  cabang: number;
  pegawai: number;
  entri: number;
  terverifikasi: number;
  menunggu: number;
  cap_sum: number | null;
  cap_n: number;
  hari_kerja: number;
  hadir: number;
  terlambat: number;
  menit_tl: number;
  tpp: number;
};

/**
 * Per child unit (cabang) of a subtree: sums of the month's rekap and the TPP total, aggregated in SQL so that a
 * Pemda-wide view moves a few rows, not 10,000. The TPP arithmetic is the one of src/domain/tpp.ts in exact numeric
 * (each part rounded half up once; tests/integration/dashboard.test.ts checks both agree).
 */
function agregatCabangSql(unitId: number, tahun: number, bulan: number, s: Settings): Prisma.Sql {
  const t = s.tppPotongan;
  return Prisma.sql`
    WITH RECURSIVE t AS (
      SELECT id, id AS cabang FROM unit_kerja WHERE induk_id = ${unitId}
      UNION ALL SELECT u.id, t.cabang FROM unit_kerja u JOIN t ON u.induk_id = t.id
    ), lingkup AS (SELECT id, cabang FROM t UNION ALL SELECT ${unitId}::int, ${unitId}::int),
    x AS (
      SELECT l.cabang, coalesce(rk.entri, 0) AS entri, coalesce(rk.terverifikasi, 0) AS terverifikasi,
             coalesce(rk.menunggu, 0) AS menunggu, rk.capaian, coalesce(rp.hari_kerja, 0) AS hari_kerja,
             coalesce(rp.hadir, 0) AS hadir, coalesce(rp.tl1 + rp.tl2 + rp.tl3 + rp.tl4, 0) AS terlambat,
             coalesce(rp.menit_tl, 0) AS menit_tl, coalesce(tp.pagu, 0)::numeric AS pagu,
             least(1, greatest(0, coalesce(CASE WHEN ${s.tppDasarCapaian === 'waktu'}
               THEN round(least(1, coalesce(rk.menit_terverifikasi, 0)::numeric / ${s.menitEfektifBulanan}), 6) ELSE rk.capaian END, 0))) AS cap,
             coalesce((rp.tl1 + rp.psw1) * ${t.band1}::numeric + (rp.tl2 + rp.psw2) * ${t.band2}::numeric
               + (rp.tl3 + rp.psw3) * ${t.band3}::numeric + (rp.tl4 + rp.psw4) * ${t.band4}::numeric + rp.alpa * ${t.alpa}::numeric, 0) AS cuts
      FROM lingkup l
      JOIN pegawai p ON p.unit_id = l.id AND p.aktif
      LEFT JOIN jabatan j ON j.id = p.jabatan_id
      LEFT JOIN tpp_pagu tp ON tp.kelas = j.kelas AND tp.tahun = ${tahun}
      LEFT JOIN rekap_kinerja_bulanan rk ON rk.pegawai_id = p.id AND rk.tahun = ${tahun} AND rk.bulan = ${bulan}
      LEFT JOIN rekap_presensi_bulanan rp ON rp.pegawai_id = p.id AND rp.tahun = ${tahun} AND rp.bulan = ${bulan}
    )
    SELECT cabang, count(*)::int AS pegawai, sum(entri)::int AS entri, sum(terverifikasi)::int AS terverifikasi,
           sum(menunggu)::int AS menunggu, sum(capaian)::float8 AS cap_sum, count(capaian)::int AS cap_n,
           sum(hari_kerja)::int AS hari_kerja, sum(hadir)::int AS hadir, sum(terlambat)::int AS terlambat,
           sum(menit_tl)::int AS menit_tl,
           sum(round(pagu * ${s.tppPorsiKinerja}::numeric / 100 * cap)
               + round(pagu * ${s.tppPorsiDisiplin}::numeric / 100 * greatest(0, 100 - cuts) / 100))::float8 AS tpp
    FROM x GROUP BY cabang`;
}

function dariCabang(list: Cabang[]): Agregat {
  const a = { pegawai: 0, entri: 0, terverifikasi: 0, menunggu: 0, hariKerja: 0, hadir: 0, terlambat: 0, menitTl: 0, tpp: 0 };
  let capSum = 0;
  let capN = 0;
  for (const c of list) {
    a.pegawai += c.pegawai;
    a.entri += c.entri;
    a.terverifikasi += c.terverifikasi;
    a.menunggu += c.menunggu;
    a.hariKerja += c.hari_kerja;
    a.hadir += c.hadir;
    a.terlambat += c.terlambat;
    a.menitTl += c.menit_tl;
    a.tpp += c.tpp;
    capSum += c.cap_sum ?? 0;
    capN += c.cap_n;
  }
  return {
    ...a,
    persenTerverifikasi: a.entri ? a.terverifikasi / a.entri : null,
    capaian: capN ? capSum / capN : null,
    tingkatHadir: a.hariKerja ? a.hadir / a.hariKerja : null,
  };
}

type Tren = {
  bulan: number;
  entri: number;
  terverifikasi: number;
  capaian: number | null;
  hari_kerja: number;
  hadir: number;
  terlambat: number;
};

// The year's trend aggregates a whole year of rekap rows of the subtree (120,000 for a Kabupaten): kept per
// instance for a minute per (unit, year). The month's own figures above it are always live.
const TREN_TTL_MS = 60_000;
const trenCache = new Map<string, { at: number; data: Promise<Tren[]> }>();
keptPerDatabase(() => trenCache.clear());
/** Forget the kept trends (tests and the bench measure a cold view). */
export const lupakanTren = (): void => trenCache.clear();

function trenTahun(unitId: number, tahun: number): Promise<Tren[]> {
  const key = `${unitId}:${tahun}`;
  const hit = trenCache.get(key);
  if (hit && performance.now() - hit.at < TREN_TTL_MS) return hit.data;
  const data = Promise.resolve(
    onReplica(
      (db) => db.$queryRaw<Tren[]>`
      WITH RECURSIVE sub AS (
        SELECT id FROM unit_kerja WHERE id = ${unitId}
        UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id
      ), peg AS (SELECT p.id FROM pegawai p JOIN sub ON sub.id = p.unit_id WHERE p.aktif),
      k AS (
        SELECT rk.bulan, sum(rk.entri)::int AS entri, sum(rk.terverifikasi)::int AS terverifikasi, avg(rk.capaian)::float8 AS capaian
        FROM rekap_kinerja_bulanan rk JOIN peg ON peg.id = rk.pegawai_id WHERE rk.tahun = ${tahun} GROUP BY rk.bulan
      ),
      pr AS (
        SELECT rp.bulan, sum(rp.hari_kerja)::int AS hari_kerja, sum(rp.hadir)::int AS hadir,
               sum(rp.tl1 + rp.tl2 + rp.tl3 + rp.tl4)::int AS terlambat
        FROM rekap_presensi_bulanan rp JOIN peg ON peg.id = rp.pegawai_id WHERE rp.tahun = ${tahun} GROUP BY rp.bulan
      )
      SELECT b AS bulan, coalesce(k.entri, 0) AS entri, coalesce(k.terverifikasi, 0) AS terverifikasi, k.capaian,
             coalesce(pr.hari_kerja, 0) AS hari_kerja, coalesce(pr.hadir, 0) AS hadir, coalesce(pr.terlambat, 0) AS terlambat
      FROM generate_series(1, 12) b LEFT JOIN k ON k.bulan = b LEFT JOIN pr ON pr.bulan = b ORDER BY b`,
    ),
  );
  data.catch(() => trenCache.delete(key));
  trenCache.set(key, { at: performance.now(), data });
  if (trenCache.size > 500) trenCache.delete(trenCache.keys().next().value!);
  return data;
}

export async function dashboardUnit(user: Lingkup, unitId: number | null, tahun: number, bulan: number, settings: Settings) {
  const unit = await unitTerjangkau(user, unitId);
  // The month's figures in ONE statement (issue 12: a page reads in at most 4), each part as a JSON column: the sums per
  // child unit, the pegawai directly in the unit, the child units, and the entries waiting by atasan (oldest first).
  const [bulanan, tren] = await Promise.all([
    onReplica(
      (db) => db.$queryRaw<{ cabang: Cabang[]; langsung: Baris[]; anak: { id: number; nama: string }[]; antrean: Antrean[] }[]>`
      SELECT
        (SELECT coalesce(json_agg(c), '[]') FROM (${agregatCabangSql(unit.id, tahun, bulan, settings)}) c) AS cabang,
        (SELECT coalesce(json_agg(b), '[]') FROM (${barisPegawaiSql(unit.id, tahun, bulan, true)}) b) AS langsung,
        (SELECT coalesce(json_agg(json_build_object('id', u.id, 'nama', u.nama) ORDER BY u.nama), '[]')
           FROM unit_kerja u WHERE u.induk_id = ${unit.id} AND u.aktif) AS anak,
        (SELECT coalesce(json_agg(a ORDER BY a.tertua, a.menunggu DESC), '[]') FROM (
          WITH RECURSIVE sub AS (
            SELECT id FROM unit_kerja WHERE id = ${unit.id}
            UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id
          )
          SELECT a.id AS "atasanId", a.nama, sum(rk.menunggu)::int AS menunggu, min(rk.menunggu_tertua)::text AS tertua
          FROM pegawai p JOIN sub ON sub.id = p.unit_id
          JOIN rekap_kinerja_bulanan rk ON rk.pegawai_id = p.id AND rk.tahun = ${tahun} AND rk.bulan = ${bulan} AND rk.menunggu > 0
          JOIN pegawai a ON a.id = p.atasan_id
          WHERE p.aktif
          GROUP BY a.id, a.nama ORDER BY min(rk.menunggu_tertua), sum(rk.menunggu) DESC LIMIT 10) a) AS antrean`,
    ),
    trenTahun(unit.id, tahun),
  ]);
  const { cabang, langsung, anak, antrean } = bulanan[0];

  const pegawai = langsung.map((r) => {
    const capaian =
      settings.tppDasarCapaian === 'waktu'
        ? Math.min(1, r.menit / settings.menitEfektifBulanan)
        : r.capaian === null
          ? null
          : Number(r.capaian);
    return { ...r, tpp: hitungTpp({ pagu: r.pagu ?? 0, capaian, potongan: potonganDariRekap(r), settings }).total };
  });

  return {
    unit: { id: unit.id, nama: unit.nama, indukId: unit.id === unit.akar ? null : unit.induk_id },
    total: dariCabang(cabang),
    units: anak.map((u) => ({ ...u, ...dariCabang(cabang.filter((c) => c.cabang === u.id)) })),
    pegawai: pegawai
      .map((r) => ({ id: r.pegawai_id, nama: r.nama, nip: r.nip, ...agregat([r]) }))
      .sort((a, b) => a.nama.localeCompare(b.nama)),
    antrean,
    tren: tren.map((t) => ({
      bulan: t.bulan,
      persenTerverifikasi: t.entri ? t.terverifikasi / t.entri : null,
      capaian: t.capaian,
      tingkatHadir: t.hari_kerja ? t.hadir / t.hari_kerja : null,
      terlambat: t.terlambat,
    })),
  };
}

/** A pegawai's year from the rekap tables (the drill-down's pegawai step). */
export async function tahunPegawai(pegawaiId: number, tahun: number) {
  return onReplica(
    (db) => db.$queryRaw<
      {
        bulan: number;
        entri: number;
        terverifikasi: number;
        menunggu: number;
        capaian: string | null;
        hari_kerja: number;
        hadir: number;
        terlambat: number;
        alpa: number;
      }[]
    >`
    SELECT b AS bulan, coalesce(rk.entri, 0) AS entri, coalesce(rk.terverifikasi, 0) AS terverifikasi, coalesce(rk.menunggu, 0) AS menunggu,
           rk.capaian::text AS capaian, coalesce(rp.hari_kerja, 0) AS hari_kerja, coalesce(rp.hadir, 0) AS hadir,
           coalesce(rp.tl1 + rp.tl2 + rp.tl3 + rp.tl4, 0) AS terlambat, coalesce(rp.alpa, 0) AS alpa
    FROM generate_series(1, 12) b
    LEFT JOIN rekap_kinerja_bulanan rk ON rk.pegawai_id = ${pegawaiId} AND rk.tahun = ${tahun} AND rk.bulan = b
    LEFT JOIN rekap_presensi_bulanan rp ON rp.pegawai_id = ${pegawaiId} AND rp.tahun = ${tahun} AND rp.bulan = b
    ORDER BY b`,
  );
}

/** A pegawai's entries of a month (the drill-down's last step), through the (pegawai_id, tanggal) index. */
export async function entriBulan(pegawaiId: number, awal: string, akhir: string) {
  return onReplica(
    (db) => db.$queryRaw<
      { id: number; tanggal: string; pekerjaan: string; jumlah: string; satuan: string; menit: number; status: number }[]
    >`
    SELECT id, tanggal::text AS tanggal, pekerjaan, jumlah::text AS jumlah, satuan, menit, status
    FROM realisasi WHERE pegawai_id = ${pegawaiId} AND tanggal BETWEEN ${awal}::date AND ${akhir}::date
    ORDER BY tanggal, id`,
  );
}
