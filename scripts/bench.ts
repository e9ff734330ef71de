// npm run bench — e-Kinerja at the size of a whole Kabupaten: 10,000 pegawai and ~2.6 million realisasi a year.
// Builds that dataset once (kept in .data/bench, or BENCH_DATABASE_URL), starts the app as `npm start` runs it
// (the esbuild bundle; WORKERS as set, default 1) and a ceiling server (scripts/bench-ceiling.ts:
// bare Express + EJS + `pg`, the same page shapes, no session or ORM), then measures on loopback, bounded in time:
//   - the main pages against the ceiling, alternating (BENCH_ROUNDS rounds, autocannon, 10 connections, BENCH_SECONDS
//     s each): requests/s, p99, and app ÷ ceiling; BENCH_BEFORE=<checkout> adds another build (its dist/server.js) to
//     the same rounds
//   - for Realisasi Kinerja, Verifikasi, Beranda and the Dashboard, the layers between the ceiling and the app in the
//     same rounds (scripts/bench-layers.ts, one process per layer, and the app in one process): req/s, p99, each
//     layer's share of the gap and the CPU per request of the server and of PostgreSQL (BENCH_LAYERS=0: none)
//   - the other signed-in pages: requests/s and latency
//   - the first visit of each page: bytes on the wire (compressed) and number of requests
//   - the plans of the hot queries at that size (EXPLAIN ANALYZE: index use and time)
//   - verifying a team's pending month in one request
// Prints a report; asserts nothing (tests assert behaviour).

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../prisma/demo-data.ts';
import { isDemoSeeded, seedDemo } from '../prisma/seed.ts';
import { autoWorkers } from '../src/config/env.ts';
import { type EmbeddedDb, freePort, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrateDeploy } from '../src/db/migrate.ts';
import { connectDb, disconnectDb } from '../src/db/prisma.ts';
import { monthRange, todayIn } from '../src/domain/periode.ts';
import * as clock from '../src/lib/clock.ts';
import { hashPassword } from '../src/services/auth.service.ts';
import { segarkan } from '../src/services/bulan-pegawai.service.ts';
import { HALAMAN_BULANAN } from '../src/services/realisasi.service.ts';
import { settingsNow } from '../src/services/settings.service.ts';
import { loginDemo } from './lib/demo-login.ts';

const root = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PEGAWAI = Number(process.env.BENCH_PEGAWAI ?? 10_000);
const PER_PEGAWAI = 260; // working days in a year: 10,000 × 260 = 2.6 million realisasi
const SCALE = Number(process.env.BENCH_SCALE ?? 1); // years of history: 10 = 26 million realisasi
const today = todayIn('Asia/Jakarta', clock.now());
const log = (...a: unknown[]) => console.log(...a);
// BENCH_BULAN=YYYY-MM: the month Realisasi Kinerja (and its ceiling) shows; default this month (on day 1 it holds one
// day of entries: a full month is the fairer page)
const BULAN = process.env.BENCH_BULAN ?? today.slice(0, 7);

let embedded: EmbeddedDb | undefined;
let app: ChildProcess | undefined;
let before: ChildProcess | undefined;
let appSingle: ChildProcess | undefined;
let ceilingServer: ChildProcess | undefined;

async function database(): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  // ×10 in a data directory of its own, so the ×1 dataset stays
  embedded = await startEmbeddedPostgres(resolve(root, SCALE === 1 ? '.data/bench' : `.data/bench-x${SCALE}`), {
    database: 'ekinerja_bench',
  });
  return embedded.url;
}

/**
 * Every pegawai's months of the year brought up to date by the app's one computation (src/domain/bulan-pegawai.ts),
 * as the first Dashboard view would: the lists then read rows, as on a Pemda that has run for a year. On a database
 * whose months are up to date this reads the change marks only (milliseconds); after the build, or a build stopped
 * halfway, it computes what is missing. Returns how many pegawai-months it computed.
 */
async function monthsUpToDate(): Promise<number> {
  const settings = await settingsNow();
  const tahun = Number(today.slice(0, 4));
  let computed = 0;
  for (let b = 1; b <= Number(today.slice(5, 7)); b++) computed += await segarkan(tahun, b, settings, { perUnit: true });
  return computed;
}

