import { createHash } from 'node:crypto';
import connectPgSimple from 'connect-pg-simple';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type pg from 'pg';
import type { Env } from '../config/env.ts';
import { todayIn } from '../domain/periode.ts';
import type { Settings } from '../domain/settings.ts';
import * as clock from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { loadMenu, loadSessionWithUser, type MenuVerifikasi, type SessionWithUser } from '../services/auth.service.ts';
import { getSettings } from '../services/settings.service.ts';
import { SessionCache } from './session-cache.ts';

/** At most one session write per this many ms for a signed-in pegawai who keeps browsing. */
const SESSION_TOUCH_MS = 5 * 60_000;

export type SessionLayer = {
  /** express-session on PostgreSQL, reading the session row with its pegawai (and on a page view the menu's badges). */
  session: RequestHandler;
  /** The pegawai read with this request's session (for passport's deserializer): undefined when not read with it. */
  takeUser: (req: Request) => Express.User | null | undefined;
  /** What this instance keeps in memory of the sessions (undefined: SESSION_CACHE=false). */
  cache?: SessionCache;
};

type Loaded = { sess: unknown; user: Express.User | null; menu?: MenuVerifikasi | null } | null;

/** The pejabat puncak of the settings as a key of the badges kept (they count differently when it changes). */
const puncakKeys = new WeakMap<object, string>();
const puncakKey = (settings: Settings) => {
  const key = puncakKeys.get(settings) ?? JSON.stringify(settings.pejabatPuncak);
  puncakKeys.set(settings, key);
  return key;
};

/**
 * The session layer: express-session with its store in PostgreSQL (connect-pg-simple), whose read brings the pegawai
 * of the session in the same statement, so passport needs no query of its own (config/passport.ts). What it read is
 * kept in memory (middleware/session-cache.ts) and served again behind the cache's fence, so most page views send no
 * session statement at all; every change to a session, its pegawai or a badge reaches the cache before a request that
 * follows it.
 */
