import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../lib/errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const hostOf = (value: string): string | null => {
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return null;
  }
};

/**
 * Defence in depth beside the CSRF token (OWASP CSRF cheat sheet, "verifying origin with standard headers"): a
 * state-changing request that a browser says comes from another site is refused before any route. Browsers send
 * Origin on every POST (the Referrer-Policy is same-origin, so a same-site form sends its real origin, and Referer
 * when Origin is missing); "null" (sandboxed frames, cross-site redirects) is refused too. Requests without either
 * header (scripts, API clients) still need the token. TRUSTED_ORIGINS adds hosts when a proxy rewrites Host.
 */
export function sameOrigin(trusted: string[] = []) {
  const extra = new Set(trusted.map((t) => hostOf(t) ?? t.toLowerCase()));
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE.has(req.method)) return next();
    const origin = req.headers.origin;
    const referer = req.headers.referer;
    const claimed =
      origin !== undefined && origin !== 'null' ? hostOf(origin) : referer ? hostOf(referer) : origin === 'null' ? null : undefined;
    if (claimed === undefined) return next();
    const own = [req.headers.host, req.app.get('trust proxy') ? req.headers['x-forwarded-host'] : undefined]
      .filter((h): h is string => typeof h === 'string')
      .map((h) => h.split(',')[0].trim().toLowerCase());
    if (claimed !== null && (own.includes(claimed) || extra.has(claimed))) return next();
    next(new AppError('Permintaan ditolak karena tidak berasal dari halaman e-Kinerja ini. Muat ulang halaman, lalu kirim kembali.', 403));
  };
}
