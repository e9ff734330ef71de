import type pg from 'pg';

/**
 * A statement run with its generic plan, planned once per connection (issue 20).
 *
 * PostgreSQL plans a named statement again on every execution when it estimates the generic plan dearer than the
 * plans made for the values at hand, whatever the planning costs. The Verifikasi queue is such a statement: with the
 * subordinates' windows known, every plan looked cheaper, so each view spent ≈0.8 ms planning for ≈0.3 ms of work,
 * and its generic plan, forced, answers the same rows in half the time. `plan_cache_mode` cannot be set for one
 * statement, and set for the connection it would force generic plans on every statement (Prisma's too). So the
 * statement is PREPAREd on each connection once, and run in one round trip as
 * `SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE name(…)`: one implicit transaction, which the setting does not
 * outlive. EXECUTE takes literals, not parameters: each value is written as a literal of its declared type, and only
 * integers, ISO dates and arrays of them are accepted (anything else throws before anything is sent).
 */
export type GenericQuery = {
  /** unique among the app's statements; prefixed so it never meets a protocol-level statement name of pg */
  name: string;
  /** the statement, with $1 … $n */
  text: string;
  /** the SQL type of each parameter: 'int', 'date', 'int[]' or 'date[]' */
  types: string[];
  values: unknown[];
};

const prepared = new WeakMap<pg.PoolClient, Set<string>>();

export async function queryGeneric<R extends pg.QueryResultRow>(pool: pg.Pool, q: GenericQuery): Promise<pg.QueryResult<R>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(q.name)) throw new TypeError(`queryGeneric: bad statement name ${q.name}`);
  if (q.types.length !== q.values.length) throw new TypeError(`queryGeneric: ${q.types.length} types for ${q.values.length} values`);
  const name = `generik_${q.name}`;
  const args = q.values.map((v, i) => sqlLiteral(v, q.types[i]));
  const client = await pool.connect();
  let failed = false;
  try {
    const names = prepared.get(client) ?? new Set<string>();
    prepared.set(client, names);
    const prepare = names.has(name) ? '' : `PREPARE ${name} (${q.types.join(', ')}) AS ${q.text};\n`;
    const results = (await client.query(
      `${prepare}SET LOCAL plan_cache_mode = force_generic_plan;\nEXECUTE ${name}(${args.join(', ')})`,
    )) as unknown as pg.QueryResult<R>[];
    names.add(name);
    return results[results.length - 1];
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // after a failure the connection's prepared statements are not known for sure: it is closed, not reused
    client.release(failed);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value as a literal of an SQL type, or a TypeError: integers, ISO dates (or Dates), arrays of them, and null. */
export function sqlLiteral(v: unknown, type: string): string {
  if (v === null || v === undefined) return `NULL::${type}`;
  if (type.endsWith('[]')) {
    if (!Array.isArray(v)) throw new TypeError(`sqlLiteral: ${type} wants an array`);
    const element = type.slice(0, -2);
    return `ARRAY[${v.map((x) => sqlLiteral(x, element)).join(', ')}]::${type}`;
  }
  if (type === 'int') {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new TypeError('sqlLiteral: int wants an integer');
    return `${v}::int`;
  }
  if (type === 'date') {
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    if (typeof s !== 'string' || !DATE.test(s)) throw new TypeError('sqlLiteral: date wants YYYY-MM-DD');
    return `'${s}'::date`;
  }
  throw new TypeError(`sqlLiteral: type ${type} is not supported`);
}
