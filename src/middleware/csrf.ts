import { csrfSync } from 'csrf-sync';
import type { NextFunction, Request, Response } from 'express';

const isMultipart = (req: Request) => req.is('multipart/form-data') === 'multipart/form-data';

// Synchronizer token pattern: one token per session, checked on every state-changing request, before any route.
// A multipart form (file upload) is checked before its body is parsed, so it carries the token in its action URL:
// <form enctype="multipart/form-data" action="/realisasi?_csrf=<%= csrfToken() %>">. (Query strings are not logged,
// and the Referrer-Policy is no-referrer.)
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) =>
    (req.body?._csrf as string | undefined) ??
    (req.headers['x-csrf-token'] as string | undefined) ??
    (isMultipart(req) ? (req.query._csrf as string | undefined) : undefined),
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});

export function csrf(req: Request, res: Response, next: NextFunction): void {
  req.csrfToken = (overwrite?: boolean) => generateToken(req, overwrite);
  csrfSynchronisedProtection(req, res, next);
}
