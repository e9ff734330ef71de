import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

declare global {
  namespace Express {
    interface Request {
      /** The caller's own X-Request-Id, if it sent a sane one: logged beside ours for correlation, never trusted. */
      clientRequestId?: string;
    }
  }
}

/**
 * Our own id for every request (audit rows, logs, the incident id on an error page). A client's X-Request-Id used to
 * become that id: anyone could write any text into the audit log and onto an error page, or make two incidents look
 * like one. The client's value is kept apart (req.clientRequestId), only when it looks like an id.
 */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  req.id = randomUUID();
  const theirs = req.headers['x-request-id'];
  if (typeof theirs === 'string' && /^[\w.:-]{1,64}$/.test(theirs)) req.clientRequestId = theirs;
  res.setHeader('X-Request-Id', req.id);
  next();
}

/** A URL fit for the logs: the path, and the query's parameter names only (a multipart form's _csrf rides there). */
export function loggableUrl(url: string | undefined): string {
  if (!url) return '';
  const [path, query] = url.split('?', 2);
  if (!query) return path;
  const names = [...new URLSearchParams(query).keys()].map((k) => `${k.slice(0, 40)}=…`);
  return `${path}?${names.join('&')}`;
}
