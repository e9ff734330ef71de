// Issue 20: each instance keeps the sessions it read in memory (middleware/session-cache.ts), and PostgreSQL tells every
// instance what changed. Two instances of the app (two apps, each with its own cache and listening connection) on one
// database: a logout, a password change, a deactivation and a change of role made on one of them take effect on the
// very next request on both; so does a change written straight into PostgreSQL. The counted statements show that the
// pages really came from memory (else these tests would pass by reading the database every time).
import net from 'node:net';
import type { Express } from 'express';
import pg from 'pg';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { FENCE_SQL } from '../../src/middleware/session-cache.ts';
import { buildApp, csrfFrom, DEMO_ACCOUNTS, DEMO_PASSWORD, sessionCacheReady } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const A = buildApp(db.pool!, { LOGIN_MAX_PER_NIP: '100', LOGIN_MAX_PER_IP: '1000' });
const B = buildApp(db.pool!, { LOGIN_MAX_PER_NIP: '100', LOGIN_MAX_PER_IP: '1000' });
const BOTH: [string, Express][] = [
  ['A', A],
  ['B', B],
];
await Promise.all([sessionCacheReady(A), sessionCacheReady(B)]);
const other = new pg.Client({ connectionString: db.url }); // "psql": a writer that is no app at all
await other.connect();
afterAll(() => other.end());

// Every statement the apps send (on pg.Client, under Prisma and the session store alike), while recording.
let recording: string[] | undefined;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const q = args[0] as string | { text: string };
  recording?.push(typeof q === 'string' ? q : q.text);
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof original;
afterAll(() => {
  pg.Client.prototype.query = original;
});
const SESSION_READ = /FROM "?session"?\b/;

/** Signs in through the real form on one instance; returns the session cookie (valid on both: one secret, one table). */
async function signIn(app: Express, nip: string, password = DEMO_PASSWORD): Promise<string> {
  const form = await request(app).get('/login');
  const anon = form.headers['set-cookie'] as unknown as string[];
  const res = await request(app)
    .post('/login')
    .set('Cookie', anon.map((c) => c.split(';')[0]).join('; '))
    .type('form')
    .send({ _csrf: csrfFrom(form.text), nip, password });
  expect(res.status).toBe(303);
  const sid = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ekinerja.sid='));
  return sid!.split(';')[0];
}
const get = (app: Express, path: string, cookie: string) => request(app).get(path).set('Cookie', cookie);
async function post(app: Express, path: string, cookie: string, body: Record<string, string | string[]>) {
  const token = csrfFrom((await get(app, '/akun/password', cookie)).text);
  return request(app)
    .post(path)
    .set('Cookie', cookie)
    .type('form')
    .send({ _csrf: token, ...body });
}
/** Each instance has read (and kept) this session: two views on each. */
async function warm(cookie: string, path = '/') {
  for (const [, app] of BOTH) for (let i = 0; i < 2; i++) expect((await get(app, path, cookie)).status).toBe(200);
}
async function statementsOf(app: Express, path: string, cookie: string) {
  recording = [];
  const res = await get(app, path, cookie);
  const sent = recording;
  recording = undefined;
  return { res, sent };
}
const signedOut = (res: request.Response) => res.status === 303 && res.headers.location === '/login';

describe('the rule the cache rests on', () => {
  it("when a transaction that notifies has committed, then PostgreSQL sends its notification ahead of the answer to the listener's next fence", async () => {
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    try {
      await listener.query('LISTEN uji_pagar');
      const seen: string[] = [];
      listener.on('notification', (n) => seen.push(n.payload!));
      for (let i = 0; i < 300; i++) {
        await other.query(`SELECT pg_notify('uji_pagar', $1)`, [String(i)]);
        await listener.query(FENCE_SQL);
        expect(seen.at(-1)).toBe(String(i));
      }
      expect(seen).toHaveLength(300);
    } finally {
      await listener.end();
    }
  });
});

