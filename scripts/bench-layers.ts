// The layers between `npm run bench`'s ceiling and the app: the four main signed-in pages (Realisasi Kinerja,
// Verifikasi, Beranda, Dashboard Pimpinan) served by the app's own controllers, views and middleware, stacked one
// layer at a time (BENCH_LAYER):
//   1  bare Express + EJS + the page's query: the real controller, service and view, no layout, a fixed pegawai
//   2  + express-session reading from PostgreSQL (the app's store: the session row with its pegawai and the badges)
//   3  + passport deserialization (the pegawai read with the session), the session's lifetime and touch
//   4  + CSRF and helmet's headers (and the same-origin check of state-changing requests)
//   5  + the layout and the menu (flash, view locals, the sidebar's badges, the Pemda's name and logo)
// The app itself adds the rest: compression, request id and log, assets, body parsers, the control-character guard,
// every other router. Started by scripts/bench.ts as its own process, built like the app (esbuild bundle):
// PORT, DATABASE_URL, SESSION_SECRET, BENCH_LAYER, BENCH_NIPS (JSON: page path → NIP of the fixed pegawai of layers 1–2).
import express from 'express';
import { dbLimitsOf, loadEnv } from '../src/config/env.ts';
import { configurePassport } from '../src/config/passport.ts';
import { configureViews } from '../src/config/views.ts';
import { beranda } from '../src/controllers/beranda.controller.ts';
import { dashboardController } from '../src/controllers/dashboard.controller.ts';
import { realisasiController } from '../src/controllers/realisasi.controller.ts';
import { verifikasiController } from '../src/controllers/verifikasi.controller.ts';
import { connectDb, disconnectDb, sessionPool } from '../src/db/prisma.ts';
import * as clock from '../src/lib/clock.ts';
import { requireAuth, requirePimpinan } from '../src/middleware/auth.ts';
import { csrf } from '../src/middleware/csrf.ts';
import { errorHandler } from '../src/middleware/error-handler.ts';
import { flash } from '../src/middleware/flash.ts';
import { layout } from '../src/middleware/layout.ts';
import { locals, setViewLocals } from '../src/middleware/locals.ts';
import { menuBadge } from '../src/middleware/menu-badge.ts';
import { pemda } from '../src/middleware/pemda.ts';
import { sameOrigin } from '../src/middleware/same-origin.ts';
import { securityHeaders } from '../src/middleware/security-headers.ts';
import { sessionLayer, sessionTouch } from '../src/middleware/session.ts';
import { sessionLifetime } from '../src/middleware/session-lifetime.ts';
import { loadCurrentUser } from '../src/services/auth.service.ts';

const layer = Number(process.env.BENCH_LAYER);
const env = loadEnv();
const secret = env.SESSION_SECRET!;
const { pool } = connectDb(env.DATABASE_URL!, dbLimitsOf(env));
// Five of these beside the app and the ceiling on one PostgreSQL: a layer not being measured gives its connections back
// within a second (the app's 30 s would keep ~100 open and exhaust max_connections).
for (const p of [pool, sessionPool]) (p as unknown as { options: { idleTimeoutMillis: number } }).options.idleTimeoutMillis = 1000;

// Layers 1–2 have no passport: each page is served to the pegawai the bench signs in for it, read once at start.
const fixed = new Map<string, Express.User>();
for (const [path, nip] of Object.entries(JSON.parse(process.env.BENCH_NIPS ?? '{}') as Record<string, string>)) {
  const { rows } = await pool.query('SELECT id, session_version FROM pegawai WHERE nip = $1', [nip]);
  const user = rows[0] && (await loadCurrentUser(rows[0].id, rows[0].session_version));
  if (!user) throw new Error(`bench-layers: no active pegawai ${nip}`);
  fixed.set(path, user);
}

const app = express();
configureViews(app, env);
app.disable('x-powered-by');
if (layer >= 4) app.use(securityHeaders(env));
if (layer >= 2) {
  const sessions = sessionLayer({ env, pool, sessionSecret: secret });
  app.use(sessions.session);
  if (layer >= 3) {
    app.use(configurePassport(sessions.takeUser).session());
    app.use(sessionLifetime(env.SESSION_MAX_HOURS));
    app.use(sessionTouch(env));
  } else {
    app.use((req, _res, next) => {
      sessions.takeUser(req); // read with the session, not used: passport is the next layer
      next();
    });
  }
}
if (layer < 3)
  app.use((req, _res, next) => {
    req.user = fixed.get(req.path);
    next();
  });
if (layer >= 4) {
  app.use(sameOrigin(env.TRUSTED_ORIGINS));
  app.use(csrf(secret, { secureCookie: env.COOKIE_SECURE === 'auto' ? 'auto' : env.COOKIE_SECURE === 'true' }));
}
app.use((req, _res, next) => {
  req.now = clock.now();
  next();
});
if (layer >= 5) {
  app.use(flash);
  app.use(locals('e-Kinerja'));
  app.use(layout);
  app.use(menuBadge(env.APP_TIMEZONE));
  app.use(pemda);
} else {
  app.use((req, res, next) => {
    setViewLocals(req, res, 'e-Kinerja');
    next();
  });
}
app.get('/realisasi', requireAuth, realisasiController(env).index);
app.get('/verifikasi', requireAuth, verifikasiController(env).index);
app.get('/', requireAuth, beranda(env.APP_TIMEZONE));
app.get('/dashboard', requirePimpinan, dashboardController(env.APP_TIMEZONE).unit);
app.use(errorHandler);

const server = app.listen(env.PORT, '127.0.0.1', () => console.log(`lapisan ${layer} siap`));
process.on('SIGTERM', () => server.close(() => disconnectDb().then(() => process.exit(0))));
