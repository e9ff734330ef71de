import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/clock.ts';
import { buildApp, csrfFrom, DEMO_ACCOUNTS, DEMO_PASSWORD, loginAs, sessionCookie } from '../helpers/app.ts';
import { pinTestClock } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!, { LOGIN_MAX_PER_NIP: '5', LOGIN_MAX_PER_IP: '1000' });

const pegawaiId = async () => (await db.prisma!.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } })).id;

async function postLogin(body: Record<string, string>) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...body });
  return { agent, res };
}

describe('login', () => {
  it('when the demo pegawai logs in with NIP and password, then they land on Beranda with the side menu', async () => {
    const { agent, res } = await postLogin({ nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Realisasi Kinerja');
    expect(home.text).toContain('Rina Wulandari');
    expect(home.text).toContain(DEMO_ACCOUNTS.pegawai);
  });

  it('when the password is wrong or the NIP unknown, then both get the same status and message', async () => {
    const wrong = await postLogin({ nip: DEMO_ACCOUNTS.atasan, password: 'salah-sekali' });
    const unknown = await postLogin({ nip: '199001012015011999', password: 'salah-sekali' });
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    const msg = (html: string) => html.match(/<div class="alert alert-danger"[^>]*>([^<]+)</)?.[1];
    expect(msg(wrong.res.text)).toBe('NIP atau password salah.');
    expect(msg(unknown.res.text)).toBe(msg(wrong.res.text));
    // what the user typed stays in the form (never the password)
    expect(wrong.res.text).toContain(`value="${DEMO_ACCOUNTS.atasan}"`);
    expect(wrong.res.text).not.toContain('salah-sekali');
  });

  it("when a NIP carries SQL (' AND '1'='1), then nobody is logged in and the field explains the format", async () => {
    const { agent, res } = await postLogin({ nip: `${DEMO_ACCOUNTS.pegawai}' AND '1'='1`, password: "x' OR '1'='1" });
    expect(res.status).toBe(422);
    expect(res.text).toContain('NIP terdiri dari 18 digit angka');
    expect(res.text).toContain('value="199203102019032001&#39; AND &#39;1&#39;=&#39;1"'); // escaped, kept
    const home = await agent.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/login');
  });

  it('when a NIP is empty, then the field says so with status 422', async () => {
    const { res } = await postLogin({ nip: '', password: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('NIP wajib diisi.');
    expect(res.text).toContain('Password wajib diisi.');
  });

  it('when a session exists before login, then login gives a new session id and the old one is dead', async () => {
    const agent = request.agent(app);
    // an anonymous session exists only once something is kept in it: here the page to return to after login
    const before = sessionCookie(await agent.get('/realisasi'));
    expect(before).toBeDefined();
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    expect(res.headers.location).toBe('/realisasi');
    const after = sessionCookie(res);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const withOld = await request(app).get('/').set('Cookie', before!);
    expect(withOld.status).toBe(303);
    expect(withOld.headers.location).toBe('/login');
    const withNew = await request(app).get('/').set('Cookie', after!);
    expect(withNew.status).toBe(200);
  });

  it('when anonymous visitors open the login page many times, then no session row is written and no session cookie is set', async () => {
    const rows = await db.prisma!.session.count();
    for (let i = 0; i < 20; i++) {
      const page = await request(app).get('/login');
      expect(page.status).toBe(200);
      expect(sessionCookie(page)).toBeUndefined();
    }
    expect(await db.prisma!.session.count()).toBe(rows);
    // and the form still logs in: the CSRF token rides on a signed cookie, not on a server session
    const { res } = await postLogin({ nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    expect(res.status).toBe(303);
    expect(await db.prisma!.session.count()).toBe(rows + 1);
  });

  it('when a signed-in pegawai opens pages, then the session row is not written until its expiry is a few minutes old', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const row = async () =>
      db.prisma!.session.findFirstOrThrow({
        where: { sess: { path: ['passport', 'user', 'id'], equals: await pegawaiId() } },
        orderBy: { expire: 'desc' },
      });
    const first = await row();
    for (const path of ['/', '/realisasi', '/realisasi-tahunan', '/']) expect((await agent.get(path)).status).toBe(200);
    expect((await row()).expire.getTime()).toBe(first.expire.getTime());
    // 6 minutes later by the app's clock the next page view moves the expiry forward once
    advanceClock(6 * 60_000);
    await new Promise((ok) => setTimeout(ok, 1100)); // the stored expiry is on the real clock, in whole seconds: let it move
    expect((await agent.get('/')).status).toBe(200);
    const moved = await row();
    expect(moved.expire.getTime()).toBeGreaterThan(first.expire.getTime());
    expect((await agent.get('/')).status).toBe(200);
    expect((await row()).expire.getTime()).toBe(moved.expire.getTime());
    pinTestClock();
  });

  it('when the pegawai logs out, then the session is destroyed on the server and its cookie no longer works', async () => {
    const { agent, res } = await postLogin({ nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    const cookie = sessionCookie(res)!;
    const home = await agent.get('/');
    const sessionsBefore = await db.prisma!.session.count();
    const out = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/login');
    expect(await db.prisma!.session.count()).toBe(sessionsBefore - 1);
    const replay = await request(app).get('/').set('Cookie', cookie);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toBe('/login');
  });

  it('when a protected page is opened anonymously, then it redirects to /login and back after login', async () => {
    const agent = request.agent(app);
    const res = await agent.get('/realisasi-tahunan?tahun=2026');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    const page = await agent.get('/login');
    const done = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    expect(done.headers.location).toBe('/realisasi-tahunan?tahun=2026');
  });

  it('when a forged or unsigned session cookie is sent, then it is ignored', async () => {
    const row = await db.prisma!.session.findFirst({ where: { sess: { path: ['passport'], not: null as never } } });
    const forgedPlain = await request(app)
      .get('/')
      .set('Cookie', `ekinerja.sid=${row?.sid ?? 'abc'}`);
    expect(forgedPlain.status).toBe(303);
    const forgedSigned = await request(app)
      .get('/')
      .set('Cookie', `ekinerja.sid=s%3A${row?.sid ?? 'abc'}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(forgedSigned.status).toBe(303);
    expect(forgedSigned.headers.location).toBe('/login');
  });

  it('when an account is deactivated, then its open session ends at the next request', async () => {
    const agent = await loginAs(app, '199601092022032004');
    expect((await agent.get('/')).status).toBe(200);
    await db.prisma!.pegawai.update({ where: { nip: '199601092022032004' }, data: { aktif: false } });
    const res = await agent.get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    const again = await postLogin({ nip: '199601092022032004', password: DEMO_PASSWORD });
    expect(again.res.status).toBe(401);
  });
});

describe('CSRF', () => {
  it('when a login POST has no token, then it is refused with 403 and nobody is logged in', async () => {
    const agent = request.agent(app);
    await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Formulir sudah kedaluwarsa');
    expect((await agent.get('/')).status).toBe(303);
  });

  it("when a POST carries another session's token, then it is refused with 403 and the session survives", async () => {
    const victim = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const attacker = request.agent(app);
    const foreign = csrfFrom((await attacker.get('/login')).text);
    const res = await victim.post('/logout').type('form').send({ _csrf: foreign });
    expect(res.status).toBe(403);
    expect((await victim.get('/')).status).toBe(200); // still logged in: nothing changed
  });

  it("when a login POST carries another browser's token, or a token without its cookie, then it is refused with 403", async () => {
    const other = csrfFrom((await request(app).get('/login')).text);
    const agent = request.agent(app);
    await agent.get('/login');
    const foreign = await agent.post('/login').type('form').send({ _csrf: other, nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    expect(foreign.status).toBe(403);
    const noCookie = await request(app)
      .post('/login')
      .type('form')
      .send({ _csrf: other, nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    expect(noCookie.status).toBe(403);
    expect((await agent.get('/')).status).toBe(303);
  });

  it('when the pegawai logs in, then the anonymous token no longer works and the page carries a new one bound to the session', async () => {
    const agent = request.agent(app);
    const anonToken = csrfFrom((await agent.get('/login')).text);
    await agent.post('/login').type('form').send({ _csrf: anonToken, nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    const home = await agent.get('/');
    const token = csrfFrom(home.text);
    expect(token).not.toBe(anonToken);
    expect((await agent.post('/logout').type('form').send({ _csrf: anonToken })).status).toBe(403);
    expect((await agent.post('/logout').type('form').send({ _csrf: token })).status).toBe(303);
  });
});

describe('throttling', () => {
  it('when a NIP fails 5 times from one address, then the 6th attempt from there is answered 429 even with the right password, and the counter lives in PostgreSQL', async () => {
    const nip = '199405182020121005';
    for (let i = 0; i < 5; i++) {
      const { res } = await postLogin({ nip, password: `salah-${i}` });
      expect(res.status).toBe(401);
    }
    const { res } = await postLogin({ nip, password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.text).toContain('Terlalu banyak percobaan login');
    const row = await db.prisma!.loginThrottle.findFirst({ where: { key: { startsWith: 'ipnip:', endsWith: `|${nip}` } } });
    expect(row?.hits).toBe(5); // the refused attempt was not counted
    // another app instance on the same database sees the same counter
    const other = buildApp(db.pool!, { LOGIN_MAX_PER_NIP: '5', LOGIN_MAX_PER_IP: '1000' });
    const agent = request.agent(other);
    const page = await agent.get('/login');
    const viaOther = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), nip, password: DEMO_PASSWORD });
    expect(viaOther.status).toBe(429);
  });

  it('when one IP fails too often, then it is throttled across NIPs', async () => {
    const strict = buildApp(db.pool!, { LOGIN_MAX_PER_NIP: '100', LOGIN_MAX_PER_IP: '3' });
    const agent = request.agent(strict);
    await db.prisma!.loginThrottle.deleteMany({ where: { key: { startsWith: 'ip:' } } });
    const statuses: number[] = [];
    for (const nip of ['198909142015031002', '197809031998031003', '198212112008012006', '199110272017081001']) {
      const page = await agent.get('/login');
      statuses.push(
        (
          await agent
            .post('/login')
            .type('form')
            .send({ _csrf: csrfFrom(page.text), nip, password: 'salah' })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    await db.prisma!.loginThrottle.deleteMany({ where: { key: { startsWith: 'ip:' } } });
  });
});

describe('returnTo', () => {
  it.each([
    '//evil.example/x',
    '/\\evil.example',
    'https://evil.example/',
  ])('when returnTo is %s, then login lands on / instead', async (target) => {
    const agent = request.agent(app);
    // an anonymous session that remembers a page (opened before login) …
    const sid = decodeURIComponent(sessionCookie(await agent.get('/realisasi'))!.split('=')[1])
      .slice(2)
      .split('.')[0];
    const page = await agent.get('/login');
    // … whose value is planted the way a crafted link could
    const planted = await db.prisma!
      .$executeRaw`UPDATE session SET sess = jsonb_set(sess::jsonb, '{returnTo}', to_jsonb(${target}::text))::json WHERE sid = ${sid}`;
    expect(planted).toBe(1);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });
});

describe('session lifetime', () => {
  it('when the login is older than SESSION_MAX_HOURS, then the session ends even if active', async () => {
    const agent = await loginAs(app, DEMO_ACCOUNTS.atasan);
    expect((await agent.get('/')).status).toBe(200);
    // 11 h 59 min later (by the app's clock) the session still holds; 12 h and a minute after login it has ended.
    advanceClock(11 * 3600_000 + 59 * 60_000);
    expect((await agent.get('/')).status).toBe(200);
    advanceClock(2 * 60_000);
    const res = await agent.get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?berakhir=1');
    pinTestClock();
  });

  it('when a session cookie is issued, then it is HttpOnly, SameSite=Lax and expires after the idle timeout', async () => {
    const { res } = await postLogin({ nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    const raw = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ekinerja.sid='))!;
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Lax/);
    // The store's expiry runs on the server's real time: compare with the response's own Date header.
    const expires = Date.parse(raw.match(/Expires=([^;]+)/)![1]);
    const sent = Date.parse(res.headers.date as string);
    expect(expires - sent).toBeGreaterThan(29 * 60_000);
    expect(expires - sent).toBeLessThanOrEqual(30 * 60_000 + 1000);
    const page = await request(app).get('/login');
    const csrfCookie = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ekinerja.csrf='))!;
    expect(csrfCookie).toMatch(/HttpOnly/);
    expect(csrfCookie).toMatch(/SameSite=Lax/);
  });

  it('when COOKIE_SECURE=true, then the cookie is marked Secure', async () => {
    const secure = buildApp(db.pool!, { COOKIE_SECURE: 'true', TRUST_PROXY: 'true' });
    const agent = request.agent(secure);
    const page = await agent.get('/login').set('X-Forwarded-Proto', 'https');
    const csrfCookie = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ekinerja.csrf='))!;
    expect(csrfCookie).toMatch(/Secure/);
    const res = await agent
      .post('/login')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', csrfCookie.split(';')[0])
      .type('form')
      .send({ _csrf: csrfFrom(page.text), nip: DEMO_ACCOUNTS.pegawai, password: DEMO_PASSWORD });
    const raw = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ekinerja.sid='))!;
    expect(raw).toMatch(/Secure/);
    expect(page.headers['strict-transport-security']).toBeDefined();
  });
});
