// The menu's badges are counted in the session's own statement (issue 12), and they count realisasi. A long lock on
// realisasi must then cost a page that does not touch realisasi one short wait on the session pool's lock_timeout
// (SESSION_LOCK_TIMEOUT_MS), never the main lock_timeout, and never twice: the page shows without its badge.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { SESSION_LOCK_TIMEOUT_MS } from '../../src/db/prisma.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

// a main lock_timeout far above the session pool's: a page that waited for it even once is plainly slower
const limits = { statementTimeoutMs: 10_000, lockTimeoutMs: 4_000, poolMax: 4, poolWaitMs: 5_000 };
const db = await useTestDatabase({ limits });
const app = buildApp(db.pool!);
const locker = new pg.Client({ connectionString: db.url });
await locker.connect();
afterAll(() => locker.end());

describe('the menu badge during a long lock on realisasi', () => {
  it('when realisasi is locked, then an atasan page that does not read realisasi answers without its badge and without waiting for the lock', async () => {
    expect(SESSION_LOCK_TIMEOUT_MS).toBeLessThan(limits.lockTimeoutMs / 4);
    const atasan = await loginAs(app, DEMO_ACCOUNTS.atasan);
    const before = await atasan.get('/akun/password');
    expect(before.status).toBe(200);
    expect(before.text).toContain('title="menunggu verifikasi"'); // the demo atasan has entries waiting

    await locker.query('BEGIN');
    await locker.query('LOCK TABLE realisasi IN ACCESS EXCLUSIVE MODE');
    try {
      const started = performance.now();
      const during = await atasan.get('/akun/password');
      const ms = performance.now() - started;
      expect(during.status).toBe(200);
      expect(during.text).toContain('Ubah Password');
      expect(during.text).not.toContain('title="menunggu verifikasi"');
      expect(during.text).toContain('href="/verifikasi"'); // the menu item stays (a direct atasan), only its count is missing
      // it waited on the session pool's short lock_timeout only (the main one is 4 s: before, it waited for it twice)
      expect(ms).toBeLessThan(limits.lockTimeoutMs);
    } finally {
      await locker.query('ROLLBACK');
    }
    expect((await atasan.get('/akun/password')).text).toContain('title="menunggu verifikasi"');
  });
});
