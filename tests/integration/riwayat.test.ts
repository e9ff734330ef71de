import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importPegawaiCsv } from '../../src/services/import/pegawai.ts';
import { invalidateSettings } from '../../src/services/settings.service.ts';
import { type Agent, agentsOf, buildApp, csrfFrom, DEMO_ACCOUNTS, postForm } from '../helpers/app.ts';
import { addDays, TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';

// Issue 11: a year in a real Pemda. Entries are verified by the atasan of the pegawai ON THE ENTRY'S DATE (riwayat
// jabatan), by a Plt/Plh while one is in force, and at the top of a hierarchy by the pejabat set per root unit.
// Dates are taken relative to the pinned day, and the rules tested here do not depend on the input deadline.
const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const today = TEST_TODAY;
const kemarin = addDays(today, -1);

const SEKDA = '196805201993031004';
const KADIS_KOMINFO = '197004151996031002';
const KASI_EGOV = '198307252009022002';
const byNip = (nip: string) => prisma.pegawai.findUniqueOrThrow({ where: { nip } });

const as = agentsOf(app);
const post = postForm;
async function entri(pegawaiId: number, tanggal: string) {
  return prisma.realisasi.create({
    data: {
      pegawaiId,
      tanggal: new Date(`${tanggal}T00:00:00Z`),
      pekerjaan: `Uji riwayat ${tanggal}`,
      jumlah: 1,
      satuan: 'Kegiatan',
      menit: 30,
      idempotencyKey: randomUUID(),
    },
  });
}
const seen = (e: { id: number; updatedAt: Date }) => `${e.id}|${e.updatedAt.toISOString()}`;
const verify = (nip: string, e: { id: number; updatedAt: Date }) => as(nip).then((a) => post(a, '/verifikasi', { satu: seen(e) }));
const row = (id: number) => prisma.realisasi.findUniqueOrThrow({ where: { id } });

/** The mutasi form as the admin sees it: its CSRF token and the history version it carries. */
async function formMutasi(agent: Agent, pegawaiId: number) {
  const page = await agent.get(`/admin/pegawai/${pegawaiId}/riwayat`);
  expect(page.status).toBe(200);
  return { _csrf: csrfFrom(page.text), versi: /name="versi" value="([^"]*)"/.exec(page.text)![1] };
}

