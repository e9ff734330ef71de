import { queryGeneric } from '../db/generic-plan.ts';
import { keptPerDatabase } from '../db/per-database.ts';
import { pool, prisma } from '../db/prisma.ts';
import { onReplica } from '../db/replicas.ts';
import type { Settings } from '../domain/settings.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { NotFoundError } from '../lib/errors.ts';
import { segarkan } from './bulan-pegawai.service.ts';
import { ANTREAN_BACA, type AntreanAtasan, antreanAtas, VERSI_POHON } from './bulan-unit.service.ts';

// Dashboard pimpinan: per unit and month, from the month rows of the one computation (bulan_pegawai, or tpp_tetap for a
// ditetapkan month) and their sums per unit (bulan_unit, bulan_antrean: kept by the database from those rows, see
// bulan-unit.service.ts): never a scan of realisasi, nor of every pegawai-month of the subtree. A pegawai belongs to the unit their history gives for the month, so a
// mutasi never moves a month before its TMT. A fixed number of queries whatever the number of realisasi, each returning
// a few rows (per child unit, per atasan, per month, the pegawai directly in the unit).

export type Lingkup = { isAdmin: boolean; unitId: number | null };

/** A pegawai's month as every list reads it: from bulan_pegawai, or from tpp_tetap once the month is ditetapkan. */
export type Baris = {
  pegawai_id: number;
  nama: string;
  nip: string;
  jabatan: string | null;
  kelas: number | null;
  unit_id: number | null;
  cabang: number;
  atasan_id: number | null;
  hari_kerja: number;
  hadir: number;
  terlambat: number;
  pulang_cepat: number;
  alpa: number;
  menit_tl: number;
  entri: number;
  terverifikasi: number;
  menunggu: number;
  capaian: number | null;
  pagu: number;
  kinerja: number;
  disiplin: number;
  /** the hukuman disiplin cut and whether the month is postponed (issue 22) */
  hukdis: number;
  ditunda: boolean;
  total: number;
  /** issue 22: the rule set's lines and bruto → neto (null in months frozen before it) */
  skp: number;
  plt: number;
  potongan: number;
  tidak_dibayar: number;
  tambahan: number;
  bpjs_pegawai: number | null;
  bpjs_pemda: number | null;
  pph21: number | null;
  tunjangan_pph: number | null;
  neto: number | null;
};

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

