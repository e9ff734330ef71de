import pg from 'pg';

export type Health = {
  status: 'ok' | 'slow' | 'down';
  ms: number;
  pool: { total: number; idle: number; waiting: number };
};

const SLOW_MS = 1_000;
let running: Promise<Health> | undefined;

/**
 * Is the database reachable, and is this instance keeping up? The probe opens its own short connection instead of
 * queueing in the app's pool: with the pool exhausted by blocked requests it used to wait, fail and report the
 * database unreachable ("down") when it was only busy. Now a full pool or a slow answer is "slow" (still serving,
 * 200) and only a failed connection is "down" (503). One probe at a time; concurrent callers share it.
 */
export function databaseHealth(pool: pg.Pool): Promise<Health> {
  running ??= probe(pool).finally(() => {
    running = undefined;
  });
  return running;
}

async function probe(pool: pg.Pool): Promise<Health> {
  const started = performance.now();
  const options = (pool as unknown as { options: pg.ClientConfig }).options;
  const client = new pg.Client({ ...options, connectionTimeoutMillis: 2_000, statement_timeout: 2_000 });
  client.on('error', () => undefined);
  const stats = { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  let status: Health['status'];
  try {
    await client.connect();
    try {
      await client.query('SELECT 1');
      status = performance.now() - started > SLOW_MS || stats.waiting > 0 ? 'slow' : 'ok';
    } catch {
      status = 'slow'; // connected, but the statement did not finish in time
    }
  } catch {
    status = 'down';
  } finally {
    await client.end().catch(() => undefined);
  }
  return { status, ms: Math.round(performance.now() - started), pool: stats };
}
