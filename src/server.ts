import type { Server } from 'node:http';
import exitHook from 'async-exit-hook';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../prisma/demo-data.ts';
import { isDemoSeeded, seedDemo } from '../prisma/seed.ts';
import { createApp } from './app.ts';
import { EnvError, loadEnv } from './config/env.ts';
import { dataSecret, type EmbeddedDb, startEmbeddedPostgres } from './db/embedded.ts';
import { migrateDeploy } from './db/migrate.ts';
import { connectDb, disconnectDb } from './db/prisma.ts';
import { parseWaktu, todayIn } from './domain/periode.ts';
import * as clock from './lib/clock.ts';
import { logger } from './lib/logger.ts';
import { hashPassword } from './services/auth.service.ts';

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

  await migrateDeploy(databaseUrl);
  const { prisma, pool } = connectDb(databaseUrl);

  // Demo data: always for the embedded database (once), never for an external one unless SEED_DEMO=true.
  const seed = env.SEED_DEMO ?? Boolean(embedded);
  if (seed && !(await isDemoSeeded(prisma))) {
    await seedDemo(prisma, { today: todayIn(env.APP_TIMEZONE, clock.now()), passwordHash: await hashPassword(DEMO_PASSWORD) });
    console.log('Data demo dibuat.');
  }

  const app = createApp({ env, pool, sessionSecret });
  server = app.listen(env.PORT, env.HOST);
  await new Promise<void>((ok, fail) => {
    server!.once('listening', ok);
    server!.once('error', fail);
  });
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

main().catch(async (err) => {
  if (err instanceof EnvError) console.error(err.message);
  else console.error('e-Kinerja gagal dijalankan:', err);
  await disconnectDb();
  await embedded?.stop().catch(() => undefined); // never leave a postgres process behind
  process.exit(1);
});
