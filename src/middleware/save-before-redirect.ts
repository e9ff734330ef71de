import type { NextFunction, Request, Response } from 'express';

/**
 * express-session writes the response head before the session is saved; a browser follows a 303 the moment the
 * head arrives, so the next page could read the session before the flash message (or the login) is in it. Every
 * redirect waits for the session to be stored first.
 */
export function saveBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session) return redirect(...args);
    req.session.save((err) => (err ? next(err) : redirect(...args)));
  }) as Response['redirect'];
  next();
}
