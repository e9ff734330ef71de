// Evaluasi kinerja periodik (issue 19): whoever rates a pegawai's month (their atasan on the month's last day, a
// Plt/Plh, an admin at the top) gives hasil kerja and perilaku kerja; the predikat is the matrix's; the head of an OPD
// is rated on hasil kerja by the OPD's capaian organisasi; a rating that breaks the OPD's distribution curve needs a
// confirmation. Every refusal leaves the rows as they were. Dates are relative to the pinned day: "last month" is the
// month that ended last, open on day 5 of this month and closed (tutup bulan, day 10) on the pinned day (the 18th).
import { describe, expect, it } from 'vitest';
import { periodeTerakhir } from '../../src/domain/skp.ts';
import { invalidateSettings } from '../../src/services/settings.service.ts';
import { type Agent, agentsOf, buildApp, csrfFrom, DEMO_ACCOUNTS, loginAs } from '../helpers/app.ts';
import { atInstant, TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
/** A fresh session at another instant (a session opened on the pinned day would be from the future there, or too old). */
const masuk = (nip: string) => loginAs(app, nip);

const SEKDA = '196805201993031004';
const KADIS_KOMINFO = DEMO_ACCOUNTS.pimpinan;
const REKAN = '199405182020121005'; // Fajar: a peer of the demo pegawai, under the same atasan
const byNip = (nip: string) => prisma.pegawai.findUniqueOrThrow({ where: { nip } });
const pegawai = await byNip(DEMO_ACCOUNTS.pegawai);
const atasan = await byNip(DEMO_ACCOUNTS.atasan);
const kadis = await byNip(KADIS_KOMINFO);
const REKAN_ID = (await byNip(REKAN)).id;
const kominfo = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'Diskominfo' } });

const lalu = periodeTerakhir(TEST_TODAY);
const qs = `tahun=${lalu.tahun}&bulan=${lalu.bulan}`;
/** Day 5 of this month: last month is still open (tutup bulan after day 10). */
const HARI_5 = `${TEST_TODAY.slice(0, 7)}-05T10:00`;
const bulanIni = { tahun: Number(TEST_TODAY.slice(0, 4)), bulan: Number(TEST_TODAY.slice(5, 7)) };

const evaluasi = (pegawaiId: number, p: { tahun: number; bulan: number | null } = lalu) =>
  prisma.evaluasiKinerja.findFirst({ where: { pegawaiId, tahun: p.tahun, bulan: p.bulan } });
const hapus = (pegawaiId: number, p: { tahun: number; bulan: number | null } = lalu) =>
  prisma.evaluasiKinerja.deleteMany({ where: { pegawaiId, tahun: p.tahun, bulan: p.bulan } });
const auditOf = (id: number) =>
  prisma.auditLog.findMany({ where: { objectType: 'evaluasi_kinerja', objectId: String(id) }, orderBy: { id: 'asc' } });

/** Opens the form (as its reader sees it) and posts a rating with the page's CSRF token and version. */
async function nilai(agent: Agent, pegawaiId: number, body: Record<string, string>, q = qs) {
  const page = await agent.get(`/evaluasi/pegawai/${pegawaiId}?${q}`);
  const versi = /name="versi" value="(\d+)"/.exec(page.text)?.[1] ?? '0';
  return agent
    .post(`/evaluasi/pegawai/${pegawaiId}?${q}`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), versi, ...body });
}

