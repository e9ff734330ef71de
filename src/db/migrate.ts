import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Applies pending migrations with the unchanged Prisma CLI (`prisma migrate deploy`), offline (see prisma.config.ts). */
export async function migrateDeploy(databaseUrl: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const cli = resolve(dirname(require.resolve('prisma/package.json')), 'build/index.js');
  const { stdout } = await run(process.execPath, [cli, 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    maxBuffer: 10 * 1024 * 1024,
  });
  return stdout;
}
