import { resolve } from 'node:path';
import compression from 'compression';
import connectPgSimple from 'connect-pg-simple';
import express, { type Express } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type pg from 'pg';
import type { Env } from './config/env.ts';
import { configurePassport } from './config/passport.ts';
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
import { fixedHeaders } from './middleware/security-headers.ts';
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
import { loadSessionWithUser, type MenuVerifikasi } from './services/auth.service.ts';
import { getSettings } from './services/settings.service.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** At most one session write per this many ms for a signed-in pegawai who keeps browsing. */
const SESSION_TOUCH_MS = 5 * 60_000;

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
  app.set('view engine', 'ejs');
  app.set('views', resolve(import.meta.dirname, '../views'));
  app.disable('x-powered-by');

  app.use(
    fixedHeaders(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          ...(secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // HSTS only where the site is served over TLS; many Pemda intranets are plain HTTP.
      strictTransportSecurity: secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
      // Same-site forms send their real Origin (no-referrer made browsers send "Origin: null"); nothing leaves the site.
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
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

  const PgStore = connectPgSimple(session);
  // The session row and its pegawai are read in one statement; passport takes the pegawai from here (config/passport.ts).
  // On a page view (GET) the same statement also counts the Verifikasi menu's badge (middleware/menu-badge.ts).
  const withUser = new Map<string, { user: Express.User | null; menu?: MenuVerifikasi | null }>();
  let nextReadIsPageView = false; // set around the session middleware's call, which calls get() synchronously
  class SessionWithUserStore extends PgStore {
    override get(sid: string, done: (err: unknown, sess?: session.SessionData | null) => void): void {
      const pageView = nextReadIsPageView;
      nextReadIsPageView = false;
      (async () => {
        if (!pageView) return loadSessionWithUser(sid);
        const settings = await getSettings();
        const today = todayIn(settings.zonaWaktu ?? env.APP_TIMEZONE, clock.now());
        // A badge is not worth a failed page: while realisasi is locked (the session pool's short lock_timeout) the
        // session is read without it, and the page shows no badge (menu null: not counted again on the main pool).
        return loadSessionWithUser(sid, { today, pejabatPuncak: settings.pejabatPuncak }).catch(async () => {
          const row = await loadSessionWithUser(sid);
          return row && { ...row, menu: null };
        });
      })().then((row) => {
        if (withUser.size > 10_000) withUser.clear(); // entries are taken within the same request; never let them pile up
        if ((row?.sess as { passport?: { user?: unknown } } | undefined)?.passport?.user)
          withUser.set(sid, { user: row!.user, menu: row!.menu });
        done(null, (row?.sess as session.SessionData | undefined) ?? null);
      }, done);
    }
  }
  const takeUser = (req: express.Request) => {
    const pre = withUser.get(req.sessionID);
    withUser.delete(req.sessionID);
    if (pre?.menu !== undefined) req.menuVerifikasi = pre.menu;
    return pre?.user;
  };
  const sessionMiddleware = session({
    name: 'ekinerja.sid',
    secret: sessionSecret,
    store: new SessionWithUserStore({
      pool,
      tableName: 'session',
      createTableIfMissing: false,
      pruneSessionInterval: env.NODE_ENV === 'test' ? false : 15 * 60,
      // No UPDATE on every request: the expiry moves with the save triggered below (`seen`), at most every few minutes.
      disableTouch: true,
      errorLog: (...args: unknown[]) => logger.warn({ args: args.map(String) }, 'session store'),
    }),
    resave: false,
    // No session row before login: anonymous forms use a signed double-submit CSRF cookie (src/middleware/csrf.ts).
    saveUninitialized: false,
    rolling: true, // idle timeout: every response pushes the cookie's expiry forward
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: env.COOKIE_SECURE === 'auto' ? 'auto' : secureCookies,
      maxAge: env.SESSION_IDLE_MINUTES * 60_000,
    },
  });
  app.use((req, res, next) => {
    nextReadIsPageView = req.method === 'GET';
    sessionMiddleware(req, res, next);
    nextReadIsPageView = false;
  });
  app.use(saveBeforeRedirect);
  const passport = configurePassport(takeUser);
  app.set('passport', passport); // Login authenticates with this app's own instance (auth.controller.ts)
  app.use(passport.session());
  app.use(sessionLifetime(env.SESSION_MAX_HOURS));
  // The server-side expiry of a signed-in session moves forward only when its last write is older than
  // SESSION_TOUCH_MS, so a page view normally writes nothing; the idle timeout holds to within those few minutes.
  const touchMs = Math.min(SESSION_TOUCH_MS, (env.SESSION_IDLE_MINUTES * 60_000) / 6);
  app.use((req, _res, next) => {
    const now = clock.now().getTime();
    const lastWrite = req.session?.seen ?? req.session?.loginAt ?? 0; // the login itself wrote the session
    if (req.user && req.session && !(now - lastWrite < touchMs)) req.session.seen = now;
    next();
  });

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
  app.use(umpanBalikRoutes(env));
  app.use(siasnRoutes(env));
  app.use(skpRoutes(env));
  app.use(evaluasiRoutes(env));
  app.use(pembayaranRoutes(env));
  app.use(placeholderRoutes());

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