describe('evaluasi bulanan: the atasan rates, the pegawai reads', () => {
  it('when the atasan rates last month (hasil di atas, perilaku sesuai) while it is open, then the predikat is Baik, stored with the rater and audited, and the pegawai reads it with the note', async () => {
    await hapus(pegawai.id);
    await atInstant(HARI_5, async () => {
      const a = await masuk(DEMO_ACCOUNTS.atasan);
      const list = await a.get(`/evaluasi?${qs}`);
      expect(list.status).toBe(200);
      expect(list.text).toContain(`/evaluasi/pegawai/${pegawai.id}?${qs.replace('&', '&amp;')}`);
      expect(list.text).toMatch(new RegExp(`data-dinilai="${pegawai.id}"[\\s\\S]*?Belum dinilai`));
      const form = await a.get(`/evaluasi/pegawai/${pegawai.id}?${qs}`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('Capaian Rencana Hasil Kerja');
      expect(form.text).toContain('data-capaian-bulan');
      expect(form.text).toContain('name="perilakuKerja"');

      const res = await nilai(a, pegawai.id, { hasilKerja: 'DI_ATAS', perilakuKerja: 'SESUAI', catatan: 'Dokumentasi modul sudah rapi.' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/evaluasi?${qs}`);
    });
    const row = await evaluasi(pegawai.id);
    expect(row).toMatchObject({
      hasilKerja: 'DI_ATAS',
      perilakuKerja: 'SESUAI',
      predikat: 'Baik',
      catatan: 'Dokumentasi modul sudah rapi.',
      penilaiId: atasan.id,
      penilaiSebagai: null,
      hasilDariOrganisasi: false,
      melanggarKurva: false,
      versi: 1,
      unitId: pegawai.unitId,
    });
    expect(row!.skpId).not.toBeNull();
    const log = await auditOf(row!.id);
    expect(log.map((l) => l.action)).toEqual(['evaluasi.tambah']);
    expect(log[0]).toMatchObject({ actorId: atasan.id, after: expect.objectContaining({ predikat: 'Baik', bulan: lalu.bulan }) });

    const own = await (await as(DEMO_ACCOUNTS.pegawai)).get(`/evaluasi?tahun=${lalu.tahun}`);
    expect(own.status).toBe(200);
    expect(own.text).toContain(`data-predikat="${lalu.bulan}">Baik`);
    expect(own.text).toContain('Dokumentasi modul sudah rapi.');
    const page = await (await as(DEMO_ACCOUNTS.pegawai)).get(`/evaluasi/pegawai/${pegawai.id}?${qs}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-catatan>Dokumentasi modul sudah rapi.');
    expect(page.text).not.toContain('name="perilakuKerja"');
  });

  it('when a field is missing, then 422 says which next to it, keeps what was typed, and writes nothing', async () => {
    await hapus(pegawai.id);
    await atInstant(HARI_5, async () => {
      const a = await masuk(DEMO_ACCOUNTS.atasan);
      const res = await nilai(a, pegawai.id, { hasilKerja: '', perilakuKerja: 'ENTAH', catatan: 'Catatan yang diketik' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Pilih rating hasil kerja.');
      expect(res.text).toContain('Pilih predikat perilaku kerja.');
      expect(res.text).toContain('Catatan yang diketik');
    });
    expect(await evaluasi(pegawai.id)).toBeNull();
  });

  it('when the same rating is posted twice (a double click), then one row and one audit row; when the form is stale, then 409 and the newer rating stays', async () => {
    await hapus(pegawai.id);
    await atInstant(HARI_5, async () => {
      const a = await masuk(DEMO_ACCOUNTS.atasan);
      const page = await a.get(`/evaluasi/pegawai/${pegawai.id}?${qs}`);
      const body = { _csrf: csrfFrom(page.text), versi: '0', hasilKerja: 'SESUAI', perilakuKerja: 'SESUAI', catatan: '' };
      const [r1, r2] = [
        await a.post(`/evaluasi/pegawai/${pegawai.id}?${qs}`).type('form').send(body),
        await a.post(`/evaluasi/pegawai/${pegawai.id}?${qs}`).type('form').send(body),
      ];
      expect([r1.status, r2.status]).toEqual([303, 303]);
      const row = await evaluasi(pegawai.id);
      expect(row).toMatchObject({ predikat: 'Baik', versi: 1 });
      expect(await auditOf(row!.id)).toHaveLength(1);
      // the form opened before that save, now with another rating
      const stale = await a
        .post(`/evaluasi/pegawai/${pegawai.id}?${qs}`)
        .type('form')
        .send({ ...body, hasilKerja: 'DI_BAWAH' });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('baru saja diubah');
      expect(await evaluasi(pegawai.id)).toMatchObject({ hasilKerja: 'SESUAI', versi: 1 });
      // with the version it shows now, the change goes through and is audited before → after
      const ubah = await nilai(a, pegawai.id, { hasilKerja: 'DI_BAWAH', perilakuKerja: 'SESUAI' });
      expect(ubah.status).toBe(303);
      const after = await evaluasi(pegawai.id);
      expect(after).toMatchObject({ hasilKerja: 'DI_BAWAH', predikat: 'Butuh Perbaikan', versi: 2 });
      const log = await auditOf(after!.id);
      expect(log.map((l) => l.action)).toEqual(['evaluasi.tambah', 'evaluasi.ubah']);
      expect(log[1].before).toMatchObject({ hasilKerja: 'SESUAI', predikat: 'Baik' });
    });
  });

  it('when the request carries no CSRF token, then 403 and nothing is written', async () => {
    await hapus(pegawai.id);
    await atInstant(HARI_5, async () => {
      const a = await masuk(DEMO_ACCOUNTS.atasan);
      const res = await a
        .post(`/evaluasi/pegawai/${pegawai.id}?${qs}`)
        .type('form')
        .send({ versi: '0', hasilKerja: 'SESUAI', perilakuKerja: 'SESUAI' });
      expect(res.status).toBe(403);
    });
    expect(await evaluasi(pegawai.id)).toBeNull();
  });
});

describe('who rates: 404 out of reach, 403 readable but not theirs', () => {
  it('when a peer opens or posts the rating, then 404 and nothing is stored', async () => {
    await hapus(pegawai.id);
    await atInstant(HARI_5, async () => {
      const peer = await masuk(REKAN);
      expect((await peer.get(`/evaluasi/pegawai/${pegawai.id}?${qs}`)).status).toBe(404);
      const home = await peer.get('/evaluasi');
      const res = await peer
        .post(`/evaluasi/pegawai/${pegawai.id}?${qs}`)
        .type('form')
        .send({ _csrf: csrfFrom(home.text), versi: '0', hasilKerja: 'DI_BAWAH', perilakuKerja: 'DI_BAWAH' });
      expect(res.status).toBe(404);
      expect((await peer.get(`/evaluasi/pegawai/${pegawai.id}/dokumen.pdf?${qs}`)).status).toBe(404);
    });
    expect(await evaluasi(pegawai.id)).toBeNull();
  });

  it('when the pegawai themself, the pimpinan of their OPD, or the admin (not at the top) posts a rating, then 403; they read it without a form', async () => {
    await hapus(pegawai.id);
    await atInstant(HARI_5, async () => {
      for (const nip of [DEMO_ACCOUNTS.pegawai, KADIS_KOMINFO, DEMO_ACCOUNTS.admin]) {
        const agent = await masuk(nip);
        const page = await agent.get(`/evaluasi/pegawai/${pegawai.id}?${qs}`);
        expect(page.status, nip).toBe(200);
        expect(page.text).not.toContain('name="perilakuKerja"');
        const res = await agent
          .post(`/evaluasi/pegawai/${pegawai.id}?${qs}`)
          .type('form')
          .send({ _csrf: csrfFrom(page.text), versi: '0', hasilKerja: 'DI_ATAS', perilakuKerja: 'DI_ATAS' });
        expect(res.status, nip).toBe(403);
      }
    });
    expect(await evaluasi(pegawai.id)).toBeNull();
  });

  it('when a Plh stands in for the atasan today, then the Plh rates, recorded as Plh on behalf of the atasan', async () => {
    await hapus(pegawai.id);
    const plh = await byNip('198909142015031002');
    const tugas = await prisma.penugasanAtasan.create({
      data: {
        jenis: 'PLH',
        pelaksanaId: plh.id,
        pegawaiId: atasan.id,
        mulai: new Date(`${TEST_TODAY.slice(0, 7)}-01T00:00:00Z`),
        selesai: new Date(`${TEST_TODAY.slice(0, 7)}-28T00:00:00Z`),
        alasan: 'Cuti tahunan',
      },
    });
    try {
      await atInstant(HARI_5, async () => {
        const res = await nilai(await masuk(plh.nip), pegawai.id, { hasilKerja: 'SESUAI', perilakuKerja: 'DI_ATAS' });
        expect(res.status).toBe(303);
      });
      const row = await evaluasi(pegawai.id);
      expect(row).toMatchObject({ penilaiId: plh.id, penilaiSebagai: 'Plh', predikat: 'Baik' });
      const [log] = await auditOf(row!.id);
      expect(log).toMatchObject({ actorId: plh.id, onBehalfOfId: atasan.id, after: expect.objectContaining({ sebagai: 'Plh' }) });
    } finally {
      await prisma.penugasanAtasan.update({ where: { id: tugas.id }, data: { aktif: false } });
    }
  });
});

describe('the top of the hierarchy', () => {
  it("when the Sekda (no atasan) is rated, then only the admin can, on behalf, recorded as such, and hasil kerja follows the Sekretariat Daerah's capaian organisasi", async () => {
    const sekda = await byNip(SEKDA);
    await hapus(sekda.id);
    const setda = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'Setda' } });
    const org = await prisma.kinerjaOrganisasi.findFirstOrThrow({ where: { unitId: setda.id, tahun: lalu.tahun, bulan: lalu.bulan } });
    await atInstant(HARI_5, async () => {
      const admin = await masuk(DEMO_ACCOUNTS.admin);
      const list = await admin.get(`/evaluasi?${qs}`);
      expect(list.text).toMatch(new RegExp(`data-dinilai="${sekda.id}"[\\s\\S]*?sebagai admin \\(atas nama\\)`));
      const res = await nilai(admin, sekda.id, { hasilDariOrganisasi: '1', perilakuKerja: 'SESUAI', catatan: 'Atas nama Bupati' });
      expect(res.status).toBe(303);
      // the atasan of someone else reaches nobody at the top
      expect((await (await masuk(DEMO_ACCOUNTS.atasan)).get(`/evaluasi/pegawai/${sekda.id}?${qs}`)).status).toBe(404);
    });
    const row = await evaluasi(sekda.id);
    const hasil = org.predikat === 'ISTIMEWA' ? 'DI_ATAS' : org.predikat === 'BAIK' ? 'SESUAI' : 'DI_BAWAH';
    expect(row).toMatchObject({ penilaiSebagai: 'admin', hasilDariOrganisasi: true, hasilKerja: hasil, melanggarKurva: false });
    const [log] = await auditOf(row!.id);
    expect(log).toMatchObject({ action: 'evaluasi.tambah', after: expect.objectContaining({ sebagai: 'admin' }) });
  });
});

describe('when: after the month, until it closes', () => {
  it('when this month (not ended yet) is rated, then 422 says from when, and nothing is written', async () => {
    const q = `tahun=${bulanIni.tahun}&bulan=${bulanIni.bulan}`;
    const a = await as(DEMO_ACCOUNTS.atasan);
    const form = await a.get(`/evaluasi/pegawai/${pegawai.id}?${q}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('belum berakhir');
    const res = await nilai(a, pegawai.id, { hasilKerja: 'SESUAI', perilakuKerja: 'SESUAI' }, q);
    expect(res.status).toBe(422);
    expect(res.text).toContain('belum berakhir: evaluasinya dapat diberikan mulai 1 ');
    expect(await evaluasi(pegawai.id, bulanIni)).toBeNull();
  });

  it('when last month is closed (after tutup bulan), then 409 and the rating stays; once the admin reopens the month for the unit, the atasan can change it', async () => {
    const before = await evaluasi(REKAN_ID);
    expect(before).not.toBeNull(); // the demo rated every month up to last month
    const a = await as(DEMO_ACCOUNTS.atasan);
    const tutup = await nilai(a, REKAN_ID, { hasilKerja: 'DI_BAWAH', perilakuKerja: 'DI_BAWAH' });
    expect(tutup.status).toBe(409);
    expect(tutup.text).toContain('sudah ditutup');
    expect(tutup.text).toContain('membuka kembali');
    expect(await evaluasi(REKAN_ID)).toMatchObject({ predikat: before!.predikat, versi: before!.versi });

    const buka = await prisma.bukaBulan.create({
      data: { unitId: kominfo.id, tahun: lalu.tahun, bulan: lalu.bulan, alasan: 'Koreksi evaluasi' },
    });
    try {
      const res = await nilai(a, REKAN_ID, { hasilKerja: 'DI_BAWAH', perilakuKerja: 'DI_BAWAH', konfirmasiKurva: 'ya' });
      expect(res.status).toBe(303);
      expect(await evaluasi(REKAN_ID)).toMatchObject({ predikat: 'Sangat Kurang', versi: before!.versi + 1 });
    } finally {
      await prisma.bukaBulan.update({ where: { id: buka.id }, data: { aktif: false } });
    }
  });
});
describe("the leader's rule: the head of an OPD is rated on hasil kerja by the OPD's capaian organisasi", () => {
  it("when no capaian organisasi is recorded, then 422 tells whom to ask; once the admin records 112 %, the Sekda's rating takes hasil kerja from it whatever is posted", async () => {
    await hapus(kadis.id);
    await prisma.kinerjaOrganisasi.deleteMany({ where: { unitId: kominfo.id, tahun: lalu.tahun, bulan: lalu.bulan } });
    await atInstant(HARI_5, async () => {
      const sekda = await masuk(SEKDA);
      const form = await sekda.get(`/evaluasi/pegawai/${kadis.id}?${qs}`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('mengikuti capaian organisasi, yang untuk periode ini belum dicatat');
      expect(form.text).not.toContain('name="hasilKerja"');
      const tanpa = await nilai(sekda, kadis.id, { hasilDariOrganisasi: '1', perilakuKerja: 'DI_ATAS' });
      expect(tanpa.status).toBe(422);
      expect(tanpa.text).toContain('Kinerja Organisasi');
      expect(tanpa.text).toContain('admin kepegawaian');
      expect(await evaluasi(kadis.id)).toBeNull();

      const admin = await masuk(DEMO_ACCOUNTS.admin);
      const page = await admin.get(`/admin/kinerja-organisasi?${qs}`);
      const rec = await admin
        .post(`/admin/kinerja-organisasi?${qs}`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), unitId: String(kominfo.id), capaian: '112', sumber: 'LKjIP triwulan' });
      expect(rec.status).toBe(303);

      const shown = await sekda.get(`/evaluasi/pegawai/${kadis.id}?${qs}`);
      expect(shown.text).toMatch(/data-hasil-organisasi[^>]*>Di atas ekspektasi/);
      expect(shown.text).toContain('LKjIP triwulan');
      const res = await nilai(sekda, kadis.id, { hasilKerja: 'DI_BAWAH', perilakuKerja: 'DI_ATAS', konfirmasiKurva: 'ya' });
      expect(res.status).toBe(303);
    });
    expect(await evaluasi(kadis.id)).toMatchObject({ hasilKerja: 'DI_ATAS', predikat: 'Sangat Baik', hasilDariOrganisasi: true });
    const org = await prisma.kinerjaOrganisasi.findFirstOrThrow({ where: { unitId: kominfo.id, tahun: lalu.tahun, bulan: lalu.bulan } });
    expect(org).toMatchObject({ predikat: 'ISTIMEWA', sumber: 'LKjIP triwulan' });
    expect(Number(org.capaian)).toBe(112);
  });
});

describe('kurva distribusi: a rating that breaks the curve is saved only when confirmed', () => {
  it('when the OPD is "Sangat Kurang" and the atasan rates Sangat Baik, then the form comes back (422) with the warning and "Tetap simpan", nothing written; confirmed, the rating is stored as melanggar kurva', async () => {
    await hapus(pegawai.id);
    await prisma.kinerjaOrganisasi.upsert({
      where: { unitId_tahun_bulan: { unitId: kominfo.id, tahun: lalu.tahun, bulan: lalu.bulan } },
      create: { unitId: kominfo.id, tahun: lalu.tahun, bulan: lalu.bulan, capaian: 40, predikat: 'SANGAT_KURANG', sumber: 'Uji' },
      update: { capaian: 40, predikat: 'SANGAT_KURANG', sumber: 'Uji' },
    });
    await atInstant(HARI_5, async () => {
      const a = await masuk(DEMO_ACCOUNTS.atasan);
      const warn = await nilai(a, pegawai.id, { hasilKerja: 'DI_ATAS', perilakuKerja: 'DI_ATAS', catatan: 'Luar biasa' });
      expect(warn.status).toBe(422);
      expect(warn.text).toContain('data-kurva-peringatan');
      expect(warn.text).toContain('Predikat Sangat Baik paling banyak 0%');
      expect(warn.text).toContain('name="konfirmasiKurva" value="ya"');
      expect(warn.text).toContain('Luar biasa');
      expect(await evaluasi(pegawai.id)).toBeNull();

      // a rating inside the curve saves without a question
      const baik = await nilai(a, pegawai.id, { hasilKerja: 'SESUAI', perilakuKerja: 'SESUAI' });
      expect(baik.status).toBe(303);
      expect(await evaluasi(pegawai.id)).toMatchObject({ predikat: 'Baik', melanggarKurva: false });

      const tetap = await nilai(a, pegawai.id, {
        hasilKerja: 'DI_ATAS',
        perilakuKerja: 'DI_ATAS',
        catatan: 'Luar biasa',
        konfirmasiKurva: 'ya',
      });
      expect(tetap.status).toBe(303);
    });
    const row = await evaluasi(pegawai.id);
    expect(row).toMatchObject({ predikat: 'Sangat Baik', melanggarKurva: true });
    const log = await auditOf(row!.id);
    expect(log.at(-1)!.after).toMatchObject({ melanggarKurva: true });
  });

  it('when the curve page is opened, then an atasan sees their OPD, the admin every OPD with the broken one warned, and a pegawai who rates nobody is refused', async () => {
    const a = await as(DEMO_ACCOUNTS.atasan);
    const own = await a.get(`/evaluasi/kurva?${qs}`);
    expect(own.status).toBe(200);
    expect(own.text).toContain(`data-kurva="${kominfo.id}"`);
    expect(own.text).toContain('<svg role="img"');

    const admin = await as(DEMO_ACCOUNTS.admin);
    const semua = await admin.get(`/evaluasi/kurva?${qs}`);
    expect(semua.status).toBe(200);
    const dinkes = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'Dinkes' } });
    expect(semua.text).toMatch(new RegExp(`data-opd="${dinkes.id}"[\\s\\S]*?data-status>2 peringatan`));
    const detail = await admin.get(`/evaluasi/kurva?${qs}&unit=${dinkes.id}`);
    expect(detail.text).toContain('data-pelanggaran="maksBaik"');
    expect(detail.text).toContain('data-pelanggaran="minDiBawahBaik"');

    expect((await a.get(`/evaluasi/kurva?${qs}&unit=${dinkes.id}`)).status).toBe(404);
    expect((await (await as(REKAN)).get(`/evaluasi/kurva?${qs}`)).status).toBe(403);
  });
});

describe('kinerja organisasi (admin)', () => {
  it('when the admin enters a wrong capaian or a unit that is no OPD, then 422 next to the field with the value kept, nothing written; a non-admin gets 403', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const page = await admin.get(`/admin/kinerja-organisasi?${qs}`);
    expect(page.status).toBe(200);
    const sebelum = await prisma.kinerjaOrganisasi.count();
    const salah = await admin
      .post(`/admin/kinerja-organisasi?${qs}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), unitId: String(kominfo.id), capaian: 'sembilan puluh', sumber: '' });
    expect(salah.status).toBe(422);
    expect(salah.text).toContain('Tulis capaian sebagai angka persen');
    expect(salah.text).toContain('Sumber data wajib diisi.');
    expect(salah.text).toContain('value="sembilan puluh"');
    const bidang = await prisma.unitKerja.findFirstOrThrow({ where: { indukId: kominfo.id } });
    const bukanOpd = await admin
      .post(`/admin/kinerja-organisasi?${qs}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), unitId: String(bidang.id), capaian: '90', sumber: 'LKjIP' });
    expect(bukanOpd.status).toBe(422);
    expect(bukanOpd.text).toContain('Pilih OPD (unit kerja langsung di bawah Pemda, atau Pemda itu sendiri).');
    expect(await prisma.kinerjaOrganisasi.count()).toBe(sebelum);

    const a = await as(DEMO_ACCOUNTS.atasan);
    expect((await a.get(`/admin/kinerja-organisasi?${qs}`)).status).toBe(403);
    const res = await a
      .post(`/admin/kinerja-organisasi?${qs}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), unitId: String(kominfo.id), capaian: '90', sumber: 'x' });
    expect(res.status).toBe(403);
  });

  it('when the bands of the predikat organisasi are saved out of order, then 422 next to the field; in order, the next capaian takes its predikat from them, audited', async () => {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const page = await admin.get('/admin/pengaturan');
    const body: Record<string, string> = { _csrf: csrfFrom(page.text), zonaWaktu: '' };
    for (const m of page.text.matchAll(/<input id="[^"]+" name="([^"]+)" type="text"[^>]*value="([^"]*)"/g)) body[m[1]] = m[2];
    for (const m of page.text.matchAll(/<select id="[^"]+" name="([^"]+)"[\s\S]*?<option value="([^"]*)" selected/g)) body[m[1]] = m[2];
    expect(body['kurvaDistribusi.BAIK.maksBaik']).toBe('70');
    const sebelum = await prisma.setting.count();
    const salah = await admin
      .post('/admin/pengaturan')
      .type('form')
      .send({ ...body, 'kurvaDistribusi.BAIK.maksBaik': '101' });
    expect(salah.status).toBe(422);
    expect(salah.text).toContain('Baik: Baik paling banyak (%) harus antara 0 dan 100.');
    expect(salah.text).toContain('value="101"');
    const urutan = await admin
      .post('/admin/pengaturan')
      .type('form')
      .send({ ...body, 'predikatOrganisasiBatas.baik': '120' });
    expect(urutan.status).toBe(422);
    expect(urutan.text).toContain('Batas harus menurun: Istimewa &gt; Baik &gt; Butuh Perbaikan &gt; Kurang.');
    expect(await prisma.setting.count()).toBe(sebelum);
    const ok = await admin
      .post('/admin/pengaturan')
      .type('form')
      .send({ ...body, 'predikatOrganisasiBatas.baik': '80' });
    expect(ok.status).toBe(303);
    invalidateSettings();
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'pengaturan.ubah', objectId: 'predikatOrganisasiBatas' } });
    expect(log.after).toMatchObject({ predikatOrganisasiBatas: { baik: 80 } });
    const form = await admin.get(`/admin/kinerja-organisasi?${qs}`);
    const bkpsdm = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'BKPSDM' } });
    const res = await admin
      .post(`/admin/kinerja-organisasi?${qs}`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), unitId: String(bkpsdm.id), capaian: '85,5', sumber: 'Evaluasi Renja' });
    expect(res.status).toBe(303);
    const row = await prisma.kinerjaOrganisasi.findFirstOrThrow({ where: { unitId: bkpsdm.id, tahun: lalu.tahun, bulan: lalu.bulan } });
    expect(row).toMatchObject({ predikat: 'BAIK', sumber: 'Evaluasi Renja' });
    expect(Number(row.capaian)).toBe(85.5);
    expect(
      await prisma.auditLog.count({
        where: { objectType: 'kinerja_organisasi', objectId: String(row.id), action: 'kinerja-organisasi.ubah' },
      }),
    ).toBe(1);
    // sent again (a double click): nothing more is written
    const lagi = await admin
      .post(`/admin/kinerja-organisasi?${qs}`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), unitId: String(bkpsdm.id), capaian: '85,5', sumber: 'Evaluasi Renja' });
    expect(lagi.status).toBe(303);
    expect(await prisma.auditLog.count({ where: { objectType: 'kinerja_organisasi', objectId: String(row.id) } })).toBe(1);
    // back to the defaults for the other tests
    const reset = await admin.get('/admin/pengaturan');
    const again: Record<string, string> = { _csrf: csrfFrom(reset.text), ...body, 'predikatOrganisasiBatas.baik': '90' };
    expect((await admin.post('/admin/pengaturan').type('form').send(again)).status).toBe(303);
    invalidateSettings();
  });
});

