// Throttling that an attacker cannot turn against the owner (issue 13: "anyone can lock any account for 15 minutes").
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loginDelayMs } from '../../src/middleware/login-throttle.ts';
import { pruneThrottle } from '../../src/services/throttle.service.ts';
import { buildApp, csrfFrom, DEMO_ACCOUNTS, DEMO_PASSWORD, loginAs, tokenOf } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
// Behind one trusted proxy, so each test client can come from its own address (X-Forwarded-For).
const env = { TRUST_PROXY: 'true', LOGIN_MAX_PER_NIP: '5', LOGIN_MAX_PER_IP: '30', LOGIN_DELAY_BASE_MS: '20', LOGIN_DELAY_MAX_MS: '300' };
const app = buildApp(db.pool!, env);

async function attempt(ip: string, nip: string, password: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login').set('X-Forwarded-For', ip);
  const started = performance.now();
  const res = await agent
    .post('/login')
    .set('X-Forwarded-For', ip)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), nip, password });
  return { status: res.status, ms: performance.now() - started, res };
}

describe('login throttling', () => {
  it('when an attacker fails many times for a NIP from one address, then that address gets 429 and the owner still gets in from another', async () => {
    const nip = DEMO_ACCOUNTS.atasan;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt('203.0.113.7', nip, `tebakan-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // the attacker's address stays refused even with the right password…
    expect((await attempt('203.0.113.7', nip, DEMO_PASSWORD)).status).toBe(429);
    // …while the owner, at the office, logs in.
    const owner = await attempt('10.20.30.40', nip, DEMO_PASSWORD);
    expect(owner.status).toBe(303);
    expect(owner.res.headers.location).toBe('/');
  });

  it('when a NIP is attacked from many addresses, then each further attempt waits longer but the owner is never locked out', async () => {
    const nip = DEMO_ACCOUNTS.pegawai;
    for (let i = 0; i < 12; i++) expect((await attempt(`198.51.100.${i + 1}`, nip, 'salah-salah')).status).toBe(401);
    const row = await prisma.loginThrottle.findUniqueOrThrow({ where: { key: `nip:${nip}` } });
    expect(row.hits).toBe(12);
    const owner = await attempt('10.20.30.41', nip, DEMO_PASSWORD);
    expect(owner.status).toBe(303);
    // 12 failures before: beyond the threshold of 5, so the delay is at its cap (300 ms in this test)
    expect(owner.ms).toBeGreaterThanOrEqual(290);
  });

  it('when the delay is computed, then it starts at the threshold, doubles, and stops at the cap', () => {
    const cfg = { LOGIN_MAX_PER_NIP: 5, LOGIN_DELAY_BASE_MS: 250, LOGIN_DELAY_MAX_MS: 8000 };
    expect([4, 5, 6, 7, 8, 10, 50].map((n) => loginDelayMs(n, cfg))).toEqual([0, 250, 500, 1000, 2000, 8000, 8000]);
  });

  it('when one address sprays many NIPs, then it is refused across NIPs', async () => {
    const strict = buildApp(db.pool!, { ...env, LOGIN_MAX_PER_IP: '3' });
    const statuses: number[] = [];
    for (const nip of ['198909142015031002', '197809031998031003', '198212112008012006', '199110272017081001']) {
      const agent = request.agent(strict);
      const page = await agent.get('/login').set('X-Forwarded-For', '192.0.2.99');
      const res = await agent
        .post('/login')
        .set('X-Forwarded-For', '192.0.2.99')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), nip, password: 'salah' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('when counters have expired, then pruning deletes them and keeps the live ones', async () => {
    await prisma.loginThrottle.createMany({
      data: [
        { key: 'ip:uji-lama', hits: 3, resetAt: new Date(Date.UTC(2000, 0, 1)) },
        { key: 'ip:uji-baru', hits: 3, resetAt: new Date(Date.UTC(2100, 0, 1)) },
      ],
    });
    expect(await pruneThrottle()).toBeGreaterThanOrEqual(1);
    expect(await prisma.loginThrottle.count({ where: { key: 'ip:uji-lama' } })).toBe(0);
    expect(await prisma.loginThrottle.count({ where: { key: 'ip:uji-baru' } })).toBe(1);
  });
});

describe('Ubah Password', () => {
  it('when the current password is wrong too often, then 429 without another hash, and the right one works after the window', async () => {
    const strict = buildApp(db.pool!, { ...env, PASSWORD_CHECK_MAX: '3' });
    const agent = await loginAs(strict, DEMO_ACCOUNTS.admin);
    const send = async (passwordLama: string) =>
      agent
        .post('/akun/password')
        .type('form')
        .send({
          _csrf: await tokenOf(agent, '/akun/password'),
          passwordLama,
          passwordBaru: 'kalimat sandi baru yang panjang',
          konfirmasi: 'kalimat sandi baru yang panjang',
        });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(`salah-${i}`)).status);
    expect(statuses).toEqual([422, 422, 422, 429]);
    const refused = await send(DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    // the window passes (the counter lives in PostgreSQL, on its clock)
    await prisma.loginThrottle.updateMany({ where: { key: { startsWith: 'pw:' } }, data: { resetAt: new Date(Date.UTC(2000, 0, 1)) } });
    expect((await send(DEMO_PASSWORD)).status).toBe(303);
  });
});
