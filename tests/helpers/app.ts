import type { Express } from 'express';
import type pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../prisma/demo-data.ts';
import { createApp } from '../../src/app.ts';
import { loadEnv } from '../../src/config/env.ts';
import { TEST_TZ } from './clock.ts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

/** The app on a test database, in the run's zone; its clock is the pinned test clock (tests/helpers/clock.ts). */
export function buildApp(pool: pg.Pool, overrides: Record<string, string> = {}): Express {
  const env = loadEnv({
    NODE_ENV: 'test',
    SESSION_SECRET: 'uji-rahasia-sesi-yang-cukup-panjang-0123456789',
    APP_TIMEZONE: TEST_TZ,
    ...overrides,
  });
  return createApp({ env, pool, sessionSecret: env.SESSION_SECRET! });
}

/** Resolves when the app's session cache listens (src/middleware/session-cache.ts): from then on it keeps what it reads. */
export async function sessionCacheReady(app: Express): Promise<void> {
  await (app.get('sessionCache') as { ready(): Promise<void> } | undefined)?.ready();
}

/** POST a multipart form (file upload) the way the browser does: CSRF token in the action URL. */
export async function postMultipart(
  agent: Agent,
  path: string,
  fields: Record<string, string>,
  file?: { buffer: Buffer; name: string },
  token?: string,
) {
  token ??= await tokenOf(agent, '/realisasi');
  let req = agent.post(`${path}${path.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(token)}`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  if (file) req = req.attach('bukti', file.buffer, file.name);
  return req;
}

/** The CSRF token of the form on a page. */
export function csrfFrom(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

export type Agent = InstanceType<typeof TestAgent>;

/** A browser-like agent that logs in through the real form. */
export async function loginAs(app: Express, nip: string, password = DEMO_PASSWORD): Promise<Agent> {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), nip, password });
  if (res.status !== 303) throw new Error(`login as ${nip} failed: ${res.status}`);
  return agent;
}

/** GET a page and return its CSRF token (for a following POST). */
export async function tokenOf(agent: Agent, path: string): Promise<string> {
  const page = await agent.get(path);
  return csrfFrom(page.text);
}

export const sessionCookie = (res: { headers: Record<string, unknown> }): string | undefined => {
  const raw = res.headers['set-cookie'] as string[] | undefined;
  return raw?.find((c) => c.startsWith('ekinerja.sid='))?.split(';')[0];
};

/** One signed-in agent per NIP for a test file (`as(nip)` logs in once and reuses the session). */
export function agentsOf(app: Express): (nip: string) => Promise<Agent> {
  const agents = new Map<string, Agent>();
  return async (nip) => {
    if (!agents.has(nip)) agents.set(nip, await loginAs(app, nip));
    return agents.get(nip)!;
  };
}

/** A form POST with the agent's CSRF token (read from the home page). */
export async function postForm(agent: Agent, path: string, body: Record<string, string | string[]>) {
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: await tokenOf(agent, '/'), ...body });
}
