// Dashboard pimpinan: who may open it, the unit subtree a pimpinan sees, the drill-down, figures from the month rows
// of the one computation, and a query count that does not grow with the number of realisasi.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { capaianBulanan } from '../../src/domain/capaian.ts';
import { NAMA_BULAN } from '../../src/domain/periode.ts';
import { diDalamDinas, hitungSatu, segarkan } from '../../src/services/bulan-pegawai.service.ts';
import { dashboardUnit, lupakanTren } from '../../src/services/dashboard.service.ts';
import { getSettings } from '../../src/services/settings.service.ts';
import { buildApp, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const PIMPINAN = DEMO_ACCOUNTS.pimpinan; // Kepala Dinas Komunikasi dan Informatika
const [tahun, bulan] = TEST_TODAY.split('-').map(Number);
const bl = TEST_TODAY.slice(0, 7);

/** Queries sent to PostgreSQL while `fn` runs (every client of the pool goes through pg.Client#query). */
async function countQueries<T>(fn: () => Promise<T>): Promise<{ n: number; result: T }> {
  const original = pg.Client.prototype.query;
  let n = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    n++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const result = await fn();
    return { n, result };
  } finally {
    pg.Client.prototype.query = original;
  }
}

describe('dashboard access', () => {
  it('when a pegawai or an atasan who is not pimpinan opens the dashboard, then 403; anonymous goes to login', async () => {
    expect((await (await loginAs(app, DEMO_ACCOUNTS.pegawai)).get('/dashboard')).status).toBe(403);
    expect((await (await loginAs(app, DEMO_ACCOUNTS.atasan)).get('/dashboard')).status).toBe(403);
    const anon = await (await import('supertest')).default(app).get('/dashboard');
    expect(anon.status).toBe(303);
  });

  it('when the pimpinan opens the dashboard, then it shows his unit; a unit outside his subtree is a 404; the admin sees the Pemda', async () => {
    const pimpinan = await loginAs(app, PIMPINAN);
    const res = await pimpinan.get('/dashboard');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Dinas Komunikasi dan Informatika');
    expect(res.text).toContain(`${NAMA_BULAN[bulan - 1]} ${tahun}`);
    const luar = await prisma.unitKerja.findFirstOrThrow({
      where: { nama: { not: { contains: 'Komunikasi' } }, induk: { indukId: null } },
    });
    expect((await pimpinan.get(`/dashboard?unit=${luar.id}`)).status).toBe(404);
    const root = await prisma.unitKerja.findFirstOrThrow({ where: { indukId: null } });
    expect((await pimpinan.get(`/dashboard?unit=${root.id}`)).status).toBe(404);
    const admin = await (await loginAs(app, DEMO_ACCOUNTS.admin)).get('/dashboard');
    expect(admin.status).toBe(200);
    expect(admin.text).toContain(root.nama);
    expect(admin.text).toContain(`/dashboard?bulan=${bl}&amp;unit=${luar.id}`);
  });

  it('when the pimpinan drills down unit → pegawai → month → entries, then each step opens; a pegawai of another OPD is a 404', async () => {
    const pimpinan = await loginAs(app, PIMPINAN);
    const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai }, include: { unit: true } });
    const unit = await pimpinan.get(`/dashboard?unit=${pegawai.unitId}&bulan=${bl}`);
    expect(unit.status).toBe(200);
    expect(unit.text).toContain(`/dashboard/pegawai/${pegawai.id}?bulan=${bl}`);
    const tahunan = await pimpinan.get(`/dashboard/pegawai/${pegawai.id}?bulan=${bl}`);
    expect(tahunan.status).toBe(200);
    expect(tahunan.text).toContain(`/dashboard/pegawai/${pegawai.id}/entri?bulan=${bl}`);
    const entri = await pimpinan.get(`/dashboard/pegawai/${pegawai.id}/entri?bulan=${bl}`);
    expect(entri.status).toBe(200);
    const first = await prisma.realisasi.findFirst({ where: { pegawaiId: pegawai.id, tanggal: { gte: new Date(`${bl}-01`) } } });
    if (first) expect(entri.text).toContain(first.pekerjaan);
    const [luar] = await prisma.$queryRaw<{ id: number }[]>`
      WITH RECURSIVE s AS (SELECT id FROM unit_kerja WHERE id = (SELECT unit_id FROM pegawai WHERE nip = ${PIMPINAN})
        UNION ALL SELECT u.id FROM unit_kerja u JOIN s ON u.induk_id = s.id)
      SELECT id FROM pegawai WHERE unit_id NOT IN (SELECT id FROM s) ORDER BY id LIMIT 1`;
    expect((await pimpinan.get(`/dashboard/pegawai/${luar.id}`)).status).toBe(404);
    expect((await pimpinan.get(`/dashboard/pegawai/${luar.id}/entri`)).status).toBe(404);
  });
});

