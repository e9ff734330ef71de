import { NotFoundError } from './errors.ts';

const INT4_MAX = 2_147_483_647;

/** A route's numeric id ("12"); anything else is a 404, like an id that does not exist. */
export function idParam(value: unknown): number {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) throw new NotFoundError();
  const n = Number(value);
  if (n > INT4_MAX) throw new NotFoundError();
  return n;
}

/**
 * An id filter in a query string (`?pegawai=12`): a PostgreSQL integer, or no filter at all. A number beyond int4
 * used to reach PostgreSQL and come back as a 500; it names nothing, so it filters nothing.
 */
export function queryId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n > INT4_MAX ? undefined : n;
}

/** A page number in a query string (`?halaman=3`): 1 … max; anything else is page 1 (a 30-digit page is page 1). */
export function queryPage(value: unknown, max = 100_000): number {
  if (typeof value !== 'string' || !/^\d{1,7}$/.test(value)) return 1;
  return Math.min(max, Math.max(1, Number(value)));
}