describe('sessions kept in memory by two instances of the app', () => {
  it('when a signed-in pegawai opens pages on either instance, then after the first view the session comes from memory: no session statement, only the fence', async () => {
    const cookie = await signIn(A, DEMO_ACCOUNTS.atasan);
    await warm(cookie, '/realisasi');
    for (const [name, app] of BOTH) {
      const { res, sent } = await statementsOf(app, '/realisasi', cookie);
      expect(res.status, name).toBe(200);
      expect(res.text).toContain('Realisasi Kinerja');
      expect(res.text).toContain('title="menunggu verifikasi"'); // the atasan's badges, kept too
      expect(
        sent.filter((s) => SESSION_READ.test(s)),
        name,
      ).toEqual([]);
      expect(sent, name).toContain(FENCE_SQL);
      // the badges' windows (Plt/Plh: penugasan_atasan) are read only by their own statement
      expect(
        sent.some((s) => /penugasan_atasan/.test(s)),
        `${name}: badges read again`,
      ).toBe(false);
    }
  });

  it('when the pegawai logs out on one instance, then the very next request with that cookie is anonymous on both instances', async () => {
    const cookie = await signIn(A, DEMO_ACCOUNTS.pegawai);
    await warm(cookie);
    const out = await post(A, '/logout', cookie, {});
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/login');
    for (const [name, app] of [...BOTH].reverse()) expect(signedOut(await get(app, '/realisasi', cookie)), name).toBe(true);
    const sid = decodeURIComponent(cookie.split('=')[1]).slice(2).split('.')[0];
    expect(await prisma.session.count({ where: { sid } })).toBe(0);
  });

  it('when the pegawai changes the password on one instance, then their other session ends at its next request on both instances, and the session that changed it carries on', async () => {
    const nip = '199405182020121005'; // Fajar
    const laptop = await signIn(A, nip);
    const phone = await signIn(B, nip);
    await warm(laptop);
    await warm(phone);
    const baru = 'kopi tubruk pagi hari di Sukamaju';
    const res = await post(B, '/akun/password', laptop, { passwordLama: DEMO_PASSWORD, passwordBaru: baru, konfirmasi: baru });
    expect(res.status).toBe(303);
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { nip } })).sessionVersion).toBe(1);
    for (const [name, app] of BOTH) {
      expect(signedOut(await get(app, '/', phone)), name).toBe(true);
      expect((await get(app, '/', laptop)).status, name).toBe(200);
    }
  });

  it('when the admin deactivates a pegawai on one instance, then that pegawai is signed out at the next request on both instances', async () => {
    const nip = '199601092022032004'; // Dewi
    const dewi = await signIn(B, nip);
    await warm(dewi);
    const admin = await signIn(A, DEMO_ACCOUNTS.admin);
    const { id } = await prisma.pegawai.findUniqueOrThrow({ where: { nip } });
    const res = await post(A, `/admin/pegawai/${id}/nonaktifkan`, admin, {});
    expect(res.status).toBe(303);
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { id } })).aktif).toBe(false);
    for (const [name, app] of [...BOTH].reverse()) expect(signedOut(await get(app, '/', dewi)), name).toBe(true);
  });

  it('when the admin gives and then takes the admin role on one instance, then the pegawai has the new rights at the next request on both instances', async () => {
    const nip = '199208082019031004'; // Andi
    const andi = await signIn(A, nip);
    for (const [name, app] of BOTH) for (let i = 0; i < 2; i++) expect((await get(app, '/admin', andi)).status, name).toBe(403);
    const admin = await signIn(B, DEMO_ACCOUNTS.admin);
    const p = await prisma.pegawai.findUniqueOrThrow({ where: { nip }, include: { atasan: true } });
    const form = (peran: string[]) => ({
      nip,
      nama: p.nama,
      golongan: 'III/a',
      unitId: String(p.unitId),
      jabatanId: p.jabatanId ? String(p.jabatanId) : '',
      nipAtasan: p.atasan?.nip ?? '',
      bankNama: p.bankNama ?? '',
      rekening: p.rekening ?? '',
      peran,
    });
    expect((await post(B, `/admin/pegawai/${p.id}`, admin, form(['ADMIN']))).status).toBe(303);
    expect((await prisma.pegawai.findUniqueOrThrow({ where: { nip } })).peran).toContain('ADMIN');
    for (const [name, app] of BOTH) {
      const page = await get(app, '/admin', andi);
      expect(page.status, name).toBe(200);
      expect(page.text).toContain('href="/admin"');
    }
    expect((await post(A, `/admin/pegawai/${p.id}`, admin, form([]))).status).toBe(303);
    for (const [name, app] of [...BOTH].reverse()) expect((await get(app, '/admin', andi)).status, name).toBe(403);
  });

  it('when a change is written straight into PostgreSQL (a script, psql, another machine), then both instances see it at the next request; bypassing the triggers shows what they serve is kept', async () => {
    const nip = '199502022020122003'; // Maya
    const maya = await signIn(A, nip);
    await warm(maya);
    // without triggers (no notification) the instances keep serving the name they read
    await other.query('BEGIN');
    await other.query('SET LOCAL session_replication_role = replica');
    await other.query(`UPDATE pegawai SET nama = 'Maya Anggraini (diam-diam)' WHERE nip = $1`, [nip]);
    await other.query('COMMIT');
    for (const [name, app] of BOTH) expect((await get(app, '/', maya)).text, name).not.toContain('diam-diam');
    // an ordinary change is announced: the next page shows it on both, and deactivation signs out on both
    await other.query(`UPDATE pegawai SET nama = 'Maya Anggraini, A.Md. (baru)' WHERE nip = $1`, [nip]);
    for (const [name, app] of BOTH) expect((await get(app, '/', maya)).text, name).toContain('Maya Anggraini, A.Md. (baru)');
    await other.query('UPDATE pegawai SET aktif = false WHERE nip = $1', [nip]);
    for (const [name, app] of [...BOTH].reverse()) expect(signedOut(await get(app, '/', maya)), name).toBe(true);
  });

  it('when a form on one instance leaves a message for the next page, then that page shows it once: from memory on the same instance, read again on the other', async () => {
    const cookie = await signIn(A, DEMO_ACCOUNTS.atasan);
    await warm(cookie, '/verifikasi');
    const pesan = 'Belum ada realisasi yang dipilih.';
    // on the instance that wrote the message, the next page needs no session read (it kept what it wrote)
    expect((await post(A, '/verifikasi', cookie, {})).status).toBe(303);
    const same = await statementsOf(A, '/verifikasi', cookie);
    expect(same.res.text).toContain(pesan);
    expect(same.sent.filter((s) => SESSION_READ.test(s))).toEqual([]);
    expect((await get(B, '/verifikasi', cookie)).text).not.toContain(pesan); // shown once: taken by that page
    // written on A, shown on B: B drops what it kept when it hears of a write that is not its own
    expect((await post(A, '/verifikasi', cookie, {})).status).toBe(303);
    expect((await get(B, '/verifikasi', cookie)).text).toContain(pesan);
    expect((await get(A, '/verifikasi', cookie)).text).not.toContain(pesan);
  });

  it("when a subordinate's entry changes, then the atasan's badge on the other instance counts it at the next page", async () => {
    const atasan = await signIn(A, DEMO_ACCOUNTS.atasan);
    await warm(atasan, '/akun/password');
    const badge = async (app: Express) =>
      Number((await get(app, '/akun/password', atasan)).text.match(/title="menunggu verifikasi">(\d+)</)?.[1] ?? 0);
    const before = await badge(A);
    expect(before).toBeGreaterThan(0);
    expect(await badge(B)).toBe(before);
    const { rows } = await other.query(
      `DELETE FROM realisasi WHERE id = (SELECT r.id FROM realisasi r JOIN pegawai p ON p.id = r.pegawai_id
         JOIN pegawai a ON a.id = p.atasan_id WHERE a.nip = $1 AND r.status = 0 ORDER BY r.id LIMIT 1) RETURNING id`,
      [DEMO_ACCOUNTS.atasan],
    );
    expect(rows).toHaveLength(1);
    expect(await badge(B)).toBe(before - 1);
    expect(await badge(A)).toBe(before - 1);
  });

  it("when a subordinate's SKP is submitted, then the atasan's Persetujuan Target badge on both instances counts it at the next page", async () => {
    const atasan = await signIn(A, DEMO_ACCOUNTS.atasan);
    await warm(atasan, '/akun/password');
    const badge = async (app: Express) =>
      Number((await get(app, '/akun/password', atasan)).text.match(/title="target dan SKP menunggu persetujuan">(\d+)</)?.[1] ?? 0);
    const before = await badge(A);
    expect(await badge(B)).toBe(before);
    // an approved SKP of one of the atasan's subordinates goes back to waiting (as an edit after approval does)
    const { rows } = await other.query(
      `UPDATE skp SET status = 'DIAJUKAN', versi = versi + 1 WHERE id = (SELECT s.id FROM skp s JOIN pegawai p ON p.id = s.pegawai_id
         JOIN pegawai a ON a.id = p.atasan_id WHERE a.nip = $1 AND s.status = 'DISETUJUI' AND s.mulai <= $2::date AND s.selesai >= $2::date
         ORDER BY s.id LIMIT 1) RETURNING id`,
      [DEMO_ACCOUNTS.atasan, TEST_TODAY],
    );
    expect(rows).toHaveLength(1);
    expect(await badge(B)).toBe(before + 1);
    expect(await badge(A)).toBe(before + 1);
  });

  it('when the listening connection is lost, then sessions are read from the database until it is back, and a change made meanwhile is seen', async () => {
    const nip = '199007192015031001'; // Eko
    const eko = await signIn(A, nip);
    await warm(eko);
    const listeners = async () =>
      (
        await other.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'ekinerja-sesi'`)
      ).rows.map((r) => r.pid as number);
    expect((await listeners()).length).toBe(2); // one per instance
    // the connections are cut (their backends gone), and a change is made that no one hears
    const cut = await listeners();
    await other.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) pid', [cut]);
    for (let i = 0; i < 200 && (await listeners()).some((pid) => cut.includes(pid)); i++) await new Promise((ok) => setTimeout(ok, 25));
    expect((await listeners()).some((pid) => cut.includes(pid))).toBe(false);
    await other.query('BEGIN');
    await other.query('SET LOCAL session_replication_role = replica');
    await other.query('UPDATE pegawai SET aktif = false WHERE nip = $1', [nip]);
    await other.query('COMMIT');
    for (const [name, app] of BOTH) expect(signedOut(await get(app, '/', eko)), name).toBe(true);
    // back on its own: the sessions are kept again once each instance listens again
    await Promise.all([sessionCacheReady(A), sessionCacheReady(B)]);
    const pimpinan = await signIn(B, DEMO_ACCOUNTS.pimpinan);
    await warm(pimpinan);
    for (const [name, app] of BOTH) {
      const { res, sent } = await statementsOf(app, '/', pimpinan);
      expect(res.status).toBe(200);
      expect(sent, name).toContain(FENCE_SQL);
      expect(
        sent.filter((s) => SESSION_READ.test(s)),
        name,
      ).toEqual([]);
    }
  });
});

describe('the listening connection behind a pooler', () => {
  it('when SESSION_LISTEN_URL names another way to the server (the server itself, behind PgBouncer), then the instance listens there, serves from memory, and a logout on another instance still ends the session at once', async () => {
    // a stand-in for "straight to PostgreSQL": a TCP relay to the same server, counting the connections it carries
    const target = new URL(db.url);
    const sockets: net.Socket[] = [];
    let carried = 0;
    const relay = net.createServer((inbound) => {
      carried++;
      const outbound = net.connect(Number(target.port || 5432), target.hostname);
      sockets.push(inbound, outbound);
      inbound.pipe(outbound).pipe(inbound);
      inbound.on('error', () => outbound.destroy());
      outbound.on('error', () => inbound.destroy());
    });
    await new Promise<void>((ok) => relay.listen(0, '127.0.0.1', ok));
    const listenUrl = new URL(db.url);
    listenUrl.hostname = '127.0.0.1';
    listenUrl.port = String((relay.address() as net.AddressInfo).port);
    const C = buildApp(db.pool!, { LOGIN_MAX_PER_NIP: '100', LOGIN_MAX_PER_IP: '1000', SESSION_LISTEN_URL: listenUrl.toString() });
    try {
      await sessionCacheReady(C);
      expect(carried).toBe(1); // the listening connection, and nothing else of the app's
      const cookie = await signIn(A, DEMO_ACCOUNTS.pegawai);
      for (let i = 0; i < 2; i++) expect((await get(C, '/', cookie)).status).toBe(200);
      const { res, sent } = await statementsOf(C, '/', cookie);
      expect(res.status).toBe(200);
      expect(sent).toContain(FENCE_SQL);
      expect(sent.filter((s) => SESSION_READ.test(s))).toEqual([]); // kept: the listener is up
      expect((await post(A, '/logout', cookie, {})).status).toBe(303);
      expect(signedOut(await get(C, '/', cookie))).toBe(true);
      expect(carried).toBe(1);
    } finally {
      (C.get('sessionCache') as { close(): void }).close();
      for (const s of sockets) s.destroy();
      await new Promise((ok) => relay.close(ok));
    }
  });
});
