import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { PrismaClient as Client } from '../generated/prisma/client.ts';
import { PrismaClient } from '../generated/prisma/client.ts';
import { logger } from '../lib/logger.ts';
import { type DbLimits, NO_JIT, pool as primaryPool, prisma } from './prisma.ts';

// Streaming replicas (DATABASE_REPLICA_URLS) take the read-heavy pages that show no one's just-written data: the
// public ABK snapshot, the Dashboard Pimpinan aggregates and the Laporan built on them. Everything else — every write,
// a pegawai's own pages, Verifikasi, authorization lookups — stays on the primary (`prisma`).
//
// Why a second PrismaClient per replica and not @prisma/extension-read-replicas (0.5.0, Prisma 7 compatible): the
// extension sends *every* read outside a transaction to a replica and makes the primary the opt-out ($primary()),
// so each of the user's own pages would have to remember to opt out or lose read-your-writes; and it has no answer
// for a replica that is down or behind. Here the replica is the opt-in (onReplica), one call per query site.
//
// A replica never breaks a page:
// - down: connecting waits at most `waitMs`; a connection-class error marks it down for `retryMs` and the same
//   query runs on the primary at once (logged once per outage);
// - behind: a monitor reads its replay lag every few seconds; beyond `maxLagS` it is skipped until it catches up;
// - the user's own write: a signed-in user who changed something in the last `stickyS` seconds reads everything from
//   the primary (the session's lastWriteAt, see readYourWrites in app.ts), so the dashboard or report they open right
//   after shows their change even while the replica replays it.

export type ReplicaOptions = { waitMs: number; retryMs: number; maxLagS: number; stickyS: number };
export type ReplicaState = {
  name: string;
  status: 'ok' | 'down' | 'lagging';
  lagS: number | null;
  /** queries this process answered from the replica, and ones it sent to the primary after the replica failed */
  reads: number;
  fallbacks: number;
};

type Replica = {
  name: string;
  pool: pg.Pool;
  prisma: Client;
  downUntil: number; // performance.now() instant until which it is skipped
  lagS: number | null;
  lagging: boolean;
  reads: number;
  fallbacks: number;
};

let replicas: Replica[] = [];
let turn = 0;
let options: ReplicaOptions = { waitMs: 1_000, retryMs: 15_000, maxLagS: 10, stickyS: 15 };
let monitor: NodeJS.Timeout | undefined;

/** Per request: whether this request must read from the primary (set by the readYourWrites middleware). */
export const readRouting = new AsyncLocalStorage<{ primary: boolean }>();

export const replicaOptions = (): ReplicaOptions => options;

/** host:port/database, never the credentials (shown in /healthz and the log). */
function nameOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'replica';
  }
}

export function connectReplicas(urls: string[], limits: DbLimits | undefined, opts: Partial<ReplicaOptions> = {}): void {
  options = { ...options, ...opts };
  replicas = urls.map((url) => {
    const pool = new pg.Pool({
      connectionString: url,
      max: limits?.poolMax ?? 10,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: options.waitMs,
      application_name: 'ekinerja-replica-read',
      ...(limits ? { statement_timeout: limits.statementTimeoutMs, options: NO_JIT } : {}),
    });
    pool.on('error', (err) => logger.warn({ replica: nameOf(url), err: { message: err.message } }, 'replica: idle client error'));
    pool.on('connect', (client) => client.on('error', () => undefined));
    return {
      name: nameOf(url),
      pool,
      prisma: new PrismaClient({ adapter: new PrismaPg(pool) }),
      downUntil: 0,
      lagS: null,
      lagging: false,
      reads: 0,
      fallbacks: 0,
    };
  });
  turn = 0;
}

export async function disconnectReplicas(): Promise<void> {
  if (monitor) clearInterval(monitor);
  monitor = undefined;
  const list = replicas;
  replicas = [];
  await Promise.all(
    list.map(async (r) => {
      await r.prisma.$disconnect().catch(() => undefined);
      await r.pool.end().catch(() => undefined);
    }),
  );
}

