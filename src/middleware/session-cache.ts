import pg from 'pg';
import { logger } from '../lib/logger.ts';
import type { MenuVerifikasi } from '../services/auth.service.ts';

export const CHANNEL = 'ekinerja_sesi';
/**
 * The fence's round trip (see below): an empty statement (a comment), which PostgreSQL answers without parsing or
 * planning anything; recognisable in a statement log.
 */
export const FENCE_SQL = '-- pagar sesi (session-cache.ts)';

type SessionEntry = { sess: string; user: Express.User | null; pegawaiId: number | null; until: number; hash?: string };
type MenuEntry = { menu: MenuVerifikasi; today: string; puncak: string; pegawai: number[] };

const MAX_SESSIONS = 20_000; // a Kabupaten's 10,000 pegawai, each with a session or two
/** A fence that takes longer (a connection that hangs without closing) ends the listening connection: read from the database. */
const FENCE_TIMEOUT_MS = 2_000;
const RECONNECT_MS = [500, 1_000, 2_000, 5_000, 15_000, 30_000]; // after each failed attempt in a row

/**
 * What an instance keeps of the sessions it read (issue 20): the session row (as JSON) with its pegawai, and each
 * atasan's Verifikasi menu badges, so a signed-in page view costs the page's own statement and not a session read.
 *
 * Every change that matters is announced by PostgreSQL on one channel (the triggers of migration 20261220000000
 * sesi_notify: a session written or removed, a pegawai's roles, atasan, active flag or password version, the entries a
 * badge counts, who verifies whom), and each instance LISTENs on a connection of its own and drops what changed.
 *
 * A notification travels apart from the request that follows the change, so the cache is used only behind a fence:
 * a request that would use it waits for a round trip on the listening connection that began after the request
 * arrived (one round trip serves every request that arrived before it was sent). PostgreSQL signals the listening
 * backends when the changing transaction commits, before it answers that transaction's client, and a backend sends
 * the notifications it was signalled before the ReadyForQuery of its next command (postgres.c: "if any notifies were
 * received during the just-finished transaction, they'll be seen by the client before ReadyForQuery is"). So every
 * change whose commit was acknowledged before this request was sent — a logout, a password change, a deactivation,
 * a new role, on this instance or any other — has been applied to the cache before the request reads it. Without
 * the listening connection (not yet connected, lost, reconnecting) nothing is served from memory.
 */
export class SessionCache {
  private client: pg.Client | undefined;
  private listening = false;
  private closed = false;
  private readonly sessions = new Map<string, SessionEntry>();
  private readonly sidsOf = new Map<number, Set<string>>();
  private readonly writing = new Map<string, string>(); // sid → md5 of this instance's write in flight
  private readonly menus = new Map<number, MenuEntry>();
  private readonly menusCounting = new Map<number, Set<number>>(); // pegawai → atasan whose badges count them
  /** Bumped by every notification that may change a session or a menu: a read overlapped by one is not kept. */
  private sessionGen = 0;
  private menuGen = 0;
  private waiting: ((ok: boolean) => void)[] = [];
  private pinging = false;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;

  private whenListening: (() => void)[] = [];

  /**
   * Opens the listening connection at once (an instance serves from memory from its first requests on). `isOver`: the
   * app's pool has been closed (the listening connection then closes too and never comes back).
   */
  constructor(
    private readonly config: pg.ClientConfig,
    private readonly isOver: () => boolean,
  ) {
    this.connect();
  }

  /** Resolves when the instance listens (tests and the bench wait for it before they count what is read). */
  ready(): Promise<void> {
    return this.listening ? Promise.resolve() : new Promise((ok) => this.whenListening.push(ok));
  }

  /** Resolves once a round trip begun after this call has come back: true when the cache may be used. */
  fence(): Promise<boolean> {
    if (!this.listening) return Promise.resolve(false);
    return new Promise((ok) => {
      this.waiting.push(ok);
      if (!this.pinging) this.ping();
    });
  }

  private ping(): void {
    const batch = this.waiting;
    this.waiting = [];
    const client = this.client;
    if (!client || !this.listening) {
      for (const done of batch) done(false);
      return;
    }
    this.pinging = true;
    let answered = false;
    const timeout = setTimeout(() => {
      if (answered) return;
      answered = true;
      this.pinged(batch, false);
      client.emit('error', new Error('session cache: fence timed out'));
    }, FENCE_TIMEOUT_MS);
    client
      .query(FENCE_SQL)
      .then(
        () => !answered && this.pinged(batch, this.listening && client === this.client),
        () => !answered && this.pinged(batch, false),
      )
      .finally(() => {
        answered = true;
        clearTimeout(timeout);
      });
  }

  private pinged(batch: ((ok: boolean) => void)[], ok: boolean): void {
    this.pinging = false;
    for (const done of batch) done(ok);
    if (this.waiting.length) this.ping();
  }

  generation(): { session: number; menu: number } {
    return { session: this.sessionGen, menu: this.menuGen };
  }

  session(sid: string, now: number): SessionEntry | undefined {
    const e = this.sessions.get(sid);
    if (e && e.until <= now) return void this.dropSession(sid);
    return e;
  }

  /** Keeps a session read from the database, unless a notification came in since the read began (it may be stale). */
  keepSession(sid: string, entry: SessionEntry, since: number): void {
    if (!this.listening || since !== this.sessionGen) return;
    this.dropSession(sid);
    if (this.sessions.size >= MAX_SESSIONS) this.dropSession(this.sessions.keys().next().value!);
    this.sessions.set(sid, entry);
    if (entry.pegawaiId !== null) {
      const sids = this.sidsOf.get(entry.pegawaiId) ?? new Set<string>();
      this.sidsOf.set(entry.pegawaiId, sids.add(sid));
    }
  }

