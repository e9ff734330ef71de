// npm run bench:dashboard — the Dashboard Pimpinan at Kabupaten size, on the dataset `npm run bench` builds
// (.data/bench, or BENCH_DATABASE_URL): 10,000 pegawai, ~2.6 million realisasi, plus a year of presensi added here
// once (set-based; the rekap triggers fill the monthly tables). Measures, for the Pemda-wide view (admin):
//   - the number of queries one dashboard view sends (counted on pg.Client#query), whatever the number of realisasi
//   - server time of the dashboard's service, in process: p50 / p99 over BENCH_RUNS runs
//   - the page over HTTP (autocannon, 10 connections, BENCH_SECONDS s): requests/s and p50 / p99 latency
// Prints a report; asserts nothing.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEMO_ACCOUNTS } from '../prisma/demo-data.ts';
import { type EmbeddedDb, freePort, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrateDeploy } from '../src/db/migrate.ts';
import { connectDb, disconnectDb, prisma } from '../src/db/prisma.ts';
import { todayIn } from '../src/domain/periode.ts';
import * as clock from '../src/lib/clock.ts';
import { dashboardUnit } from '../src/services/dashboard.service.ts';
import { getSettings } from '../src/services/settings.service.ts';
import { loginDemo } from './lib/demo-login.ts';

const root = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const today = todayIn('Asia/Jakarta', clock.now());
const log = (...a: unknown[]) => console.log(...a);
let embedded: EmbeddedDb | undefined;
let app: ChildProcess | undefined;

/** A year of presensi for every pegawai (what an attendance machine exports), once per database. */
async function addPresensiYear(): Promise<void> {
  if (await prisma.setting.findUnique({ where: { key: 'bench_presensi' } })) return;
  const started = performance.now();
  log('Menambah presensi setahun untuk semua pegawai …');
  await prisma.$executeRawUnsafe(`
    INSERT INTO presensi (pegawai_id, tanggal, jam_masuk, jam_pulang, sumber)
    SELECT p.id, d::date,
           CASE WHEN a % 100 < 8 THEN time '07:30' + make_interval(mins => 1 + (a / 100) % 120) ELSE time '07:05' + make_interval(mins => (a / 100) % 25) END,
           CASE WHEN (a / 13) % 100 < 4 THEN time '15:00' ELSE time '16:40' END, 'BENCH'
    FROM pegawai p
    CROSS JOIN generate_series(date '${today}' - 365, date '${today}' - 1, interval '1 day') d
    CROSS JOIN LATERAL (SELECT abs(hashtext(p.nip || d::date)) AS a) h
    WHERE p.aktif AND extract(isodow FROM d) < 6 AND a % 200 <> 0
    ON CONFLICT (pegawai_id, tanggal) DO NOTHING`);
  await prisma.$executeRawUnsafe('ANALYZE');
  await prisma.setting.create({ data: { key: 'bench_presensi', value: { today } } });
  log(`  selesai dalam ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function startApp(url: string): Promise<string> {
  const port = await freePort();
  // the app as `npm start` runs it: the esbuild bundle, built fresh (as `prestart` does)
  await promisify(execFile)(process.execPath, [resolve(root, 'scripts/build.mjs')], { env: { ...process.env, BUILD_QUIET: '1' } });
  app = spawn(process.execPath, ['dist/server.js'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'bench-rahasia-sesi-yang-panjang-0123456789abcdef',
      LOGIN_MAX_PER_IP: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ok, fail) => {
    app!.stdout!.on('data', (c: Buffer) => c.toString().includes('siap di') && ok());
    app!.once('exit', (code) => fail(new Error(`app exited ${code}`)));
  });
  return `http://127.0.0.1:${port}`;
}

const pct = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))];

async function main() {
  if (!process.env.BENCH_DATABASE_URL) embedded = await startEmbeddedPostgres(resolve(root, '.data/bench'), { database: 'ekinerja_bench' });
  const url = process.env.BENCH_DATABASE_URL ?? embedded!.url;
  await migrateDeploy(url);
  connectDb(url);
  if (!(await prisma.setting.findUnique({ where: { key: 'bench_dataset' } }))) {
    log('Data skala kabupaten belum ada: jalankan `npm run bench` dahulu.');
    return;
  }
  await addPresensiYear();
  const size = await prisma.$queryRaw<{ pegawai: number; realisasi: number; presensi: number }[]>`
    SELECT (SELECT count(*) FROM pegawai)::int AS pegawai, (SELECT count(*) FROM realisasi)::int AS realisasi,
           (SELECT count(*) FROM presensi)::int AS presensi`;
  log(
    `Data: ${size[0].pegawai.toLocaleString('id-ID')} pegawai, ${size[0].realisasi.toLocaleString('id-ID')} realisasi, ${size[0].presensi.toLocaleString('id-ID')} presensi`,
  );

  const [tahun, bulan] = today.split('-').map(Number);
  const settings = await getSettings();
  const admin = { isAdmin: true, unitId: null };
  // Query count of one Pemda-wide view.
  const original = pg.Client.prototype.query;
  let n = 0; // queries sent
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    n++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  const t0 = performance.now();
  const data = await dashboardUnit(admin, null, tahun, bulan, settings, { tahun, bulan });
  const dingin = performance.now() - t0;
  const nDingin = n;
  n = 0;
  await dashboardUnit(admin, null, tahun, bulan, settings, { tahun, bulan });
  pg.Client.prototype.query = original;
  log(
    `\nDashboard seluruh Pemda: ${data.total.pegawai.toLocaleString('id-ID')} pegawai dalam satu tampilan; ${nDingin} kueri pertama kali (tren setahun dihitung, ${dingin.toFixed(0)} ms), ${n} kueri berikutnya (tren dari cache 60 s)`,
  );
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await dashboardUnit(admin, null, tahun, bulan, settings, { tahun, bulan });
    times.push(performance.now() - t);
  }
  log(`Waktu server (layanan dashboard, ${RUNS} kali): p50 ${pct(times, 50).toFixed(0)} ms, p99 ${pct(times, 99).toFixed(0)} ms`);
  await disconnectDb();

  const base = await startApp(url);
  const cookie = await loginDemo(base, DEMO_ACCOUNTS.admin);
  const r = await autocannon({ url: `${base}/dashboard`, connections: 10, duration: SECONDS, headers: { cookie } });
  log(
    `HTTP /dashboard (autocannon, 10 koneksi, ${SECONDS} s): ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`,
  );
}

try {
  await main();
} finally {
  app?.kill('SIGTERM');
  await disconnectDb().catch(() => undefined);
  await embedded?.stop();
}
