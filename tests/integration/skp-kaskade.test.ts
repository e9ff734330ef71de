import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Agent, agentsOf, buildApp, csrfFrom, DEMO_ACCOUNTS, postForm } from '../helpers/app.ts';
import { addDays, TEST_TODAY } from '../helpers/clock.ts';
import { useTestDatabase } from '../helpers/db.ts';
import { pembuatPegawai } from './fixtures/skp.ts';

// Issue 19: the cascade of RHK over the pegawai's history (who the atasan was on the SKP's dates, a Plt of the atasan
// post, the top of an OPD and its goals, a loop), the SKP's workflow (Ajukan, Kembalikan, a change after approval),
// Buat SKP, and a mutasi that closes and opens SKP. People and history are made here, in the demo's units.
const db = await useTestDatabase();
const prisma = db.prisma!;
const app = buildApp(db.pool!);
const as = agentsOf(app);
const today = TEST_TODAY;
const Y = Number(today.slice(0, 4));
const d = (s: string) => new Date(`${s}T00:00:00Z`);

const demo = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.pegawai } });
const kominfo = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'Diskominfo' } });
const dinkes = await prisma.unitKerja.findFirstOrThrow({ where: { singkatan: 'Dinkes' } });
const pemda = await prisma.unitKerja.findFirstOrThrow({ where: { indukId: null } });
const seksi = await prisma.unitKerja.findFirstOrThrow({ where: { nama: 'Seksi Pengembangan Aplikasi' } });
/** A pegawai of the demo pegawai's seksi and jabatan (unless the rows say otherwise) with the given history. */
const pegawai = pembuatPegawai(prisma, {
  passwordHash: demo.passwordHash,
  jabatanId: demo.jabatanId,
  unitId: seksi.id,
  dari: 9000,
  nama: 'Pegawai Uji',
});
const seumur = (atasanId: number | null, unitId?: number) => [{ atasanId, awal: null, akhir: null, unitId }];

async function skp(pegawaiId: number, mulai = `${Y}-01-01`, selesai = `${Y}-12-31`, status: 'DRAF' | 'DISETUJUI' = 'DRAF') {
  return prisma.skp.create({
    data: { pegawaiId, tahun: Number(mulai.slice(0, 4)), mulai: d(mulai), selesai: d(selesai), status, unitId: seksi.id },
  });
}
async function rhk(skpId: number, uraian: string, extra: { rhkAtasanId?: number; tujuanOpdId?: number } = {}) {
  return prisma.rhk.create({
    data: {
      skpId,
      uraian,
      ...extra,
      indikator: { create: { aspek: 'KUANTITAS', iki: `Jumlah ${uraian}`, targetAngka: 1, satuan: 'Dokumen' } },
    },
  });
}
const isian = (uraian: string, intervensi: string) => ({
  idempotencyKey: randomUUID(),
  jenis: 'UTAMA',
  uraian,
  intervensi,
  iki_KUANTITAS: 'Jumlah dokumen',
  angka_KUANTITAS: '3',
  satuan_KUANTITAS: 'Dokumen',
});
const tambah = async (agent: Agent, skpId: number, uraian: string, intervensi: string) =>
  postForm(agent, `/skp/${skpId}/rhk/baru`, isian(uraian, intervensi));
const nipOf = async (id: number) => (await prisma.pegawai.findUniqueOrThrow({ where: { id } })).nip;

// A: the atasan from January to June; B: from July (B held another jabatan, with its own SKP, until March)
const A = await pegawai(seumur(null));
const B = await pegawai(seumur(null));
const C = await pegawai(seumur(null));
const P = await pegawai([
  { atasanId: A.id, awal: null, akhir: `${Y}-07-01` },
  { atasanId: B.id, awal: `${Y}-07-01`, akhir: null },
]);
const [sA, sBlama, sBbaru, sC, sP] = [
  await skp(A.id),
  await skp(B.id, `${Y}-01-01`, `${Y}-03-31`),
  await skp(B.id, `${Y}-04-01`, `${Y}-12-31`),
  await skp(C.id),
  await skp(P.id),
];
const [rA, rBlama, rBbaru, rC] = [
  await rhk(sA.id, 'RHK atasan semester satu'),
  await rhk(sBlama.id, 'RHK jabatan lama B'),
  await rhk(sBbaru.id, 'RHK atasan semester dua'),
  await rhk(sC.id, 'RHK orang lain'),
];