/** The Kabupaten-size dataset, generated in SQL (set-based, a minute or two), once per database. */
async function buildDataset(url: string): Promise<void> {
  await migrateDeploy(url);
  const { prisma } = connectDb(url);
  if (!(await isDemoSeeded(prisma))) await seedDemo(prisma, { today, passwordHash: await hashPassword(DEMO_PASSWORD) });
  if (await prisma.setting.findUnique({ where: { key: 'bench_dataset' } })) {
    // what changed since the last run (its POST entries removed, a build stopped halfway) computed before the
    // measurement, not by the first measured view, and said
    const t = performance.now();
    const computed = await monthsUpToDate();
    log(
      `  bulan pegawai diperbarui: ${computed.toLocaleString('id-ID')} bulan-pegawai dihitung, ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    return void (await disconnectDb());
  }
  // a run stopped halfway leaves rows behind: start the generated part again
  {
    // verified rows are frozen by a trigger: the clean-up runs with the triggers off for its session
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('SET session_replication_role = replica');
    await c.query(`DELETE FROM realisasi WHERE pegawai_id IN (SELECT id FROM pegawai WHERE nama LIKE 'Pegawai Uji %')`);
    await c.end();
  }
  await prisma.$executeRawUnsafe(`DELETE FROM target_tahunan WHERE pegawai_id IN (SELECT id FROM pegawai WHERE nama LIKE 'Pegawai Uji %')`);
  await prisma.$executeRawUnsafe(`DELETE FROM pegawai WHERE nama LIKE 'Pegawai Uji %'`);
  const have = await prisma.pegawai.count();
  const started = performance.now();
  log(
    `Membuat data skala kabupaten: ${PEGAWAI.toLocaleString('id-ID')} pegawai, ±${((PEGAWAI * PER_PEGAWAI * SCALE) / 1e6).toFixed(1)} juta realisasi …`,
  );
  const demo = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai }, select: { passwordHash: true } });
  const kasi = await prisma.pegawai.findUniqueOrThrow({ where: { nip: '198307252009022002' }, select: { id: true } });
  const n = PEGAWAI - have;
  const sql = (q: string) => prisma.$executeRawUnsafe(q);
  // Teams of 10: the first of each team is the atasan of the other nine; team leaders report to a demo Kasi. The
  // leaders first, then the members with their leader: each pegawai is inserted with its atasan (the riwayat jabatan
  // trigger records it), no UPDATE pass.
  const insertPegawai = (where: string, atasan: string, join = '') =>
    sql(`
    INSERT INTO pegawai (nip, nama, golongan, jabatan_id, unit_id, atasan_id, peran, password_hash, updated_at)
    SELECT to_char(date '1970-01-01' + i, 'YYYYMMDD') || to_char(date '1970-01-01' + i + interval '25 years', 'YYYYMM') || (1 + i % 2) || '001',
           'Pegawai Uji ' || lpad(i::text, 5, '0'), 'III/a', j.id, j.unit_id, ${atasan}, '{PEGAWAI}', '${demo.passwordHash}', now()
    FROM generate_series(1, ${n}) i
    JOIN (SELECT id, unit_id, row_number() OVER (ORDER BY id) - 1 AS k FROM jabatan WHERE jenis IN ('PELAKSANA', 'FUNGSIONAL') ORDER BY id LIMIT 12) j
      ON j.k = i % least(12, (SELECT count(*) FROM jabatan WHERE jenis IN ('PELAKSANA', 'FUNGSIONAL')))
    ${join}
    WHERE ${where}`);
  await insertPegawai('(i - 1) % 10 = 0', String(kasi.id));
  await insertPegawai(
    '(i - 1) % 10 <> 0',
    'l.id',
    `JOIN pegawai l ON l.nama = 'Pegawai Uji ' || lpad(((i - 1) / 10 * 10 + 1)::text, 5, '0')`,
  );
  const tahun = Number(today.slice(0, 4));
  // Targets, realisasi and the rekap on connections whose row and statement triggers are off (session_replication_role
  // = replica: foreign keys are not re-checked for rows made just above; the monthly rekap is computed once at the end).
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("SET session_replication_role = replica; SET maintenance_work_mem = '256MB'");
    return c;
  };
  const load = await connect();
  await load.query(`
    INSERT INTO target_tahunan (pegawai_id, tahun, uraian_tugas_id, pekerjaan, kuantitas, satuan, asal, updated_at)
    SELECT p.id, ${tahun}, t.id, t.uraian, 120, t.satuan_hasil, 'SKP', now()
    FROM pegawai p
    JOIN LATERAL (SELECT id, uraian, satuan_hasil FROM uraian_tugas WHERE jabatan_id = p.jabatan_id ORDER BY urutan LIMIT 4) t ON true
    WHERE p.nama LIKE 'Pegawai Uji %'`);
  await load.query(`
    INSERT INTO target_bulanan (target_tahunan_id, bulan, kuantitas)
    SELECT tt.id, m, 10 FROM target_tahunan tt JOIN pegawai p ON p.id = tt.pegawai_id, generate_series(1, 12) m
    WHERE p.nama LIKE 'Pegawai Uji %'`);
  await sql(`
    DROP TABLE IF EXISTS bench_tt_all;
    CREATE UNLOGGED TABLE bench_tt_all AS
    SELECT tt.pegawai_id, tt.id AS tt_id, (row_number() OVER (PARTITION BY tt.pegawai_id ORDER BY tt.id) - 1)::int AS k, tt.satuan, tt.pekerjaan
    FROM target_tahunan tt JOIN pegawai p ON p.id = tt.pegawai_id WHERE p.nama LIKE 'Pegawai Uji %'`);
  await sql('CREATE INDEX ON bench_tt_all (pegawai_id, k)');
  const t0 = performance.now();
  log(`  pegawai dan target: ${((t0 - started) / 1000).toFixed(1)} s`);
  // The realisasi in one set-based INSERT on a connection of its own: the secondary indexes are dropped first and
  // built once after the load (faster than maintaining five b-trees row by row), and the row triggers (foreign-key
  // checks, the rekap trigger) are off for that session (session_replication_role = replica: the generated rows
  // reference rows made just above); the monthly rekap is then computed once, set-based, by the migration's own
  // function. BENCH_SCALE=10: ten years of history per pegawai (26 million realisasi), the same pegawai and months.
  try {
    const { rows: indexes } = await load.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
       WHERE i.indrelid = 'realisasi'::regclass AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    );
    for (const i of indexes) await load.query(`DROP INDEX ${i.name}`);
    // A rolling window: PER_PEGAWAI entries a year per pegawai back from today; older months verified by the atasan.
    // Two halves (odd and even pegawai) on two connections: one per core.
    const insertRealisasi = async (half: number) => {
      const c = half === 0 ? load : await connect();
      await c.query(`
        INSERT INTO realisasi (pegawai_id, tanggal, target_tahunan_id, target_bulanan_id, pekerjaan, jumlah, satuan, menit, status,
                               verified_by_id, verified_at, idempotency_key, updated_at)
        SELECT p.id, d.tanggal,
               CASE WHEN extract(year FROM d.tanggal) = ${tahun} THEN b.tt_id END,
               CASE WHEN extract(year FROM d.tanggal) = ${tahun} THEN tb.id END,
               b.pekerjaan, 1 + (g.k % 3), b.satuan, 60, s.status,
               CASE WHEN s.status = 1 THEN p.atasan_id END, CASE WHEN s.status = 1 THEN d.tanggal + interval '1 day' END,
               -- a key unique per (pegawai, k) built from the numbers: gen_random_uuid() was 6 µs a row, a fifth of the load
               (lpad(to_hex(p.id), 16, '0') || lpad(to_hex(g.k), 16, '0'))::uuid, now()
        FROM pegawai p
        CROSS JOIN generate_series(0, ${PER_PEGAWAI * SCALE - 1}) AS g(k)
        CROSS JOIN LATERAL (SELECT (date '${today}' - (g.k * 365 / ${PER_PEGAWAI}))::date AS tanggal) d
        CROSS JOIN LATERAL (SELECT CASE WHEN d.tanggal < date_trunc('month', date '${today}') THEN 1 ELSE 0 END AS status) s
        JOIN bench_tt_all b ON b.pegawai_id = p.id AND b.k = g.k % 4
        LEFT JOIN target_bulanan tb ON tb.target_tahunan_id = b.tt_id AND tb.bulan = extract(month FROM d.tanggal)
        WHERE p.nama LIKE 'Pegawai Uji %' AND p.id % 2 = ${half}`);
      if (c !== load) await c.end();
    };
    await Promise.all([insertRealisasi(0), insertRealisasi(1)]);
    const t1 = performance.now();
    log(`  realisasi dimuat: ${((t1 - t0) / 1000).toFixed(1)} s`);
    await Promise.all(
      indexes.map(async (i) => {
        const c = await connect();
        await c.query(i.def);
        await c.end();
      }),
    );
    const t2 = performance.now();
    log(`  ${indexes.length} indeks realisasi dibangun: ${((t2 - t1) / 1000).toFixed(1)} s`);
  } finally {
    await load.end();
  }
  await sql('DROP TABLE bench_tt_all');
  await sql('ANALYZE');
  // The marker before the months are computed: a new setting marks every computed month of the Pemda for
  // recomputation (the trigger bulan_dari_pengaturan: an unknown key may change them), so written after them it left
  // the whole year to the first Dashboard view (two minutes of 503 "sedang sibuk" in the first run on a new dataset).
  await prisma.setting.create({
    data: { key: 'bench_dataset', value: { pegawai: PEGAWAI, perPegawai: PER_PEGAWAI, scale: SCALE, today } },
  });
  const t3 = performance.now();
  await monthsUpToDate();
  // the statistics of what was just computed, as autovacuum keeps them on a server that runs it (some run without)
  await sql('ANALYZE');
  log(`  bulan pegawai dihitung: ${((performance.now() - t3) / 1000).toFixed(1)} s`);
  const count = await prisma.realisasi.count();
  log(
    `  selesai dalam ${((performance.now() - started) / 1000).toFixed(0)} s: ${(await prisma.pegawai.count()).toLocaleString('id-ID')} pegawai, ${count.toLocaleString('id-ID')} realisasi`,
  );
  await disconnectDb();
}

/** Starts a server as its own process and waits for its "ready" line on stdout. */
async function startServer(args: string[], env: Record<string, string>, ready: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const flags = args.filter((a) => a.startsWith('--'));
  const files = args.filter((a) => !a.startsWith('--'));
  // a built bundle (.js) runs as it is; TypeScript through tsx
  const child = spawn(process.execPath, [...flags, ...(files[0].endsWith('.js') ? [] : ['--import', 'tsx']), ...files], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (c: Buffer) => c.toString().includes(ready) && ok());
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

// The app's environment in the bench (the layer servers take the same: one session secret opens both)
const APP_ENV = {
  HOST: '127.0.0.1',
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  SESSION_SECRET: 'bench-rahasia-sesi-yang-panjang-0123456789abcdef',
  LOGIN_MAX_PER_IP: '100000',
};

async function startApp(url: string, extra: Record<string, string> = {}): Promise<{ base: string; child: ChildProcess }> {
  // BENCH_PROFILE=1: the app writes a V8 CPU profile to .data/prof when it stops (open it in Chrome DevTools)
  const profile = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${resolve(root, '.data/prof')}`] : [];
  // The app as `npm start` runs it: built by esbuild into dist/server.js (BENCH_RUNTIME=tsx: src/server.ts through tsx)
  const tsx = process.env.BENCH_RUNTIME === 'tsx';
  if (!tsx)
    await promisify(execFile)(process.execPath, [resolve(root, 'scripts/build.mjs')], { env: { ...process.env, BUILD_QUIET: '1' } });
  return startServer([...profile, tsx ? 'src/server.ts' : 'dist/server.js'], { ...APP_ENV, DATABASE_URL: url, ...extra }, 'siap di');
}

/**
 * BENCH_BEFORE=<checkout>: another build of the app (its dist/server.js, built there with `node scripts/build.mjs`),
 * on the same database and secret, measured beside this one in the same rounds: before and after in one run.
 */
async function startBefore(url: string): Promise<{ base: string; child: ChildProcess } | undefined> {
  const dir = process.env.BENCH_BEFORE;
  if (!dir) return undefined;
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: resolve(dir),
    env: { ...process.env, ...APP_ENV, DATABASE_URL: url, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('siap di') && ok());
    child.once('exit', (code) => fail(new Error(`${dir}: exited ${code}`)));
  });
  before = child;
  return { base: `http://127.0.0.1:${port}`, child };
}

