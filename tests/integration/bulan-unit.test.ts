// The Dashboard's sums per unit (issue 20, migration 20261222000000_bulan_unit): a cache of the month rows that the
// database marks when they change and the next reader computes again. They must equal the rows they sum, through
// entries, a mutasi, a penetapan and concurrent readers; a change that marked nothing is drift that rekap:periksa shows.
// The queue of the longest waits kept per unit (migration 20261223000000) must equal the month rows' through entries,
// a unit moved in the tree and concurrent readers.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hitungDanSimpan, segarkan } from '../../src/services/bulan-pegawai.service.ts';
import { antreanAtas, periksaUnit, segarkanUnit } from '../../src/services/bulan-unit.service.ts';
import { dashboardUnit, lupakanTren } from '../../src/services/dashboard.service.ts';
import { periksaBulan } from '../../src/services/rekap-periksa.service.ts';
import { getSettings } from '../../src/services/settings.service.ts';
import { tetapkanTpp } from '../../src/services/tpp.service.ts';
import { DEMO_ACCOUNTS } from '../helpers/app.ts';
import { useTestDatabase } from '../helpers/db.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
// a month the demo has whole, penetapan allowed from 18 November
const TAHUN = 2026;
const BULAN = 10;
const today = { tahun: 2026, bulan: 11 };
const admin = { isAdmin: true, unitId: null };

/** The month rows summed per unit straight from the rows (what bulan_unit must hold). */
async function dariBaris(sumber: 'b' | 't') {
  const table = sumber === 'b' ? 'bulan_pegawai' : 'tpp_tetap';
  const entri = sumber === 'b' ? 'entri' : "coalesce((rincian->'ringkas'->>'entri')::int, 0)";
  return prisma.$queryRawUnsafe<{ unit_id: number; pegawai: number; entri: number; tpp: number }[]>(
    `SELECT unit_id, count(*)::int AS pegawai, sum(${entri})::int AS entri, sum(total)::int AS tpp FROM ${table}
      WHERE tahun = $1 AND bulan = $2 AND unit_id IS NOT NULL GROUP BY unit_id ORDER BY unit_id`,
    TAHUN,
    BULAN,
  );
}
const tersimpan = (sumber: 'b' | 't') =>
  prisma.$queryRaw<{ unit_id: number; pegawai: number; entri: number; tpp: number }[]>`
    SELECT unit_id, pegawai, entri, tpp::int AS tpp FROM bulan_unit
     WHERE tahun = ${TAHUN} AND bulan = ${BULAN} AND sumber = ${sumber}::char(1) ORDER BY unit_id`;

async function lihat(unitId: number | null = null) {
  lupakanTren();
  return dashboardUnit(admin, unitId, TAHUN, BULAN, await getSettings(), today);
}

/**
 * The queue of a unit's subtree summed straight from the month rows (not from bulan_antrean nor the kept queue): the
 * ten atasan waited on longest, oldest first, then most waiting, then by id.
 */
const antreanDariBaris = (unitId: number) =>
  prisma.$queryRaw<{ atasanId: number; nama: string; menunggu: number; tertua: string }[]>`
    WITH RECURSIVE l AS (SELECT ${unitId}::int AS id UNION ALL SELECT u.id FROM unit_kerja u JOIN l ON u.induk_id = l.id)
    SELECT w.atasan_id AS "atasanId", p.nama, w.menunggu, w.tertua::text AS tertua FROM (
      SELECT q."atasanId" AS atasan_id, sum(q.menunggu)::int AS menunggu, min(q.tertua) AS tertua
        FROM bulan_pegawai b JOIN l ON l.id = b.unit_id
       CROSS JOIN LATERAL jsonb_to_recordset(coalesce(b.rincian->'capaian'->'menungguPerAtasan', '[]')) AS q("atasanId" int, menunggu int, tertua date)
       WHERE b.tahun = ${TAHUN} AND b.bulan = ${BULAN} AND b.menunggu > 0 AND q."atasanId" IS NOT NULL
       GROUP BY q."atasanId" ORDER BY min(q.tertua), sum(q.menunggu) DESC, q."atasanId" LIMIT 10) w
    JOIN pegawai p ON p.id = w.atasan_id
    ORDER BY w.tertua, w.menunggu DESC, w.atasan_id`;