describe("an RHK intervenes an RHK of whoever was the atasan on the SKP's dates", () => {
  it('when the pegawai picks an RHK of either atasan of the year, then it is saved; the RHK form lists exactly those', async () => {
    const p = await as(P.nip);
    const form = await p.get(`/skp/${sP.id}/rhk/baru`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`rhk:${rA.id}`);
    expect(form.text).toContain(`rhk:${rBbaru.id}`);
    expect(form.text).not.toContain(`rhk:${rBlama.id}`);
    expect(form.text).not.toContain(`rhk:${rC.id}`);
    expect((await tambah(p, sP.id, 'Mendukung semester satu', `rhk:${rA.id}`)).status).toBe(303);
    expect((await tambah(p, sP.id, 'Mendukung semester dua', `rhk:${rBbaru.id}`)).status).toBe(303);
    expect(await prisma.rhk.count({ where: { skpId: sP.id } })).toBe(2);
  });

  it("when the pegawai picks an RHK of someone who was never their atasan, or of the atasan's SKP of other dates, then 422 and nothing is written", async () => {
    const p = await as(P.nip);
    const a = await tambah(p, sP.id, 'Salah orang', `rhk:${rC.id}`);
    expect(a.status).toBe(422);
    expect(a.text).toContain('bukan RHK atasan Anda pada periode SKP ini');
    const b = await tambah(p, sP.id, 'Salah tanggal', `rhk:${rBlama.id}`);
    expect(b.status).toBe(422);
    expect(b.text).toContain('bukan RHK atasan Anda pada periode SKP ini');
    expect(await prisma.rhk.count({ where: { uraian: { in: ['Salah orang', 'Salah tanggal'] } } })).toBe(0);
  });

  it("when the atasan post is vacant and a Plt holds it, then the pegawai intervenes the Plt's RHK", async () => {
    const pos = await prisma.jabatan.findFirstOrThrow({ where: { id: { not: demo.jabatanId! }, unitId: seksi.id } });
    const bawah = await prisma.jabatan.create({
      data: { nama: `Jabatan uji ${randomUUID().slice(0, 8)}`, jenis: 'PELAKSANA', kelas: 7, unitId: seksi.id, atasanJabatanId: pos.id },
    });
    const plt = await pegawai(seumur(null));
    await prisma.penugasanAtasan.create({
      data: {
        jenis: 'PLT',
        pelaksanaId: plt.id,
        jabatanId: pos.id,
        mulai: d(`${Y}-01-01`),
        selesai: d(`${Y}-12-31`),
        alasan: 'Jabatan kosong',
      },
    });
    const Q = await pegawai([{ atasanId: null, awal: null, akhir: null, jabatanId: bawah.id }]);
    const [sPlt, sQ] = [await skp(plt.id), await skp(Q.id)];
    const rPlt = await rhk(sPlt.id, 'RHK Plt');
    const res = await tambah(await as(Q.nip), sQ.id, 'Mendukung Plt', `rhk:${rPlt.id}`);
    expect(res.status).toBe(303);
    expect((await prisma.rhk.findFirstOrThrow({ where: { skpId: sQ.id } })).rhkAtasanId).toBe(rPlt.id);
    // the Plt is the pejabat penilai on the SKP, and approves it
    const page = await (await as(Q.nip)).get(`/skp/${sQ.id}`);
    expect(page.text).toMatch(new RegExp(`${plt.nama} <span class="badge[^>]*>Plt</span>`));
    expect((await (await as(plt.nip)).get(`/skp/${sQ.id}`)).status).toBe(200);
  });

  it("when two people were each other's atasan in turn and their RHK would intervene each other, then 422 (the database refuses the loop) and nothing changes", async () => {
    const X = await pegawai(seumur(null));
    const Z = await pegawai([
      { atasanId: X.id, awal: null, akhir: `${Y}-07-01` },
      { atasanId: null, awal: `${Y}-07-01`, akhir: null },
    ]);
    await prisma.riwayatJabatan.deleteMany({ where: { pegawaiId: X.id } });
    await prisma.riwayatJabatan.createMany({
      data: [
        { pegawaiId: X.id, atasanId: null, jabatanId: demo.jabatanId, unitId: seksi.id, tmtAwal: null, tmtAkhir: d(`${Y}-07-01`) },
        { pegawaiId: X.id, atasanId: Z.id, jabatanId: demo.jabatanId, unitId: seksi.id, tmtAwal: d(`${Y}-07-01`), tmtAkhir: null },
      ],
    });
    const [sX, sZ] = [await skp(X.id), await skp(Z.id)];
    const rX = await rhk(sX.id, 'RHK X');
    const rZ = await rhk(sZ.id, 'RHK Z', { rhkAtasanId: rX.id });
    const res = await postForm(await as(X.nip), `/skp/${sX.id}/rhk/${rX.id}/ubah`, isian('RHK X', `rhk:${rZ.id}`));
    expect(res.status).toBe(422);
    expect(res.text).toContain('intervensi berputar');
    expect((await prisma.rhk.findUniqueOrThrow({ where: { id: rX.id } })).rhkAtasanId).toBeNull();
  });
});

