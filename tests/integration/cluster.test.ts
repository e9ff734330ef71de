// Two app processes behind one port (WORKERS=2, Node cluster) serve one signed-in user consistently: the session,
// the throttling counters and the ABK stamp live in PostgreSQL, so it does not matter which process answers.
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.ts';
import { CSRF_COOKIE } from '../../src/middleware/csrf.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const root = resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGTERM');
});

type Answer = { status: number; instance?: string; cookie?: string; body: string; location?: string };
/** One request on a fresh connection (no keep-alive), so the cluster may hand it to any process. */
function call(port: number, method: string, path: string, cookie?: string, form?: Record<string, string>): Promise<Answer> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((ok, fail) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          Connection: 'close',
          ...(cookie ? { Cookie: cookie } : {}),
          ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () =>
          ok({
            status: res.statusCode!,
            instance: res.headers['x-instance'] as string | undefined,
            // the session cookie, or before login the anonymous form's CSRF cookie (no session exists yet)
            cookie: (
              res.headers['set-cookie']?.find((c) => c.startsWith('ekinerja.sid=')) ??
              res.headers['set-cookie']?.find((c) => c.startsWith(`${CSRF_COOKIE}=`))
            )?.split(';')[0],
            location: res.headers.location,
            body: text,
          }),
        );
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}
const tokenIn = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)![1];

describe('two processes behind one port', () => {
  it('when a user signs in on one process, then every page from either process knows them, the login throttle is shared, and a month marked whole is computed in the background', async () => {
    const port = await freePort();
    const { DATABASE_URL: _drop, ...base } = process.env;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: {
        ...base,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        SESSION_SECRET: 'rahasia-sesi-kluster-yang-cukup-panjang-0123456789',
        WORKERS: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_NOW: TEST_NOW.toISOString(),
        LOGIN_MAX_PER_NIP: '3',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((ok, fail) => {
      const onData = (c: Buffer) => {
        out += c.toString();
        if (out.includes('e-Kinerja siap di')) ok();
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.once('exit', (code) => fail(new Error(`cluster exited (${code}):\n${out}`)));
    });
    expect(out).toContain('2 proses');

    const page = await call(port, 'GET', '/login');
    const login = await call(port, 'POST', '/login', page.cookie, {
      _csrf: tokenIn(page.body),
      nip: DEMO_ACCOUNTS.pegawai,
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(303);
    const cookie = login.cookie!;
    const instances = new Set<string>();
    for (let i = 0; i < 16; i++) {
      const home = await call(port, 'GET', '/realisasi', cookie);
      expect(home.status).toBe(200);
      expect(home.body).toContain('Rina Wulandari');
      instances.add(home.instance!);
    }
    expect([...instances].sort(), out).toEqual(['1', '2']); // the processes' own lines say why one was replaced

    // failed logins counted by both processes together: the 4th from this address is refused wherever it lands
    const statuses: number[] = [];
    const seenBy = new Set<string>();
    const form = await call(port, 'GET', '/login'); // one anonymous form (signed CSRF cookie and its token), used on both
    for (let i = 0; i < 4; i++) {
      const res = await call(port, 'POST', '/login', form.cookie, {
        _csrf: tokenIn(form.body),
        nip: DEMO_ACCOUNTS.atasan,
        password: 'salah-salah',
      });
      statuses.push(res.status);
      seenBy.add(res.instance!);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(seenBy.size).toBe(2);

    // a month marked whole (here by hand, as a new hari libur would) is computed by the processes' background pass
    // (server.ts, every 10 s) with no list opened: nothing else takes the mark away
    await db.prisma!.$executeRaw`DELETE FROM bulan_pegawai WHERE tahun = 2026 AND bulan = 10`;
    await db.prisma!.$executeRaw`INSERT INTO bulan_kotor (tahun, bulan) VALUES (2026, 10) ON CONFLICT DO NOTHING`;
    await expect
      .poll(async () => (await db.prisma!.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM bulan_kotor`)[0].n, { timeout: 45_000 })
      .toBe(0);
    const [oktober] = await db.prisma!.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM bulan_pegawai WHERE tahun = 2026 AND bulan = 10`;
    expect(oktober.n).toBeGreaterThan(0);

    child.kill('SIGTERM');
    expect(await new Promise((ok) => child!.once('exit', ok))).toBe(143); // 128 + SIGTERM, after the workers stopped
    await expect(call(port, 'GET', '/healthz')).rejects.toThrow(); // no worker left on the port
  }, 120_000);
});
