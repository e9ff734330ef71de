import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { agentsOf, buildApp, DEMO_ACCOUNTS } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { pembuatPegawai } from './fixtures/skp.ts';

// Issue 19, the migration of recorded targets (docs/skp.md "Migration"): skp_dari_target() on data made here — targets
// across a mutasi, an atasan change without a jabatan change, a year without history, an SKP already there — gives the
// SKP / RHK / rhk_id rows the document describes, and Realisasi Kinerja reads the same figures after it.
const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const L = Number(TEST_TODAY.slice(0, 4)) - 1; // last year: every month of it is in the past
const d = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (x: Date) => x.toISOString().slice(0, 10);

const demo = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
const [j1, j2] = await prisma.jabatan.findMany({ where: { uraianTugas: { some: {} } }, orderBy: { id: 'asc' }, take: 2 });
const tugas = async (jabatanId: number) => prisma.uraianTugas.findFirstOrThrow({ where: { jabatanId }, orderBy: { id: 'asc' } });
const [u1, u2] = [await tugas(j1.id), await tugas(j2.id)];
const pegawai = pembuatPegawai(prisma, {
  passwordHash: demo.passwordHash,
  jabatanId: j1.id,
  unitId: j1.unitId,
  dari: 9500,
  nama: 'Pegawai Migrasi',
});
async function target(
  pegawaiId: number,
  tahun: number,
  uraianTugasId: number,
  o: { status?: 'DISETUJUI' | 'DIAJUKAN'; asal?: 'SKP' | 'TAMBAHAN'; dibuat?: string } = {},
) {
  return prisma.targetTahunan.create({
    data: {
      pegawaiId,
      tahun,
      uraianTugasId,
      pekerjaan: `Pekerjaan ${randomUUID().slice(0, 6)}`,
      kuantitas: 12,
      satuan: 'Dokumen',
      asal: o.asal ?? 'SKP',
      status: o.status ?? 'DISETUJUI',
      createdAt: o.dibuat ? d(o.dibuat) : d(`${tahun}-01-02`),
      bulanan: { create: Array.from({ length: 12 }, (_, i) => ({ bulan: i + 1, kuantitas: 1 })) },
    },
    include: { bulanan: true },
  });
}

const A = await pegawai([{ jabatanId: j2.id, atasanId: null, awal: null, akhir: null }]);
const B = await pegawai([{ jabatanId: j2.id, atasanId: null, awal: null, akhir: null }]);
// M moved from j1 to j2 on 1 July of last year (same atasan)
const M = await pegawai([
  { jabatanId: j1.id, atasanId: A.id, awal: null, akhir: `${L}-07-01` },
  { jabatanId: j2.id, atasanId: A.id, awal: `${L}-07-01`, akhir: null },
]);
const tM1 = await target(M.id, L, u1.id, { dibuat: `${L}-01-05` });
const tM2 = await target(M.id, L, u2.id, { asal: 'TAMBAHAN', dibuat: `${L}-07-10` });
// N changed atasan on 1 May, same jabatan; their target waits for approval
const N = await pegawai([
  { jabatanId: j1.id, atasanId: A.id, awal: null, akhir: `${L}-05-01` },
  { jabatanId: j1.id, atasanId: B.id, awal: `${L}-05-01`, akhir: null },
]);
const tN = await target(N.id, L, u1.id, { status: 'DIAJUKAN' });
// O's history starts this year: last year has no history row
const O = await pegawai([{ jabatanId: j1.id, atasanId: A.id, awal: `${L + 1}-01-01`, akhir: null }]);
const tO = await target(O.id, L, u1.id);
// Q already has an SKP for last year, made by hand, with an RHK of its own
const Q = await pegawai([{ jabatanId: j1.id, atasanId: A.id, awal: null, akhir: null }]);
const sQ = await prisma.skp.create({
  data: { pegawaiId: Q.id, tahun: L, mulai: d(`${L}-01-01`), selesai: d(`${L}-12-31`), jabatanId: j1.id, status: 'DRAF' },
});
await prisma.rhk.create({ data: { skpId: sQ.id, uraian: 'RHK yang sudah ada' } });
const tQ = await target(Q.id, L, u1.id);

// Realisasi of M in August (on the j2 target) and February (on the j1 target), verified and not
for (const [t, tanggal, status] of [
  [tM1, `${L}-02-10`, 1],
  [tM1, `${L}-02-11`, 0],
  [tM2, `${L}-08-12`, 1],
] as const)
  await prisma.realisasi.create({
    data: {
      pegawaiId: M.id,
      tanggal: d(tanggal),
      targetTahunanId: t.id,
      targetBulananId: t.bulanan.find((b) => b.bulan === Number(tanggal.slice(5, 7)))!.id,
      pekerjaan: t.pekerjaan,
      jumlah: 1,
      satuan: 'Dokumen',
      menit: 60,
      status,
      verifiedById: status ? A.id : null,
      verifiedAt: status ? d(tanggal) : null,
      idempotencyKey: randomUUID(),
    },
  });

