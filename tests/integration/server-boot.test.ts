// The real entry point, exactly as `npm start` runs it (prestart bundles src/server.ts with esbuild into dist/server.js,
// then node runs the bundle): on an external PostgreSQL (DATABASE_URL) and on the embedded one (no DATABASE_URL):
// migrate, seed or not, serve, stop cleanly on a signal.
import { type ChildProcess, execFile, execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PEGAWAI } from '../../prisma/demo-data.ts';
import { freePort } from '../../src/db/embedded.ts';
import { TEST_NOW, TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const db = await useTestDatabase({ empty: true });
const dataDir = mkdtempSync(join(tmpdir(), 'ekinerja-boot-'));
// what `prestart` does: the bundle of the code as it is now (views, public, migrations found from the checkout)
await run(process.execPath, ['scripts/build.mjs'], { cwd: root });
const children: ChildProcess[] = [];
afterAll(() => {
  // a failed assertion must not leave a server (and its PostgreSQL) running
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

function start(env: Record<string, string>): { child: ChildProcess; ready: Promise<string>; exited: Promise<number | null> } {
  const { DATABASE_URL: _drop, ...base } = process.env;
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: root,
    env: {
      ...base,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      APP_NOW: TEST_NOW.toISOString(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const ready = new Promise<string>((ok, fail) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      if (out.includes('e-Kinerja siap di')) ok(out);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`server exited (${code}) before it was ready:\n${out}`)));
  });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return { child, ready, exited };
}

/** Command lines of PostgreSQL server processes whose data folder is under `dir`. */
const postgresRunningIn = (dir: string) =>
  execSync('ps -eo args=')
    .toString()
    .split('\n')
    .filter((line) => /\/bin\/postgres\s/.test(line) && line.includes(dir))
    .join('\n');

describe('npm start on an external PostgreSQL (DATABASE_URL set)', () => {
  it('when started, then it migrates and serves without starting a PostgreSQL of its own or writing demo data', async () => {
    const port = await freePort();
    const app = start({ DATABASE_URL: db.url, PORT: String(port), SESSION_SECRET: 'rahasia-sesi-uji-boot-yang-panjang-sekali-0123' });
    const output = await app.ready;
    expect(output).not.toContain('PostgreSQL bawaan');
    expect(output).not.toContain('Login demo');
    const res = await fetch(`http://127.0.0.1:${port}/login`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Login');
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM pegawai');
    expect(rows[0].n).toBe(0);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(143); // 128 + SIGTERM, after the graceful shutdown

    // demo data only when asked: npm run db:seed -- --tanggal YYYY-MM-DD, once; a date that does not exist is refused
    const seed = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'prisma/seed.ts', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: db.url } });
    const wrong = await seed('--tanggal', '2026-02-30').catch((e: { code: number; stderr: string }) => e);
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('--tanggal harus tanggal yang ada') });
    const first = await seed('--tanggal', TEST_TODAY);
    expect(first.stdout).toContain(`Data demo per ${TEST_TODAY} ditulis`);
    const latest = await client.query('SELECT max(tanggal)::text AS d FROM realisasi');
    expect(latest.rows[0].d <= TEST_TODAY).toBe(true);
    const second = await seed();
    expect(second.stdout).toContain('sudah ada');
    const after = await client.query('SELECT count(*)::int AS n FROM pegawai');
    expect(after.rows[0].n).toBe(PEGAWAI.length);
    await client.end();
    // two real boots, migrations and two seed runs as child processes: minutes on a loaded 2-core machine
  }, 180_000);
});

describe('npm start with no DATABASE_URL (embedded PostgreSQL)', () => {
  it('when started twice and stopped with signals, then it seeds once, reuses the data and leaves no postgres process', async () => {
    const port = await freePort();
    const first = start({ PORT: String(port) });
    const out1 = await first.ready;
    expect(out1).toContain('PostgreSQL bawaan');
    expect(out1).toContain('Data demo dibuat');
    expect(out1).toContain('199203102019032001');
    expect(postgresRunningIn(dataDir)).not.toBe('');
    first.child.kill('SIGINT'); // Ctrl-C
    expect(await first.exited).toBe(130); // 128 + SIGINT, after the graceful shutdown
    expect(postgresRunningIn(dataDir)).toBe('');

    const second = start({ PORT: String(port) });
    const out2 = await second.ready;
    expect(out2).not.toContain('Data demo dibuat');
    const res = await fetch(`http://127.0.0.1:${port}/login`);
    expect(res.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(143);
    expect(postgresRunningIn(dataDir)).toBe('');
  }, 180_000);
});
