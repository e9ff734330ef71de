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

export type SelisihUnit = { unitId: number; sumber: string; kolom: string; dibaca: unknown; dihitung: unknown };

/**
 * rekap:periksa's check of the sums (call right after `segarkan(…, { perUnit: true })`): every unit of the month computed
 * again from its rows by the same function, inside a transaction that is rolled back, and compared with what the
 * Dashboard reads. A difference is a change of month rows that marked nothing: a defect.
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
           FROM bulan_antrean WHERE tahun = $1 AND bulan = $2`,
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