describe('mutasi: the old atasan verifies the old days, the new atasan the new days', () => {
  it('when a pegawai moves to another seksi from today, then yesterday stays with the old atasan and today goes to the new one', async () => {
    const pegawai = await byNip('199601092022032004'); // Dewi, under the demo atasan
    const [lama, baru] = await Promise.all([byNip(DEMO_ACCOUNTS.atasan), byNip(KASI_EGOV)]);
    const [eLama, eBaru] = [await entri(pegawai.id, kemarin), await entri(pegawai.id, today)];
    const admin = await as(DEMO_ACCOUNTS.admin);
    const form = await formMutasi(admin, pegawai.id);
    const res = await admin
      .post(`/admin/pegawai/${pegawai.id}/mutasi`)
      .type('form')
      .send({
        ...form,
        tmt: today,
        unitId: String(baru.unitId),
        jabatanId: '',
        nipAtasan: KASI_EGOV,
        alasan: 'SK Bupati 821/123/2026',
      });
    expect(res.status).toBe(303);

    const rows = await prisma.riwayatJabatan.findMany({ where: { pegawaiId: pegawai.id }, orderBy: { id: 'asc' } });
    expect(
      rows.map((r) => [r.atasanId, r.tmtAwal?.toISOString().slice(0, 10) ?? null, r.tmtAkhir?.toISOString().slice(0, 10) ?? null]),
    ).toEqual([
      [lama.id, null, today],
      [baru.id, today, null],
    ]);
    expect((await byNip(pegawai.nip)).atasanId).toBe(baru.id);
    const log = await prisma.auditLog.findFirst({ where: { action: 'pegawai.mutasi', objectId: String(pegawai.id) } });
    expect(log?.reason).toBe('SK Bupati 821/123/2026');

    // The old atasan's queue still shows yesterday's entry, not today's.
    const antrian = await (await as(DEMO_ACCOUNTS.atasan)).get(`/verifikasi?pegawai=${pegawai.id}`);
    expect(antrian.text).toContain(`Uji riwayat ${kemarin}`);
    expect(antrian.text).not.toContain(`Uji riwayat ${today}`);

    expect((await verify(DEMO_ACCOUNTS.atasan, eBaru)).status).toBe(404);
    expect((await verify(KASI_EGOV, eLama)).status).toBe(404);
    expect((await verify(DEMO_ACCOUNTS.atasan, eLama)).status).toBe(303);
    expect((await verify(KASI_EGOV, eBaru)).status).toBe(303);
    expect(await row(eLama.id)).toMatchObject({ status: 1, verifiedById: lama.id, verifikasiSebagai: null });
    expect(await row(eBaru.id)).toMatchObject({ status: 1, verifiedById: baru.id });
  });

  it('when the TMT is tomorrow or not after the current TMT, then 422 next to the field with the form kept', async () => {
    const pegawai = await byNip('199405182020121005');
    const admin = await as(DEMO_ACCOUNTS.admin);
    const form = await formMutasi(admin, pegawai.id);
    const body = { ...form, unitId: String(pegawai.unitId), jabatanId: '', nipAtasan: KASI_EGOV, alasan: 'SK uji' };
    const besok = await admin
      .post(`/admin/pegawai/${pegawai.id}/mutasi`)
      .type('form')
      .send({ ...body, tmt: addDays(today, 1) });
    expect(besok.status).toBe(422);
    expect(besok.text).toContain('TMT tidak boleh setelah hari ini.');
    expect(besok.text).toContain('value="SK uji"');
    expect(await prisma.riwayatJabatan.count({ where: { pegawaiId: pegawai.id } })).toBe(1);

    expect(
      (
        await admin
          .post(`/admin/pegawai/${pegawai.id}/mutasi`)
          .type('form')
          .send({ ...body, tmt: kemarin })
      ).status,
    ).toBe(303);
    const again = await formMutasi(admin, pegawai.id);
    const sama = await admin
      .post(`/admin/pegawai/${pegawai.id}/mutasi`)
      .type('form')
      .send({ ...body, ...again, tmt: kemarin });
    expect(sama.status).toBe(422);
    expect(sama.text).toContain('TMT harus setelah TMT jabatan yang sedang berlaku');
  });

  it('when two admins move the same pegawai at once, then one wins and the other sees a conflict (409)', async () => {
    const pegawai = await byNip('198909142015031002');
    const admin = await as(DEMO_ACCOUNTS.admin);
    const form = await formMutasi(admin, pegawai.id);
    const send = (nipAtasan: string) =>
      admin
        .post(`/admin/pegawai/${pegawai.id}/mutasi`)
        .type('form')
        .send({ ...form, tmt: today, unitId: String(pegawai.unitId), jabatanId: String(pegawai.jabatanId), nipAtasan, alasan: 'SK' });
    const results = await Promise.all([send(KASI_EGOV), send(DEMO_ACCOUNTS.atasan)]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    const conflict = results.find((r) => r.status === 409)!;
    expect(conflict.text).toContain('baru saja diubah oleh admin lain');
    expect(await prisma.riwayatJabatan.count({ where: { pegawaiId: pegawai.id } })).toBe(2);
    expect(await prisma.auditLog.count({ where: { action: 'pegawai.mutasi', objectId: String(pegawai.id) } })).toBe(1);
  });

  it('when anything writes overlapping history rows, then PostgreSQL refuses them (exclusion constraint)', async () => {
    const p = await byNip('199110272017081001');
    await expect(
      prisma.$executeRaw`INSERT INTO riwayat_jabatan (pegawai_id, tmt_awal, tmt_akhir, updated_at) VALUES (${p.id}, '2020-01-01', '2020-02-01', now())`,
    ).rejects.toThrow(/riwayat_jabatan_tanpa_tumpang|conflicting key/);
  });
});

describe('mutasi through the pegawai CSV import', () => {
  it('when the file gives a pegawai another atasan, then the old row closes at the import day and a new one opens; a second import that day corrects it', async () => {
    const maya = await prisma.pegawai.findUniqueOrThrow({
      where: { nip: '199502022020122003' },
      include: { unit: true, jabatan: true, atasan: true },
    });
    const header = 'nip;nama;golongan;unit_kerja;jabatan;nip_atasan;peran';
    const line = (atasan: string) => [maya.nip, maya.nama, 'II/c', maya.unit!.nama, maya.jabatan!.nama, atasan, 'pegawai'].join(';');
    const first = await importPegawaiCsv([header, line(KASI_EGOV)].join('\n'), { actorId: null, tmt: today });
    expect(first.errors).toEqual([]);
    const rows = () => prisma.riwayatJabatan.findMany({ where: { pegawaiId: maya.id }, orderBy: { id: 'asc' }, include: { atasan: true } });
    expect(
      (await rows()).map((r) => [
        r.atasan?.nip,
        r.tmtAwal?.toISOString().slice(0, 10) ?? null,
        r.tmtAkhir?.toISOString().slice(0, 10) ?? null,
      ]),
    ).toEqual([
      [maya.atasan!.nip, null, today],
      [KASI_EGOV, today, null],
    ]);
    await importPegawaiCsv([header, line(KADIS_KOMINFO)].join('\n'), { actorId: null, tmt: today });
    expect((await rows()).map((r) => r.atasan?.nip)).toEqual([maya.atasan!.nip, KADIS_KOMINFO]);
  });
});

describe('Plt / Plh', () => {
  it('when a Plh is named for the absent atasan, then the Plh verifies during the leave, recorded as Plh, and not after it ends', async () => {
    const pegawai = await byNip(DEMO_ACCOUNTS.pegawai);
    const [holder, plh] = await Promise.all([byNip(DEMO_ACCOUNTS.atasan), byNip('198212112008012006')]); // Nur Aini, Kasi Media
    const e = await entri(pegawai.id, today);
    expect((await verify(plh.nip, e)).status).toBe(404);

    const admin = await as(DEMO_ACCOUNTS.admin);
    const res = await post(admin, '/admin/plt-plh', {
      jenis: 'PLH',
      nipPelaksana: plh.nip,
      nipPegawai: holder.nip,
      jabatanId: '',
      mulai: kemarin,
      selesai: addDays(today, 3),
      alasan: 'Sprint 800/45 cuti tahunan',
    });
    expect(res.status).toBe(303);
    const queue = await (await as(plh.nip)).get('/verifikasi');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`Uji riwayat ${today}`);
    expect(queue.text).toContain('sebagai Plh');

    expect((await verify(plh.nip, e)).status).toBe(303);
    expect(await row(e.id)).toMatchObject({ status: 1, verifiedById: plh.id, verifikasiSebagai: 'Plh' });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'realisasi.verifikasi', objectId: String(e.id) } });
    expect(log).toMatchObject({ actorId: plh.id, onBehalfOfId: holder.id, after: { status: 1, sebagai: 'Plh' } });

    const tugas = await prisma.penugasanAtasan.findFirstOrThrow({ where: { pelaksanaId: plh.id } });
    expect((await post(admin, `/admin/plt-plh/${tugas.id}/akhiri`, {})).status).toBe(303);
    const e2 = await entri(pegawai.id, today);
    expect((await verify(plh.nip, e2)).status).toBe(404);
    expect((await verify(holder.nip, e2)).status).toBe(303);
  });

  it('when a Plh is dated for next week, then it gives no rights today', async () => {
    const e = await entri((await byNip('199601092022032004')).id, kemarin); // its atasan on that day: the demo atasan
    const admin = await as(DEMO_ACCOUNTS.admin);
    await post(admin, '/admin/plt-plh', {
      jenis: 'PLH',
      nipPelaksana: KADIS_KOMINFO,
      nipPegawai: DEMO_ACCOUNTS.atasan,
      mulai: addDays(today, 7),
      selesai: addDays(today, 9),
      alasan: 'Sprint berikut',
    });
    expect((await verify(KADIS_KOMINFO, e)).status).toBe(404);
  });

  it('when a Plt is named for a vacant post, then the subordinates of that post are verified by the Plt, recorded as Plt', async () => {
    const rina = await byNip(DEMO_ACCOUNTS.pegawai);
    const atasan = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan }, select: { jabatanId: true } });
    const plt = await byNip('198606062011012004');
    const e = await entri(rina.id, today);
    const admin = await as(DEMO_ACCOUNTS.admin);
    const bad = await post(admin, '/admin/plt-plh', { jenis: 'PLT', nipPelaksana: plt.nip, mulai: today, selesai: today, alasan: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Untuk Plt, pilih jabatan yang kosong.');
    const form = {
      jenis: 'PLT',
      nipPelaksana: plt.nip,
      jabatanId: String(atasan.jabatanId),
      mulai: today,
      selesai: addDays(today, 30),
      alasan: 'Plt Kasi Pengembangan Aplikasi',
    };
    // the post is still held (the demo atasan): naming a Plt asks for confirmation, and nothing is saved until then
    const held = await post(admin, '/admin/plt-plh', form);
    expect(held.status).toBe(422);
    expect(held.text).toContain('masih dijabat oleh');
    expect(held.text).toContain('name="konfirmasi"');
    expect(await prisma.penugasanAtasan.count({ where: { pelaksanaId: plt.id } })).toBe(0);
    const ok = await post(admin, '/admin/plt-plh', { ...form, konfirmasi: 'ya' });
    expect(ok.status).toBe(303);
    expect((await verify(plt.nip, e)).status).toBe(303);
    expect(await row(e.id)).toMatchObject({ status: 1, verifiedById: plt.id, verifikasiSebagai: 'Plt' });
    // The page the pegawai reads says in which capacity it was verified.
    expect((await (await as(DEMO_ACCOUNTS.pegawai)).get(`/realisasi?tanggal=${today}`)).text).toMatch(/\(Plt\)/);
  });
});

