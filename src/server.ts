import cluster from 'node:cluster';
import type { Server } from 'node:http';
import exitHook from 'async-exit-hook';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../prisma/demo-data.ts';
import { isDemoSeeded, seedDemo } from '../prisma/seed.ts';
import { createApp } from './app.ts';
import { dbLimitsOf, type Env, EnvError, loadEnv, replicaOptionsOf } from './config/env.ts';
import { dataSecret, type EmbeddedDb, startEmbeddedPostgres } from './db/embedded.ts';
import { migrateDeploy } from './db/migrate.ts';
import { connectDb, disconnectDb } from './db/prisma.ts';
import { connectReplicas, disconnectReplicas, startReplicaMonitor } from './db/replicas.ts';
import { parseWaktu, todayIn } from './domain/periode.ts';
import * as clock from './lib/clock.ts';
import { logger } from './lib/logger.ts';
import { hashPassword } from './services/auth.service.ts';
import { segarkanLatar } from './services/bulan-pegawai.service.ts';
import { pruneThrottle } from './services/throttle.service.ts';

let embedded: EmbeddedDb | undefined;
let server: Server | undefined;

async function main(): Promise<void> {
  const started = performance.now();
  const env = loadEnv();
  if (env.APP_NOW) {
    clock.setClock(parseWaktu(env.APP_NOW, env.APP_TIMEZONE)!, { frozen: false });
    console.log(`APP_NOW: jam aplikasi berjalan mulai ${clock.now().toISOString()} (bukan jam mesin).`);
  }

  exitHook(async (done) => {
    logger.info('e-Kinerja berhenti…');
    server?.closeAllConnections();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    await disconnectReplicas();
    await disconnectDb();
    await embedded?.stop().catch((err) => logger.warn({ err }, 'embedded PostgreSQL did not stop cleanly'));
    done();
  });

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    console.log(`Tanpa DATABASE_URL: menjalankan PostgreSQL bawaan (embedded) di ${env.DATA_DIR}/postgres …`);
    embedded = await startEmbeddedPostgres(env.DATA_DIR, { database: 'ekinerja' });
    databaseUrl = embedded.url;
  }
  let sessionSecret = env.SESSION_SECRET;
  if (!sessionSecret) {
    if (env.NODE_ENV === 'production' && !embedded) throw new EnvError('SESSION_SECRET wajib diisi di produksi (minimal 32 karakter).');
    sessionSecret = dataSecret(env.DATA_DIR, 'session-secret', 48);
  }

  // In a cluster the primary prepares the database once and the workers only serve.
  const worker = cluster.isWorker;
  if (!worker) await migrateDeploy(databaseUrl);
  // Demo data: always for the embedded database (once), never for an external one unless SEED_DEMO=true.
  // Seeded on a connection without the request limits (its set-based statements may run longer than a request may).
  const seed = env.SEED_DEMO ?? Boolean(embedded);
  if (seed && !worker) {
    const { prisma } = connectDb(databaseUrl);
    if (!(await isDemoSeeded(prisma))) {
      await seedDemo(prisma, { today: todayIn(env.APP_TIMEZONE, clock.now()), passwordHash: await hashPassword(DEMO_PASSWORD) });
      console.log('Data demo dibuat.');
    }
    await disconnectDb();
  }
  if (env.WORKERS > 1 && cluster.isPrimary) return startWorkers(env, databaseUrl, sessionSecret, started, seed);
  const { pool } = connectDb(databaseUrl, dbLimitsOf(env));
  if (env.DATABASE_REPLICA_URLS.length > 0) {
    connectReplicas(env.DATABASE_REPLICA_URLS, dbLimitsOf(env), replicaOptionsOf(env));
    startReplicaMonitor();
  }

  // Expired login counters are deleted now and every 15 minutes (login_throttle would otherwise only grow).
  const prune = () => pruneThrottle().catch((err) => logger.warn({ err: { message: (err as Error).message } }, 'throttle prune'));
  void prune();
  setInterval(prune, 15 * 60_000).unref();

  // Months marked whole (a change of the settings, a hari libur, a pagu: every pegawai's figures) computed in the
  // background, so the first list view after the change does not start it (bulan-pegawai.service.ts segarkanLatar).
  let berjalan = false; // one pass at a time: a pass can take longer than the interval
  let gagal = 0; // one log line per run of failures (a database that is down), not one per pass
  const segarkanBulan = () => {
    if (berjalan) return;
    berjalan = true;
    segarkanLatar()
      .then(() => {
        gagal = 0;
      })
      .catch((err) => {
        if (gagal++ === 0 && !(pool as unknown as { ending?: boolean }).ending)
          logger.warn({ err: { message: (err as Error).message } }, 'bulan: hitung latar gagal; dicoba lagi tiap 10 detik');
      })
      .finally(() => {
        berjalan = false;
      });
  };
  setInterval(segarkanBulan, 10_000).unref();

  const app = createApp({ env, pool, sessionSecret });
  server = app.listen(env.PORT, env.HOST);
  // Which process answered (1, 2, …): lets an operator and the cluster test see the load spread. Not a secret.
  if (cluster.isWorker) server.prependListener('request', (_req, res) => res.setHeader('X-Instance', String(cluster.worker!.id)));
  await new Promise<void>((ok, fail) => {
    server!.once('listening', ok);
    server!.once('error', fail);
  });
  if (cluster.isWorker) return void logger.info({ worker: cluster.worker!.id }, 'worker siap');
  const lines = [`\ne-Kinerja siap di http://localhost:${env.PORT}  (${Math.round(performance.now() - started)} ms)`];
  if (seed) {
    lines.push(
      `Login demo (password ${DEMO_PASSWORD}):`,
      `  pegawai  ${DEMO_ACCOUNTS.pegawai}`,
      `  atasan   ${DEMO_ACCOUNTS.atasan}`,
      `  admin    ${DEMO_ACCOUNTS.admin}`,
      `  pimpinan ${DEMO_ACCOUNTS.pimpinan}`,
    );
  }
  lines.push('Tekan Ctrl-C untuk berhenti.\n');
  console.log(lines.join('\n'));
}