// the top: no atasan (Plt included) in the same OPD over the SKP's dates — a Kepala OPD under the Sekda, the Sekda
const sekda = await prisma.pegawai.findUniqueOrThrow({ where: { nip: '196805201993031004' } });
const kadis = await prisma.pegawai.findUniqueOrThrow({ where: { nip: '197004151996031002' } });
const tujuan = (unitId: number) => prisma.tujuanOpd.findFirstOrThrow({ where: { unitId, tahun: Y } });

describe("the top of an OPD intervenes its OPD's goals", () => {
  it("when a Kepala OPD whose atasan is the Sekda picks a goal of their OPD, then it is saved; a goal of another OPD or the Sekda's RHK is 422", async () => {
    const k = await as(kadis.nip);
    const s = await prisma.skp.findFirstOrThrow({ where: { pegawaiId: kadis.id, tahun: Y } });
    const form = await k.get(`/skp/${s.id}/rhk/baru`);
    expect(form.text).toContain('Tujuan OPD yang diintervensi');
    const rSekda = await prisma.rhk.findFirstOrThrow({ where: { skp: { pegawaiId: sekda.id, tahun: Y } } });
    const lain = await tambah(k, s.id, 'Tujuan OPD lain', `tujuan:${(await tujuan(dinkes.id)).id}`);
    expect(lain.status).toBe(422);
    expect(lain.text).toContain('bukan tujuan OPD Anda');
    const keSekda = await tambah(k, s.id, 'Ke RHK Sekda', `rhk:${rSekda.id}`);
    expect(keSekda.status).toBe(422);
    expect(keSekda.text).toContain('pimpinan tertinggi OPD');
    const ok = await tambah(k, s.id, 'Sasaran baru dinas', `tujuan:${(await tujuan(kominfo.id)).id}`);
    expect(ok.status).toBe(303);
  });

  it('when the Sekda (no atasan at all) picks a goal of the Pemda, then it is saved', async () => {
    const s = await prisma.skp.findFirstOrThrow({ where: { pegawaiId: sekda.id, tahun: Y } });
    const res = await tambah(await as(sekda.nip), s.id, 'Sasaran Pemda', `tujuan:${(await tujuan(pemda.id)).id}`);
    expect(res.status).toBe(303);
  });

  it("when a pegawai in a seksi has no atasan in the history, then they are the top of their OPD and intervene the OPD's goals, not a seksi's", async () => {
    // (no jabatan: a Plt of the seksi's head post would be their atasan)
    const T = await pegawai([{ atasanId: null, awal: null, akhir: null, jabatanId: null }]);
    const s = await skp(T.id);
    const t = await as(T.nip);
    expect((await tambah(t, s.id, 'Sasaran dinas', `tujuan:${(await tujuan(kominfo.id)).id}`)).status).toBe(303);
  });
});

