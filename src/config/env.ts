import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { parseWaktu } from '../domain/periode.ts';

/** A comma-separated list of values, trimmed, empty items dropped ('' → []). */
const commaList = () =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
const TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * App processes behind the one port (Node cluster); sessions, throttling and the ABK stamp live in PostgreSQL.
   * `auto`: one per core the machine allows (at most 8). The default stays 1 (issue 20: on the shared 2-core bench
   * machine two processes were 9–29 % faster when it was quiet, and no faster, with a worse p99, under other load).
   */
  WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL harus berupa URL postgresql://…' }).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET minimal 32 karakter').optional(),
  APP_TIMEZONE: z.enum(TIMEZONES).default('Asia/Jakarta'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z.string().default('false'),
  /** Extra origins whose POSTs are accepted (when a proxy rewrites Host), comma-separated: https://kinerja.example.go.id */
  TRUSTED_ORIGINS: commaList(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /** Sessions and their pegawai kept in each instance's memory, kept current by PostgreSQL's notifications (issue 20). */
  SESSION_CACHE: flag.default(true),
  /**
   * Where the session cache's listening connection goes, when not where DATABASE_URL goes: straight to the PostgreSQL
   * server when DATABASE_URL is a pooler in transaction mode (PgBouncer), which keeps no LISTEN (docs/scaling.md).
   */
  SESSION_LISTEN_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'SESSION_LISTEN_URL harus berupa URL postgresql://…' }).optional(),
  LOGIN_MAX_PER_NIP: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Progressive delay for a NIP failing from many addresses: base, doubling per failure, capped. */
  LOGIN_DELAY_BASE_MS: z.coerce.number().int().min(0).default(250),
  LOGIN_DELAY_MAX_MS: z.coerce.number().int().min(0).default(8000),
  /** Wrong current passwords on Ubah Password per account per window (each costs an argon2 hash). */
  PASSWORD_CHECK_MAX: z.coerce.number().int().min(1).default(5),
  BODY_LIMIT: z.string().default('200kb'),
  /** Bounds on every request's database work (src/db/prisma.ts, DbLimits). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(50).default(1_000),
  DB_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
  DB_POOL_WAIT_MS: z.coerce.number().int().min(100).default(3_000),
  /**
   * Streaming replicas for the read-heavy pages (ABK, Dashboard Pimpinan, Laporan), comma-separated postgresql:// URLs.
   * Empty: everything reads from DATABASE_URL. See src/db/replicas.ts.
   */
  DATABASE_REPLICA_URLS: commaList().pipe(
    z.array(z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_REPLICA_URLS: setiap URL harus postgresql://…' })),
  ),
  /** A replica further behind than this (seconds of replay lag) is skipped until it catches up. */
  REPLICA_MAX_LAG_S: z.coerce.number().min(0).default(10),
  /** After a signed-in user's own change, everything they read comes from the primary for this many seconds. */
  REPLICA_STICKY_S: z.coerce.number().int().min(0).default(15),
  /** How long a request waits for a replica connection before reading from the primary instead. */
  REPLICA_WAIT_MS: z.coerce.number().int().min(50).default(1_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: flag.optional(),
  /**
   * Runs the app's clock from this instant instead of the machine's date (demos, tests that start the app as a
   * process): `2026-12-01T00:30` (in APP_TIMEZONE) or `2026-12-01T00:30:00+07:00`. Refused in production.
   */
  APP_NOW: z.string().optional(),
  /**
   * The national SIASN web service (docs/siasn.md): the API's base URL, the WSO2 token endpoint with the instansi's
   * consumer key/secret (client credentials), and the SSO access token of the operator. All or none: without them the
   * admin page offers the files and says that sending is not configured.
   */
  SIASN_API_URL: z.url({ protocol: /^https?$/, error: 'SIASN_API_URL harus berupa URL http(s)://…' }).optional(),
  SIASN_TOKEN_URL: z.url({ protocol: /^https?$/, error: 'SIASN_TOKEN_URL harus berupa URL http(s)://…' }).optional(),
  SIASN_CONSUMER_KEY: z.string().min(1).optional(),
  SIASN_CONSUMER_SECRET: z.string().min(1).optional(),
  SIASN_SSO_TOKEN: z.string().min(1).optional(),
  /** One request to SIASN waits at most this long; a timed-out or 5xx request is tried again up to SIASN_RETRIES times. */
  SIASN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SIASN_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** Pegawai sent at the same time (the national service is shared by every instansi: keep it small). */
  SIASN_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(4),
});

/** The SIASN variables that must be set together. */
export const SIASN_WAJIB = ['SIASN_API_URL', 'SIASN_TOKEN_URL', 'SIASN_CONSUMER_KEY', 'SIASN_CONSUMER_SECRET', 'SIASN_SSO_TOKEN'] as const;

export type Env = Omit<z.infer<typeof envSchema>, 'WORKERS'> & { WORKERS: number };

/** WORKERS=auto: one process per core Node may use, at most 8 (each holds its own pools and listening connection). */
export const autoWorkers = (): number => Math.min(8, Math.max(1, availableParallelism()));

export class EnvError extends Error {}

export const replicaOptionsOf = (env: Env) => ({
  waitMs: env.REPLICA_WAIT_MS,
  maxLagS: env.REPLICA_MAX_LAG_S,
  stickyS: env.REPLICA_STICKY_S,
});

export const dbLimitsOf = (env: Env) => ({
  statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
  lockTimeoutMs: env.DB_LOCK_TIMEOUT_MS,
  poolMax: env.DB_POOL_MAX,
  poolWaitMs: env.DB_POOL_WAIT_MS,
});

/** Validates the environment once at boot; a bad value stops the app with a readable list. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Konfigurasi tidak valid:\n${lines.join('\n')}`);
  }
  const { APP_NOW, APP_TIMEZONE, NODE_ENV } = parsed.data;
  const siasnKosong = SIASN_WAJIB.filter((k) => parsed.data[k] === undefined);
  if (siasnKosong.length > 0 && siasnKosong.length < SIASN_WAJIB.length)
    throw new EnvError(`Konfigurasi tidak valid:\n  SIASN: isi semua atau kosongkan semua; belum diisi: ${siasnKosong.join(', ')}`);
  const env = { ...parsed.data, WORKERS: parsed.data.WORKERS === 'auto' ? autoWorkers() : parsed.data.WORKERS };
  if (APP_NOW !== undefined) {
    if (NODE_ENV === 'production')
      throw new EnvError('Konfigurasi tidak valid:\n  APP_NOW: tidak boleh diisi di produksi (jam aplikasi = jam server).');
    if (!parseWaktu(APP_NOW, APP_TIMEZONE))
      throw new EnvError(
        'Konfigurasi tidak valid:\n  APP_NOW: waktu tidak terbaca (contoh: 2026-12-01T00:30 atau 2026-12-01T00:30:00+07:00)',
      );
  }
  return env;
}
