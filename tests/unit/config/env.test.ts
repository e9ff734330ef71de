import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../../src/config/env.ts';
import { konfigurasiSiasn } from '../../../src/features/skp/siasn-adapter.ts';

describe('loadEnv', () => {
  it('when nothing is set, then the defaults apply (port 3000, WIB, embedded database)', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.APP_TIMEZONE).toBe('Asia/Jakarta');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SESSION_IDLE_MINUTES).toBe(30);
  });

  it('when values are set, then they are typed', () => {
    const env = loadEnv({ PORT: '8080', APP_TIMEZONE: 'Asia/Jayapura', DATABASE_URL: 'postgresql://u@db:5432/ek', SEED_DEMO: 'true' });
    expect(env.PORT).toBe(8080);
    expect(env.APP_TIMEZONE).toBe('Asia/Jayapura');
    expect(env.DATABASE_URL).toBe('postgresql://u@db:5432/ek');
    expect(env.SEED_DEMO).toBe(true);
  });

  it('when WORKERS is not set, then the app is one process; auto is one per core (at most 8); a number is kept', () => {
    expect(loadEnv({}).WORKERS).toBe(1);
    expect(loadEnv({ NODE_ENV: 'production' }).WORKERS).toBe(1);
    expect(loadEnv({ WORKERS: 'auto' }).WORKERS).toBe(Math.min(8, availableParallelism()));
    expect(loadEnv({ WORKERS: '3' }).WORKERS).toBe(3);
  });

  it('when SESSION_CACHE is not set, then sessions are kept in memory; false turns it off', () => {
    expect(loadEnv({}).SESSION_CACHE).toBe(true);
    expect(loadEnv({ SESSION_CACHE: 'false' }).SESSION_CACHE).toBe(false);
  });

  it.each([
    [{ WORKERS: 'banyak' }, 'WORKERS'],
    [{ WORKERS: '0' }, 'WORKERS'],
    [{ SESSION_CACHE: 'kadang' }, 'SESSION_CACHE'],
    [{ PORT: 'tiga ribu' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://u@h/db' }, 'DATABASE_URL'],
    [{ SESSION_SECRET: 'pendek' }, 'SESSION_SECRET'],
    [{ APP_TIMEZONE: 'Europe/Berlin' }, 'APP_TIMEZONE'],
    [{ COOKIE_SECURE: 'kadang' }, 'COOKIE_SECURE'],
  ])('when %o, then boot stops with a message naming %s', (vars, name) => {
    expect(() => loadEnv(vars)).toThrow(EnvError);
    expect(() => loadEnv(vars)).toThrow(name);
  });

  it('when the SIASN variables are all set, then the adapter is configured; none: not configured; some: boot stops naming the missing ones', () => {
    const semua = {
      SIASN_API_URL: 'https://apimws.bkn.go.id:8243/apisiasn/1.0/',
      SIASN_TOKEN_URL: 'https://apimws.bkn.go.id/oauth2/token',
      SIASN_CONSUMER_KEY: 'k',
      SIASN_CONSUMER_SECRET: 's',
      SIASN_SSO_TOKEN: 't',
    };
    expect(konfigurasiSiasn(loadEnv(semua))).toMatchObject({
      apiUrl: 'https://apimws.bkn.go.id:8243/apisiasn/1.0',
      timeoutMs: 10_000,
      retries: 2,
    });
    expect(konfigurasiSiasn(loadEnv({}))).toBeNull();
    const { SIASN_SSO_TOKEN: _, SIASN_CONSUMER_SECRET: __, ...sebagian } = semua;
    expect(() => loadEnv(sebagian)).toThrow(/belum diisi: SIASN_CONSUMER_SECRET, SIASN_SSO_TOKEN/);
    expect(() => loadEnv({ ...semua, SIASN_API_URL: 'ftp://bkn' })).toThrow('SIASN_API_URL');
  });
});