describe('the SKP workflow: Ajukan, Kembalikan with a note, corrections, a change after approval', () => {
  it('when the pegawai submits an SKP whose RHK utama intervenes nothing, then 422 with the reason; after linking it, the atasan gets it, returns it with a note, and it is submitted again', async () => {
    const A = await pegawai(seumur(null));
    const P = await pegawai(seumur(A.id));
    const [sA, sP] = [await skp(A.id), await skp(P.id)];
    const rA = await rhk(sA.id, 'RHK tim');
    const p = await as(P.nip);
    const kosong = await postForm(p, `/skp/${sP.id}/ajukan`, {});
    expect(kosong.status).toBe(422);
    expect(kosong.text).toContain('belum memiliki RHK utama');
    const r = await rhk(sP.id, 'RHK tanpa intervensi');
    const belum = await postForm(p, `/skp/${sP.id}/ajukan`, {});
    expect(belum.status).toBe(422);
    expect(belum.text).toContain('harus mengintervensi salah satu RHK atasan');
    expect((await prisma.skp.findUniqueOrThrow({ where: { id: sP.id } })).status).toBe('DRAF');
    expect((await postForm(p, `/skp/${sP.id}/rhk/${r.id}/ubah`, isian('RHK tanpa intervensi', `rhk:${rA.id}`))).status).toBe(303);
    expect((await postForm(p, `/skp/${sP.id}/ajukan`, {})).status).toBe(303);
    const diajukan = await prisma.skp.findUniqueOrThrow({ where: { id: sP.id } });
    expect(diajukan.status).toBe('DIAJUKAN');
    expect(await prisma.auditLog.count({ where: { action: 'skp.ajukan', objectId: String(sP.id) } })).toBe(1);

    const a = await as(A.nip);
    const tanpa = await postForm(a, `/skp/${sP.id}/kembalikan`, { versi: String(diajukan.versi), catatan: '' });
    expect(tanpa.status).toBe(422);
    expect(tanpa.text).toContain('Catatan wajib diisi');
    const back = await postForm(a, `/skp/${sP.id}/kembalikan`, { versi: String(diajukan.versi), catatan: 'Tambahkan aspek waktu.' });
    expect(back.status).toBe(303);
    const kembali = await prisma.skp.findUniqueOrThrow({ where: { id: sP.id } });
    expect(kembali).toMatchObject({ status: 'DIKEMBALIKAN', catatanAtasan: 'Tambahkan aspek waktu.', diputusOlehId: A.id });
    expect((await p.get(`/skp/${sP.id}`)).text).toContain('Tambahkan aspek waktu.');
    // a correction keeps it returned until the pegawai submits it
    expect(
      (await postForm(p, `/skp/${sP.id}/lampiran`, { dukunganSumberDaya: 'Laptop', skemaPertanggungjawaban: '', konsekuensi: '' })).status,
    ).toBe(303);
    expect((await prisma.skp.findUniqueOrThrow({ where: { id: sP.id } })).status).toBe('DIKEMBALIKAN');
    expect((await postForm(p, `/skp/${sP.id}/ajukan`, {})).status).toBe(303);
    const lagi = await prisma.skp.findUniqueOrThrow({ where: { id: sP.id } });
    expect(lagi).toMatchObject({ status: 'DIAJUKAN', catatanAtasan: null });
    // approved, then the pegawai changes the Lampiran: back to the atasan
    expect((await postForm(a, `/skp/${sP.id}/setujui`, { versi: String(lagi.versi) })).status).toBe(303);
    expect(
      (
        await postForm(p, `/skp/${sP.id}/lampiran`, {
          dukunganSumberDaya: 'Laptop dan jaringan',
          skemaPertanggungjawaban: '',
          konsekuensi: '',
        })
      ).status,
    ).toBe(303);
    expect((await prisma.skp.findUniqueOrThrow({ where: { id: sP.id } })).status).toBe('DIAJUKAN');
  });

  it('when the atasan writes ekspektasi khusus, then they are kept per value and shown to the pegawai; the pegawai cannot write them (403)', async () => {
    const A = await pegawai(seumur(null));
    const P = await pegawai(seumur(A.id));
    const s = await skp(P.id);
    const a = await as(A.nip);
    expect(
      (await postForm(a, `/skp/${s.id}/ekspektasi`, { ADAPTIF: 'Mencoba satu cara kerja baru tiap triwulan.', LOYAL: '' })).status,
    ).toBe(303);
    expect(await prisma.skpPerilaku.findMany({ where: { skpId: s.id }, select: { nilai: true, ditulisOlehId: true } })).toEqual([
      { nilai: 'ADAPTIF', ditulisOlehId: A.id },
    ]);
    expect((await (await as(P.nip)).get(`/skp/${s.id}`)).text).toContain('Mencoba satu cara kerja baru tiap triwulan.');
    expect((await postForm(await as(P.nip), `/skp/${s.id}/ekspektasi`, { ADAPTIF: 'x' })).status).toBe(403);
    expect(await prisma.auditLog.count({ where: { action: 'skp.ekspektasi', objectId: String(s.id) } })).toBe(1);
  });

  it('when a form is posted without its CSRF token, then 403 and nothing is written', async () => {
    const P = await pegawai(seumur(null));
    const s = await skp(P.id);
    const p = await as(P.nip);
    const res = await p.post(`/skp/${s.id}/lampiran`).type('form').send({ dukunganSumberDaya: 'Tanpa token' });
    expect(res.status).toBe(403);
    expect((await prisma.skp.findUniqueOrThrow({ where: { id: s.id } })).dukunganSumberDaya).toBeNull();
  });
});

