import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { prisma } from '../db/prisma.ts';

/**
 * express-rate-limit store on PostgreSQL: counters survive a restart and are shared by every app instance.
 * One atomic upsert per hit (fixed window). Windows run on the database's clock, like the session store's expiry.
 */
export class PgThrottleStore implements Store {
  windowMs = 15 * 60_000;
  localKeys = false;
  constructor(readonly prefix: string) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const [row] = await prisma.$queryRaw<{ hits: number; reset_at: Date }[]>`
      SELECT hits, reset_at FROM login_throttle WHERE key = ${this.prefix + key} AND reset_at > now()`;
    return row ? { totalHits: row.hits, resetTime: row.reset_at } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const rows = await prisma.$queryRaw<{ hits: number; reset_at: Date }[]>`
      INSERT INTO login_throttle (key, hits, reset_at)
      VALUES (${this.prefix + key}, 1, now() + make_interval(secs => ${this.windowMs / 1000}))
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN login_throttle.reset_at <= now() THEN 1 ELSE login_throttle.hits + 1 END,
        reset_at = CASE WHEN login_throttle.reset_at <= now() THEN excluded.reset_at ELSE login_throttle.reset_at END
      RETURNING hits, reset_at`;
    return { totalHits: rows[0].hits, resetTime: rows[0].reset_at };
  }

  async decrement(key: string): Promise<void> {
    await prisma.$executeRaw`UPDATE login_throttle SET hits = GREATEST(hits - 1, 0) WHERE key = ${this.prefix + key}`;
  }

  async resetKey(key: string): Promise<void> {
    await prisma.loginThrottle.deleteMany({ where: { key: this.prefix + key } });
  }
}

/** Forgets expired counters (called now and then; the table stays small). */
export async function pruneThrottle(): Promise<number> {
  return prisma.$executeRaw`DELETE FROM login_throttle WHERE reset_at < now()`;
}
