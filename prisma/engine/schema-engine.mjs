#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, built on the WebAssembly build of the same engine
// (@prisma/schema-engine-wasm) and the pg driver adapter. The Prisma CLI downloads the native engine from
// Prisma's binary host, which Pemda networks (and this project's CI) cannot reach; prisma.config.ts points
// PRISMA_SCHEMA_ENGINE_BINARY here unless the user already set it to a native engine.
// Protocol (what the CLI expects of the native engine): see ../../README.md, "Prisma offline".
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const ENGINE_PKG = '@prisma/schema-engine-wasm';
const CHAR_OID = 18; // PostgreSQL's one-byte "char" (pg_class.relkind, pg_constraint.contype)
const BPCHAR_OID = 1042;

function parseArgs(argv) {
  const args = { datamodels: [], datasource: null, cli: null, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--version' || a === '-V') args.version = true;
    else if (a === '--datamodels') args.datamodels.push(argv[++i]);
    else if (a === '--datasource') args.datasource = JSON.parse(argv[++i]);
    else if (a === 'cli') args.cli = argv[++i];
    else if (a === '--enabled-preview-features' || a === '--extension-types') i++;
  }
  return args;
}

/** Discrete connection settings: with a connectionString, pg ignores `database`, which breaks shadow databases. */
export function pgConfig(url) {
  const u = new URL(url);
  const cfg = {
    host: decodeURIComponent(u.hostname) || 'localhost',
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || process.env.PGUSER || process.env.USER,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
  const host = u.searchParams.get('host'); // unix socket: postgresql://user@/db?host=/var/run/postgresql
  if (host) cfg.host = host;
  const schema = u.searchParams.get('schema');
  return { cfg, schema: schema ?? undefined };
}

function logError(code, message) {
  // The CLI drops the first stderr line and parses the rest as JSON log lines.
  process.stderr.write('schema-engine-wasm stand-in\n');
  process.stderr.write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level: 'ERROR', target: 'schema_engine::logger', fields: { error_code: code, message } })}\n`,
  );
}

async function runCliCommand(command, datasource) {
  const { default: pg } = await import('pg');
  const { cfg } = pgConfig(datasource.url);
  const admin = new pg.Client({ ...cfg, database: 'postgres' });
  const target = new pg.Client(cfg);
  try {
    if (command === 'can-connect-to-database') {
      await target.connect();
      await target.end();
    } else if (command === 'create-database') {
      await admin.connect();
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [cfg.database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${cfg.database.replaceAll('"', '""')}"`);
      await admin.end();
      process.stdout.write(`${JSON.stringify({ database_name: cfg.database })}\n`);
    } else if (command === 'drop-database') {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${cfg.database.replaceAll('"', '""')}" WITH (FORCE)`);
      await admin.end();
    } else {
      logError('P1000', `unknown command ${command}`);
      return 1;
    }
    return 0;
  } catch (e) {
    const code = e.code === '3D000' ? 'P1003' : e.code === '28P01' ? 'P1000' : 'P1001';
    logError(code, `${e.message} (${cfg.host}:${cfg.port})`);
    return 1;
  }
}

/** Works around defects of adapter-pg under the schema engine (prisma-offline.md). Patches the shared prototype once. */
function patchQueryable(adapter, ColumnTypeEnum) {
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, 'performIO')) proto = Object.getPrototypeOf(proto);
  if (!proto || proto.__offlinePatched) return;
  proto.__offlinePatched = true;
  const performIO = proto.performIO;
  const queryRaw = proto.queryRaw;
  proto.performIO = async function (query) {
    const result = await performIO.call(this, query);
    const charCols = [];
    result.fields.forEach((f, i) => {
      if (f.dataTypeID === CHAR_OID) {
        f.dataTypeID = BPCHAR_OID;
        charCols.push(i);
      }
    });
    this.__charCols = charCols;
    return result;
  };
  proto.queryRaw = async function (query) {
    const out = await queryRaw.call(this, query);
    for (const i of this.__charCols ?? []) out.columnTypes[i] = ColumnTypeEnum.Character;
    return out;
  };
  // The adapter splits scripts on ';', which breaks functions and triggers ($$ … ; … $$) and comments in
  // migrations. PostgreSQL's simple-query protocol runs a multi-statement script as one call.
  let scriptProto = Object.getPrototypeOf(adapter);
  while (scriptProto && !Object.hasOwn(scriptProto, 'executeScript')) scriptProto = Object.getPrototypeOf(scriptProto);
  scriptProto.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
}

async function createAdapterFactory(datasource) {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } = await import('@prisma/driver-adapter-utils');
  const { cfg, schema } = pgConfig(datasource.url);
  const options = schema ? { schema } : undefined;
  const connect = async (config) => {
    const adapter = await new PrismaPg(config, options).connect();
    patchQueryable(adapter, ColumnTypeEnum);
    return adapter;
  };
  const factory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connect(cfg),
    async connectToShadowDb() {
      if (datasource.shadowDatabaseUrl) return connect(pgConfig(datasource.shadowDatabaseUrl).cfg);
      const main = await connect(cfg);
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await main.executeScript(`CREATE DATABASE "${name}"`);
      const shadow = await connect({ ...cfg, database: name });
      const dispose = shadow.dispose.bind(shadow);
      // Close the shadow pool before dropping its database, else "being accessed by other users".
      shadow.dispose = async () => {
        await dispose();
        await main.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await main.dispose();
      };
      return shadow;
    },
  };
  return bindMigrationAwareSqlAdapterFactory(factory);
}

