import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { agentsOf, buildApp, DEMO_ACCOUNTS, postForm, tokenOf } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

// Issue 19, Tujuan OPD: the admin keeps every OPD's goals (and the Pemda's), a Kepala OPD their own; add, edit,
// deactivate, and a CSV import that is all or nothing with its errors by row and column.
const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const Y = Number(TEST_TODAY.slice(0, 4));
const kominfo = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'Diskominfo' } });
const dinkes = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'Dinkes' } });
const KADIS_KOMINFO = DEMO_ACCOUNTS.pimpinan;

const isian = (o: Record<string, string> = {}) => ({
  idempotencyKey: randomUUID(),
  unitId: String(kominfo.id),
  tahun: String(Y),
  kode: 'T9',
  uraian: `Meningkatnya layanan data terbuka ${randomUUID().slice(0, 6)}`,
  indikator: 'Jumlah dataset terbuka',
  target: '120 dataset',
  ...o,
});

/** A multipart import as the browser sends it (the CSRF token in the action URL). */
async function impor(nip: string, unitId: number, csv: string, token?: string) {
  const agent = await as(nip);
  const t = token ?? (await tokenOf(agent, `/skp/tujuan-opd?unit=${unitId}&tahun=${Y}`));
  return agent
    .post(`/skp/tujuan-opd/impor?_csrf=${encodeURIComponent(t)}`)
    .field('unitId', String(unitId))
    .field('tahun', String(Y))
    .attach('berkas', Buffer.from(csv), 'tujuan.csv');
}

describe('Tujuan OPD by form', () => {
  it('when the admin adds a goal (double-clicked), then one goal is kept, audited, and listed; the same uraian again is 422 next to the field', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const body = isian();
    expect((await postForm(admin, '/skp/tujuan-opd/baru', body)).status).toBe(303);
    expect((await postForm(admin, '/skp/tujuan-opd/baru', body)).status).toBe(303);
    const rows = await prisma.tujuanOpd.findMany({ where: { uraian: body.uraian } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ unitId: kominfo.id, tahun: Y, kode: 'T9', target: '120 dataset', aktif: true });
    expect(await prisma.auditLog.count({ where: { action: 'tujuan_opd.buat', objectId: String(rows[0].id) } })).toBe(1);
    expect((await admin.get(`/skp/tujuan-opd?unit=${kominfo.id}&tahun=${Y}`)).text).toContain(body.uraian);
    const dup = await postForm(admin, '/skp/tujuan-opd/baru', { ...body, idempotencyKey: randomUUID() });
    expect(dup.status).toBe(422);
    expect(dup.text).toContain('sudah ada pada OPD dan tahun tersebut');
    expect(dup.text).toContain(body.indikator);
    const kosong = await postForm(admin, '/skp/tujuan-opd/baru', { ...body, idempotencyKey: randomUUID(), uraian: '' });
    expect(kosong.status).toBe(422);
    expect(kosong.text).toContain('Uraian tujuan wajib diisi');
  });

  it('when a Kepala OPD keeps their own goals, then it works; another OPD is 404, a pegawai is 403', async () => {
    const k = await as(KADIS_KOMINFO);
    const body = isian();
    expect((await postForm(k, '/skp/tujuan-opd/baru', body)).status).toBe(303);
    const goal = await prisma.tujuanOpd.findFirstOrThrow({ where: { uraian: body.uraian } });
    expect((await postForm(k, `/skp/tujuan-opd/${goal.id}/ubah`, { ...body, target: '150 dataset' })).status).toBe(303);
    expect((await prisma.tujuanOpd.findUniqueOrThrow({ where: { id: goal.id } })).target).toBe('150 dataset');
    expect(await prisma.auditLog.count({ where: { action: 'tujuan_opd.ubah', objectId: String(goal.id) } })).toBe(1);
    const lain = await prisma.tujuanOpd.findFirstOrThrow({ where: { unitId: dinkes.id, tahun: Y } });
    expect((await k.get(`/skp/tujuan-opd?unit=${dinkes.id}`)).status).toBe(404);
    expect((await postForm(k, `/skp/tujuan-opd/${lain.id}/nonaktifkan`, {})).status).toBe(404);
    expect((await postForm(k, '/skp/tujuan-opd/baru', isian({ unitId: String(dinkes.id) }))).status).toBe(404);
    const p = await as(DEMO_ACCOUNTS.pegawai);
    expect((await p.get('/skp/tujuan-opd')).status).toBe(403);
    expect((await postForm(p, `/skp/tujuan-opd/${goal.id}/nonaktifkan`, {})).status).toBe(403);
    expect((await prisma.tujuanOpd.findUniqueOrThrow({ where: { id: lain.id } })).aktif).toBe(true);
  });

  it('when a goal is deactivated, then the RHK that intervene it keep it, and the Kepala OPD is no longer offered it', async () => {
    const k = await as(KADIS_KOMINFO);
    const goal = await prisma.tujuanOpd.findFirstOrThrow({ where: { unitId: kominfo.id, tahun: Y, rhk: { some: {} } } });
    expect((await postForm(k, `/skp/tujuan-opd/${goal.id}/nonaktifkan`, {})).status).toBe(303);
    expect((await prisma.tujuanOpd.findUniqueOrThrow({ where: { id: goal.id } })).aktif).toBe(false);
    expect(await prisma.rhk.count({ where: { tujuanOpdId: goal.id } })).toBeGreaterThan(0);
    expect(await prisma.auditLog.count({ where: { action: 'tujuan_opd.nonaktifkan', objectId: String(goal.id) } })).toBe(1);
    const kadis = await prisma.pegawai.findUniqueOrThrow({ where: { nip: KADIS_KOMINFO } });
    const s = await prisma.skp.findFirstOrThrow({ where: { pegawaiId: kadis.id, tahun: Y } });
    expect((await k.get(`/skp/${s.id}/rhk/baru`)).text).not.toContain(`value="tujuan:${goal.id}"`);
    expect((await postForm(k, `/skp/tujuan-opd/${goal.id}/aktifkan`, {})).status).toBe(303);
  });
});

