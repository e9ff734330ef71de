// A disposable e-Kinerja for scripts that attack or break it (npm run test:fault, npm run scan): its own PostgreSQL
// from the embedded binaries in a throw-away folder, the app as a child process on it, and a browser-like session.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_PASSWORD } from '../../prisma/demo-data.ts';
import { type EmbeddedDb, freePort, startEmbeddedPostgres } from '../../src/db/embedded.ts';

const root = resolve(import.meta.dirname, '../..');
export const APP_NOW = '2026-11-25T10:00'; // a Wednesday mid-month: entries dated that day are inside the input window
export const TANGGAL = '2026-11-25';
const started = performance.now();
export const log = (msg: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
export const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

export type Disposable = {
  db: EmbeddedDb;
  base: string;
  /** The app's error log lines (a 500 names its cause there). */
  appErrors: string[];
  startApp: () => Promise<void>;
  killApp: () => void;
  dispose: () => Promise<void>;
};

export async function disposableInstance(name: string): Promise<Disposable> {
  const dataDir = mkdtempSync(join(tmpdir(), `ekinerja-${name}-`));
  const db = await startEmbeddedPostgres(dataDir, { database: 'ekinerja' });
  const port = await freePort();
  let app: ChildProcess | undefined;
  const appErrors: string[] = [];
  const startApp = (): Promise<void> => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'error',
        DATABASE_URL: db.url,
        SEED_DEMO: 'true',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        APP_NOW,
        LOGIN_MAX_PER_IP: '1000000',
        LOGIN_MAX_PER_NIP: '1000000',
        LOGIN_DELAY_MAX_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app = child;
    let out = '';
    return new Promise((ok, fail) => {
      const onData = (c: Buffer) => {
        out += c.toString();
        for (const line of c.toString().split('\n')) if (line.includes('"level":50')) appErrors.push(line.slice(0, 600));
        if (out.includes('e-Kinerja siap di')) ok();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') console.error(`app exited (${code ?? signal}):\n${out.slice(-3000)}`);
        fail(new Error(`app exited (${code ?? signal}) before it was ready`));
      });
    });
  };
  return {
    db,
    base: `http://127.0.0.1:${port}`,
    appErrors,
    startApp,
    killApp: () => app?.kill('SIGKILL'),
    dispose: async () => {
      app?.kill('SIGKILL');
      await db.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser-like session: its cookies (the session's, and before login the form's CSRF cookie), one CSRF token. */
export class Session {
  jar = new Map<string, string>();
  token = '';
  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  constructor(readonly base: string) {}
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(this.base + path, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(this.cookie ? { Cookie: this.cookie } : {}) },
      signal: AbortSignal.timeout(30_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }
  async tokenFrom(path: string): Promise<void> {
    const html = await (await this.request(path)).text();
    const m = html.match(/name="_csrf" value="([^"]+)"/);
    assert.ok(m, `no CSRF token on ${path}`);
    this.token = m[1];
  }
  post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.token, ...fields }).toString(),
    });
  }
  async login(nip: string, tokenPage = '/realisasi/tambah'): Promise<void> {
    await this.tokenFrom('/login');
    const res = await this.post('/login', { nip, password: DEMO_PASSWORD });
    assert.equal(res.status, 303, `login of ${nip}`);
    await this.tokenFrom(tokenPage);
  }
}