/** What Realisasi Kinerja shows of a month's targets: each row's figures and the month's capaian (the RHK line aside). */
async function angkaRealisasi(bulan: string) {
  const res = await (await as(M.nip)).get(`/realisasi?bulan=${bulan}&tanggal=${bulan}-15`);
  expect(res.status).toBe(200);
  const capaian = /capaian sejauh ini <strong[^>]*>([^<]*)</.exec(res.text)![1];
  const rows = [...res.text.matchAll(/Target <span class="num">([^<]*)<\/span>[\s\S]*?sisa <span class="num">([^<]*)<\/span>/g)].map((m) =>
    m[0].replace(/\s+/g, ' '),
  );
  return { capaian, rows };
}

describe('skp_dari_target() on recorded targets', () => {
  it('when it runs, then each stretch of one jabatan is an SKP, each target an RHK of the right SKP with its kuantitas indicator, and Realisasi Kinerja reads the same figures', async () => {
    const sebelum = { feb: await angkaRealisasi(`${L}-02`), agu: await angkaRealisasi(`${L}-08`) };
    expect(sebelum.feb.rows.length).toBeGreaterThan(0);
    await prisma.$executeRaw`SELECT skp_dari_target()`;

    const skpOf = (pegawaiId: number) => prisma.skp.findMany({ where: { pegawaiId }, orderBy: { mulai: 'asc' } });
    const rentang = (list: { mulai: Date; selesai: Date; jabatanId: number | null; status: string }[]) =>
      list.map((s) => [iso(s.mulai), iso(s.selesai), s.jabatanId, s.status]);
    // across a mutasi: two SKP, one per jabatan, approved (their targets were)
    const sM = await skpOf(M.id);
    expect(rentang(sM)).toEqual([
      [`${L}-01-01`, `${L}-06-30`, j1.id, 'DISETUJUI'],
      [`${L}-07-01`, `${L}-12-31`, j2.id, 'DISETUJUI'],
    ]);
    const rM1 = await prisma.rhk.findFirstOrThrow({ where: { target: { some: { id: tM1.id } } }, include: { indikator: true } });
    const rM2 = await prisma.rhk.findFirstOrThrow({ where: { target: { some: { id: tM2.id } } }, include: { indikator: true } });
    expect([rM1.skpId, rM1.jenis, rM1.uraian]).toEqual([sM[0].id, 'UTAMA', tM1.pekerjaan]);
    expect([rM2.skpId, rM2.jenis]).toEqual([sM[1].id, 'TAMBAHAN']);
    expect(rM1.indikator.map((i) => [i.aspek, Number(i.targetAngka), i.satuan])).toEqual([['KUANTITAS', 12, 'Dokumen']]);
    expect(rM1.rhkAtasanId).toBeNull();
    // a new atasan alone: one SKP for the year, a draft (the target waits for approval)
    expect(rentang(await skpOf(N.id))).toEqual([[`${L}-01-01`, `${L}-12-31`, j1.id, 'DRAF']]);
    expect((await prisma.targetTahunan.findUniqueOrThrow({ where: { id: tN.id } })).rhkId).not.toBeNull();
    // no history that year: the whole year in today's jabatan
    expect(rentang(await skpOf(O.id))).toEqual([[`${L}-01-01`, `${L}-12-31`, j1.id, 'DISETUJUI']]);
    // an SKP already there keeps its period; the target becomes an RHK of it beside the one it had
    expect((await skpOf(Q.id)).map((s) => s.id)).toEqual([sQ.id]);
    expect((await prisma.rhk.findMany({ where: { skpId: sQ.id }, orderBy: { urutan: 'asc' } })).map((r) => r.uraian).sort()).toEqual(
      ['RHK yang sudah ada', tQ.pekerjaan].sort(),
    );
    expect((await prisma.targetTahunan.findUniqueOrThrow({ where: { id: tO.id } })).rhkId).not.toBeNull();
    // nothing else in the targets changed, and the page reads the same figures
    expect(await prisma.targetTahunan.count({ where: { id: { in: [tM1.id, tM2.id, tN.id, tO.id, tQ.id] }, rhkId: null } })).toBe(0);
    expect({ feb: await angkaRealisasi(`${L}-02`), agu: await angkaRealisasi(`${L}-08`) }).toEqual(sebelum);
    // run again: nothing more (every target has its RHK)
    expect(await prisma.$queryRaw<{ n: number }[]>`SELECT skp_dari_target() AS n`).toEqual([{ n: 0 }]);
  });
});
