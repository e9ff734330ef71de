import { NotFoundError } from './errors.ts';

/** A route's numeric id ("12"); anything else is a 404, like an id that does not exist. */
export function idParam(value: unknown): number {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) throw new NotFoundError();
  const n = Number(value);
  if (n > 2_147_483_647) throw new NotFoundError();
  return n;
}
