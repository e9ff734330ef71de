// The menu's badges are counted in the session's own statement (issue 12), and they count realisasi. A long lock on
// realisasi must then cost a page that does not touch realisasi one short wait on the session pool's lock_timeout
// (SESSION_LOCK_TIMEOUT_MS), never the main lock_timeout, and never twice: the page shows without its badge.
// Since issue 20 an instance keeps the badges it counted (middleware/session-cache.ts) until an entry they count
// changes: kept, they cost the lock nothing; once a subordinate's entry changed, they are counted again, as above.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { SESSION_LOCK_TIMEOUT_MS } from '../../src/db/prisma.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs, sessionCacheReady } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

// The main pool waits for a lock as long as the lock is held (a minute), the session pool 200 ms: a page that waited on
// the main pool would wait until the test lets the lock go, and then count its badge. So the badge missing from the
// answer proves the page gave up on the session pool's short wait and did not count again — whatever the machine's load.
const limits = { statementTimeoutMs: 60_000, lockTimeoutMs: 60_000, poolMax: 4, poolWaitMs: 30_000 };
const SAFETY_RELEASE_MS = 20_000; // a regression must fail on the badge, not hang the file
const db = await useTestDatabase({ limits });
const app = buildApp(db.pool!);
await sessionCacheReady(app);
const locker = new pg.Client({ connectionString: db.url });
await locker.connect();
afterAll(() => locker.end());

describe('the menu badge during a long lock on realisasi', () => {
  it('when realisasi is locked, then an atasan page that does not read realisasi answers without waiting for the lock: with the badges it kept, or without them once an entry they count changed', async () => {
    expect(SESSION_LOCK_TIMEOUT_MS).toBeLessThan(limits.lockTimeoutMs / 4);
    const atasan = await loginAs(app, DEMO_ACCOUNTS.atasan);
    const before = await atasan.get('/akun/password');
    expect(before.status).toBe(200);
    expect(before.text).toContain('title="menunggu verifikasi"'); // the demo atasan has entries waiting

    let held = false;
    const lock = async () => {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE realisasi IN ACCESS EXCLUSIVE MODE');
      held = true;
    };
    const release = () => {
      if (!held) return Promise.resolve();
      held = false;
      return locker.query('ROLLBACK');
    };

    // the badges just counted are kept: the page shows them while the lock is still held (no wait for it)
    await lock();
    let safety = setTimeout(release, SAFETY_RELEASE_MS);
    try {
      const kept = await atasan.get('/akun/password');
      expect(held).toBe(true);
      expect(kept.status).toBe(200);
      expect(kept.text).toContain('title="menunggu verifikasi"');
    } finally {
      clearTimeout(safety);
      await release();
    }

    // a subordinate's entry changes: the kept badges are dropped and must be counted again
    const changed = await locker.query(
      `UPDATE realisasi SET uraian = uraian WHERE id = (SELECT r.id FROM realisasi r JOIN pegawai p ON p.id = r.pegawai_id
         JOIN pegawai a ON a.id = p.atasan_id WHERE a.nip = $1 AND r.status = 0 ORDER BY r.id LIMIT 1)`,
      [DEMO_ACCOUNTS.atasan],
    );
    expect(changed.rowCount).toBe(1);
    await lock();
    safety = setTimeout(release, SAFETY_RELEASE_MS);
    try {
      const during = await atasan.get('/akun/password');
      expect(held).toBe(true);
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
