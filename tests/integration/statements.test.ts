// How much SQL a signed-in page costs: every statement sent to PostgreSQL while serving one GET, counted on the pg
// client under both Prisma and the session store. The main pages read in at most 4 statements and never write:
// the session with its pegawai (jabatan, unit) and the menu badge of an atasan — or, once this instance keeps them
// (issue 20, middleware/session-cache.ts), the cache's fence — and the page itself.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { FENCE_SQL } from '../../src/middleware/session-cache.ts';
import { invalidateSettings } from '../../src/services/settings.service.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const app = buildApp(db.pool!);
const [{ id: pegawaiDemo }] = (await db.pool!.query('SELECT id FROM pegawai WHERE nip = $1', [DEMO_ACCOUNTS.pegawai])).rows;
const demo = await db.prisma!.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });

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

/** The statements one GET sends, after a first visit has warmed the per-instance caches (settings, logo). */
async function statementsOf(agent: Awaited<ReturnType<typeof loginAs>>, path: string) {
  expect((await agent.get(path)).status).toBe(200);
  // the login's own late statements (its throttle counter is given back after the response) must not be counted
  for (let i = 0; i < 1500 && db.pool!.totalCount > db.pool!.idleCount; i++) await new Promise((ok) => setTimeout(ok, 20));
  recording = [];
  const res = await agent.get(path);
  const sent = recording;
  recording = undefined;
  expect(res.status).toBe(200);
  // The settings (with the logo) are one read per instance every few seconds (settings.service.ts), not per page:
  // on a slow machine the two visits may straddle that expiry, so that read is left out of the page's count.
  return sent.map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => !/^SELECT .* FROM "public"\."setting"/.test(s));
}

const WRITES = /^(INSERT|UPDATE|DELETE|MERGE|BEGIN|COMMIT|TRUNCATE|CREATE|ALTER|DROP)\b|\bFOR UPDATE\b/i;

describe('SQL per signed-in page', () => {
  const pages: [string, string, string][] = [
    ['Realisasi Kinerja', DEMO_ACCOUNTS.pegawai, '/realisasi'],
    ['Realisasi Kinerja (atasan: with the menu badge)', DEMO_ACCOUNTS.atasan, '/realisasi'],
    ['Verifikasi', DEMO_ACCOUNTS.atasan, '/verifikasi'],
    ['Verifikasi, every status of a month', DEMO_ACCOUNTS.atasan, '/verifikasi?status=semua&bulan=2026-01'],
    ['Persetujuan Target (issue 11)', DEMO_ACCOUNTS.atasan, '/persetujuan-target'],
    ['Realisasi Tahunan (atasan: targets with their state)', DEMO_ACCOUNTS.atasan, '/realisasi-tahunan'],
    ['Beranda (pegawai)', DEMO_ACCOUNTS.pegawai, '/'],
    ['Beranda (atasan: the queue and its deadlines)', DEMO_ACCOUNTS.atasan, '/'],
    ['Realisasi Tahunan', DEMO_ACCOUNTS.pegawai, '/realisasi-tahunan'],
    ['Anjab', DEMO_ACCOUNTS.pegawai, '/anjab'],
    ['Presensi', DEMO_ACCOUNTS.pegawai, '/presensi'],
    ['Capaian & TPP', DEMO_ACCOUNTS.pegawai, '/tpp'],
    ['Dashboard Pimpinan', DEMO_ACCOUNTS.pimpinan, '/dashboard'],
    ['Umpan Balik (pegawai: own history and the list of bawahan)', DEMO_ACCOUNTS.pegawai, '/skp/umpan-balik'],
    ['Umpan Balik of a bawahan (atasan: with the form)', DEMO_ACCOUNTS.atasan, `/skp/umpan-balik/pegawai/${pegawaiDemo}`],
    ['Umpan Balik of a pegawai of the subtree (pimpinan)', DEMO_ACCOUNTS.pimpinan, `/skp/umpan-balik/pegawai/${pegawaiDemo}`],
    ['Ekspor SIASN (admin)', DEMO_ACCOUNTS.admin, '/admin/siasn'],
    ['SKP (issue 19)', DEMO_ACCOUNTS.pegawai, '/skp'],
    ['SKP (atasan: with the SKP they rate)', DEMO_ACCOUNTS.atasan, '/skp'],
    ['Matriks Peran Hasil (Kepala OPD, the whole OPD)', DEMO_ACCOUNTS.pimpinan, '/skp/matriks'],
    ['Matriks Peran Hasil (atasan: their team)', DEMO_ACCOUNTS.atasan, '/skp/matriks'],
    ['Evaluasi Kinerja (atasan: own ratings and the team to rate)', DEMO_ACCOUNTS.atasan, '/evaluasi'],
    [
      'Evaluasi Kinerja of a bawahan’s month (rating, capaian per RHK, feedback, curve)',
      DEMO_ACCOUNTS.atasan,
      `/evaluasi/pegawai/${demo.id}`,
    ],
    ['Evaluasi Kinerja tahunan of a bawahan', DEMO_ACCOUNTS.atasan, `/evaluasi/pegawai/${demo.id}?tahun=2026&bulan=`],
    ['Kurva Distribusi (admin: every OPD)', DEMO_ACCOUNTS.admin, '/evaluasi/kurva'],
    ['Kinerja Organisasi (admin)', DEMO_ACCOUNTS.admin, '/admin/kinerja-organisasi'],
  ];
  it.each(pages)('when %s is opened, then it reads in at most 4 statements and writes nothing', async (_name, nip, path) => {
    invalidateSettings();
    const agent = await loginAs(app, nip);
    const sent = await statementsOf(agent, path);
    expect(sent.filter((s) => WRITES.test(s))).toEqual([]);
    expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(4);
    // the counter sees the session (read with its pegawai, or kept and confirmed by the cache's fence) and the page: it
    // cannot pass by seeing nothing
    expect(sent.some((s) => /FROM "?session"?\b/.test(s) || s === FENCE_SQL)).toBe(true);
    expect(sent.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['the pegawai', DEMO_ACCOUNTS.pegawai],
    ['their atasan', DEMO_ACCOUNTS.atasan],
  ])("when %s opens the pegawai's SKP (issue 19), then it reads in at most 4 statements and writes nothing", async (_who, nip) => {
    const p = await db.prisma!.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    const skp = await db.prisma!.skp.findFirstOrThrow({ where: { pegawaiId: p.id }, orderBy: { mulai: 'desc' } });
    invalidateSettings();
    const sent = await statementsOf(await loginAs(app, nip), `/skp/${skp.id}`);
    expect(sent.filter((s) => WRITES.test(s))).toEqual([]);
    expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(4);
    // the session read with its pegawai, or kept and confirmed by the cache's fence (issue 20), as for the pages above
    expect(sent.some((s) => /FROM "?session"?\b/.test(s) || s === FENCE_SQL)).toBe(true);
  });
});