async function startCeiling(url: string): Promise<string> {
  const { awal, akhir } = monthRange(Number(BULAN.slice(0, 4)), Number(BULAN.slice(5, 7)));
  const started = await startServer(
    ['scripts/bench-ceiling.ts'],
    { DATABASE_URL: url, BULAN_AWAL: awal, BULAN_AKHIR: akhir, HARI_INI: today },
    'ceiling siap',
  );
  ceilingServer = started.child;
  return started.base;
}

const LAYERS = [
  '1 Express + EJS + kueri halaman',
  '2 + express-session (PostgreSQL)',
  '3 + passport',
  '4 + CSRF dan helmet',
  '5 + layout dan menu',
];
const layerServers: ChildProcess[] = [];

async function stopLayers(): Promise<void> {
  for (const child of [...layerServers.splice(0), ...(appSingle ? [appSingle] : [])]) {
    child.kill('SIGTERM');
    await new Promise((ok) => (child.exitCode === null ? child.once('exit', ok) : ok(undefined)));
  }
  appSingle = undefined;
}

/**
 * The layers between the ceiling and the app (scripts/bench-layers.ts, built like the app): one process per layer,
 * on the same database and session secret, so the app's session cookies open them. Layers 1–2 have no passport and
 * serve each page to the pegawai of `nips` (page path → NIP).
 */
