import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * True when every folder of prisma/migrations is recorded as applied and none failed: one query instead of starting
 * the Prisma CLI and its WebAssembly engine (about 3 s of CPU) on every start of an up-to-date database (issue 12).
 */
async function upToDate(databaseUrl: string): Promise<boolean> {
  const folders = readdirSync(resolve(root, 'prisma/migrations'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; ok: boolean }>(
      'SELECT migration_name, finished_at IS NOT NULL AND rolled_back_at IS NULL AS ok FROM _prisma_migrations',
    );
    if (rows.some((r) => !r.ok && !rows.some((o) => o.ok && o.migration_name === r.migration_name))) return false;
    const applied = new Set(rows.filter((r) => r.ok).map((r) => r.migration_name));
    return folders.every((f) => applied.has(f));
  } catch {
    return false; // no table yet (a new database), or unreachable: the CLI says what is wrong
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Applies pending migrations with the unchanged Prisma CLI (`prisma migrate deploy`), offline (see prisma.config.ts). */
export async function migrateDeploy(databaseUrl: string): Promise<string> {
  if (await upToDate(databaseUrl)) return 'No pending migrations to apply.';
  const require = createRequire(import.meta.url);
  const cli = resolve(dirname(require.resolve('prisma/package.json')), 'build/index.js');
  const { stdout } = await run(process.execPath, [cli, 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    maxBuffer: 10 * 1024 * 1024,
  });
  return stdout;
}
