import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Env } from '../config/env.ts';

type Helmet = (options: Parameters<typeof import('helmet').default>[0]) => (req: never, res: never, next: (err?: unknown) => void) => void;

/**
 * Helmet's headers (CSP, frame, referrer, HSTS when on TLS, …) depend only on the options, not on the request: they are
 * computed once by helmet itself at boot and set as they are on every response (issue 12: helmet rebuilt them on every
 * request, ~7 % of a page's CPU). The header values are exactly helmet's.
 */
export function fixedHeaders(helmet: Helmet, options: Parameters<Helmet>[0]) {
  const headers: [string, string][] = [];
  const capture = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  let failed: unknown;
  helmet(options)({} as never, capture as never, (err) => {
    failed = err;
  });
  if (failed || headers.length === 0) throw new Error(`helmet did not give its headers: ${String(failed)}`);
  return (_req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** The app's security headers (helmet, computed once): CSP without inline scripts, no framing, same-origin referrers. */
export function securityHeaders(env: Env) {
  const secureCookies = env.COOKIE_SECURE === 'true';
  return fixedHeaders(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS only where the site is served over TLS; many Pemda intranets are plain HTTP.
    strictTransportSecurity: secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    // Same-site forms send their real Origin (no-referrer made browsers send "Origin: null"); nothing leaves the site.
    referrerPolicy: { policy: 'same-origin' },
  });
}
