import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { checkCredentials, loadCurrentUser } from '../services/auth.service.ts';

type SessionUser = { id: number; v: number };

export function configurePassport(): typeof passport {
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
  passport.deserializeUser(async (data: SessionUser, done) => {
    try {
      if (!data || typeof data.id !== 'number') return done(null, false);
      done(null, (await loadCurrentUser(data.id, data.v ?? 0)) ?? false);
    } catch (err) {
      done(err);
    }
  });
  return passport;
}
