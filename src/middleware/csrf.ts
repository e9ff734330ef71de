import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const isMultipart = (req: Request) => req.is('multipart/form-data') === 'multipart/form-data';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_COOKIE = 'ekinerja.csrf';
const NONCE = /(?:^|;\s*)ekinerja\.csrf=([A-Za-z0-9_-]{22,64})(?:;|$)/;

/**
 * CSRF on every state-changing request, checked before any route, with no state on the server (so showing a form
 * writes nothing to the database):
 *   - signed in: the token is an HMAC of the session id. It cannot be computed without the secret, is bound to this
 *     session, and changes when the session is regenerated at login.
 *   - anonymous (the login form): signed double-submit. A random nonce in an HttpOnly cookie, the form carries the
 *     HMAC of that nonce; a forged request has neither the cookie's value nor the secret. No session row is created
 *     before the login itself.
 * A multipart form (file upload) is checked before its body is parsed, so it carries the token in its action URL:
 * <form enctype="multipart/form-data" action="/realisasi?_csrf=<%= csrfToken() %>">. (Query strings are not logged,
 * and the Referrer-Policy is no-referrer.)
 */
export function csrf(secret: string, opts: { secureCookie: boolean | 'auto' }) {
  const sign = (binding: string) => createHmac('sha256', secret).update(`csrf:${binding}`).digest('base64url');
  const tokenFrom = (req: Request) =>
    (req.body?._csrf as string | undefined) ??
    (req.headers['x-csrf-token'] as string | undefined) ??
    (isMultipart(req) ? (req.query._csrf as string | undefined) : undefined);

  return (req: Request, res: Response, next: NextFunction): void => {
    let nonce = req.headers.cookie?.match(NONCE)?.[1];
    const binding = (): string | undefined => (req.user ? `sesi:${req.sessionID}` : nonce && `anon:${nonce}`);

    // computed once per request (a list page has a form per row), after the login the user and session id are new
    let memo: { for: string; token: string } | undefined;
    req.csrfToken = () => {
      let b = binding();
      if (!b) {
        const fresh = randomBytes(18).toString('base64url');
        const secure = opts.secureCookie === 'auto' ? req.secure : opts.secureCookie;
        res.cookie(CSRF_COOKIE, fresh, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
        b = `anon:${fresh}`;
        nonce = fresh;
      }
      if (memo?.for !== b) memo = { for: b, token: sign(b) };
      return memo.token;
    };

    if (SAFE.has(req.method)) return next();
    const b = binding();
    const given = tokenFrom(req);
    const expected = b ? Buffer.from(sign(b)) : undefined;
    const got = typeof given === 'string' ? Buffer.from(given) : undefined;
    if (expected && got && got.length === expected.length && timingSafeEqual(got, expected)) return next();
    next(Object.assign(new Error('invalid csrf token'), { code: 'EBADCSRFTOKEN', statusCode: 403 }));
  };
}
