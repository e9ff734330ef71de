// queryGeneric (src/db/generic-plan.ts) on a real PostgreSQL: the same rows as the statement run as usual, with the
// generic plan on every execution, the setting gone after it, and a failed run that leaves no connection in doubt.
import { describe, expect, it } from 'vitest';
import { queryGeneric } from '../../src/db/generic-plan.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const pool = db.pool!;

const TEXT = `SELECT r.pegawai_id, count(*)::int AS n, min(r.tanggal)::text AS awal
                FROM realisasi r JOIN unnest($1::int[]) AS w(id) ON w.id = r.pegawai_id
               WHERE r.tanggal BETWEEN $2 AND $3 AND r.status = $4 GROUP BY r.pegawai_id ORDER BY r.pegawai_id`;
const TYPES = ['int[]', 'date', 'date', 'int'];

describe('queryGeneric', () => {
  it('when a statement runs through it again and again, then it answers the rows pg answers, with the generic plan, and the setting does not outlive it', async () => {
    const ids = (await pool.query<{ id: number }>('SELECT id FROM pegawai ORDER BY id LIMIT 5')).rows.map((r) => r.id);
    const values = [ids, '2026-01-01', '2026-12-31', 0];
    const expected = (await pool.query({ text: TEXT, values })).rows;
    expect(expected.length).toBeGreaterThan(0);
    for (let i = 0; i < 8; i++) {
      const { rows } = await queryGeneric(pool, { name: 'uji_generik', text: TEXT, types: TYPES, values });
      expect(rows).toEqual(expected);
    }
    const client = await pool.connect();
    try {
      expect((await client.query(`SELECT current_setting('plan_cache_mode') AS m`)).rows[0].m).toBe('auto');
      const [stmt] = (
        await client.query(
          `SELECT generic_plans::int AS g, custom_plans::int AS c FROM pg_prepared_statements WHERE name = 'generik_uji_generik'`,
        )
      ).rows;
      expect(stmt).toBeDefined(); // prepared once on this connection, kept for the next runs
      expect(stmt.c).toBe(0);
      expect(stmt.g).toBeGreaterThan(0);
    } finally {
      client.release();
    }
  });

  it('when a run fails, then the error reaches the caller and the next run on the pool works', async () => {
    const values = [[1], '2026-01-01', '2026-12-31', 0];
    await expect(
      queryGeneric(pool, { name: 'uji_gagal', text: 'SELECT 1 / ($4 - $4) AS x, $1::int[], $2::date, $3::date', types: TYPES, values }),
    ).rejects.toThrow(/division by zero/);
    const { rows } = await queryGeneric(pool, {
      name: 'uji_gagal',
      text: 'SELECT $4 + 1 AS x, $1::int[], $2::date, $3::date',
      types: TYPES,
      values,
    });
    expect(rows[0].x).toBe(1);
  });

  it('when a value is not of its declared type, then nothing is sent', async () => {
    await expect(
      queryGeneric(pool, { name: 'uji_tipe', text: TEXT, types: TYPES, values: [[1], "2026-01-01'; --", '2026-12-31', 0] }),
    ).rejects.toThrow(TypeError);
  });
});
