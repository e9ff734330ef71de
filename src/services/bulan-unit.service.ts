import { pool } from '../db/prisma.ts';

// The month's sums per unit (issue 20, migration 20261222000000_bulan_unit): `bulan_unit` and `bulan_antrean` are a cache
// of the month rows (bulan_pegawai, or tpp_tetap once the month is ditetapkan), never a second computation. A change of
// those rows marks its (month, unit); the marked units of a month are computed again from the rows here, right after the
// month rows themselves are refreshed (segarkan with `perUnit`), so the Dashboard reads a row per unit.

/** The advisory lock class of a month's recompute (the second key is tahun × 100 + bulan). */
const KUNCI = 20_261_222;

/**
 * Computes again the marked units of a month, both sources. The marks are taken first (deleted in this transaction),
 * then the month's lock: a recompute that waited for another one starts its statement after that one committed, so it
 * reads at least what that one read, and older sums are never written over newer ones. A change committed meanwhile
 * marks its unit again for the next reader. Returns how many (source, unit) were computed.
 */
export async function segarkanUnit(tahun: number, bulan: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ sumber: string; units: number[] }>(
      `WITH d AS (DELETE FROM bulan_unit_kotor WHERE tahun = $1 AND bulan = $2 RETURNING sumber, unit_id)
       SELECT sumber, array_agg(DISTINCT unit_id ORDER BY unit_id) AS units FROM d GROUP BY sumber ORDER BY sumber`,
      [tahun, bulan],
    );
    if (rows.length > 0) {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [KUNCI, tahun * 100 + bulan]);
      for (const r of rows)
        await client.query('SELECT bulan_unit_hitung($1::smallint, $2::smallint, $3::char(1), $4::int[])', [
          tahun,
          bulan,
          r.sumber,
          r.units,
        ]);
    }
    await client.query('COMMIT');
    return rows.reduce((n, r) => n + r.units.length, 0);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The month's source as the Dashboard reads it: the frozen month's ('t') once it is ditetapkan, else the rows' ('b'). */
const SUMBER = `(CASE WHEN EXISTS (SELECT 1 FROM tpp_penetapan tp WHERE tp.tahun = $1 AND tp.bulan = $2) THEN 't' ELSE 'b' END)::char(1)`;
/** The unit tree's stamp (every change of unit_kerja moves it): a kept queue is read only under the tree it was summed over. */
export const VERSI_POHON = `coalesce((SELECT value #>> '{}' FROM setting WHERE key = 'abk_versi'), '')`;

/**
 * The queue of unit $3's subtree for month ($1, $2), computed from bulan_antrean and kept (bulan_antrean_atas, migration
 * 20261223000000): the ten atasan whose entries have waited longest (oldest first, then most waiting; the atasan's id
 * breaks ties, so the same rows always give the same queue). The tree and its stamp are read by the same statement.
 */
const ANTREAN_ATAS = `
  WITH RECURSIVE l AS (
    SELECT $3::int AS id
    UNION ALL SELECT u.id FROM unit_kerja u JOIN l ON u.induk_id = l.id
  ), s AS (SELECT ${SUMBER} AS sumber)
  INSERT INTO bulan_antrean_atas (tahun, bulan, sumber, unit_id, versi, antrean)
  SELECT $1, $2, s.sumber, $3, ${VERSI_POHON},
         coalesce((SELECT jsonb_agg(jsonb_build_object('atasanId', w.atasan_id, 'menunggu', w.menunggu, 'tertua', w.tertua)
                                    ORDER BY w.tertua, w.menunggu DESC, w.atasan_id)
                     FROM (SELECT q.atasan_id, sum(q.menunggu)::int AS menunggu, min(q.tertua) AS tertua
                             FROM bulan_antrean q JOIN l ON l.id = q.unit_id
                            WHERE q.tahun = $1 AND q.bulan = $2 AND q.sumber = s.sumber
                            GROUP BY q.atasan_id
                            ORDER BY min(q.tertua), sum(q.menunggu) DESC, q.atasan_id LIMIT 10) w), '[]')
    FROM s
  ON CONFLICT (tahun, bulan, sumber, unit_id) DO UPDATE SET versi = EXCLUDED.versi, antrean = EXCLUDED.antrean
  RETURNING sumber`;

/**
 * A kept queue with the atasan's names, in its order (an atasan no longer in pegawai drops out, as before). Each name
 * by its key: joined as a set, the planner scanned every pegawai for ten names.
 */
export const ANTREAN_BACA = (atas: string, where = '') => `
  SELECT coalesce(json_agg(json_build_object('atasanId', x.id, 'nama', x.nama, 'menunggu', x.menunggu, 'tertua', x.tertua)
                           ORDER BY x.n), '[]') AS antrean
    FROM (SELECT (e.v->>'atasanId')::int AS id, (e.v->>'menunggu')::int AS menunggu, e.v->>'tertua' AS tertua, e.n,
                 (SELECT p.nama FROM pegawai p WHERE p.id = (e.v->>'atasanId')::int) AS nama
            FROM ${atas} a CROSS JOIN LATERAL jsonb_array_elements(a.antrean) WITH ORDINALITY e(v, n) ${where}) x
   WHERE x.nama IS NOT NULL`;

