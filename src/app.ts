import compression from 'compression';
import express, { type Express } from 'express';
import type pg from 'pg';
import type { Env } from './config/env.ts';
import { configurePassport } from './config/passport.ts';
import { configureViews } from './config/views.ts';
import { readRouting } from './db/replicas.ts';
import { serveAsset } from './lib/assets.ts';
import * as clock from './lib/clock.ts';
import { logger } from './lib/logger.ts';
import { csrf } from './middleware/csrf.ts';
import { errorHandler, notFound } from './middleware/error-handler.ts';
import { flash } from './middleware/flash.ts';
import { layout } from './middleware/layout.ts';
import { locals } from './middleware/locals.ts';
import { menuBadge } from './middleware/menu-badge.ts';
import { mustChangePassword } from './middleware/must-change-password.ts';
import { pemda, serveLogo } from './middleware/pemda.ts';
import { rejectControlCharacters } from './middleware/reject-control.ts';
import { requestId } from './middleware/request-id.ts';
import { requestLog } from './middleware/request-log.ts';
import { sameOrigin } from './middleware/same-origin.ts';
import { saveBeforeRedirect } from './middleware/save-before-redirect.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { sessionLayer, sessionTouch } from './middleware/session.ts';
import { sessionLifetime } from './middleware/session-lifetime.ts';
import { abkFastPath, abkRoutes } from './routes/abk.routes.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { akunRoutes } from './routes/akun.routes.ts';
import { anjabRoutes } from './routes/anjab.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { berandaRoutes, placeholderRoutes } from './routes/beranda.routes.ts';
import { dashboardRoutes } from './routes/dashboard.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { laporanRoutes } from './routes/laporan.routes.ts';
import { persetujuanTargetRoutes } from './routes/persetujuan-target.routes.ts';
import { predikatRoutes } from './routes/predikat.routes.ts';
import { presensiRoutes } from './routes/presensi.routes.ts';
import { realisasiRoutes } from './routes/realisasi.routes.ts';
import { verifikasiRoutes } from './routes/verifikasi.routes.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AppDeps = {
  env: Env;
  pool: pg.Pool;
  sessionSecret: string;
};

/** Builds the Express app (server.ts listens). Middleware order matters and is read top to bottom. */
export function createApp({ env, pool, sessionSecret }: AppDeps): Express {
  const app = express();
  const secureCookies = env.COOKIE_SECURE === 'true';
  app.set('trust proxy', env.TRUST_PROXY === 'true' ? 1 : env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY);
  configureViews(app, env);
  app.disable('x-powered-by');

  app.use(securityHeaders(env));
  app.use(compression());
  app.use(requestId);
  app.use(requestLog(logger));

  // Fingerprinted static assets: before the session, so they never touch the database.
  app.use(serveAsset);
  app.use(healthRoutes(pool));
  app.get('/logo/:file', serveLogo);
  // Public ABK pages already rendered for anonymous visitors: before the session, like the assets (no cookie, no store).
  app.use(abkFastPath);

  app.use(sameOrigin(env.TRUSTED_ORIGINS));
  app.use(express.urlencoded({ extended: false, limit: env.BODY_LIMIT, parameterLimit: 2000 }));
  app.use(express.json({ limit: env.BODY_LIMIT }));
  app.use(rejectControlCharacters);

  const sessions = sessionLayer({ env, pool, sessionSecret });
  app.use(sessions.session);
  app.use(saveBeforeRedirect);
  const passport = configurePassport(sessions.takeUser);
  app.set('passport', passport); // Login authenticates with this app's own instance (auth.controller.ts)
  app.use(passport.session());
  app.use(sessionLifetime(env.SESSION_MAX_HOURS));
  app.use(sessionTouch(env));

  app.use(csrf(sessionSecret, { secureCookie: env.COOKIE_SECURE === 'auto' ? 'auto' : secureCookies }));
  // The request clock: one instant per request, read from the app's one clock (src/lib/clock.ts).
  app.use((req, _res, next) => {
    req.now = clock.now();
    next();
  });

  // Read-your-writes with replicas (src/db/replicas.ts): a signed-in user's change marks the session, and for the
  // next REPLICA_STICKY_S seconds that user's reads all come from the primary, whatever page they open.
  if (env.DATABASE_REPLICA_URLS.length > 0) {
    const stickyMs = env.REPLICA_STICKY_S * 1000;
    app.use((req, _res, next) => {
      const at = req.now.getTime();
      if (req.user && req.session && !SAFE_METHODS.has(req.method)) req.session.lastWriteAt = at;
      const last = req.session?.lastWriteAt;
      readRouting.run({ primary: last !== undefined && at - last < stickyMs && at >= last }, next);
    });
  }

  app.use(flash);
  app.use(locals('e-Kinerja'));
  app.use(layout);
  app.use(menuBadge(env.APP_TIMEZONE));
  app.use(pemda);
  app.use(mustChangePassword);

  app.use(authRoutes(env));
  app.use(berandaRoutes(env));
  app.use(abkRoutes());
  app.use(anjabRoutes());
  app.use(akunRoutes(env));
  app.use(adminRoutes(env));
  app.use(realisasiRoutes(env));
  app.use(verifikasiRoutes(env));
  app.use(persetujuanTargetRoutes(env));
  app.use(presensiRoutes(env));
  app.use(dashboardRoutes(env));
  app.use(laporanRoutes(env));
  app.use(predikatRoutes(env));
  app.use(placeholderRoutes());

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