export function sessionLayer({ env, pool, sessionSecret }: { env: Env; pool: pg.Pool; sessionSecret: string }): SessionLayer {
  const secureCookies = env.COOKIE_SECURE === 'true';
  const PgStore = connectPgSimple(session);
  const cache = env.SESSION_CACHE
    ? new SessionCache(
        // the listening connection needs a server connection of its own for as long as it listens: behind a pooler in
        // transaction mode, SESSION_LISTEN_URL points it at the server itself
        env.SESSION_LISTEN_URL ? { connectionString: env.SESSION_LISTEN_URL } : (pool as unknown as { options: pg.ClientConfig }).options,
        () => {
          const p = pool as unknown as { ending?: boolean; ended?: boolean };
          return Boolean(p.ending || p.ended);
        },
      )
    : undefined;

  /** The menu's badges of a signed-in pegawai on a page view: kept ones, else read (null: could not be counted now). */
  async function menuOf(pegawaiId: number): Promise<MenuVerifikasi | null> {
    const settings = await getSettings();
    const today = todayIn(settings.zonaWaktu ?? env.APP_TIMEZONE, clock.now());
    const puncak = puncakKey(settings);
    const kept = cache?.menu(pegawaiId, today, puncak);
    if (kept) return kept;
    const since = cache?.generation().menu ?? 0;
    // A badge is not worth a failed page: while realisasi is locked (the session pool's short lock_timeout) the page
    // shows no badge (null: not counted again on the main pool), and nothing is kept.
    const read = await loadMenu(pegawaiId, today, settings.pejabatPuncak).catch(() => null);
    if (read) cache?.keepMenu(pegawaiId, { ...read, today, puncak }, since);
    return read?.menu ?? null;
  }

  async function load(sid: string, pageView: boolean): Promise<Loaded> {
    if (cache && (await cache.fence())) {
      const kept = cache.session(sid, performance.now());
      if (kept) {
        // a copy for this request: express-session and the routes change what they get
        const user = kept.user && { ...kept.user };
        return { sess: JSON.parse(kept.sess), user, ...(pageView && user ? { menu: await menuOf(user.id) } : {}) };
      }
    }
    const since = cache?.generation() ?? { session: 0, menu: 0 };
    const startedAt = performance.now();
    let row: SessionWithUser | null;
    if (pageView) {
      const settings = await getSettings();
      const today = todayIn(settings.zonaWaktu ?? env.APP_TIMEZONE, clock.now());
      // While realisasi is locked the session is read without the badge (the session pool's short lock_timeout), and
      // the page shows no badge (menu null: not counted again on the main pool).
      row = await loadSessionWithUser(sid, { today, pejabatPuncak: settings.pejabatPuncak }).catch(async () => {
        const plain = await loadSessionWithUser(sid);
        return plain && { ...plain, menu: undefined, noMenu: true };
      });
      if (row?.menu && row.user) cache?.keepMenu(row.user.id, { ...row.menu, today, puncak: puncakKey(settings) }, since.menu);
    } else {
      row = await loadSessionWithUser(sid);
    }
    if (!row) return null;
    cache?.keepSession(
      sid,
      { sess: row.text, user: row.user, pegawaiId: row.user?.id ?? null, until: startedAt + row.sisaMs },
      since.session,
    );
    const menu = row.menu ? row.menu.menu : (row as { noMenu?: boolean }).noMenu && row.user ? null : undefined;
    return { sess: row.sess, user: row.user && (cache ? { ...row.user } : row.user), ...(menu !== undefined ? { menu } : {}) };
  }

  const withUser = new Map<string, { user: Express.User | null; menu?: MenuVerifikasi | null }>();
  let nextReadIsPageView = false; // set around the session middleware's call, which calls get() synchronously
  class SessionWithUserStore extends PgStore {
    override get(sid: string, done: (err: unknown, sess?: session.SessionData | null) => void): void {
      const pageView = nextReadIsPageView;
      nextReadIsPageView = false;
      load(sid, pageView).then((row) => {
        if (withUser.size > 10_000) withUser.clear(); // entries are taken within the same request; never let them pile up
        if ((row?.sess as { passport?: { user?: unknown } } | undefined)?.passport?.user)
          withUser.set(sid, { user: row!.user, ...(row!.menu !== undefined ? { menu: row!.menu } : {}) });
        done(null, (row?.sess as session.SessionData | undefined) ?? null);
      }, done);
    }

    // What this instance writes it keeps (tagged with the md5 PostgreSQL's notification will carry: middleware/
    // session-cache.ts); what it removes it forgets at once. The other instances hear both from PostgreSQL.
    override set(sid: string, sess: session.SessionData, done?: (err?: unknown) => void): void {
      const text = JSON.stringify(sess); // as node-postgres sends it into the json column
      const hash = createHash('md5').update(text).digest('hex');
      cache?.writingSession(sid, hash);
      super.set(sid, sess, (err?: unknown) => {
        const signedIn = (sess as { passport?: { user?: { id?: unknown; v?: unknown } } }).passport?.user;
        cache?.wroteSession(sid, text, hash, !err, signedIn);
        done?.(err);
      });
    }

    override destroy(sid: string, done?: (err?: unknown) => void): void {
      cache?.dropSession(sid);
      super.destroy(sid, (err?: unknown) => {
        cache?.dropSession(sid);
        done?.(err);
      });
    }
  }
  const takeUser = (req: Request) => {
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
  return {
    session: (req, res, next) => {
      nextReadIsPageView = req.method === 'GET';
      sessionMiddleware(req, res, next);
      nextReadIsPageView = false;
    },
    takeUser,
    cache,
  };
}

/**
 * The server-side expiry of a signed-in session moves forward only when its last write is older than SESSION_TOUCH_MS,
 * so a page view normally writes nothing; the idle timeout holds to within those few minutes.
 */
export function sessionTouch(env: Env) {
  const touchMs = Math.min(SESSION_TOUCH_MS, (env.SESSION_IDLE_MINUTES * 60_000) / 6);
  return (req: Request, _res: Response, next: NextFunction): void => {
    const now = clock.now().getTime();
    const lastWrite = req.session?.seen ?? req.session?.loginAt ?? 0; // the login itself wrote the session
    if (req.user && req.session && !(now - lastWrite < touchMs)) req.session.seen = now;
    next();
  };
}
