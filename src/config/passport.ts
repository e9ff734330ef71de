import type { Request } from 'express';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { checkCredentials, loadCurrentUser } from '../services/auth.service.ts';

type SessionUser = { id: number; v: number };

export type AppPassport = InstanceType<typeof Passport>;

/**
 * `preloaded(req)`: the pegawai already read with this request's session (src/app.ts reads both in one statement),
 * undefined when not preloaded. Then no second query is needed here.
 *
 * A Passport of this app's own, not the module's shared instance: every serializer registered on the shared one is
 * kept and tried in order, so a second app in the same process (the tests build one per file) was answered by the
 * first app's deserializer, which knew nothing of its preloaded users and read each user again.
 */
export function configurePassport(preloaded: (req: Request) => Express.User | null | undefined = () => undefined): AppPassport {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: 'nip', passwordField: 'password' }, async (nip, password, done) => {
      try {
        const found = await checkCredentials(nip, password);
        // The same answer for an unknown NIP, a wrong password and an inactive account.
        if (!found) return done(null, false, { message: 'NIP atau password salah.' });
        const user = await loadCurrentUser(found.id, found.sessionVersion);
        return user ? done(null, user) : done(null, false, { message: 'NIP atau password salah.' });
      } catch (err) {
        return done(err);
      }
    }),
  );
  passport.serializeUser((user, done) => done(null, { id: user.id, v: user.sessionVersion } satisfies SessionUser));
  // A missing, deactivated or password-changed pegawai (session version moved on) is signed out at this request.
  passport.deserializeUser(async (req: Request, data: SessionUser, done: (err: unknown, user?: Express.User | false) => void) => {
    try {
      if (!data || typeof data.id !== 'number') return done(null, false);
      const pre = preloaded(req);
      if (pre !== undefined && (pre === null || (pre.id === data.id && pre.sessionVersion === (data.v ?? 0))))
        return done(null, pre ?? false);
      done(null, (await loadCurrentUser(data.id, data.v ?? 0)) ?? false);
    } catch (err) {
      done(err);
    }
  });
  return passport;
}
