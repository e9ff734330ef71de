import { createHash } from 'node:crypto';
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
  /** unique among the app's statements; prefixed (and suffixed with its text's hash) so it never meets another name */
  name: string;
  /** the statement, with $1 … $n */
  text: string;
  /** the SQL type of each parameter: 'int', 'date', 'int[]' or 'date[]' */
  types: string[];
  values: unknown[];
};

const prepared = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * The statement's text in its name (8 hex digits of its hash): a server connection kept by a pooler across a new
 * version of the app never runs an older text prepared under the same name.
 */
const versions = new Map<string, string>();
function versionOf(text: string, types: string[]): string {
  const key = `${types.join(',')}\0${text}`;
  let v = versions.get(key);
  if (!v) {
    v = createHash('sha256').update(key).digest('hex').slice(0, 8);
    versions.set(key, v);
  }
  return v;
}

/** SQLSTATE: the prepared statement is not on this server connection / is there already. */
const NOT_PREPARED = '26000';
const ALREADY_PREPARED = '42P05';

export async function queryGeneric<R extends pg.QueryResultRow>(pool: pg.Pool, q: GenericQuery): Promise<pg.QueryResult<R>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(q.name)) throw new TypeError(`queryGeneric: bad statement name ${q.name}`);
  if (q.types.length !== q.values.length) throw new TypeError(`queryGeneric: ${q.types.length} types for ${q.values.length} values`);
  const name = `generik_${q.name}_${versionOf(q.text, q.types)}`;
  const args = q.values.map((v, i) => sqlLiteral(v, q.types[i]));
  const run = `SET LOCAL plan_cache_mode = force_generic_plan;\nEXECUTE ${name}(${args.join(', ')})`;
  const prepare = `PREPARE ${name} (${q.types.join(', ')}) AS ${q.text};\n`;
  const client = await pool.connect();
  let failed = false;
  try {
    const names = prepared.get(client) ?? new Set<string>();
    prepared.set(client, names);
    // Behind a pooler in transaction mode (docs/scaling.md, PgBouncer) the server connection can change between two
    // runs: a statement missing there is prepared in the same round trip's retry, one found there already is used.
    // Each attempt is one implicit transaction that reads only: nothing is done twice.
    let withPrepare = !names.has(name);
    for (let attempt = 0; ; attempt++) {
      try {
        const results = (await client.query(withPrepare ? prepare + run : run)) as unknown as pg.QueryResult<R>[];
        names.add(name);
        return results[results.length - 1];
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt > 0 || (code !== NOT_PREPARED && code !== ALREADY_PREPARED)) throw err;
        withPrepare = code === NOT_PREPARED;
      }
    }
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // after any other failure the connection's prepared statements are not known for sure: it is closed, not reused
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
