// Issue 20, across processes: two app processes behind one port (WORKERS=2), each keeping sessions in its own memory
// (middleware/session-cache.ts). A change of role, a password change, a deactivation and a logout, made through
// whichever process the cluster hands the request to, take effect at the next request on both processes.
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.ts';
import { CSRF_COOKIE } from '../../src/middleware/csrf.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/app.ts';
import { TEST_NOW } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const root = resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
afterAll(async () => {
  if (child?.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((ok) => child!.once('exit', ok));
  }
  await sql.end();
});

type Answer = { status: number; instance: string; cookies: string[]; body: string; location?: string };
/** One request on a fresh connection (no keep-alive), so the cluster may hand it to either process. */
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
            instance: String(res.headers['x-instance']),
            cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]),
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

describe('sessions kept in memory by two processes', () => {
  it('when a role, a password, an account or a session changes through either process, then the next request on both processes knows it', async () => {
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
        LOGIN_MAX_PER_IP: '1000',
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

    const signIn = async (nip: string, password = DEMO_PASSWORD) => {
      const form = await call(port, 'GET', '/login');
      const res = await call(
        port,
        'POST',
        '/login',
        form.cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`)),
        {
          _csrf: tokenIn(form.body),
          nip,
          password,
        },
      );
      expect(res.status).toBe(303);
      return res.cookies.find((c) => c.startsWith('ekinerja.sid='))!;
    };
    /** GETs until both processes have answered (at least twice each: read, then kept); each answer is checked. */
    const onBoth = async (path: string, cookie: string, check: (a: Answer) => void) => {
      const seen = new Map<string, number>();
      for (let i = 0; i < 40 && !(seen.get('1')! >= 2 && seen.get('2')! >= 2); i++) {
        const a = await call(port, 'GET', path, cookie);
        check(a);
        seen.set(a.instance, (seen.get(a.instance) ?? 0) + 1);
      }
      expect([...seen.keys()].sort()).toEqual(['1', '2']);
    };
    const post = async (path: string, cookie: string, form: Record<string, string>) => {
      const page = await call(port, 'GET', '/akun/password', cookie);
      return call(port, 'POST', path, cookie, { _csrf: tokenIn(page.body), ...form });
    };
    const signedOut = (a: Answer) => expect([a.status, a.location, a.instance]).toEqual([303, '/login', a.instance]);

    const andi = await signIn('199208082019031004');
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    await onBoth('/admin', andi, (a) => expect(a.status).toBe(403));

    // a new role, given through whichever process: both know it at the next request
    const p = (await sql.query(`SELECT id, unit_id, jabatan_id FROM pegawai WHERE nip = '199208082019031004'`)).rows[0];
    const form = (peran: string) => ({
      nip: '199208082019031004',
      nama: 'Andi Saputra, S.H.',
      golongan: 'III/a',
      unitId: String(p.unit_id),
      jabatanId: String(p.jabatan_id ?? ''),
      nipAtasan: '198010102005022003',
      ...(peran ? { peran } : {}),
    });
    expect((await post(`/admin/pegawai/${p.id}`, admin, form('ADMIN'))).status).toBe(303);
    await onBoth('/admin', andi, (a) => expect(a.status).toBe(200));
    expect((await post(`/admin/pegawai/${p.id}`, admin, form(''))).status).toBe(303);
    await onBoth('/admin', andi, (a) => expect(a.status).toBe(403));

    // a password change ends the pegawai's other session on both processes; the session that made it carries on
    const phone = await signIn('199208082019031004');
    await onBoth('/', phone, (a) => expect(a.status).toBe(200));
    const baru = 'teh manis hangat di teras kantor';
    expect((await post('/akun/password', andi, { passwordLama: DEMO_PASSWORD, passwordBaru: baru, konfirmasi: baru })).status).toBe(303);
    await onBoth('/', phone, signedOut);
    await onBoth('/', andi, (a) => expect(a.status).toBe(200));

    // kept in memory on both (each has served this session many times by now): a rename that bypasses the triggers
    // (no notification) is not seen by either process
    await onBoth('/akun/password', andi, (a) => expect(a.status).toBe(200));
    await sql.query('BEGIN');
    await sql.query('SET LOCAL session_replication_role = replica');
    await sql.query(`UPDATE pegawai SET nama = 'Andi (diam-diam)' WHERE nip = '199208082019031004'`);
    await sql.query('COMMIT');
    await onBoth('/akun/password', andi, (a) => expect(a.body).not.toContain('diam-diam'));

    // the admin deactivates the account: signed out on both
    expect((await post(`/admin/pegawai/${p.id}/nonaktifkan`, admin, {})).status).toBe(303);
    await onBoth('/', andi, signedOut);

    // the admin logs out: that cookie opens nothing on either process
    await onBoth('/', admin, (a) => expect(a.status).toBe(200));
    const out2 = await post('/logout', admin, {});
    expect([out2.status, out2.location]).toEqual([303, '/login']);
    await onBoth('/', admin, signedOut);
  }, 180_000);
});
