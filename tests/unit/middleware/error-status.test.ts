import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { errorHandler, sqlStateOf } from '../../../src/middleware/error-handler.ts';

// The shape Prisma 7 gives a PostgreSQL error through @prisma/adapter-pg (seen in the long-lock and fault tests).
const prismaError = (sqlState: string) =>
  Object.assign(new Error('Database error'), {
    code: 'P2039',
    meta: { driverAdapterError: { cause: { originalCode: sqlState, kind: 'postgres', code: sqlState } } },
  });

function statusFor(err: unknown): { status: number; retryAfter?: string } {
  let status = 0;
  const headers: Record<string, string> = {};
  const res = {
    headersSent: false,
    status: (s: number) => {
      status = s;
      return res;
    },
    setHeader: (k: string, v: string) => {
      headers[k] = v;
    },
    json: () => undefined,
  } as unknown as Response;
  const req = { id: 'x', originalUrl: '/x', accepts: () => 'json' } as unknown as Request;
  errorHandler(err, req, res, () => undefined);
  return { status, retryAfter: headers['Retry-After'] };
}

describe('error status of database errors', () => {
  it.each([
    ['55P03', 503], // lock_timeout
    ['57014', 503], // statement_timeout
    ['57P01', 503], // server shut down under the request
    ['08006', 503],
    ['23505', 409], // unique violation
    ['22021', 422], // NUL in text
    ['22003', 422], // number out of range
    ['P0001', 500], // a trigger refusing: a bug in the app if it reaches the user
  ])('when PostgreSQL answers %s through Prisma, then the page is %i', (state, expected) => {
    expect(sqlStateOf(prismaError(state))).toBe(state);
    const { status, retryAfter } = statusFor(prismaError(state));
    expect(status).toBe(expected);
    if (expected === 503) expect(retryAfter).toBe('10');
  });

  it("when the error is Prisma's own code, then it is not read as a SQLSTATE", () => {
    expect(sqlStateOf({ code: 'P2002' })).toBeUndefined();
    expect(statusFor({ code: 'P2002' }).status).toBe(409);
  });
});