describe('dashboard figures', () => {
  it('when the admin opens the Pemda-wide view, then the TPP total (summed in SQL) equals each pegawai’s own TPP page, summed', async () => {
    const settings = await getSettings();
    const ids = (await prisma.pegawai.findMany({ select: { id: true } })).map((p) => p.id);
    const own = (await Promise.all(ids.map((id) => hitungSatu(id, tahun, bulan, settings)))).filter((b) => b !== null);
    const served = own.filter(diDalamDinas);
    const expected = served.reduce((s, b) => s + b.tpp.total, 0);
    const res = await (await loginAs(app, DEMO_ACCOUNTS.admin)).get('/dashboard');
    expect(res.text).toContain(`data-ringkas="Total TPP">Rp ${expected.toLocaleString('id-ID')}<`);
    expect(res.text).toContain(`data-ringkas="Pegawai">${served.length}<`);
  });

  it('when the year trend is drawn, then it stops at the month in progress, which alone is marked "berjalan" with a note, not drawn as a finished month', async () => {
    const res = await (await loginAs(app, DEMO_ACCOUNTS.admin)).get('/dashboard');
    const attr = res.text.match(/id="data-tren" hidden data-tren="([^"]*)"/)?.[1];
    expect(attr).toBeDefined();
    const tren = JSON.parse(
      attr!
        .replace(/&#34;/g, '"')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    ) as { bulan: number; berjalan: boolean }[];
    expect(tren.map((t) => t.bulan)).toEqual(Array.from({ length: bulan }, (_, i) => i + 1));
    expect(tren.filter((t) => t.berjalan).map((t) => t.bulan)).toEqual([bulan]);
    expect(res.text).toContain(`Bulan ${NAMA_BULAN[bulan - 1]} masih berjalan (garis putus-putus)`);
    // a past year has no month in progress
    const lalu = await (await loginAs(app, DEMO_ACCOUNTS.admin)).get(`/dashboard?bulan=${tahun - 1}-12`);
    expect(lalu.status).toBe(200);
    expect(lalu.text).not.toContain('masih berjalan');
  });
});

describe('the month rows follow their sources', () => {
  it('when the atasan verifies an entry, then the month row (verified count and capaian) follows at the next read', async () => {
    const settings = await getSettings();
    const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    const pending = await prisma.realisasi.findFirstOrThrow({
      where: { pegawaiId: pegawai.id, status: 0, targetTahunanId: { not: null } },
      orderBy: { tanggal: 'desc' },
    });
    const t = pending.tanggal.toISOString().slice(0, 10);
    const [y, m] = [Number(t.slice(0, 4)), Number(t.slice(5, 7))];
    const key = { pegawaiId_tahun_bulan: { pegawaiId: pegawai.id, tahun: y, bulan: m } };
    await segarkan(y, m, settings, { pegawaiIds: [pegawai.id] });
    const before = await prisma.bulanPegawai.findUniqueOrThrow({ where: key });
    await prisma.realisasi.update({
      where: { id: pending.id },
      data: { status: 1, verifiedById: pegawai.atasanId, verifiedAt: new Date(`${t}T10:00:00Z`) },
    });
    // the change marked the month; the next read recomputes it
    expect(await prisma.bulanPegawaiKotor.count({ where: { pegawaiId: pegawai.id, tahun: y, bulan: m } })).toBe(1);
    expect(await segarkan(y, m, settings, { pegawaiIds: [pegawai.id] })).toBe(1);
    const after = await prisma.bulanPegawai.findUniqueOrThrow({ where: key });
    expect(after.terverifikasi).toBe(before.terverifikasi + 1);
    expect(after.menunggu).toBe(before.menunggu - 1);
    // capaian: the domain rule on the same month, computed from the rows
    const targets = await prisma.targetBulanan.findMany({
      where: { bulan: m, targetTahunan: { pegawaiId: pegawai.id, tahun: y } },
      include: { targetTahunan: { include: { uraianTugas: true } } },
    });
    const awal = new Date(Date.UTC(y, m - 1, 1));
    const akhir = new Date(Date.UTC(y, m, 1));
    const done = await prisma.realisasi.groupBy({
      by: ['targetTahunanId'],
      where: { pegawaiId: pegawai.id, status: 1, tanggal: { gte: awal, lt: akhir } },
      _sum: { jumlah: true },
    });
    const expected = capaianBulanan(
      targets.map((tb) => ({
        target: Number(tb.kuantitas),
        terverifikasi: Number(done.find((d) => d.targetTahunanId === tb.targetTahunanId)?._sum.jumlah ?? 0),
        normaWaktu: tb.targetTahunan.uraianTugas.normaWaktu,
      })),
    ).capaian;
    expect(Number(after.capaian)).toBeCloseTo(expected ?? Number.NaN, 6);
    // and it is the figure of the pegawai's own page
    expect(after.total).toBe((await hitungSatu(pegawai.id, y, m, settings))!.tpp.total);
  });

  it('when many more realisasi exist, then the dashboard sends the same number of queries', async () => {
    const settings = await getSettings();
    const today = { tahun, bulan };
    const view = () => dashboardUnit({ isAdmin: true, unitId: null }, null, tahun, bulan, settings, today);
    const pegawai = await prisma.pegawai.findMany({ where: { atasanId: { not: null }, aktif: true }, select: { id: true } });
    const add = (perPegawai: number) =>
      prisma.realisasi.createMany({
        data: pegawai.flatMap((p) =>
          Array.from({ length: perPegawai }, (_, i) => ({
            pegawaiId: p.id,
            tanggal: new Date(`${bl}-01T00:00:00Z`),
            pekerjaan: `Tambahan ${i}`,
            jumlah: 1,
            satuan: 'Kegiatan',
            menit: 30,
            idempotencyKey: randomUUID(),
          })),
        ),
      });
    // every month of the year computed once, with its sums per unit: not a trend kept from an earlier test, which would
    // leave the marks of that test's changes (on the 1st, last month's) to the first counted view
    lupakanTren();
    await view();
    // one more entry per pegawai, then thirty more: the same pegawai-months are recomputed, with the same statements
    await add(1);
    lupakanTren();
    const first = await countQueries(view);
    await add(30);
    lupakanTren();
    const second = await countQueries(view);
    expect(second.n).toBe(first.n);
    expect(second.result.total.entri).toBe(first.result.total.entri + pegawai.length * 30);
    // nothing changed since: the month is read, not computed (scope; freshness; the month in one statement; the trend)
    lupakanTren();
    const quiet = await countQueries(view);
    expect(quiet.n).toBeLessThan(first.n);
    const page = await (await loginAs(app, DEMO_ACCOUNTS.admin)).get('/dashboard');
    expect(page.status).toBe(200);
  });
});
