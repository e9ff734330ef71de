// The menu's badges are counted in the session's own statement (issue 12), and they count realisasi. A long lock on
// realisasi must then cost a page that does not touch realisasi one short wait on the session pool's lock_timeout
// (SESSION_LOCK_TIMEOUT_MS), never the main lock_timeout, and never twice: the page shows without its badge.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { SESSION_LOCK_TIMEOUT_MS } from '../../src/db/prisma.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

// The main pool waits for a lock as long as the lock is held (a minute), the session pool 200 ms: a page that waited on
// the main pool would wait until the test lets the lock go, and then count its badge. So the badge missing from the
// answer proves the page gave up on the session pool's short wait and did not count again — whatever the machine's load.
const limits = { statementTimeoutMs: 60_000, lockTimeoutMs: 60_000, poolMax: 4, poolWaitMs: 30_000 };
const SAFETY_RELEASE_MS = 20_000; // a regression must fail on the badge, not hang the file
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
    let held = true;
    const release = () => {
      if (!held) return Promise.resolve();
      held = false;
      return locker.query('ROLLBACK');
    };
    const safety = setTimeout(release, SAFETY_RELEASE_MS);
    try {
      const during = await atasan.get('/akun/password');
      expect(during.status).toBe(200);
      expect(during.text).toContain('Ubah Password');
      expect(during.text).not.toContain('title="menunggu verifikasi"');
      expect(during.text).toContain('href="/verifikasi"'); // the menu item stays (a direct atasan), only its count is missing
    } finally {
      clearTimeout(safety);
      await release();
    }
    expect((await atasan.get('/akun/password')).text).toContain('title="menunggu verifikasi"');
  });
});