async function startLayers(url: string, nips: Record<string, string>): Promise<string[]> {
  await promisify(execFile)(process.execPath, [resolve(root, 'scripts/build.mjs'), 'scripts/bench-layers.ts'], {
    env: { ...process.env, BUILD_QUIET: '1' },
  });
  const bases: string[] = [];
  for (let layer = 1; layer <= LAYERS.length; layer++) {
    const started = await startServer(
      ['dist/bench-layers.js'],
      { ...APP_ENV, DATABASE_URL: url, BENCH_LAYER: String(layer), BENCH_NIPS: JSON.stringify(nips) },
      `lapisan ${layer} siap`,
    );
    layerServers.push(started.child);
    bases.push(started.base);
  }
  return bases;
}

/** One GET on a raw socket: the bytes as sent on the wire (compressed, headers included). */
function wire(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; body: Buffer }> {
  return new Promise((ok, fail) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const head = Object.entries(res.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 20);
          ok({ status: res.statusCode ?? 0, bytes: body.length + head, body });
        });
      })
      .on('error', fail);
  });
}

/** First visit: the HTML and every asset it links, compressed as a browser asks (br), in bytes and requests. */
async function firstVisit(base: string, path: string, cookie?: string) {
  const headers = { 'accept-encoding': 'br, gzip', ...(cookie ? { cookie } : {}) };
  const page = await wire(`${base}${path}`, headers);
  const html = (await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} }).then((r) => r.text())) ?? '';
  const assets = [...new Set([...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]))];
  let bytes = page.bytes;
  for (const a of assets) bytes += (await wire(`${base}${a}`, { 'accept-encoding': 'br, gzip' })).bytes;
  return { status: page.status, requests: 1 + assets.length, kb: bytes / 1024 };
}

type Target = { url: string; cookie?: string; pid?: number; post?: () => { cookie?: string; body: string; path?: string } };

/** CPU time (user + system, µs) each of these processes has used so far, from /proc (Linux; empty elsewhere). */
function cpuOf(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, ((Number(f[11]) + Number(f[12])) * 1e6) / CLK_TCK); // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
const CLK_TCK = 100;

/** A server process and its children (the app's cluster workers). */
function processTree(pid: number): number[] {
  const pids = [pid];
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) pids.push(Number(d));
    }
  } catch {
    // not Linux
  }
  return pids;
}

// The bench database's own PostgreSQL backends (the server may be shared with other work): their CPU per request.
let statsClient: pg.Client | undefined;
async function backends(): Promise<number[]> {
  if (!statsClient) return [];
  const { rows } = await statsClient.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return rows.map((r) => r.pid);
}
const used = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((n, [pid, us]) => n + us - (before.get(pid) ?? 0), 0);

async function load(t: Target, seconds = SECONDS) {
  const headers: Record<string, string> = t.cookie ? { cookie: t.cookie } : {};
  const serverPids = t.pid ? processTree(t.pid) : [];
  const [serverBefore, pgBefore] = [cpuOf(serverPids), cpuOf(await backends())];
  const r = await autocannon({
    url: t.url,
    connections: 10,
    duration: seconds,
    ...(t.post
      ? {
          requests: [
            {
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
              // a fresh idempotency key per request: each POST is a new entry, not a double click
              setupRequest: (req) => {
                const { cookie, body, path } = t.post!();
                return { ...req, ...(path ? { path } : {}), body, headers: { ...req.headers, ...(cookie ? { cookie } : {}) } };
              },
            },
          ],
        }
      : { headers }),
  });
  const ok = t.post ? r['3xx'] : r['2xx'];
  // which answers were not the expected ones (status: count), so a failure says what it was
  const codes = Object.entries((r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})
    .filter(([code]) => code[0] !== (t.post ? '3' : '2'))
    .map(([code, v]) => `${code}×${v.count}`);
  const lost = r.requests.total - ok - codes.reduce((n, c) => n + Number(c.split('×')[1]), 0);
  if (lost > 0) codes.push(`tanpa jawaban×${lost}`);
  // requests/s counts the expected answers only (a refused POST is not a saved entry)
  const rps = r.requests.total ? (r.requests.average * ok) / r.requests.total : 0;
  // CPU per answered request: the server's own process(es), and the bench database's PostgreSQL backends
  const n = Math.max(r.requests.total, 1);
  const serverCpu = used(serverBefore, cpuOf(serverPids)) / n;
  const pgCpu = used(pgBefore, cpuOf(await backends())) / n;
  return { rps, p50: r.latency.p50, p99: r.latency.p99, bad: r.requests.total - ok, codes, serverCpu, pgCpu };
}

