import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { logger } from '../lib/logger.ts';

/** The one database client. Only services use it. Set by connectDb() at boot (or per test file). */
export let prisma: PrismaClient;
/** The pg pool under Prisma, shared with the session store. */
export let pool: pg.Pool;

// DATE columns are calendar days: keep them as 'YYYY-MM-DD' text for raw queries (no time zone shift).
pg.types.setTypeParser(1082, (v) => v);

export function connectDb(url: string): { prisma: PrismaClient; pool: pg.Pool } {
  pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  // Without these listeners a PostgreSQL restart (57P01 on an idle or checked-out client) kills the process.
  pool.on('error', (err) =>
    logger.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, 'pool: idle client error'),
  );
  pool.on('connect', (client) => {
    client.on('error', (err) => logger.warn({ err: { message: err.message } }, 'pool: client error'));
  });
  prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma, pool };
}

export async function disconnectDb(): Promise<void> {
  await prisma?.$disconnect().catch(() => undefined);
  await pool?.end().catch(() => undefined);
}