describe('Tujuan OPD by CSV', () => {
  it('when the file has errors, then nothing is written and each is listed by row and column', async () => {
    const before = await prisma.tujuanOpd.count();
    const csv = 'kode;uraian;indikator;target\nA1;Tujuan baru satu;Indikator;10\nA2;;Indikator;10\nA3;Tujuan baru satu;x;y\n';
    const res = await impor(DEMO_ACCOUNTS.admin, kominfo.id, csv);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Baris 3, kolom uraian: Uraian tujuan wajib diisi.');
    expect(res.text).toContain('Baris 4, kolom uraian: Uraian ini sudah ada pada baris 2.');
    expect(await prisma.tujuanOpd.count()).toBe(before);
    const header = await impor(DEMO_ACCOUNTS.admin, kominfo.id, 'kode,nama\nA1,x\n');
    expect(header.status).toBe(422);
    expect(header.text).toContain('Kolom &#34;uraian&#34; tidak ada pada baris judul.');
  });

  it('when a good file is imported, then new goals are added and existing ones updated, audited; importing it again changes nothing', async () => {
    const ada = await prisma.tujuanOpd.findFirstOrThrow({ where: { unitId: dinkes.id, tahun: Y } });
    const csv = `kode,uraian,indikator,target\nD1,"${ada.uraian}",Indikator baru,90%\nD2,Menurunnya angka stunting,Prevalensi stunting,14%\n`;
    const res = await impor(DEMO_ACCOUNTS.admin, dinkes.id, csv);
    expect(res.status).toBe(303);
    expect((await prisma.tujuanOpd.findUniqueOrThrow({ where: { id: ada.id } })).indikator).toBe('Indikator baru');
    const baru = await prisma.tujuanOpd.findFirstOrThrow({ where: { unitId: dinkes.id, tahun: Y, uraian: 'Menurunnya angka stunting' } });
    expect(baru).toMatchObject({ kode: 'D2', target: '14%', aktif: true });
    expect(
      await prisma.auditLog.count({ where: { action: 'tujuan_opd.impor', objectId: { in: [String(ada.id), String(baru.id)] } } }),
    ).toBe(2);
    const count = await prisma.tujuanOpd.count({ where: { unitId: dinkes.id } });
    expect((await impor(DEMO_ACCOUNTS.admin, dinkes.id, csv)).status).toBe(303);
    expect(await prisma.tujuanOpd.count({ where: { unitId: dinkes.id } })).toBe(count);
    expect(
      await prisma.auditLog.count({ where: { action: 'tujuan_opd.impor', objectId: { in: [String(ada.id), String(baru.id)] } } }),
    ).toBe(2);
  });

  it('when a Kepala OPD imports into another OPD, or without the CSRF token, then nothing is written (404, 403)', async () => {
    const before = await prisma.tujuanOpd.count();
    const csv = 'uraian\nTujuan yang tidak boleh masuk\n';
    expect((await impor(KADIS_KOMINFO, dinkes.id, csv, await tokenOf(await as(KADIS_KOMINFO), '/skp/tujuan-opd'))).status).toBe(404);
    expect((await impor(DEMO_ACCOUNTS.admin, kominfo.id, csv, 'bukan-token')).status).toBe(403);
    expect(await prisma.tujuanOpd.count()).toBe(before);
  });
});