async function explain(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ids = await client.query(
    `SELECT (SELECT id FROM pegawai WHERE nip = $1) AS pegawai, (SELECT id FROM pegawai WHERE nama = 'Pegawai Uji 00001') AS ketua`,
    [DEMO_ACCOUNTS.pegawai],
  );
  const { pegawai, ketua } = ids.rows[0];
  const month = today.slice(0, 7);
  const { awal, akhir } = monthRange(Number(BULAN.slice(0, 4)), Number(BULAN.slice(5, 7)));
  const queries: [string, string, unknown[]?][] = [
    [
      'halaman Realisasi Kinerja (satu statement)',
      HALAMAN_BULANAN,
      [pegawai, awal, akhir, Number(BULAN.slice(0, 4)), Number(BULAN.slice(5, 7)), BULAN === today.slice(0, 7) ? today : akhir, 0],
    ],
    [
      'realisasi sebulan seorang pegawai',
      `SELECT * FROM realisasi WHERE pegawai_id = ${pegawai} AND tanggal BETWEEN '${month}-01' AND '${today}' ORDER BY tanggal DESC LIMIT 50`,
    ],
    [
      'antrian verifikasi atasan (count)',
      `SELECT count(*) FROM realisasi r JOIN pegawai p ON p.id = r.pegawai_id WHERE p.atasan_id = ${ketua ?? pegawai} AND r.status = 0`,
    ],
    [
      'rekap setahun seorang pegawai',
      `SELECT target_tahunan_id, extract(month FROM tanggal), sum(jumlah) FROM realisasi WHERE pegawai_id = ${pegawai} AND tanggal BETWEEN '${today.slice(0, 4)}-01-01' AND '${today.slice(0, 4)}-12-31' GROUP BY 1, 2`,
    ],
  ];
  const out = [];
  for (const [name, q, values] of queries) {
    await client.query(q, values); // warm, as a page view after the first
    const plan = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q}`, values)).rows[0]['QUERY PLAN'][0];
    // BENCH_PLAN=1: the whole plan of each, as text
    if (process.env.BENCH_PLAN === '1')
      log(`\n${name}:\n${(await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q}`, values)).rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    const text = JSON.stringify(plan.Plan);
    out.push({
      name,
      ms: plan['Execution Time'] as number,
      index: /Index/.test(text),
      seqScanRealisasi: /"Seq Scan","Parallel Aware":\w+,"Async Capable":\w+,"Relation Name":"realisasi"/.test(text),
    });
  }
  await client.end();
  return out;
}

async function verifyTeam(base: string): Promise<{ n: number; ms: number } | null> {
  const cookie = await loginDemo(base, leaderNip);
  const page = await fetch(`${base}/verifikasi?status=0`, { headers: { cookie } });
  const html = await page.text();
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  const pilih = [...html.matchAll(/name="pilih" value="([^"]+)"/g)].map((m) => m[1]);
  if (!token || pilih.length === 0) return null;
  const body = new URLSearchParams({ _csrf: token });
  for (const p of pilih) body.append('pilih', p);
  const t0 = performance.now();
  await fetch(`${base}/verifikasi`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { n: pilih.length, ms: performance.now() - t0 };
}

let leaderNip = '';

/**
 * The POST bench writes as 10 generated pegawai, one target of this month each (entries removed afterwards): ten
 * people saving at once, as at month-end (one pegawai from 10 connections queues every save on that pegawai's daily
 * minutes lock, a load no person makes). An eleventh pegawai takes the ceiling's INSERTs.
 */
async function postTargets(url: string): Promise<{ nip: string; pegawaiId: number; targetBulananId: number }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT * FROM (
       SELECT DISTINCT ON (p.nama) p.nama, p.nip, p.id AS pegawai_id, tb.id AS target_bulanan_id
       FROM pegawai p JOIN target_tahunan tt ON tt.pegawai_id = p.id JOIN target_bulanan tb ON tb.target_tahunan_id = tt.id
       WHERE p.nama LIKE 'Pegawai Uji %' AND tt.tahun = $1 AND tb.bulan = $2 ORDER BY p.nama DESC, tb.id) w
     ORDER BY nama DESC LIMIT 11`,
    [Number(today.slice(0, 4)), Number(today.slice(5, 7))],
  );
  await client.end();
  return rows.map((r) => ({ nip: r.nip, pegawaiId: r.pegawai_id, targetBulananId: r.target_bulanan_id }));
}