export type AntreanAtasan = { atasanId: number; nama: string; menunggu: number; tertua: string };

/**
 * The queue of a unit's subtree when none is kept for the month (the first view after a change of the sums, or of the
 * unit tree): computed under the month's lock, the lock every recompute of bulan_antrean takes, so it is never
 * computed from sums older than the ones a concurrent recompute is writing, and kept for the next views.
 */
export async function antreanAtas(tahun: number, bulan: number, unitId: number): Promise<AntreanAtasan[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [KUNCI, tahun * 100 + bulan]);
    const { rows } = await client.query<{ sumber: string }>({ name: 'antrean_atas', text: ANTREAN_ATAS, values: [tahun, bulan, unitId] });
    const baca = await client.query<{ antrean: AntreanAtasan[] }>({
      name: 'antrean_atas_baca',
      text: ANTREAN_BACA('bulan_antrean_atas', 'WHERE a.tahun = $1 AND a.bulan = $2 AND a.sumber = $3 AND a.unit_id = $4'),
      values: [tahun, bulan, rows[0].sumber, unitId],
    });
    await client.query('COMMIT');
    return baca.rows[0].antrean;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export type SelisihUnit = { unitId: number; sumber: string; kolom: string; dibaca: unknown; dihitung: unknown };

/**
 * rekap:periksa's check of the sums (call right after `segarkan(…, { perUnit: true })`): every unit of the month computed
 * again from its rows by the same function, inside a transaction that is rolled back, and compared with what the
 * Dashboard reads; so is every kept queue a view would read (bulan_antrean_atas), from the recomputed sums. A
 * difference is a change of month rows that marked nothing: a defect.
 */
export async function periksaUnit(tahun: number, bulan: number): Promise<SelisihUnit[]> {
  const client = await pool.connect();
  const baca = async () =>
    (
      await client.query<{ unit_id: number; sumber: string; kolom: string; nilai: string }>(
        `SELECT unit_id, sumber::text AS sumber, k.key AS kolom, k.value AS nilai
           FROM bulan_unit u, jsonb_each_text(to_jsonb(u) - 'tahun' - 'bulan' - 'sumber' - 'unit_id') k
          WHERE tahun = $1 AND bulan = $2
         UNION ALL
         SELECT unit_id, sumber::text, 'antrean ' || atasan_id, menunggu || ' sejak ' || coalesce(tertua::text, '-')
           FROM bulan_antrean WHERE tahun = $1 AND bulan = $2
         UNION ALL
         SELECT unit_id, sumber::text, 'antrean terlama', antrean::text
           FROM bulan_antrean_atas WHERE tahun = $1 AND bulan = $2 AND sumber = ${SUMBER} AND versi = ${VERSI_POHON}`,
        [tahun, bulan],
      )
    ).rows;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [KUNCI, tahun * 100 + bulan]);
    const dibaca = await baca();
    await client.query(
      `SELECT bulan_unit_hitung($1::smallint, $2::smallint, s.sumber, s.units)
         FROM (SELECT 'b'::char(1) AS sumber, array_agg(DISTINCT unit_id) AS units FROM bulan_pegawai WHERE tahun = $1 AND bulan = $2 AND unit_id IS NOT NULL
               UNION ALL
               SELECT 't'::char(1), array_agg(DISTINCT unit_id) FROM tpp_tetap WHERE tahun = $1 AND bulan = $2 AND unit_id IS NOT NULL) s
        WHERE s.units IS NOT NULL`,
      [tahun, bulan],
    );
    // the kept queues that a view would read, computed again from the recomputed sums (which dropped them)
    for (const unitId of new Set(dibaca.filter((r) => r.kolom === 'antrean terlama').map((r) => r.unit_id)))
      await client.query({ name: 'antrean_atas', text: ANTREAN_ATAS, values: [tahun, bulan, unitId] });
    const dihitung = await baca();
    const kunci = (r: { unit_id: number; sumber: string; kolom: string }) => `${r.sumber}|${r.unit_id}|${r.kolom}`;
    const a = new Map(dibaca.map((r) => [kunci(r), r]));
    const b = new Map(dihitung.map((r) => [kunci(r), r]));
    const selisih: SelisihUnit[] = [];
    for (const k of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(k);
      const y = b.get(k);
      if (x?.nilai === y?.nilai) continue;
      const r = (x ?? y)!;
      selisih.push({ unitId: r.unit_id, sumber: r.sumber, kolom: r.kolom, dibaca: x?.nilai ?? null, dihitung: y?.nilai ?? null });
    }
    return selisih.sort((p, q) => p.unitId - q.unitId || p.kolom.localeCompare(q.kolom));
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