describe('Buat SKP', () => {
  it("when the pegawai presses Buat SKP twice, then one SKP covers their jabatan's stretch of the year, after the SKP they already have", async () => {
    const P = await pegawai([
      { atasanId: null, awal: null, akhir: `${Y}-03-01`, jabatanId: null },
      { atasanId: null, awal: `${Y}-03-01`, akhir: null },
    ]);
    const p = await as(P.nip);
    const page = await p.get(`/skp?tahun=${Y}`);
    const key = randomUUID();
    const kirim = () =>
      p
        .post('/skp/buat')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), tahun: String(Y), idempotencyKey: key });
    const [a, b] = [await kirim(), await kirim()];
    expect(a.status).toBe(303);
    expect(b.headers.location).toBe(a.headers.location);
    const list = await prisma.skp.findMany({ where: { pegawaiId: P.id } });
    expect(list.map((s) => [s.mulai.toISOString().slice(0, 10), s.selesai.toISOString().slice(0, 10), s.status])).toEqual([
      [`${Y}-03-01`, `${Y}-12-31`, 'DRAF'],
    ]);
    expect(await prisma.auditLog.count({ where: { action: 'skp.buat', objectId: String(list[0].id) } })).toBe(1);
  });
});

describe('a mutasi closes the SKP at its TMT and opens one for the new jabatan', () => {
  async function mutasi(pegawaiId: number, o: { jabatanId: number | null; unitId: number; nipAtasan: string }) {
    const admin = await as(DEMO_ACCOUNTS.admin);
    const page = await admin.get(`/admin/pegawai/${pegawaiId}/riwayat`);
    const versi = /name="versi" value="([^"]*)"/.exec(page.text)![1];
    return admin
      .post(`/admin/pegawai/${pegawaiId}/mutasi`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        versi,
        tmt: today,
        unitId: String(o.unitId),
        jabatanId: o.jabatanId ? String(o.jabatanId) : '',
        nipAtasan: o.nipAtasan,
        alasan: 'SK Bupati 821/19/2026',
      });
  }

  it("when the jabatan changes, then the SKP ends the day before the TMT, a draft for the new jabatan starts at the TMT, and next year's SKP follows the new jabatan as a draft", async () => {
    const A = await pegawai(seumur(null));
    const P = await pegawai(seumur(A.id));
    await prisma.pegawai.update({ where: { id: P.id }, data: {} });
    const berjalan = await skp(P.id, `${Y}-01-01`, `${Y}-12-31`, 'DISETUJUI');
    await prisma.skp.update({ where: { id: berjalan.id }, data: { jabatanId: demo.jabatanId } });
    const depan = await skp(P.id, `${Y + 1}-01-01`, `${Y + 1}-12-31`, 'DISETUJUI');
    await prisma.skp.update({ where: { id: depan.id }, data: { jabatanId: demo.jabatanId } });
    const jabatanBaru = await prisma.jabatan.findFirstOrThrow({ where: { unitId: seksi.id, id: { not: demo.jabatanId! } } });
    const res = await mutasi(P.id, { jabatanId: jabatanBaru.id, unitId: seksi.id, nipAtasan: await nipOf(A.id) });
    expect(res.status).toBe(303);
    const list = await prisma.skp.findMany({ where: { pegawaiId: P.id }, orderBy: { mulai: 'asc' } });
    expect(list.map((s) => [s.mulai.toISOString().slice(0, 10), s.selesai.toISOString().slice(0, 10), s.jabatanId, s.status])).toEqual([
      [`${Y}-01-01`, addDays(today, -1), demo.jabatanId, 'DISETUJUI'],
      [today, `${Y}-12-31`, jabatanBaru.id, 'DRAF'],
      [`${Y + 1}-01-01`, `${Y + 1}-12-31`, jabatanBaru.id, 'DRAF'],
    ]);
  });

  it("when the pegawai CSV import changes a jabatan, then the import's day is the TMT: the SKP closes the day before and a draft opens", async () => {
    const budi = await prisma.pegawai.findUniqueOrThrow({ where: { nip: DEMO_ACCOUNTS.atasan } });
    const P = await pegawai(seumur(budi.id));
    await prisma.pegawai.update({ where: { id: P.id }, data: { golongan: 'III_A' } });
    const s = await skp(P.id, `${Y}-01-01`, `${Y}-12-31`, 'DISETUJUI');
    await prisma.skp.update({ where: { id: s.id }, data: { jabatanId: demo.jabatanId } });
    const baru = await prisma.jabatan.findFirstOrThrow({ where: { unitId: seksi.id, id: { not: demo.jabatanId! } } });
    const admin = await as(DEMO_ACCOUNTS.admin);
    const token = csrfFrom((await admin.get('/admin/impor')).text);
    const csv = `nip,nama,golongan,unit_kerja,jabatan,nip_atasan,peran\n${P.nip},${P.nama},III/a,${seksi.nama},${baru.nama},${budi.nip},pegawai\n`;
    const res = await admin
      .post(`/admin/impor/pegawai?_csrf=${encodeURIComponent(token)}`)
      .attach('berkas', Buffer.from(csv), 'pegawai.csv');
    expect(res.status).toBe(200);
    const list = await prisma.skp.findMany({ where: { pegawaiId: P.id }, orderBy: { mulai: 'asc' } });
    expect(list.map((x) => [x.mulai.toISOString().slice(0, 10), x.selesai.toISOString().slice(0, 10), x.jabatanId, x.status])).toEqual([
      [`${Y}-01-01`, addDays(today, -1), demo.jabatanId, 'DISETUJUI'],
      [today, `${Y}-12-31`, baru.id, 'DRAF'],
    ]);
  });

  it('when only the atasan changes, then the SKP stays as it is', async () => {
    const A = await pegawai(seumur(null));
    const B = await pegawai(seumur(null));
    const P = await pegawai(seumur(A.id));
    const s = await skp(P.id, `${Y}-01-01`, `${Y}-12-31`, 'DISETUJUI');
    await prisma.skp.update({ where: { id: s.id }, data: { jabatanId: demo.jabatanId } });
    expect((await mutasi(P.id, { jabatanId: demo.jabatanId, unitId: seksi.id, nipAtasan: await nipOf(B.id) })).status).toBe(303);
    const after = await prisma.skp.findMany({ where: { pegawaiId: P.id } });
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: s.id, status: 'DISETUJUI', selesai: d(`${Y}-12-31`) });
  });
});