async function removeBenchEntries(url: string, pegawaiId: number[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const r = await client.query(`DELETE FROM realisasi WHERE pegawai_id = ANY($1) AND uraian = 'bench' AND status = 0`, [pegawaiId]);
  await client.end();
  return r.rowCount ?? 0;
}

const fmt = (n: number) => n.toFixed(0).padStart(5);

/**
 * One page through the layers: req/s and p99 of each round, and each layer's share of the gap between the ceiling
 * and the app, counted in time per request (1 / req/s: on a CPU-bound machine the time every layer adds), so the
 * shares add up to 100 %.
 */
function layerReport(
  page: string,
  names: string[],
  runs: { rps: number; p99: number; bad: number; codes: string[]; serverCpu: number; pgCpu: number }[][],
): string {
  const mean = (xs: number[]) => xs.reduce((n, x) => n + x, 0) / xs.length;
  const cost = runs.map((rs) => mean(rs.map((r) => 1e6 / Math.max(r.rps, 1e-9)))); // µs of the machine per request
  const cpu = runs.map((rs) => mean(rs.map((r) => r.serverCpu + r.pgCpu))); // CPU µs per request, server + PostgreSQL
  const share = (xs: number[], k: number) => (k === 0 ? '' : `${((100 * (xs[k] - xs[k - 1])) / (xs[xs.length - 1] - xs[0])).toFixed(0)} %`);
  const lines = [
    `\n${page}: lapisan antara batas atas dan aplikasi (bergantian dalam putaran yang sama)`,
    `  ${'lapisan'.padEnd(36)} | req/s          | p99 ms       | µs/perm. | tambahan | bagian (waktu) | CPU µs/perm.: server + PostgreSQL | bagian (CPU)`,
  ];
  for (const [k, name] of names.entries()) {
    const added = k === 0 ? 0 : cost[k] - cost[k - 1];
    const bad = runs[k].reduce((n, r) => n + r.bad, 0);
    const cpuText = `${mean(runs[k].map((r) => r.serverCpu)).toFixed(0)} + ${mean(runs[k].map((r) => r.pgCpu)).toFixed(0)}`;
    lines.push(
      [
        `  ${(k === names.length - 1 ? `${name} (sisanya)` : name).padEnd(36)}`,
        runs[k]
          .map((r) => fmt(r.rps))
          .join(' / ')
          .padEnd(14),
        runs[k]
          .map((r) => String(r.p99))
          .join(' / ')
          .padEnd(12),
        cost[k].toFixed(0).padStart(8),
        (k === 0 ? '' : `${added >= 0 ? '+' : ''}${added.toFixed(0)}`).padStart(8),
        share(cost, k).padStart(14),
        cpuText.padEnd(33),
        `${share(cpu, k).padStart(12)}${bad ? `  (${bad} jawaban tak terduga: ${runs[k].flatMap((r) => r.codes).join(', ')})` : ''}`,
      ].join(' | '),
    );
  }
  const ratio = (k: number) => runs[runs.length - 1].map((r, i) => (r.rps / runs[k][i].rps).toFixed(2)).join(' / ');
  lines.push(`  aplikasi ÷ batas atas: ${ratio(0)};  aplikasi ÷ lapisan 1 (halaman tanpa pipa): ${ratio(1)}`);
  return lines.join('\n');
}

async function main() {
  const url = await database();
  await buildDataset(url);
  // BENCH_DATASET_ONLY=1: build (or keep) the dataset and stop (timing the build, preparing a machine)
  if (process.env.BENCH_DATASET_ONLY === '1') return;
  let demoPegawaiId = 0;
  {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    leaderNip = (await client.query(`SELECT nip FROM pegawai WHERE nama = 'Pegawai Uji 00001'`)).rows[0]?.nip ?? DEMO_ACCOUNTS.atasan;
    demoPegawaiId = (await client.query('SELECT id FROM pegawai WHERE nip = $1', [DEMO_ACCOUNTS.pegawai])).rows[0].id;
    const size = await client.query(
      'SELECT (SELECT count(*) FROM pegawai)::int AS pegawai, (SELECT count(*) FROM realisasi)::int AS realisasi',
    );
    log(`Data: ${size.rows[0].pegawai.toLocaleString('id-ID')} pegawai, ${size.rows[0].realisasi.toLocaleString('id-ID')} realisasi`);
    // The dataset as autovacuum keeps it on a server that runs it: the dead rows of the last run (its POST entries
    // removed, the month rows computed again) gone, the pages of the bulk load all-visible with their hint bits set.
    // A server running without autovacuum (this machine's) otherwise carries them into every run.
    const t = performance.now();
    await client.query('VACUUM (ANALYZE)');
    log(`  VACUUM (ANALYZE): ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await client.end();
  }
  // ten writers for the app, an eleventh for the ceiling: the ceiling's bare INSERTs (60 minutes each, thousands of
  // them) once went to the app's first writer, whose day then passed 1,440 minutes, so a tenth of the app's POSTs were
  // rightly refused with 422 (the bench's unexplained 422s, and its removing more entries than the app had saved)
  const [ceilingWriter, ...writers] = await postTargets(url);
  statsClient = new pg.Client({ connectionString: url });
  await statsClient.connect();
  // the app as `npm start` runs it (WORKERS from the environment, default 1), and, for the layers (one process each),
  // the app in one process too when that is more than one (WORKERS=auto npm run bench: both in the same rounds)
  const started = await startApp(url);
  app = started.child;
  const base = started.base;
  const workers = process.env.WORKERS === 'auto' ? autoWorkers() : Number(process.env.WORKERS ?? 1);
  const single = workers > 1 && process.env.BENCH_LAYERS !== '0' ? await startApp(url, { WORKERS: '1' }) : undefined;
  appSingle = single?.child;
  const ceil = await startCeiling(url);
  const old = await startBefore(url);
  const pegawai = await loginDemo(base, DEMO_ACCOUNTS.pegawai);
  const atasan = await loginDemo(base, DEMO_ACCOUNTS.atasan);
  const admin = await loginDemo(base, DEMO_ACCOUNTS.admin);
  // Ten writers, each in a session of their own with its CSRF token, posting in turn.
  const penulis: { cookie: string; token: string; path: string }[] = [];
  for (const w of writers) {
    const cookie = await loginDemo(base, w.nip);
    const html = await (await fetch(`${base}/realisasi`, { headers: { cookie } })).text();
    penulis.push({ cookie, token: html.match(/name="_csrf" value="([^"]+)"/)![1], path: `/realisasi/input/${w.targetBulananId}` });
  }
  let turn = 0;
  const inputRequest = () => {
    const s = penulis[turn++ % penulis.length];
    // one minute each: the bench's hundreds of entries per writer on one day stay under the 1,440 minutes a day allows
    const body = new URLSearchParams({
      _csrf: s.token,
      tanggal: today,
      jumlah: '1',
      menit: '1',
      uraian: 'bench',
      idempotencyKey: randomUUID(),
    });
    return { cookie: s.cookie, body: body.toString(), path: s.path };
  };
  const ceilingBody = () => ({ body: 'jumlah=1' });

  // Each main page against its ceiling: the same shape served by bare Express + EJS + pg (scripts/bench-ceiling.ts).
  // The four main signed-in pages also through the layers between the two (scripts/bench-layers.ts).
  const pimpinan = await loginDemo(base, DEMO_ACCOUNTS.pimpinan);
  const realisasiPath = `/realisasi${BULAN === today.slice(0, 7) ? '' : `?bulan=${BULAN}`}`;
  const bulanCeiling = { url: `${ceil}/realisasi/${demoPegawaiId}` };
  type Compared = { name: string; app: Target; ceiling: Target; path?: string; nip?: string };
  const compared: Compared[] = [
    { name: 'GET /login (anonim)', app: { url: `${base}/login` }, ceiling: { url: `${ceil}/login` } },
    {
      name: 'Realisasi Kinerja',
      app: { url: `${base}${realisasiPath}`, cookie: pegawai },
      ceiling: bulanCeiling,
      path: realisasiPath,
      nip: DEMO_ACCOUNTS.pegawai,
    },
    {
      name: 'Verifikasi (atasan)',
      app: { url: `${base}/verifikasi`, cookie: atasan },
      ceiling: bulanCeiling,
      path: '/verifikasi',
      nip: DEMO_ACCOUNTS.atasan,
    },
    { name: 'Beranda (pegawai)', app: { url: `${base}/`, cookie: pegawai }, ceiling: bulanCeiling, path: '/', nip: DEMO_ACCOUNTS.pegawai },
    {
      name: 'Dashboard Pimpinan',
      app: { url: `${base}/dashboard`, cookie: pimpinan },
      ceiling: bulanCeiling,
      path: '/dashboard',
      nip: DEMO_ACCOUNTS.pimpinan,
    },
    { name: 'ABK (publik)', app: { url: `${base}/abk` }, ceiling: { url: `${ceil}/abk` } },
    {
      name: 'POST Input Realisasi',
      app: { url: `${base}/realisasi/input/${writers[0].targetBulananId}`, post: inputRequest },
      ceiling: { url: `${ceil}/realisasi/${ceilingWriter.pegawaiId}`, post: ceilingBody },
    },
  ];
  // BENCH_ONLY=<words>: only the compared pages whose name contains one of them (e.g. BENCH_ONLY=Realisasi,login)
  const only = process.env.BENCH_ONLY?.toLowerCase().split(',');
  const chosen = compared.filter((c) => !only || only.some((w) => c.name.toLowerCase().includes(w)));
  // BENCH_LAYERS=0: the app and the ceiling only
  const layered = process.env.BENCH_LAYERS === '0' ? [] : chosen.filter((c) => c.path);
  const layerBases = layered.length ? await startLayers(url, Object.fromEntries(layered.map((c) => [c.path!.split('?')[0], c.nip!]))) : [];
  const cookieOf = (c: Compared) => c.app.cookie;
  log(`\nAplikasi ÷ batas atas (Express + EJS + pg tanpa sesi/ORM), bergantian, ${ROUNDS} putaran × ${SECONDS} s, autocannon 10 koneksi`);
  log(
    'halaman               | app req/s      | batas req/s    | rasio       | app p99 ms  | batas p99 ms | CPU µs/perm. app vs batas | gagal',
  );
  const layerReports: string[] = [];
  for (const c of chosen) {
    const layers =
      c.path && layered.includes(c)
        ? layerBases.map((b, k) => ({ url: `${b}${c.path}`, cookie: cookieOf(c), pid: layerServers[k].pid }))
        : [];
    // the ceiling first, then the layers in order, the app in one process (when npm start runs more), the app as npm start
    // runs it, and the build before (BENCH_BEFORE): all alternating in each round
    const beforeT = old && { ...c.app, url: c.app.url.replace(base, old.base), pid: old.child.pid };
    const singleT = single && layers.length ? { ...c.app, url: c.app.url.replace(base, single.base), pid: single.child.pid } : undefined;
    const targets: Target[] = [
      { ...c.ceiling, pid: ceilingServer?.pid },
      ...layers,
      ...(singleT ? [singleT] : []),
      { ...c.app, pid: app?.pid },
      ...(beforeT ? [beforeT] : []),
    ];
    const at = { single: layers.length + 1, app: layers.length + (singleT ? 2 : 1) };
    const runs: Awaited<ReturnType<typeof load>>[][] = targets.map(() => []);
    // a short warm-up of each (JIT, prepared statements, caches), not counted
    for (const t of targets) await load(t, 1);
    for (let i = 0; i < ROUNDS; i++) for (const [k, t] of targets.entries()) runs[k].push(await load(t));
    const ceilRuns = runs[0];
    const cpuText = (rs: typeof ceilRuns) =>
      `${(rs.reduce((n, r) => n + r.serverCpu, 0) / rs.length).toFixed(0)}+${(rs.reduce((n, r) => n + r.pgCpu, 0) / rs.length).toFixed(0)}`;
    const row = (label: string, appRuns: typeof ceilRuns) => {
      const each = (xs: typeof ceilRuns, f: (x: (typeof ceilRuns)[number]) => string) => xs.map(f).join(' / ');
      const ratios = appRuns.map((x, i) => (x.rps / ceilRuns[i].rps).toFixed(2)).join(' / ');
      const bad = appRuns.reduce((n, x) => n + x.bad, 0);
      const codes = appRuns.some((x) => x.codes.length) ? ` (${appRuns.flatMap((x) => x.codes).join(', ')})` : '';
      log(
        [
          label.padEnd(21),
          each(appRuns, (x) => fmt(x.rps)).padEnd(14),
          each(ceilRuns, (x) => fmt(x.rps)).padEnd(14),
          ratios.padEnd(11),
          each(appRuns, (x) => String(x.p99)).padEnd(11),
          each(ceilRuns, (x) => String(x.p99)).padEnd(12),
          // CPU per request (mean of the rounds): the server's processes + PostgreSQL's, for the app and the ceiling
          `${cpuText(appRuns)} vs ${cpuText(ceilRuns)}`.padEnd(22),
          `${bad}${codes}`,
        ].join(' | '),
      );
    };
    row(workers > 1 ? `${c.name} (${workers} proses)` : c.name, runs[at.app]);
    if (singleT) row('  (1 proses)', runs[at.single]);
    if (beforeT) row('  (sebelum)', runs[at.app + 1]);
    if (layers.length)
      layerReports.push(layerReport(c.name, ['batas atas (1 kueri)', ...LAYERS, 'aplikasi, 1 proses'], runs.slice(0, layers.length + 2)));
    // after the last layered page the layer servers stop: their listening connections would otherwise be notified of
    // every write of the POST bench (production has one per instance, not seven)
    if (c === layered.at(-1)) await stopLayers();
  }
  for (const r of layerReports) log(r);
  log(
    `  (entri uji POST dihapus: ${await removeBenchEntries(
      url,
      [ceilingWriter, ...writers].map((w) => w.pegawaiId),
    )})`,
  );
  if (only) {
    if (process.env.BENCH_PLAN === '1') await printPlans(url);
    return;
  }

  const pages: [string, string, string | undefined][] = [
    ['Login', '/login', undefined],
    ['Beranda (pegawai)', '/', pegawai],
    ['Realisasi Kinerja', '/realisasi', pegawai],
    ['Realisasi Tahunan', '/realisasi-tahunan', pegawai],
    ['Verifikasi (atasan)', '/verifikasi', atasan],
    ['ABK (publik)', '/abk', undefined],
    ['Anjab', '/anjab', pegawai],
    ['Admin: pegawai', '/admin/pegawai', admin],
  ];
  log(`\nHalaman lain (autocannon, 10 koneksi, ${SECONDS} s per halaman; kunjungan pertama dengan Accept-Encoding: br)`);
  log('halaman                   | req/s  | p50 ms | p99 ms | non-2xx | kunjungan pertama');
  for (const [name, path, cookie] of pages) {
    const first = await firstVisit(base, path, cookie);
    const l = compared.some((c) => c.app.url === `${base}${path}`) ? null : await load({ url: `${base}${path}`, cookie });
    log(
      `${name.padEnd(25)} | ${l ? `${l.rps.toFixed(0).padStart(6)} | ${String(l.p50).padStart(6)} | ${String(l.p99).padStart(6)} | ${String(l.bad).padStart(7)}` : '  (lihat tabel di atas)            '} | ${first.kb.toFixed(1)} KB, ${first.requests} permintaan (HTTP ${first.status})`,
    );
  }

  await printPlans(url);

  const team = await verifyTeam(base);
  if (team) log(`\nVerifikasi terpilih: ${team.n} realisasi satu tim dalam satu permintaan: ${team.ms.toFixed(0)} ms`);
}

async function printPlans(url: string) {
  log('\nRencana kueri pada ukuran ini (EXPLAIN ANALYZE)');
  for (const q of await explain(url))
    log(
      `  ${q.name.padEnd(42)} ${q.ms.toFixed(2).padStart(8)} ms  indeks: ${q.index ? 'ya' : 'TIDAK'}  seq scan realisasi: ${q.seqScanRealisasi ? 'YA' : 'tidak'}`,
    );
}

try {
  await main();
} finally {
  for (const child of [app, appSingle, before, ceilingServer, ...layerServers]) {
    child?.kill('SIGTERM');
    await new Promise((ok) => (child && child.exitCode === null ? child.once('exit', ok) : ok(undefined)));
  }
  await statsClient?.end().catch(() => undefined);
  await embedded?.stop();
}
