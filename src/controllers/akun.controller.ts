import type { Request, Response } from 'express';
import { fieldErrors } from '../lib/form.ts';
import { changeOwnPassword } from '../services/akun.service.ts';
import { auditContext } from '../services/audit.service.ts';
import { countAttempt, forget, giveBack } from '../services/throttle.service.ts';
import { PASSWORD_MIN, ubahPasswordSchema } from '../validation/akun.schema.ts';

const passwordWindowMs = 15 * 60_000;

const render = (res: Response, status: number, errors: Record<string, string> = {}) =>
  res.status(status).render('akun/password', { title: 'Ubah Password', errors, minimal: PASSWORD_MIN });

export function showPassword(_req: Request, res: Response): void {
  render(res, 200);
}

/** POST /akun/password; at most maxTries wrong current passwords per account per 15 minutes. */
export const updatePassword =
  (maxTries: number) =>
  async (req: Request, res: Response): Promise<void> => {
    const parsed = ubahPasswordSchema(req.user!).safeParse(req.body ?? {});
    if (!parsed.success) return void render(res, 422, fieldErrors(parsed.error));
    // A stolen session must not become an unlimited password oracle (and each check costs a 64 MiB argon2 hash).
    const key = [`pw:${req.user!.id}`];
    const [tries] = await countAttempt(key, passwordWindowMs);
    if (tries > maxTries) {
      await giveBack(key);
      res.setHeader('Retry-After', String(passwordWindowMs / 1000));
      return void render(res, 429, { passwordLama: 'Terlalu banyak percobaan password lama yang salah. Coba lagi dalam 15 menit.' });
    }
    const version = await changeOwnPassword(req.user!.id, parsed.data.passwordLama, parsed.data.passwordBaru, auditContext(req));
    if (version === null) return void render(res, 422, { passwordLama: 'Password lama salah.' });
    await forget(key);
    // This session carries on under the new version; every other session of this pegawai has ended.
    const passportData = (req.session as unknown as { passport?: { user?: { v: number } } }).passport;
    if (passportData?.user) passportData.user.v = version;
    req.flash('success', 'Password berhasil diubah. Sesi Anda di perangkat lain telah diakhiri.');
    req.session.save(() => res.redirect(303, '/'));
  };