describe('documents', () => {
  it('when the pegawai downloads their Dokumen Evaluasi of last month, then the PDF names the period, both people, the RHK, the predikat and the note, with page numbers', async () => {
    const row = await evaluasi(pegawai.id);
    expect(row).not.toBeNull();
    const res = await (await as(DEMO_ACCOUNTS.pegawai)).get(`/evaluasi/pegawai/${pegawai.id}/dokumen.pdf?${qs}`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('DOKUMEN EVALUASI KINERJA PEGAWAI');
    expect(text).toContain(`Evaluasi Kinerja Periodik Bulan `);
    expect(text).toContain(pegawai.nama);
    expect(text).toContain('Pejabat Penilai Kinerja');
    expect(text).toContain('Capaian Rencana Hasil Kerja');
    expect(text).toContain(row!.predikat);
    expect(text).toContain('Umpan Balik Periode Ini');
    expect(text).toMatch(/Halaman 1 dari \d/);
  });

  it("when the annual Dokumen Evaluasi is downloaded, then it lists the months' predikat", async () => {
    const res = await (await as(DEMO_ACCOUNTS.pegawai))
      .get(`/evaluasi/pegawai/${pegawai.id}/dokumen.pdf?tahun=${lalu.tahun}&bulan=`)
      .buffer(true);
    expect(res.status).toBe(200);
    const text = pdfText(res.body as Buffer);
    expect(text).toContain(`Evaluasi Kinerja Tahunan ${lalu.tahun}`);
    expect(text).toContain('Predikat evaluasi bulanan:');
    expect(text).toContain('Belum dinilai.');
  });

  it('when the admin downloads the Pola Distribusi of the broken OPD, then it shows counts and shares per predikat, the bounds, the warnings and the head of the OPD', async () => {
    const dinkes = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'Dinkes' } });
    const res = await (await as(DEMO_ACCOUNTS.admin)).get(`/evaluasi/kurva/pola-distribusi.pdf?unit=${dinkes.id}&${qs}`).buffer(true);
    expect(res.status).toBe(200);
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('POLA DISTRIBUSI PREDIKAT KINERJA PEGAWAI');
    expect(text).toContain('Dinas Kesehatan');
    expect(text).toContain('Predikat organisasi');
    expect(text).toContain('100%');
    expect(text).toContain('Peringatan: Predikat Baik paling banyak 70%');
    const kepala = await prisma.pegawai.findFirstOrThrow({ where: { unitId: dinkes.id, atasan: { nip: SEKDA } } });
    expect(text).toContain(kepala.nama);
    expect((await (await as(DEMO_ACCOUNTS.atasan)).get(`/evaluasi/kurva/pola-distribusi.pdf?unit=${dinkes.id}&${qs}`)).status).toBe(404);
  });

  it('when the old Predikat page is opened, then it moves to Evaluasi Kinerja', async () => {
    const res = await (await as(DEMO_ACCOUNTS.pegawai)).get('/predikat');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/evaluasi');
  });
});
