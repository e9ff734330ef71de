import type { NextFunction, Request, Response } from 'express';
import type { AppPassport } from '../config/passport.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { safeReturnTo } from '../middleware/auth.ts';
import { loginSchema } from '../validation/auth.schema.ts';

const render = (res: Response, status: number, locals: Record<string, unknown> = {}) =>
  res.status(status).render('auth/login', { title: 'Login', layout: 'plain', values: {}, errors: {}, formError: null, ...locals });

export function showLogin(req: Request, res: Response): void {
  if (req.user) return res.redirect(303, '/');
  const notice = req.query.berakhir ? 'Sesi Anda telah berakhir. Silakan login kembali.' : null;
  render(res, 200, { notice });
}

export function login(req: Request, res: Response, next: NextFunction): void {
  const values = typedValues(req.body);
  const parsed = loginSchema.safeParse(req.body ?? {});
  if (!parsed.success) return void render(res, 422, { values, errors: fieldErrors(parsed.error) });
  req.body.nip = parsed.data.nip;
  const returnTo = safeReturnTo(req.session.returnTo);
  const passport = req.app.get('passport') as AppPassport;
  passport.authenticate('local', (err: unknown, user: Express.User | false) => {
    if (err) return next(err);
    if (!user) return render(res, 401, { values, formError: 'NIP atau password salah.' });
    // passport regenerates the session id here (fixation defence) and drops the anonymous session's data.
    req.logIn(user, (loginErr) => {
      if (loginErr) return next(loginErr);
      req.session.loginAt = req.now.getTime();
      req.session.save(() => res.redirect(303, user.mustChangePassword ? '/akun/password' : returnTo));
    });
  })(req, res, next);
}

export function logout(req: Request, res: Response, next: NextFunction): void {
  req.logout((err) => {
    if (err) return next(err);
    req.session.destroy((destroyErr) => {
      if (destroyErr) return next(destroyErr);
      res.clearCookie('ekinerja.sid');
      res.redirect(303, '/login');
    });
  });
}

export function tooManyAttempts(req: Request, res: Response, retryMinutes: number): void {
  render(res, 429, {
    values: typedValues(req.body),
    formError: `Terlalu banyak percobaan login yang gagal. Coba lagi dalam ${retryMinutes} menit.`,
  });
}
