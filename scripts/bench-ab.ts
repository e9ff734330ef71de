// Two builds of the app against each other over HTTP, in one run, alternating: the Dashboard Pimpinan (admin,
// Pemda-wide) and the Pemda-wide Rekap Unit workbook. Each side is a checkout with its bundle built
// (`node scripts/build.mjs`) and a bench dataset of its own (`BENCH_DATABASE_URL=… BENCH_DATASET_ONLY=1 npm run bench`,
// then `npm run bench:dashboard` once for its year of presensi):
//   AB_A='before|/tmp/before|postgresql://…/ekinerja_bench_old' AB_B='after|.|postgresql://…/ekinerja_bench' \
//   node --import tsx scripts/bench-ab.ts        (ROUNDS, default 2; SECONDS per autocannon run, default 8)
// Prints one line per side and round; asserts nothing. Used for issue 24's before/after (README, Speed).
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEMO_ACCOUNTS } from '../prisma/demo-data.ts';
import { loginDemo } from './lib/demo-login.ts';

type Side = { name: string; dir: string; db: string; port: number };
const side = (spec: string | undefined, port: number): Side => {
  const [name, dir, db] = String(spec ?? '').split('|');
  if (!name || !dir || !db) throw new Error('AB_A and AB_B: "name|checkout|database url"');
  return { name, dir: resolve(dir), db, port };
};
const SIDES = [side(process.env.AB_A, 4101), side(process.env.AB_B, 4102)];
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const SECONDS = Number(process.env.SECONDS ?? 8);
const pct = (l: number[], p: number) => [...l].sort((a, b) => a - b)[Math.min(l.length - 1, Math.floor((p / 100) * l.length))];

async function start(side: Side): Promise<ChildProcess> {
  const app = spawn(process.execPath, ['dist/server.js'], {
    cwd: side.dir,
    env: {
      ...process.env,
      DATABASE_URL: side.db,
      PORT: String(side.port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'bench-rahasia-sesi-yang-panjang-0123456789abcdef',
      LOGIN_MAX_PER_IP: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ok, fail) => {
    app.stdout!.on('data', (c: Buffer) => c.toString().includes('siap di') && ok());
    app.once('exit', (code) => fail(new Error(`exit ${code}`)));
  });
  return app;
}
const results: Record<string, unknown[]> = Object.fromEntries(SIDES.map((s) => [s.name, []]));
for (let round = 1; round <= ROUNDS; round++) {
  for (const side of SIDES) {
    const c = new pg.Client({ connectionString: side.db });
    await c.connect();
    const root = (await c.query('SELECT id FROM unit_kerja WHERE induk_id IS NULL ORDER BY id LIMIT 1')).rows[0].id;
    await c.end();
    const app = await start(side);
    const base = `http://127.0.0.1:${side.port}`;
    try {
      const cookie = await loginDemo(base, DEMO_ACCOUNTS.admin);
      for (let i = 0; i < 3; i++) await (await fetch(`${base}/dashboard`, { headers: { cookie } })).text();
      const r = await autocannon({ url: `${base}/dashboard`, connections: 10, duration: SECONDS, headers: { cookie } });
      const wb: number[] = [];
      for (let i = 0; i < 4; i++) {
        const t = performance.now();
        const res = await fetch(`${base}/laporan/unit/${root}.xlsx`, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`workbook ${res.status}`);
        if (i > 0) wb.push(performance.now() - t); // the first fills the month's rows if any is stale
      }
      const row = { round, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, wb: pct(wb, 50) };
      results[side.name].push(row);
      console.log(side.name, JSON.stringify(row));
    } finally {
      app.kill('SIGTERM');
      await new Promise<void>((ok) => app.once('exit', () => ok()));
    }
  }
}
console.log(JSON.stringify(results));