describe('the top of the hierarchy', () => {
  it('when a Kepala OPD has no atasan, then nobody but an admin verifies them until the pejabat puncak is set; then the Sekda does', async () => {
    const kadis = await byNip(KADIS_KOMINFO);
    const sekda = await byNip(SEKDA);
    // The head of the OPD stands at the top of their own hierarchy (e.g. the Sekda is not in the system as atasan).
    await prisma.pegawai.update({ where: { id: kadis.id }, data: { atasanId: null } });
    const e = await entri(kadis.id, today);
    expect((await verify(SEKDA, e)).status).toBe(404);

    const root = await prisma.unitKerja.findFirstOrThrow({ where: { indukId: null } });
    const admin = await as(DEMO_ACCOUNTS.admin);
    const form = await settingsForm(admin);
    const salah = await admin
      .post('/admin/pengaturan')
      .type('form')
      .send({ ...form, pejabatPuncak: `${root.id} = 123` });
    expect(salah.status).toBe(422);
    expect(salah.text).toContain('tidak dikenal');
    expect(salah.text).toContain(`${root.id} = 123`);
    const simpan = await admin
      .post('/admin/pengaturan')
      .type('form')
      .send({ ...form, pejabatPuncak: `${root.id} = ${SEKDA}` });
    expect(simpan.status).toBe(303);
    invalidateSettings();

    expect((await verify(SEKDA, e)).status).toBe(303);
    expect(await row(e.id)).toMatchObject({ status: 1, verifiedById: sekda.id, verifikasiSebagai: null });
    // The Sekda never verifies their own entry; an admin does, on behalf.
    const own = await entri(sekda.id, today);
    expect((await verify(SEKDA, own)).status).toBe(403);
    expect((await verify(DEMO_ACCOUNTS.admin, own)).status).toBe(303);
  });
});

/** The settings form as it stands (text inputs and selects), with its CSRF token. */
async function settingsForm(admin: Agent): Promise<Record<string, string>> {
  const page = await admin.get('/admin/pengaturan');
  const body: Record<string, string> = { _csrf: csrfFrom(page.text), zonaWaktu: '' };
  for (const m of page.text.matchAll(/<input id="[^"]+" name="([^"]+)" type="text"[^>]*value="([^"]*)"/g)) body[m[1]] = m[2];
  for (const m of page.text.matchAll(/<select id="[^"]+" name="([^"]+)"[\s\S]*?<option value="([^"]*)" selected/g)) body[m[1]] = m[2];
  return body;
}
