import { prisma } from '../db/prisma.ts';

/**
 * Failure counters in PostgreSQL (table login_throttle): they survive a restart and are shared by every app instance.
 * Fixed windows on the database's clock, like the session store's expiry. Only failures are counted, and a refused
 * attempt (429) is not counted again, so an attacker cannot keep a counter alive by hammering it.
 */

/** Current failure counts of these keys (0 for an unknown or expired key), in the order given. */
export async function failures(keys: string[]): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ key: string; hits: number }[]>`
    SELECT key, hits FROM login_throttle WHERE key = ANY(${keys}::text[]) AND reset_at > now()`;
  const byKey = new Map(rows.map((r) => [r.key, r.hits]));
  return keys.map((k) => byKey.get(k) ?? 0);
}

/**
 * Counts an attempt on each key before the password is checked, atomically (one statement), and returns the counts
 * after it, in the order given: parallel attempts cannot all read "4" and all pass. A key whose window has passed
 * starts again at 1. The caller gives the attempt back when it turns out not to be a failure.
 */
export async function countAttempt(keys: string[], windowMs: number): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ key: string; hits: number }[]>`
    INSERT INTO login_throttle (key, hits, reset_at)
    SELECT k, 1, now() + make_interval(secs => ${windowMs / 1000}) FROM unnest(${keys}::text[]) AS k
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN login_throttle.reset_at <= now() THEN 1 ELSE login_throttle.hits + 1 END,
      reset_at = CASE WHEN login_throttle.reset_at <= now() THEN excluded.reset_at ELSE login_throttle.reset_at END
    RETURNING key, hits`;
  const byKey = new Map(rows.map((r) => [r.key, r.hits]));
  return keys.map((k) => byKey.get(k) ?? 0);
}

/** Takes back one counted attempt on each key (it was refused unchecked, or it succeeded). */
export async function giveBack(keys: string[]): Promise<void> {
  await prisma.$executeRaw`UPDATE login_throttle SET hits = GREATEST(hits - 1, 0) WHERE key = ANY(${keys}::text[])`;
}

/** Forgets these keys (a successful login from this address). */
export async function forget(keys: string[]): Promise<void> {
  await prisma.$executeRaw`DELETE FROM login_throttle WHERE key = ANY(${keys}::text[])`;
}

/** Deletes expired counters; run at boot and then every 15 minutes by server.ts, so the table stays small. */
export async function pruneThrottle(): Promise<number> {
  return prisma.$executeRaw`DELETE FROM login_throttle WHERE reset_at < now()`;
}