// The package's exports hide package.json; resolve its main entry and take the folder.
const engineDir = () => dirname(require.resolve(ENGINE_PKG));

async function loadWasm() {
  const dir = engineDir();
  const bg = await import(join(dir, 'schema_engine_bg.js'));
  const bytes = readFileSync(join(dir, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return bg;
}

function errorPayload(e) {
  const message = typeof e === 'string' ? e : (e?.message ?? JSON.stringify(e));
  const isPanic = /panicked|unreachable|RuntimeError/.test(message);
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: {
      is_panic: isPanic,
      message,
      error_code: e?.error_code ?? e?.code ?? undefined,
      meta: e?.meta ?? null,
    },
  };
}

async function serve(args) {
  const bg = await loadWasm();
  const datamodels = args.datamodels.map((p) => [p, readFileSync(p, 'utf8')]);
  const adapter = args.datasource?.url ? await createAdapterFactory(args.datasource) : undefined;
  const log = (line) => {
    try {
      const parsed = JSON.parse(line);
      process.stderr.write(`${JSON.stringify(parsed)}\n`);
    } catch {
      /* not a structured log line: nothing the CLI reads */
    }
  };
  const engine = await bg.SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, log, adapter);

  const pendingToCli = new Map(); // requests we sent to the CLI (print), waiting for its answer
  let nextId = 1_000_000;
  const send = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);

  const handlers = {
    async diff(params) {
      const { stdout, exitCode } = await engine.diff(params);
      if (stdout) {
        const id = nextId++;
        await new Promise((resolve) => {
          pendingToCli.set(id, resolve);
          send({ id, jsonrpc: '2.0', method: 'print', params: { content: stdout } });
        });
      }
      return { exitCode };
    },
    // The wasm build cannot open a shadow database on these two paths ("PostgreSQL shadow DB must be provided
    // through an external factory"), while `diff` from the migration history can: answer them through `diff`.
    async evaluateDataLoss(params) {
      try {
        return await engine.evaluateDataLoss(params);
      } catch (e) {
        if (!isMissingShadowFactory(e)) throw e;
        const { exitCode } = await diffHistoryToSchema(params);
        return { migrationSteps: exitCode === 2 ? 1 : 0, unexecutableSteps: [], warnings: [] };
      }
    },
    async createMigration(params) {
      try {
        return await engine.createMigration(params);
      } catch (e) {
        if (!isMissingShadowFactory(e)) throw e;
        const { exitCode, stdout } = await diffHistoryToSchema(params);
        const empty = exitCode !== 2;
        const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
        return {
          connectorType: 'postgresql',
          generatedMigrationName: `${stamp}_${params.migrationName}`,
          migrationScript: empty && !params.draft ? null : empty ? '-- This is an empty migration.' : stdout,
          extension: 'sql',
        };
      }
    },
    async version(params) {
      return engine.version(params ?? undefined);
    },
  };

  const isMissingShadowFactory = (e) => /external factory/.test(e?.message ?? String(e));
  const diffHistoryToSchema = (params) =>
    engine.diff({
      from: { tag: 'migrations', ...params.migrationsList },
      to: { tag: 'schemaDatamodel', files: params.schema.files },
      script: true,
      exitCode: true,
      shadowDatabaseUrl: null,
      filters: params.filters,
    });

  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const inflight = new Set();
  rl.on('line', (line) => {
    if (!line.trim()) return;
    const msg = JSON.parse(line);
    if (msg.method === undefined && pendingToCli.has(msg.id)) {
      pendingToCli.get(msg.id)();
      pendingToCli.delete(msg.id);
      return;
    }
    const job = (async () => {
      try {
        const fn = handlers[msg.method] ?? ((p) => engine[msg.method](p ?? {}));
        if (!handlers[msg.method] && typeof engine[msg.method] !== 'function') {
          throw new Error(`Method not supported by the wasm stand-in: ${msg.method}`);
        }
        const result = await fn(msg.params);
        send({ id: msg.id, jsonrpc: '2.0', result: result ?? null });
      } catch (e) {
        send({ id: msg.id, jsonrpc: '2.0', error: errorPayload(e) });
      }
    })();
    inflight.add(job);
    job.finally(() => inflight.delete(job));
  });
  rl.on('close', async () => {
    await Promise.allSettled([...inflight]);
    process.exit(0);
  });
}

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  const pkg = JSON.parse(readFileSync(join(engineDir(), 'package.json'), 'utf8'));
  process.stdout.write(`schema-engine-cli ${pkg.version.split('.').pop()}\n`);
  process.exit(0);
} else if (args.cli) {
  process.exit(await runCliCommand(args.cli, args.datasource ?? {}));
} else {
  await serve(args);
}