function agregat(rows: Baris[]): Agregat {
  const a = { pegawai: rows.length, entri: 0, terverifikasi: 0, menunggu: 0, hariKerja: 0, hadir: 0, terlambat: 0, menitTl: 0, tpp: 0 };
  let capSum = 0;
  let capN = 0;
  for (const r of rows) {
    a.entri += r.entri;
    a.terverifikasi += r.terverifikasi;
    a.menunggu += r.menunggu;
    a.hariKerja += r.hari_kerja;
    a.hadir += r.hadir;
    a.terlambat += r.terlambat;
    a.menitTl += r.menit_tl;
    a.tpp += r.total;
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

/**
 * The month's rows (one per pegawai who served in it), from the one computation (src/domain/bulan-pegawai.ts): the
 * frozen month when it is ditetapkan, else bulan_pegawai. Same columns either way.
 */
export function bulanSql(tahun: number, bulan: number, unitId?: number): Prisma.Sql {
  const r = (k: string, cast = 'int') => Prisma.raw(`(t.rincian->'ringkas'->>'${k}')::${cast}`);
  const b1 = unitId === undefined ? Prisma.empty : Prisma.sql`AND b.unit_id = ${unitId}`;
  const t1 = unitId === undefined ? Prisma.empty : Prisma.sql`AND t.unit_id = ${unitId}`;
  return Prisma.sql`
    SELECT b.pegawai_id, b.unit_id, b.jabatan_id, b.atasan_id, b.kelas::int AS kelas, b.hari_kerja, b.hadir, b.terlambat,
           b.pulang_cepat, b.alpa, b.menit_tl, b.entri, b.terverifikasi, b.menunggu, b.menunggu_tertua, b.capaian::float8 AS capaian,
           b.pagu, b.kinerja, b.disiplin, b.total, b.hukdis, b.ditunda, b.rincian->'capaian'->'menungguPerAtasan' AS antrean,
           b.skp, b.plt, b.potongan, b.tidak_dibayar, b.tambahan, b.bpjs_pegawai, b.bpjs_pemda, b.pph21, b.tunjangan_pph, b.neto
      FROM bulan_pegawai b
     WHERE b.tahun = ${tahun} AND b.bulan = ${bulan} ${b1}
       AND NOT EXISTS (SELECT 1 FROM tpp_penetapan tp WHERE tp.tahun = ${tahun} AND tp.bulan = ${bulan})
    UNION ALL
    SELECT t.pegawai_id, t.unit_id, ${r('jabatan_id')}, ${r('atasan_id')}, t.kelas::int, coalesce(${r('hari_kerja')}, 0),
           coalesce(${r('hadir')}, 0), coalesce(${r('terlambat')}, 0), coalesce(${r('pulang_cepat')}, 0), coalesce(${r('alpa')}, 0),
           coalesce(${r('menit_tl')}, 0), coalesce(${r('entri')}, 0), coalesce(${r('terverifikasi')}, 0), coalesce(${r('menunggu')}, 0),
           ${r('menunggu_tertua', 'date')}, t.capaian::float8, t.pagu, t.kinerja, t.disiplin, t.total, t.hukdis, t.ditunda,
           t.rincian->'capaian'->'menungguPerAtasan',
           t.skp, t.plt, t.potongan, t.tidak_dibayar, t.tambahan, t.bpjs_pegawai, t.bpjs_pemda, t.pph21, t.tunjangan_pph, t.neto
      FROM tpp_tetap t WHERE t.tahun = ${tahun} AND t.bulan = ${bulan} ${t1}`;
}

/** Which sums a month reads: the frozen month's ('t') once it is ditetapkan, else the month rows' ('b'). */
const sumberSql = (tahun: number | Prisma.Sql, bulan: number | Prisma.Sql) =>
  Prisma.sql`(CASE WHEN EXISTS (SELECT 1 FROM tpp_penetapan tp WHERE tp.tahun = ${tahun} AND tp.bulan = ${bulan}) THEN 't' ELSE 'b' END)::char(1)`;

const subtreeSql = (unitId: number) => Prisma.sql`
  WITH RECURSIVE t AS (
    SELECT id, id AS cabang FROM unit_kerja WHERE induk_id = ${unitId}
    UNION ALL SELECT u.id, t.cabang FROM unit_kerja u JOIN t ON u.induk_id = t.id
  )
  SELECT id, cabang FROM t UNION ALL SELECT ${unitId}::int, ${unitId}::int`;

/** The ids of a unit and every unit under it. */
async function unitDalam(unitId: number): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`SELECT id FROM (${subtreeSql(unitId)}) s`;
  return rows.map((r) => r.id);
}

/** One row per pegawai of a unit subtree for a month, with the child unit it falls under (`cabang`). */
export async function barisPegawai(
  unitId: number,
  tahun: number,
  bulan: number,
  settings: Settings,
  hanyaLangsung = false,
): Promise<Baris[]> {
  await segarkan(tahun, bulan, settings, { unitIds: await unitDalam(unitId) });
  return prisma.$queryRaw<Baris[]>(barisPegawaiSql(unitId, tahun, bulan, hanyaLangsung));
}

function barisPegawaiSql(unitId: number, tahun: number, bulan: number, hanyaLangsung: boolean): Prisma.Sql {
  return Prisma.sql`
    WITH l AS (${subtreeSql(unitId)}), m AS (${bulanSql(tahun, bulan)})
    SELECT m.pegawai_id, p.nama, p.nip, m.unit_id, l.cabang, j.nama AS jabatan, m.kelas, m.atasan_id, m.hari_kerja, m.hadir,
           m.terlambat, m.pulang_cepat, m.alpa, m.menit_tl, m.entri, m.terverifikasi, m.menunggu, m.capaian, m.pagu, m.kinerja,
           m.disiplin, m.total, m.hukdis, m.ditunda, m.skp, m.plt, m.potongan, m.tidak_dibayar, m.tambahan, m.bpjs_pegawai,
           m.bpjs_pemda, m.pph21, m.tunjangan_pph, m.neto
    FROM m JOIN l ON l.id = m.unit_id
    JOIN pegawai p ON p.id = m.pegawai_id
    LEFT JOIN jabatan j ON j.id = m.jabatan_id
    WHERE NOT ${hanyaLangsung} OR m.unit_id = ${unitId}`;
}

/** The unit the reader starts from (pimpinan: their unit; admin: the root) and whether `unitId` is in reach. */
export async function unitTerjangkau(user: Lingkup, unitId: number | null) {
  // a named statement straight on the pool, without Prisma on the way: planned once per connection (every Dashboard
  // and Laporan view sends it)
  const q = Prisma.sql`
    WITH RECURSIVE akar AS (
      SELECT CASE WHEN ${user.isAdmin} THEN (SELECT id FROM unit_kerja WHERE induk_id IS NULL ORDER BY id LIMIT 1) ELSE ${user.unitId}::int END AS id
    ), sub AS (
      SELECT id FROM unit_kerja WHERE id = (SELECT id FROM akar)
      UNION ALL SELECT u.id FROM unit_kerja u JOIN sub ON u.induk_id = sub.id
    ), pilih AS (SELECT coalesce(${unitId}::int, (SELECT id FROM akar)) AS id
    ), bawah AS (
      SELECT id FROM pilih
      UNION ALL SELECT u.id FROM unit_kerja u JOIN bawah ON u.induk_id = bawah.id
    )
    SELECT u.id, u.nama, u.induk_id, (${user.isAdmin} OR EXISTS (SELECT 1 FROM sub WHERE sub.id = u.id)) AS dalam,
           (SELECT id FROM akar) AS akar, (SELECT array_agg(id) FROM bawah) AS subtree
    FROM unit_kerja u WHERE u.id = (SELECT id FROM pilih)`;
  const { rows } = await pool.query<{ id: number; nama: string; induk_id: number | null; dalam: boolean; akar: number; subtree: number[] }>(
    {
      name: 'unit_terjangkau',
      text: q.text,
      values: q.values,
    },
  );
  const u = rows[0];
  if (!u || !u.dalam) throw new NotFoundError();
  return u;
}

type Antrean = AntreanAtasan;

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

// The year's trend sums a year of month rows of the subtree (120,000 for a Kabupaten): kept per instance for a minute
// per (unit, year). The month's own figures above it are always live.
const TREN_TTL_MS = 60_000;
const trenCache = new Map<string, { at: number; data: Promise<Tren[]> }>();
keptPerDatabase(() => trenCache.clear());
/** Forget the kept trends (tests and the bench measure a cold view). */
export const lupakanTren = (): void => trenCache.clear();

function trenTahun(unitId: number, unitIds: number[], tahun: number, sampaiBulan: number, settings: Settings): Promise<Tren[]> {
  const key = `${unitId}:${tahun}:${sampaiBulan}`;
  const hit = trenCache.get(key);
  if (hit && performance.now() - hit.at < TREN_TTL_MS) return hit.data;
  const data = (async () => {
    for (let b = 1; b <= sampaiBulan; b++) await segarkan(tahun, b, settings, { unitIds, perUnit: true });
    // from the sums per unit: a row per unit and month, whatever the number of pegawai
    const q = Prisma.sql`
      SELECT b AS bulan, coalesce(sum(u.entri), 0)::int AS entri, coalesce(sum(u.terverifikasi), 0)::int AS terverifikasi,
             (sum(u.cap_sum) / nullif(sum(u.cap_n), 0))::float8 AS capaian, coalesce(sum(u.hari_kerja), 0)::int AS hari_kerja,
             coalesce(sum(u.hadir), 0)::int AS hadir, coalesce(sum(u.terlambat), 0)::int AS terlambat
      FROM generate_series(1, ${sampaiBulan}::int) b
      LEFT JOIN bulan_unit u ON u.tahun = ${tahun} AND u.bulan = b AND u.unit_id = ANY(${unitIds}::int[])
                            AND u.sumber = ${sumberSql(tahun, Prisma.raw('b'))}
      GROUP BY b ORDER BY b`;
    return onReplica(async (_db, pool) => (await pool.query<Tren>({ name: 'dashboard_tren', text: q.text, values: q.values })).rows);
  })();
  data.catch(() => trenCache.delete(key));
  const entry = { at: performance.now(), data };
  trenCache.set(key, entry);
  // the minute counts from when the trend was ready: computing a year of months may itself take longer than that
  data.then(
    () => {
      entry.at = performance.now();
    },
    () => undefined,
  );
  if (trenCache.size > 500) trenCache.delete(trenCache.keys().next().value!);
  return data;
}

/** A year of month rows (frozen months from tpp_tetap), for the trend and a pegawai's year. */
function bulanSqlLateral(tahun: number): Prisma.Sql {
  const r = (k: string) => Prisma.raw(`coalesce((t.rincian->'ringkas'->>'${k}')::int, 0)`);
  return Prisma.sql`
    SELECT b.bulan::int AS bulan, b.pegawai_id, b.unit_id, b.entri, b.terverifikasi, b.menunggu, b.capaian::float8 AS capaian,
           b.hari_kerja, b.hadir, b.terlambat, b.alpa, b.total
      FROM bulan_pegawai b
     WHERE b.tahun = ${tahun} AND NOT EXISTS (SELECT 1 FROM tpp_penetapan tp WHERE tp.tahun = b.tahun AND tp.bulan = b.bulan)
    UNION ALL
    SELECT t.bulan::int, t.pegawai_id, t.unit_id, ${r('entri')}, ${r('terverifikasi')}, ${r('menunggu')}, t.capaian::float8,
           ${r('hari_kerja')}, ${r('hadir')}, ${r('terlambat')}, ${r('alpa')}, t.total
      FROM tpp_tetap t WHERE t.tahun = ${tahun}`;
}

export async function dashboardUnit(
  user: Lingkup,
  unitId: number | null,
  tahun: number,
  bulan: number,
  settings: Settings,
  today: { tahun: number; bulan: number },
) {
  const unit = await unitTerjangkau(user, unitId);
  const unitIds = unit.subtree;
  await segarkan(tahun, bulan, settings, { unitIds, perUnit: true });
  // the trend runs to the month in progress (marked as such on the page), not into months that have not begun
  const sampai = tahun < today.tahun ? 12 : tahun === today.tahun ? today.bulan : 0;
  // The month's figures in ONE statement, each part as a JSON column: the sums per child unit (from the sums per unit,
  // bulan_unit), the pegawai directly in the unit (their month rows), the child units, and the entries waiting by the
  // atasan of each entry's day (the queue of the subtree as kept in bulan_antrean_atas; computed and kept when none is).
  // Run with its generic plan (src/db/generic-plan.ts), planned once per connection: PostgreSQL planned it again on
  // every view (≈1.2 ms, for ≈0.5 ms of work), judging each plan for the values at hand cheaper than the generic one.
  // Every value is an integer (the unit, the year, the month).
  const q = Prisma.sql`
      WITH l AS (${subtreeSql(unit.id)}), s AS (SELECT ${sumberSql(tahun, bulan)} AS sumber),
        atas AS (SELECT antrean FROM bulan_antrean_atas
                  WHERE tahun = ${tahun} AND bulan = ${bulan} AND sumber = (SELECT sumber FROM s) AND unit_id = ${unit.id}
                    AND versi = ${Prisma.raw(VERSI_POHON)})
      SELECT
        (SELECT coalesce(json_agg(c), '[]') FROM (
          SELECT l.cabang, sum(u.pegawai)::int AS pegawai, sum(u.entri)::int AS entri, sum(u.terverifikasi)::int AS terverifikasi,
                 sum(u.menunggu)::int AS menunggu, sum(u.cap_sum)::float8 AS cap_sum, sum(u.cap_n)::int AS cap_n,
                 sum(u.hari_kerja)::int AS hari_kerja, sum(u.hadir)::int AS hadir, sum(u.terlambat)::int AS terlambat,
                 sum(u.menit_tl)::int AS menit_tl, sum(u.tpp)::float8 AS tpp
          FROM bulan_unit u JOIN l ON l.id = u.unit_id
          WHERE u.tahun = ${tahun} AND u.bulan = ${bulan} AND u.sumber = (SELECT sumber FROM s)
          GROUP BY l.cabang) c) AS cabang,
        (SELECT coalesce(json_agg(b), '[]') FROM (
          SELECT x.pegawai_id, p.nama, p.nip, x.unit_id, ${unit.id}::int AS cabang, x.kelas, x.atasan_id, x.hari_kerja, x.hadir,
                 x.terlambat, x.pulang_cepat, x.alpa, x.menit_tl, x.entri, x.terverifikasi, x.menunggu, x.capaian, x.pagu, x.kinerja,
                 x.disiplin, x.total
          FROM (${bulanSql(tahun, bulan, unit.id)}) x
          -- each name by its key (OFFSET 0 keeps it a lookup per row): a plan not made for this unit's few rows would
          -- hash every pegawai of the Pemda for them
          CROSS JOIN LATERAL (SELECT p.nama, p.nip FROM pegawai p WHERE p.id = x.pegawai_id OFFSET 0) p) b) AS langsung,
        (SELECT coalesce(json_agg(json_build_object('id', u.id, 'nama', u.nama) ORDER BY u.nama), '[]')
           FROM unit_kerja u WHERE u.induk_id = ${unit.id} AND u.aktif) AS anak,
        (${Prisma.raw(ANTREAN_BACA('atas'))}) AS antrean, EXISTS (SELECT 1 FROM atas) AS antrean_ada,
        (SELECT ditetapkan_at FROM tpp_penetapan WHERE tahun = ${tahun} AND bulan = ${bulan}) AS ditetapkan_at`;
  type Bulanan = {
    cabang: Cabang[];
    langsung: Baris[];
    anak: { id: number; nama: string }[];
    antrean: Antrean[];
    antrean_ada: boolean;
    ditetapkan_at: Date | null;
  };
  const [bulanan, tren] = await Promise.all([
    onReplica(
      async (_db, pool) =>
        (await queryGeneric<Bulanan>(pool, { name: 'dashboard_bulan', text: q.text, types: q.values.map(() => 'int'), values: q.values }))
          .rows,
    ),
    trenTahun(unit.id, unitIds, tahun, sampai, settings),
  ]);
  const { cabang, langsung, anak, ditetapkan_at } = bulanan[0];
  const antrean = bulanan[0].antrean_ada ? bulanan[0].antrean : await antreanAtas(tahun, bulan, unit.id);

  return {
    unit: { id: unit.id, nama: unit.nama, indukId: unit.id === unit.akar ? null : unit.induk_id },
    total: dariCabang(cabang),
    units: anak.map((u) => ({ ...u, ...dariCabang(cabang.filter((c) => c.cabang === u.id)) })),
    pegawai: langsung
      .map((r) => ({ id: r.pegawai_id, nama: r.nama, nip: r.nip, ...agregat([r]) }))
      .sort((a, b) => a.nama.localeCompare(b.nama)),
    antrean,
    ditetapkanAt: ditetapkan_at,
    tren: tren.map((t) => ({
      bulan: t.bulan,
      berjalan: tahun === today.tahun && t.bulan === today.bulan,
      persenTerverifikasi: t.entri ? t.terverifikasi / t.entri : null,
      capaian: t.capaian,
      tingkatHadir: t.hari_kerja ? t.hadir / t.hari_kerja : null,
      terlambat: t.terlambat,
    })),
  };
}

/** When the month was ditetapkan, or null. */
export async function bulanDitetapkan(tahun: number, bulan: number): Promise<Date | null> {
  const row = await prisma.tppPenetapan.findUnique({ where: { tahun_bulan: { tahun, bulan } }, select: { ditetapkanAt: true } });
  return row?.ditetapkanAt ?? null;
}

/** A pegawai's year from the month rows (the drill-down's pegawai step), to the month in progress. */
export async function tahunPegawai(pegawaiId: number, tahun: number, settings: Settings, today: { tahun: number; bulan: number }) {
  const sampai = tahun < today.tahun ? 12 : tahun === today.tahun ? today.bulan : 0;
  for (let b = 1; b <= sampai; b++) await segarkan(tahun, b, settings, { pegawaiIds: [pegawaiId] });
  return prisma.$queryRaw<
    {
      bulan: number;
      entri: number;
      terverifikasi: number;
      menunggu: number;
      capaian: number | null;
      hari_kerja: number;
      hadir: number;
      terlambat: number;
      alpa: number;
      total: number | null;
    }[]
  >`
    SELECT b AS bulan, coalesce(m.entri, 0) AS entri, coalesce(m.terverifikasi, 0) AS terverifikasi, coalesce(m.menunggu, 0) AS menunggu,
           m.capaian, coalesce(m.hari_kerja, 0) AS hari_kerja, coalesce(m.hadir, 0) AS hadir, coalesce(m.terlambat, 0) AS terlambat,
           coalesce(m.alpa, 0) AS alpa, m.total
    FROM generate_series(1, 12) b
    LEFT JOIN (SELECT * FROM (${bulanSqlLateral(tahun)}) y WHERE y.pegawai_id = ${pegawaiId}) m ON m.bulan = b
    ORDER BY b`;
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