const usable = (r: Replica, at: number) => at >= r.downUntil && !r.lagging;

/** The next usable replica in turn, or none (none configured, all down or behind, or this request reads the primary). */
function pick(): Replica | undefined {
  if (replicas.length === 0 || readRouting.getStore()?.primary) return undefined;
  const at = performance.now();
  for (let i = 0; i < replicas.length; i++) {
    const r = replicas[(turn + i) % replicas.length];
    if (usable(r, at)) {
      turn = (turn + i + 1) % replicas.length;
      return r;
    }
  }
  return undefined;
}

const UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|57P0[123]|0800[16]|DatabaseNotReachable|ConnectionClosed|SocketTimeout|TooManyConnections|Connection terminated|timeout exceeded when trying to connect|Can't reach database|the database system is (starting up|shutting down)|canceling statement due to conflict with recovery|40001/i;

/** Whether an error says the replica could not answer (as opposed to a bad query, which the primary would refuse too). */
export function isReplicaUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
  let text: string;
  try {
    text = `${String(e?.code ?? '')} ${String(e?.message ?? '')} ${JSON.stringify(e?.cause ?? '')} ${JSON.stringify(e?.meta ?? '')}`;
  } catch {
    text = String(e?.message ?? '');
  }
  return UNAVAILABLE.test(text);
}

function markDown(r: Replica, err: unknown): void {
  const wasUp = performance.now() >= r.downUntil;
  r.downUntil = performance.now() + options.retryMs;
  if (wasUp)
    logger.warn(
      { replica: r.name, retryInMs: options.retryMs, err: { message: (err as Error)?.message?.slice(0, 300) } },
      'replica unavailable: reading from the primary',
    );
}

/**
 * Runs a read-only query on a replica (round robin), or on the primary when there is none to use. A replica that
 * fails to answer is marked down and the same query runs on the primary: the page is served either way. The query
 * gets the Prisma client and the pg pool of the same server (the pool for a named statement, planned once per connection).
 */
export async function onReplica<T>(query: (db: Client, pool: pg.Pool) => Promise<T>): Promise<T> {
  const r = pick();
  if (!r) return query(prisma, primaryPool);
  try {
    const result = await query(r.prisma, r.pool);
    r.reads++;
    return result;
  } catch (err) {
    if (!isReplicaUnavailable(err)) throw err;
    markDown(r, err);
    r.fallbacks++;
    return query(prisma, primaryPool);
  }
}

/** Reads each replica's replay lag; one behind by more than maxLagS is skipped until it catches up. */
export async function checkReplicas(): Promise<ReplicaState[]> {
  await Promise.all(
    replicas.map(async (r) => {
      try {
        const { rows } = await r.pool.query<{ standby: boolean; lag: number | null }>(
          `SELECT pg_is_in_recovery() AS standby,
                  CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                       ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag`,
        );
        r.lagS = rows[0].lag === null ? null : Math.round(rows[0].lag * 10) / 10;
        const lagging = r.lagS === null || r.lagS > options.maxLagS;
        if (lagging !== r.lagging)
          logger.warn({ replica: r.name, lagS: r.lagS }, lagging ? 'replica behind: reading from the primary' : 'replica caught up');
        r.lagging = lagging;
        if (performance.now() < r.downUntil) {
          r.downUntil = 0; // it answers again
          logger.info({ replica: r.name }, 'replica back');
        }
      } catch (err) {
        r.lagS = null;
        markDown(r, err);
      }
    }),
  );
  return replicaStates();
}

export function replicaStates(): ReplicaState[] {
  const at = performance.now();
  return replicas.map((r) => ({
    name: r.name,
    status: at < r.downUntil ? 'down' : r.lagging ? 'lagging' : 'ok',
    lagS: r.lagS,
    reads: r.reads,
    fallbacks: r.fallbacks,
  }));
}

export function startReplicaMonitor(everyMs = 5_000): void {
  if (replicas.length === 0 || monitor) return;
  const tick = () => void checkReplicas().catch(() => undefined);
  tick();
  monitor = setInterval(tick, everyMs);
  monitor.unref();
}
