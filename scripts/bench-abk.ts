// Speed of the public ABK page against the static ceiling (a fingerprinted CSS asset served from memory), on
// loopback, bounded in time. Usage:
//   node --import tsx scripts/bench-abk.ts [seconds=10] [connections=10]
// With BENCH_DATABASE_URL it uses that (migrated, seeded) database; otherwise it starts a throw-away embedded
// PostgreSQL, migrates and seeds it. autocannon runs as a separate process so it does not share the app's event loop.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_PASSWORD } from '../prisma/demo-data.ts';
import { seedDemo } from '../prisma/seed.ts';
import { createApp } from '../src/app.ts';
import { loadEnv } from '../src/config/env.ts';
import { type EmbeddedDb, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrateDeploy } from '../src/db/migrate.ts';
import { connectDb, disconnectDb } from '../src/db/prisma.ts';
import { todayIn } from '../src/domain/periode.ts';
import { asset } from '../src/lib/assets.ts';
import * as clock from '../src/lib/clock.ts';
import { hashPassword } from '../src/services/auth.service.ts';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 10);
const autocannon = resolve(import.meta.dirname, '../node_modules/.bin/autocannon');

let embedded: EmbeddedDb | undefined;
let dataDir: string | undefined;
let url = process.env.BENCH_DATABASE_URL;
if (!url) {
  dataDir = mkdtempSync(join(tmpdir(), 'ekinerja-bench-'));
  embedded = await startEmbeddedPostgres(dataDir, { database: 'ekinerja' });
  url = embedded.url;
  await migrateDeploy(url);
  const { prisma } = connectDb(url);
  await seedDemo(prisma, { today: todayIn('Asia/Jakarta', clock.now()), passwordHash: await hashPassword(DEMO_PASSWORD) });
} else {
  connectDb(url);
}

const { pool } = await import('../src/db/prisma.ts');
const env = loadEnv({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  DATABASE_URL: url,
});
const app = createApp({ env, pool, sessionSecret: env.SESSION_SECRET! });
const server = app.listen(0, '127.0.0.1');
await new Promise((ok) => server.once('listening', ok));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

type Result = { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };

// Asynchronously: the app answers from this same process while autocannon runs.
function autocannonJson(args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(autocannon, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.on('error', fail);
    child.on('close', () => ok(out));
  });
}

async function run(path: string): Promise<Result> {
  const common = ['-c', String(connections), '-H', 'accept-encoding=gzip, br', `${base}${path}`];
  await autocannonJson(['-j', '-d', '1', ...common]); // warm-up: snapshot built, page rendered once
  return JSON.parse(await autocannonJson(['-j', '-d', String(seconds), ...common])) as Result;
}

const rows: [string, Result][] = [];
for (const path of [asset('app.css'), '/abk', '/abk.csv', '/abk/unit/2']) rows.push([path, await run(path)]);
const ceiling = rows[0][1].requests.average;
console.log(`\nloopback, ${connections} connections, ${seconds} s each, accept-encoding gzip/br\n`);
console.log('path'.padEnd(36), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'non-2xx'.padStart(8), '% of static');
for (const [path, r] of rows) {
  console.log(
    path.padEnd(36),
    r.requests.average.toFixed(0).padStart(9),
    String(r.latency.p50).padStart(8),
    String(r.latency.p99).padStart(8),
    String(r.non2xx + r.errors).padStart(8),
    `${((100 * r.requests.average) / ceiling).toFixed(0)}%`.padStart(11),
  );
}

server.closeAllConnections();
await new Promise((ok) => server.close(ok));
await disconnectDb();
await embedded?.stop();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
