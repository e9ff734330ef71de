// The demo Pemda as a newcomer finds it on whatever date the app first starts: this file runs in the date matrix
// (vitest.config.ts), each time on a template seeded for that instant's calendar date.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { CATATAN_DIKEMBALIKAN, seedDemo } from '../../prisma/seed.ts';
import { PrismaClient } from '../../src/generated/prisma/client.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { addDays, TEST_NOW, TEST_TODAY, workingDaysBefore } from '../helpers/clock.ts';
import { useTestDatabase, withDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);

const tahun = Number(TEST_TODAY.slice(0, 4));
const bulan = Number(TEST_TODAY.slice(5, 7));
const hari = Number(TEST_TODAY.slice(8, 10));
const isWorkingDay = (iso: string) => ![0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());
/** The last five working days up to and including today. */
const limaHariKerja = [...(isWorkingDay(TEST_TODAY) ? [TEST_TODAY] : []), ...workingDaysBefore(TEST_TODAY, 5)].slice(0, 5);
const ym = (iso: string) => iso.slice(0, 7);
const q = <T>(sql: string, ...params: unknown[]) => db.pool!.query(sql, params).then((r) => r.rows as T[]);

describe(`the demo seeded for ${TEST_TODAY}`, () => {
  it('when its history is read, then every pegawai with an atasan has entries in every past month since January, the demo pegawai in this one too', async () => {
    const dari = bulan === 1 ? `${tahun - 1}-01` : `${tahun}-01`;
    const months: string[] = [];
    for (let d = `${dari}-01`; ym(d) < ym(TEST_TODAY); d = `${addDays(`${ym(d)}-28`, 7).slice(0, 7)}-01`) months.push(ym(d));
    const rows = await q<{ nip: string; bulan: string }>(`
      SELECT p.nip, to_char(r.tanggal, 'YYYY-MM') AS bulan FROM realisasi r JOIN pegawai p ON p.id = r.pegawai_id
      WHERE p.atasan_id IS NOT NULL GROUP BY 1, 2`);
    const pegawai = await q<{ nip: string }>('SELECT nip FROM pegawai WHERE atasan_id IS NOT NULL AND aktif');
    expect(pegawai.length).toBeGreaterThan(30);
    const missing = pegawai.flatMap(({ nip }) =>
      months.filter((m) => !rows.some((r) => r.nip === nip && r.bulan === m)).map((m) => `${nip} ${m}`),
    );
    expect(missing).toEqual([]);
    // the current month, once one of its working days has come: the demo pegawai has written something
    if (limaHariKerja.some((w) => ym(w) === ym(TEST_TODAY))) {
      expect(rows.some((r) => r.nip === DEMO_ACCOUNTS.pegawai && r.bulan === ym(TEST_TODAY))).toBe(true);
    }
  });

  it('when statuses are counted, then everything older than what is still on the desk is verified, nothing lies in the future', async () => {
    // on the desk: the last five working days, and on days 1–5 the previous month's last week
    const awalBulan = `${ym(TEST_TODAY)}-01`;
    const terbuka =
      hari <= 5 ? [...limaHariKerja].concat(workingDaysBefore(awalBulan, 10).filter((d) => d > addDays(awalBulan, -8))) : limaHariKerja;
    const [s] = await q<{ total: number; verified: number; pending_old: number; latest: string; late_verify: number; late_return: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 1)::int AS verified,
              count(*) FILTER (WHERE status = 0 AND NOT (tanggal::text = ANY($2)))::int AS pending_old, max(tanggal)::text AS latest,
              count(*) FILTER (WHERE verified_at > $1)::int AS late_verify, count(*) FILTER (WHERE returned_at > $1)::int AS late_return
       FROM realisasi`,
      TEST_NOW,
      terbuka,
    );
    expect(s.pending_old).toBe(0);
    expect(s.verified / s.total).toBeGreaterThan(0.5);
    expect(s.latest <= TEST_TODAY).toBe(true);
    expect(s.late_verify).toBe(0);
    expect(s.late_return).toBe(0);
  });

  it('when the demo atasan’s desk is read, then the last five working days wait for verification (and on days 1–5 the previous month’s last week too)', async () => {
    const pending = await q<{ tanggal: string }>(
      `SELECT DISTINCT r.tanggal::text AS tanggal FROM realisasi r JOIN pegawai p ON p.id = r.pegawai_id
       JOIN pegawai a ON a.id = p.atasan_id WHERE a.nip = $1 AND r.status = 0`,
      DEMO_ACCOUNTS.atasan,
    );
    const dates = pending.map((r) => r.tanggal);
    for (const d of limaHariKerja) expect(dates, d).toContain(d);
    const awalBulan = `${ym(TEST_TODAY)}-01`;
    const mingguTerakhirBulanLalu = workingDaysBefore(awalBulan, 10).filter((d) => d > addDays(awalBulan, -8));
    for (const d of mingguTerakhirBulanLalu) {
      if (hari <= 5) expect(dates, `${d} (tgl ${hari}: bulan lalu masih dibuka)`).toContain(d);
    }
    if (hari > 5) expect(dates.filter((d) => d < awalBulan && !limaHariKerja.includes(d))).toEqual([]);
  });

  it('when pending entries are read, then each has an active atasan who can verify it, one was returned with a note and one carries a bukti dukung', async () => {
    const [orphan] = await q<{ n: number }>(`
      SELECT count(*)::int AS n FROM realisasi r JOIN pegawai p ON p.id = r.pegawai_id LEFT JOIN pegawai a ON a.id = p.atasan_id
      WHERE r.status = 0 AND (a.id IS NULL OR NOT a.aktif)`);
    expect(orphan.n).toBe(0);
    const returned = await prisma.realisasi.findMany({ where: { status: 0, catatanAtasan: CATATAN_DIKEMBALIKAN } });
    expect(returned).toHaveLength(1);
    expect(await prisma.buktiDukung.count({ where: { realisasi: { status: 0 } } })).toBeGreaterThanOrEqual(1);
  });

  it('when the demo’s umpan balik is read (issue 19), then the returned entry is in the history, nothing lies in the future, and the demo pegawai has one of the last 7 days', async () => {
    const [u] = await q<{ total: number; nanti: number; kembali: number; baru: number; jawaban_yatim: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE u.dibuat_at > $1)::int AS nanti,
              count(*) FILTER (WHERE u.isi = $2 AND u.realisasi_id IS NOT NULL AND p.nip = $3)::int AS kembali,
              count(*) FILTER (WHERE p.nip = $3 AND u.penulis_id <> p.id AND u.dibuat_at > $1::timestamptz - interval '7 days')::int AS baru,
              count(*) FILTER (WHERE u.induk_id IS NOT NULL AND u.dibuat_at < (SELECT i.dibuat_at FROM umpan_balik i WHERE i.id = u.induk_id))::int AS jawaban_yatim
       FROM umpan_balik u JOIN pegawai p ON p.id = u.pegawai_id`,
      TEST_NOW,
      CATATAN_DIKEMBALIKAN,
      DEMO_ACCOUNTS.pegawai,
    );
    expect(u.total).toBeGreaterThan(20);
    expect(u.nanti).toBe(0);
    expect(u.kembali).toBe(1);
    expect(u.baru).toBeGreaterThanOrEqual(1);
    expect(u.jawaban_yatim).toBe(0);
  });

  it('when the three demo accounts sign in, then each sees live work: entries to correct, a queue to verify, a year of realisasi', async () => {
    // the pegawai: the newest month with work shows pending entries and the atasan's note
    const pegawai = await loginAs(app, DEMO_ACCOUNTS.pegawai);
    const home = await pegawai.get('/realisasi');
    expect(home.status).toBe(200);
    if (hari <= 5) expect(home.text).toMatch(/masih dapat ditambah sampai \d+ \w+ \d{4}/);
    const terbaru = ym(limaHariKerja[0]);
    const page = await pegawai.get(`/realisasi?bulan=${terbaru}`);
    expect(page.text).toContain('Belum diverifikasi');
    const returnedMonth = (await prisma.realisasi.findFirstOrThrow({ where: { catatanAtasan: CATATAN_DIKEMBALIKAN } })).tanggal
      .toISOString()
      .slice(0, 7);
    expect((await pegawai.get(`/realisasi?bulan=${returnedMonth}`)).text).toContain(CATATAN_DIKEMBALIKAN);
    // Realisasi Tahunan of the year the last full month belongs to: verified realisasi in every month up to it
    const tahunLalu = bulan === 1 ? tahun - 1 : tahun;
    const tahunan = await pegawai.get(`/realisasi-tahunan?tahun=${tahunLalu}`);
    expect(tahunan.text).toMatch(/✓ [1-9]|&#10003; [1-9]/);

    // the atasan: a queue to verify
    const atasan = await loginAs(app, DEMO_ACCOUNTS.atasan);
    const queue = await atasan.get('/verifikasi');
    const waiting = Number(queue.text.match(/(\d+) realisasi menunggu verifikasi/)?.[1]);
    expect(waiting).toBeGreaterThanOrEqual(5);

    // the admin: the Pemda's pegawai list
    const admin = await loginAs(app, DEMO_ACCOUNTS.admin);
    expect((await admin.get('/admin/pegawai')).status).toBe(200);
  });
});

