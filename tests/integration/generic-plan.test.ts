// queryGeneric (src/db/generic-plan.ts) on a real PostgreSQL: the same rows as the statement run as usual, with the
// generic plan on every execution, the setting gone after it, and a failed run that leaves no connection in doubt.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { queryGeneric } from '../../src/db/generic-plan.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const pool = db.pool!;

const TEXT = `SELECT r.pegawai_id, count(*)::int AS n, min(r.tanggal)::text AS awal
                FROM realisasi r JOIN unnest($1::int[]) AS w(id) ON w.id = r.pegawai_id
               WHERE r.tanggal BETWEEN $2 AND $3 AND r.status = $4 GROUP BY r.pegawai_id ORDER BY r.pegawai_id`;
const TYPES = ['int[]', 'date', 'date', 'int'];

/**
 * A pool of one connection of the test's own. pg-pool's end() resolves before its connections have closed, so the
 * file's DROP DATABASE … WITH (FORCE) can terminate one still closing: that FATAL reaches the pool as an 'error' event,
 * which without a listener is an uncaught exception (CI, on a loaded machine). A failed query still rejects its call.
 */
function rawPool(): pg.Pool {
  const p = new pg.Pool({ connectionString: db.url, max: 1 });
  p.on('error', () => undefined);
  return p;
}

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
          `SELECT generic_plans::int AS g, custom_plans::int AS c FROM pg_prepared_statements WHERE name LIKE 'generik\\_uji\\_generik\\_%'`,
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

  it('when the server connection lost the statement or already has it (a pooler in transaction mode), then it is prepared again or used, in the same call', async () => {
    const one = rawPool();
    try {
      const values = [[1], '2026-01-01', '2026-12-31', 41];
      const q = { name: 'uji_pooler', text: 'SELECT $4 + 1 AS x, $1::int[] AS a, $2::date AS d1, $3::date AS d2', types: TYPES, values };
      expect((await queryGeneric(one, q)).rows[0].x).toBe(42);
      // the statement gone from the connection behind the app's back (another server connection behind a pooler)
      await one.query('DEALLOCATE ALL');
      expect((await queryGeneric(one, { ...q, values: [[1], '2026-01-01', '2026-12-31', 1] })).rows[0].x).toBe(2);
      // a statement of the same name and text already there (prepared through another client of the pooler)
      const { rows } = await one.query<{ name: string; statement: string }>(
        "SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'generik\\_uji\\_pooler\\_%'",
      );
      expect(rows).toHaveLength(1);
      const other = rawPool();
      try {
        const client = await other.connect();
        await client.query(rows[0].statement); // PREPARE … AS … on this new connection, as another client would have
        client.release();
        expect((await queryGeneric(other, { ...q, values: [[1], '2026-01-01', '2026-12-31', 9] })).rows[0].x).toBe(10);
      } finally {
        await other.end();
      }
    } finally {
      await one.end();
    }
  });

  it('when a value is not of its declared type, then nothing is sent', async () => {
    await expect(
      queryGeneric(pool, { name: 'uji_tipe', text: TEXT, types: TYPES, values: [[1], "2026-01-01'; --", '2026-12-31', 0] }),
    ).rejects.toThrow(TypeError);
  });
});