  /**
   * This instance wrote a session (a flash message, the expiry moved): what it wrote is kept, tagged with its md5, so the
   * page after a form does not read the session again. The notification of that write carries the same md5 and leaves
   * it; a write by anyone else carries another and drops it. A change of who is signed in drops it.
   */
  wroteSession(sid: string, sess: string, hash: string, ok: boolean, signedIn: { id?: unknown; v?: unknown } | undefined): void {
    if (this.writing.get(sid) === hash) this.writing.delete(sid);
    const e = this.sessions.get(sid);
    if (!ok) return this.dropSession(sid); // the write failed: what is stored is not known
    if (!e) return;
    if (!signedIn || signedIn.id !== e.user?.id || signedIn.v !== e.user?.sessionVersion) return this.dropSession(sid);
    e.sess = sess;
    e.hash = hash;
  }

  /** A write of this session with this md5 is on its way: its own notification may come back before it is answered. */
  writingSession(sid: string, hash: string): void {
    if (this.writing.size > MAX_SESSIONS) this.writing.clear();
    this.writing.set(sid, hash);
  }

  dropSession(sid: string): void {
    const e = this.sessions.get(sid);
    if (!e) return;
    this.sessions.delete(sid);
    if (e.pegawaiId !== null) {
      const sids = this.sidsOf.get(e.pegawaiId);
      sids?.delete(sid);
      if (sids?.size === 0) this.sidsOf.delete(e.pegawaiId);
    }
  }

  menu(atasanId: number, today: string, puncak: string): MenuVerifikasi | undefined {
    const e = this.menus.get(atasanId);
    return e && e.today === today && e.puncak === puncak ? e.menu : undefined;
  }

  keepMenu(atasanId: number, entry: MenuEntry, since: number): void {
    if (!this.listening || since !== this.menuGen) return;
    this.dropMenu(atasanId);
    if (this.menus.size >= MAX_SESSIONS) this.dropMenu(this.menus.keys().next().value!);
    this.menus.set(atasanId, entry);
    for (const p of entry.pegawai) {
      const atasan = this.menusCounting.get(p) ?? new Set<number>();
      this.menusCounting.set(p, atasan.add(atasanId));
    }
  }

  private dropMenu(atasanId: number): void {
    const e = this.menus.get(atasanId);
    if (!e) return;
    this.menus.delete(atasanId);
    for (const p of e.pegawai) {
      const atasan = this.menusCounting.get(p);
      atasan?.delete(atasanId);
      if (atasan?.size === 0) this.menusCounting.delete(p);
    }
  }

  private clear(): void {
    this.sessionGen++;
    this.menuGen++;
    this.sessions.clear();
    this.sidsOf.clear();
    this.writing.clear();
    this.menus.clear();
    this.menusCounting.clear();
  }

  private notified(payload: string): void {
    const kind = payload.slice(0, 2);
    const id = Number(payload.slice(2));
    if (kind === 's:') {
      this.sessionGen++;
      const [sid, hash] = payload.slice(2).split(':');
      if (!hash || (this.sessions.get(sid)?.hash !== hash && this.writing.get(sid) !== hash)) this.dropSession(sid);
    } else if (kind === 'p:' && Number.isInteger(id)) {
      this.sessionGen++;
      this.menuGen++;
      for (const sid of [...(this.sidsOf.get(id) ?? [])]) this.dropSession(sid);
      this.dropMenu(id); // the pejabat puncak is known by NIP
    } else if (kind === 'r:' && Number.isInteger(id)) {
      this.menuGen++;
      for (const atasan of [...(this.menusCounting.get(id) ?? [])]) this.dropMenu(atasan);
    } else if (payload === 'm') {
      this.menuGen++;
      for (const atasan of [...this.menus.keys()]) this.dropMenu(atasan);
    } else {
      this.clear(); // '*' and anything this version does not know
    }
  }

  private connect(): void {
    this.retry = undefined;
    if (this.closed || this.isOver()) return this.close();
    const client = new pg.Client({ ...this.config, application_name: 'ekinerja-sesi' });
    this.client = client;
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.listening = false;
      this.client = undefined;
      this.clear();
      client.end().catch(() => undefined);
      if (this.closed || this.isOver()) return this.close();
      // one line per outage, not per attempt
      if (this.failures++ === 0)
        logger.warn(
          { err: { message: err?.message ?? 'closed' } },
          'session cache: listening connection lost; sessions are read from the database until it is back',
        );
      this.retry = setTimeout(() => this.connect(), RECONNECT_MS[Math.min(this.failures, RECONNECT_MS.length) - 1]);
      this.retry.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => n.channel === CHANNEL && this.notified(n.payload ?? '*'));
    client
      .connect()
      .then(() => {
        // the listening connection must never keep the process alive on its own
        (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
        return client.query(`LISTEN ${CHANNEL}`);
      })
      .then(() => {
        if (this.client !== client) return;
        this.clear(); // anything read before LISTEN may have missed its notification
        this.listening = true;
        this.failures = 0;
        for (const ok of this.whenListening.splice(0)) ok();
      })
      .catch((err: Error) => lost(err));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.listening = false;
    const client = this.client;
    this.client = undefined;
    this.clear();
    client?.end().catch(() => undefined);
    for (const done of this.waiting.splice(0)) done(false);
  }
}