describe('seeding', () => {
  it('when the demo is seeded for a date in February or in December, then it takes the same number of statements (set-based, not row by row)', async () => {
    const admin = new pg.Client({ connectionString: inject('serverUrl') });
    await admin.connect();
    const statements = async (tanggal: string) => {
      const name = `${db.name}_${tanggal.replaceAll('-', '')}`;
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('migratedDb')}"`);
      const pool = new pg.Pool({ connectionString: withDatabase(inject('serverUrl'), name) });
      pool.on('error', () => undefined); // the DROP below ends the idle connections
      const client = new PrismaClient({ adapter: new PrismaPg(pool) });
      let n = 0;
      const query = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
        n++;
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
      try {
        await seedDemo(client, { today: tanggal, passwordHash: 'x' });
      } finally {
        pg.Client.prototype.query = query;
      }
      const [{ count }] = (await pool.query('SELECT count(*)::int AS count FROM realisasi')).rows;
      await client.$disconnect();
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return { n, count };
    };
    try {
      const feb = await statements(`${tahun}-02-03`);
      const dec = await statements(`${tahun}-12-30`);
      expect(dec.count).toBeGreaterThan(feb.count * 5);
      expect(dec.n).toBe(feb.n);
    } finally {
      await admin.end();
    }
  });
});
