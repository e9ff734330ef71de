import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { logger } from '../lib/logger.ts';
import { forgetDatabaseState } from './per-database.ts';

/** The one database client. Only services use it. Set by connectDb() at boot (or per test file). */
export let prisma: PrismaClient;
/** The pg pool under Prisma, shared with the session store. */
export let pool: pg.Pool;
/**
 * The pool of the per-request session read (the session row, its pegawai and the menu's badges: read-only, one
 * statement). Its statements wait at most SESSION_LOCK_TIMEOUT_MS for a lock: only DDL or an explicit LOCK TABLE
 * blocks a SELECT, and a long lock on realisasi (which the badge counts) must not hold every page for the main
 * lock_timeout. Without limits (scripts, seeding) it is the main pool.
 */
export let sessionPool: pg.Pool;
export const SESSION_LOCK_TIMEOUT_MS = 200;

// DATE columns are calendar days: keep them as 'YYYY-MM-DD' text for raw queries (no time zone shift).
pg.types.setTypeParser(1082, (v) => v);

/**
 * Bounds for the app's requests. Without them one long ACCESS EXCLUSIVE lock on realisasi hung every request that
 * touched it for a minute, those requests held all 10 connections, and every other page (public ABK, /login,
 * /healthz) waited for the pool and failed too. With them a blocked statement gives up after lockTimeoutMs (a 503
 * "sibuk" with Retry-After), no statement runs longer than statementTimeoutMs, and a request waits for a connection
 * at most poolWaitMs, so the connections come back and pages that do not touch the locked table keep answering.
 * Seeding, imports and the bench connect without them (their set-based statements may legitimately run long).
 */
export type DbLimits = { statementTimeoutMs: number; lockTimeoutMs: number; poolMax: number; poolWaitMs: number };

/**
 * The app's connections run without PostgreSQL's JIT compiler. A page's statement reads thousands of rows at most, but
 * the planner's estimate for a JSON column unpacked per row (jsonb_to_recordset: 100 rows a call) lifts its cost past
 * jit_above_cost: the Dashboard's Pemda-wide statement then spent 43 ms of its 100 ms compiling (measured on the bench
 * dataset, issue 24). Long set-based work (seed, imports, the bench build) connects without limits and keeps it.
 */
export const NO_JIT = '-c jit=off';

export function connectDb(url: string, limits?: DbLimits): { prisma: PrismaClient; pool: pg.Pool } {
  forgetDatabaseState();
  pool = new pg.Pool({
    connectionString: url,
    max: limits?.poolMax ?? 10,
    idleTimeoutMillis: 30_000,
    // pg-pool applies this to a request waiting for a free connection as well as to opening a new one
    connectionTimeoutMillis: limits?.poolWaitMs ?? 5_000,
    ...(limits
      ? {
          options: NO_JIT,
          statement_timeout: limits.statementTimeoutMs,
          lock_timeout: limits.lockTimeoutMs,
          idle_in_transaction_session_timeout: Math.max(limits.statementTimeoutMs * 2, 10_000),
        }
      : {}),
  });
  watch(pool);
  sessionPool = limits
    ? watch(
        new pg.Pool({
          connectionString: url,
          max: Math.max(2, Math.ceil(limits.poolMax / 2)),
          idleTimeoutMillis: 30_000,
          connectionTimeoutMillis: limits.poolWaitMs,
          options: NO_JIT,
          statement_timeout: limits.statementTimeoutMs,
          lock_timeout: Math.min(limits.lockTimeoutMs, SESSION_LOCK_TIMEOUT_MS),
        }),
      )
    : pool;
  prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma, pool };
}

/** Without these listeners a PostgreSQL restart (57P01 on an idle or checked-out client) kills the process. */
function watch(p: pg.Pool): pg.Pool {
  p.on('error', (err) => logger.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, 'pool: idle client error'));
  p.on('connect', (client) => {
    client.on('error', (err) => logger.warn({ err: { message: err.message } }, 'pool: client error'));
  });
  return p;
}

export async function disconnectDb(): Promise<void> {
  await prisma?.$disconnect().catch(() => undefined);
  if (sessionPool && sessionPool !== pool) await sessionPool.end().catch(() => undefined);
  await pool?.end().catch(() => undefined);
}