const disimpan = (unitId: number) =>
  prisma.$queryRaw<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM bulan_antrean_atas WHERE tahun = ${TAHUN} AND bulan = ${BULAN} AND unit_id = ${unitId}`.then(
    (r) => r[0].n,
  );

describe('the sums per unit', () => {
  it('when entries are added and a pegawai moves to another unit, then the next view’s sums per unit equal their rows, and rekap:periksa finds no drift', async () => {
    const first = await lihat();
    expect(await tersimpan('b')).toEqual(await dariBaris('b'));
    expect(first.total.pegawai).toBeGreaterThan(0);

    // entries of one pegawai: their unit's entri grows by as many, at the next view
    const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    await prisma.realisasi.createMany({
      data: Array.from({ length: 3 }, (_, i) => ({
        pegawaiId: pegawai.id,
        tanggal: new Date(`${TAHUN}-10-0${i + 5}T00:00:00Z`),
        pekerjaan: `Entri tambahan ${i}`,
        jumlah: 1,
        satuan: 'Kegiatan',
        menit: 30,
        idempotencyKey: randomUUID(),
      })),
    });
    const second = await lihat();
    expect(second.total.entri).toBe(first.total.entri + 3);
    expect(await tersimpan('b')).toEqual(await dariBaris('b'));

    // a mutasi back-dated into the month: the pegawai's October moves from one unit's sums to the other's
    const lain = await prisma.unitKerja.findFirstOrThrow({ where: { id: { not: pegawai.unitId! }, induk: { isNot: null } } });
    const sebelum = Object.fromEntries((await tersimpan('b')).map((r) => [r.unit_id, r.pegawai]));
    await prisma.riwayatJabatan.updateMany({ where: { pegawaiId: pegawai.id }, data: { unitId: lain.id } });
    await prisma.pegawai.update({ where: { id: pegawai.id }, data: { unitId: lain.id } });
    await lihat();
    const sesudah = Object.fromEntries((await tersimpan('b')).map((r) => [r.unit_id, r.pegawai]));
    expect(sesudah[pegawai.unitId!] ?? 0).toBe(sebelum[pegawai.unitId!] - 1);
    expect(sesudah[lain.id]).toBe((sebelum[lain.id] ?? 0) + 1);
    expect(await tersimpan('b')).toEqual(await dariBaris('b'));

    const periksa = await periksaBulan(TAHUN, BULAN, await getSettings());
    expect(periksa.drift).toEqual([]);
  });

  it('when a sum is changed behind the marks, then rekap:periksa reports it as drift of that unit', async () => {
    await lihat();
    const [u] = await tersimpan('b');
    await prisma.$executeRaw`UPDATE bulan_unit SET tpp = tpp + 7 WHERE tahun = ${TAHUN} AND bulan = ${BULAN} AND sumber = 'b' AND unit_id = ${u.unit_id}`;
    expect(await periksaUnit(TAHUN, BULAN)).toEqual([
      { unitId: u.unit_id, sumber: 'b', kolom: 'tpp', dibaca: String(u.tpp + 7), dihitung: String(u.tpp) },
    ]);
    const periksa = await periksaBulan(TAHUN, BULAN, await getSettings());
    expect(periksa.drift).toContainEqual({
      nip: '-',
      nama: `unit ${u.unit_id} (berjalan)`,
      kolom: 'tpp',
      dibaca: String(u.tpp + 7),
      dihitung: String(u.tpp),
    });
    // the check rolled back its own recompute: the wrong figure is still there for the admin to see
    expect((await tersimpan('b')).find((r) => r.unit_id === u.unit_id)?.tpp).toBe(u.tpp + 7);
    // a change of the unit's rows marks it again, and the next view computes it from the rows
    await prisma.$executeRaw`UPDATE bulan_pegawai SET dihitung_at = dihitung_at WHERE tahun = ${TAHUN} AND bulan = ${BULAN} AND unit_id = ${u.unit_id}`;
    await lihat();
    expect(await tersimpan('b')).toEqual(await dariBaris('b'));
  });

  it('when entries wait longer and a unit moves out of its parent, then the next view’s queue of the longest waits equals the month rows’, and is kept for the views after it', async () => {
    const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    // two entries of the 1st, still waiting: the pegawai's atasan heads the queue of every unit above the pegawai
    await prisma.realisasi.createMany({
      data: [1, 2].map((i) => ({
        pegawaiId: pegawai.id,
        tanggal: new Date(`${TAHUN}-10-01T00:00:00Z`),
        pekerjaan: `Menunggu lama ${i}`,
        jumlah: 1,
        satuan: 'Kegiatan',
        menit: 30,
        idempotencyKey: randomUUID(),
      })),
    });
    const root = await lihat();
    expect(root.antrean[0]).toMatchObject({ atasanId: pegawai.atasanId, tertua: `${TAHUN}-10-01` });
    expect(root.antrean).toEqual(await antreanDariBaris(root.unit.id));
    expect(await disimpan(root.unit.id)).toBe(1);
    expect((await lihat()).antrean).toEqual(root.antrean); // the kept queue

    // the unit of the pegawai's month and its parent
    const [{ unit_id: unitId }] = await prisma.$queryRaw<{ unit_id: number }[]>`
      SELECT unit_id FROM bulan_pegawai WHERE pegawai_id = ${pegawai.id} AND tahun = ${TAHUN} AND bulan = ${BULAN}`;
    const induk = (await prisma.unitKerja.findUniqueOrThrow({ where: { id: unitId } })).indukId!;
    const sebelum = await lihat(induk);
    expect(sebelum.antrean[0]).toMatchObject({ atasanId: pegawai.atasanId, tertua: `${TAHUN}-10-01` });
    expect(sebelum.antrean).toEqual(await antreanDariBaris(induk));

    // the unit leaves the parent's subtree (it becomes a tree of its own), and its entries leave the parent's queue
    await prisma.unitKerja.update({ where: { id: unitId }, data: { indukId: null } });
    const sesudah = await lihat(induk);
    expect(sesudah.antrean).toEqual(await antreanDariBaris(induk));
    expect(sesudah.antrean).not.toEqual(sebelum.antrean);
    expect(await periksaUnit(TAHUN, BULAN)).toEqual([]);
    // and back (the tests of this file share the database): the parent's queue has them again
    await prisma.unitKerja.update({ where: { id: unitId }, data: { indukId: induk } });
    expect((await lihat(induk)).antrean).toEqual(sebelum.antrean);
  });

  it('when a kept queue is changed behind the marks, then rekap:periksa reports it as drift of that unit', async () => {
    const v = await lihat();
    await prisma.$executeRaw`UPDATE bulan_antrean_atas SET antrean = '[]' WHERE tahun = ${TAHUN} AND bulan = ${BULAN} AND unit_id = ${v.unit.id}`;
    const selisih = await periksaUnit(TAHUN, BULAN);
    expect(selisih).toHaveLength(1);
    expect(selisih[0]).toMatchObject({ unitId: v.unit.id, sumber: 'b', kolom: 'antrean terlama', dibaca: '[]' });
    expect(JSON.parse(String(selisih[0].dihitung)).map((a: { atasanId: number }) => a.atasanId)).toEqual(v.antrean.map((a) => a.atasanId));
  });

  it('when readers recompute the same month at once while the month rows are written, then no reader fails and the sums end equal to the rows', async () => {
    const settings = await getSettings();
    await segarkan(TAHUN, BULAN, settings, { perUnit: true });
    const ids = (await prisma.bulanPegawai.findMany({ where: { tahun: TAHUN, bulan: BULAN }, select: { pegawaiId: true } })).map(
      (r) => r.pegawaiId,
    );
    // every unit marked, then four readers and two writers of the month rows (each write marks its units again)
    await prisma.$executeRaw`INSERT INTO bulan_unit_kotor (tahun, bulan, sumber, unit_id) SELECT DISTINCT tahun, bulan, 'b', unit_id FROM bulan_pegawai WHERE tahun = ${TAHUN} AND bulan = ${BULAN} AND unit_id IS NOT NULL`;
    const half = Math.ceil(ids.length / 2);
    const root = (await lihat()).unit.id;
    await Promise.all([
      segarkanUnit(TAHUN, BULAN),
      hitungDanSimpan(ids.slice(0, half), TAHUN, BULAN, settings),
      antreanAtas(TAHUN, BULAN, root),
      segarkanUnit(TAHUN, BULAN),
      hitungDanSimpan(ids.slice(half).reverse(), TAHUN, BULAN, settings),
      antreanAtas(TAHUN, BULAN, root),
      segarkanUnit(TAHUN, BULAN),
      segarkanUnit(TAHUN, BULAN),
    ]);
    await segarkanUnit(TAHUN, BULAN);
    expect((await lihat()).antrean).toEqual(await antreanDariBaris(root));
    expect(await prisma.$queryRaw`SELECT 1 FROM bulan_unit_kotor WHERE tahun = ${TAHUN} AND bulan = ${BULAN}`).toEqual([]);
    expect(await tersimpan('b')).toEqual(await dariBaris('b'));
    expect(await periksaUnit(TAHUN, BULAN)).toEqual([]);
  });

  it('when the month is ditetapkan, then the Dashboard reads the frozen month’s sums, equal to the frozen rows', async () => {
    const settings = await getSettings();
    const berjalan = await lihat();
    await tetapkanTpp(TAHUN, BULAN, { today: '2026-11-18', now: new Date('2026-11-18T03:00:00Z'), settings, who: { actorId: null } });
    const tetap = await lihat();
    expect(await tersimpan('t')).toEqual(await dariBaris('t'));
    expect(tetap.ditetapkanAt).not.toBeNull();
    expect(tetap.total.tpp).toBe((await dariBaris('t')).reduce((s, r) => s + r.tpp, 0));
    expect(tetap.total.tpp).toBe(berjalan.total.tpp);
    // an entry recorded after the penetapan moves the month rows, not what the Dashboard shows of the frozen month
    const pegawai = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
    await prisma.realisasi.create({
      data: {
        pegawaiId: pegawai.id,
        tanggal: new Date(`${TAHUN}-10-20T00:00:00Z`),
        pekerjaan: 'Dicatat setelah penetapan',
        jumlah: 1,
        satuan: 'Kegiatan',
        menit: 30,
        idempotencyKey: randomUUID(),
      },
    });
    const sesudah = await lihat();
    expect(sesudah.total).toEqual(tetap.total);
    expect(await periksaUnit(TAHUN, BULAN)).toEqual([]);
  });

  it('when the month rows are emptied at once (TRUNCATE), then their sums go with them', async () => {
    await lihat();
    expect((await tersimpan('b')).length).toBeGreaterThan(0);
    await prisma.$executeRawUnsafe('TRUNCATE bulan_pegawai');
    expect(await tersimpan('b')).toEqual([]);
    expect(await prisma.$queryRaw`SELECT 1 FROM bulan_antrean WHERE sumber = 'b' LIMIT 1`).toEqual([]);
    expect(await prisma.$queryRaw`SELECT 1 FROM bulan_antrean_atas LIMIT 1`).toEqual([]);
  });
});
