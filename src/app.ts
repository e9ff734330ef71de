import compression from 'compression';
import express, { type Express, type RequestHandler, type Router } from 'express';
import type pg from 'pg';
import type { Env } from './config/env.ts';
import { configurePassport } from './config/passport.ts';
import { configureViews } from './config/views.ts';
import { readRouting } from './db/replicas.ts';
import { todayIn } from './domain/periode.ts';
import { evaluasiRoutes } from './features/skp/evaluasi.routes.ts';
import { siasnRoutes } from './features/skp/siasn.routes.ts';
import { skpRoutes } from './features/skp/skp.routes.ts';
import { umpanBalikRoutes } from './features/skp/umpan-balik.routes.ts';
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
import { pembayaranRoutes } from './routes/pembayaran.routes.ts';
import { persetujuanTargetRoutes } from './routes/persetujuan-target.routes.ts';
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
  // No ETag hashed over every page: pages are no-store (never revalidated), and what is revalidated (ABK, assets) sets
  // its own ETag, which Express still answers with 304.
  app.set('etag', false);

  app.use(securityHeaders(env));
  app.use(requestId);
  app.use(requestLog(logger));

  // Fingerprinted static assets: before the session, so they never touch the database.
  app.use(serveAsset);
  app.use(healthRoutes(pool));
  app.get('/logo/:file', serveLogo);
  // Public ABK pages already rendered for anonymous visitors: before the session, like the assets (no cookie, no store).
  app.use(abkFastPath);
  // After the assets and the ABK fast path, which send their own copies compressed once (issue 20: the compression
  // wrapper was ~10 % of an ABK answer's CPU for nothing); the logo is an image and /healthz a few bytes.
  app.use(compression());

  app.use(sameOrigin(env.TRUSTED_ORIGINS));
  app.use(express.urlencoded({ extended: false, limit: env.BODY_LIMIT, parameterLimit: 2000 }));
  app.use(express.json({ limit: env.BODY_LIMIT }));
  app.use(rejectControlCharacters);

  const sessions = sessionLayer({ env, pool, sessionSecret });
  app.set('sessionCache', sessions.cache); // what this instance keeps of the sessions (tests wait until it listens)
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

  // Each feature's router is entered only for the first path segments of its own routes (see bySegment).
  const routes = (router: Router) => app.use(bySegment(router));
  routes(authRoutes(env));
  routes(berandaRoutes(env));
  routes(abkRoutes());
  routes(anjabRoutes());
  routes(akunRoutes(env));
  routes(adminRoutes(env));
  routes(realisasiRoutes(env));
  routes(verifikasiRoutes(env));
  routes(persetujuanTargetRoutes(env));
  routes(presensiRoutes(env));
  routes(dashboardRoutes(env));
  routes(laporanRoutes(env));
  routes(umpanBalikRoutes(env));
  routes(siasnRoutes(env));
  routes(skpRoutes(env));
  routes(evaluasiRoutes(env));
  routes(pembayaranRoutes(env));
  routes(placeholderRoutes());

  app.use(notFound);
  app.use(errorHandler);
  return app;
}

/**
 * A feature's router entered only for the first path segments its routes use ('/admin/…' → 'admin'): a request for
 * Realisasi Kinerja no longer walks the ~80 routes of Admin, Anjab and ABK before its own (issue 20: the router was
 * ~5 % of a page's CPU). Matching stays Express's own inside the router; a router with middleware of its own, or a route
 * whose first segment is a parameter or a pattern, is always entered. Paths match case-insensitively, as Express does.
 */
export function bySegment(router: Router): RequestHandler {
  const segments = new Set<string>();
  for (const layer of router.stack as { route?: { path?: unknown } }[]) {
    const path = layer.route?.path;
    if (typeof path !== 'string') return router;
    const segment = firstSegment(path);
    if (/[:*?(){}[\]\\]/.test(segment)) return router;
    segments.add(segment);
  }
  return (req, res, next) => (segments.has(firstSegment(req.path)) ? router(req, res, next) : next());
}

function firstSegment(path: string): string {
  const end = path.indexOf('/', 1);
  return (end === -1 ? path.slice(1) : path.slice(1, end)).toLowerCase();
}