/**
 * WORKERS > 1: the primary forks that many app processes sharing the port (Node cluster) and restarts one that dies.
 * They share everything that matters through PostgreSQL (sessions, throttling counters, the ABK stamp) and the one
 * session secret, so a signed-in user may land on any of them (tests/integration/cluster.test.ts).
 */
async function startWorkers(env: Env, databaseUrl: string, sessionSecret: string, started: number, seeded: boolean): Promise<void> {
  let stopping = false;
  const fork = () => cluster.fork({ DATABASE_URL: databaseUrl, SESSION_SECRET: sessionSecret, SEED_DEMO: 'false' });
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    logger.warn({ worker: w.id, code, signal }, 'worker berhenti; menjalankan pengganti');
    fork();
  });
  exitHook(async (done) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    const stopped = (w: NonNullable<(typeof workers)[number]>) =>
      new Promise((ok) => {
        if (w.isDead()) return ok(undefined);
        w.once('exit', ok);
        w.kill('SIGTERM');
      });
    await Promise.all(workers.filter((w) => w !== undefined).map(stopped));
    done();
  });
  let listening = 0;
  await new Promise<void>((ok) => {
    cluster.on('listening', () => {
      if (++listening === env.WORKERS) ok();
    });
    for (let i = 0; i < env.WORKERS; i++) fork();
  });
  const lines = [
    `\ne-Kinerja siap di http://localhost:${env.PORT}  (${env.WORKERS} proses, ${Math.round(performance.now() - started)} ms)`,
  ];
  if (seeded)
    lines.push(
      `Login demo (password ${DEMO_PASSWORD}): pegawai ${DEMO_ACCOUNTS.pegawai}, atasan ${DEMO_ACCOUNTS.atasan}, admin ${DEMO_ACCOUNTS.admin}`,
    );
  console.log(lines.join('\n'));
}

main().catch(async (err) => {
  if (err instanceof EnvError) console.error(err.message);
  else console.error('e-Kinerja gagal dijalankan:', err);
  await disconnectDb();
  await embedded?.stop().catch(() => undefined); // never leave a postgres process behind
  process.exit(1);
});
