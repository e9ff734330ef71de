// The project's stand-in for Prisma's native schema engine (prisma/engine/schema-engine.mjs) is exercised
// through the unchanged Prisma CLI, as a developer or the app's boot would use it.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const prismaCli = resolve(root, 'node_modules/prisma/build/index.js');
const engine = resolve(root, 'prisma/engine/schema-engine.mjs');

const db = await useTestDatabase({ empty: true });

async function prisma(args: string[]) {
  try {
    // prisma.config.ts must be what points the CLI at the stand-in: nothing inherited from this process.
    const { PRISMA_SCHEMA_ENGINE_BINARY: _ignored, ...env } = process.env;
    const { stdout, stderr } = await run(process.execPath, [prismaCli, ...args], { cwd: root, env: { ...env, DATABASE_URL: db.url } });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('Prisma CLI offline through the wasm schema engine', () => {
  it('when migrate deploy runs on an empty database, then every migration applies and status is up to date', async () => {
    const deploy = await prisma(['migrate', 'deploy']);
    expect(deploy.out).toMatch(/All migrations have been successfully applied|migrations? found/);
    expect(deploy.code).toBe(0);
    const status = await prisma(['migrate', 'status']);
    expect(status.code).toBe(0);
    expect(status.out).toContain('Database schema is up to date');
  });

  it('when the migrations are compared with schema.prisma, then there is no drift (diff --exit-code → 0)', async () => {
    const diff = await prisma([
      'migrate',
      'diff',
      '--from-migrations',
      'prisma/migrations',
      '--to-schema',
      'prisma/schema.prisma',
      '--exit-code',
    ]);
    expect(diff.out).toContain('No difference detected');
    expect(diff.code).toBe(0);
  });

  it('when the schema differs from the database, then diff --exit-code reports it (exit 2) with the SQL', async () => {
    const diff = await prisma(['migrate', 'diff', '--from-config-datasource', '--to-empty', '--script', '--exit-code']);
    expect(diff.code).toBe(2);
    expect(diff.out).toMatch(/DROP TABLE ("public"\.)?"realisasi"/);
  });

  it('when the migrations ran, then the database holds the rules Prisma does not model (CHECKs and triggers)', async () => {
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined);
    await client.connect();
    onTestFinished(() => client.end());
    const checks = await client.query(`SELECT conname FROM pg_constraint WHERE contype = 'c' AND conname LIKE 'realisasi%' ORDER BY 1`);
    expect(checks.rows.map((r) => r.conname)).toContain('realisasi_status_0_1');
    const triggers = await client.query(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`);
    expect(triggers.rows.map((r) => r.tgname)).toEqual(
      expect.arrayContaining(['audit_log_append_only', 'realisasi_freeze_verified', 'bukti_dukung_freeze_verified']),
    );
    await expect(client.query(`INSERT INTO audit_log (action, object_type) VALUES ('x', 'y')`)).resolves.toBeDefined();
    await expect(client.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('when the engine is asked directly, then it answers like the native one (--version, can-connect)', async () => {
    const version = await run(process.execPath, [engine, '--version']);
    expect(version.stdout).toMatch(/^schema-engine-cli [0-9a-f]{40}\n$/);
    const ok = await run(process.execPath, [engine, '--datasource', JSON.stringify({ url: db.url }), 'cli', 'can-connect-to-database']);
    expect(ok.stderr).toBe('');
    const bad = run(process.execPath, [
      engine,
      '--datasource',
      JSON.stringify({ url: 'postgresql://x@127.0.0.1:1/none' }),
      'cli',
      'can-connect-to-database',
    ]);
    await expect(bad).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('"error_code":"P1001"') });
  });
});
