import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { connectDb, type DbLimits, disconnectDb } from '../../src/db/prisma.ts';

export const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/** A database of this test file's own: a copy of the migrated, seeded template. Dropped after the file. */
export async function useTestDatabase(opts: { empty?: boolean; limits?: DbLimits } = {}) {
  const serverUrl = inject('serverUrl');
  const name = `ekinerja_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(opts.empty ? `CREATE DATABASE "${name}"` : `CREATE DATABASE "${name}" TEMPLATE "${inject('templateDb')}"`);
  const url = withDatabase(serverUrl, name);
  afterAll(async () => {
    await disconnectDb();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  if (opts.empty) return { url, name };
  const { prisma, pool } = connectDb(url, opts.limits);
  return { url, name, prisma, pool };
}
