import type { NextFunction, Request, Response } from 'express';

/**
 * One-shot messages carried across a redirect (e.g. "Realisasi berhasil disimpan"). They are taken from the session
 * only when a page is actually shown with them (views call takeFlash()), and never by an error page: a browser's
 * background request (a favicon, a prefetch) must not eat the message meant for the next page.
 */
const MAX_MESSAGES = 5;

export function flash(req: Request, res: Response, next: NextFunction): void {
  req.flash = (type, message) => {
    if (!req.session) return;
    // the last few only: POSTs that are never followed by a page (scripts, retries) must not grow the session row
    req.session.flash = [...(req.session.flash ?? []), { type, message }].slice(-MAX_MESSAGES);
  };
  res.locals.hasFlash = () => Boolean(req.session?.flash?.length);
  res.locals.takeFlash = () => {
    if (res.statusCode >= 400 || !req.session?.flash) return [];
    const messages = req.session.flash;
    delete req.session.flash;
    return messages;
  };
  next();
}
